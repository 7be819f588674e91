"""One written copy of every solution: the solution cells of the notebooks in source/ (issue 14).

The judge reads its reference solutions from those cells (autograder/reference). A second copy in a Python
file would not be used, and could go wrong without anyone noticing; these tests find such copies, and prove
that the reference really comes from the notebooks.
"""

import ast
import json
import shutil
import sys
from pathlib import Path

import pytest

from autograder import judge
from autograder.paths import ROOT, source_notebooks
from autograder.reference import build
from course.notebook import is_answer_cell

NOTEBOOK_FOLDERS = {"source", "release"}  # the solutions themselves, and the student version without them


def _body(function: ast.FunctionDef) -> str:
    """The function's code without its name and docstring, as a syntax tree (spacing and comments do not count)."""
    statements = function.body[1:] if ast.get_docstring(function) is not None else function.body
    return ast.dump(ast.Module(body=statements, type_ignores=[]))


def solutions() -> dict[str, dict[str, str]]:
    """{function name: {body: "notebook, cell"}} for every function defined in a solution cell of source/."""
    found: dict[str, dict[str, str]] = {}
    for path in source_notebooks():
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], start=1):
            if cell.get("cell_type") == "code" and is_answer_cell(cell):
                for node in ast.parse("".join(cell["source"])).body:
                    if isinstance(node, ast.FunctionDef):
                        found.setdefault(node.name, {})[_body(node)] = f"{path.relative_to(ROOT)}, cell {number}"
    return found


def python_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if path.relative_to(ROOT).parts[0] not in NOTEBOOK_FOLDERS
        and not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
    ]


def _is_check_generator(function: ast.FunctionDef) -> bool:
    """The judge's generators of calls share the graded functions' names on purpose: ``def name(rng)``."""
    return [argument.arg for argument in function.args.args] == ["rng"] and any(
        isinstance(node, (ast.Yield, ast.YieldFrom)) for node in ast.walk(function)
    )


def _functions_in(path: Path):
    """(line, function, in a string) for every def in the file, and in every string of it that is Python code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            yield node.lineno, node, False
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "def " in node.value:
            try:
                inner = ast.parse(node.value)
            except SyntaxError:
                continue
            for function in ast.walk(inner):
                if isinstance(function, ast.FunctionDef):
                    yield node.lineno, function, True


SOLUTIONS = solutions()


def test_the_solutions_are_found():
    # the search below looks for these: an empty list would let it pass without looking
    assert {"sigmoid", "propagate", "L_model_backward", "nn_model"} <= set(SOLUTIONS)


def test_no_python_file_defines_a_graded_function():
    """A def named after a graded function, outside the notebooks, is a second copy (or soon one)."""
    found = [
        f"{path.relative_to(ROOT)}:{line} defines {function.name}"
        for path in python_files()
        for line, function, in_string in _functions_in(path)
        if function.name in SOLUTIONS and not in_string and not _is_check_generator(function)
    ]
    # (a sample's answer, in a string, may have the name: it must not have the code, the next test says)
    assert not found, "solutions are written only in source/*.ipynb:\n" + "\n".join(found)


def test_no_python_file_holds_the_code_of_a_solution():
    """The same code under another name, or in a string (a sample answer), is a copy too."""
    bodies = {body: where for copies in SOLUTIONS.values() for body, where in copies.items()}
    found = [
        f"{path.relative_to(ROOT)}:{line}: {function.name} is the solution of {bodies[_body(function)]}"
        for path in python_files()
        for line, function, _ in _functions_in(path)
        if _body(function) in bodies
    ]
    assert not found, "\n".join(found)


def test_the_search_finds_a_copy(tmp_path, monkeypatch):
    cell = next(
        cell
        for path in source_notebooks()
        if path.parent.name == "02_loss_and_cost"
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell.get("cell_type") == "code" and is_answer_cell(cell)
    )
    (tmp_path / "copied.py").write_text("".join(cell["source"]).replace("sigmoid", "logistic"))
    (tmp_path / "named.py").write_text("def sigmoid(z):\n    return z\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="named.py:1 defines sigmoid"):
        test_no_python_file_defines_a_graded_function()
    with pytest.raises(AssertionError, match="copied.py:1: logistic is the solution of .*cell"):
        test_no_python_file_holds_the_code_of_a_solution()


@pytest.mark.parametrize("module", sorted({judge.module_name(p.parent.name) for p in source_notebooks()}))
def test_every_graded_function_of_the_reference_comes_from_a_notebook(module):
    reference = judge.load("reference", module)
    for name in judge.checks_of(module):
        filename = getattr(reference, name).__code__.co_filename
        assert filename.startswith("<notebook "), f"{module}.{name} comes from {filename}"


def _copy_assignment(tmp_path: Path, assignment: str = "02_loss_and_cost") -> Path:
    folder = tmp_path / "source" / assignment
    shutil.copytree(ROOT / "source" / assignment, folder)
    return folder / "loss_and_cost.ipynb"


def _edit(path: Path, change) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    change(notebook["cells"])
    path.write_text(json.dumps(notebook), encoding="utf-8")


def _replace_in_cell(cells, grade_id: str, old: str, new: str) -> None:
    cell = next(c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
    source = "".join(cell["source"])
    assert old in source
    cell["source"] = source.replace(old, new)


def test_the_reference_changes_with_the_notebook(tmp_path):
    assert build("loss_and_cost").sigmoid(0.0) == 0.5
    path = _copy_assignment(tmp_path)
    _edit(
        path, lambda cells: _replace_in_cell(cells, "sigmoid", "return 1.0 / (1.0 + np.exp(-z))", "return 0.25 + 0 * z")
    )
    changed = build("loss_and_cost", tmp_path / "source")
    assert changed.sigmoid(0.0) == 0.25
    assert changed.sigmoid.__code__.co_filename == "<notebook loss_and_cost.ipynb, cell 4: sigmoid>"


def test_only_definitions_run(tmp_path):
    """Ordinary cells never run, nor statements of the set-up cell that do something, nor imports that no
    definition uses (the set-up's matplotlib)."""
    path = _copy_assignment(tmp_path)
    marker = tmp_path / "ran.txt"

    def change(cells):
        cells.insert(
            3,
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
                "source": f"open({str(marker)!r}, 'w')\nraise RuntimeError('an ordinary cell ran')",
            },
        )
        _replace_in_cell(
            cells, "setup", "import numpy as np", f"import numpy as np\nSTEP = 2\nopen({str(marker)!r}, 'w')"
        )

    _edit(path, change)
    built = build("loss_and_cost", tmp_path / "source")
    assert built.STEP == 2 and callable(built.compute_cost) and not marker.exists()
    assert "plt" not in vars(built) and "expect_close" not in vars(built) and built.np.exp(0.0) == 1.0


def test_a_function_written_twice_is_refused(tmp_path):
    path = _copy_assignment(tmp_path)
    shutil.copy(path, path.with_name("second.ipynb"))
    with pytest.raises(
        ValueError,
        match=r"sigmoid is defined twice, in 02_loss_and_cost/loss_and_cost.ipynb cell 4 "
        r"and in 02_loss_and_cost/second.ipynb cell 4",
    ):
        build("loss_and_cost", tmp_path / "source")


def test_an_unknown_module_is_named():
    with pytest.raises(LookupError, match="no assignment folder for the module 'no_such_thing'"):
        build("no_such_thing")
    with pytest.raises(ModuleNotFoundError):
        judge.load("reference", "no_such_thing")
