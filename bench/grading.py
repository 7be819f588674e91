"""How fast does a class grade? Submissions per minute on this machine, and what Dask costs per task.

    python bench/grading.py                 # writes bench/GRADING.md (about 7 minutes on 2 quiet cores)
    python bench/grading.py --light 4 --heavy 1 --out /tmp/grading.md

In one run, on sample submissions (honest and wrong ones, none that waits for a time limit):
* ``nbgrader autograde --student`` run directly, one student after another: the cost of grading itself;
* ``grade_class`` on a local Dask cluster of 1 and of 2 worker processes (cluster start included);
* for 02 (light: one short notebook) and for 07b (heavy: it trains two networks).
Dask's cost per task is the 1-worker run's time less the direct runs' time, over the submissions
(it includes starting the cluster and preparing the scratch course once; it is negative when the
worker's in-process nbgrader saves more than Dask adds). From these figures,
a paper estimate of the cores needed to grade 10,000 students x 8 notebooks overnight.

Timings are measurements of this machine at this moment: run it on a quiet machine; the report states
the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.demo import DEMO_LIMITS, prepare  # noqa: E402
from autograder.grade_class import grade_class  # noqa: E402
from autograder.grading_task import scratch_env  # noqa: E402
from autograder.nbgrader_cli import nbgrader_command  # noqa: E402
from autograder.samples.loss_and_cost import QUICK_CLASS  # noqa: E402

LIGHT = ("02_loss_and_cost", QUICK_CLASS[:8])  # honest, wrong and attacking: none waits for a time limit
HEAVY = ("07_deep_network", ["app_correct", "app_other_style"])  # 7b: trains a 2-layer and a 4-layer network
STUDENTS, NOTEBOOKS, NIGHT_HOURS = 10_000, 8, 10  # the class of the estimate


def direct(course: Path, assignment: str, students: list[str]) -> float:
    """Seconds to grade ``students`` one after another with the plain command, as before Dask."""
    start = time.monotonic()
    for student in students:
        subprocess.run(
            nbgrader_command("autograde", assignment, "--student", student, "--force", *DEMO_LIMITS),
            cwd=course,
            check=True,
            capture_output=True,
            env=scratch_env(),
        )
    return time.monotonic() - start


def on_dask(course: Path, assignment: str, workers: int) -> tuple[float, float]:
    """Seconds to grade the class on a local cluster of ``workers``, and of those, the seconds this
    process spent recording the results."""
    start = time.monotonic()
    summary = grade_class(
        course, assignment, workers=workers, extra=DEMO_LIMITS, force=True, retries=0, progress_every=3600
    )
    if summary.failed:
        raise RuntimeError(f"grading failed:\n{summary}")
    return time.monotonic() - start, summary.recording_seconds


def measure(assignment: str, students: list[str], work: Path) -> dict[str, float]:
    course = work / assignment
    prepare(course, [assignment], only=set(students))
    n = len(students)
    seconds = {"direct": direct(course, assignment, students)}
    for workers in (1, 2):
        seconds[f"dask {workers}"], seconds[f"recording {workers}"] = on_dask(course, assignment, workers)
    print(f"{assignment}: {n} submissions, {seconds}", flush=True)
    return {"n": n, **seconds}


def report(results: dict[str, dict[str, float]], loads: tuple[str, str]) -> str:
    lines = [
        "# Benchmark: grading a class",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        f"Load average (1, 5, 15 min) before: {loads[0]}; after: {loads[1]}.",
        "Command: `python bench/grading.py`. Sample submissions of `autograder/samples`, graded with "
        f"`{' '.join(DEMO_LIMITS)}`.",
        "",
        "| assignment | submissions | direct `nbgrader autograde`, s each | Dask, 1 worker: per minute | "
        "Dask, 2 workers: per minute | speed-up, 2 workers | Dask minus direct, per task, s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for assignment, r in results.items():
        n = r["n"]
        lines.append(
            f"| {assignment} | {n} | {r['direct'] / n:.1f} | {n / r['dask 1'] * 60:.1f} | "
            f"{n / r['dask 2'] * 60:.1f} | {r['dask 1'] / r['dask 2']:.2f} | "
            f"{(r['dask 1'] - r['direct']) / n:.1f} |"
        )
    lines += [
        "",
        "The last column is what a task on Dask costs beyond the plain command, cluster start included. It is "
        "negative when the worker's own nbgrader run (inside its process) saves more than Dask adds: the plain "
        "command starts a new Python process for every student.",
    ]
    light, heavy = (results[LIGHT[0]], results[HEAVY[0]])
    # Per task on one single-threaded worker, Dask included. The 1-worker runs also pay one-time costs
    # (starting the cluster, preparing the worker's scratch course); spread over 8 light tasks they are
    # the overhead per task below, but over 2 heavy ones they would double 7b's cost. So 7b counts as its
    # direct time plus the light run's overhead per task, an upper bound for a class of thousands.
    overhead = (light["dask 1"] - light["direct"]) / light["n"]
    per_light = light["dask 1"] / light["n"]  # one light notebook
    per_heavy = heavy["direct"] / heavy["n"] + overhead  # 7b, the heaviest notebook
    scaling = (light["dask 1"] / light["dask 2"] + heavy["dask 1"] / heavy["dask 2"]) / 2 / 2  # per worker
    night = NIGHT_HOURS * 3600
    low = STUDENTS * ((NOTEBOOKS - 1) * per_light + per_heavy)
    high = STUDENTS * NOTEBOOKS * per_heavy
    recorded = sum(r["n"] * 2 for r in results.values())
    recording = sum(r["recording 1"] + r["recording 2"] for r in results.values()) / recorded
    lines += [
        "",
        "## Paper estimate: 10,000 students x 8 notebooks overnight",
        "",
        f"One worker process (one core) grades a light notebook in {per_light:.1f} s (the 1-worker column) and "
        f"7b in {per_heavy:.1f} s (its direct time plus 02's last column: the 1-worker run of only "
        f"{heavy['n']} heavy submissions is mostly one-time costs: the cluster's start and the worker's "
        "scratch course). A student's 8 notebooks then cost between "
        f"{(NOTEBOOKS - 1) * per_light + per_heavy:.0f} core-seconds (seven notebooks as light as 02, one 7b) "
        f"and {NOTEBOOKS * per_heavy:.0f} (all eight as heavy as 7b): {low / 3600:,.0f} to {high / 3600:,.0f} "
        f"core-hours for {STUDENTS:,} students.",
        f"Two workers on this machine's {os.cpu_count()} cores reached {scaling:.0%} of twice one worker's rate. "
        f"At that efficiency, grading in {NIGHT_HOURS} hours needs about "
        f"{low / night / scaling:,.0f} to {high / night / scaling:,.0f} single-threaded workers (cores, "
        "with about 5 GB of memory each), for example "
        f"{-(-low / night / scaling // 32):.0f} to {-(-high / night / scaling // 32):.0f} machines of 32 cores.",
        f"The instructor's machine records every result (graded notebooks, grades): {recording:.2f} s each "
        f"here, so one client keeps up with about {per_light / recording:,.0f} workers grading light notebooks; "
        "beyond that, several clients can grade different assignments at once.",
    ]
    return "\n".join(lines) + "\n"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--light", type=int, default=len(LIGHT[1]), help="how many 02 submissions")
    parser.add_argument("--heavy", type=int, default=len(HEAVY[1]), help="how many 07b submissions")
    parser.add_argument("--out", default=str(ROOT / "bench" / "GRADING.md"))
    opts = parser.parse_args(argv)
    before = load()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        results = {
            assignment: measure(assignment, students[:count], Path(tmp))
            for (assignment, students), count in ((LIGHT, opts.light), (HEAVY, opts.heavy))
        }
    text = report(results, (before, load()))
    Path(opts.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
