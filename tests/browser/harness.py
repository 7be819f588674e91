"""The browser tests' tools: a Jupyter server started on a free port with a token, the system's Chromium,
and a watch on the browser console. tests/browser/conftest.py makes fixtures of them."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

VIEWPORT = {"width": 1280, "height": 800}

# Screenshots are stored at this width (from 1280 x 800), in at most this many colours, to stay small.
SCREENSHOT_WIDTH = 960
SCREENSHOT_COLOURS = 128


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Jupyter server started by a test: ``command`` gets the port and token, then is polled until up."""

    def __init__(
        self,
        command: list[str],
        cwd: Path,
        log: Path,
        env: dict[str, str] | None = None,
        user_settings: dict[str, dict] | None = None,
    ):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log = log
        args = [part.format(port=self.port, token=self.token) for part in command]
        # JupyterLab's user settings and workspaces in the test's own folder: what a user of this machine
        # saved (a dismissed news prompt, open tabs) must neither hide nor cause what the test looks for.
        # ``user_settings`` (plug-in id -> settings) are what that user has chosen, e.g. in a prompt.
        settings_dir = log.parent / "lab-user-settings"
        for plugin, values in (user_settings or {}).items():
            package, name = plugin.split(":")
            (settings_dir / package).mkdir(parents=True, exist_ok=True)
            (settings_dir / package / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
        env = {
            **(env or os.environ),
            "JUPYTERLAB_SETTINGS_DIR": str(settings_dir),
            "JUPYTERLAB_WORKSPACES_DIR": str(log.parent / "lab-workspaces"),
        }
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(self.url("/api/status"), timeout=5):
                    break
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"the Jupyter server exited; its log: {log}\n{log.read_text()[-3000:]}"
                    ) from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the Jupyter server did not answer within 180 s; its log: {log}") from None
                time.sleep(0.5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}{'&' if '?' in path else '?'}token={self.token}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def chromium_path() -> str:
    path = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError(
            "the browser tests need Chromium: `apt-get install chromium` (Debian, Ubuntu), "
            "or set COURSE_CHROMIUM to a Chromium or Chrome executable"
        )
    return path


class Console:
    """Every error the page reports: console.error messages, uncaught exceptions, failed requests."""

    def __init__(self, page, ignore: tuple[str, ...] = ()):
        self.errors: list[str] = []
        self.ignore = ignore
        page.on("console", lambda m: m.type == "error" and self._add(f"console: {m.text} (at {m.location.get('url')})"))
        page.on("pageerror", lambda e: self._add(f"uncaught: {e}"))

    def _add(self, text: str) -> None:
        if not any(pattern in text for pattern in self.ignore):
            self.errors.append(text)
