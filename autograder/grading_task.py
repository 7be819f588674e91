"""One student's submission graded on a Dask worker, with no filesystem shared with the instructor.

``grade_class`` (the instructor's side) sends a :class:`Submission`: the student's files as data, the
fingerprint of the instructor's course, and the extra nbgrader options. On the worker,
:func:`grade_submission`

1. refuses (:class:`CourseMismatch`) unless the worker's installed course has the same fingerprint
   (``autograder.fingerprint``): a worker at another commit would grade against other solutions;
2. lays out a private scratch course in the worker's local directory: the worker's own ``source/``,
   ``nbgrader_config.py`` and a fresh SQLite gradebook with the assignment generated (a template built
   once per machine, course and assignment, then copied), and the submission in
   ``submitted/<student>/<assignment>/``;
3. runs nbgrader's own ``autograde <assignment> --student <id> --force`` there, inside the worker's
   process (:func:`autograde_in_process`; a new process for every submission cost a second of CPU, as
   much as executing a short notebook), with the same configuration files in the same order and the same
   fail-closed guard as ``nbgrader autograde`` on one machine, so the sandbox, the trusted checks and the
   link refusal of ``prepare_submission`` all apply exactly as there;
4. returns a :class:`Graded`: the files of ``autograded/<student>/<assignment>/``, the per-cell scores
   and comments from the scratch gradebook, the submission's timestamp and nbgrader's log.

A failed ``nbgrader autograde`` raises :class:`GradingFailed` with the end of its log, so that Dask's
``retries`` apply. The worker never writes the instructor's gradebook or folders.

Links and special files in a submission are sent as what they are (a link's target text, "a special
file", a large file's size), never followed or read, and re-created as such in the scratch copy, where
``prepare_submission`` sets them aside with the note the student sees, as it does on one machine. A large
non-notebook file travels as its size only (the hook sets it aside for its size); a small sparse file
travels as its bytes, so it is graded rather than set aside (copying it costs at most 16 MiB).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nbgrader.api import Gradebook

from autograder.fingerprint import CODE_ROOT, course_fingerprint
from autograder.nbgrader_cli import nbgrader_env, nbgrader_here, sqlite_url
from autograder.preprocessors.hooks import EXTRA_FILE_BYTES

LOG_TAIL = 4000  # characters of nbgrader's log kept in an error message


class CourseMismatch(RuntimeError):
    """This worker's installed course differs from the instructor's: it must not grade."""


class GradingFailed(RuntimeError):
    """``nbgrader autograde`` failed for this submission (the message ends with its log)."""


@dataclass(frozen=True)
class Entry:
    """One item of a submitted folder: a regular file's bytes, or what stands in for anything else."""

    path: str  # relative, with "/" separators
    kind: str  # "file", "link", "special" (fifo, socket, device) or "large" (a non-notebook over the limit)
    data: bytes = b""  # a file's bytes
    target: str = ""  # a link's target, as text
    size: int = 0  # a large file's size


@dataclass(frozen=True)
class Submission:
    assignment: str
    student: str
    entries: tuple[Entry, ...]
    fingerprint: str  # of the instructor's course
    nbgrader_args: tuple[str, ...] = ()


@dataclass
class Graded:
    assignment: str
    student: str
    files: dict[str, bytes]  # autograded/<student>/<assignment>/, relative path -> bytes
    scores: dict[str, dict[str, float | None]]  # notebook -> grade id -> auto score
    comments: dict[str, dict[str, str | None]]  # notebook -> grade id -> auto comment
    timestamp: object  # datetime of the submission, or None
    log: str
    worker: str = field(default_factory=socket.gethostname)
    seconds: float = 0.0


