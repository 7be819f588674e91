"""Where things are in a course directory: its root, the assignments, their source and released notebooks,
and the name of the Python module that belongs to each assignment.

The repository root is the course directory. Functions take ``root`` so that the same rules hold in a
throwaway course (the tests and the demo grade in one) as in the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository, which is also nbgrader's course directory
SOURCE = "source"  # instructor notebooks: solutions, hidden tests, stored outputs
RELEASE = "release"  # the student version that nbgrader generates from source/


def assignments(root: Path = ROOT) -> list[str]:
    """The assignments of a course: the numbered folders of ``source/`` that hold a notebook."""
    return sorted(
        p.name for p in (root / SOURCE).iterdir() if p.is_dir() and p.name[:1].isdigit() and any(p.glob("*.ipynb"))
    )


def module_name(assignment: str) -> str:
    """'05_logistic_regression' -> 'logistic_regression': assignments are numbered, modules are not.

    The module of that name holds the assignment's hidden checks and sample submissions."""
    return re.sub(r"^\d+_", "", assignment)


def assignment_of(module: str, root: Path = ROOT) -> str:
    """'logistic_regression' -> '05_logistic_regression', the assignment whose module is ``module``."""
    found = [name for name in assignments(root) if module_name(name) == module]
    if len(found) != 1:
        raise LookupError(f"no single assignment in {root / SOURCE} has the module name {module!r} (found {found})")
    return found[0]


def _notebook_file(notebook: str) -> str:
    return notebook if notebook.endswith(".ipynb") else notebook + ".ipynb"


def source_notebook(assignment: str, notebook: str, root: Path = ROOT) -> Path:
    """The instructor's notebook ``notebook`` (with or without ``.ipynb``) of ``assignment``."""
    return root / SOURCE / assignment / _notebook_file(notebook)


def released_notebook(assignment: str, notebook: str, root: Path = ROOT) -> Path:
    """The handed-out notebook ``notebook`` (with or without ``.ipynb``) of ``assignment``."""
    return root / RELEASE / assignment / _notebook_file(notebook)


def source_notebooks(root: Path = ROOT) -> list[Path]:
    """Every instructor notebook of the course, in assignment order."""
    return sorted((root / SOURCE).glob("*/*.ipynb"))


def released_notebook_names(assignment: str, root: Path = ROOT) -> list[str]:
    """The names (without ``.ipynb``) of the notebooks handed out for ``assignment``."""
    return sorted(p.stem for p in (root / RELEASE / assignment).glob("*.ipynb"))
