"""How the suite runs on several pytest-xdist workers (`make test`), and what `make test-fast` leaves out.

* Some fixtures build something slow once and let several tests read it: a graded class per assignment
  (``graded`` in test_grading.py), a regenerated release (``regenerated`` in test_release.py). Every test
  that reads the same instance goes into one xdist group, so it is built once, on one worker, not once on
  each; the heaviest groups are queued first, so that no worker starts a long group while the other is
  nearly done. The cells of a notebook checked by nbval share one kernel, so each notebook is a group too.
  Run ``--dist loadgroup``. Without xdist this changes nothing but the order of the tests.
* Tests that take tens of seconds each are marked ``slow``; ``--graded-only=ASSIGNMENT`` grades the
  samples of that assignment only. ``make test-fast`` uses both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Fixture name -> rank of its groups in the queue (lower starts first): the graded classes take minutes.
SHARED = {"graded": 0, "regenerated": 2}
NOTEBOOK_RANK = 1
# The assignments whose class takes longest to grade (most samples, longest waits on time limits,
# heaviest training), heaviest first; the others follow in course order.
HEAVIEST_FIRST = ["02_loss_and_cost", "07_deep_network", "06_shallow_network", "05_logistic_regression"]
# The source notebooks that take longest to run under nbval, heaviest first.
NOTEBOOKS_HEAVIEST_FIRST = ["07_deep_network", "06_shallow_network", "05_logistic_regression"]
# Tests of tens of seconds each (measured with --durations), left out by `make test-fast`.
SLOW = ["tests/test_class_grading.py", "tests/test_lab.py::test_make_lab_serves_the_start_page_from_the_students_copy",
        "tests/test_bench.py", "tests/test_limits.py", "tests/test_sandbox.py"]


def pytest_addoption(parser):
    parser.addoption("--graded-only", metavar="ASSIGNMENT",
                     help="grade the sample submissions of this assignment only (tests/test_grading.py)")


def _group(item) -> tuple[str, tuple[int, int]] | None:
    if Path(str(item.fspath)).suffix == ".ipynb":
        folder = Path(str(item.fspath)).parent.name
        order = NOTEBOOKS_HEAVIEST_FIRST.index(folder) if folder in NOTEBOOKS_HEAVIEST_FIRST else len(NOTEBOOKS_HEAVIEST_FIRST)
        return f"notebook-{item.fspath}", (NOTEBOOK_RANK, order)
    for fixture, rank in SHARED.items():
        if fixture in getattr(item, "fixturenames", ()):
            param = getattr(getattr(item, "callspec", None), "params", {}).get(fixture)
            name = fixture if param is None else f"{fixture}-{param}"
            order = HEAVIEST_FIRST.index(param) if param in HEAVIEST_FIRST else len(HEAVIEST_FIRST)
            return name, (rank, order)
    return None


def pytest_collection_modifyitems(config, items):
    only = config.getoption("--graded-only", default=None)
    if only:
        dropped = [item for item in items if _graded_assignment(item) not in (None, only)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [item for item in items if item not in dropped]
    ranks = {}
    for item in items:
        if any(item.nodeid.startswith(slow) for slow in SLOW):
            item.add_marker(pytest.mark.slow)
        found = _group(item)
        if found is not None:
            name, ranks[item.nodeid] = found
            item.add_marker(pytest.mark.xdist_group(name))
    # the rest keep their place after the groups; a stable sort keeps each group's tests in their order
    items.sort(key=lambda item: ranks.get(item.nodeid, (len(SHARED) + 1, 0)))


def _graded_assignment(item) -> str | None:
    if "graded" not in getattr(item, "fixturenames", ()):
        return None
    return getattr(getattr(item, "callspec", None), "params", {}).get("graded")
