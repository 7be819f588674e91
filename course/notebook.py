"""Which code of a notebook defines a student's answers.

One rule, used in two places: the autograder's clean worker runs exactly this code before calling a
student's functions, and a later notebook can import the functions a student wrote in an earlier one.

The rule: in notebook order, every code cell that is an nbgrader *solution* cell (the student's answers)
or a *locked* cell that is not a test (the instructor's set-up, such as imports, which nbgrader restores
from the source version when it autogrades). Ordinary cells that explore, plot or train are left out:
they are not needed to define a function, and they can be slow.
"""

from __future__ import annotations

import json
import linecache
from pathlib import Path
from typing import Any


def _nbgrader_meta(cell: dict) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_test_cell(cell: dict) -> bool:
    meta = _nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution")


def defines_answers(cell: dict) -> bool:
    """True for the code cells whose source defines the graded functions and what they need."""
    if cell.get("cell_type") != "code":
        return False
    meta = _nbgrader_meta(cell)
    if meta.get("solution"):
        return True
    return bool(meta.get("locked")) and not is_test_cell(cell)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def answer_cells(notebook: dict) -> list[tuple[int, str, str]]:
    """(cell number counted from 1, grade id or "", source) of the cells that define a notebook's answers."""
    cells = notebook.get("cells", [])
    if not isinstance(cells, list):
        raise ValueError("notebook has no list of cells")
    return [(number, str(_nbgrader_meta(cell).get("grade_id", "")), _source(cell))
            for number, cell in enumerate(cells, start=1) if isinstance(cell, dict) and defines_answers(cell)]


def answer_code(notebook: dict) -> list[str]:
    """The sources of the cells that define a notebook's answers, in order."""
    return [source for _, _, source in answer_cells(notebook)]


def compile_cell(path: Path, number: int, grade_id: str, source: str, code=None):
    """Compile a notebook cell's ``source`` (or ``code``, an ast.Module parsed from it) under a name that
    tracebacks show, e.g. "<notebook x.ipynb, cell 13: relu>", and let tracebacks show its lines.

    Without this, a traceback names the .ipynb file and prints lines of its JSON text (one was 464 KB).
    linecache keeps entries whose modification time is None; tracebacks read their lines from there.
    """
    filename = f"<notebook {Path(path).name}, cell {number}{': ' + grade_id if grade_id else ''}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    return compile(source if code is None else code, filename, "exec")


def import_answers(path: str | Path, names: list[str], namespace: dict[str, Any] | None = None) -> dict:
    """Run the answer cells of another notebook and return (or bind into ``namespace``) the named functions.

    Used by a notebook that builds on functions the student wrote in an earlier one of the same assignment.
    A name the earlier notebook does not define gets an error that says which notebook and which name.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"cannot import answers: no notebook at {path}")
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    scope: dict[str, Any] = {"__name__": f"answers_of_{path.stem}"}
    for number, grade_id, code in answer_cells(notebook):
        exec(compile_cell(path, number, grade_id, code), scope)
    missing = [name for name in names if not callable(scope.get(name))]
    if missing:
        raise NameError(f"{path.name} does not define {', '.join(missing)}: complete that notebook first")
    found = {name: scope[name] for name in names}
    if namespace is not None:
        namespace.update(found)
    return found
