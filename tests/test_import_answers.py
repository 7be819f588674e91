"""course.notebook: the kinds of nbgrader cell, and import_answers, whose errors point at the student's
cell, briefly."""

import json
import traceback

import pytest

from course.notebook import defines_answers, import_answers, is_answer_cell, is_setup_cell, is_test_cell

FAILING_LINE = "    raise ValueError('W has the wrong shape')"
# A long notebook: a traceback that printed its JSON text (as it once did) would be far over the bound.
FILLER = "x" * 20_000


def _notebook(path, answer_source: str):
    def code(source, grade_id=None, solution=False):
        meta = (
            {
                "nbgrader": {
                    "grade_id": grade_id,
                    "solution": solution,
                    "grade": False,
                    "locked": not solution,
                    "schema_version": 3,
                }
            }
            if grade_id
            else {}
        )
        return {"cell_type": "code", "metadata": meta, "source": source, "outputs": [], "execution_count": None}

    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": FILLER},
        code("import numpy as np", grade_id="setup"),
        {"cell_type": "markdown", "metadata": {}, "source": "Write `linear_forward`."},
        code(answer_source, grade_id="linear_forward", solution=True),
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_an_error_in_an_imported_function_names_the_cell_and_shows_its_line(tmp_path):
    path = _notebook(
        tmp_path / "step_by_step.ipynb", f"def linear_forward(A, W, b):\n    '''Z = WA + b.'''\n{FAILING_LINE}\n"
    )
    found = import_answers(path, ["linear_forward"])
    with pytest.raises(ValueError) as caught:
        found["linear_forward"](None, None, None)
    text = "".join(traceback.format_exception(caught.value))
    assert "<notebook step_by_step.ipynb, cell 4: linear_forward>" in text
    assert "line 3" in text and FAILING_LINE.strip() in text
    assert FILLER[:100] not in text and '"cell_type"' not in text
    assert len(text) < 2_000, text


def test_a_syntax_error_in_the_earlier_notebook_names_the_cell(tmp_path):
    path = _notebook(tmp_path / "step_by_step.ipynb", "def linear_forward(A, W, b):\n    return A @\n")
    with pytest.raises(SyntaxError) as caught:
        import_answers(path, ["linear_forward"])
    assert caught.value.filename == "<notebook step_by_step.ipynb, cell 4: linear_forward>"
    assert caught.value.lineno == 2
    assert len("".join(traceback.format_exception(caught.value))) < 2_000


def test_a_missing_function_is_named(tmp_path):
    path = _notebook(tmp_path / "step_by_step.ipynb", "def linear_forward(A, W, b):\n    return W @ A + b\n")
    with pytest.raises(NameError, match="step_by_step.ipynb does not define relu"):
        import_answers(path, ["linear_forward", "relu"])


def _cell(cell_type="code", **flags):
    meta = {"grade_id": "x", "solution": False, "grade": False, "locked": False, **flags} if flags else None
    return {"cell_type": cell_type, "metadata": {"nbgrader": meta} if meta else {}, "source": ""}


@pytest.mark.parametrize(
    "cell, kind",
    [
        (_cell(solution=True), "answer"),
        (_cell(solution=True, grade=True, points=1), "answer"),  # an answer graded by hand
        (_cell(grade=True, locked=True, points=1), "test"),
        (_cell(locked=True), "set-up"),
        (_cell(), "ordinary"),
        (_cell("markdown", locked=True), "ordinary"),  # locked text is not code that defines anything
        (_cell("markdown", grade=True, points=1), "ordinary"),  # nbgrader refuses it; it is never run as a test
    ],
)
def test_each_kind_of_cell_is_recognised_by_one_function(cell, kind):
    found = [
        name
        for name, is_kind in (("answer", is_answer_cell), ("test", is_test_cell), ("set-up", is_setup_cell))
        if is_kind(cell)
    ]
    assert found == ([] if kind == "ordinary" else [kind])
    assert defines_answers(cell) == (kind in ("set-up", "answer") and cell["cell_type"] == "code")
