"""The class report after grading: one self-contained HTML page of how a class did on an assignment.

    python -m autograder.report 05_logistic_regression [--course .] [--out reports]

It writes ``reports/<assignment>.html`` (the figures inside it as base64 PNG, so the page can be mailed or
archived alone) and the same figures as ``reports/<assignment>-scores.png`` and ``-tests.png``. The page
shows the score histogram, the pass rate of every test cell (which checks the class fails most), the most
frequent verdicts of the grader for each test, the students who are missing or whose grading failed, and
the grading time of each submission.

Where it reads: the grades from nbgrader's gradebook through nbgrader's ``Gradebook`` API, so a SQLite
file and a PostgreSQL server both work (``NBGRADER_DB_URL``, as in nbgrader_config.py); the grader's
verdicts from the graded notebooks in ``autograded/``; failures from the receipts and logs that
``autograder.grade_class`` keeps in ``logs/autograde/<assignment>/`` (a log without a ``.done`` receipt is a
failed grading). Grading time is the time from nbgrader's copy of a submission into ``autograded/`` to its
last graded notebook written there; it is shown where both files exist.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from autograder.grade_class import receipts_folder, submitted_students
from autograder.nbgrader_cli import db_url

TOP_MESSAGES = 3  # verdicts shown per test cell
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class TestCell:
    name: str
    notebook: str
    max_score: float
    passed: int = 0
    graded: int = 0
    messages: Counter = field(default_factory=Counter)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class ClassResults:
    assignment: str
    max_score: float
    scores: dict[str, float]  # student -> points, for every graded submission
    tests: list[TestCell]
    missing: list[str]  # in the gradebook's roster, nothing submitted
    failed: dict[str, str]  # student -> the last line of their grading log
    not_graded: list[str]  # submitted, neither graded nor failed (yet)
    seconds: dict[str, float]  # student -> grading time, where the files tell it


def verdict_lines(cell: dict) -> list[str]:
    """What the grader told the student about one test cell: each line of its outputs."""
    lines = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            prefix = f"{output.get('ename', '')}: "
            for line in output.get("traceback", []):
                line = ANSI.sub("", line)
                lines.append(line[len(prefix) :] if line.startswith(prefix) else line)
        elif output.get("output_type") == "stream":
            text = output.get("text", "")
            lines += ("".join(text) if isinstance(text, list) else text).splitlines()
    return [line.strip() for line in lines if line.strip()]


def _grading_seconds(folder: Path) -> float | None:
    stamp = folder / "timestamp.txt"
    notebooks = list(folder.glob("*.ipynb"))
    if not stamp.is_file() or not notebooks:
        return None
    return max(0.0, max(p.stat().st_mtime for p in notebooks) - stamp.stat().st_mtime)


def collect(course: Path, assignment: str, url: str | None = None) -> ClassResults:
    """Everything the report shows, read from the gradebook and the course directory."""
    url = url or db_url(course)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).is_file():
        # nbgrader would create an empty one
        raise SystemExit(
            f"no gradebook at {url[len('sqlite:///') :]}: grade the class first "
            "(or set NBGRADER_DB_URL to the class's database)"
        )
    with Gradebook(url) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(
                f"the gradebook has no assignment {assignment!r}; it knows: "
                f"{', '.join(a.name for a in gb.assignments) or 'none'}"
            ) from None
        tests = [
            TestCell(cell.name, notebook.name, float(cell.max_score))
            for notebook in record.notebooks
            for cell in notebook.grade_cells
            if cell.cell_type == "code"
        ]
        by_name = {(t.notebook, t.name): t for t in tests}
        scores = {}
        for submission in record.submissions:
            student = submission.student.id
            scores[student] = float(submission.score)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    test = by_name.get((notebook.name, grade.name))
                    if test is not None:
                        test.graded += 1
                        test.passed += float(grade.score) >= test.max_score
                graded = course / "autograded" / student / assignment / f"{notebook.name}.ipynb"
                if graded.is_file():
                    for cell in json.loads(graded.read_text(encoding="utf-8")).get("cells", []):
                        test = by_name.get(
                            (notebook.name, cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"))
                        )
                        if test is not None:
                            test.messages.update(dict.fromkeys(verdict_lines(cell), 1))  # once per student
        roster = {student.id for student in gb.students}
        max_score = float(record.max_score)

    submitted = set(submitted_students(course, assignment))
    logs = receipts_folder(course, assignment)
    failed = {}
    for log in sorted(logs.glob("*.log")) if logs.is_dir() else []:
        student = log.stem
        if not (logs / f"{student}.done").exists() and student not in scores:
            last = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
            failed[student] = last[-1] if last else "(empty log)"
    seconds = {}
    for student in scores:
        took = _grading_seconds(course / "autograded" / student / assignment)
        if took is not None:
            seconds[student] = took
    return ClassResults(
        assignment=assignment,
        max_score=max_score,
        scores=scores,
        tests=tests,
        missing=sorted(roster - submitted - set(scores)),
        failed=failed,
        not_graded=sorted(submitted - set(scores) - set(failed)),
        seconds=seconds,
    )


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def figures(results: ClassResults) -> dict[str, bytes]:
    """The report's figures as PNG bytes: the score histogram and the pass rate of each test cell."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made = {}
    figure, axes = plt.subplots(figsize=(7, 3.2))
    values = list(results.scores.values())
    top = max(results.max_score, max(values, default=0.0), 1.0)
    bins = min(20, max(1, int(round(top))))
    axes.hist(values, bins=bins, range=(0, top), color="#4c72b0", edgecolor="white")
    axes.set_xlabel(f"score (out of {results.max_score:g})")
    axes.set_ylabel("students")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(f"{results.assignment}: {len(values)} graded")
    made["scores"] = _png(figure)
    plt.close(figure)

    figure, axes = plt.subplots(figsize=(7, 0.4 * max(3, len(results.tests)) + 1))
    hardest_first = sorted(results.tests, key=lambda t: t.pass_rate)
    labels = [f"{t.name} ({t.notebook})" for t in hardest_first]
    rates = [100 * t.pass_rate for t in hardest_first]
    axes.barh(labels[::-1], rates[::-1], color=["#c44e52" if r < 50 else "#55a868" for r in rates[::-1]])
    axes.set_xlim(0, 100)
    axes.set_xlabel("students with full points (%)")
    axes.set_title("pass rate of each test cell, hardest at the top")
    made["tests"] = _png(figure)
    plt.close(figure)
    return made


