"""What the grader guarantees on the instructor's machine, whatever a submission holds (issue 10).

These are not notebook samples: links inside ``submitted/`` (what unzip or tar make of a student's
archive), the feedback folder's contents, and a course whose nbgrader_config.py does not load. One small
course directory of assignment 02, built with ``autograder.demo.prepare``, graded with the plain
nbgrader commands through ``grade_class`` (on a local Dask cluster).
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
import sqlalchemy
import zmq
from nbgrader.api import Gradebook, MissingEntry
from traitlets.config import Config

from autograder import sandbox
from autograder.demo import db_url, prepare, run, run_here
from autograder.grade_class import grade_class
from autograder.nbgrader_cli import nbgrader_here
from autograder.paths import ROOT, released_notebook, source_notebook
from autograder.preprocessors import SandboxedExecute

ASSIGNMENT = "02_loss_and_cost"
NOTEBOOK = "loss_and_cost.ipynb"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def score(course: Path, student: str) -> float | None:
    with Gradebook(db_url(course)) as gb:
        try:
            return gb.find_submission(ASSIGNMENT, student).score
        except MissingEntry:
            return None


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    course = tmp_path_factory.mktemp("host") / "course"
    prepare(course, [ASSIGNMENT], only={"correct"})
    return course


@pytest.fixture(scope="module")
def linked(prepared, tmp_path_factory, grading_cluster):
    """Students whose submitted folders hold links, graded with feedback."""
    course = tmp_path_factory.mktemp("linked") / "course"
    shutil.copytree(prepared, course, symlinks=True)
    correct = course / "submitted" / "correct" / ASSIGNMENT
    # a notebook that is a link to the instructor's source notebook (solutions included)
    folder = course / "submitted" / "link_notebook" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).symlink_to(source_notebook(ASSIGNMENT, NOTEBOOK, course))
    # an honest notebook with links beside it: to the reference solutions (a source notebook), to the gradebook, to /
    folder = course / "submitted" / "link_extra" / ASSIGNMENT
    folder.mkdir(parents=True)
    shutil.copy(correct / NOTEBOOK, folder / NOTEBOOK)
    (folder / "notes.txt").write_text("my own notes\n")
    (folder / "reference.py").symlink_to(source_notebook(ASSIGNMENT, NOTEBOOK))
    (folder / "gradebook.db").symlink_to("../../../gradebook.db")
    (folder / "everything").symlink_to("/")
    before = {p: digest(course / p) for p in ("nbgrader_config.py", f"source/{ASSIGNMENT}/{NOTEBOOK}")}
    summary = grade_class(
        course, ASSIGNMENT, extra=["--TrustedChecks.call_timeout=5"], force=True, retries=0, scheduler=grading_cluster
    )
    run_here(course, "generate_feedback", ASSIGNMENT, "--force")
    return course, summary, before


def test_a_linked_notebook_is_graded_as_handed_out_and_says_why(linked):
    course, summary, _ = linked
    assert "link_notebook" in summary.graded, summary
    assert score(course, "link_notebook") == 0
    page = (course / "feedback" / "link_notebook" / ASSIGNMENT / "loss_and_cost.html").read_text()
    assert "set aside" in page and "is a link" in page


def test_links_beside_a_notebook_are_refused_before_anything_is_copied(linked):
    course, summary, before = linked
    assert score(course, "link_extra") == score(course, "correct") == 10  # the notebook itself is graded
    graded = course / "autograded" / "link_extra" / ASSIGNMENT
    assert sorted(p.name for p in graded.iterdir()) == [NOTEBOOK, "notes.txt"]
    assert not any(p.is_symlink() for p in graded.rglob("*"))
    page = (course / "feedback" / "link_extra" / ASSIGNMENT / "loss_and_cost.html").read_text()
    assert "reference.py" in page and "set aside" in page
    # the student's folder is left as it was (a worker set the links aside in its own copy), and nothing
    # they point at changed
    assert (course / "submitted" / "link_extra" / ASSIGNMENT / "reference.py").is_symlink()
    assert {p: digest(course / p) for p in before} == before


def test_feedback_holds_the_pages_and_nothing_else(linked):
    course, _, _ = linked
    for student in ("correct", "link_notebook", "link_extra"):
        folder = course / "feedback" / student / ASSIGNMENT
        assert sorted(p.name for p in folder.rglob("*")) == ["loss_and_cost.html"], student


BROKEN_CONFIGS = {
    "notebook JSON": lambda course: (course / "nbgrader_config.py").write_bytes(
        released_notebook(ASSIGNMENT, NOTEBOOK, course).read_bytes()
    ),
    "valid Python that sets nothing": lambda course: (course / "nbgrader_config.py").write_text('{"cells": []}\n'),
    "missing": lambda course: (course / "nbgrader_config.py").unlink(),
}


@pytest.mark.parametrize("how", sorted(BROKEN_CONFIGS))
def test_a_course_whose_configuration_does_not_load_grades_nothing(prepared, tmp_path, how, grading_cluster):
    course = tmp_path / "course"
    shutil.copytree(prepared, course, symlinks=True)
    BROKEN_CONFIGS[how](course)
    summary = grade_class(course, ASSIGNMENT, force=True, retries=0, scheduler=grading_cluster)
    assert summary.failed and not summary.graded, summary
    assert not score(course, "correct")  # no grade recorded (nbgrader's defaults would have given 10)
    assert not (course / "autograded" / "correct" / ASSIGNMENT / NOTEBOOK).exists()


@pytest.mark.parametrize("how", sorted(BROKEN_CONFIGS))
def test_plain_nbgrader_autograde_grades_nothing_either(prepared, tmp_path, how):
    """The README's plain command, with no guard on JUPYTER_CONFIG_PATH: `make setup` put the guard in
    the venv's etc/jupyter, which nbgrader reads before the course's file."""
    course = tmp_path / "course"
    shutil.copytree(prepared, course, symlinks=True)
    BROKEN_CONFIGS[how](course)
    if how == "missing":  # nbgrader needs the course root then: it would otherwise grade the current folder
        args = ["--CourseDirectory.root=" + str(course)]
    else:
        args = []
    with pytest.raises(RuntimeError, match="autograde"):
        run(course, "autograde", ASSIGNMENT, "--force", *args)
    assert not score(course, "correct")
    assert not (course / "autograded" / "correct" / ASSIGNMENT / NOTEBOOK).exists()


def test_a_command_run_inside_this_process_does_what_the_plain_command_does(tmp_path):
    """nbgrader_here (the demo, the tests and the Dask workers run nbgrader so): the same release, the same
    gradebook, the same schema version (asked of `alembic` once per process, not once per gradebook)."""
    made = {}
    for way, runner in (("plain", run), ("here", run_here)):
        course = tmp_path / way
        shutil.copytree(ROOT / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
        shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
        runner(course, "db", "assignment", "add", ASSIGNMENT)
        runner(course, "generate_assignment", ASSIGNMENT, "--force")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            cells = {(c.name, c.max_score) for nb in gb.find_assignment(ASSIGNMENT).notebooks for c in nb.grade_cells}
            schema = gb.db.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalar()
        made[way] = (digest(course / "release" / ASSIGNMENT / NOTEBOOK), cells, schema)
    assert made["here"] == made["plain"]
    assert made["here"][1] and made["here"][2]
    with pytest.raises(ValueError, match="runs only"):
        nbgrader_here(tmp_path, "release_assignment", ASSIGNMENT)


@pytest.mark.parametrize("how", sorted(BROKEN_CONFIGS))
def test_a_dask_worker_grading_in_its_own_process_grades_nothing_either(prepared, tmp_path, how, monkeypatch):
    """A worker runs nbgrader inside its own process (autograder.grading_task): the same guard holds there,
    and the next submission is graded as ever (a failed run leaves nothing behind in the process), into the
    scratch gradebook only, even where the worker's environment names the instructor's."""
    from autograder.grading_task import autograde_in_process

    args = [ASSIGNMENT, "--student", "correct", "--force", f"--CourseDirectory.db_url=sqlite:///{tmp_path}/g.db"]
    shutil.copytree(prepared, tmp_path / "course", symlinks=True)
    shutil.copy(prepared / "gradebook.db", tmp_path / "g.db")
    BROKEN_CONFIGS[how](tmp_path / "course")
    status, log = autograde_in_process(tmp_path / "course", args)
    assert status != 0, log
    assert "nbgrader_config.py" in log, log  # the reason, as RequireCourseConfig or the loader gives it
    assert not (tmp_path / "course" / "autograded" / "correct" / ASSIGNMENT / NOTEBOOK).exists()
    shutil.copytree(prepared, tmp_path / "again", symlinks=True)
    monkeypatch.setenv("NBGRADER_DB_URL", f"sqlite:///{tmp_path}/instructors.db")
    status, log = autograde_in_process(tmp_path / "again", args)
    assert status == 0, log
    assert not (tmp_path / "instructors.db").exists()
    with Gradebook(f"sqlite:///{tmp_path}/g.db") as gb:
        assert gb.find_submission(ASSIGNMENT, "correct").score == 10


def test_workers_keep_their_grading_templates_in_a_private_folder_only(tmp_path, monkeypatch):
    """A template course holds the configuration that grading follows, and every worker of this user on
    this machine uses it: a folder that others may write, or a link put where it goes, is refused."""
    from autograder import grading_task

    monkeypatch.setattr(grading_task.tempfile, "gettempdir", lambda: str(tmp_path))
    root = grading_task.templates_root()
    assert root.stat().st_mode & 0o777 == 0o700
    root.chmod(0o777)
    with pytest.raises(grading_task.GradingFailed, match="only this user"):
        grading_task.templates_root()
    root.rmdir()
    root.symlink_to(tmp_path)
    with pytest.raises(grading_task.GradingFailed, match="only this user"):
        grading_task.templates_root()


def test_templates_unused_for_a_week_are_deleted(tmp_path):
    from autograder.grading_task import TEMPLATE_DAYS, _prune_templates

    old, recent, kept = (tmp_path / f"course-{name}-02" for name in ("old", "recent", "kept"))
    left_by_a_killed_worker = tmp_path / "building-x1y2"
    for folder in (old, recent, kept, left_by_a_killed_worker):
        folder.mkdir()
    week_ago = time.time() - TEMPLATE_DAYS * 86400 - 60
    for folder in (old, kept, left_by_a_killed_worker):
        os.utime(folder, (week_ago, week_ago))
    _prune_templates(tmp_path, keep=kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course-kept-02", "course-recent-02"]


def test_siblings_are_never_copied_through_a_link(tmp_path):
    from autograder.preprocessors import copy_regular_file, remove_links

    work = tmp_path / "autograded" / "s" / ASSIGNMENT
    work.mkdir(parents=True)
    submitted = tmp_path / "deep_network_step_by_step.ipynb"
    submitted.write_text("{}")
    # a dangling link where the sibling goes, pointing at where the gradebook would be created
    (work / "deep_network_step_by_step.ipynb").symlink_to(tmp_path / "gradebook.db")
    assert not copy_regular_file(str(submitted), str(work / "deep_network_step_by_step.ipynb"))
    assert not (tmp_path / "gradebook.db").exists()
    # nor from a link
    (tmp_path / "linked.ipynb").symlink_to(source_notebook(ASSIGNMENT, NOTEBOOK))
    assert not copy_regular_file(str(tmp_path / "linked.ipynb"), str(work / "other.ipynb"))
    assert not (work / "other.ipynb").exists()
    assert remove_links(work) == ["deep_network_step_by_step.ipynb"] and list(work.iterdir()) == []


def test_sparse_large_and_special_files_in_a_submission_are_set_aside(tmp_path):
    from autograder.preprocessors.hooks import prepare_submission

    folder = tmp_path / "course" / "submitted" / "s" / ASSIGNMENT
    folder.mkdir(parents=True)
    (tmp_path / "course" / "release").symlink_to(ROOT / "release")
    notebook = folder / NOTEBOOK
    shutil.copy(released_notebook(ASSIGNMENT, NOTEBOOK), notebook)
    with open(folder / "sparse.bin", "wb") as f:  # 1 GiB that takes no room until something copies it
        f.truncate(2**30)
    (folder / "big.bin").write_bytes(b"x" * (17 * 2**20))
    os.mkfifo(folder / "pipe")  # copying a fifo would block nbgrader for ever
    (folder / "notes.txt").write_text("mine")
    prepare_submission(ASSIGNMENT, "s", [str(notebook)])
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [NOTEBOOK, "notes.txt", "sparse.bin.set-aside", "big.bin.set-aside", "pipe.set-aside"]
    )
    note = notebook.read_text()
    assert "set aside" in note and "sparse" in note and "larger than" in note and "not a regular file" in note


def execute(folder: Path, sources: list[str], **options) -> nbformat.NotebookNode:
    """Run code cells in the sandboxed kernel, as autograde does; return the executed notebook."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    SandboxedExecute(**{"timeout": 60, "notebook_timeout": 180, **options}).preprocess(
        nb, {"metadata": {"path": str(folder)}}
    )
    return nb


