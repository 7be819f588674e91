"""The grading plug-ins on small notebooks built here: fast unit tests, no kernel and no nbgrader run.

Each test builds a tiny course directory (``release/``, ``submitted/``, ``autograded/``, ``feedback/``) in
``tmp_path`` and calls one plug-in directly, as nbgrader would. The end-to-end proofs (real submissions
through ``nbgrader autograde``) are in tests/test_grading.py and tests/test_host_guarantees.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from traitlets.config import Config

from autograder.preprocessors import (
    HideHiddenTests,
    ProvideSiblings,
    RequireCourseConfig,
    RestoreStructure,
    SealWorkingCopy,
)
from autograder.preprocessors.hooks import feedback_pages_only, prepare_submission
from course.notebook import grade_id, is_answer_cell, is_test_cell

ASSIGNMENT = "01_tiny"
HIDDEN = "### BEGIN HIDDEN TESTS\nassert secret()\n### END HIDDEN TESTS\n"


def nbgrader_cell(kind: str, name: str, source: str):
    """A cell with nbgrader's metadata: "answer", "test" (1 point) or "setup"."""
    flags = {
        "answer": dict(solution=True, grade=False, locked=False),
        "test": dict(solution=False, grade=True, locked=True, points=1),
        "setup": dict(solution=False, grade=False, locked=True),
    }[kind]
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": name, "schema_version": 3, **flags}
    return cell


def handed_out() -> nbformat.NotebookNode:
    return new_notebook(
        cells=[
            new_markdown_cell("# A tiny assignment"),
            nbgrader_cell("setup", "setup", "import math\n"),
            nbgrader_cell(
                "answer", "double", "def double(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
            ),
            nbgrader_cell("test", "test_double", "assert double(2) == 4\n"),
            nbgrader_cell("answer", "half", "def half(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"),
            nbgrader_cell("test", "test_half", "assert half(4) == 2\n"),
        ]
    )


@pytest.fixture
def course(tmp_path) -> Path:
    """A course directory with the tiny assignment released."""
    release = tmp_path / "release" / ASSIGNMENT
    release.mkdir(parents=True)
    nbformat.write(handed_out(), release / "tiny.ipynb")
    return tmp_path


def config_of(course: Path) -> Config:
    return Config({"CourseDirectory": {"root": str(course)}})


def resources(student: str = "s", path: Path | None = None) -> dict:
    return {
        "nbgrader": {"assignment": ASSIGNMENT, "notebook": "tiny", "student": student},
        "metadata": {"path": str(path) if path else ""},
    }


def restored(course: Path, nb) -> list:
    nb, _ = RestoreStructure(config=config_of(course)).preprocess(nb, resources())
    return nb.cells


def layout(cells) -> list[tuple[str, str | None]]:
    return [(cell.cell_type, grade_id(cell)) for cell in cells]


HANDED_OUT_LAYOUT = [
    ("markdown", None),
    ("code", "setup"),
    ("code", "double"),
    ("code", "test_double"),
    ("code", "half"),
    ("code", "test_half"),
]


# RestoreStructure --------------------------------------------------------------------------------------


def test_restore_structure_keeps_an_untouched_notebook_as_it_is(course):
    assert layout(restored(course, handed_out())) == HANDED_OUT_LAYOUT


def test_restore_structure_brings_back_deleted_cells_as_handed_out(course):
    nb = handed_out()
    nb.cells = [cell for cell in nb.cells if grade_id(cell) not in ("test_double", "half")]
    cells = restored(course, nb)
    assert layout(cells) == HANDED_OUT_LAYOUT
    assert cells[3].source == "assert double(2) == 4\n" and "NotImplementedError" in cells[4].source


def test_restore_structure_keeps_the_answer_and_the_students_own_cells(course):
    nb = handed_out()
    nb.cells[2].source = "def double(x):\n    return 2 * x\n"
    nb.cells.insert(3, new_code_cell("print(double(3))  # my own try"))
    cells = restored(course, nb)
    assert cells[2].source == "def double(x):\n    return 2 * x\n"
    assert layout(cells) == HANDED_OUT_LAYOUT[:3] + [("code", None)] + HANDED_OUT_LAYOUT[3:]
    assert cells[3].source.startswith("print(double(3))")


def test_restore_structure_turns_a_duplicate_into_an_ordinary_cell(course):
    nb = handed_out()
    twin = nbformat.from_dict(json.loads(json.dumps(nb.cells[3])))
    twin.source = "pass  # a copy of the test, emptied"
    nb.cells.insert(1, twin)  # the first copy of a grade id is the one kept
    cells = restored(course, nb)
    assert sum(grade_id(cell) == "test_double" for cell in cells) == 1
    test = next(cell for cell in cells if grade_id(cell) == "test_double")
    assert test.source == "assert double(2) == 4\n"  # a test cell always comes back as handed out
    assert len({cell.id for cell in cells}) == len(cells)  # cell ids stay unique


