"""Check your notebooks before you submit: ``make check`` (or ``python -m course.validate work``).

Runs each notebook from top to bottom, as the grader will, and reports every visible test that fails or
every answer cell still left as handed out. Exits with status 1 when anything needs your attention, 0 when
all visible tests pass. (The grader also runs hidden tests, so passing here is necessary, not sufficient.)
Unlike ``nbgrader validate``, whose exit status is 0 even when validation fails, this one can gate a script.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from nbgrader.validator import Validator
from traitlets.config import Config

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes in tracebacks


def _local_kernel_config(folder: str) -> Config:
    """Talk to the kernel through Unix sockets in ``folder`` (a private temporary folder).

    Over TCP, every kernel warns that its traffic is not encrypted, once per notebook. The kernel runs on
    the student's own machine, so sockets that only this user can open are the simpler, quiet choice.
    """
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(Path(folder) / "kernel")
    return config


def problems_of(notebook: Path) -> list[str]:
    """What stands between this notebook and passing its visible tests (empty when nothing does)."""
    with tempfile.TemporaryDirectory(prefix="course-check-") as folder:
        results = Validator(config=_local_kernel_config(folder)).validate(str(notebook))
    found = []
    for cell in results.get("type_changed", []):
        found.append(f"a cell changed from {cell['old_type']} to {cell['new_type']}: change it back")
    for cell in results.get("changed", []):
        first_line = cell["source"].splitlines()[0] if cell["source"] else "(empty cell)"
        found.append(f"the read-only cell starting `{first_line}` was edited: the grader restores it, so undo the edit")
    for cell in results.get("failed", []):
        first_line = cell["source"].splitlines()[0] if cell["source"] else "(empty cell)"
        raw = ANSI.sub("", cell["raw_error"]).strip()
        error = raw.splitlines()[-1] if raw else "an error"
        found.append(f"the cell starting `{first_line}` fails: {error}")
    return found


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or [Path("work")]
    notebooks = sorted(
        n
        for p in paths
        for n in ([p] if p.suffix == ".ipynb" else p.rglob("*.ipynb"))
        if ".ipynb_checkpoints" not in n.parts
    )
    if not notebooks:
        print(f"no notebooks found in {', '.join(map(str, paths))}")
        return 1
    failing = 0
    for notebook in notebooks:
        found = problems_of(notebook)
        failing += bool(found)
        print(f"{'FAIL' if found else 'ok  '}  {notebook}")
        for problem in found:
            print(f"      {problem}")
    print(f"{len(notebooks) - failing} passed, {failing} failed")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
