"""The reference solutions, read from the instructor's notebooks: the solution cells in ``source/`` are
the one written copy of every solution.

``import autograder.reference.loss_and_cost`` (or ``from autograder.reference import loss_and_cost``)
builds a module from the notebooks of ``source/02_loss_and_cost/``: their set-up cells and answer cells
(``course.notebook.answer_cells``), in notebook order, notebooks in name order. Of these cells only
definitions run: functions, classes, assignments of constants, and the imports that these use (so no
plotting or data library is loaded into the grader). Statements that do something (a call such as
``limit_blas_threads()`` or ``import_answers(...)``, a loop) are left out; the notebooks of an assignment
are read together, so functions that one notebook imports from another are defined anyway. Ordinary cells
(exploration, plots, training) are never run. Python's import system keeps each module once per process.

Student code never sees this: the sandbox shows neither ``autograder/`` nor ``source/``.
"""

from __future__ import annotations

import ast
import copy
import importlib.abc
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from autograder import paths
from course.notebook import answer_cells, compile_cell

SOURCE = paths.ROOT / paths.SOURCE


def assignment_folder(module: str, source: Path = SOURCE) -> Path | None:
    """The folder of source/ whose notebooks hold ``module``'s solutions ("loss_and_cost" -> 02_loss_and_cost)."""
    try:
        return source / paths.assignment_of(module, root=source.parent)
    except LookupError:
        return None


def _is_constant(value: ast.expr) -> bool:
    """True for a value built without calling anything (numbers, strings, tuples, dicts, lambdas, np.log)."""
    return not any(isinstance(node, ast.Call) for node in ast.walk(value))


def _is_definition(statement: ast.stmt) -> bool:
    """Imports, functions, classes and constants: what the reference needs; not what a cell does."""
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
        return True
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
        return _is_constant(statement.value)
    return False


def _without_unused_imports(statements: list[ast.stmt], used: set[str]) -> list[ast.stmt]:
    """``statements`` with each import cut down to the names in ``used`` (so plotting and data libraries
    stay out of the grader's process), and left out when it imports none of them."""
    kept = []
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names = [
                alias
                for alias in statement.names
                if alias.name == "*" or (alias.asname or alias.name.split(".")[0]) in used
            ]
            if not names:
                continue
            statement = copy.copy(statement)
            statement.names = names
        kept.append(statement)
    return kept


def _define(namespace: dict, folder: Path) -> None:
    """Run the definitions of every answer and set-up cell of ``folder``'s notebooks in ``namespace``."""
    cells = []
    defined_in: dict[str, str] = {}  # function name -> where, to refuse a function written twice
    for path in sorted(folder.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for number, grade_id, source in answer_cells(notebook):
            where = f"{path.relative_to(folder.parent)} cell {number}"
            tree = ast.parse(source, filename=where)
            tree.body = [statement for statement in tree.body if _is_definition(statement)]
            for statement in tree.body:
                if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                    if statement.name in defined_in:
                        raise ValueError(
                            f"{statement.name} is defined twice, in {defined_in[statement.name]} "
                            f"and in {where}: an assignment defines each function once"
                        )
                    defined_in[statement.name] = where
            cells.append((path, number, grade_id, source, tree))
    used = {
        node.id
        for *_, tree in cells
        for statement in tree.body
        if not isinstance(statement, (ast.Import, ast.ImportFrom))
        for node in ast.walk(statement)
        if isinstance(node, ast.Name)
    }
    for path, number, grade_id, source, tree in cells:
        tree.body = _without_unused_imports(tree.body, used)
        exec(compile_cell(path, number, grade_id, source, tree), namespace)


def build(module: str, source: Path = SOURCE) -> ModuleType:
    """A new module of ``module``'s reference solutions, read from the notebooks under ``source``."""
    folder = assignment_folder(module, source)
    if folder is None:
        raise LookupError(f"no assignment folder for the module {module!r} in {source}")
    built = ModuleType(f"{__name__}.{module}", f"Reference solutions read from {folder}.")
    _define(built.__dict__, folder)
    return built


class _FromNotebooks(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Lets ``import autograder.reference.<module>`` find and build a module from source/."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, module = fullname.rpartition(".")
        if package != __name__:
            return None
        folder = assignment_folder(module)
        return None if folder is None else importlib.util.spec_from_loader(fullname, self, origin=str(folder))

    def create_module(self, spec):
        return None  # an ordinary module

    def exec_module(self, module):
        _define(module.__dict__, Path(module.__spec__.origin))


if not any(isinstance(finder, _FromNotebooks) for finder in sys.meta_path):
    sys.meta_path.insert(0, _FromNotebooks())
