"""Adversarial submissions: each tries to earn points it did not earn, or to harm the grading of others.

All are aimed at assignment 02 (loss and cost: answers ``sigmoid``, ``loss``, ``compute_cost``). Most
pair an attack with wrong answers, so that any point they got would be unearned. The README's table of
attacks is this list; ``tests/test_grading.py`` grades them beside the honest samples of 02, in one class,
and also checks that nothing outside each submission's own folder changed.
"""

from __future__ import annotations

import copy

from autograder.samples import Sample
from course.notebook import is_answer_cell

ASSIGNMENT = "02_loss_and_cost"
DECOY_PORT = 47001  # the grading harness listens here on the host's loopback while it grades
TESTS = {"test_sigmoid", "test_loss", "test_compute_cost"}

# Wrong answers of the right shape and type: what an attack would like to see pass.
WRONG = {
    "sigmoid": "def sigmoid(z):\n    return np.zeros_like(np.asarray(z, dtype=float)) + 0.5\n",
    "loss": "def loss(a, y):\n    return 0.0\n",
    "compute_cost": "def compute_cost(A, Y):\n    return 0.0\n",
}


def _with_wrong(prefix: str, into: str = "sigmoid") -> dict[str, str]:
    """All answers wrong, with ``prefix`` (the attack) at the top of the ``into`` answer cell."""
    answers = dict(WRONG)
    answers[into] = prefix + "\n" + answers[into]
    return answers


def _cells(nb: dict, grade_id_prefix: str = "test_") -> list[dict]:
    return [
        c
        for c in nb["cells"]
        if "nbgrader" in c.get("metadata", {}) and c["metadata"]["nbgrader"]["grade_id"].startswith(grade_id_prefix)
    ]


def _gut_tests(nb: dict) -> dict:
    for cell in _cells(nb):
        cell["source"] = "pass  # tests removed by the student\n"
    return nb


def _delete_tests(nb: dict) -> dict:
    nb["cells"] = [c for c in nb["cells"] if c not in _cells(nb)]
    return nb


def _duplicate_and_reorder(nb: dict) -> dict:
    tests = _cells(nb)
    for cell in tests:
        twin = copy.deepcopy(cell)
        twin["source"] = "pass\n"
        twin.pop("id", None)
        nb["cells"].append(twin)
    nb["cells"] = list(reversed(nb["cells"]))
    return nb


def _tamper_metadata(nb: dict) -> dict:
    for cell in _cells(nb):
        meta = cell["metadata"]["nbgrader"]
        meta["points"] = 1000
        meta["checksum"] = "0" * 32
        meta["grade"] = False  # "this is not a test"
    for cell in _cells(nb, ""):
        if is_answer_cell(cell):
            cell["metadata"]["nbgrader"].update(grade=True, points=1000)  # "my answer is worth 1000"
    return nb


def _rename_tests(nb: dict) -> dict:
    for cell in _cells(nb):
        cell["metadata"]["nbgrader"]["grade_id"] = "mine_" + cell["metadata"]["nbgrader"]["grade_id"]
        cell["source"] = "pass\n"
    return nb


def _unknown_kernel(nb: dict) -> dict:
    nb["metadata"]["kernelspec"] = {"name": "no-such-kernel", "display_name": "Evil", "language": "python"}
    return nb


def _empty(nb: dict) -> dict:
    nb["cells"] = []
    return nb


REACH_OUT = """
import os, pathlib
here = pathlib.Path.cwd()
course_root = here.parents[2]
for target in [course_root / "gradebook.db", course_root / "source" / "02_loss_and_cost" / "loss_and_cost.ipynb",
               course_root / "submitted" / "correct" / "02_loss_and_cost" / "loss_and_cost.ipynb",
               course_root / "autograded" / "correct" / "02_loss_and_cost" / "loss_and_cost.ipynb"]:
    try:
        target.write_text("overwritten by another student")
    except OSError:
        pass
"""