def test_restore_structure_undoes_reflagged_cells(course):
    nb = handed_out()
    nb.cells[3].metadata.nbgrader.update(grade=False, points=1000)  # "this is not a test"
    nb.cells[3].source = "pass"
    nb.cells[2].metadata.nbgrader.update(grade=True, points=1000)  # "my answer is worth 1000"
    nb.cells[5].cell_type = "markdown"  # a test turned into text
    nb.cells.append(nbgrader_cell("test", "test_mine", "pass"))  # a grade id the course does not have
    cells = restored(course, nb)
    assert layout(cells) == HANDED_OUT_LAYOUT + [("code", None)]
    assert [is_test_cell(cell) for cell in cells] == [False, False, False, True, False, True, False]
    assert is_answer_cell(cells[2]) and cells[2].metadata.nbgrader.get("points", 0) == 0
    assert cells[3].source == "assert double(2) == 4\n"


# HideHiddenTests ---------------------------------------------------------------------------------------


def test_hide_hidden_tests_removes_the_hidden_region_and_keeps_the_verdict():
    nb = handed_out()
    test = nb.cells[3]
    test.source = "assert double(2) == 4\n" + HIDDEN
    test.outputs = [new_output("error", ename="HiddenTestsFailed", evalue="double: wrong", traceback=["double: wrong"])]
    nb, _ = HideHiddenTests().preprocess(nb, resources())
    assert "secret" not in test.source and "BEGIN HIDDEN TESTS" not in test.source
    assert test.source.startswith("assert double(2) == 4\n") and "hidden tests ran here" in test.source
    assert test.outputs[0].ename == "HiddenTestsFailed"  # the result stays
    assert "hidden tests ran here" not in nb.cells[5].source  # a cell without hidden tests is left alone


# ProvideSiblings ---------------------------------------------------------------------------------------


def siblings_case(course: Path):
    submitted = course / "submitted" / "s" / ASSIGNMENT
    here = course / "autograded" / "s" / ASSIGNMENT
    submitted.mkdir(parents=True)
    here.mkdir(parents=True)
    for name in ("tiny.ipynb", "first.ipynb"):
        (submitted / name).write_text(f'{{"from": "submitted {name}"}}')
    (here / "tiny.ipynb").write_text('{"from": "being graded"}')
    return submitted, here


def provide(course: Path, here: Path) -> None:
    ProvideSiblings(config=config_of(course)).preprocess(handed_out(), resources(path=here))


def test_provide_siblings_copies_the_other_notebooks_and_keeps_the_one_graded(course):
    submitted, here = siblings_case(course)
    (submitted / "notes.txt").write_text("not a notebook")
    provide(course, here)
    assert sorted(p.name for p in here.iterdir()) == ["first.ipynb", "tiny.ipynb"]
    assert (here / "first.ipynb").read_text() == '{"from": "submitted first.ipynb"}'
    assert (here / "tiny.ipynb").read_text() == '{"from": "being graded"}'


def test_provide_siblings_refuses_a_sibling_that_is_a_link(course, tmp_path_factory):
    submitted, here = siblings_case(course)
    secret = tmp_path_factory.mktemp("outside") / "solutions.ipynb"
    secret.write_text('{"answers": "of the instructor"}')
    (submitted / "first.ipynb").unlink()
    (submitted / "first.ipynb").symlink_to(secret)
    provide(course, here)
    assert not os.path.lexists(here / "first.ipynb")


def test_provide_siblings_never_writes_through_a_dangling_link(course, tmp_path_factory):
    submitted, here = siblings_case(course)
    target = tmp_path_factory.mktemp("outside") / "gradebook.db"
    (here / "first.ipynb").symlink_to(target)  # where the sibling goes, a link to a file not yet made
    provide(course, here)
    assert not target.exists()
    assert (here / "first.ipynb").is_symlink()  # left for SealWorkingCopy to remove


def test_seal_working_copy_removes_links_and_refuses_a_linked_folder(course, tmp_path_factory):
    here = course / "autograded" / "s" / ASSIGNMENT
    here.mkdir(parents=True)
    (here / "tiny.ipynb").write_text("{}")
    (here / "gradebook.db").symlink_to(course / "gradebook.db")
    os.mkfifo(here / "pipe")
    SealWorkingCopy(config=config_of(course)).preprocess(handed_out(), resources())
    assert sorted(p.name for p in here.iterdir()) == ["tiny.ipynb"]

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    other = course / "autograded" / "t"
    other.mkdir()
    (other / ASSIGNMENT).symlink_to(elsewhere)
    with pytest.raises(RuntimeError, match="is a link"):
        SealWorkingCopy(config=config_of(course)).preprocess(handed_out(), resources(student="t"))


