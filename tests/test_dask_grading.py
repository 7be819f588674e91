"""A class graded on a Dask cluster started by hand (issue 15): a scheduler and ``dask worker`` processes on
127.0.0.1, each worker with its own scratch directory and no folder shared with the instructor's course.

The grades must be the samples' expected ones exactly (the ones the local cluster gives, which
tests/test_grading.py checks), a worker killed mid-task must cost nothing and duplicate nothing, a worker
whose course differs must refuse, and a scheduler that does not answer must stop the run before anything
is written.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from nbgrader.api import Grade, Gradebook, SubmittedAssignment

import autograder.grade_class as grade_class_module
from autograder.demo import DEMO_LIMITS, outcomes, prepare
from autograder.grade_class import SchedulerUnreachable, grade_class
from autograder.paths import ROOT
from autograder.samples.loss_and_cost import QUICK_CLASS

DASK = str(Path(sys.executable).parent / "dask")
ASSIGNMENT = "02_loss_and_cost"
STUDENTS = set(QUICK_CLASS)  # honest, wrong and attacking samples of a light assignment, none that waits


class Cluster:
    """A ``dask scheduler`` and its ``dask worker`` processes, each in a session of its own (so that
    killing one by its PID kills its nanny, its worker and whatever it was grading)."""

    def __init__(self, tmp: Path):
        self.tmp, self.processes = tmp, []
        scheduler_file = tmp / "scheduler.json"
        self._start(
            "scheduler",
            [
                DASK,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
        )
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(scheduler_file.read_text())["address"]

    def _start(self, name: str, command: list[str], **kw) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "w")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kw)
        self.processes.append(process)
        return process

    def add_worker(self, name: str, **kw) -> tuple[subprocess.Popen, Path]:
        scratch = self.tmp / f"scratch-{name}"
        scratch.mkdir()
        process = self._start(
            name,
            [
                DASK,
                "worker",
                self.address,
                "--nthreads",
                "1",
                "--name",
                name,
                "--local-directory",
                str(scratch),
                "--no-dashboard",
            ],
            **kw,
        )
        return process, scratch

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=30) as client:
            client.wait_for_workers(count, timeout=60)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def cluster(tmp_path):
    started = Cluster(tmp_path)
    yield started
    started.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A course with the students' submissions, not graded yet (each test grades a copy)."""
    course = tmp_path_factory.mktemp("dask") / "course"
    prepare(course, [ASSIGNMENT], only=STUDENTS)
    return course


def copy_of(prepared: Path, tmp_path: Path, students: set[str]) -> Path:
    course = tmp_path / "course"
    shutil.copytree(prepared, course, symlinks=True)
    for folder in (course / "submitted").iterdir():
        if folder.name not in students:
            shutil.rmtree(folder)
    return course


def busy(scratch: Path) -> bool:
    """The worker is grading a submission: its scratch course exists (autograder.grading_task)."""
    return any(scratch.glob("**/grade-*/course/submitted"))


def test_a_class_grades_on_a_cluster_and_survives_a_killed_worker(cluster, prepared, tmp_path):
    course = copy_of(prepared, tmp_path, STUDENTS)
    cluster.add_worker("steady")
    doomed, doomed_scratch = cluster.add_worker("doomed")
    cluster.wait_for_workers(2)

    killed = threading.Event()

    def kill_mid_task():
        deadline = time.monotonic() + 300
        receipts = course / "logs" / "autograde" / ASSIGNMENT
        while time.monotonic() < deadline:
            # after the first grades are in (the run is under way), while the doomed worker grades one
            if len(list(receipts.glob("*.done"))) >= 1 and busy(doomed_scratch):
                os.killpg(doomed.pid, signal.SIGKILL)
                killed.set()
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_mid_task, daemon=True)
    killer.start()
    summary = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=cluster.address)
    killer.join()
    assert killed.is_set(), "the worker must be killed while it grades, for this test to mean anything"
    assert doomed.wait(timeout=10) == -signal.SIGKILL

    assert set(summary.graded) == STUDENTS and not summary.failed, str(summary)
    wrong = [(o.student, o.expected, o.got) for o in outcomes(course, [ASSIGNMENT]) if not o.ok]
    assert not wrong
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # one set of grades per student
        assert gb.db.query(SubmittedAssignment).count() == len(STUDENTS)
        cells = len(gb.find_assignment(ASSIGNMENT).notebooks[0].grade_cells)
        assert gb.db.query(Grade).count() == len(STUDENTS) * cells
    for student in STUDENTS:  # the instructor's machine has every graded notebook, no link among them
        graded = course / "autograded" / student / ASSIGNMENT
        assert (graded / "loss_and_cost.ipynb").is_file()
        assert not any(p.is_symlink() for p in graded.rglob("*"))

    again = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=cluster.address)
    assert set(again.skipped) == STUDENTS and not again.graded, "a graded class is not graded twice"


def test_a_worker_with_another_course_refuses_to_grade(cluster, prepared, tmp_path):
    tampered = tmp_path / "tampered"
    for part in ("autograder", "course", "source"):
        shutil.copytree(ROOT / part, tampered / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "nbgrader_config.py", tampered / "nbgrader_config.py")
    with open(tampered / "autograder" / "reference" / "loss_and_cost.py", "a") as f:
        f.write("\n# an edited reference solution\n")
    cluster.add_worker("tampered", cwd=tampered, env=dict(os.environ, PYTHONPATH=str(tampered)))
    cluster.wait_for_workers(1)

    course = copy_of(prepared, tmp_path, {"correct"})
    summary = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=cluster.address, retries=0)
    assert not summary.graded and set(summary.failed) == {"correct"}
    why = summary.failed["correct"]
    assert "CourseMismatch" in why and str(tampered) in why and "differs from the instructor's" in why, why
    assert not (course / "autograded").exists()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.db.query(SubmittedAssignment).count() == 0


def test_an_unreachable_scheduler_stops_the_run_before_anything_is_written(prepared, tmp_path, monkeypatch):
    monkeypatch.setattr(grade_class_module, "CONNECT_TIMEOUT", 2)  # the run waits this long for an answer
    course = copy_of(prepared, tmp_path, {"correct"})
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    before = sorted(p.relative_to(course) for p in course.rglob("*"))
    with pytest.raises(SchedulerUnreachable, match=f"{address} within 2 s"):
        grade_class(course, ASSIGNMENT, scheduler=address)
    assert sorted(p.relative_to(course) for p in course.rglob("*")) == before