def read_submission(folder: Path) -> tuple[Entry, ...]:
    """The entries of a submitted folder, read without following any link."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(folder):  # os.walk does not descend into linked folders
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            path = Path(dirpath) / name
            relative = path.relative_to(folder).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                entries.append(Entry(relative, "link", target=os.readlink(path)))
            elif not stat.S_ISREG(info.st_mode):
                entries.append(Entry(relative, "special"))
            elif path.suffix != ".ipynb" and info.st_size > EXTRA_FILE_BYTES:
                entries.append(Entry(relative, "large", size=info.st_size))
            else:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
                with os.fdopen(fd, "rb") as f:
                    entries.append(Entry(relative, "file", data=f.read()))
    return tuple(entries)


def safe_relative(path: str) -> PurePosixPath:
    """``path`` as a relative path that stays inside the folder it is joined to."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or not relative.parts or any(p in ("", ".", "..") for p in relative.parts):
        raise ValueError(f"refusing the path {path!r}: a relative path inside the folder was expected")
    return relative


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; refuse if anything (a link included) is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def recorded_grades(gb: Gradebook, assignment: str, student: str) -> tuple[dict, dict]:
    """The auto scores and auto comments a gradebook holds for a submission: notebook -> grade id -> value."""
    notebooks = gb.find_submission(assignment, student).notebooks
    scores = {nb.name: {g.name: g.auto_score for g in nb.grades} for nb in notebooks}
    comments = {nb.name: {c.name: c.auto_comment for c in nb.comments} for nb in notebooks}
    return scores, comments


def write_entries(folder: Path, entries: tuple[Entry, ...]) -> None:
    """Re-create a submitted folder's entries in the empty folder ``folder`` (links stay links, unfollowed)."""
    for entry in entries:
        path = folder / safe_relative(entry.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.kind == "file":
            write_new_file(path, entry.data)
        elif entry.kind == "link":
            os.symlink(entry.target, path)
        elif entry.kind == "special":
            os.mkfifo(path)
        elif entry.kind == "large":
            with open(path, "xb") as f:
                f.truncate(entry.size)  # takes no room: the hook sets it aside for its size
        else:
            raise ValueError(f"unknown kind of entry {entry.kind!r} for {entry.path!r}")


def read_files(folder: Path) -> dict[str, bytes]:
    """The regular files under ``folder`` (links are skipped; the graded folder holds none anyway)."""
    files = {}
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            if stat.S_ISREG(path.lstat().st_mode):
                files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return dict(sorted(files.items()))


def scratch_root() -> Path:
    """The Dask worker's own local directory (each worker has one); the system's temporary folder elsewhere."""
    try:
        from distributed import get_worker

        return Path(get_worker().local_directory)
    except (ImportError, ValueError):
        return Path(tempfile.gettempdir())


FAIL_CLOSED = Path(__file__).resolve().parent / "failclosed"


def scratch_env() -> dict[str, str]:
    """nbgrader's environment, made to stop rather than grade with nbgrader's defaults when the course's
    nbgrader_config.py is broken (an error loading it is raised, not logged) or missing or replaced (the
    fail-closed configuration in autograder/failclosed/ is loaded first and then stands). The scratch
    gradebook is the only one: a server named in the worker's environment is not used."""
    env = nbgrader_env()
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(FAIL_CLOSED), env.get("JUPYTER_CONFIG_PATH")]))
    env["TRAITLETS_APPLICATION_RAISE_CONFIG_FILE_ERROR"] = "1"
    env.pop("NBGRADER_DB_URL", None)
    return env


TEMPLATE_DAYS = 7  # a template not used for this long is deleted when another is built


def templates_root() -> Path:
    """Where the worker processes of this user on this machine keep their template courses, shared: a
    template depends only on the course's fingerprint and the assignment, so one build serves them all.
    A folder only this user may enter; anything else there is refused, since a template holds the
    configuration that grading follows."""
    root = Path(tempfile.gettempdir()) / f"autograder-templates-{os.getuid()}"
    try:
        root.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = root.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise GradingFailed(f"{root} is not a folder that only this user may enter: refusing to grade from it")
    return root


def _prune_templates(root: Path, keep: Path) -> None:
    """Delete the template courses not used for TEMPLATE_DAYS (other commits' courses, mostly), and what
    a worker killed while building one left."""
    old = time.time() - TEMPLATE_DAYS * 86400
    for path in [*root.glob("course-*"), *root.glob("building-*")]:
        if path != keep and path.is_dir() and not path.is_symlink() and path.stat().st_mtime < old:
            shutil.rmtree(path, ignore_errors=True)