# The hooks: prepare_submission (links, unreadable files) and feedback_pages_only -----------------------


def submission_folder(course: Path) -> Path:
    folder = course / "submitted" / "s" / ASSIGNMENT
    folder.mkdir(parents=True)
    return folder


def test_a_link_in_a_submission_is_set_aside_and_the_notebook_says_so(course, tmp_path_factory):
    folder = submission_folder(course)
    nbformat.write(handed_out(), folder / "tiny.ipynb")
    secret = tmp_path_factory.mktemp("outside") / "reference.py"
    secret.write_text("def double(x): return 2 * x\n")
    (folder / "reference.py").symlink_to(secret)
    prepare_submission(ASSIGNMENT, "s", [str(folder / "tiny.ipynb")])
    assert sorted(p.name for p in folder.iterdir()) == ["reference.py.set-aside", "tiny.ipynb"]
    first = nbformat.read(folder / "tiny.ipynb", as_version=4).cells[0]
    assert "set aside" in first.source and "reference.py" in first.source and "is a link" in first.source


def test_a_notebook_that_is_a_link_is_graded_as_handed_out(course, tmp_path_factory):
    folder = submission_folder(course)
    solutions = tmp_path_factory.mktemp("outside") / "tiny.ipynb"
    answered = handed_out()
    answered.cells[2].source = "def double(x):\n    return 2 * x\n"
    nbformat.write(answered, solutions)
    (folder / "tiny.ipynb").symlink_to(solutions)
    prepare_submission(ASSIGNMENT, "s", [str(folder / "tiny.ipynb")])
    assert not (folder / "tiny.ipynb").is_symlink()
    graded = nbformat.read(folder / "tiny.ipynb", as_version=4)
    assert "NotImplementedError" in graded.cells[3].source  # cell 0 is the note; then the handed-out cells
    assert "graded as the notebook handed out" in graded.cells[0].source


def test_an_unreadable_notebook_is_kept_aside_and_replaced_by_the_handed_out_one(course):
    folder = submission_folder(course)
    (folder / "tiny.ipynb").write_bytes(b'{"cells": [ not json')
    prepare_submission(ASSIGNMENT, "s", [str(folder / "tiny.ipynb")])
    assert (folder / "tiny.ipynb.unreadable").read_bytes() == b'{"cells": [ not json'
    graded = nbformat.read(folder / "tiny.ipynb", as_version=4)
    assert "could not be read as a notebook" in graded.cells[0].source
    assert layout(graded.cells[1:]) == HANDED_OUT_LAYOUT


def test_the_hook_stops_the_process_when_the_submission_cannot_be_checked(course):
    folder = course / "submitted" / "s" / ASSIGNMENT
    folder.parent.mkdir(parents=True)
    folder.symlink_to(course / "release" / ASSIGNMENT)  # the assignment folder itself is a link
    with pytest.raises(SystemExit, match="refusing to grade s/01_tiny"):
        prepare_submission(ASSIGNMENT, "s", [str(folder / "tiny.ipynb")])


def test_feedback_pages_only_leaves_the_pages_and_nothing_else(course, tmp_path_factory):
    graded = course / "autograded" / "s" / ASSIGNMENT
    feedback = course / "feedback" / "s" / ASSIGNMENT
    graded.mkdir(parents=True)
    (feedback / "data").mkdir(parents=True)
    (feedback / "tiny.html").write_text("<html>the page</html>")
    (feedback / "tiny.ipynb").write_text("{}")
    (feedback / "data" / "big.npy").write_bytes(b"0" * 100)
    outside = tmp_path_factory.mktemp("outside") / "page.html"
    outside.write_text("not the student's")
    (feedback / "linked.html").symlink_to(outside)
    feedback_pages_only(ASSIGNMENT, "s", [str(graded / "tiny.ipynb")])
    assert sorted(p.name for p in feedback.iterdir()) == ["tiny.html"]
    assert outside.read_text() == "not the student's"


def test_require_course_config_stops_unless_the_course_file_loaded_whole():
    with pytest.raises(RuntimeError, match="nbgrader_config.py was not loaded"):
        RequireCourseConfig().preprocess(handed_out(), resources())
    complete = Config({"CourseConfig": {"complete": True}})
    nb, _ = RequireCourseConfig(config=complete).preprocess(handed_out(), resources())
    assert layout(nb.cells) == HANDED_OUT_LAYOUT
