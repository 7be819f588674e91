"""The students' copy (``make student-bundle``): what a student needs, and no answer given away."""

import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from autograder import student_bundle
from autograder.paths import ROOT

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return student_bundle.build(tmp_path_factory.mktemp("bundle"))


def texts(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".h5"
    }


def test_it_holds_the_notebooks_the_course_package_the_data_and_the_two_commands(bundle):
    folder, archive = bundle
    assert sorted(p.relative_to(ROOT / "release") for p in (ROOT / "release").rglob("*.ipynb")) == sorted(
        p.relative_to(folder / "release") for p in (folder / "release").rglob("*.ipynb")
    )
    assert (folder / "datasets" / "train_catvnoncat.h5").is_file() and (folder / "START_HERE.md").is_file()
    makefile = (folder / "Makefile").read_text()
    assert "\nlab:" in makefile and "\ncheck:" in makefile
    # the student's JupyterLab set-up goes into the venv's own config folder, so plain `jupyter lab` has it too
    assert (folder / "student_lab" / "labconfig" / "page_config.json").is_file()
    assert "cp -R student_lab/. $(VENV)/etc/jupyter/" in makefile
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert f"{student_bundle.NAME}/release" in names and all(n.startswith(student_bundle.NAME) for n in names)


def test_no_solution_hidden_test_reference_or_grader_inside(bundle):
    folder, _ = bundle
    tops = sorted(p.name for p in folder.iterdir())
    assert "source" not in tops and "autograder" not in tops and not list(folder.rglob("*reference*"))
    found = texts(folder)
    for name, text in found.items():
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "hidden_checks", "autograder.reference"):
            assert marker not in text, f"{name} holds {marker!r}"
    # no line that only a solution has: long enough to be an answer, and written nowhere else in the
    # instructor's notebooks (a line that a later notebook hands out is not a secret)
    everything = "\n".join(found.values())
    sources = {
        notebook: "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"])
        for notebook in (ROOT / "source").glob("*/*.ipynb")
    }
    handed_out = "\n".join(SOLUTION.sub("", whole) for whole in sources.values())
    for notebook, whole in sources.items():
        for region in SOLUTION.findall(whole):
            for line in map(str.strip, region.splitlines()):
                if len(line) >= 25 and not line.startswith("#") and line not in handed_out and line in everything:
                    pytest.fail(f"a solution line of {notebook.relative_to(ROOT)} is in the bundle: {line!r}")


def test_its_course_package_imports_from_the_bundle(bundle):
    folder, _ = bundle
    code = (
        "import sys; sys.path.insert(0, '.'); import course, course.data, course.checks, course.notebook; "
        "print(course.__file__); print(course.data.load_catvnoncat()[0].shape)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(folder)), lines
    assert lines[1].startswith("(")
