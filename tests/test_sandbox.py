"""The sandbox that student code runs in: what it can't reach, and the limits it can't raise."""

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder import sandbox

ROOT = Path(__file__).resolve().parent.parent


def run_confined(code: str, workdir: Path, limits: sandbox.Limits = sandbox.Limits(), timeout: float = 60):
    cmd = sandbox.command([sys.executable, "-c", textwrap.dedent(code)], workdir, limits)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=workdir)


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "autograded" / "student" / "02_loss_and_cost"
    folder.mkdir(parents=True)
    return folder


def test_writes_stay_in_the_working_copy(workdir, tmp_path):
    outside = tmp_path / "gradebook.db"
    outside.write_text("grades")
    result = run_confined(f"""
        from pathlib import Path
        Path("answer.txt").write_text("mine")
        for target in [{str(outside)!r}, {str(ROOT / 'source' / 'x.txt')!r}, "/etc/passwd"]:
            try:
                Path(target).write_text("overwritten")
                print("wrote", target)
            except OSError as exc:
                print("refused", target, type(exc).__name__)
    """, workdir)
    assert result.returncode == 0, result.stderr
    assert (workdir / "answer.txt").read_text() == "mine"
    assert outside.read_text() == "grades"  # it wrote, if anywhere, into a throwaway tmpfs
    assert not (ROOT / "source" / "x.txt").exists()
    assert "refused /etc/passwd" in result.stdout


def test_the_reference_and_the_course_directory_are_hidden(workdir):
    result = run_confined(f"""
        import os
        print(os.path.exists({str(ROOT / 'autograder' / 'reference')!r}), os.path.exists({str(ROOT / 'course')!r}))
        try:
            import autograder.reference.loss_and_cost
            print("imported")
        except ImportError:
            print("no reference")
    """, workdir)
    assert result.stdout.split() == ["False", "True", "no", "reference"], result.stdout + result.stderr


def test_no_network(workdir):
    # a service on this machine's loopback (a gradebook server, say) is out of reach, and so is the world
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        assert socket.create_connection(("127.0.0.1", port), timeout=5)  # reachable from outside
        result = run_confined(f"""
            import errno, socket
            for address in [("127.0.0.1", {port}), ("1.1.1.1", 80)]:
                print(errno.errorcode.get(socket.socket().connect_ex(address), "connected"))
        """, workdir)
    assert result.stdout.split() == ["ECONNREFUSED", "ENETUNREACH"], result.stdout + result.stderr


def test_memory_limit_cannot_be_raised(workdir):
    result = run_confined("""
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
    """, workdir, sandbox.Limits(memory_bytes=2 * 2**30))
    assert result.stdout.split() == ["kept", "MemoryError"], result.stdout + result.stderr


def test_cpu_limit_ends_a_busy_process(workdir):
    result = run_confined("while True: pass", workdir, sandbox.Limits(cpu_seconds=1))
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
