"""Grading a class at scale: several workers, a run killed half-way, and a PostgreSQL gradebook."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

from autograder.demo import DEMO_LIMITS, outcomes, prepare
from autograder.grade_class import grade_class
from autograder.samples.loss_and_cost import QUICK_CLASS

ASSIGNMENT = "02_loss_and_cost"
STUDENTS = set(QUICK_CLASS[:6])


def receipts(course: Path) -> set[str]:
    return {p.stem for p in (course / "logs" / "autograde" / ASSIGNMENT).glob("*.done")}


def assert_all_graded_once(course: Path, db_url: str):
    results = outcomes(course, [ASSIGNMENT])
    assert {o.student for o in results} == STUDENTS
    assert [o.student for o in results if not o.ok] == []
    with Gradebook(db_url) as gb:
        for student in STUDENTS:
            assert len([s for s in gb.find_student(student).submissions if s.assignment.name == ASSIGNMENT]) == 1


def test_a_killed_run_loses_nothing_and_a_rerun_completes_the_class(tmp_path, grading_cluster):
    course = tmp_path / "course"
    prepare(course, [ASSIGNMENT], only=STUDENTS)
    command = [
        sys.executable,
        "-m",
        "autograder.grade_class",
        ASSIGNMENT,
        "--course",
        str(course),
        "--workers",
        "1",
        *DEMO_LIMITS,
    ]
    run = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(receipts(course)) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the instructor's laptop dies mid-class
    run.wait()
    done = receipts(course)
    assert 2 <= len(done) < len(STUDENTS), "the run must be killed half-way for this test to mean anything"

    # what was recorded before the kill is intact
    recorded = {o.student: o for o in outcomes(course, [ASSIGNMENT])}
    for student in done:
        assert recorded[student].ok, f"{student}'s grades were damaged by the kill"

    summary = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=grading_cluster)
    assert set(summary.skipped) == done
    assert set(summary.graded) == STUDENTS - done
    assert not summary.failed
    assert_all_graded_once(course, f"sqlite:///{course / 'gradebook.db'}")

    again = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=grading_cluster)
    assert set(again.skipped) == STUDENTS and not again.graded, "a finished class is not graded twice"


def test_a_class_grades_against_a_postgresql_gradebook(tmp_path, monkeypatch, grading_cluster):
    import pgserver  # the [test] extra, which make test installs

    # outside pytest's temporary root: a pytest session that starts meanwhile makes that root private to
    # its owner again (mode 0700), which cuts the server's own user off from its data directory
    pgdata = Path(tempfile.mkdtemp(prefix="course-pg-"))
    server = pgserver.get_server(str(pgdata / "data"), cleanup_mode="stop")
    try:
        url = server.get_uri().replace("postgresql://", "postgresql+psycopg://")
        monkeypatch.setenv("NBGRADER_DB_URL", url)
        course = tmp_path / "course"
        prepare(course, [ASSIGNMENT], only=STUDENTS)
        summary = grade_class(course, ASSIGNMENT, extra=DEMO_LIMITS, scheduler=grading_cluster)
        assert set(summary.graded) == STUDENTS and not summary.failed, str(summary)
        assert not (course / "gradebook.db").exists(), "grades went to SQLite, not the server"
        assert_all_graded_once(course, url)
    finally:
        server.cleanup()
        shutil.rmtree(pgdata, ignore_errors=True)


def test_the_local_clusters_worker_processes_get_its_quiet_settings(grading_cluster):
    # Set around the cluster's start in this process, the settings must reach the worker processes
    # that the nannies spawn, or each worker keeps sampling itself (grade_class.LOCAL_CLUSTER_CONFIG).
    import dask
    from distributed import Client

    from autograder.grade_class import LOCAL_CLUSTER_CONFIG

    with Client(grading_cluster) as client:
        seen = client.run(lambda: {key: dask.config.get(key) for key in LOCAL_CLUSTER_CONFIG})
    assert len(seen) == 2 and all(settings == LOCAL_CLUSTER_CONFIG for settings in seen.values()), seen