def template_course(assignment: str, fingerprint: str) -> Path:
    """A scratch course with this worker's source and configuration and a gradebook that has the assignment
    generated; built once per machine, assignment and fingerprint (``generate_assignment`` takes seconds),
    then only copied."""
    root = templates_root()
    template = root / f"course-{fingerprint[:32]}-{assignment}"
    if template.is_dir() and not template.is_symlink():
        os.utime(template)  # in use: not pruned
        return template
    building = Path(tempfile.mkdtemp(prefix="building-", dir=root))
    (building / "source").mkdir()
    shutil.copytree(CODE_ROOT / "source" / assignment, building / "source" / assignment)
    shutil.copy(CODE_ROOT / "nbgrader_config.py", building / "nbgrader_config.py")
    db = f"--CourseDirectory.db_url={sqlite_url(building)}"
    for args in (["db", "assignment", "add", assignment], ["generate_assignment", assignment, "--force"]):
        status, log = nbgrader_in_scratch(building, *args, db)
        if status != 0:
            shutil.rmtree(building, ignore_errors=True)
            raise GradingFailed(
                f"the worker could not prepare {assignment}: nbgrader {' '.join(args)} failed:\n{log[-LOG_TAIL:]}"
            )
    try:
        building.rename(template)
    except OSError:  # another worker built it meanwhile
        shutil.rmtree(building, ignore_errors=True)
    _prune_templates(root, template)
    return template


# The course this process's code was loaded from: a course changed on disk since would be graded by the old
# code in memory (nbgrader's plug-ins, imported once) and the new files read from disk, a mix of two commits.
LOADED_FINGERPRINT = course_fingerprint(CODE_ROOT)


def nbgrader_in_scratch(course: Path, *args: str) -> tuple[int, str]:
    """Run ``nbgrader *args`` for the scratch course ``course`` in this process; return its exit status and
    log. The fail-closed configuration is loaded first and a configuration file that fails to load stops
    the run (``scratch_env`` says why). ``NBGRADER_DB_URL`` is ignored: ``args`` name the scratch gradebook,
    and a command-line option outranks every configuration file."""
    return nbgrader_here(course, *args, first_config=(str(FAIL_CLOSED),), strict=True)


def autograde_in_process(course: Path, args: list[str]) -> tuple[int, str]:
    """``nbgrader autograde *args`` for the scratch course ``course``, in this process (see nbgrader_in_scratch)."""
    return nbgrader_in_scratch(course, "autograde", *args)


def grade_submission(submission: Submission) -> Graded:
    """The Dask task: grade one student's submission in a private scratch course (module docstring)."""
    start = time.monotonic()
    mine = course_fingerprint(CODE_ROOT)
    if mine != submission.fingerprint:
        raise CourseMismatch(
            f"worker {socket.gethostname()} refuses to grade: its course at {CODE_ROOT} (fingerprint {mine[:12]}) "
            f"differs from the instructor's (fingerprint {submission.fingerprint[:12]}); install the course at "
            "the instructor's commit on every worker (README: Grading on a cluster)"
        )
    if mine != LOADED_FINGERPRINT:
        raise CourseMismatch(
            f"worker {socket.gethostname()} refuses to grade: its course at {CODE_ROOT} changed on disk since "
            "the worker started (it would grade with the old code it has loaded); restart the worker"
        )
    template = template_course(submission.assignment, mine)
    assignment, student = submission.assignment, submission.student
    with tempfile.TemporaryDirectory(prefix="grade-", dir=scratch_root()) as scratch:
        course = Path(scratch) / "course"
        shutil.copytree(template, course, symlinks=True)
        folder = course / "submitted" / safe_relative(student) / safe_relative(assignment)
        folder.mkdir(parents=True)
        write_entries(folder, submission.entries)
        args = [
            assignment,
            "--student",
            student,
            "--force",
            f"--CourseDirectory.db_url={sqlite_url(course)}",
            *submission.nbgrader_args,
        ]
        status, output = autograde_in_process(course, args)
        log = f"$ nbgrader autograde {' '.join(args)}\n(on {socket.gethostname()}, in a scratch course)\n{output}"
        if status != 0:
            raise GradingFailed(
                f"nbgrader autograde exited with status {status} on "
                f"{socket.gethostname()}; the end of its log:\n{log[-LOG_TAIL:]}"
            )
        with Gradebook(sqlite_url(course)) as gb:
            scores, comments = recorded_grades(gb, assignment, student)
            timestamp = gb.find_submission(assignment, student).timestamp
        files = read_files(course / "autograded" / student / assignment)
    return Graded(assignment, student, files, scores, comments, timestamp, log, seconds=time.monotonic() - start)
