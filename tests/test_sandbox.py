"""The sandbox that student code runs in: what it can't reach, and the limits it can't raise."""

import os
import pty
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from autograder import sandbox
from autograder.paths import ROOT


def run_confined(
    code: str, workdir: Path, limits: sandbox.SandboxLimits = sandbox.SandboxLimits(), timeout: float = 60
):
    cmd = sandbox.command([sys.executable, "-c", textwrap.dedent(code)], workdir, limits)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=workdir)


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "autograded" / "student" / "02_loss_and_cost"
    folder.mkdir(parents=True)
    return folder


def test_writes_stay_in_the_sandbox(workdir, tmp_path):
    outside = tmp_path / "gradebook.db"
    outside.write_text("grades")
    result = run_confined(
        f"""
        from pathlib import Path
        Path("answer.txt").write_text("mine")
        print(Path("answer.txt").read_text())
        for target in [{str(outside)!r}, {str(ROOT / "source" / "x.txt")!r}, "/etc/passwd"]:
            try:
                Path(target).write_text("overwritten")
                print("wrote", target)
            except OSError as exc:
                print("refused", target, type(exc).__name__)
    """,
        workdir,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "mine"  # the code can write its working copy and read it back,
    assert not (workdir / "answer.txt").exists()  # but nothing it writes reaches the real folder
    assert outside.read_text() == "grades"  # it wrote, if anywhere, into a throwaway tmpfs
    assert not (ROOT / "source" / "x.txt").exists()
    assert "refused /etc/passwd" in result.stdout


def test_the_reference_and_the_course_directory_are_hidden(workdir):
    result = run_confined(
        f"""
        import os
        # the reference solutions are read from source/, so neither folder may show
        print(os.path.exists({str(ROOT / "autograder" / "reference")!r}), os.path.exists({str(ROOT / "source")!r}),
              os.path.exists({str(ROOT / "course")!r}))
        try:
            import autograder.reference.loss_and_cost
            print("imported")
        except ImportError:
            print("no reference")
    """,
        workdir,
    )
    assert result.stdout.split() == ["False", "False", "True", "no", "reference"], result.stdout + result.stderr


def test_no_network(workdir):
    # a service on this machine's loopback (a gradebook server, say) is out of reach, and so is the world
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        assert socket.create_connection(("127.0.0.1", port), timeout=5)  # reachable from outside
        result = run_confined(
            f"""
            import errno, socket
            for address in [("127.0.0.1", {port}), ("1.1.1.1", 80)]:
                print(errno.errorcode.get(socket.socket().connect_ex(address), "connected"))
        """,
            workdir,
        )
    assert result.stdout.split() == ["ECONNREFUSED", "ENETUNREACH"], result.stdout + result.stderr


def test_memory_limit_cannot_be_raised(workdir):
    result = run_confined(
        """
        import resource
        import numpy as np
        try:
            resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            print("raised")
        except (ValueError, OSError):
            print("kept")
        try:
            np.ones((50_000, 50_000))
        except MemoryError:
            print("MemoryError")
    """,
        workdir,
        sandbox.SandboxLimits(memory_bytes=2 * 2**30),
    )
    assert result.stdout.split() == ["kept", "MemoryError"], result.stdout + result.stderr


def test_every_limit_is_set_inside_and_cannot_be_raised(workdir):
    limits = sandbox.SandboxLimits(memory_bytes=3 * 2**30, cpu_seconds=77, file_bytes=5 * 2**20, open_files=99)
    result = run_confined(
        """
        import resource
        for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE"):
            print(*resource.getrlimit(getattr(resource, name)))
        """,
        workdir,
        limits,
    )
    want = [(3 * 2**30,) * 2, (77, 77), (5 * 2**20,) * 2, (99, 99), (0, 0)]  # soft and hard the same
    assert [tuple(map(int, line.split())) for line in result.stdout.splitlines()] == want, result.stderr


def test_the_launcher_refuses_an_incomplete_command_and_says_what_is_missing(tmp_path):
    launcher = [sys.executable, "-I", "-S", str(sandbox.LAUNCHER)]
    result = subprocess.run([*launcher, "--memory", "1", "--", "true"], capture_output=True, text=True)
    assert result.returncode != 0 and "missing ['--cpu', '--fsize', '--nofile']" in result.stderr
    result = subprocess.run([*launcher, "--memory", "1", "--cpu", "1"], capture_output=True, text=True)
    assert result.returncode != 0 and "usage:" in result.stderr


def test_cpu_limit_ends_a_busy_process(workdir):
    result = run_confined("while True: pass", workdir, sandbox.SandboxLimits(cpu_seconds=1))
    assert result.returncode != 0  # SIGXCPU, then SIGKILL at the hard limit


def test_no_other_processes_visible(workdir):
    result = run_confined("import os; print(len([p for p in os.listdir('/proc') if p.isdigit()]))", workdir)
    assert int(result.stdout) <= 3, result.stdout  # bwrap's init, the process itself, at most one more


def test_missing_bwrap_fails_closed_with_the_fix(monkeypatch):
    sandbox.require_sandbox.cache_clear()
    monkeypatch.setattr(sandbox, "find_bwrap", lambda: None)
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="apt-get install bubblewrap"):
            sandbox.command(["true"], "/tmp")
    finally:
        sandbox.require_sandbox.cache_clear()


