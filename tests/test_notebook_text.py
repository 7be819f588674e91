"""The notebooks' text: references to other notebooks name the right one, and figure titles read well.

A sentence such as "Notebook 4's numerical check" is wrong when the numerical check is in notebook 3.
Each notebook has a few words that belong to it alone (its topic); a sentence that names notebook N together
with a topic word of another notebook, and none of N's own, points at the wrong notebook.
"""

import ast
import json
import re
from pathlib import Path

import pytest

from autograder.paths import source_notebooks

# Notebook number -> its folder and file, and phrases that belong to that notebook alone (lower case).
NOTEBOOKS = {
    "1": ("01_notation", "binary_classification", ["unroll"]),
    "2": ("02_loss_and_cost", "loss_and_cost", ["how wrong"]),
    "3": (
        "03_computation_graph",
        "derivatives_and_graphs",
        ["computation graph", "numerical check", "centred difference", "nudged"],
    ),
    "4": (
        "04_vectorization",
        "vectorization",
        ["vectoriz", "broadcast", "removes the loops", "replaces both loops", "all examples at once", "rank-1"],
    ),
    "5": ("05_logistic_regression", "logistic_regression", ["cat classifier", "trains the classifier"]),
    "6": ("06_shallow_network", "shallow_network", ["flower", "shallow"]),
    "7a": ("07_deep_network", "deep_network_step_by_step", ["every piece"]),
    "7b": ("07_deep_network", "deep_network_application", ["cat network"]),
    "8": ("08_regression", "regression", ["polynomial", "u curve", "weight decay"]),
    "9": ("09_generative_classification", "generative_classification", ["bayes", "naive bayes", "softmax"]),
    "10": ("10_tuning_gradient_descent", "tuning_gradient_descent", ["adagrad", "mini-batch", "feature scaling"]),
}
TITLE_NUMBER = re.compile(r"^# (\d+[ab]?)\. ", re.MULTILINE)
REFERENCE = re.compile(r"\bnotebook (\d+[ab]?)\b", re.IGNORECASE)
# How much text around "notebook N" is read for topic words: the rest of the sentence is often about
# the current notebook ("... vectorizes ..., which you check against the loop version of notebook 3").
BEFORE, AFTER = 40, 50


def markdown_sentences(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sentences = []
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        for paragraph in re.split(r"\n\s*\n|\n(?=#)|\n(?=[*|-] )", "".join(cell["source"])):
            text = re.sub(r"\s+", " ", paragraph)
            sentences += re.split(r"(?<=[.!?:;])\s+|\(|\)", text)
    return sentences


def topic_owners(text: str) -> set[str]:
    lower = text.lower()
    return {number for number, (_, _, words) in NOTEBOOKS.items() if any(word in lower for word in words)}


def wrong_references(sentence: str) -> list[str]:
    """The notebook numbers in ``sentence`` whose neighbourhood speaks of another notebook's topic."""
    wrong = []
    found_all = list(REFERENCE.finditer(sentence))
    for index, found in enumerate(found_all):
        number = found.group(1)
        # Words between two references belong to the first ("notebook 4 does X, and notebook 5 does Y"),
        # so only the first reference of a sentence looks back.
        start = found.start() if index else max(0, found.start() - BEFORE)
        end = min(found.end() + AFTER, found_all[index + 1].start() if index + 1 < len(found_all) else len(sentence))
        nearby = sentence[start:end]
        owners = topic_owners(nearby)
        referred = {"7a", "7b"} if number == "7" else {number}
        if owners and not owners & referred:
            wrong.append(number)
    return wrong


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.parent.name + "/" + p.name)
def test_each_notebook_is_titled_with_its_own_number(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    title = TITLE_NUMBER.search("".join(cells[0]["source"]))
    assert title, f"{path.name}: the first cell should be a title '# N. ...'"
    folder, stem, _ = NOTEBOOKS[title.group(1)]
    assert (path.parent.name, path.stem) == (folder, stem), f"{path.name} is titled as notebook {title.group(1)}"


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.parent.name + "/" + p.name)
def test_references_name_the_notebook_that_teaches_it(path):
    problems = []
    for sentence in markdown_sentences(path):
        for number in REFERENCE.findall(sentence):
            if number not in NOTEBOOKS and number != "7":
                problems.append(f"there is no notebook {number}: '{sentence.strip()}'")
        problems += [
            f"'{sentence.strip()}' names notebook {number}, but speaks of another notebook's topic"
            for number in wrong_references(sentence)
        ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_reference_check_catches_a_wrong_notebook():
    # The two wrong references that 05 once had, and the right ones.
    assert wrong_references("Notebook 4 followed the computation graph of one example back from the loss") == ["4"]
    assert wrong_references("A derivation can be wrong. Notebook 4's numerical check compares") == ["4"]
    assert wrong_references("Notebook 3 followed the computation graph of one example back from the loss") == []
    assert wrong_references("Here they learn the flower of notebook 6, with a network") == []


def figure_titles(path: Path) -> list[str]:
    """The string constants passed to title/set_title/suptitle (or as title=...) in the code cells."""
    titles = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse("".join(cell["source"]))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = list(node.args[:1]) if name in ("title", "set_title", "suptitle") else []
            args += [kw.value for kw in node.keywords if kw.arg == "title"]
            for arg in args:
                parts = [arg] if isinstance(arg, ast.Constant) else getattr(arg, "values", [])
                text = "".join(
                    p.value if isinstance(p, ast.Constant) and isinstance(p.value, str) else " {} " for p in parts
                )
                if text.strip():
                    titles.append(text)
    return titles


def repeated_word(text: str) -> str | None:
    words = re.findall(r"[A-Za-z]+", text.lower())
    return next((a for a, b in zip(words, words[1:]) if a == b), None)


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.parent.name + "/" + p.name)
def test_figure_titles_repeat_no_word(path):
    bad = [title for title in figure_titles(path) if repeated_word(title)]
    assert not bad, f"{path.name}: figure titles with a word twice in a row: {bad}"


def test_the_title_check_catches_a_repeated_word():
    assert repeated_word("the picture\npicture") == "picture"
    assert repeated_word("red channel (darker = more)\npicture[:, :, 0]") is None


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.parent.name + "/" + p.name)
def test_ignored_outputs_are_marked_exactly_and_checked_by_an_assert(path):
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], start=1):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "NBVAL_IGNORE_OUTPUT" not in source:
            continue
        lines = [line.strip() for line in source.splitlines()]
        # nbval honours the marker only as a line of its own; "# NBVAL_IGNORE_OUTPUT: why" is silently ignored.
        assert "# NBVAL_IGNORE_OUTPUT" in lines, f"{path.name}, cell {number}: the marker must be a line of its own"
        assert any(line.startswith("assert ") for line in lines), (
            f"{path.name}, cell {number}: nbval ignores this output, so an assert must check what matters"
        )
