"""What the browser tests share: Debian's Chromium driven by Playwright, a Jupyter server on a free port
with a token, a watch on the browser console, and screenshots.

`make test-browser` runs these tests; `make screenshots` runs them with ``--screenshots=docs/screenshots``
so that the pictures the README shows are the ones the tests just took. Playwright's own browser download
is not needed: the tests start the system's Chromium (``COURSE_CHROMIUM``, else ``chromium`` on PATH).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from harness import SCREENSHOT_COLOURS, SCREENSHOT_WIDTH, VIEWPORT, chromium_path


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        metavar="DIR",
        help="write the screenshots here (make screenshots: docs/screenshots); default: a temporary folder",
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # the [browser] extra, which make test-browser installs

    # Chromium's own sandbox cannot start as root (containers, CI); the pages it opens are our own.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=args)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def page(browser, request, screenshot_dir):
    """A fresh browser tab of the usual laptop size; actions wait up to a minute. When the test fails, the
    tab as it was is saved as failed-<test>.png beside the screenshots."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    if getattr(request.node, "failed_call", False):
        page.screenshot(path=str(screenshot_dir / f"failed-{request.node.name}.png"))
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(request, tmp_path_factory) -> Path:
    chosen = request.config.getoption("--screenshots")
    folder = Path(chosen).resolve() if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def shoot(screenshot_dir):
    """shoot(page, name): a screenshot of the page as ``name``.png, downscaled and in few colours."""
    from PIL import Image

    def take(page, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path))
        with Image.open(path) as full:
            height = round(full.height * SCREENSHOT_WIDTH / full.width)
            small = full.convert("RGB").resize((SCREENSHOT_WIDTH, height), Image.LANCZOS)
        small.quantize(colors=SCREENSHOT_COLOURS, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        return path

    return take
