"""The instructor loop, end to end, on every assignment's sample submissions (attacks included).

For each assignment: a fresh course directory, the samples submitted, then nbgrader's own commands
(autograde on the Dask workers, generate_feedback, export) with this course's nbgrader_config.py, each run
inside a process already started (``nbgrader_cli.nbgrader_here``; test_host_guarantees shows that it does
what the plain command does). Every sample must get
exactly its expected points in every test cell; every student gets feedback that says why points were
lost and never shows hidden tests; the grade sheet lists every student; no submission changes anything
outside its own folder.
"""

import csv
import hashlib
import json
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.demo import db_url, grade, prepare
from autograder.paths import assignments, released_notebook, released_notebook_names
from autograder.samples import attacks, notebook_name, samples_of, submission, submitted_whole

GRADED = [a for a in assignments() if samples_of(a)]
# Grading a class takes minutes and pytest-xdist runs a file whole on one worker, so the classes are
# spread over three files that the two workers take in turn (tests/conftest.py): the assignment that the
# attacks aim at, the longest to grade, in test_grading_attacks.py; the second track (08-10) in
# test_grading_track.py; the rest here. The tests below are the same for all of them.
SECOND_TRACK = [a for a in GRADED if int(a[:2]) >= 8]
GRADED_HERE = [a for a in GRADED if a != attacks.ASSIGNMENT and a not in SECOND_TRACK]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def graded_classes(chosen: list[str]):
    """The fixture ``graded`` over the classes of ``chosen``: (assignment, course, outcomes, before), each
    class graded once for the tests of a module. A file that imports the tests below and sets
    ``graded = graded_classes([...])`` runs them on its own classes."""

    @pytest.fixture(scope="module", params=chosen)
    def graded(request, tmp_path_factory):
        assignment = request.param
        course = tmp_path_factory.mktemp(assignment) / "course"
        prepare(course, [assignment])
        before = {name: fingerprint(course / name) for name in ("source", "release")}
        before["submitted"] = {
            s.student: fingerprint(course / "submitted" / s.student)
            for s in samples_of(assignment)
            if s.edit is None or not isinstance(s.edit({"cells": [], "metadata": {}}), bytes)
        }
        outcomes = grade(course, [assignment], scheduler=request.getfixturevalue("grading_cluster"))
        return assignment, course, outcomes, before

    return graded


graded = graded_classes(GRADED_HERE)


def test_every_sample_gets_exactly_its_expected_points(graded):
    assignment, course, outcomes, _ = graded
    wrong = [(o.student, o.expected, o.got) for o in outcomes if not o.ok]
    assert not wrong, f"{assignment}: samples graded differently from what they must get: {wrong}"
    assert {o.student for o in outcomes} == {s.student for s in samples_of(assignment)}


def test_feedback_explains_and_keeps_hidden_tests_hidden(graded):
    assignment, course, outcomes, _ = graded
    for sample in samples_of(assignment):
        pages = list((course / "feedback" / sample.student / assignment).glob("*.html"))
        assert pages, f"{sample.student} got no feedback"
        html = "\n".join(p.read_text(encoding="utf-8") for p in pages)
        assert "hidden_checks" not in html and "BEGIN HIDDEN TESTS" not in html
        if sample.reason:
            assert sample.reason in html, f"{sample.student}: feedback does not say {sample.reason!r}"


def test_grade_sheet_lists_every_student(graded):
    assignment, course, outcomes, _ = graded
    with open(course / "grades.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == assignment]
    assert {r["student_id"] for r in rows} == {o.student for o in outcomes}
    by_student = {r["student_id"]: float(r["raw_score"]) for r in rows}
    with Gradebook(db_url(course)) as gb:
        for o in outcomes:
            # every notebook the student submitted counts; a companion notebook may lose points too,
            # as 7b imports the student's own 7a answers
            total = gb.find_submission(assignment, o.student).score
            assert by_student[o.student] == pytest.approx(total)
            if len(released_notebook_names(assignment)) == 1:
                assert total == pytest.approx(sum(o.got.values()))


def test_no_submission_reaches_outside_its_own_folder(graded):
    assignment, course, outcomes, before = graded
    assert fingerprint(course / "source") == before["source"]
    assert fingerprint(course / "release") == before["release"]
    for student, files in before["submitted"].items():
        assert fingerprint(course / "submitted" / student) == files, f"submitted/{student} was changed"
    for notebook in (course / "autograded").rglob("*.ipynb"):
        assert notebook.stat().st_size < 2 * 2**20, f"{notebook} is too large: output was not capped"


@pytest.mark.parametrize("assignment", GRADED)
def test_one_sample_per_notebook_is_whole_and_the_others_keep_every_graded_cell(assignment):
    # Samples other than the first of each notebook leave out the ordinary cells (training, plots) to
    # grade faster; the trusted checks decide every test cell, so their grades cannot depend on them.
    for notebook in released_notebook_names(assignment):
        released = json.loads(released_notebook(assignment, notebook).read_text(encoding="utf-8"))
        graded_ids = [c["metadata"]["nbgrader"]["grade_id"] for c in released["cells"] if "nbgrader" in c["metadata"]]
        assert len(graded_ids) < len(released["cells"]), f"{notebook} has no ordinary cell: nothing to leave out"
        samples = [s for s in samples_of(assignment) if notebook_name(assignment, s) == notebook]
        whole = [s for s in samples if s.edit is None and submitted_whole(assignment, s)]
        assert len(whole) == 1 and not whole[0].zero, f"{notebook}: one whole sample with full marks, not {whole}"
        cells = json.loads(submission(assignment, whole[0])[notebook])["cells"]
        assert len(cells) == len(released["cells"]), "the whole sample runs every cell, training included"
        for sample in samples:
            if sample.edit is None and sample is not whole[0]:
                cells = json.loads(submission(assignment, sample)[notebook])["cells"]
                assert [c["metadata"]["nbgrader"]["grade_id"] for c in cells] == graded_ids, sample.student
