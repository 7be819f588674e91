"""nbgrader's hook functions of this course (set in nbgrader_config.py by their dotted names).

* :func:`prepare_submission` (``Autograde.pre_convert_hook``) sets aside links, special files and
  large or sparse extra files before nbgrader copies anything, and an unreadable notebook too
  (:func:`set_aside_unreadable`);
* :func:`feedback_pages_only` (``GenerateFeedback.post_convert_hook``) leaves the feedback pages and
  nothing else.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import nbformat

from autograder.paths import released_notebook

SET_ASIDE = ".set-aside"  # nbgrader_config.py tells nbgrader to ignore this suffix: never copied, never graded


EXTRA_FILE_BYTES = 16 * 2**20  # a submitted file that is not a notebook: larger ones are set aside


def prepare_submission(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``Autograde.pre_convert_hook``, run before nbgrader copies anything from ``submitted/``.

    Links (what ``unzip`` or ``tar`` make of a student's archive), fifos, sockets and devices, and
    non-notebook files that are large or sparse, are set aside: renamed ``<name>.set-aside``, which
    nbgrader ignores, so that nothing outside the submission is copied into the sandbox or graded. A
    notebook that was a link is graded as handed out. Every notebook says what was set aside, so the
    feedback does. Then an unreadable notebook is set aside too (:func:`set_aside_unreadable`).

    nbgrader only logs an exception from this hook and goes on; an unexpected error here therefore stops
    the process (SystemExit), so the student is reported as failed rather than graded unsafely."""
    try:
        _prepare_submission(assignment, notebooks)
    except Exception as exc:
        raise SystemExit(
            f"refusing to grade {student}/{assignment}: the submission could not be checked "
            f"for links ({type(exc).__name__}: {exc})"
        ) from None


def _prepare_submission(assignment: str, notebooks: list[str]) -> None:
    if not notebooks:
        return
    folder = Path(notebooks[0]).parent
    course_root = folder.parents[2]
    for part in (course_root / "submitted", folder.parent, folder):
        if part.is_symlink():
            raise RuntimeError(f"{part} is a link")
    notes = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if name.endswith(SET_ASIDE):
                continue
            info = path.lstat()
            relative = path.relative_to(folder)
            if stat.S_ISLNK(info.st_mode):
                why = f"`{relative}` is a link (to `{os.readlink(path)}`)"
            elif stat.S_ISDIR(info.st_mode):
                continue
            elif not stat.S_ISREG(info.st_mode):
                why = f"`{relative}` is not a regular file"
            elif path.suffix != ".ipynb" and info.st_size > EXTRA_FILE_BYTES:
                why = f"`{relative}` is larger than {EXTRA_FILE_BYTES // 2**20} MiB"
            elif path.suffix != ".ipynb" and info.st_blocks * 512 < info.st_size - 4096:
                why = f"`{relative}` is a sparse file"
            else:
                continue
            path.rename(path.with_name(name + SET_ASIDE))
            notes.append(why)
    for notebook in map(Path, notebooks):
        if not os.path.lexists(notebook):  # it was a link: grade the notebook as handed out
            stand_in = nbformat.read(released_notebook(assignment, notebook.name, course_root), as_version=4)
            notebook.write_text(json.dumps(stand_in, indent=1), encoding="utf-8")
    if notes:
        note = (
            "**Part of your submission was set aside and not graded**: " + "; ".join(notes) + ". "
            "Links are not accepted in a submission (submit the files themselves); a notebook that was "
            "a link was graded as the notebook handed out, with no answers."
        )
        for notebook in map(Path, notebooks):
            try:
                nb = nbformat.read(notebook, as_version=4)
            except Exception:
                continue  # unreadable: set_aside_unreadable says so
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))
            notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    set_aside_unreadable(assignment, "", notebooks)


def feedback_pages_only(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``GenerateFeedback.post_convert_hook``: a feedback folder holds the feedback pages and nothing
    else (nbgrader copies every other file of the graded folder there)."""
    if not notebooks:
        return
    coursedir_root = Path(notebooks[0]).parents[3]
    folder = coursedir_root / "feedback" / Path(notebooks[0]).parent.parent.name / assignment
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames + dirnames:
            path = Path(dirpath) / name
            if path.is_symlink() or (path.is_file() and path.suffix != ".html"):
                path.unlink()
            elif path.is_dir():
                try:
                    path.rmdir()
                except OSError:
                    pass


def set_aside_unreadable(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``Autograde.pre_convert_hook``: a submitted file that is not a readable notebook is kept, renamed
    ``<name>.ipynb.unreadable``, and replaced by the handed-out notebook with a note saying why, so the
    student gets feedback (and no points) instead of vanishing from the grade sheet."""
    for path in map(Path, notebooks):
        try:
            nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))
            continue
        except Exception as exc:  # any reason at all: bad JSON, bad encoding, not a notebook
            reason = f"{type(exc).__name__}: {str(exc)[:300]}"
        course_root = path.parents[3]
        stand_in = nbformat.read(released_notebook(assignment, path.name, course_root), as_version=4)
        stand_in.cells.insert(
            0,
            nbformat.v4.new_markdown_cell(
                f"**Your submitted `{path.name}` could not be read as a notebook** ({reason}), so it was "
                "graded as the notebook handed out, with no answers. The file you submitted is kept as "
                f"`{path.name}.unreadable`."
            ),
        )
        path.rename(path.with_name(path.name + ".unreadable"))
        path.write_text(json.dumps(stand_in, indent=1), encoding="utf-8")
