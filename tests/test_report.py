"""The class report (autograder.report) on gradebooks built here with nbgrader's API: no grading run."""

import base64
import json
import os
import re
import time

import pytest
from nbgrader.api import Gradebook

from autograder import report
from autograder.nbgrader_cli import nbgrader_env

ASSIGNMENT = "hw1"
NOTEBOOK = "nb"
TESTS = {"test_sigmoid": 3.0, "test_cost": 2.0}
WRONG = "HiddenTestsFailed: cost: a constant factor of m: sum, not mean"


@pytest.fixture(autouse=True)
def alembic_on_path(monkeypatch):
    """nbgrader's API runs `alembic` by name when it creates a gradebook, as the tests do here."""
    monkeypatch.setenv("PATH", nbgrader_env()["PATH"])


def verdict(test: str, points: float, max_score: float) -> dict:
    if points >= max_score:
        output = {"output_type": "stream", "name": "stdout", "text": f"{test}: passed every check.\n"}
    else:
        output = {
            "output_type": "error",
            "ename": "HiddenTestsFailed",
            "evalue": "x",
            "traceback": [f"\x1b[31m{WRONG}\x1b[0m", "  on 3 of 12 inputs"],
        }
    return {
        "cell_type": "code",
        "metadata": {"nbgrader": {"grade_id": test, "grade": True}},
        "source": "",
        "outputs": [output],
        "execution_count": 1,
    }


def build(course, url, scores: dict[str, dict[str, float]], roster=(), seconds: float = 2.0):
    """A gradebook with ``scores`` (student -> test -> points) recorded, graded notebooks in autograded/
    whose verdicts match, and a submitted/ folder for each student graded."""
    with Gradebook(url) as gb:
        gb.add_assignment(ASSIGNMENT)
        gb.add_notebook(NOTEBOOK, ASSIGNMENT)
        for test, max_score in TESTS.items():
            gb.add_grade_cell(test, NOTEBOOK, ASSIGNMENT, max_score=max_score, cell_type="code")
        gb.add_grade_cell("written", NOTEBOOK, ASSIGNMENT, max_score=1.0, cell_type="markdown")
        for student in roster:
            gb.update_or_create_student(student)
        for student, points in scores.items():
            gb.update_or_create_student(student)
            gb.add_submission(ASSIGNMENT, student)
            for test, value in points.items():
                grade = gb.find_grade(test, NOTEBOOK, ASSIGNMENT, student)
                grade.auto_score = value
            gb.db.commit()
            (course / "submitted" / student / ASSIGNMENT).mkdir(parents=True)
            graded = course / "autograded" / student / ASSIGNMENT
            graded.mkdir(parents=True)
            (graded / "timestamp.txt").write_text("2026-01-15 12:00:00 UTC\n")
            cells = [verdict(test, value, TESTS[test]) for test, value in points.items()]
            (graded / f"{NOTEBOOK}.ipynb").write_text(
                json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
            )
            stamp_time = time.time() - 100
            os.utime(graded / "timestamp.txt", (stamp_time, stamp_time))
            os.utime(graded / f"{NOTEBOOK}.ipynb", (stamp_time + seconds, stamp_time + seconds))


def images_of(page: str) -> list[bytes]:
    return [base64.b64decode(data) for data in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]