LINK_OUT = """
import os
# the notebook being graded, and a sibling, replaced by links to the course's own files: a grader that
# followed them would write the graded notebook over nbgrader_config.py and the gradebook
for name, target in [("loss_and_cost.ipynb", "../../../nbgrader_config.py"), ("other.ipynb", "../../../gradebook.db")]:
    try:
        os.remove(name)
    except OSError:
        pass
    try:
        os.symlink(target, name)
    except OSError:
        pass
"""

SAMPLES = [
    Sample(
        "attack_numpy_helpers",
        "replaces np.allclose, np.isclose, np.array_equal and np.testing's asserts",
        answers=_with_wrong(
            "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
            "np.array_equal = lambda *a, **k: True\n"
            "np.testing.assert_allclose = lambda *a, **k: None\n"
            "np.testing.assert_array_equal = lambda *a, **k: None\n"
        ),
        zero=TESTS,
        reason="differs from the expected",
    ),
    Sample(
        "attack_builtins",
        "replaces abs, float, isinstance, len and print in builtins",
        answers=_with_wrong(
            "import builtins\nbuiltins.abs = lambda x: 0\nbuiltins.float = lambda *a: 0.0\n"
            "builtins.isinstance = lambda *a: True\nbuiltins.len = lambda x: 0\n"
            "builtins.print = lambda *a, **k: None\n"
        ),
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_always_equal",
        "returns an object equal to everything instead of an array",
        answers={
            "sigmoid": (
                "class Anything:\n"
                "    def __eq__(self, other): return True\n"
                "    def __ne__(self, other): return False\n"
                "    def __array__(self, *a, **k): raise TypeError('no')\n"
                "def sigmoid(z):\n    return Anything()\n"
            )
        },
        zero={"test_sigmoid"},
        reason="Anything object",
    ),
    Sample(
        "attack_copy_reference",
        "imports the reference solutions (or reads the source notebook) to copy them",
        answers={
            "sigmoid": "from autograder.reference.loss_and_cost import sigmoid\n",
            "loss": (
                "import json, pathlib, course\n"
                "notebook = pathlib.Path(course.__file__).parents[1] / 'source' / '02_loss_and_cost' / "
                "'loss_and_cost.ipynb'\n"
                "for cell in json.loads(notebook.read_text())['cells']:\n"
                "    if 'def loss' in ''.join(cell['source']):\n"
                "        exec(''.join(cell['source']))\n"
            ),
            "compute_cost": (
                "import autograder.judge\nautograder.judge.compare = lambda *a, **k: []\n" + WRONG["compute_cost"]
            ),
        },
        zero=TESTS,
        reason="not defined",
    ),
    Sample(
        "attack_hardcoded",
        "returns the visible tests' expected values",
        answers={
            "sigmoid": "def sigmoid(z):\n    return 0.5 if np.ndim(z) == 0 else np.array([0.5, 0.88079708])\n",
            "loss": "def loss(a, y):\n    return 0.10536052 if y == 1 else 2.30258509\n",
            "compute_cost": "def compute_cost(A, Y):\n    return 0.27977656\n",
        },
        zero=TESTS,
        reason="expected",
    ),
    Sample(
        "attack_gutted_tests",
        "replaces every test cell with `pass` (nbgrader restores them)",
        answers=dict(WRONG),
        edit=_gut_tests,
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_deleted_tests",
        "deletes every test cell (they are added back and graded)",
        answers=dict(WRONG),
        edit=_delete_tests,
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_duplicated_reordered",
        "duplicates the test cells as `pass` and reverses the notebook",
        answers=dict(WRONG),
        edit=_duplicate_and_reorder,
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_metadata",
        "sets points to 1000, breaks checksums, unmarks tests, marks answers as graded",
        answers=dict(WRONG),
        edit=_tamper_metadata,
        zero=TESTS,
    ),
    Sample(
        "attack_renamed_tests",
        "renames the test cells' grade ids and empties them",
        answers=dict(WRONG),
        edit=_rename_tests,
        zero=TESTS,
    ),
    Sample(
        "attack_infinite_loop",
        "an endless loop at the top of an answer cell",
        answers=_with_wrong("while True:\n    pass\n", into="compute_cost"),
        zero=TESTS,
        reason="did not finish",
    ),
    Sample(
        "attack_sleep",
        "time.sleep for a day in an answer cell",
        answers=_with_wrong("import time\ntime.sleep(86400)\n", into="compute_cost"),
        zero=TESTS,
        reason="did not finish",
    ),
    Sample(
        "attack_os_exit",
        "os._exit in an answer cell kills its process",
        answers={"loss": "import os\nos._exit(0)\n"},
        zero=TESTS,
        reason="exited",
    ),
    Sample(
        "attack_sys_exit",
        "sys.exit before the definition in an answer cell",
        answers={"loss": "import sys\nsys.exit(0)\n" + WRONG["loss"]},
        zero={"test_loss"},
        reason="SystemExit",
    ),
    Sample(
        "attack_memory_bomb",
        "allocates 20 GB in an answer cell",
        answers={"loss": "hog = np.ones((50_000, 50_000))\n" + WRONG["loss"]},
        zero={"test_loss"},
        reason="MemoryError",
    ),
    Sample(
        "attack_output_flood",
        "prints 100 MB in one message (correct answers: the points are earned; the grader drops "
        "the message unread, and the cell says so)",
        answers={
            "loss": "print('x' * 100_000_000)\ndef loss(a, y):\n"
            "    return float(-y * np.log(a) - (1 - y) * np.log(1 - a))\n"
        },
    ),
    Sample(
        "attack_write_elsewhere",
        "writes to the gradebook, source/ and another student's folders",
        answers=_with_wrong(REACH_OUT),
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_link_out",
        "replaces its notebook by a link to nbgrader_config.py, adds a link to the gradebook",
        answers=_with_wrong(LINK_OUT),
        zero=TESTS,
        reason="HiddenTestsFailed",
    ),
    Sample(
        "attack_hidden_source",
        "records every cell its kernel runs (an IPython hook, In) and prints them "
        "into a later answer cell, to copy the hidden tests from its feedback (correct answers)",
        answers={
            "sigmoid": "seen = []\ntry:\n    get_ipython().events.register('pre_run_cell', "
            "lambda info: seen.append(info.raw_cell))\nexcept AttributeError:\n    pass\n"
            "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
            "loss": "try:\n    print(seen, In)\nexcept NameError:\n    pass\ndef loss(a, y):\n"
            "    return float(-y * np.log(a) - (1 - y) * np.log(1 - a))\n",
        },
    ),
    Sample(
        "attack_display_flood",
        "shows one display id 500 times, then updates it with 100 kB each "
        "(correct answers: the points are earned, the output is capped)",
        answers={
            "sigmoid": "from IPython.display import display, update_display\n"
            "for _ in range(500):\n    display('small', display_id='flood')\n"
            "update_display({'text/plain': 'x' * 100_000}, raw=True, display_id='flood')\n"
            "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
        },
    ),
    Sample(
        "attack_error_flood",
        "raises an error with a 10 MB message after its definition (correct answers: "
        "the points are earned, the output is capped)",
        answers={
            "compute_cost": "def compute_cost(A, Y):\n"
            "    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
            "raise ValueError('x' * 10_000_000)\n"
        },
    ),
    Sample(
        "attack_network",
        "connects to a service on the grading machine; its answer is right only if that works",
        answers={
            "sigmoid": (
                "import socket\n"
                f"ONLINE = socket.socket().connect_ex(('127.0.0.1', {DECOY_PORT})) == 0\n"
                "def sigmoid(z):\n"
                "    if not ONLINE:\n"
                "        raise RuntimeError('no network in here')\n"
                "    return 1 / (1 + np.exp(-z))\n"
            )
        },
        zero={"test_sigmoid"},
        reason="no network in here",
    ),
    Sample(
        "attack_not_json",
        "a file that is not valid JSON",
        edit=lambda nb: b"{ this is not json",
        zero=TESTS,
        reason="could not be read",
    ),
    Sample("attack_empty", "a valid notebook with no cells", edit=_empty, zero=TESTS),
    Sample(
        "honest_float32",
        "no attack: a correct answer that computes in float32 (earns full marks within the checks' tolerances)",
        answers={
            "sigmoid": "def sigmoid(z):\n    z = np.asarray(z, dtype=np.float32)\n    return 1 / (1 + np.exp(-z))\n",
            "compute_cost": (
                "def compute_cost(A, Y):\n"
                "    A, Y = A.astype(np.float32), Y.astype(np.float32)\n"
                "    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
            ),
        },
    ),
    Sample(
        "attack_unknown_kernel",
        "names a kernel that does not exist (the source's kernel is used; correct answers earn their points)",
        edit=_unknown_kernel,
    ),
]

