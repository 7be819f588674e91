"""nbgrader plug-ins that make autograding safe to trust. ``nbgrader_config.py`` switches them on.

* :class:`SandboxedExecute` runs each submitted notebook in a kernel inside the sandbox, with a time
  limit per cell and per notebook and a cap on how much output a cell may produce; a kernel that dies
  (``os._exit``, the memory limit) costs the affected cells, not the whole class's run.
* :class:`TrustedChecks` then decides every test cell: the student's answer cells run again in a clean
  sandboxed worker, and the judge (this process) compares their functions with the reference. What the
  kernel printed in a test cell is replaced by the judge's verdict, so nothing a submission does inside
  its kernel (patching numpy, builtins or the tests) can turn a failure into a pass.
* :class:`RestoreStructure` lays a submission out as the handed-out notebook before nbgrader's own
  sanitizing, whatever cells were deleted, duplicated, renamed or re-flagged.
* :class:`ProvideSiblings` puts a student's other notebooks beside the one being graded, for a notebook
  that builds on an earlier one.
* :class:`HideHiddenTests` removes the hidden tests' source from the feedback; their results stay.
* :func:`prepare_submission` (the pre-convert hook) sets aside links and special files in a submission
  before nbgrader copies anything; :class:`SealWorkingCopy` keeps the working copy free of links before
  and after grading; :func:`feedback_pages_only` leaves the feedback pages and nothing else.
* :class:`RequireCourseConfig` stops nbgrader when this course's nbgrader_config.py was not loaded.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import math
import os
import secrets
import shutil
import stat
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import Float, HasTraits, Integer, Type, default

from autograder import judge, sandbox
from autograder.paths import module_name, released_notebook
from autograder.worker.client import BudgetUsedUp, Worker, WorkerFailed
from course.notebook import answer_code, is_answer_cell, is_test_cell
from course.notebook import grade_id as cell_grade_id


def error_output(ename: str, lines: list[str]) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=lines[0] if lines else "",
                        traceback=[f"{ename}: {line}" if i == 0 else line for i, line in enumerate(lines)])


def stdout_output(text: str) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout", text=text)


class BoundedMessages(HasTraits):
    """The grader's end of a kernel's channels refuses a message larger than ``max_message_bytes``.

    libzmq reads a message whole before Python sees it, so the per-cell output cap (on decoded outputs)
    comes too late for one huge message. With ``zmq.MAXMSGSIZE`` set, libzmq drops the connection as
    soon as it reads the size of a larger message, without storing it (the client connects again). The
    bound is on each frame, libzmq's unit: a Jupyter message's content is one frame, but each binary
    buffer is a frame of its own, so a message of many buffers is not held to it as a whole."""

    max_message_bytes = Integer(16 * 2**20, min=2**16, help=(
        "Largest message (in bytes) that the grader takes from a sandboxed kernel; a larger one is dropped "
        "unread, so that it cannot fill the grader's memory. A few times the per-cell output cap.")
    ).tag(config=True)

    @default("context")
    def _bounded_context(self):
        context = super()._context_default()
        context.setsockopt(zmq.MAXMSGSIZE, self.max_message_bytes)  # for every socket it makes
        return context


class SandboxedKernelClient(BoundedMessages, AsyncKernelClient):
    """The client nbclient talks to the sandboxed kernel with: its sockets are bounded, and it tells
    which of them dropped their connection (as one does on a message that is too large)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._monitors = {}  # channel: the socket that receives its disconnect events
        self._addresses = itertools.count()

    def _create_connected_socket(self, channel, identity=None):
        sock = super()._create_connected_socket(channel, identity)
        address = f"inproc://dropped-{id(self)}-{next(self._addresses)}"
        sock.monitor(address, zmq.EVENT_DISCONNECTED)
        self._monitors[channel] = self.context.socket(zmq.PAIR)
        self._monitors[channel].connect(address)
        return sock

    def reconnect_dropped(self) -> list[str]:
        """The channels whose connection dropped since the last call (without waiting), each connected
        again: libzmq does not connect again by itself after it refused a message."""
        dropped = []
        for channel, monitor in self._monitors.items():
            events = zmq.Socket.shadow(monitor.underlying)  # read now, not through the event loop
            try:
                while events.recv_multipart(zmq.NOBLOCK):
                    dropped.append(channel)
            except zmq.Again:
                pass
        for channel in sorted(set(dropped)):
            self._monitors.pop(channel).close(linger=0)
            getattr(self, f"_{channel}_channel").close()
            setattr(self, f"_{channel}_channel", None)
            # student code can write the sockets' folder: never connect through a link it put there
            path = f"{self.ip}-{getattr(self, f'{channel}_port')}"
            if not stat.S_ISSOCK(os.lstat(path).st_mode):
                raise ConnectionError(f"{path} is no longer the kernel's socket")
            getattr(self, f"{channel}_channel")  # a new socket, connected
        return sorted(set(dropped))

    def stop_channels(self):
        for monitor in self._monitors.values():
            monitor.close(linger=0)
        self._monitors = {}
        super().stop_channels()


