"""Build the students' copy of the course: what a student needs, and nothing that gives answers away.

    python -m autograder.student_bundle [--out build]     # or: make student-bundle

Writes ``build/dl-foundations-student/`` and ``build/dl-foundations-student.tar.gz``. The bundle holds the
handed-out notebooks (``release/``), the ``course`` package, the data files, ``START_HERE.md``, the
student's JupyterLab set-up (``student_lab/``, which ``make setup`` installs into the venv), and a
small Makefile and pyproject.toml so that the same two commands work there: ``make lab`` and
``make check``. It never holds ``source/`` (solutions), ``autograder/`` (reference solutions, hidden
checks, the grader), the gradebook or anything a class produced. ``tests/test_student_bundle.py`` builds
it and proves that.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tarfile
from pathlib import Path

from autograder.paths import RELEASE, ROOT

NAME = "dl-foundations-student"
# The data files a notebook loads, and what says where they come from; not the scripts that build them.
DATA_FILES = ["train_catvnoncat.h5", "test_catvnoncat.h5", "DATASHEET.md", "contact_sheet.png"]
# What the course package and the student's tools need at run time (course.validate uses nbgrader's
# Validator, as the Validate button does).
DEPENDENCIES = [
    "numpy>=1.26",
    "matplotlib>=3.8",
    "h5py>=3.10",
    "pillow>=10",
    "jupyterlab>=4.2",
    "ipykernel>=6.29",
    "nbgrader==0.9.6",
    "nbformat>=5.10",
    "nbclient>=0.10",
]

MAKEFILE = """\
# The two commands of the course. Only Python 3 (with venv) and make are needed.
#   make lab     set up, then open the course in JupyterLab (PORT=8888 by default)
#   make check   run your notebooks as the grader will and list every visible test that fails

PYTHON ?= python3
PORT ?= 8888
WORK ?= work
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup work lab check

setup: $(STAMP)

$(STAMP): pyproject.toml $(wildcard student_lab/*.py student_lab/*/*.json)
\ttest -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
\t$(BIN)/python -m pip install --quiet --upgrade pip
\t$(BIN)/python -m pip install --quiet -e .
\t# JupyterLab's set-up for this course (student_lab/jupyter_server_config.py says what it changes)
\tmkdir -p $(VENV)/etc/jupyter && cp -R student_lab/. $(VENV)/etc/jupyter/
\ttouch $@

# Your work goes in work/, a copy of release/; files already there are never overwritten.
work: $(STAMP)
\tmkdir -p $(WORK)
\tcp -R -n release/. $(WORK)/
\tcp -n START_HERE.md $(WORK)/START_HERE.md

lab: work
\t$(BIN)/jupyter lab --notebook-dir=$(WORK) --port=$(PORT) $(ROOT_FLAG)

check: work
\t$(BIN)/python -m course.validate $(WORK)
"""

README = """\
# Foundations of deep learning: the student's copy

1. `make lab` sets everything up (a few minutes the first time) and opens JupyterLab on `START_HERE.md`
   in `work/`, your own copy of the notebooks.
2. Before you submit: `make check`. It runs your notebooks from top to bottom, as the grader will, and
   lists every visible test that still fails.

Submit the notebooks in `work/` the way your instructor asks. The grader also runs hidden tests.
"""


def pyproject() -> str:
    deps = "".join(f'    "{d}",\n' for d in DEPENDENCIES)
    return f"""\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "{NAME}"
version = "0.1.0"
description = "The student's copy of an open course in the foundations of deep learning."
requires-python = ">=3.10"
license = "MIT"
dependencies = [
{deps}]

[tool.setuptools.packages.find]
include = ["course*"]
"""


def _ignore(_folder, names):
    return [n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".pyc")]


def build(out: Path = ROOT / "build") -> tuple[Path, Path]:
    """Write the bundle folder and its .tar.gz under ``out``; return both paths."""
    folder = out / NAME
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / RELEASE, folder / RELEASE, ignore=_ignore)
    shutil.copytree(ROOT / "course", folder / "course", ignore=_ignore)
    shutil.copytree(ROOT / "student_lab", folder / "student_lab", ignore=_ignore)
    (folder / "datasets").mkdir()
    for name in DATA_FILES:
        shutil.copy(ROOT / "datasets" / name, folder / "datasets" / name)
    shutil.copy(ROOT / "docs" / "START_HERE.md", folder / "START_HERE.md")
    shutil.copy(ROOT / "LICENSE", folder / "LICENSE")
    (folder / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    (folder / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    for path in folder.rglob("*"):
        if path.is_symlink():
            raise RuntimeError(f"{path} is a link: the bundle holds plain files only")
    archive = out / f"{NAME}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=NAME)
    return folder, archive


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "build"), help="where to write it (default: build/)")
    opts = parser.parse_args(argv)
    folder, archive = build(Path(opts.out).resolve())
    print(f"wrote {folder} and {archive}", file=sys.stderr)


if __name__ == "__main__":
    main()