# Guarantees on the grading machine that are not notebook samples: (what is tried, what holds, the test
# that proves it). docs/ATTACKS.md lists them; tests/test_docs.py checks that every test named exists.
HOST_GUARANTEES = [
    (
        "a submitted notebook that is a link (to the source notebook, say), as unzip or tar make them",
        "set aside before anything is copied; graded as handed out (no points); the feedback says why",
        "tests/test_host_guarantees.py::test_a_linked_notebook_is_graded_as_handed_out_and_says_why",
    ),
    (
        "links beside a notebook in submitted/ (to the reference solution, the gradebook, /)",
        "set aside (renamed *.set-aside, never copied into the sandbox); the notebook is graded as usual",
        "tests/test_host_guarantees.py::test_links_beside_a_notebook_are_refused_before_anything_is_copied",
    ),
    (
        "a dangling link where a sibling notebook is put (7b beside 7a), to create a file through it",
        "siblings are copied only from a regular file to a new regular file; links are removed",
        "tests/test_host_guarantees.py::test_siblings_are_never_copied_through_a_link",
    ),
    (
        "a sparse 1 GiB file, a 17 MB file or a fifo in submitted/ (copied densely, or blocking the copy)",
        "set aside before anything is copied, with a note",
        "tests/test_host_guarantees.py::test_sparse_large_and_special_files_in_a_submission_are_set_aside",
    ),
    (
        "extra files in a graded folder reach generate_feedback",
        "feedback holds the feedback pages and nothing else",
        "tests/test_host_guarantees.py::test_feedback_holds_the_pages_and_nothing_else",
    ),
    (
        "nbgrader_config.py overwritten, replaced or missing (nbgrader would grade with its defaults, unsandboxed)",
        "grading stops for every student (fail closed), no grade recorded",
        "tests/test_host_guarantees.py::test_a_course_whose_configuration_does_not_load_grades_nothing",
    ),
    (
        "student code replaces its notebook by a link, or writes its working copy",
        "the grader's files there are read-only; what it writes stays in the sandbox and is discarded",
        "tests/test_sandbox.py::test_files_of_the_working_copy_cannot_be_replaced",
    ),
    (
        "reads /etc/shadow, /run, other copies of the course, the course directory",
        "not there: the sandbox shows /usr, Python, course/, datasets/ and the working copy; it runs as uid 65534",
        "tests/test_sandbox.py::test_only_what_is_needed_is_shown",
    ),
    (
        "connects to a Unix socket of the host (a PostgreSQL gradebook under /run)",
        "no host socket exists inside",
        "tests/test_sandbox.py::test_no_unix_socket_of_the_host_is_reachable",
    ),
    (
        "reads NBGRADER_DB_URL, PGPASSWORD from its environment",
        "a short, explicit environment: none of the grader's",
        "tests/test_sandbox.py::test_the_graders_environment_stays_outside",
    ),
    (
        "opens /dev/tty to type into the grader's terminal (TIOCSTI)",
        "a new session: no terminal inside",
        "tests/test_sandbox.py::test_no_terminal_inside_even_when_the_grader_has_one",
    ),
    (
        "fills /tmp, /dev/shm or the working copy (tmpfs is RAM that the memory limit does not count)",
        "every tmpfs has a size; the working copy's writes are bounded as a whole (ENOSPC)",
        "tests/test_sandbox.py::test_every_tmpfs_has_a_size_and_the_working_copy_is_bounded",
    ),
    (
        "fills the folder of its kernel's sockets (it must be writable: the kernel creates its sockets there)",
        "the sockets are in a 1 MiB tmpfs inside the sandbox, reached from the grader through /proc/PID/root; "
        "nothing of it is on the host (ENOSPC)",
        "tests/test_host_guarantees.py::test_the_kernels_socket_folder_cannot_fill_the_hosts_tmp",
    ),
    (
        "prints 300 MB or shows a 200 MB display in one message, which the grader would read whole before "
        "the output cap applies",
        "a message larger than 16 MiB is dropped unread (zmq.MAXMSGSIZE); the cell says so (MessageTooLarge), "
        "the next cells run",
        "tests/test_host_guarantees.py::test_a_huge_message_from_the_kernel_is_dropped_unread",
    ),
    (
        "forges a 12 MB set-up report into the worker's reply pipe",
        "refused unread beyond its bound (256 KiB)",
        "tests/test_judge.py::test_a_forged_set_up_report_is_refused_before_it_is_decoded",
    ),
    (
        "replies with more data than any answer needs",
        "refused unread beyond its bound (4 MiB)",
        "tests/test_judge.py::test_a_reply_larger_than_any_answer_is_refused",
    ),
    (
        "a long error, or display-id updates that rewrite many outputs",
        "counted against the per-cell output cap",
        "tests/test_limits.py::test_display_updates_count_against_the_cap",
    ),
    (
        "records the cells its kernel runs (IPython hooks, In, %history) to print the hidden tests",
        "the kernel never receives the hidden test region; the graded notebook keeps it",
        "tests/test_limits.py::test_the_kernel_never_sees_a_hidden_test",
    ),
    (
        "a lookup table of the hidden inputs and the expected values printed in feedback",
        "hidden inputs drawn per run (seed logged); feedback names what is wrong, never the expected values",
        "tests/test_judge.py::test_feedback_says_what_is_wrong_without_the_expected_values",
    ),
    (
        "correct answers that each sleep just under the per-call limit",
        "one time budget for a notebook's checks",
        "tests/test_judge.py::test_one_time_budget_covers_all_the_checks_of_a_notebook",
    ),
    (
        "answer cells that hang at start, once per test cell",
        "a worker that failed to start is not started again",
        "tests/test_judge.py::test_a_worker_that_cannot_start_is_not_started_again_for_every_test_cell",
    ),
]


