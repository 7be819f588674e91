"""Run the plain nbgrader commands for a course directory: in a subprocess, or inside this process.

Either way every run reads the course's nbgrader_config.py exactly as an instructor's own ``nbgrader
autograde`` run from the course would: the files on Jupyter's configuration path first (the fail-closed
guard that ``make setup`` installs among them), then the course's own.

:func:`nbgrader_here` runs a command inside this process. Starting nbgrader costs about a second of CPU
(it imports Jupyter's server, nbconvert and SQLAlchemy), which is as much as grading a short notebook;
the Dask workers (one run per student), the demo and the tests (several commands per class) run it here.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import nbgrader.api as nbgrader_api
from nbgrader.apps import (
    AutogradeApp,
    DbAssignmentAddApp,
    ExportApp,
    GenerateAssignmentApp,
    GenerateFeedbackApp,
)
from sqlalchemy.exc import SAWarning

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


# The commands nbgrader_here runs, by the words that name them on the command line.
APPS = {
    ("autograde",): AutogradeApp,
    ("db", "assignment", "add"): DbAssignmentAddApp,
    ("export",): ExportApp,
    ("generate_assignment",): GenerateAssignmentApp,
    ("generate_feedback",): GenerateFeedbackApp,
}

# nbgrader asks the `alembic` command for its schema version whenever it creates a gradebook: a new process,
# a second of CPU. The answer depends only on the installed nbgrader, so a process asks once.
nbgrader_api.get_alembic_version = functools.cache(nbgrader_api.get_alembic_version)

_ONE_AT_A_TIME = threading.Lock()  # nbgrader's configuration and sys.path are per process


def _app_here(app_class, first_config: tuple[str, ...], strict: bool):
    """``app_class`` as its command runs it, but for the course given as ``root``: the configuration files
    on Jupyter's path (after ``first_config``), then the course's own, none from the working directory
    (this process's, not the course's); ``strict``: a file that fails to load stops the run."""

    class Here(app_class):
        load_cwd_config = False

        @property
        def config_file_paths(self) -> list[str]:
            return [*first_config, *super().config_file_paths]

        def init_syspath(self) -> None:
            pass  # the course's nbgrader_config.py puts its own folder on sys.path

    if strict:
        Here.raise_config_file_errors = True
    return Here


def nbgrader_here(
    course: Path, *args: str, first_config: tuple[str, ...] = (), strict: bool = False
) -> tuple[int, str]:
    """Run ``nbgrader *args`` for ``course`` inside this process, as if from ``course``; return its exit
    status and its log. Only the commands in APPS; ``first_config`` and ``strict`` as ``_app_here`` says."""
    words = next((w for w in APPS if tuple(args[: len(w)]) == w), None)
    if words is None:
        raise ValueError(f"nbgrader_here runs only {sorted(' '.join(w) for w in APPS)}, not {' '.join(args)!r}")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(f"[{APPS[words].__name__} | %(levelname)s] %(message)s"))
    log = logging.getLogger(f"{__name__}.{'_'.join(words)}")
    log.handlers, log.propagate, log.level = [handler], False, logging.INFO
    with _ONE_AT_A_TIME, warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("default")  # shown once each, in the log, as the command would print them
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own, each time it creates a submission
        saved_path, saved_env_path = list(sys.path), os.environ.get("PATH")
        os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader calls `alembic` by name
        try:
            app = _app_here(APPS[words], first_config, strict)(log=log)
            app.initialize(list(args[len(words) :]), root=str(course))
            app.start()
            status = 0
        except SystemExit as exc:  # nbgrader's way to fail (a bad configuration, a failed conversion)
            status = 0 if exc.code in (None, 0) else exc.code if isinstance(exc.code, int) else 1
        except Exception:
            log.exception("nbgrader %s stopped with an error", " ".join(words))
            status = 1
        finally:
            sys.path[:] = saved_path
            if saved_env_path is None:
                os.environ.pop("PATH", None)
            else:
                os.environ["PATH"] = saved_env_path
            log.handlers = []
    shown = "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in warned)
    return status, stream.getvalue() + shown


def sqlite_url(course: Path) -> str:
    """The course's own SQLite gradebook, nbgrader's default."""
    return f"sqlite:///{course / 'gradebook.db'}"


def db_url(course: Path) -> str:
    """The gradebook nbgrader_config.py points at: NBGRADER_DB_URL, else the course's SQLite file."""
    return os.environ.get("NBGRADER_DB_URL") or sqlite_url(course)
