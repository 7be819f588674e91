"""The trusted side's end of the pipe to the sandboxed worker: start it, ask it to call a function, read its
reply up to a bound, and stop it.

This module runs in the grader's process, never inside the sandbox (only ``run.py``, ``wire.py``,
``call_rules.py`` and ``deferred_imports.py`` run there). Every reply is treated as data from the student:
read up to a size bound before anything decodes it, within a time limit, and decoded by ``wire``, which
never runs code.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from autograder import sandbox
from autograder.worker import wire

if TYPE_CHECKING:
    from autograder.judge import Call


class WorkerFailed(RuntimeError):
    """The worker died, hung, or replied with something that is not a reply."""


class BudgetUsedUp(WorkerFailed):
    """The notebook's time budget for its trusted checks ran out."""


class Worker:
    """A sandboxed process that has run a notebook's answer cells and calls its functions on request."""

    # Every reply is read up to a bound, before anything decodes it (a JSON text costs ~25 times its size
    # once decoded). The largest reply of a correct answer to any check is ~260 KB (the reference's
    # results encoded, over every check of every assignment); the set-up report is a line per answer cell.
    MAX_REPLY = 4 * 2**20
    MAX_SETUP_REPLY = 256 * 2**10

    def __init__(
        self,
        cells: list[str],
        workdir: str,
        call_timeout: float,
        limits: sandbox.SandboxLimits = sandbox.SandboxLimits(),
        deadline: float | None = None,
    ):
        self.call_timeout = call_timeout
        self.deadline = deadline  # time.monotonic() after which nothing more is asked (a notebook's budget)
        cmd = sandbox.command(
            [sys.executable, "-I", str(sandbox.WORKER_DIR / "run.py")],
            workdir,
            limits=limits,
            read_only=[sandbox.WORKER_DIR],
        )
        self.process = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=workdir
        )
        self._buffer = b""
        try:
            self.setup_errors = self._exchange(
                {"cells": cells}, timeout=call_timeout * 2, limit=self.MAX_SETUP_REPLY
            ).get("setup")
            if not isinstance(self.setup_errors, list):
                raise WorkerFailed("the worker's first reply was not a set-up report")
        except BaseException:
            self.close()  # no caller holds this worker to close it: its process and pipes end here
            raise

    def _exchange(self, request: dict, timeout: float, limit: int | None = None) -> dict:
        late = WorkerFailed(f"your code did not finish within {timeout:.0f} s")
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left < timeout:
                timeout, late = (
                    left,
                    BudgetUsedUp("not checked: the trusted checks of this notebook used up their time budget"),
                )
            if left <= 0:
                self.close()
                raise late
        if self.process.poll() is not None:
            raise WorkerFailed(f"the process running your code has ended (exit status {self.process.returncode})")
        try:
            self.process.stdin.write(wire.dumps(request))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise WorkerFailed("the process running your code stopped reading (it may have exited)") from None
        return wire.loads(self._read_line(timeout, limit or self.MAX_REPLY, late))

    def _read_line(self, timeout: float, limit: int, late: WorkerFailed) -> bytes:
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while True:
            end = self._buffer.find(b"\n")
            if end > limit or (end < 0 and len(self._buffer) > limit):
                self.close()
                raise WorkerFailed(
                    f"the process running your code sent more than {limit} bytes at once, more than any answer needs"
                )
            if end >= 0:
                line, self._buffer = self._buffer[:end], self._buffer[end + 1 :]
                return line
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise late
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    code = self.process.wait()
                    raise WorkerFailed(_ended(code))
                self._buffer += chunk

    def call(self, name: str, call: Call) -> dict:
        reply = self._exchange(
            {
                "call": name,
                "args": wire.encode(list(call.args)),
                "kwargs": wire.encode(dict(call.kwargs)),
                "seed": call.seed,
            },
            self.call_timeout,
        )
        if "missing" in reply:
            return {"missing": name}
        if "raised" in reply:
            raised = reply["raised"]
            if not isinstance(raised, dict):
                raise wire.WireError("malformed exception report")
            return {"raised": {"type": str(raised.get("type"))[:100], "message": str(raised.get("message"))[:500]}}
        return {"result": wire.decode(reply.get("result")), "args_after": wire.decode(reply.get("args_after"))}

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _ended(code: int) -> str:
    if code < 0:
        signal_name = {
            9: "SIGKILL: the memory or CPU limit",
            24: "SIGXCPU: the CPU-time limit",
            25: "SIGXFSZ: the file-size limit",
            11: "SIGSEGV",
        }.get(-code, f"signal {-code}")
        return f"the process running your code was stopped ({signal_name})"
    return f"the process running your code exited (status {code}) before answering"
