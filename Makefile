# The course's commands. Only Python 3 (with venv) and make are needed; everything else installs here.
#   make lab         set up, then open the course in JupyterLab (PORT=8888 by default)
#   make test        set up, then run every test (what CI runs)
#   make grade-demo  autograde the sample submissions and print the grade table
# Maintainers: make release (regenerate release/ from source/), make outputs (re-run source notebooks).

PYTHON ?= python3
PORT ?= 8888
WORK ?= work
LAB_ARGS ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSIGNMENTS := $(notdir $(wildcard source/[0-9]*))
# JupyterLab refuses to run as root unless told to; CI and containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup work lab test grade-demo release outputs check bench clean student-bundle

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Students work in work/, a copy of release/ that git ignores; files already there are never overwritten.
work: $(STAMP)
	mkdir -p $(WORK)
	cp -R -n release/. $(WORK)/
	cp -n docs/START_HERE.md $(WORK)/START_HERE.md

lab: work
	$(BIN)/jupyter lab --notebook-dir=$(WORK) --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.default_url=/lab/tree/START_HERE.md $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

grade-demo: $(STAMP)
	$(BIN)/python -m autograder.grading demo

# Student-side check: run the visible tests of your notebooks in work/ (exit status 1 if any fails).
check: work
	$(BIN)/python -m course.validate $(WORK)

release: $(STAMP)
	$(BIN)/python -m autograder.release

outputs: $(STAMP)
	$(BIN)/python -m autograder.release --execute-source

# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where a machine sets them, pin an old kernel: unset for the measurement.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/run.py

# The students' copy as its own artefact: build/dl-foundations-student/ and a .tar.gz of it.
student-bundle: $(STAMP)
	$(BIN)/python -m autograder.student_bundle

clean:
	rm -rf $(VENV) .grade-demo
