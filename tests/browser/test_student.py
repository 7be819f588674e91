"""A student's first hour, in Chromium: `make lab`, the start page, notebook 01, Run All, an answer typed
on the keyboard, the plots, nbgrader's Validate button, and a console without errors."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlparse

import pytest
from harness import Console, Server

from autograder.paths import ROOT

NOTEBOOK = "01_notation/binary_classification.ipynb"
# The answers of notebook 01, typed in place of `raise NotImplementedError()` (the first line of each cell
# identifies it).
ANSWERS = {
    "def image_to_vector(image):": "return image.reshape(-1, 1)",
    "def flatten_images(images):": "return images.reshape(images.shape[0], -1).T",
    "def scale_pixels(X):": "return X / 255.0",
    "def column_to_image(X, j, image_shape):": "return X[:, j].reshape(image_shape)",
}
FIRST_TEST = "# Visible test: the tiny 2 x 2 picture with 3 channels"
INSTRUCTOR_TOOLS = ["Formgrader", "Create Assignment", "Courses"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` as the README says, on a free port with a token, serving a fresh work/ folder."""
    folder = tmp_path_factory.mktemp("student")
    server = Server(
        [
            "make",
            "-s",
            "lab",
            "PORT={port}",
            f"WORK={folder / 'work'}",
            "LAB_ARGS=--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}",
        ],
        cwd=ROOT,
        log=folder / "lab.log",
    )
    yield server
    server.stop()


def code_cell(page, first_line: str):
    return page.locator(".jp-NotebookPanel:visible .jp-CodeCell").filter(has_text=first_line).first


def menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def run_all(page) -> None:
    """Run ▸ Run All Cells, from cleared outputs, until the kernel has run or given up on every cell."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """() => {
        const panel = '.jp-NotebookPanel:not(.lm-mod-hidden)';
        const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')]
            .map(p => p.textContent);
        return prompts.length > 0 && /\\d/.test(prompts[0]) && !prompts.some(p => p.includes('*'));
    }""",
        timeout=300_000,
    )


def validate(page):
    """Press nbgrader's Validate button; return the class of its verdict and the verdict's element."""
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar").get_by_text("Validate", exact=True).click()
    message = page.locator("#validation-message")
    message.wait_for(timeout=120_000)
    verdict = message.get_attribute("class")
    return verdict, message


def stored_images(notebook: str) -> int:
    cells = json.loads((ROOT / "source" / notebook).read_text(encoding="utf-8"))["cells"]
    return sum("image/png" in out.get("data", {}) for c in cells if c["cell_type"] == "code" for out in c["outputs"])


def test_a_student_opens_runs_answers_and_validates_notebook_01(lab, page, shoot):
    console = Console(page)
    page.goto(lab.url("/"))

    # The start page opens rendered, with no news prompt and none of the instructor's tools.
    start = page.locator(".jp-RenderedMarkdown", has=page.locator("h1", has_text="Start here"))
    start.wait_for()
    assert page.url.split("?")[0].endswith("/lab/tree/START_HERE.md")
    assert page.locator(".jp-FileEditor:visible").count() == 0, "START_HERE.md opened as source, not rendered"
    page.wait_for_timeout(2000)  # the news prompt, when it comes, comes a moment after the page loads
    assert page.get_by_text("official Jupyter news").count() == 0
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    entries = page.locator(".lm-Menu-content .lm-Menu-item:visible .lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    assert entries == ["Assignment List"], entries
    for tool in INSTRUCTOR_TOOLS:
        assert page.get_by_text(tool, exact=True).count() == 0, f"the student sees {tool}"
    shoot(page, "student-start-page")

    # Every link of the start page names a notebook of work/ (JupyterLab points them at /files/); the
    # first one opens notebook 01 in JupyterLab.
    links = start.locator("a[href*='.ipynb']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    targets = [unquote(urlparse(href).path).split("/files/", 1)[-1] for href in hrefs]
    released = sorted(str(p.relative_to(ROOT / "release")) for p in (ROOT / "release").rglob("*.ipynb"))
    assert sorted(targets) == released, hrefs
    for target in targets:
        response = page.request.get(lab.url(f"/api/contents/{target}?content=0"))
        assert response.ok, f"the start page links {target}, which the server does not have"
    links.first.click()
    page.locator(".jp-NotebookPanel:visible .jp-Notebook").wait_for()
    assert page.locator(".lm-TabBar-tab.lm-mod-current", has_text="binary_classification.ipynb").count() >= 1
    page.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
        timeout=120_000
    )

    # Handed out as it is, the notebook fails nbgrader's Validate button.
    verdict, message = validate(page)
    assert "validation-failed" in verdict and "NotImplementedError" in message.inner_text()
    page.keyboard.press("Escape")

    # Run All stops at the first visible test of an unanswered exercise, with its error.
    run_all(page)
    assert "NotImplementedError" in code_cell(page, FIRST_TEST).locator(".jp-OutputArea").text_content()
    next_exercise = code_cell(page, "def flatten_images(images):")
    assert next_exercise.locator(".jp-InputPrompt").text_content().strip() == "[ ]:", "Run All went past an error"

    # Typed on the keyboard, the first answer makes its visible test print the answer beside the expected one.
    for first_line, answer in ANSWERS.items():
        cell = code_cell(page, first_line)
        cell.locator(".cm-line", has_text="raise NotImplementedError()").click()
        page.keyboard.press("End")
        page.keyboard.press("Shift+Home")
        page.keyboard.type(answer)
    code_cell(page, "def image_to_vector(image):").locator(".cm-line").first.click()
    page.keyboard.press("Shift+Enter")  # runs the answer, moves to the test below it
    page.keyboard.press("Shift+Enter")
    test_output = code_cell(page, FIRST_TEST).locator(".jp-OutputArea")
    test_output.get_by_text("expected:").wait_for()
    text = test_output.text_content()
    assert "image_to_vector(tiny)" in text and "yours:" in text and "Error" not in text, text

    # With every answer in, Run All runs to the end: no error anywhere, every plot drawn as an image.
    run_all(page)
    panel = page.locator(".jp-NotebookPanel:visible")
    assert panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0, (
        panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    )
    images = panel.locator(".jp-OutputArea-output img")
    assert images.count() == stored_images(NOTEBOOK)
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100"), f"plot {i} is not drawn"
    code_cell(page, "# Visible test: the two tiny pictures of the flatten_images test").evaluate(
        "cell => cell.scrollIntoView({block: 'start'})"
    )
    page.wait_for_timeout(300)
    shoot(page, "student-notebook")

    # Saved, the answered notebook passes Validate.
    page.keyboard.press("Control+s")
    # (Validate saves the notebook too: pressed while the first save is under way, JupyterLab asks whether
    # to overwrite a file "changed on disk", so a student waits for the save, as here.)
    page.locator(".lm-TabBar-tab.lm-mod-current.jp-mod-dirty").wait_for(state="detached")
    verdict, message = validate(page)
    assert "validation-success" in verdict, message.inner_text()
    shoot(page, "student-validate")
    page.keyboard.press("Escape")

    assert console.errors == [], console.errors