# Three attacks that every later notebook's samples reuse, with that notebook's own wrong answers.
NUMPY_HELPERS = (
    "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
)


def reused_attacks(
    module: str, wrong: dict[str, str], all_tests: set[str], copied: tuple[str, ...], into: str | None = None
) -> list[Sample]:
    """Replaced numpy helpers (at the top of the wrong answer ``into``, by default the first), a copy of the
    reference solutions of ``copied``, and gutted tests, aimed at the notebook of ``module``: each must
    earn nothing."""
    first = into or next(iter(wrong))
    return [
        Sample(
            "attack_numpy_helpers",
            "wrong answers, and np.allclose, np.isclose, np.array_equal replaced",
            answers={**wrong, first: NUMPY_HELPERS + wrong[first]},
            zero=all_tests,
        ),
        Sample(
            "attack_copy_reference",
            "imports the reference solutions to copy them",
            answers={**wrong, **{name: f"from autograder.reference.{module} import {name}\n" for name in copied}},
            zero=all_tests,
            reason="not defined",
        ),
        Sample(
            "attack_gutted_tests",
            "wrong answers, and every test cell replaced by `pass` (nbgrader restores them)",
            answers=dict(wrong),
            edit=_gut_tests,
            zero=all_tests,
            reason="HiddenTestsFailed",
        ),
    ]
