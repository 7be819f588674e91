"""The instructor loop, end to end, on every assignment's sample submissions (attacks included).

For each assignment: a fresh course directory, the samples submitted, then the plain nbgrader commands
(autograde, generate_feedback, export) with this course's nbgrader_config.py. Every sample must get
exactly its expected points in every test cell; every student gets feedback that says why points were
lost and never shows hidden tests; the grade sheet lists every student; no submission changes anything
outside its own folder.
"""

import csv
import hashlib
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.grading import db_url, grade, prepare
from autograder.release import assignments
from autograder.samples import notebooks_of, samples_of

GRADED = [a for a in assignments() if samples_of(a)]


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", params=GRADED)
def graded(request, tmp_path_factory):
    assignment = request.param
    course = tmp_path_factory.mktemp(assignment) / "course"
    prepare(course, [assignment])
    before = {name: fingerprint(course / name) for name in ("source", "release")}
    before["submitted"] = {s.student: fingerprint(course / "submitted" / s.student) for s in samples_of(assignment)
                           if s.edit is None or not isinstance(s.edit({"cells": [], "metadata": {}}), bytes)}
    outcomes = grade(course, [assignment])
    return assignment, course, outcomes, before


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
            if len(notebooks_of(assignment)) == 1:
                assert total == pytest.approx(sum(o.got.values()))


def test_no_submission_reaches_outside_its_own_folder(graded):
    assignment, course, outcomes, before = graded
    assert fingerprint(course / "source") == before["source"]
    assert fingerprint(course / "release") == before["release"]
    for student, files in before["submitted"].items():
        assert fingerprint(course / "submitted" / student) == files, f"submitted/{student} was changed"
    for notebook in (course / "autograded").rglob("*.ipynb"):
        assert notebook.stat().st_size < 2 * 2**20, f"{notebook} is too large: output was not capped"
