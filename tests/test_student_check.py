"""`make check` (course.validate): the student's own check exits non-zero while visible tests fail."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.paths import ROOT, released_notebook, source_notebook
from autograder.samples import solution_sources
from course.notebook import grade_id, is_answer_cell

RELEASED = released_notebook("02_loss_and_cost", "loss_and_cost")
SOURCE = source_notebook("02_loss_and_cost", "loss_and_cost")


def check(*paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course.validate", *map(str, paths)], capture_output=True, text=True, cwd=ROOT
    )


def answered(tmp_path: Path, answers: dict[str, str]) -> Path:
    nb = json.loads(RELEASED.read_text())
    for cell in nb["cells"]:
        if is_answer_cell(cell) and grade_id(cell) in answers:
            cell["source"] = answers[grade_id(cell)]
    path = tmp_path / "loss_and_cost.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_as_handed_out_it_fails_and_says_where(tmp_path):
    shutil.copy(RELEASED, tmp_path / "loss_and_cost.ipynb")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "NotImplementedError" in result.stdout and "0 passed, 1 failed" in result.stdout


def test_correct_answers_pass(tmp_path):
    path = answered(tmp_path, solution_sources(SOURCE))
    result = check(path)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 0 failed" in result.stdout


def test_a_wrong_answer_fails(tmp_path):
    answers = solution_sources(SOURCE)
    answers["sigmoid"] = "def sigmoid(z):\n    return z\n"
    result = check(answered(tmp_path, answers))
    assert result.returncode == 1
    assert "AssertionError" in result.stdout


def test_no_notebooks_is_an_error(tmp_path):
    assert check(tmp_path).returncode == 1


def test_it_is_quiet_about_things_that_are_not_problems(tmp_path):
    # Over TCP every kernel warned "Kernel is running over TCP without encryption", once per notebook.
    path = answered(tmp_path, solution_sources(SOURCE))
    result = check(path)
    assert result.returncode == 0, result.stdout
    assert "without encryption" not in result.stdout + result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kernel")], "no socket files left in the folder"
