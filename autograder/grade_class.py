"""Autograde a whole class: several students at once, resumable after a crash, one log per student.

    python -m autograder.grade_class 05_logistic_regression --workers 2

Each student is graded by the plain command ``nbgrader autograde <assignment> --student <id> --force``
(this course's nbgrader_config.py applies), in parallel up to ``--workers``. After a student's grades are
in the gradebook, a receipt ``logs/autograde/<assignment>/<student>.done`` records the checksum of what
they submitted; a re-run skips students whose receipt matches their submission, so a run that was killed
half-way resumes where it stopped, and a student who resubmits is graded again. nbgrader records each
student's grades in one transaction, so a kill loses at most the students being graded at that moment,
and a re-grade updates their rows rather than adding new ones.

For hundreds of students and several workers, point nbgrader at a server database by setting
``NBGRADER_DB_URL`` (PostgreSQL: ``postgresql+psycopg://user@host/db``); SQLite serialises writers.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from autograder.nbgrader_cli import nbgrader_command, nbgrader_env


@dataclass
class Summary:
    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already graded, same submission
    failed: dict[str, str] = field(default_factory=dict)  # student -> where to read why
    seconds: float = 0.0

    def __str__(self) -> str:
        lines = [f"graded {len(self.graded)}, already graded {len(self.skipped)}, failed {len(self.failed)} "
                 f"in {self.seconds:.1f} s"]
        lines += [f"  FAILED {student}: see {log}" for student, log in sorted(self.failed.items())]
        return "\n".join(lines)


def submitted_students(course: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())


def submission_checksum(folder: Path) -> str:
    """What a student submitted, as a checksum: regular files only (a link is never followed)."""
    digest = hashlib.sha256()
    files = [Path(d) / name for d, _, names in os.walk(folder) for name in names]
    for path in sorted(p for p in files if stat.S_ISREG(p.lstat().st_mode) and not p.name.endswith(".unreadable")):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


FAIL_CLOSED = Path(__file__).resolve().parent / "failclosed"


def guarded_env() -> dict[str, str]:
    """nbgrader's environment, made to stop rather than grade with nbgrader's defaults when the course's
    nbgrader_config.py is broken (an error loading it is raised, not logged) or missing or replaced (the
    fail-closed configuration in autograder/failclosed/ is loaded first and then stands)."""
    env = nbgrader_env()
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(FAIL_CLOSED), env.get("JUPYTER_CONFIG_PATH")]))
    env["TRAITLETS_APPLICATION_RAISE_CONFIG_FILE_ERROR"] = "1"
    return env


def _receipt(course: Path, assignment: str, student: str) -> Path:
    return course / "logs" / "autograde" / assignment / f"{student}.done"


def already_graded(course: Path, assignment: str, student: str) -> bool:
    receipt = _receipt(course, assignment, student)
    folder = course / "submitted" / student / assignment
    return receipt.exists() and receipt.read_text().strip() == submission_checksum(folder)


def grade_student(course: Path, assignment: str, student: str, extra: list[str] = (), retries: int = 1) -> bool:
    """One student through ``nbgrader autograde``; True once their grades are recorded."""
    log = _receipt(course, assignment, student).with_suffix(".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    receipt = _receipt(course, assignment, student)
    receipt.unlink(missing_ok=True)
    command = nbgrader_command("autograde", assignment, "--student", student, "--force", *extra)
    for attempt in range(1 + retries):
        with open(log, "a") as out:
            out.write(f"--- attempt {attempt + 1}: {' '.join(command)}\n")
            out.flush()
            result = subprocess.run(command, cwd=course, stdout=out, stderr=subprocess.STDOUT, env=guarded_env())
        if result.returncode == 0:
            # checksummed after grading: an unreadable file has been set aside by then
            receipt.write_text(submission_checksum(course / "submitted" / student / assignment) + "\n")
            return True
    return False


def grade_class(course: Path, assignment: str, workers: int = 2, extra: list[str] = (), force: bool = False,
                retries: int = 1) -> Summary:
    start = time.monotonic()
    summary = Summary()
    todo = []
    for student in submitted_students(course, assignment):
        if not force and already_graded(course, assignment, student):
            summary.skipped.append(student)
        else:
            todo.append(student)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda s: (s, grade_student(course, assignment, s, list(extra), retries)), todo)
        for student, ok in results:
            if ok:
                summary.graded.append(student)
            else:
                summary.failed[student] = str(_receipt(course, assignment, student).with_suffix(".log"))
    summary.seconds = time.monotonic() - start
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--course", default=".", help="the course directory (default: here)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--force", action="store_true", help="grade every student again")
    parser.add_argument("--retries", type=int, default=1, help="attempts after a failure (default 1)")
    opts, extra = parser.parse_known_args(argv)
    summary = grade_class(Path(opts.course).resolve(), opts.assignment, opts.workers, extra, opts.force, opts.retries)
    print(summary)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