def test_a_class_report_shows_scores_hardest_tests_messages_and_who_is_missing_or_failed(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    url = f"sqlite:///{course / 'gradebook.db'}"
    build(
        course,
        url,
        {
            "ada": {"test_sigmoid": 3, "test_cost": 2},
            "bo<b>b": {"test_sigmoid": 3, "test_cost": 0},
            "cy": {"test_sigmoid": 0, "test_cost": 0},
        },
        roster=["dee"],
        seconds=2.5,
    )
    # a student whose grading failed (a log and no receipt), one submitted and not yet graded
    logs = course / "logs" / "autograde" / ASSIGNMENT
    logs.mkdir(parents=True)
    (logs / "eve.log").write_text("--- attempt 1\nTimeoutError: the notebook did not finish in 600 s\n\n")
    (logs / "ada.log").write_text("graded\n")
    (logs / "ada.done").write_text("checksum\n")
    for student in ("eve", "fay"):
        (course / "submitted" / student / ASSIGNMENT).mkdir(parents=True)

    page_path = report.write(course, ASSIGNMENT, course / "reports")
    page = page_path.read_text(encoding="utf-8")

    results = report.collect(course, ASSIGNMENT)
    assert results.scores == {"ada": 5.0, "bo<b>b": 3.0, "cy": 0.0}
    assert results.max_score == 6.0  # test cells and the written answer
    rates = {t.name: (t.passed, t.graded) for t in results.tests}
    assert rates == {"test_sigmoid": (2, 3), "test_cost": (1, 3)}
    cost = next(t for t in results.tests if t.name == "test_cost")
    assert cost.messages.most_common(1) == [(WRONG.split(": ", 1)[1], 2)]
    assert results.failed == {"eve": "TimeoutError: the notebook did not finish in 600 s"}
    assert results.not_graded == ["fay"] and results.missing == ["dee"]
    assert results.seconds == pytest.approx({"ada": 2.5, "bo<b>b": 2.5, "cy": 2.5}, abs=0.01)

    # the page: hardest test first, its counts, the most frequent message, the people, the times
    assert page.index("<td>test_cost</td>") < page.index("<td>test_sigmoid</td>")
    assert "1 / 3 (33 %)" in page and "2 / 3 (67 %)" in page
    assert f"<b>2</b> &times; {WRONG.split(': ', 1)[1]}" in page
    assert "eve: TimeoutError: the notebook did not finish in 600 s" in page
    assert "<li>fay</li>" in page and "<li>dee</li>" in page
    assert "bo&lt;b&gt;b" in page and "bo<b>b" not in page, "a student id is written into the page unescaped"
    assert "2.5 s" in page
    # self-contained: two figures inline, the same as the PNG files beside the page
    inline = images_of(page)
    assert len(inline) == 2 and all(png.startswith(b"\x89PNG") for png in inline)
    assert sorted(inline) == sorted(
        (course / "reports" / f"{ASSIGNMENT}-{n}.png").read_bytes() for n in ("scores", "tests")
    )
    assert not re.search(r'src="(?!data:)', page), "the page links a file instead of holding it"


def test_a_class_of_one(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    build(course, f"sqlite:///{course / 'gradebook.db'}", {"solo": {"test_sigmoid": 3, "test_cost": 2}})
    page = report.write(course, ASSIGNMENT, tmp_path / "out").read_text(encoding="utf-8")
    assert "1 submissions graded; mean 5.00, median 5.00 of 6 points" in page
    assert len(images_of(page)) == 2


def test_an_assignment_the_gradebook_does_not_know_is_named_in_the_error(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    with pytest.raises(SystemExit, match="no gradebook at .*gradebook.db: grade the class first"):
        report.collect(course, ASSIGNMENT)
    assert not (course / "gradebook.db").exists(), "the report created an empty gradebook"
    build(course, f"sqlite:///{course / 'gradebook.db'}", {})
    with pytest.raises(SystemExit, match=r"no assignment 'hw2'; it knows: hw1"):
        report.collect(course, "hw2")


def test_a_postgresql_gradebook_gives_the_same_report(tmp_path, monkeypatch):
    import pgserver  # the [test] extra

    scores = {"ada": {"test_sigmoid": 3, "test_cost": 0}, "bob": {"test_sigmoid": 0, "test_cost": 2}}
    lite = tmp_path / "lite"
    lite.mkdir()
    build(lite, f"sqlite:///{lite / 'gradebook.db'}", scores)
    server = pgserver.get_server(str(tmp_path / "pgdata"), cleanup_mode="stop")
    try:
        url = server.get_uri().replace("postgresql://", "postgresql+psycopg://")
        pg = tmp_path / "pg"
        pg.mkdir()
        build(pg, url, scores)
        monkeypatch.setenv("NBGRADER_DB_URL", url)  # as nbgrader_config.py and the report read it
        from_server = report.collect(pg, ASSIGNMENT)
        assert not (pg / "gradebook.db").exists()
    finally:
        server.cleanup()
    monkeypatch.delenv("NBGRADER_DB_URL")
    from_file = report.collect(lite, ASSIGNMENT)
    assert from_server.scores == from_file.scores == {"ada": 3.0, "bob": 2.0}
    assert [(t.name, t.passed, t.messages) for t in from_server.tests] == [
        (t.name, t.passed, t.messages) for t in from_file.tests
    ]
