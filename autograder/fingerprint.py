"""One checksum for everything that decides a grade, so that two machines can tell whether they grade alike.

A course is graded by its source notebooks (``source/``: the tests and the points), its configuration
(``nbgrader_config.py``), and the code that the configuration switches on: ``autograder/`` (the plug-ins,
the reference solutions, the hidden checks) and ``course/`` (the helpers the notebooks and the judge
import). The instructor's machine and every Dask worker compute this fingerprint; a worker whose copy
differs refuses to grade (``autograder.grading_task``), instead of grading against other solutions.

The notebooks and the configuration are read from the course directory being graded; the code from where
Python imports it (the installed course), since that is the code that will run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from autograder.paths import ROOT as CODE_ROOT  # where `autograder` and `course` are imported from

SKIPPED = {"__pycache__", ".ipynb_checkpoints"}


def _files(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED)
        found += [Path(dirpath) / name for name in filenames if not name.endswith(".pyc")]
    return sorted(found)


def course_fingerprint(course: Path, code_root: Path = CODE_ROOT) -> str:
    """SHA-256 over the names and bytes of the files that decide a grade (a missing part counts too)."""
    digest = hashlib.sha256()
    parts = [
        ("source", course / "source"),
        ("nbgrader_config.py", course / "nbgrader_config.py"),
        ("autograder", code_root / "autograder"),
        ("course", code_root / "course"),
    ]
    for label, path in parts:
        files = _files(path) if path.is_dir() else [path] if path.is_file() else []
        digest.update(f"{label}: {len(files)} files\n".encode())
        for file in files:
            digest.update(f"{file.relative_to(path.parent)}\n{file.stat().st_size}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()
