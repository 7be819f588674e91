"""The judge's comparison and the wire between it and the sandboxed worker."""

import json
import re

import numpy as np
import pytest

from autograder import judge
from autograder.worker import wire
from autograder.worker.client import Worker, WorkerFailed


@pytest.mark.parametrize(
    "expected, got, fragment",
    [
        (np.zeros((3, 1)), np.zeros(3), "has shape (3,), expected (3, 1)"),
        (np.zeros((2, 2)), [[0, 0], [0, 0]], "should be an array of shape (2, 2)"),
        (np.array([1.0, 2.0]), np.array([1.0, 2.5]), "largest difference at index (1,)"),
        (0.5, np.array([[0.5]]), "should be a number (a single number"),
        (0.5, 1, "should be a float"),
        ({"dw": np.ones(2), "db": 1.0}, {"dw": np.ones(2)}, "missing the key(s) ['db']"),
        ({"dw": np.ones(2)}, {"dw": np.ones(2), "extra": 1}, "unexpected key(s) ['extra']"),
        ((1.0, 2.0), (1.0,), "should have 2 items"),
        (np.array([[1, 0, 1]]), np.array([[1, 1, 1]]), "differs from the expected values"),
        (np.array([1.0, 2.0]), np.array([np.nan, np.nan]), "at index (0,): got nan"),
        (np.array([1.0, 2.0]), np.array([1.0, np.inf]), "at index (1,): got inf"),
        (0.5, wire.Unsupported("x.Anything"), "x.Anything object"),
    ],
)
def test_compare_names_what_is_wrong(expected, got, fragment):
    problems = judge.compare(expected, got, "the result")
    assert problems and fragment in problems[0], problems


@pytest.mark.parametrize(
    "expected, got",
    [
        (np.ones((2, 3)), np.ones((2, 3)) + 1e-9),
        (0.25, np.float64(0.25)),
        (0.25, np.float32(0.25)),
        ({"w": np.ones((2, 1)), "b": 0.0}, {"b": 0.0, "w": np.ones((2, 1))}),
        ((np.ones(1), [1.0, 2.0]), [np.ones(1), (1.0, 2.0)]),
        (np.array([[1, 0]]), np.array([[1.0, 0.0]])),
    ],
)
def test_compare_accepts_equivalent_answers(expected, got):
    assert judge.compare(expected, got) == []


def test_judge_reports_modified_arguments():
    call = judge.Call((np.ones((2, 1)),))
    outcome = {"result": 1.0, "args_after": [np.zeros((2, 1))]}
    problems = judge.judge_outcome("f", call, lambda x: 1.0, outcome)
    assert problems == ["f(...) modified the arrays it was given: a function must not change its inputs"]


def test_judge_expects_the_errors_it_was_told_to():
    call = judge.Call(("bogus",), raises=ValueError)
    assert judge.judge_outcome("f", call, None, {"raised": {"type": "ValueError", "message": ""}}) == []
    assert "returned normally" in judge.judge_outcome("f", call, None, {"result": 1, "args_after": ["bogus"]})[0]
    assert (
        "it raised KeyError" in judge.judge_outcome("f", call, None, {"raised": {"type": "KeyError", "message": ""}})[0]
    )


def test_in_process_hidden_checks_pass_the_reference_and_fail_a_wrong_answer():
    from autograder.reference import loss_and_cost as ref

    judge.hidden_checks("loss_and_cost", "compute_cost", ref.compute_cost)
    with pytest.raises(AssertionError, match="compute_cost"):
        judge.hidden_checks("loss_and_cost", "compute_cost", lambda A, Y: 0.27977656)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        -7.5,
        float("nan"),
        "text",
        [1, (2.0, "x")],
        {"a": {"b": [1]}},
        np.arange(6, dtype=np.float32).reshape(2, 3),
        np.array([[True, False]]),
        np.float64(0.1),
        np.int64(4),
        np.zeros((0, 3)),
    ],
)
def test_wire_round_trip(value):
    back = wire.decode(json.loads(json.dumps(wire.encode(value))))
    assert type(back) is type(value) or (isinstance(value, np.generic) and back.dtype == value.dtype)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
    elif value == value:  # not NaN
        assert back == value


def test_wire_marks_what_it_does_not_carry():
    class Anything:
        pass

    assert isinstance(wire.decode(wire.encode(Anything())), wire.Unsupported)
    assert isinstance(wire.decode(wire.encode(np.array([object()]))), wire.Unsupported)