def test_broken_bwrap_fails_closed(monkeypatch):
    sandbox.require_sandbox.cache_clear()
    monkeypatch.setattr(sandbox, "find_bwrap", lambda: "/bin/false")
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="cannot create a sandbox"):
            sandbox.require_sandbox()
    finally:
        sandbox.require_sandbox.cache_clear()


def test_files_of_the_working_copy_cannot_be_replaced(workdir, tmp_path):
    # a notebook replaced by a link to the gradebook would have the grader write through the link
    (workdir / "loss_and_cost.ipynb").write_text("{}")
    (tmp_path / "gradebook.db").write_text("grades")
    result = run_confined(
        """
        import os
        for step in (lambda: os.remove("loss_and_cost.ipynb"), lambda: open("loss_and_cost.ipynb", "w"),
                     lambda: os.symlink("../../../gradebook.db", "other.ipynb")):
            try:
                step()
                print("done")
            except OSError as exc:
                print(type(exc).__name__)
    """,
        workdir,
    )
    assert result.stdout.split()[:2] == ["OSError", "OSError"], result.stdout + result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["loss_and_cost.ipynb"]  # no link left behind
    assert (workdir / "loss_and_cost.ipynb").read_text() == "{}"


def test_only_what_is_needed_is_shown(workdir, tmp_path):
    other_course = tmp_path / "other-course"
    (other_course / "source").mkdir(parents=True)
    (other_course / "gradebook.db").write_text("grades")
    result = run_confined(
        f"""
        import os
        for path in ["/etc/shadow", "/etc/passwd", "/run", "/var", "/home", "/mnt", {str(other_course)!r},
                     {str(ROOT / "source")!r}, {str(ROOT / "autograder")!r}, {str(ROOT / "gradebook.db")!r}]:
            print(path, os.path.exists(path))
        print("course", sorted(os.listdir({str(ROOT)!r})))
        print("uid", os.getuid())
    """,
        workdir,
    )
    lines = result.stdout.splitlines()
    assert all(line.endswith(" False") for line in lines[:10]), result.stdout + result.stderr
    assert lines[10].split(" ", 1)[1] in ("['.venv', 'course', 'datasets']", "['course', 'datasets']")
    assert lines[11] == "uid 65534"  # never root, even when the grader is


def _socket_home() -> str:
    """A writable folder where servers keep their Unix sockets: the user's runtime folder, or /run."""
    for folder in (os.environ.get("XDG_RUNTIME_DIR"), "/run", "/var/run"):
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK):
            return folder
    pytest.skip("no writable runtime folder (/run or $XDG_RUNTIME_DIR) to put a test socket in")


