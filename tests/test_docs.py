"""Generated documents are in step with what generates them; the README opens with the two commands."""

from pathlib import Path

from autograder.samples import attacks, report

ROOT = Path(__file__).resolve().parent.parent


def test_attack_table_is_current():
    assert report.TARGET.read_text(encoding="utf-8") == report.render(), "run python -m autograder.samples.report"


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "make lab" in head and "make test" in head
    # CI runs the README's command, then the browser tests (which need Chromium, that CI installs)
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert [line for line in ci if line.startswith("make ")] == ["make test", "make test-browser"]


def test_every_host_guarantee_names_a_test_that_exists():
    for _, _, test in attacks.HOST_GUARANTEES:
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), f"{test} does not exist"