@pytest.mark.parametrize(
    "message",
    [
        [1, 2],
        {"int": "1", "float": "2"},
        {"ndarray": {"dtype": "|O", "shape": [1], "data": ""}},
        {"ndarray": {"dtype": "<f8", "shape": [2], "data": "AAAA"}},
        {"dict": [[1, 2]]},
        {"eval": "os.system('x')"},
    ],
)
def test_wire_rejects_malformed_messages(message):
    with pytest.raises(wire.WireError):
        wire.decode(message)


def test_assignment_modules_are_named_without_their_number():
    assert judge.module_name("05_logistic_regression") == "logistic_regression"
    assert judge.function_of("test_propagate") == "propagate"
    with pytest.raises(ValueError):
        judge.function_of("propagate_check")


FORGE = """
import os
def forge(size):
    line = b'{"setup": ["' + b"x" * size + b'"]}' + b"\\n"
    for fd in range(3, 30):  # the worker's reply pipe is one of these
        try:
            os.write(fd, line)
        except OSError:
            pass
"""


def test_a_forged_set_up_report_is_refused_before_it_is_decoded(tmp_path):
    # an answer cell writes a 12 MB "set-up report" into the worker's reply pipe
    with pytest.raises(WorkerFailed, match="more than"):
        Worker([FORGE + "forge(12 * 2**20)\n"], str(tmp_path), call_timeout=10)


def test_a_reply_larger_than_any_answer_is_refused(tmp_path):
    cell = FORGE + "def sigmoid(z):\n    forge(8 * 2**20)\n    return z\n"
    with Worker([cell], str(tmp_path), call_timeout=10) as worker:
        with pytest.raises(WorkerFailed, match="more than"):
            worker.call("sigmoid", judge.Call((0.0,)))


def test_answer_cells_with_ipython_syntax_still_define_their_functions(tmp_path):
    # magics and shell escapes mean nothing to the checks; plain Python cells are run as they are
    cells = ["%matplotlib inline\nimport numpy as np\n!echo hi\n", "def double(x):\n    return 2 * np.asarray(x)\n"]
    with Worker(cells, str(tmp_path), call_timeout=10) as worker:
        assert worker.setup_errors == [None, None]
        assert worker.call("double", judge.Call((3,)))["result"] == 6


def test_a_worker_that_fails_to_start_leaves_no_open_pipe(tmp_path):
    # a Dask worker grades for hours: a pipe left open per failed start would add up
    import gc
    import warnings

    gc.collect()  # what earlier tests left to collect is not this test's
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always", ResourceWarning)
        with pytest.raises(WorkerFailed, match="exited"):
            Worker(["import os\nos._exit(1)\n"], str(tmp_path), call_timeout=10)
        gc.collect()
    assert not [w for w in warned if issubclass(w.category, ResourceWarning)], [str(w.message) for w in warned]


def test_a_function_that_draws_still_works_though_pyplot_is_deferred(tmp_path):
    # set-up cells import pyplot and submodules in every form; the worker runs matplotlib only when used
    cells = [
        "import matplotlib.pyplot as plt\nfrom matplotlib import colors\nfrom matplotlib.colors import to_rgb\n",
        "def drawn_lines(n):\n    fig, ax = plt.subplots()\n    ax.plot(range(n))\n"
        "    count = len(ax.lines)\n    plt.close(fig)\n"
        "    return count + to_rgb('red')[0] + colors.to_rgb('blue')[2]\n",
    ]
    with Worker(cells, str(tmp_path), call_timeout=10) as worker:
        assert worker.setup_errors == [None, None]
        assert worker.call("drawn_lines", judge.Call((3,)))["result"] == 3.0


def test_the_worker_imports_pyplot_only_when_a_function_uses_it():
    import subprocess
    import sys

    from autograder import sandbox

    probe = (
        "import sys, deferred_imports\n"
        "deferred_imports.install()\n"
        "import matplotlib.pyplot as plt\n"
        "from course.plots import show_images\n"  # imports pyplot itself
        "print('matplotlib.figure' in sys.modules)\n"
        "plt.figure()\n"
        "print('matplotlib.figure' in sys.modules, type(plt.gcf()).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=sandbox.WORKER_DIR, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True", "Figure"]


