# The course's commands. Only Python 3 (with venv) and make are needed; everything else installs here.
#   make lab         set up, then open the course in JupyterLab (PORT=8888 by default)
#   make lab-instructor  JupyterLab at the course root, with nbgrader's Formgrader
#   make test        set up, then run every test (what CI runs)
#   make test-fast   the maintainer's inner loop: the quick tests and the light notebooks
#   make test-browser  the course in Chromium: student, instructor, class report (make screenshots keeps them)
#   make grade-demo  autograde the sample submissions and print the grade table
# Maintainers: make release (regenerate release/ from source/), make outputs (re-run source notebooks).

PYTHON ?= python3
PORT ?= 8888
WORK ?= work
LAB_ARGS ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STUDENT_LAB := $(VENV)/etc/jupyter-student
ASSIGNMENTS := $(notdir $(wildcard source/[0-9]*))
# JupyterLab refuses to run as root unless told to; CI and containers run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# jsonschema uses the optional IRI checker rfc3987-syntax when it is installed (jupyter-events pulls it in),
# and that package builds about 35 parsers when imported: 1.5 s of CPU in every process that imports
# nbformat, so in every nbgrader command, one per graded submission. No Jupyter schema checks IRIs.
# Every pip install below is followed by this.
WITHOUT_SLOW_IRI_CHECKER := $(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax

.PHONY: setup work lab lab-instructor lint test test-browser screenshots test-portable test-fast grade-demo release outputs check bench clean student-bundle

setup: $(STAMP)

$(STAMP): Makefile pyproject.toml autograder/failclosed/nbgrader_config.py $(wildcard student_lab/*.py student_lab/*/*.json)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(WITHOUT_SLOW_IRI_CHECKER)
	# nbgrader reads every nbgrader_config.py on Jupyter's config path, this venv's etc/jupyter included,
	# before the course's own: this one makes plain `nbgrader autograde` refuse to run unless the course's
	# file loaded (fail closed; autograder/failclosed/nbgrader_config.py says how).
	install -D -m 644 autograder/failclosed/nbgrader_config.py $(VENV)/etc/jupyter/nbgrader_config.py
	# The student's JupyterLab set-up (student_lab/jupyter_server_config.py says what it changes), kept
	# apart from the venv's own etc/jupyter so that the instructor's JupyterLab keeps every nbgrader tool.
	rm -rf $(STUDENT_LAB) && mkdir -p $(dir $(STUDENT_LAB)) && cp -R student_lab $(STUDENT_LAB)
	touch $@

# Students work in work/, a copy of release/ that git ignores; files already there are never overwritten.
work: $(STAMP)
	mkdir -p $(WORK)
	cp -R -n release/. $(WORK)/
	cp -n docs/START_HERE.md $(WORK)/START_HERE.md

lab: work
	JUPYTER_CONFIG_PATH=$(abspath $(STUDENT_LAB)) $(BIN)/jupyter lab --notebook-dir=$(WORK) --port=$(PORT) \
		$(ROOT_FLAG) $(LAB_ARGS)

# The instructor's JupyterLab at the course root (nbgrader_config.py, the gradebook; COURSE=. by default),
# with nbgrader's Formgrader, Create Assignment and course list.
COURSE ?= .
lab-instructor: $(STAMP)
	cd $(COURSE) && $(abspath $(BIN))/jupyter lab --port=$(PORT) $(ROOT_FLAG) $(LAB_ARGS)

# The linter and formatter, configured in pyproject.toml: `make lint`; `.venv/bin/ruff format .` tidies.
# The lint also collects the browser tests, which `pytest tests` leaves out: a broken import there shows
# up in `make test` even on a machine without Chromium.
LINT := $(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/python -m pytest --collect-only -qq tests/browser
lint: $(STAMP)
	$(LINT)

# `make test` runs the linter, then every test file and every source notebook (nbval) on both cores
# (pytest-xdist; each file whole on one worker, tests/conftest.py says why) under another OpenBLAS kernel
# on 1 thread, then the notebooks once more under the machine's own kernel on 2 threads: the two runs of
# test-portable, with the other kernel's run folded into the main run, where its notebooks fill the time
# the graders spend waiting.
PYTEST := $(BIN)/python -m pytest
# --no-loadscope-reorder: pytest-xdist would queue the files by their number of tests; tests/conftest.py
# queues the longest first instead (a class's grading is one test of several minutes), and early the ones
# that mostly wait.
ON_TWO_CORES := -n 2 --dist loadfile --no-loadscope-reorder
test: $(STAMP)
	failed=0; \
	$(LINT) || failed=1; \
	$(OTHER_BLAS) $(PYTEST) tests source $(ON_TWO_CORES) || failed=1; \
	$(NOTEBOOKS_ON_2_THREADS); \
	exit $$failed

# Every source notebook against its stored outputs (nbval), twice: with the machine's own BLAS kernel on
# 2 threads (COURSE_BLAS_THREADS=2, as the notebooks' set-up would lower it to 1), and with another kernel
# on 1 thread. Each adds floating-point numbers in its own order, so a stored output that only one machine
# can reproduce fails here, not on a newcomer's laptop. Each pytest command of a run includes a test that
# proves OpenBLAS uses the kernel and thread count the run asks for (BLAS_CHECK). OTHER_KERNEL is an
# OpenBLAS core type of this CPU family other than its own (tests/blas_kernels.py picks it, and says why);
# empty, the second run changes the thread count only. Expanded when a recipe runs, after the set-up.
OTHER_KERNEL ?= $(shell $(BIN)/python tests/blas_kernels.py)
OTHER_BLAS = env $(if $(OTHER_KERNEL),OPENBLAS_CORETYPE=$(OTHER_KERNEL),-u OPENBLAS_CORETYPE) OPENBLAS_NUM_THREADS=1
OWN_BLAS_2_THREADS := env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=2 COURSE_BLAS_THREADS=2
BLAS_CHECK := tests/test_environment.py::test_blas_is_the_one_this_run_asks_for
# The 2-thread run in two steps. First 7b alone: its training keeps both BLAS threads busy for about a
# minute, and beside other notebooks on 2 threads it slowed several-fold (a training cell of 18 s took
# 120 s). Then the other notebooks two at a time, with OPENBLAS_THREAD_TIMEOUT=4: a BLAS thread with no
# work sleeps at once instead of spinning for about 0.1 s, so it leaves the core to the other process
# (these notebooks took 52 s one at a time, 48 s two at a time, 37 s two at a time with the timeout; 7b
# alone takes 3 s longer with it, so it runs without). The timeout changes when an idle thread sleeps,
# not how the work is split or summed. Both steps always run; each one's failure sets failed=1.
LONG_TRAINING := source/07_deep_network/deep_network_application.ipynb
NOTEBOOKS_ON_2_THREADS = $(OWN_BLAS_2_THREADS) $(PYTEST) $(BLAS_CHECK) $(LONG_TRAINING) -n 0 || failed=1; \
	$(OWN_BLAS_2_THREADS) OPENBLAS_THREAD_TIMEOUT=4 $(PYTEST) $(BLAS_CHECK) source --ignore=$(LONG_TRAINING) \
		$(ON_TWO_CORES) || failed=1
# Both runs always run, so a failure shows under which set-ups it happens.
test-portable: $(STAMP)
	failed=0; \
	$(NOTEBOOKS_ON_2_THREADS); \
	$(OTHER_BLAS) $(PYTEST) $(BLAS_CHECK) source $(ON_TWO_CORES) || failed=1; \
	exit $$failed

# The maintainer's inner loop, well under 2 minutes: the tests not marked slow in tests/conftest.py and nbval
# of the notebooks that run in seconds. NOTEBOOKS=source/05_logistic_regression adds the ones you changed;
# FAST_GRADED=05_logistic_regression grades that assignment's samples too. `make test` stays the full check.
LIGHT_NOTEBOOKS := source/01_notation source/02_loss_and_cost source/03_computation_graph source/04_vectorization
NOTEBOOKS ?=
FAST_GRADED ?=
test-fast: $(STAMP)
	$(LINT)
	$(PYTEST) tests $(LIGHT_NOTEBOOKS) $(NOTEBOOKS) $(ON_TWO_CORES) -m "not slow" $(if $(FAST_GRADED),--graded-only=$(FAST_GRADED))

# The course in a real browser (tests/browser/): a student in `make lab`, an instructor in the Formgrader,
# the class report. Needs Chromium (`apt-get install chromium`); Playwright comes with the [browser] extra.
# `make screenshots` runs the same tests and keeps their screenshots in docs/screenshots/ for the README.
BROWSER_STAMP := $(VENV)/.installed-browser
$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,browser]'
	$(WITHOUT_SLOW_IRI_CHECKER)
	touch $@
test-browser: $(BROWSER_STAMP)
	$(PYTEST) tests/browser
screenshots: $(BROWSER_STAMP)
	$(PYTEST) tests/browser --screenshots=docs/screenshots

grade-demo: $(STAMP)
	$(BIN)/python -m autograder.demo

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
	$(WITHOUT_SLOW_IRI_CHECKER)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/run.py

# The students' copy as its own artefact: build/dl-foundations-student/ and a .tar.gz of it.
student-bundle: $(STAMP)
	$(BIN)/python -m autograder.student_bundle

clean:
	rm -rf $(VENV) .grade-demo
