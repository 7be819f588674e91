"""release/ is exactly what nbgrader makes from source/, and carries no solution or hidden test."""

import json
import shutil
from pathlib import Path

import pytest

from autograder.paths import ROOT, assignments, source_notebook
from autograder.release import generate_release
from autograder.samples import solution_sources

ASSIGNMENTS = assignments()


def normalized(path: Path) -> dict:
    """A notebook as JSON, less what nbgrader or nbformat leave to chance (none found so far but cell
    ids, which nbgrader copies from source and so are compared too)."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    generate_release(course)
    return course / "release"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_in_sync_with_source(assignment, regenerated):
    committed = sorted(
        p.relative_to(ROOT / "release") for p in (ROOT / "release" / assignment).rglob("*") if p.is_file()
    )
    fresh = sorted(p.relative_to(regenerated) for p in (regenerated / assignment).rglob("*") if p.is_file())
    assert committed == fresh, "release/ has other files than nbgrader makes: run `make release`"
    for name in committed:
        if name.suffix == ".ipynb":
            assert normalized(ROOT / "release" / name) == normalized(regenerated / name), (
                f"release/{name} differs from what source/ generates: run `make release` and commit"
            )
        else:
            assert (ROOT / "release" / name).read_bytes() == (regenerated / name).read_bytes()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_has_no_solutions_or_hidden_tests(assignment):
    for released in (ROOT / "release" / assignment).glob("*.ipynb"):
        text = released.read_text(encoding="utf-8")
        for forbidden in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "hidden_checks", "from autograder"):
            assert forbidden not in text, f"{released} contains {forbidden!r}"
        source = source_notebook(assignment, released.name)
        for grade_id, answer in solution_sources(source).items():
            body = [
                line.strip()
                for line in answer.splitlines()
                if line.strip() and not line.strip().startswith(("def ", '"""', "#")) and '"""' not in line
            ]
            solution_lines = [line for line in body if line not in text]
            assert solution_lines or not body, f"{released.name}: the solution of {grade_id} leaked into the release"


def test_every_assignment_is_released():
    assert ASSIGNMENTS, "no assignments in source/"
    assert sorted(p.name for p in (ROOT / "release").iterdir() if p.is_dir()) == ASSIGNMENTS
