"""Maintainer tools: regenerate ``release/`` from ``source/``, and re-run the source notebooks.

    python -m autograder.release                  # nbgrader generate_assignment for every assignment
    python -m autograder.release --execute-source # run every source notebook, store its outputs, and check
                                                  # them with nbval under two BLAS settings

Both write where the course keeps them (``release/``, ``source/``). The test suite calls the same
functions into a temporary directory to prove the committed files are in sync.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder.nbgrader_cli import nbgrader_here
from autograder.paths import RELEASE, ROOT, assignments, source_notebooks


def generate_release(course_root: Path = ROOT, names: list[str] | None = None) -> None:
    """nbgrader generate_assignment into ``course_root/release`` (a throwaway gradebook records it)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/gradebook.db"
        for name in names or assignments(course_root):
            status, log = nbgrader_here(
                course_root, "generate_assignment", name, "--force", f"--CourseDirectory.db_url={db}"
            )
            if status != 0:
                raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{log}")


def execute_notebook(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder and return it with fresh outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return nb


def blas_settings() -> dict[str, dict[str, str]]:
    """Two ways to run numpy that order floating-point sums differently, to show that stored outputs do not
    depend on the BLAS kernel or the thread count: this machine's own choice (no OpenBLAS variables), and
    on x86-64 an older kernel (Haswell) on one thread."""
    own = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    settings = {"this machine's default BLAS": own}
    if platform.machine().lower() in ("x86_64", "amd64"):
        settings["OPENBLAS_CORETYPE=Haswell, 1 thread"] = dict(
            own, OPENBLAS_CORETYPE="Haswell", OPENBLAS_NUM_THREADS="1"
        )
    return settings


def check_outputs(paths: list[Path], root: Path = ROOT) -> bool:
    """Compare the stored outputs of ``paths`` with fresh runs (nbval) under every BLAS setting; print the verdicts."""
    passed = True
    for name, env in blas_settings().items():
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                *[str(p.relative_to(root)) for p in paths],
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"nbval under {name}: {'passed' if result.returncode == 0 else 'FAILED'} ({summary})", flush=True)
        if result.returncode != 0:
            passed = False
            print(result.stdout[-4000:])
    return passed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--execute-source", action="store_true", help="re-run the source notebooks in place")
    parser.add_argument("assignment", nargs="*", help="only these assignments (default: all)")
    opts = parser.parse_args(argv)
    chosen = opts.assignment or assignments()
    if opts.execute_source:
        paths = [path for path in source_notebooks() if path.parent.name in chosen]
        for path in paths:
            print(f"running {path.relative_to(ROOT)}", flush=True)
            nbformat.write(execute_notebook(path), path)
        if not check_outputs(paths):
            sys.exit(
                "the stored outputs differ under another BLAS setting: print such values rounded, or assert "
                "them with a tolerance and mark the cell # NBVAL_IGNORE_OUTPUT (docs/AUTHORING.md)"
            )
        print("the stored outputs pass nbval under every BLAS setting above")
    else:
        for name in chosen:
            shutil.rmtree(ROOT / RELEASE / name, ignore_errors=True)
        generate_release(ROOT, chosen)
        print(f"release/ regenerated for {', '.join(chosen)}")


if __name__ == "__main__":
    main()
