"""The student's kernel inside the sandbox: the kernel manager that starts it there, and the
grader's client to it, whose sockets refuse messages larger than a bound.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import stat
import subprocess
import tempfile
import time

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import HasTraits, Integer, Type, default

from autograder import sandbox


class BoundedMessages(HasTraits):
    """The grader's end of a kernel's channels refuses a message larger than ``max_message_bytes``.

    libzmq reads a message whole before Python sees it, so the per-cell output cap (on decoded outputs)
    comes too late for one huge message. With ``zmq.MAXMSGSIZE`` set, libzmq drops the connection as
    soon as it reads the size of a larger message, without storing it (the client connects again). The
    bound is on each frame, libzmq's unit: a Jupyter message's content is one frame, but each binary
    buffer is a frame of its own, so a message of many buffers is not held to it as a whole."""

    max_message_bytes = Integer(
        16 * 2**20,
        min=2**16,
        help=(
            "Largest message (in bytes) that the grader takes from a sandboxed kernel; a larger one is dropped "
            "unread, so that it cannot fill the grader's memory. A few times the per-cell output cap."
        ),
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
        cmd = sandbox.command(
            [*cmd, "--IPKernelApp.parent_handle=0"],
            workdir,
            self.limits,
            read_only=[self.connection_file],
            sockets=True,
            info_file=self._sandbox_info,
        )
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
                raise RuntimeError(
                    f"the sandbox of the kernel exited at start (code {self.provisioner.process.poll()})"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox of the kernel did not report its pid within {timeout} s")
            await asyncio.sleep(0.02)

    def cleanup_ipc_files(self) -> None:
        pass  # the sockets were in the sandbox's tmpfs, gone with it; never remove through a /proc path

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        shutil.rmtree(getattr(self, "_private_dir", ""), ignore_errors=True)

    # AsyncKernelManager binds its public name to jupyter_client's own function, not to this override, and
    # nbclient calls that name after a kernel died (it shuts down only a live one): the private folder was
    # left in /tmp for every kernel that died.
    cleanup_resources = _async_cleanup_resources