def test_no_unix_socket_of_the_host_is_reachable(workdir):
    # a PostgreSQL server with local trust keeps its socket under /run; the sandbox must not reach it.
    # The grader's own view first: the socket is there and answers.
    folder = tempfile.mkdtemp(prefix="test-sandbox-", dir=_socket_home())
    path = os.path.join(folder, ".s.PGSQL.5432")
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path)
            os.chmod(folder, 0o755)
            os.chmod(path, 0o777)
            server.listen()
            with socket.socket(socket.AF_UNIX) as client:
                client.connect(path)
            result = run_confined(
                f"""
                import socket
                for path in [{path!r}, "/run/postgresql/.s.PGSQL.5432", "/var/run/postgresql/.s.PGSQL.5432"]:
                    try:
                        socket.socket(socket.AF_UNIX).connect(path)
                        print("connected")
                    except OSError as exc:
                        print(type(exc).__name__)
            """,
                workdir,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert result.stdout.split() == ["FileNotFoundError"] * 3, result.stdout + result.stderr


def test_the_graders_environment_stays_outside(workdir, monkeypatch):
    monkeypatch.setenv("NBGRADER_DB_URL", "postgresql+psycopg://grader:secret@localhost/course")
    monkeypatch.setenv("PGPASSWORD", "secret")
    result = run_confined(
        """
        import os
        print(sorted(os.environ))
        print("secret" in repr(dict(os.environ)), "secret" in open("/proc/self/environ").read())
    """,
        workdir,
    )
    assert "NBGRADER_DB_URL" not in result.stdout and "PGPASSWORD" not in result.stdout, result.stdout
    assert result.stdout.splitlines()[1] == "False False", result.stdout + result.stderr


def test_no_terminal_inside_even_when_the_grader_has_one(workdir):
    # run from a terminal, the grader must not hand it to student code (TIOCSTI could type into it)
    leader, follower = pty.openpty()
    code = textwrap.dedent("""
        import os
        try:
            os.close(os.open("/dev/tty", os.O_RDWR))
            print("terminal")
        except OSError:
            print("no terminal")
    """)
    cmd = sandbox.command([sys.executable, "-c", code], workdir)

    def take_terminal():  # what a shell does for the grader: a session whose terminal is the pty
        os.setsid()
        import fcntl
        import termios

        fcntl.ioctl(follower, termios.TIOCSCTTY, 0)

    try:
        result = subprocess.run(
            cmd,
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=workdir,
            preexec_fn=take_terminal,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.stdout.strip() == "no terminal", result.stdout + result.stderr


def test_every_tmpfs_has_a_size_and_the_working_copy_is_bounded(workdir):
    limits = sandbox.SandboxLimits(tmp_bytes=8 * 2**20, workdir_bytes=8 * 2**20, file_bytes=2**30)
    result = run_confined(
        """
        import errno
        for path in ["/tmp/big", "/dev/shm/big", "big"]:
            try:
                with open(path, "wb") as f:
                    for _ in range(64):
                        f.write(b"x" * 2**20)
                print("wrote 64 MiB")
            except OSError as exc:
                print(errno.errorcode[exc.errno])
        # many small files count too
        try:
            for i in range(100_000):
                with open(f"f{i}", "wb") as f:
                    f.write(b"x" * 4096)
            print("wrote 400 MB")
        except OSError as exc:
            print(errno.errorcode[exc.errno])
        # /dev is a tmpfs that bwrap makes without a size: nothing may be written there
        try:
            open("/dev/big", "wb").write(b"x")
            print("wrote /dev")
        except OSError as exc:
            print(errno.errorcode[exc.errno])
    """,
        workdir,
        limits,
    )
    assert result.stdout.split() == ["ENOSPC"] * 4 + ["EROFS"], result.stdout + result.stderr
    assert list(workdir.iterdir()) == []


def test_a_system_bwrap_too_old_for_sized_tmpfs_is_passed_over(tmp_path, monkeypatch):
    old = tmp_path / "bwrap"
    old.write_text("#!/bin/sh\necho 'bubblewrap 0.8.0'\n")  # Debian 12's: no --size
    old.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert sandbox.find_bwrap() != str(old)


def test_plots_find_their_fonts_without_an_error_in_the_output(workdir):
    # The browser found "Fontconfig error: Cannot load default config file" under every set-up cell of the
    # feedback: matplotlib asks fontconfig (fc-list) for the system's fonts, which needs /etc/fonts.
    result = run_confined(
        """
        import os, tempfile
        os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp()  # no font cache yet: matplotlib looks for fonts now
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        plt.plot([0, 1], [1, 0])
        plt.savefig(os.path.join(tempfile.mkdtemp(), "figure.png"))
        print("plotted")
    """,
        workdir,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "plotted" in result.stdout
    assert "Fontconfig error" not in result.stderr, result.stderr


def test_matplotlib_finds_its_font_list_ready_and_no_submission_can_change_it(workdir):
    # Listing the fonts cost every kernel that imported pyplot 0.09 CPU-s (sandbox.matplotlib_font_list).
    result = run_confined(
        """
        import logging, os
        names = os.listdir("/tmp/.matplotlib")
        print(names)
        logging.basicConfig(level=logging.INFO)  # matplotlib says "generated new fontManager" when it lists fonts
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        plt.title("fonts")
        plt.savefig("/tmp/figure.png")
        try:
            open("/tmp/.matplotlib/" + names[0], "a").close()
            print("changed")
        except OSError:
            print("read-only")
        """,
        workdir,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("['fontlist-v") and lines[-1] == "read-only", result.stdout + result.stderr
    assert "generated new fontManager" not in result.stderr and "WARNING" not in result.stderr, result.stderr


def test_no_debugger_can_be_imported_and_its_folder_takes_no_files(workdir):
    # ipykernel loads debugpy at every kernel start when it can; in the sandbox it finds an empty folder
    folder = sandbox._hidden_packages()
    assert [Path(f).name for f in folder] == ["debugpy"], "this installation should have debugpy (ipykernel needs it)"
    result = run_confined(
        f"""
        import errno
        from ipykernel.debugger import _is_debugpy_available
        print("debugger", _is_debugpy_available)
        try:
            import debugpy.server
            print("imported")
        except ImportError:
            print("ImportError")
        try:
            open({folder[0] + "/debugpy_planted.py"!r}, "w")
        except OSError as exc:
            print(errno.errorcode[exc.errno])
    """,
        workdir,
    )
    assert result.stdout.split() == ["debugger", "False", "ImportError", "EROFS"], result.stdout + result.stderr
    assert not Path(folder[0], "debugpy_planted.py").exists()