class SandboxedKernelManager(BoundedMessages, AsyncKernelManager):
    """Starts the kernel inside the sandbox; it talks over Unix sockets, as the sandbox has no network.

    The kernel binds its sockets in a sized tmpfs inside the sandbox (``sandbox.SOCKET_DIR``), and the
    grader connects to them through ``/proc/<pid>/root`` of the sandbox. Why: the kernel creates its
    sockets itself, so their folder must be writable to it, and a folder that takes sockets takes files
    too. A folder of the host (as before) let student code fill the host's /tmp; this one is capped and
    vanishes with the sandbox."""

    @property
    def limits(self) -> sandbox.SandboxLimits:
        return sandbox.SandboxLimits(config=self.config)
    client_factory = Type(SandboxedKernelClient, klass=AsyncKernelClient)

    def client(self, **kwargs):
        return super().client(max_message_bytes=self.max_message_bytes, **kwargs)

    async def _async_pre_start_kernel(self, **kw):
        # A signal sent to the launcher's process group does not reach a kernel inside bwrap's PID
        # namespace; an interrupt request over the control channel does (the kernel signals itself).
        self.kernel_spec.interrupt_mode = "message"
        self.transport = "ipc"
        self.ip = os.path.join(sandbox.SOCKET_DIR, "k")  # as the kernel sees it: the connection file says so
        self._private_dir = tempfile.mkdtemp(prefix="kernel-")  # the grader's own (mode 700), never shown inside
        self._sandbox_info = os.path.join(self._private_dir, "sandbox.json")
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        # the kernel's own start-up banner is noise in the grader's log; its errors reach the feedback
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        workdir = kw.get("cwd") or os.getcwd()
        cmd = sandbox.command([*cmd, "--IPKernelApp.parent_handle=0"], workdir, self.limits,
                              read_only=[self.connection_file], sockets=True, info_file=self._sandbox_info)
        return cmd, kw

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        await super()._async_launch_kernel(kernel_cmd, **kw)
        self.ip = f"/proc/{await self._sandbox_pid()}/root{sandbox.SOCKET_DIR}/k"  # as the grader reaches them

    async def _sandbox_pid(self, timeout: float = 30.0) -> int:
        """The host's pid of the sandbox's first process, which bwrap reports once it has started it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with open(self._sandbox_info, encoding="utf-8") as f:
                    return int(json.load(f)["child-pid"])
            except (OSError, ValueError, KeyError):
                pass  # not written yet, or not whole yet
            if self.provisioner.process.poll() is not None:
                raise RuntimeError(f"the sandbox of the kernel exited at start (code {self.provisioner.process.poll()})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox of the kernel did not report its pid within {timeout} s")
            await asyncio.sleep(0.02)

    def cleanup_ipc_files(self) -> None:
        pass  # the sockets were in the sandbox's tmpfs, gone with it; never remove through a /proc path

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        shutil.rmtree(getattr(self, "_private_dir", ""), ignore_errors=True)


class SandboxedExecute(Execute):
    """nbgrader's Execute, in the sandbox, with a per-notebook time budget and capped output."""

    timeout = Integer(60, allow_none=True, help=(
        "Seconds one cell may run; then the kernel is interrupted and the cell fails (nbgrader's "
        "Execute.timeout: set it as that).")).tag(config=True)
    notebook_timeout = Integer(600, help="Seconds the whole notebook may run; later cells are not run.").tag(config=True)
    max_output_chars = Integer(100_000, help=(
        "Characters of output kept per cell, of every kind (streams, displays, errors); the rest is "
        "dropped.")).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = SandboxedKernelManager
        super().__init__(*args, **kwargs)
        self._deadline = None
        self._stopped = None  # why the kernel can run nothing more, once it can't
        self._output_chars = {}

    def preprocess(self, nb, resources=None, km=None):
        sandbox.require_sandbox()  # fail closed, with the reason, before any student code runs
        self._deadline = time.monotonic() + self.notebook_timeout
        self._stopped = None
        self._output_chars = {}
        return super().preprocess(nb, resources, km)

    def _get_timeout(self, cell):
        per_cell = super()._get_timeout(cell)
        left = max(1, math.ceil(self._deadline - time.monotonic()))  # up to the deadline, not short of it
        return left if per_cell is None else min(per_cell, left)

    def preprocess_cell(self, cell, resources, cell_index):
        # The kernel never sees a hidden test: student code could record what it runs (an IPython event
        # hook, In, %history) and print it into the feedback. The trusted checks decide test cells outside
        # the kernel anyway; the kernel runs the visible part, and the cell keeps its full source.
        full_source = cell.source
        if is_test_cell(cell):
            ClearHiddenTests(config=self.config)._remove_hidden_test_region(cell)
        try:
            return self._run_cell(cell, resources, cell_index)
        finally:
            cell.source = full_source

    def _run_cell(self, cell, resources, cell_index):
        # nbconvert runs each cell through here; this is where a dead or stuck kernel is contained
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, cell_index)
        if self._stopped is not None:
            cell.outputs = [error_output("NotRun", [f"not run: {self._stopped}"])]
            return cell, resources
        if time.monotonic() >= self._deadline:
            cell.outputs = [error_output("NotebookTimeout", [
                f"not run: the notebook used up its time limit of {self.notebook_timeout} s"])]
            return cell, resources
        self._reconnect_dropped()  # count only what drops while this cell runs
        dropped = False
        try:
            cell, resources = super().preprocess_cell(cell, resources, cell_index)
        except DeadKernelError:
            self._stopped = f"the kernel died in cell {cell_index + 1}"
            cell.outputs = list(cell.get("outputs", [])) + [error_output("DeadKernel", [
                "the kernel died while running this cell (os._exit, a crash, or the memory or CPU limit)"])]
            return cell, resources
        except CellTimeoutError as exc:
            # A dropped message can take the kernel's last status (idle) with it: the kernel has replied,
            # and only waiting for that status timed out. Then the kernel is fine, and the next cells run.
            dropped = "IOPub" in str(exc) and self._reconnect_dropped()
            if not dropped:
                self._stopped = f"the kernel stopped responding in cell {cell_index + 1}"
                cell.outputs = list(cell.get("outputs", [])) + [error_output("CellTimeout", [
                    f"this cell did not finish within its time limit ({self.timeout} s) and ignored the interrupt"])]
                return cell, resources
        cell.outputs = _capped(cell.outputs, self.max_output_chars)
        if self._reconnect_dropped() or dropped:
            cell.outputs.append(error_output("MessageTooLarge", [
                f"the kernel sent a message larger than {self.km.max_message_bytes / 2**20:g} MiB, the most the "
                "grader accepts, while it ran this cell. The message was dropped unread, so part of this "
                f"cell's output is missing. Print or show less: a cell keeps at most {self.max_output_chars} "
                "characters of output."]))
        return cell, resources

    def _reconnect_dropped(self) -> bool:
        """True when a channel to the kernel dropped since the last call; it is connected again."""
        try:
            if not self.kc.reconnect_dropped():
                return False
            # a new iopub socket misses what the kernel sends before it has subscribed: wait for that
            run_sync(self.kc.wait_for_ready)(timeout=30)
        except (OSError, RuntimeError) as exc:
            self.log.warning("could not connect again to the kernel: %s", exc)
            self._stopped = "the grader could not connect again to the kernel"
        return True

    def process_message(self, msg, cell, cell_index):
        self._cell_now = cell_index  # what a display update costs is charged to the cell that sent it
        return super().process_message(msg, cell, cell_index)

    def _charge(self, cell_index, size) -> bool:
        """Count ``size`` characters of output against the cell; False once the cell is over its cap."""
        used = self._output_chars.get(cell_index, 0)
        self._output_chars[cell_index] = used + size
        return used + size <= self.max_output_chars

    def output(self, outs, msg, display_id, cell_index):
        # every kind counts: streams, displays, results, and errors (whose tracebacks can be any length)
        if self._output_chars.get(cell_index, 0) > self.max_output_chars:
            return None
        if not self._charge(cell_index, _size(msg.get("content", {}))):
            outs.append(stdout_output(f"\n... output truncated: more than {self.max_output_chars} characters ...\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)

    def _update_display_id(self, display_id, msg):
        # an update rewrites every output that carries the display id, in any cell: it costs its size
        # times their number, and is dropped when that is over the cap of the cell that sent it
        targets = sum(len(indices) for indices in self._display_id_map.get(display_id, {}).values())
        size = _size(msg.get("content", {}).get("data", {})) * max(1, targets)
        if not self._charge(getattr(self, "_cell_now", -1), size):
            return None
        return super()._update_display_id(display_id, msg)


def _capped(outputs: list, limit: int) -> list:
    """The outputs up to ``limit`` characters in all; what nbgrader adds after the kernel's messages (the
    error of the execute reply) is held to the cap here."""
    kept, used = [], 0
    for output in outputs:
        size = _size(output)
        if used + size <= limit:
            kept.append(output)
            used += size
            continue
        if output.get("output_type") == "error":  # keep its name and the start of its message
            room = max(200, limit - used)
            kept.append(error_output(str(output.get("ename", "Error"))[:100], [
                str(output.get("evalue", ""))[:room] + " ... (error message truncated)"]))
        kept.append(stdout_output(f"\n... output truncated: more than {limit} characters ...\n"))
        break
    return kept


def _size(value, depth: int = 0) -> int:
    """Characters in a message's content, without building its JSON text."""
    if isinstance(value, str):
        return len(value)
    if depth > 20:
        return 0
    if isinstance(value, dict):
        return sum(len(str(k)) + _size(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sum(_size(v, depth + 1) for v in value)
    return 8


class TrustedChecks(NbGraderPreprocessor):
    """Decide every autograded test cell with the judge, outside the student's kernel."""

    call_timeout = Float(20.0, help="Seconds one call of a student's function may take.").tag(config=True)
    notebook_budget = Float(120.0, help=(
        "Seconds all the trusted checks of one notebook may take together, starting the worker included; "
        "checks not done by then fail, saying so. Bounds a notebook whose every call stays just under "
        "call_timeout.")).tag(config=True)
    hidden_seed = Integer(None, allow_none=True, help=(
        "Seed of the hidden inputs. Unset (the default), every notebook graded draws a fresh one and the "
        "log names it; set it to that number to grade again exactly as that run did.")).tag(config=True)

    def preprocess(self, nb, resources):
        module = module_name(resources["nbgrader"]["assignment"])
        self._seed = self.hidden_seed if self.hidden_seed is not None else secrets.randbits(32)
        self.log.info("trusted checks of %s/%s: hidden inputs drawn with seed %d (--TrustedChecks.hidden_seed=%d "
                      "repeats them)", resources["nbgrader"].get("student"), resources["nbgrader"].get("notebook"),
                      self._seed, self._seed)
        workdir = resources.get("metadata", {}).get("path") or os.getcwd()
        cells = answer_code(nb)
        deadline = time.monotonic() + self.notebook_budget
        worker, startup_problem = None, None
        try:
            for cell in nb.cells:
                if not is_test_cell(cell):
                    continue
                if worker is None and startup_problem is None:
                    # a worker that could not start is not started again for every test cell: the same
                    # answer cells would fail the same way, each time at the cost of a time-out
                    worker, startup_problem = self._start(cells, workdir, deadline)
                cell.outputs = self._verdict(module, cell.metadata.nbgrader["grade_id"], worker, startup_problem)
                if worker is not None and worker.process.poll() is not None:
                    worker = None  # it died on this function: the next one gets a fresh worker
                    if time.monotonic() >= deadline:
                        startup_problem = "not checked: the trusted checks of this notebook used up their time budget"
        finally:
            if worker is not None:
                worker.close()
        return nb, resources

    def _start(self, cells, workdir, deadline=None):
        try:
            worker = Worker(cells, workdir, call_timeout=self.call_timeout, deadline=deadline,
                            limits=sandbox.SandboxLimits(config=self.config))
        except BudgetUsedUp as exc:
            return None, str(exc)
        except (WorkerFailed, ValueError, TypeError) as exc:  # died, hung, or replied with garbage
            return None, f"your answer cells could not be run: {exc}"
        return worker, None

    def _verdict(self, module, grade_id, worker, startup_problem):
        try:
            name = judge.function_of(grade_id)
        except ValueError as exc:
            self.log.error("%s", exc)
            return [error_output("NoTrustedCheck", [str(exc)])]
        if worker is None:
            return [error_output("HiddenTestsFailed", [f"{name}: {startup_problem}"])]
        try:
            problems = judge.judge_with_worker(module, name, worker, self._seed)
        except LookupError as exc:
            self.log.error("%s", exc)
            return [error_output("NoTrustedCheck", [str(exc)])]
        except WorkerFailed as exc:
            problems = [f"{name}: {exc}"]
        except Exception:  # a fault of the grader's own: no points, the student is told, the log says why
            self.log.exception("the trusted checks of %s failed with an internal error", name)
            return [error_output("GraderError", [
                f"{name}: the grader hit an internal error while checking this answer; your instructor "
                "can see it in the autograde log"])]
        if problems:
            context = judge.setup_report(worker.setup_errors)
            return [error_output("HiddenTestsFailed", problems[:5] + (
                [f"... and {len(problems) - 5} more"] if len(problems) > 5 else []) + context)]
        return [stdout_output(f"{name}: passed every check, visible and hidden.\n")]


class RestoreStructure(NbGraderPreprocessor):
    """Put a submission back into the shape of the handed-out notebook before nbgrader sanitizes it.

    nbgrader matches cells by grade id and stumbles (or crashes) on notebooks whose nbgrader cells were
    deleted, duplicated, renamed, re-flagged or reordered. Here, the cells nbgrader knows (answers,
    tests, set-up) are laid out in the handed-out order with the handed-out metadata; an answer cell keeps
    the student's code, anything missing comes back as handed out, and a second copy or an unknown
    grade id becomes an ordinary cell. The student's ordinary cells (notes, plots) stay, each after the
    known cell it followed. Grading then sees exactly the cells it expects, whatever was submitted.
    """

    def preprocess(self, nb, resources):
        released = nbformat.read(released_notebook(resources["nbgrader"]["assignment"], resources["nbgrader"]["notebook"],
                                                   Path(CourseDirectory(config=self.config).root)), as_version=4)
        known = [cell for cell in released.cells if "nbgrader" in cell.metadata]
        known_ids = {cell.metadata.nbgrader["grade_id"] for cell in known}

        taken, groups, current = {}, {None: []}, None
        for cell in nb.cells:
            grade_id = cell_grade_id(cell)
            if grade_id in known_ids and grade_id not in taken:
                taken[grade_id] = cell
                current = grade_id
                groups[current] = []
                continue
            if "nbgrader" in cell.get("metadata", {}):
                del cell.metadata["nbgrader"]  # a duplicate, or a grade id the course does not have
            groups[current].append(cell)

        cells = list(groups[None])
        for original in known:
            grade_id = original.metadata.nbgrader["grade_id"]
            restored = copy.deepcopy(original)
            if grade_id in taken and is_answer_cell(original):
                restored.source = taken[grade_id].get("source", "")
                restored.cell_type = original.cell_type
            cells.append(restored)
            cells.extend(groups.get(grade_id, []))

        seen = set()
        for cell in cells:  # cell ids must be unique, and present
            if not cell.get("id") or cell["id"] in seen:
                cell["id"] = uuid.uuid4().hex[:8]
            seen.add(cell["id"])
        nb.cells = cells
        return nb, resources


class OverwriteCellsQuietly(OverwriteCells):
    """nbgrader's OverwriteCells, without its warning that a locked cell's checksum changed.

    The warning came for every test cell of every submission: RestoreStructure has already put each
    locked cell back as handed out, and a handed-out test cell lacks its hidden tests, so its checksum
    never matches the instructor's version that OverwriteCells then restores. It never meant a student
    edit; other changes (cell type, points, locked) are still reported."""

    def report_change(self, name, attr, old, new):
        if attr == "checksum":
            self.log.debug("cell %s restored to the instructor's version (hidden tests included)", name)
            return
        super().report_change(name, attr, old, new)


class ProvideSiblings(NbGraderPreprocessor):
    """Put the student's other notebooks of the assignment beside the one being graded.

    nbgrader grades one notebook at a time, each in ``autograded/<student>/<assignment>/``, and a
    notebook may import answers from a sibling (``course.notebook.import_answers``) that has not been
    graded yet. The student's submitted copy is placed there; it is replaced when its own turn comes.
    """

    def preprocess(self, nb, resources):
        here = resources["metadata"]["path"]
        coursedir = CourseDirectory(config=self.config)
        submitted = coursedir.format_path(coursedir.submitted_directory, resources["nbgrader"]["student"],
                                          resources["nbgrader"]["assignment"])
        for sibling in sorted(os.listdir(submitted)) if os.path.isdir(submitted) else []:
            target = os.path.join(here, sibling)
            if sibling.endswith(".ipynb") and not os.path.lexists(target):
                copy_regular_file(os.path.join(submitted, sibling), target)
        return nb, resources


def copy_regular_file(source: str, target: str) -> bool:
    """Copy ``source`` to a new file ``target``; neither may be a link (nor anything but a regular file).
    Returns False, copying nothing, when either is."""
    try:
        src = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):
            return False
        try:
            dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except OSError:
            return False
        with os.fdopen(dst, "wb") as out, os.fdopen(os.dup(src), "rb") as inp:
            shutil.copyfileobj(inp, out)
        return True
    finally:
        os.close(src)


def remove_links(folder: str | Path) -> list[str]:
    """Remove every link and special file (fifo, socket, device) under ``folder``, without following any;
    return their paths relative to it. A working copy or a feedback folder holds regular files only."""
    removed = []
    for dirpath, dirnames, filenames in os.walk(folder):  # os.walk does not descend into linked folders
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            mode = os.lstat(path).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                os.unlink(path)
                removed.append(os.path.relpath(path, folder))
    return removed


class SealWorkingCopy(NbGraderPreprocessor):
    """Autograde, first and last: the student's working copy (``autograded/<student>/<assignment>/``)
    holds regular files only, so that nothing nbgrader writes or chmods there follows a link out of it.
    (Student code can't make links there since the sandbox keeps its writes; this makes sure.)"""

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(coursedir.autograded_directory, resources["nbgrader"]["student"],
                                       resources["nbgrader"]["assignment"])
        if os.path.islink(folder):
            raise RuntimeError(f"{folder} is a link: refusing to write the graded notebook through it")
        for path in remove_links(folder) if os.path.isdir(folder) else []:
            self.log.warning("removed %s from %s: a working copy holds regular files only", path, folder)
        return nb, resources


class RequireCourseConfig(NbGraderPreprocessor):
    """Stops nbgrader unless this course's nbgrader_config.py was loaded whole.

    ``autograder/failclosed/nbgrader_config.py`` (which ``grade_class`` loads before the course's own
    file) makes this the only preprocessor; the course's file replaces that list and, on its last line,
    sets ``CourseConfig.complete``. A course file that is missing, broken or replaced (nbgrader then
    only logs a warning and would grade with its defaults: unsandboxed) therefore grades nothing."""

    def preprocess(self, nb, resources):
        if not self.config.get("CourseConfig", {}).get("complete"):
            raise RuntimeError(
                "this course's nbgrader_config.py was not loaded (missing, unreadable, or replaced): "
                "refusing to grade with nbgrader's defaults, which run student code unconfined")
        return nb, resources


class HideHiddenTests(ClearHiddenTests):
    """For feedback: drop the hidden tests' source, say where they ran; the verdict below stays."""

    def _remove_hidden_test_region(self, cell):
        removed = super()._remove_hidden_test_region(cell)
        if removed:
            cell.source = cell.source.rstrip() + "\n# (hidden tests ran here: their result is shown below)"
        return removed


SET_ASIDE = ".set-aside"  # nbgrader_config.py tells nbgrader to ignore this suffix: never copied, never graded
EXTRA_FILE_BYTES = 16 * 2**20  # a submitted file that is not a notebook: larger ones are set aside


def prepare_submission(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``Autograde.pre_convert_hook``, run before nbgrader copies anything from ``submitted/``.

    Links (what ``unzip`` or ``tar`` make of a student's archive), fifos, sockets and devices, and
    non-notebook files that are large or sparse, are set aside: renamed ``<name>.set-aside``, which
    nbgrader ignores, so that nothing outside the submission is copied into the sandbox or graded. A
    notebook that was a link is graded as handed out. Every notebook says what was set aside, so the
    feedback does. Then an unreadable notebook is set aside too (:func:`set_aside_unreadable`).

    nbgrader only logs an exception from this hook and goes on; an unexpected error here therefore stops
    the process (SystemExit), so the student is reported as failed rather than graded unsafely."""
    try:
        _prepare_submission(assignment, notebooks)
    except Exception as exc:
        raise SystemExit(f"refusing to grade {student}/{assignment}: the submission could not be checked "
                         f"for links ({type(exc).__name__}: {exc})") from None


def _prepare_submission(assignment: str, notebooks: list[str]) -> None:
    if not notebooks:
        return
    folder = Path(notebooks[0]).parent
    course_root = folder.parents[2]
    for part in (course_root / "submitted", folder.parent, folder):
        if part.is_symlink():
            raise RuntimeError(f"{part} is a link")
    notes = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if name.endswith(SET_ASIDE):
                continue
            info = path.lstat()
            relative = path.relative_to(folder)
            if stat.S_ISLNK(info.st_mode):
                why = f"`{relative}` is a link (to `{os.readlink(path)}`)"
            elif stat.S_ISDIR(info.st_mode):
                continue
            elif not stat.S_ISREG(info.st_mode):
                why = f"`{relative}` is not a regular file"
            elif path.suffix != ".ipynb" and info.st_size > EXTRA_FILE_BYTES:
                why = f"`{relative}` is larger than {EXTRA_FILE_BYTES // 2**20} MiB"
            elif path.suffix != ".ipynb" and info.st_blocks * 512 < info.st_size - 4096:
                why = f"`{relative}` is a sparse file"
            else:
                continue
            path.rename(path.with_name(name + SET_ASIDE))
            notes.append(why)
    for notebook in map(Path, notebooks):
        if not os.path.lexists(notebook):  # it was a link: grade the notebook as handed out
            stand_in = nbformat.read(released_notebook(assignment, notebook.name, course_root), as_version=4)
            notebook.write_text(json.dumps(stand_in, indent=1), encoding="utf-8")
    if notes:
        note = ("**Part of your submission was set aside and not graded**: " + "; ".join(notes) + ". "
                "Links are not accepted in a submission (submit the files themselves); a notebook that was "
                "a link was graded as the notebook handed out, with no answers.")
        for notebook in map(Path, notebooks):
            try:
                nb = nbformat.read(notebook, as_version=4)
            except Exception:
                continue  # unreadable: set_aside_unreadable says so
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))
            notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    set_aside_unreadable(assignment, "", notebooks)


def feedback_pages_only(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``GenerateFeedback.post_convert_hook``: a feedback folder holds the feedback pages and nothing
    else (nbgrader copies every other file of the graded folder there)."""
    if not notebooks:
        return
    coursedir_root = Path(notebooks[0]).parents[3]
    folder = coursedir_root / "feedback" / Path(notebooks[0]).parent.parent.name / assignment
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames + dirnames:
            path = Path(dirpath) / name
            if path.is_symlink() or (path.is_file() and path.suffix != ".html"):
                path.unlink()
            elif path.is_dir():
                try:
                    path.rmdir()
                except OSError:
                    pass


def set_aside_unreadable(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """``Autograde.pre_convert_hook``: a submitted file that is not a readable notebook is kept, renamed
    ``<name>.ipynb.unreadable``, and replaced by the handed-out notebook with a note saying why, so the
    student gets feedback (and no points) instead of vanishing from the grade sheet."""
    for path in map(Path, notebooks):
        try:
            nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))
            continue
        except Exception as exc:  # any reason at all: bad JSON, bad encoding, not a notebook
            reason = f"{type(exc).__name__}: {str(exc)[:300]}"
        course_root = path.parents[3]
        stand_in = nbformat.read(released_notebook(assignment, path.name, course_root), as_version=4)
        stand_in.cells.insert(0, nbformat.v4.new_markdown_cell(
            f"**Your submitted `{path.name}` could not be read as a notebook** ({reason}), so it was "
            "graded as the notebook handed out, with no answers. The file you submitted is kept as "
            f"`{path.name}.unreadable`."))
        path.rename(path.with_name(path.name + ".unreadable"))
        path.write_text(json.dumps(stand_in, indent=1), encoding="utf-8")
