"""`make lab` sets up the student's own copy and serves JupyterLab on the course's start page."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from autograder.paths import ROOT

INSTRUCTOR_PLUGINS = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_make_lab_serves_the_start_page_from_the_students_copy(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "START_HERE.md").write_text("my own notes")  # a student's file is never overwritten
    port = free_port()
    lab = subprocess.Popen(
        [
            "make",
            "-s",
            "lab",
            f"PORT={port}",
            f"WORK={work}",
            "LAB_ARGS=--no-browser --ServerApp.token= --ServerApp.password= --ServerApp.ip=127.0.0.1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, page = get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert lab.poll() is None, "make lab exited"
                assert time.monotonic() < deadline, "JupyterLab did not start within 120 s"
                time.sleep(0.5)
        assert status == 200 and b"JupyterLab" in page  # / redirects to the default URL, the start page
        status, body = get(f"http://127.0.0.1:{port}/api/contents/START_HERE.md?content=1")
        assert json.loads(body)["content"] == "my own notes"
        released = sorted(p.relative_to(ROOT / "release") for p in (ROOT / "release").rglob("*.ipynb"))
        assert released and all((work / p).is_file() for p in released)
        # the student set-up (student_lab/): nbgrader's instructor tools off, Markdown opens rendered
        config = json.loads(re.search(rb'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        assert set(config["disabledExtensions"]) >= INSTRUCTOR_PLUGINS
        status, body = get(f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
        # JupyterLab applies overrides.json as the schema's new default
        assert json.loads(body)["schema"]["properties"]["defaultViewers"]["default"] == {"markdown": "Markdown Preview"}
        with pytest.raises(urllib.error.HTTPError) as refused:  # the Formgrader's server side is not loaded
            get(f"http://127.0.0.1:{port}/formgrader/api/assignments")
        assert refused.value.code == 404
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)


def test_start_page_links_every_released_notebook():
    text = (ROOT / "docs" / "START_HERE.md").read_text(encoding="utf-8")
    released = sorted(str(p.relative_to(ROOT / "release")) for p in (ROOT / "release").rglob("*.ipynb"))
    assert released
    for notebook in released:
        assert f"({notebook})" in text, f"START_HERE.md does not link {notebook}"
