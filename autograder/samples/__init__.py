"""Sample submissions with the grades they must get.

Each assignment has a module ``autograder/samples/<module>.py`` with a list ``SAMPLES`` of
:class:`Sample`. A sample is built from the *current* student version (``release/``), so samples never go
stale: its answer cells are filled with the instructor's solution, then the sample's own answers replace
some of them, then an optional ``edit`` changes the notebook as an attacker or a careless student would.

The expected grade is exact: every test cell earns its full points except those listed in ``zero``.
The demo (``make grade-demo``) and the tests (``tests/test_grading.py``) autograde the same samples.

Only the first sample of each notebook is submitted whole. The others keep only their nbgrader cells
(set-up, answers, tests), unless their ``edit`` works on the notebook as handed in: the trusted checks
decide every test cell, so the ordinary cells that train and plot would only re-run the same minutes of
training for every sample.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.paths import ROOT, module_name, released_notebook, released_notebook_names, source_notebook
from course.notebook import grade_id, is_answer_cell, is_test_cell, nbgrader_meta

MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


@dataclass
class Sample:
    student: str  # the student id the sample is submitted under
    why: str  # what the sample shows, for the README's table and the demo
    answers: dict[str, str] = field(default_factory=dict)  # solution grade_id -> the student's source
    base: str = "solution"  # "solution": start from correct answers; "release": as handed out
    zero: set[str] = field(default_factory=set)  # test cells that must earn nothing; others full marks
    edit: Callable[[dict], dict | bytes] | None = None  # the notebook as JSON -> changed JSON (or raw bytes)
    notebook: str | None = None  # which notebook of the assignment (default: the only one)
    reason: str | None = None  # words the feedback must contain, saying why points were lost


def samples_of(assignment: str) -> list[Sample]:
    """The samples of an assignment: its own module's, and the attacks aimed at it."""
    from autograder.samples import attacks

    try:
        module = importlib.import_module(f"autograder.samples.{module_name(assignment)}")
    except ModuleNotFoundError:
        own = []
    else:
        own = list(module.SAMPLES)
    return own + (list(attacks.SAMPLES) if assignment == attacks.ASSIGNMENT else [])


def cell_timeout(assignment: str) -> int | None:
    """Seconds a cell may run when the samples are graded, if the assignment's sample module says
    (``CELL_TIMEOUT``); else nbgrader_config.py's limit holds. Samples that never finish wait out this
    limit, so an assignment whose cells all take under a second need not wait a minute for each."""
    try:
        module = importlib.import_module(f"autograder.samples.{module_name(assignment)}")
    except ModuleNotFoundError:
        return None
    return getattr(module, "CELL_TIMEOUT", None)


def submission(assignment: str, sample: Sample, root: Path = ROOT) -> dict[str, bytes]:
    """Every notebook a sample's student submits: the sample's own, and the instructor's solution for
    the assignment's other notebooks (a later notebook may import answers from an earlier one). Those
    companions keep only their nbgrader cells: they are there to be imported, and their training and
    plotting cells would only slow the demo down."""
    target = notebook_name(assignment, sample, root)
    files = {target: build(assignment, sample, root, whole=submitted_whole(assignment, sample, root))}
    for other in released_notebook_names(assignment, root):
        if other != target:
            files[other] = build(
                assignment, Sample(sample.student, "the solution", notebook=other, edit=_only_nbgrader_cells), root
            )
    return files


def submitted_whole(assignment: str, sample: Sample, root: Path = ROOT) -> bool:
    """True for the first sample of each notebook, and for samples whose edit needs the whole notebook."""
    if sample.edit is not None:
        return True
    target = notebook_name(assignment, sample, root)
    first = next(s for s in samples_of(assignment) if notebook_name(assignment, s, root) == target)
    return first.student == sample.student


def _only_nbgrader_cells(nb: dict) -> dict:
    nb["cells"] = [cell for cell in nb["cells"] if "nbgrader" in cell.get("metadata", {})]
    return nb


def _cells(notebook: Path) -> list[dict]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def solution_sources(source_notebook: Path) -> dict[str, str]:
    """The instructor's answers, by grade id, without the solution markers."""
    return {
        grade_id(cell): MARKERS.sub("", "".join(cell["source"]))
        for cell in _cells(source_notebook)
        if is_answer_cell(cell)
    }


def points_of(source_notebook: Path) -> dict[str, float]:
    """Points of every autograded test cell, by grade id."""
    return {
        grade_id(cell): float(nbgrader_meta(cell)["points"]) for cell in _cells(source_notebook) if is_test_cell(cell)
    }


def notebook_name(assignment: str, sample: Sample, root: Path = ROOT) -> str:
    if sample.notebook:
        return sample.notebook
    names = released_notebook_names(assignment, root)
    if len(names) != 1:
        raise ValueError(f"{assignment} has notebooks {names}: the sample {sample.student!r} must name one")
    return names[0]


def build(assignment: str, sample: Sample, root: Path = ROOT, whole: bool = True) -> bytes:
    """The bytes of the sample's submitted notebook (``whole=False``: its nbgrader cells only)."""
    name = notebook_name(assignment, sample, root)
    released = json.loads(released_notebook(assignment, name, root).read_text(encoding="utf-8"))
    answers = solution_sources(source_notebook(assignment, name, root)) if sample.base == "solution" else {}
    answers.update(sample.answers)
    nb = copy.deepcopy(released)
    known = set()
    for cell in nb["cells"]:
        if is_answer_cell(cell) and grade_id(cell) in answers:
            cell["source"] = answers[grade_id(cell)]
            known.add(grade_id(cell))
    unknown = set(sample.answers) - known
    if unknown:
        raise KeyError(
            f"sample {sample.student!r} answers cells {sorted(unknown)} that {assignment}/{name} does not have"
        )
    if not whole:
        nb = _only_nbgrader_cells(nb)
    result = sample.edit(nb) if sample.edit else nb
    if isinstance(result, bytes):
        return result
    nbformat.validate(nbformat.from_dict(result)) if sample.edit is None else None
    return (json.dumps(result, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def expected_scores(assignment: str, sample: Sample, root: Path = ROOT) -> dict[str, float]:
    name = notebook_name(assignment, sample, root)
    points = points_of(source_notebook(assignment, name, root))
    unknown = sample.zero - set(points)
    if unknown:
        raise KeyError(f"sample {sample.student!r} expects zero on unknown test cells {sorted(unknown)}")
    return {grade_id: 0.0 if grade_id in sample.zero else full for grade_id, full in points.items()}
