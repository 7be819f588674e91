"""Run the plain nbgrader commands in a subprocess, from a course directory, with this Python's nbgrader.

The release tool, the class grader and the demo start nbgrader this way, so that every one of them reads
the course's nbgrader_config.py exactly as an instructor's own ``nbgrader autograde`` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from autograder.paths import ROOT


def nbgrader_env() -> dict[str, str]:
    """The environment for an nbgrader subprocess: nbgrader calls `alembic` by name, so this Python's
    scripts must be on PATH even without an activated venv."""
    return dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def nbgrader_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nbgrader", *args]


def nbgrader(*args: str, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    """Run a plain nbgrader command from the course root (it reads nbgrader_config.py there)."""
    return subprocess.run(
        nbgrader_command(*args), cwd=cwd, check=check, capture_output=True, text=True, env=nbgrader_env()
    )


def sqlite_url(course: Path) -> str:
    """The course's own SQLite gradebook, nbgrader's default."""
    return f"sqlite:///{course / 'gradebook.db'}"


def db_url(course: Path) -> str:
    """The gradebook nbgrader_config.py points at: NBGRADER_DB_URL, else the course's SQLite file."""
    return os.environ.get("NBGRADER_DB_URL") or sqlite_url(course)
