"""The rules of docs/AUTHORING.md that grading depends on, checked on every source notebook."""

import ast
import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest

from autograder import judge
from autograder.paths import source_notebooks
from autograder.samples import samples_of
from course.notebook import defines_answers, is_answer_cell, is_test_cell

NOTEBOOKS = source_notebooks()
HIDDEN = re.compile(
    r"### BEGIN HIDDEN TESTS\nfrom autograder\.judge import hidden_checks\n"
    r"hidden_checks\(\"(?P<module>\w+)\", \"(?P<name>\w+)\", (?P<fn>\w+)\)\n### END HIDDEN TESTS$"
)


def cells(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        yield cell, cell.get("metadata", {}).get("nbgrader"), "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.name)
def test_test_cells_are_checked_by_the_judge(path):
    module = judge.module_name(path.parent.name)
    checks = judge.checks_of(module)
    tests = [(meta, src) for cell, meta, src in cells(path) if is_test_cell(cell)]
    assert tests, f"{path.name} has no autograded tests"
    for meta, src in tests:
        name = judge.function_of(meta["grade_id"])
        assert name in checks, f"{meta['grade_id']}: no checks for {name} in autograder/hidden_checks/{module}.py"
        assert meta["points"] > 0
        found = HIDDEN.search(src.rstrip())
        assert found, f"{meta['grade_id']}: the hidden region must be exactly the three lines of docs/AUTHORING.md"
        assert found.group("module", "name", "fn") == (module, name, name)
        assert src.index("### BEGIN HIDDEN TESTS") > 0, f"{meta['grade_id']} needs a visible test before the hidden one"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.name)
def test_answer_and_setup_cells_are_plain_python_definitions(path):
    for cell, meta, src in cells(path):
        if not defines_answers(cell):
            continue
        tree = ast.parse(src)  # no %magics or !shell: the worker runs this as Python
        if is_answer_cell(cell):
            functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
            assert functions, f"answer cell {meta['grade_id']} defines no function"
            for fn in functions:
                assert ast.get_docstring(fn), f"{fn.name} needs a docstring with its shapes"


@pytest.mark.parametrize("module", sorted({judge.module_name(p.parent.name) for p in NOTEBOOKS}))
def test_checks_try_varied_inputs(module):
    """A check that tried one input could be passed by a hard-coded answer."""
    for name, generator in judge.checks_of(module).items():
        calls = list(generator(np.random.default_rng(judge.SEED)))
        assert len(calls) >= 3, f"checks for {module}.{name} try only {len(calls)} input(s)"
        assert "rng" in inspect.signature(generator).parameters


@pytest.mark.parametrize("assignment", sorted({p.parent.name for p in NOTEBOOKS}))
def test_every_assignment_has_sample_submissions(assignment):
    samples = samples_of(assignment)
    names = {s.student for s in samples}
    assert "correct" in names
    assert any(s.zero for s in samples), "at least one sample must lose points"
    assert len(names) == len(samples), "sample student ids must be unique"
