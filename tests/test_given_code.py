"""The code a notebook hands out accepts every correct way of computing an answer.

The lectures compute z = np.dot(w.T, x) + b, which is a 1 x 1 array, and a cost with np.dot, which is a
1 x 1 array too. NumPy 2 refuses float() of such arrays, so given code that wraps an answer in float()
breaks a correct answer at the course's own line. Each case below writes the answer the lecture's way
into the released notebook, runs the notebook's cells up to the function's visible test, and expects the
visible test to pass.
"""

import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from autograder.paths import ROOT
from autograder.samples import solution_sources
from course.checks import as_float
from course.notebook import is_answer_cell, is_test_cell

PLACEHOLDER = re.compile(r"^( *)# YOUR CODE HERE\n *raise NotImplementedError\(\)\n?", re.MULTILINE)

LECTURE_FORMS = {
    ("03_computation_graph/derivatives_and_graphs.ipynb", "single_example_gradients"): """
z = np.dot(w.T, x) + b
a = sigmoid(z)
da = -y / a + (1 - y) / (1 - a)
dz = a - y
dw = x * dz
db = dz
""",
    ("03_computation_graph/derivatives_and_graphs.ipynb", "gradients_loop"): """
n_x, m = X.shape
dw, db, cost = np.zeros((n_x, 1)), 0, 0
for i in range(m):
    x = X[:, i:i + 1]
    a = sigmoid(np.dot(w.T, x) + b)
    cost = cost - (Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a))
    dz = a - Y[0, i]
    dw = dw + x * dz
    db = db + dz
""",
    ("06_shallow_network/shallow_network.ipynb", "compute_cost"): """
cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
""",
    # 7a gives no return line; the notebook's text says how to return a 1 x 1 cost as a float.
    ("07_deep_network/deep_network_step_by_step.ipynb", "compute_cost"): """
m = Y.shape[1]
cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
return float(np.squeeze(cost))
""",
}


def _cells(path: Path) -> list[dict]:
    import json

    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _with_answer(released_source: str, body: str) -> str:
    """The released cell with its placeholder replaced by ``body``, indented like the placeholder."""
    match = PLACEHOLDER.search(released_source)
    assert match, "the released answer cell has no placeholder"
    indent = match.group(1)
    code = "".join(indent + line + "\n" for line in body.strip("\n").splitlines())
    return released_source[: match.start()] + code + released_source[match.end() :]


@pytest.mark.parametrize("case", LECTURE_FORMS, ids=lambda case: f"{case[0].split('/')[0]}-{case[1]}")
def test_lecture_form_passes_the_visible_test(case, monkeypatch):
    notebook, grade_id = case
    released = ROOT / "release" / notebook
    solutions = solution_sources(ROOT / "source" / notebook)
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: plt.close("all"))
    monkeypatch.chdir(released.parent)
    scope: dict = {"__name__": "__main__"}
    for cell in _cells(released):
        if cell["cell_type"] != "code":
            continue
        meta = cell["metadata"].get("nbgrader", {})
        source = _source(cell)
        if meta.get("grade_id") == grade_id:
            source = _with_answer(source, LECTURE_FORMS[case])
        elif is_answer_cell(cell):
            source = solutions[meta["grade_id"]]
        exec(compile(source, f"<{notebook} {meta.get('grade_id', '')}>", "exec"), scope)
        if is_test_cell(cell) and meta.get("grade_id") == "test_" + grade_id:
            return  # the visible test ran without an error
    pytest.fail(f"no visible test test_{grade_id} in {notebook}")


def test_as_float_takes_one_number_in_any_form():
    assert as_float(np.array([[0.25]]), "cost") == 0.25
    assert as_float(np.float64(2.0)) == 2.0 and as_float(3) == 3.0
    assert type(as_float(np.array([1.5]))) is float


def test_as_float_names_the_value_that_is_not_one_number():
    with pytest.raises(TypeError, match=r"cost should be a single number, but it is an array of shape \(2, 1\)"):
        as_float(np.zeros((2, 1)), "cost")
    with pytest.raises(TypeError, match="db should be a number"):
        as_float("0.5", "db")