def checked(tmp_path, answers, **options):
    """The verdicts TrustedChecks gives a submission of 02 with these answers, and the workers it started."""
    import nbformat

    from autograder.preprocessors import TrustedChecks
    from autograder.samples import Sample, build

    nb = nbformat.reads(build("02_loss_and_cost", Sample("s", "", answers=answers)).decode(), as_version=4)
    started, calls = [], []
    original_init, original_call = Worker.__init__, Worker.call

    def counting_init(self, *args, **kwargs):
        started.append(1)
        original_init(self, *args, **kwargs)

    def counting_call(self, *args, **kwargs):
        calls.append(1)
        return original_call(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Worker, "__init__", counting_init)
        mp.setattr(Worker, "call", counting_call)
        TrustedChecks(**options).preprocess(
            nb, {"nbgrader": {"assignment": "02_loss_and_cost"}, "metadata": {"path": str(tmp_path)}}
        )
    verdicts = [
        "".join(o.get("text", "") or "\n".join(o.get("traceback", [])) for o in c.outputs)
        for c in nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").startswith("test_")
    ]
    return verdicts, len(started), len(calls)


def test_a_worker_that_cannot_start_is_not_started_again_for_every_test_cell(tmp_path):
    hang = {"sigmoid": "import time\ntime.sleep(600)\n"}
    verdicts, started, _ = checked(tmp_path, hang, call_timeout=1)
    assert started == 1
    assert len(verdicts) == 3 and all("could not be run" in v for v in verdicts), verdicts


def test_one_time_budget_covers_all_the_checks_of_a_notebook(tmp_path):
    # right answers, each call well under the call limit: the budget, not the sum of the calls, bounds them.
    # A worker slow to start on a busy machine only uses up the budget sooner: the verdicts stay the same.
    slow = {"sigmoid": "import time\ndef sigmoid(z):\n    time.sleep(1.0)\n    return 1 / (1 + np.exp(-z))\n"}
    verdicts, _, calls = checked(tmp_path, slow, call_timeout=3, notebook_budget=5)
    assert calls < 8 + 6 + 5  # not every check was run
    assert "time budget" in verdicts[0], verdicts
    assert all("time budget" in v for v in verdicts[1:]), verdicts  # nor started again after it ran out


@pytest.mark.parametrize(
    "expected, got, fragment",
    [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]) / 4, "4 times too small"),
        (np.array([0.5, 0.25, 0.0]), np.array([0.5, 0.25, 0.0]) * 209, "209 times too large"),
        (np.array([0.5, -0.25]), np.array([-0.5, 0.25]), "wrong sign"),
        (np.array([0.5, 0.25]), np.array([0.5, np.nan]), "NaN where a number belongs"),
        (np.ones((2, 3)), np.ones((3, 2)), "the transpose of the expected array"),
        (np.array([[1, 2, 3]]), np.array([[3, 2, 1]]), "in 2 of 3 places"),
        (0.6931, 0.6931 * 5, "5 times too large"),
        ({"W1": np.ones(2), "b1": 0.0}, {"W1": np.ones(2)}, "missing the key(s) ['b1']"),
    ],
)
def test_feedback_says_what_is_wrong_without_the_expected_values(expected, got, fragment):
    problems = judge.compare(expected, got, "the result")
    assert problems and fragment in problems[0], problems
    shown = {judge._short(float(v)) for v in np.ravel(expected) if np.isscalar(v) or isinstance(v, np.generic)}
    shown |= {judge._short(float(v)) for v in (np.ravel(expected["W1"]) if isinstance(expected, dict) else [])}
    wrong_ones = {judge._short(float(v)) for v in np.ravel(got if not isinstance(got, dict) else got["W1"])}
    for value in shown - wrong_ones:  # a value of the answer that the student's own result does not hold
        found = re.search(r"(?<![-\d.])" + re.escape(value) + r"(?![\d.])", problems[0])
        assert not found, f"{problems[0]!r} gives away the expected value {value}"


def test_hidden_inputs_differ_between_grading_runs_and_can_be_repeated():
    first, second = (judge._calls("loss_and_cost", "compute_cost", seed) for seed in (1, 2))

    def pick(calls):
        return [np.asarray(c.args[0]).tolist() for c in calls if c.label and "visible" not in c.label]

    assert pick(first) != pick(second)
    assert pick(judge._calls("loss_and_cost", "compute_cost", 1)) == pick(first)
    # the instructor's notebooks keep their one seed: nbval sees the same inputs every time
    assert pick(judge._calls("loss_and_cost", "compute_cost")) == pick(judge._calls("loss_and_cost", "compute_cost"))


def test_each_grading_run_draws_its_own_seed_and_says_which(tmp_path, caplog):
    seeds = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(judge, "judge_with_worker", lambda m, n, w, seed=judge.SEED: seeds.append(seed) or [])
        for _ in range(2):
            checked(tmp_path, {}, call_timeout=5)
        checked(tmp_path, {}, call_timeout=5, hidden_seed=1234)
    assert len(set(seeds[:3])) == 1 and seeds[0] != seeds[3] and set(seeds[6:]) == {1234}, seeds
