"""Autograde a whole class on a Dask cluster: a local one by default, or the instructor's own.

    python -m autograder.grade_class 05_logistic_regression --workers 2              # this machine
    python -m autograder.grade_class 05_logistic_regression --scheduler tcp://host:8786

Dask distributed is the one way a class is graded. With no ``--scheduler``, a local cluster of
``--workers`` single-threaded worker processes starts and stops with the run; with one (or, from Python, a
Dask Gateway or dask-jobqueue cluster object), the same code grades on that cluster. Each student is one
Dask task (``autograder.grading_task``): it carries the submission's files, the worker grades them with
the plain ``nbgrader autograde`` in a scratch course of its own, and returns the graded notebooks, so no
shared filesystem is needed.

This process (the instructor's machine) owns ``autograded/`` and the gradebook (SQLite, or the server that
``NBGRADER_DB_URL`` names). For each result it writes ``autograded/<student>/<assignment>/``, then lets
nbgrader's own ``SaveAutoGrades`` and ``AssignLatePenalties`` record the grades from those notebooks with
this course's configuration (due dates and extensions live here, not on the workers), checks that they
equal the scores the worker's nbgrader recorded, and last writes a receipt
``logs/autograde/<assignment>/<student>.done`` with the checksum of what was graded. A re-run skips the
students whose receipt matches their submission: a run killed half-way resumes where it stopped, a
student who resubmits is graded again, and a re-grade updates their rows rather than adding new ones.

Faults: a worker that dies mid-task has its tasks run elsewhere (Dask reschedules them). A submission
whose task was on more than ``distributed.scheduler.allowed-failures`` workers that died (``KILLS_ALLOWED``
on the local cluster; the scheduler's setting on another) is failed with Dask's ``KilledWorker``, and the
class goes on. A task that raises (nbgrader failed, the worker's course differs) is tried ``--retries``
more times, possibly on other workers, then failed with its reason.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import logging
import os
import shutil
import stat
import sys
import time
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades
from sqlalchemy.exc import SAWarning
from traitlets.config.loader import PyFileConfigLoader

from autograder.fingerprint import course_fingerprint
from autograder.grading_task import (
    Graded,
    Submission,
    grade_submission,
    read_submission,
    recorded_grades,
    safe_relative,
    write_new_file,
)

KILLS_ALLOWED = 2  # local cluster: a task whose worker died 3 times is failed (Dask's allowed-failures)
# The local cluster's settings. A grading task spends its time waiting for a sandboxed kernel, so Dask's
# own sampling of each process (a stack profile every 10 ms, an event-loop check every 20 ms, system and
# memory readings every 0.1-0.5 s) only costs CPU: an idle cluster of 2 workers used 6.7 % of a core,
# and 1.5 % with these. The dashboard still works, without its profile page and at slower refresh.
LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": KILLS_ALLOWED,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
IN_FLIGHT_PER_THREAD = 4  # submissions sent ahead per worker thread: the queue stays full, memory bounded


class SchedulerUnreachable(RuntimeError):
    """The Dask scheduler named by the instructor did not answer."""


@dataclass
class Summary:
    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already graded, same submission
    failed: dict[str, str] = field(default_factory=dict)  # student -> why, and where the log is
    seconds: float = 0.0
    recording_seconds: float = 0.0  # of which this machine spent writing results and grades
    where: str = ""  # the cluster

    def __str__(self) -> str:
        rows = [("graded", len(self.graded)), ("already graded", len(self.skipped)), ("failed", len(self.failed))]
        width = max(len(name) for name, _ in rows)
        lines = [f"{name.ljust(width)}  {count:>6}" for name, count in rows]
        rate = len(self.graded) / self.seconds * 60 if self.seconds else 0.0
        lines.append(f"in {self.seconds:.1f} s ({rate:.1f} submissions per minute) on {self.where}")
        lines += [f"FAILED {student}: {why}" for student, why in sorted(self.failed.items())]
        return "\n".join(lines)


class Progress:
    """One line an instructor can watch: a bar, done / failed / remaining, an ETA (on a terminal it is
    redrawn in place; in a log, a line every ``every`` seconds and at the end)."""

    def __init__(self, total: int, out=None, every: float = 10.0):
        self.total, self.out, self.every = total, out or sys.stderr, every
        self.start = self.last = time.monotonic()
        self.tty = hasattr(self.out, "isatty") and self.out.isatty()

    def update(self, done: int, failed: int, final: bool = False) -> None:
        now = time.monotonic()
        if not final and (done + failed == self.total or not (self.tty or now - self.last >= self.every)):
            return  # the final line says it
        self.last = now
        finished = done + failed
        remaining = self.total - finished
        eta = (now - self.start) / finished * remaining if finished else float("nan")
        bar = "#" * round(20 * finished / self.total) if self.total else "#" * 20
        line = f"[{bar:<20}] {done} done, {failed} failed, {remaining} remaining" + (
            f", about {eta:.0f} s left" if remaining and finished else ""
        )
        self.out.write(("\r" + line + ("\n" if final else "")) if self.tty else line + "\n")
        self.out.flush()


def submitted_students(course: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())


def submission_checksum(folder: Path) -> str:
    """What a student submitted, as a checksum: regular files only (a link is never followed)."""
    digest = hashlib.sha256()
    files = [Path(d) / name for d, _, names in os.walk(folder) for name in names]
    for path in sorted(p for p in files if stat.S_ISREG(p.lstat().st_mode) and not p.name.endswith(".unreadable")):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def receipts_folder(course: Path, assignment: str) -> Path:
    """Where a run keeps, per student, the receipt ``<student>.done`` and the log ``<student>.log``."""
    return course / "logs" / "autograde" / assignment


def _receipt(course: Path, assignment: str, student: str) -> Path:
    return receipts_folder(course, assignment) / f"{student}.done"


def already_graded(course: Path, assignment: str, student: str) -> bool:
    receipt = _receipt(course, assignment, student)
    folder = course / "submitted" / student / assignment
    return receipt.exists() and receipt.read_text().strip() == submission_checksum(folder)


def local_cluster(workers: int = 2):
    """The embedded default: a Dask cluster on this machine of ``workers`` single-threaded processes (close
    it, or use it in a ``with``). The tests start one and grade every class on it (``scheduler=``)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )


@contextlib.contextmanager
def dask_client(scheduler=None, workers: int = 2):
    """A Dask client: of a local cluster of ``workers`` single-threaded processes when ``scheduler`` is
    None; else of ``scheduler``, an address (``tcp://host:8786``) or a cluster object (Dask Gateway,
    dask-jobqueue). An address that does not answer within CONNECT_TIMEOUT raises SchedulerUnreachable."""
    from distributed import Client

    if scheduler is None:
        with local_cluster(workers) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnreachable(
            f"could not reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s "
            f"({type(exc).__name__}: {exc}); nothing was graded or written"
        ) from None
    with client:
        yield client


def _has_dashboard() -> bool:
    """On the scheduler: its dashboard can show something (it needs bokeh; without, a page says so)."""
    return importlib.util.find_spec("bokeh") is not None


def course_config(course: Path):
    """This course's nbgrader configuration, read as nbgrader reads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def record(course: Path, config, graded: Graded) -> None:
    """Put a worker's result in place: the graded folder, then the grades, recorded by nbgrader's own
    preprocessors from the graded notebooks into this course's gradebook."""
    assignment, student = graded.assignment, graded.student
    folder = course / "autograded" / safe_relative(student) / safe_relative(assignment)
    if folder.is_symlink():
        raise RuntimeError(f"{folder} is a link: refusing to write the graded notebooks through it")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for relative, data in graded.files.items():
        path = folder / safe_relative(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new_file(path, data)

    db_url = CourseDirectory(config=config).db_url
    with Gradebook(db_url) as gb, warnings.catch_warnings():
        # nbgrader's own autograde warns the same when it creates a submission; it means nothing here
        warnings.simplefilter("ignore", SAWarning)
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
        gb.update_or_create_student(student)
        if graded.timestamp:
            gb.update_or_create_submission(assignment, student, timestamp=graded.timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
    for name in notebooks:
        resources = {"nbgrader": {"notebook": name, "assignment": assignment, "student": student, "db_url": db_url}}
        path = folder / f"{name}.ipynb"
        if path.is_file():
            nb = nbformat.read(path, as_version=4)
            for preprocessor in (SaveAutoGrades(config=config), AssignLatePenalties(config=config)):
                nb, resources = preprocessor.preprocess(nb, resources)
        else:  # not submitted: no points, as nbgrader autograde gives
            with Gradebook(db_url) as gb:
                for grade in gb.find_submission_notebook(name, assignment, student).grades:
                    grade.auto_score, grade.needs_manual_grade = 0, False
                gb.db.commit()

    with Gradebook(db_url) as gb:
        scores, comments = recorded_grades(gb, assignment, student)
    if (scores, comments) != (graded.scores, graded.comments):
        raise RuntimeError(
            f"the grades recorded from the graded notebooks ({scores}) differ from those the "
            f"worker recorded ({graded.scores}): do the worker and this machine run the same "
            "nbgrader version?"
        )


def grade_class(
    course: Path,
    assignment: str,
    workers: int = 2,
    extra: list[str] = (),
    force: bool = False,
    retries: int = 1,
    scheduler=None,
    progress_every: float = 10.0,
) -> Summary:
    """Grade every student of ``assignment`` not graded yet (all of them with ``force``); see the module
    docstring. ``scheduler``: None (a local cluster of ``workers`` processes), an address or a cluster."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    start = time.monotonic()
    summary = Summary()
    todo = []
    for student in submitted_students(course, assignment):
        if not force and already_graded(course, assignment, student):
            summary.skipped.append(student)
        else:
            todo.append(student)
    fingerprint = course_fingerprint(course)
    with dask_client(scheduler, workers) as client:
        threads = sum(client.nthreads().values())
        summary.where = f"{len(client.nthreads())} Dask workers, {threads} threads ({client.scheduler.address})"
        if client.run_on_scheduler(_has_dashboard):
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr, flush=True)
        progress = Progress(len(todo), every=progress_every)
        queue, running, students, checksums, config = iter(todo), as_completed(), {}, {}, []

        def send_next() -> None:
            for student in queue:
                folder = course / "submitted" / student / assignment
                try:
                    checksums[student] = submission_checksum(folder)
                    task = Submission(assignment, student, read_submission(folder), fingerprint, tuple(extra))
                except OSError as exc:
                    fail(student, f"the submission could not be read ({exc})")
                    continue
                key = f"grade-{assignment}-{student}-{uuid.uuid4().hex[:8]}"  # unique: a scheduler may be shared
                future = client.submit(grade_submission, task, key=key, pure=False, retries=retries)
                students[future.key] = student
                running.add(future)
                return

        def fail(student: str, why: str) -> None:
            log = _receipt(course, assignment, student).with_suffix(".log")
            log.write_text(why + "\n")
            summary.failed[student] = f"{why.splitlines()[0]} (log: {log})"

        for student in todo:
            _receipt(course, assignment, student).parent.mkdir(parents=True, exist_ok=True)
            _receipt(course, assignment, student).unlink(missing_ok=True)
        for _ in range(max(1, threads) * IN_FLIGHT_PER_THREAD):
            send_next()
        for future in running:
            student = students.pop(future.key)
            try:
                graded = future.result()
                if not config:
                    config.append(course_config(course))
                started = time.monotonic()
                record(course, config[0], graded)
                summary.recording_seconds += time.monotonic() - started
            except KilledWorker as exc:
                fail(
                    student,
                    f"the workers grading it died too often (Dask KilledWorker: {exc}); the submission "
                    "may crash or exhaust its worker",
                )
            except Exception as exc:  # the task's own error (GradingFailed, CourseMismatch) or recording's
                fail(student, f"{type(exc).__name__}: {exc}")
            else:
                _receipt(course, assignment, student).with_suffix(".log").write_text(graded.log)
                _receipt(course, assignment, student).write_text(checksums[student] + "\n")
                summary.graded.append(student)
            future.release()
            send_next()
            progress.update(len(summary.graded), len(summary.failed))
        progress.update(len(summary.graded), len(summary.failed), final=True)
    summary.seconds = time.monotonic() - start
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--course", default=".", help="the course directory (default: here)")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="worker processes of the local cluster (ignored with --scheduler)",
    )
    parser.add_argument(
        "--scheduler", help="a Dask scheduler's address, e.g. tcp://host:8786 (default: a local cluster)"
    )
    parser.add_argument("--force", action="store_true", help="grade every student again")
    parser.add_argument("--retries", type=int, default=1, help="attempts after a task fails (default 1)")
    opts, extra = parser.parse_known_args(argv)
    try:
        summary = grade_class(
            Path(opts.course).resolve(), opts.assignment, opts.workers, extra, opts.force, opts.retries, opts.scheduler
        )
    except SchedulerUnreachable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