class PeakGrowth:
    """Samples a quantity in a thread while the block runs; ``growth`` is its peak above the start."""

    def __init__(self, measure):
        self.measure, self.growth, self._done = measure, 0, threading.Event()

    def _sample(self):
        while not self._done.wait(0.02):
            self.growth = max(self.growth, self.measure() - self.start)

    def __enter__(self):
        self.start = self.measure()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()


FILL_THE_SOCKET_FOLDER = """
import errno, json, os
import ipykernel.connect
folder = os.path.dirname(json.loads(ipykernel.connect.get_connection_info())["ip"])
written = 0
try:
    for i in range(16):  # 1 GiB, in files of 64 MiB (the largest file the sandbox allows)
        with open(os.path.join(folder, f"fill{i}"), "wb") as f:
            for _ in range(64):
                f.write(b"x" * 2**20)
                written += 2**20
    print("wrote", written)
except OSError as exc:
    print(errno.errorcode[exc.errno], written)
"""


def test_the_kernels_socket_folder_cannot_fill_the_hosts_tmp(tmp_path):
    host_tmp = tempfile.gettempdir()
    with PeakGrowth(lambda: shutil.disk_usage(host_tmp).used) as host:
        nb = execute(tmp_path, [FILL_THE_SOCKET_FOLDER])
    outcome, written = nb.cells[0].outputs[0]["text"].split()
    assert outcome == "ENOSPC" and int(written) <= sandbox.SandboxLimits().socket_dir_bytes, nb.cells[0].outputs
    # the machine is shared, so other writes to its disk may add to this; 1 GiB would not fit under it
    assert host.growth < 256 * 2**20, f"the host's {host_tmp} grew by {host.growth / 2**20:.0f} MiB"