def render(results: ClassResults, images: dict[str, bytes]) -> str:
    """The HTML page, every figure inline."""
    e = html.escape

    def img(name: str, alt: str) -> str:
        return f'<img alt="{e(alt)}" src="data:image/png;base64,{base64.b64encode(images[name]).decode()}">'

    values = sorted(results.scores.values())
    summary = (
        f"{len(values)} submissions graded; mean {sum(values) / len(values):.2f}, median "
        f"{statistics.median(values):.2f}"
        f" of {results.max_score:g} points"
        if values
        else "no submission graded yet"
    )
    rows = []
    for t in sorted(results.tests, key=lambda t: t.pass_rate):
        common = "".join(
            f"<li><b>{count}</b> &times; {e(message)}</li>" for message, count in t.messages.most_common(TOP_MESSAGES)
        )
        rows.append(
            f"<tr><td>{e(t.name)}</td><td>{e(t.notebook)}</td><td>{t.max_score:g}</td>"
            f"<td>{t.passed} / {t.graded} ({100 * t.pass_rate:.0f} %)</td><td><ul>{common}</ul></td></tr>"
        )

    def people(title: str, entries: list[str]) -> str:
        items = "".join(f"<li>{entry}</li>" for entry in entries) or "<li>none</li>"
        return f"<h3>{e(title)} ({len(entries)})</h3><ul>{items}</ul>"

    times = sorted(results.seconds.items(), key=lambda item: -item[1])
    time_rows = "".join(f"<tr><td>{e(s)}</td><td>{t:.1f} s</td></tr>" for s, t in times)
    timing = (
        f"<p>total {sum(results.seconds.values()):.1f} s, longest first:</p>"
        f"<table><tr><th>student</th><th>grading time</th></tr>{time_rows}</table>"
        if times
        else "<p>not recorded (no graded copies in autograded/)</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {e(results.assignment)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
td, th {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
td ul {{ margin: 0; padding-left: 1.2em; }}
img {{ max-width: 100%; }}
</style></head>
<body>
<h1>Class report: {e(results.assignment)}</h1>
<p>{e(summary)}.</p>
<h2>Scores</h2>
{img("scores", "histogram of the scores")}
<h2>Test cells, hardest first</h2>
{img("tests", "pass rate of each test cell")}
<table><tr><th>test cell</th><th>notebook</th><th>points</th><th>full points</th>
<th>the grader's most frequent messages</th></tr>
{"".join(rows)}</table>
<h2>Students</h2>
{people("grading failed", [f"{e(s)}: {e(why)}" for s, why in sorted(results.failed.items())])}
{people("submitted, not graded yet", [e(s) for s in results.not_graded])}
{people("missing: in the gradebook, nothing submitted", [e(s) for s in results.missing])}
<h2>Grading time per submission</h2>
{timing}
</body></html>
"""


def write(course: Path, assignment: str, out: Path, url: str | None = None) -> Path:
    """Collect, draw and write the report; return the HTML page's path."""
    results = collect(course, assignment, url)
    images = figures(results)
    out.mkdir(parents=True, exist_ok=True)
    for name, png in images.items():
        (out / f"{assignment}-{name}.png").write_bytes(png)
    page = out / f"{assignment}.html"
    page.write_text(render(results, images), encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--course", default=".", help="the course directory (default: here)")
    parser.add_argument("--out", default=None, help="where to write (default: <course>/reports)")
    opts = parser.parse_args(argv)
    course = Path(opts.course).resolve()
    page = write(course, opts.assignment, Path(opts.out).resolve() if opts.out else course / "reports")
    print(f"wrote {page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
