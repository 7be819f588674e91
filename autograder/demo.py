"""The demo of the instructor's loop on the sample submissions: submit, autograde, feedback, grade sheet.

    python -m autograder.demo [--dir .grade-demo] [--assignment 02_loss_and_cost ...]   # or: make grade-demo

It builds a throwaway course directory, puts every sample submission of ``autograder/samples`` into
``submitted/``, and runs the nbgrader commands an instructor runs (``autograde`` through
``grade_class``, ``generate_feedback``, ``export``), each inside this process as the course's
configuration makes it run from the course (``nbgrader_cli.nbgrader_here``: a command started as a
process of its own costs a second more). Then it prints a grade table and checks every score against
the sample's expected grade; it exits 1 if any differs. ``tests/test_grading.py`` runs the same loop.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import shutil
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from autograder.grade_class import grade_class
from autograder.nbgrader_cli import db_url, nbgrader, nbgrader_here
from autograder.paths import RELEASE, ROOT, SOURCE, assignments, source_notebook
from autograder.samples import attacks, cell_timeout, expected_scores, notebook_name, points_of, samples_of, submission

# The instructor's configuration (nbgrader_config.py), but for one call of a student's function, which in
# the samples never needs more than a second: the samples that never finish then cost 5 s there, not 20.
# The hidden inputs are those of one fixed seed, so that every run of the tests grades alike (the grader
# draws a fresh seed per notebook otherwise; tests/test_judge.py shows that it does).
DEMO_LIMITS = ["--TrustedChecks.call_timeout=5", "--TrustedChecks.hidden_seed=2024"]


@dataclass
class Outcome:
    assignment: str
    student: str
    notebook: str
    expected: dict[str, float]
    got: dict[str, float]
    points: float  # the notebook's maximum

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def prepare(course: Path, chosen: list[str], only: set[str] | None = None) -> None:
    """A fresh course directory with the course's source and config, the assignments released and
    every sample submitted (or those whose student id is in ``only``)."""
    if course.exists():
        shutil.rmtree(course)
    course.mkdir(parents=True)
    shutil.copytree(ROOT / SOURCE, course / SOURCE)
    shutil.copytree(ROOT / RELEASE, course / RELEASE)
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    for name in chosen:
        run_here(course, "db", "assignment", "add", name)
        run_here(course, "generate_assignment", name, "--force")
        for sample in samples_of(name):
            if only is not None and sample.student not in only:
                continue
            folder = course / "submitted" / sample.student / name
            folder.mkdir(parents=True, exist_ok=True)
            for notebook, content in submission(name, sample, ROOT).items():
                (folder / f"{notebook}.ipynb").write_bytes(content)
            (folder / "timestamp.txt").write_text("2026-01-15 12:00:00.000000 UTC\n")


def run(course: Path, *args: str):
    """The plain command ``nbgrader *args``, a process of its own started from ``course``."""
    result = nbgrader(*args, cwd=course, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def run_here(course: Path, *args: str) -> str:
    """``nbgrader *args`` for ``course``, inside this process; its log, or RuntimeError with it."""
    status, log = nbgrader_here(course, *args)
    if status != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{log[-6000:]}")
    return log


@contextlib.contextmanager
def decoy_service(port: int):
    """A listener on this machine's loopback: the network attack earns points only if it reaches it."""
    server = socket.create_server(("127.0.0.1", port), reuse_port=True)
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                server.accept()[0].close()
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        server.close()


def grade(
    course: Path, chosen: list[str], extra: list[str] = DEMO_LIMITS, workers: int = 2, scheduler=None
) -> list[Outcome]:
    """Autograde (the whole class, ``workers`` students at a time, or on ``scheduler`` as grade_class
    takes it), generate feedback and export; return each sample's expected and recorded scores."""
    for name in chosen:
        limits = list(extra)
        if cell_timeout(name) is not None:
            limits.append(f"--Execute.timeout={cell_timeout(name)}")
        with decoy_service(attacks.DECOY_PORT):
            summary = grade_class(
                course, name, workers=workers, extra=limits, force=True, retries=0, scheduler=scheduler
            )
        if summary.failed:
            raise RuntimeError(f"autograding {name} failed for some students:\n{summary}")
        run_here(course, "generate_feedback", name, "--force")
    run_here(course, "export", "--to", str(course / "grades.csv"))
    return outcomes(course, chosen)


def outcomes(course: Path, chosen: list[str]) -> list[Outcome]:
    """Each submitted sample's expected points beside the points the gradebook holds."""
    submitted = {p.name for p in (course / "submitted").iterdir()} if (course / "submitted").exists() else set()
    found = []
    with Gradebook(db_url(course)) as gb:
        for name in chosen:
            for sample in samples_of(name):
                if sample.student not in submitted:
                    continue
                notebook = notebook_name(name, sample, ROOT)
                expected = expected_scores(name, sample, ROOT)
                got = dict.fromkeys(expected, 0.0)  # a submission nbgrader could not grade has earned nothing
                try:
                    recorded = gb.find_submission_notebook(notebook, name, sample.student)
                except MissingEntry:
                    pass
                else:
                    got.update({g.name: float(g.auto_score or 0.0) for g in recorded.grades if g.name in expected})
                points = sum(points_of(source_notebook(name, notebook)).values())
                found.append(Outcome(name, sample.student, notebook, expected, got, points))
    return found


def _differing_cells(o: Outcome) -> list[str]:
    return [k for k in o.expected if o.expected[k] != o.got.get(k)]


def table(outcomes: list[Outcome]) -> str:
    rows = [("assignment", "student", "score", "expected", "")]
    for o in outcomes:
        rows.append(
            (
                o.assignment,
                o.student,
                f"{sum(o.got.values()):g}/{o.points:g}",
                f"{sum(o.expected.values()):g}"
                if o.ok
                else f"{sum(o.expected.values()):g} (cells {', '.join(_differing_cells(o))})",
                "ok" if o.ok else "MISMATCH",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=str(ROOT / ".grade-demo"), help="where the throwaway course goes")
    parser.add_argument("--assignment", action="append", help="only these assignments (default: all)")
    opts = parser.parse_args(argv)
    chosen = opts.assignment or [a for a in assignments() if samples_of(a)]
    course = Path(opts.dir).resolve()
    prepare(course, chosen)
    results = grade(course, chosen)
    print(table(results))
    with open(course / "grades.csv", newline="") as f:
        count = sum(1 for _ in csv.DictReader(f))
    print(f"\ngrade sheet: {course / 'grades.csv'} ({count} rows); feedback: {course / 'feedback'}")
    bad = [o for o in results if not o.ok]
    print(f"{len(results) - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