# Grades one notebook in a process of its own, and prints that process's peak resident memory.
EXECUTE_AND_MEASURE = """
import resource, sys
import nbformat
from autograder.preprocessors import SandboxedExecute
nb = nbformat.read(sys.argv[1], as_version=4)
SandboxedExecute(timeout=60, notebook_timeout=180).preprocess(nb, {"metadata": {"path": sys.argv[2]}})
nbformat.write(nb, sys.argv[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def test_a_huge_message_from_the_kernel_is_dropped_unread(tmp_path):
    path = tmp_path / "flood.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(source)
                for source in [
                    "x = 1",
                    'print("x" * 300_000_000)',
                    "from IPython.display import display\ndisplay({'text/plain': 'x' * 200_000_000}, raw=True)",
                    "print('after', x)",
                ]
            ],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        ),
        path,
    )
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", EXECUTE_AND_MEASURE, str(path), str(work)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    peak = int(result.stdout.split()[-1])
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells[1:3]:  # each says why its output is missing
        assert cell.outputs[-1].get("ename") == "MessageTooLarge", cell.outputs
        assert "larger than 16 MiB" in cell.outputs[-1]["evalue"]
    assert nb.cells[3].outputs == [nbformat.v4.new_output("stream", name="stdout", text="after 1\n")]
    # Without the bound the grader reads both messages whole and peaks near 1 GiB (992 MiB measured). Alone
    # it needs about 130 MiB; inside the full suite, with both cores busy, it peaked at 485 MiB, which is
    # not understood yet (issue 10's closing note): the bound sits between the two.
    assert peak < 640 * 2**20, f"the grader's memory peaked at {peak / 2**20:.0f} MiB"


def test_the_message_bound_comes_from_the_configuration():
    executor = SandboxedExecute(config=Config({"SandboxedKernelManager": {"max_message_bytes": 2**20}}))
    executor.nb = nbformat.v4.new_notebook()
    manager = executor.create_kernel_manager()
    client = manager.client()
    for context in (manager.context, client.context):  # the manager's control socket, the client's channels
        assert context.socket(zmq.SUB).getsockopt(zmq.MAXMSGSIZE) == 2**20
    for line in (ROOT / "nbgrader_config.py").read_text().splitlines():
        if line.startswith("c.SandboxedKernelManager.max_message_bytes"):
            break
    else:
        pytest.fail("nbgrader_config.py does not set c.SandboxedKernelManager.max_message_bytes")


def test_the_grader_connects_again_only_to_the_kernels_own_socket(tmp_path):
    # student code replaces its iopub socket by a link to a socket of the host, then makes the grader
    # drop that channel (a message too large), so that the grader would connect again through the link
    host = socket.socket(socket.AF_UNIX)
    host.bind(str(tmp_path / "host.sock"))
    host.listen()
    host.setblocking(False)
    work = tmp_path / "work"
    work.mkdir()
    nb = execute(
        work,
        [
            f"""
import json, os
import ipykernel.connect
info = json.loads(ipykernel.connect.get_connection_info())
path = info["ip"] + "-" + str(info["iopub_port"])
os.unlink(path)
os.symlink({str(tmp_path / "host.sock")!r}, path)
print("x" * 30_000_000)
""",
            "print('after')",
        ],
    )
    assert nb.cells[0].outputs[-1].get("ename") == "MessageTooLarge", nb.cells[0].outputs
    assert nb.cells[1].outputs[0]["evalue"] == "not run: the grader could not connect again to the kernel"
    with pytest.raises(BlockingIOError):
        host.accept()  # nothing connected to the host's socket
    host.close()
