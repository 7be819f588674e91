"""What each cell of a notebook is to nbgrader, and which code of a notebook defines a student's answers.

The kinds of cell are defined here once, for the course and the autograder alike:

* an *answer cell* is an nbgrader solution cell: the student writes there, and grading keeps its code;
* a *test cell* is a code cell that nbgrader grades by running it (flagged grade, not solution; nbgrader
  refuses a markdown cell flagged so): its visible tests, then the hidden ones;
* a *set-up cell* is a locked code cell that is not a test: the instructor's imports and helpers, which
  nbgrader restores from the source version when it autogrades.

The code that defines a student's answers is, in notebook order, every answer cell and set-up cell
(:func:`defines_answers`). One rule, used in two places: the autograder's clean worker runs exactly this
code before calling a student's functions, and a later notebook can import the functions a student wrote
in an earlier one. Ordinary cells that explore, plot or train are left out: they are not needed to define
a function, and they can be slow.
"""

from __future__ import annotations

import json
import linecache
from pathlib import Path
from typing import Any


def nbgrader_meta(cell: dict) -> dict:
    """The cell's nbgrader metadata; empty for an ordinary cell (or metadata that is not a mapping)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def grade_id(cell: dict) -> str | None:
    """The cell's nbgrader grade id, or None for an ordinary cell."""
    return nbgrader_meta(cell).get("grade_id")


def is_answer_cell(cell: dict) -> bool:
    """True for a cell where the student writes an answer (an nbgrader solution cell)."""
    return bool(nbgrader_meta(cell).get("solution"))


def is_test_cell(cell: dict) -> bool:
    """True for a code cell that nbgrader grades by running it (grade, not solution)."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_setup_cell(cell: dict) -> bool:
    """True for a locked code cell that is not a test: the instructor's imports and helpers."""
    meta = nbgrader_meta(cell)
    return (
        cell.get("cell_type") == "code"
        and bool(meta.get("locked"))
        and not meta.get("solution")
        and not is_test_cell(cell)
    )


def defines_answers(cell: dict) -> bool:
    """True for the code cells whose source defines the graded functions and what they need: the answer
    cells and the set-up cells."""
    return cell.get("cell_type") == "code" and (is_answer_cell(cell) or is_setup_cell(cell))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def answer_cells(notebook: dict) -> list[tuple[int, str, str]]:
    """(cell number counted from 1, grade id or "", source) of the cells that define a notebook's answers."""
    cells = notebook.get("cells", [])
    if not isinstance(cells, list):
        raise ValueError("notebook has no list of cells")
    return [
        (number, str(grade_id(cell) or ""), _source(cell))
        for number, cell in enumerate(cells, start=1)
        if isinstance(cell, dict) and defines_answers(cell)
    ]


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
