"""``SandboxedExecute``: nbgrader's Execute with the kernel in the sandbox, a time limit per cell and
per notebook, and a cap on each cell's output; a kernel that dies or hangs costs the affected
cells, not the whole class's run. The kernel never sees a hidden test.
"""

from __future__ import annotations

import math
import time

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.preprocessors import ClearHiddenTests, Execute
from traitlets import Integer

from autograder import sandbox
from autograder.preprocessors.outputs import error_output, stdout_output
from autograder.preprocessors.sandboxed_kernel import SandboxedKernelManager
from course.notebook import is_test_cell


class SandboxedExecute(Execute):
    """nbgrader's Execute, in the sandbox, with a per-notebook time budget and capped output."""

    timeout = Integer(
        60,
        allow_none=True,
        help=(
            "Seconds one cell may run; then the kernel is interrupted and the cell fails (nbgrader's "
            "Execute.timeout: set it as that)."
        ),
    ).tag(config=True)
    notebook_timeout = Integer(600, help="Seconds the whole notebook may run; later cells are not run.").tag(
        config=True
    )
    max_output_chars = Integer(
        100_000,
        help=("Characters of output kept per cell, of every kind (streams, displays, errors); the rest is dropped."),
    ).tag(config=True)

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
            cell.outputs = [
                error_output(
                    "NotebookTimeout", [f"not run: the notebook used up its time limit of {self.notebook_timeout} s"]
                )
            ]
            return cell, resources
        self._reconnect_dropped()  # count only what drops while this cell runs
        dropped = False
        try:
            cell, resources = super().preprocess_cell(cell, resources, cell_index)
        except DeadKernelError:
            self._stopped = f"the kernel died in cell {cell_index + 1}"
            cell.outputs = list(cell.get("outputs", [])) + [
                error_output(
                    "DeadKernel",
                    ["the kernel died while running this cell (os._exit, a crash, or the memory or CPU limit)"],
                )
            ]
            return cell, resources
        except CellTimeoutError as exc:
            # A dropped message can take the kernel's last status (idle) with it: the kernel has replied,
            # and only waiting for that status timed out. Then the kernel is fine, and the next cells run.
            dropped = "IOPub" in str(exc) and self._reconnect_dropped()
            if not dropped:
                self._stopped = f"the kernel stopped responding in cell {cell_index + 1}"
                cell.outputs = list(cell.get("outputs", [])) + [
                    error_output(
                        "CellTimeout",
                        [
                            f"this cell did not finish within its time limit ({self.timeout} s) "
                            "and ignored the interrupt"
                        ],
                    )
                ]
                return cell, resources
        cell.outputs = _capped(cell.outputs, self.max_output_chars)
        if self._reconnect_dropped() or dropped:
            cell.outputs.append(
                error_output(
                    "MessageTooLarge",
                    [
                        f"the kernel sent a message larger than {self.km.max_message_bytes / 2**20:g} MiB, "
                        "the most the "
                        "grader accepts, while it ran this cell. The message was dropped unread, so part of this "
                        f"cell's output is missing. Print or show less: a cell keeps at most {self.max_output_chars} "
                        "characters of output."
                    ],
                )
            )
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
            kept.append(
                error_output(
                    str(output.get("ename", "Error"))[:100],
                    [str(output.get("evalue", ""))[:room] + " ... (error message truncated)"],
                )
            )
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
