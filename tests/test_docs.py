"""Generated documents are in step with what generates them; the README opens with the two commands."""

from autograder.paths import ROOT
from autograder.samples import attacks, report


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


# Options of the course's plug-ins that are not limits (everything else they declare is one).
NOT_LIMITS = {"TrustedChecks.hidden_seed"}


def _quoted(name: str, value) -> str:
    """A limit's default as the README writes it: 4 GiB, 600 s, 100 000 characters."""
    if name.endswith("_bytes"):
        units = (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10), ("bytes", 1))
        unit, size = next((unit, size) for unit, size in units if value % size == 0)
        return f"{value // size} {unit}"
    if name.endswith("_chars"):
        return f"{value:,} characters".replace(",", " ")
    if "timeout" in name or "seconds" in name or "budget" in name:
        return f"{value:g} s"
    return str(value)


def _limits():
    """(option as nbgrader_config.py sets it, its default) for every limit the course's plug-ins declare."""
    from traitlets.config import Configurable
    from traitlets.config.loader import PyFileConfigLoader

    from autograder import preprocessors, sandbox

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    found = []
    for cls in (
        sandbox.SandboxLimits,
        preprocessors.SandboxedKernelManager,
        preprocessors.SandboxedExecute,
        preprocessors.TrustedChecks,
    ):
        own = {
            name: trait
            for name, trait in cls.class_traits(config=True).items()
            if trait.this_class.__module__.startswith("autograder.")
        }  # declared by the course, not inherited
        for name, trait in sorted(own.items()):
            if f"{cls.__name__}.{name}" in NOT_LIMITS:
                continue
            assert trait.help, f"{cls.__name__}.{name} has no help string"
            # the option may be set under a parent's name, as nbgrader's own Execute.timeout is
            sections = [k.__name__ for k in cls.__mro__ if issubclass(k, Configurable) and name in config[k.__name__]]
            assert len(sections) == 1, f"nbgrader_config.py must set {cls.__name__}.{name} once (found {sections})"
            assert config[sections[0]][name] == trait.default_value, (
                f"{sections[0]}.{name}: nbgrader_config.py sets {config[sections[0]][name]}, the default is "
                f"{trait.default_value}: one value for both"
            )
            found.append((f"{sections[0]}.{name}", trait.default_value))
    return found


def test_every_limit_has_one_default_that_the_config_sets_and_the_readme_quotes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = _limits()
    assert len(limits) >= 13
    for option, default in limits:
        row = next((line for line in readme.splitlines() if line.startswith("|") and f"`{option}`" in line), None)
        assert row is not None, f"the README's table of limits has no row for {option}"
        quoted = _quoted(option, default)
        assert row.rstrip(" |").endswith(quoted), f"the README quotes {option} as {row!r}, not {quoted}"
