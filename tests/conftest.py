"""How the suite runs on two pytest-xdist workers (`make test`), and what `make test-fast` leaves out.

* `make test` runs ``-n 2 --dist loadfile``: each test file runs whole on one worker, so a fixture that a
  file builds once and shares (a graded class per assignment in test_grading.py, the regenerated release
  in test_release.py, the kernel of a notebook checked by nbval) is built once, not on both workers.
  The files that take longest are queued first (the Makefile turns off xdist's own order, by number of
  tests), so that neither worker is left with a long tail; the graded classes are spread over three files
  for the same reason (tests/test_grading.py says which). (Each assignment's class on a worker of its own
  was tried: four graders at once on two cores were slower.)
* tests/browser/ is collected only when it is named (`make test-browser`), not by `pytest tests`.
* Tests of seconds to minutes each are marked ``slow``; ``--graded-only=ASSIGNMENT`` grades the samples of
  that assignment only, and keeps them in a run that leaves the slow tests out. ``make test-fast`` uses both.
"""

from __future__ import annotations

import pytest

# The browser tests (Chromium, Playwright) run only when named: `make test-browser` runs tests/browser.
collect_ignore = ["browser"]

# The order in which the two workers take the files (each takes the next when it is almost done); the
# others follow in collection order. The longest first (measured with --durations), so that neither worker
# is left with a long tail: above all 7b's notebook, one kernel training for 100 s on one core. The files
# whose tests mostly wait (for a time limit, a dropped message) come early too, each after a graded class,
# so that it runs beside one, which can use both cores; two of them side by side, or one beside the end of
# 07's class (one long sample on one core), left a core idle for 20-40 s.
QUEUED_FIRST = [
    "tests/test_grading.py",
    "source/07_deep_network/deep_network_application.ipynb",
    "tests/test_grading_track.py",
    "tests/test_host_guarantees.py",
    "tests/test_grading_attacks.py",
    "tests/test_limits.py",
    "tests/test_dask_grading.py",
    "tests/test_judge.py",
    "tests/test_class_grading.py",
    "source/07_deep_network",
    "source/06_shallow_network",
    "source/05_logistic_regression",
    "tests/test_release.py",
]
# Tests that take seconds to minutes each (they run nbgrader, a kernel or a sandboxed worker many times),
# left out by `make test-fast`. The graded samples of one assignment come back with --graded-only.
SLOW = [
    "tests/test_grading.py",
    "tests/test_grading_track.py",
    "tests/test_grading_attacks.py",
    "tests/test_class_grading.py",
    "tests/test_dask_grading.py",
    "tests/test_release.py::test_release_is_in_sync_with_source",
    "tests/test_instructor_path.py",
    "tests/test_host_guarantees.py::test_a_linked_notebook",
    "tests/test_host_guarantees.py::test_links_beside",
    "tests/test_host_guarantees.py::test_feedback_holds",
    "tests/test_host_guarantees.py::test_a_course_whose",
    "tests/test_host_guarantees.py::test_a_command_run_inside",
    "tests/test_host_guarantees.py::test_plain_nbgrader",
    "tests/test_judge.py::test_each_grading_run",
    "tests/test_hidden_checks_stable.py",
    "tests/test_lab.py::test_make_lab_serves_the_start_page_from_the_students_copy",
    "tests/test_bench.py",
    "tests/test_report.py::test_a_postgresql_gradebook_gives_the_same_report",
    "tests/test_limits.py",
    "tests/test_sandbox.py",
    "tests/test_student_check.py",
]


@pytest.fixture(scope="session")
def grading_cluster():
    """The local Dask cluster that grade_class starts by default, started once per pytest process for
    every test that grades a class (``scheduler=grading_cluster``): a start costs seconds, and its workers
    then prepare each assignment's scratch course once instead of once per class. The default path,
    a cluster per run, is what the command-line tests (test_instructor_path, test_class_grading) run."""
    from autograder.grade_class import local_cluster

    with local_cluster(2) as cluster:
        yield cluster


def pytest_addoption(parser):
    parser.addoption(
        "--graded-only",
        metavar="ASSIGNMENT",
        help="grade the sample submissions of this assignment only (tests/test_grading.py)",
    )


def _graded_assignment(item) -> str | None:
    if "graded" not in getattr(item, "fixturenames", ()):
        return None
    return getattr(getattr(item, "callspec", None), "params", {}).get("graded")


def _rank(item) -> int:
    return next((i for i, prefix in enumerate(QUEUED_FIRST) if item.nodeid.startswith(prefix)), len(QUEUED_FIRST))


def pytest_collection_modifyitems(config, items):
    only = config.getoption("--graded-only", default=None)
    if only:
        dropped = [item for item in items if _graded_assignment(item) not in (None, only)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [item for item in items if item not in dropped]
    for item in items:
        asked_for = only is not None and _graded_assignment(item) == only
        if not asked_for and any(item.nodeid.startswith(slow) for slow in SLOW):
            item.add_marker(pytest.mark.slow)
    items.sort(key=_rank)  # stable: each file keeps its own order
