"""The README's instructor commands work as written, in that order, on a fresh course directory.

The test reads the fenced block after the ``instructor-commands`` marker in README.md, swaps in a light
assignment, and runs each command with bash from a fresh copy of the course. The "collect" comment is
where it puts two submissions: the solution (full marks) and the notebook as handed out (no marks).
"""

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.paths import ROOT
from autograder.samples import Sample, submission

README_ASSIGNMENT = "05_logistic_regression"
ASSIGNMENT = "02_loss_and_cost"  # the lightest notebook: the commands are what is under test


def instructor_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split("<!-- instructor-commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines()]


def test_readme_instructor_commands_run_as_written(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))

    commands = instructor_block()
    assert commands[0] == "source .venv/bin/activate", "the block starts by entering the venv"
    ran = []
    for line in commands[1:]:
        line = line.replace(README_ASSIGNMENT, ASSIGNMENT)
        if line.startswith("# collect"):
            for student, sample in (
                ("alice", Sample("alice", "the solution")),
                ("bob", Sample("bob", "as handed out", base="release")),
            ):
                folder = course / "submitted" / student / ASSIGNMENT
                folder.mkdir(parents=True)
                for notebook, content in submission(ASSIGNMENT, sample, ROOT).items():
                    (folder / f"{notebook}.ipynb").write_bytes(content)
            continue
        if not line or line.startswith("#"):
            continue
        result = subprocess.run(["bash", "-c", line], cwd=course, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"`{line}` failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        ran.append(line.split()[1])
    assert ran == ["generate_assignment", "autograde", "generate_feedback", "export"]

    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f) if row["assignment"] == ASSIGNMENT}
    assert set(rows) == {"alice", "bob"}
    assert float(rows["alice"]["raw_score"]) == float(rows["alice"]["max_score"]) > 0
    assert float(rows["bob"]["raw_score"]) == 0
    for student in rows:
        assert list((course / "feedback" / student / ASSIGNMENT).glob("*.html")), f"{student} got no feedback"
