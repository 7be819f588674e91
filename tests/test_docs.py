"""Generated documents are in step with what generates them; the README opens with the two commands."""


from autograder.paths import ROOT
from autograder.samples import attacks, report


def test_attack_table_is_current():
    assert report.TARGET.read_text(encoding="utf-8") == report.render(), "run python -m autograder.samples.report"


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "make lab" in head and "make test" in head
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_every_host_guarantee_names_a_test_that_exists():
    for _, _, test in attacks.HOST_GUARANTEES:
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), f"{test} does not exist"
