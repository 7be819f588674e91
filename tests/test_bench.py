"""The benchmark still runs and reports every workload (its numbers are measurements, not tested)."""

import subprocess
import sys

from autograder.paths import ROOT


def test_benchmark_runs_and_reports_each_workload(tmp_path):
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--repeat", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = out.read_text()
    for workload in ("propagate", "4-layer net", "planar net", "Roofline", "attainable"):
        assert workload in report


def test_the_grading_benchmark_derives_its_rates_and_estimate_from_its_measurements():
    """bench/grading.py's arithmetic, on made-up timings (running it takes many minutes: `bench/`)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import grading

    light, heavy = grading.LIGHT[0], grading.HEAVY[0]
    recording = {"recording 1": 0.3, "recording 2": 0.3}
    results = {
        light: {"n": 8, "direct": 40.0, "dask 1": 60.0, "dask 2": 40.0, **recording},
        heavy: {"n": 2, "direct": 100.0, "dask 1": 120.0, "dask 2": 80.0, **recording},
    }
    report = grading.report(results, ("0.00", "0.00"))
    # 8 in 60 s is 8 a minute, in 40 s 12; direct 5 s each; overhead (60 - 40) / 8
    assert f"| {light} | 8 | 5.0 | 8.0 | 12.0 | 1.50 | 2.5 |" in report
    # a light notebook 7.5 s, 7b 60 s: a student costs 7 x 7.5 + 60 = 112.5 to 8 x 60 = 480 core-seconds
    assert "between 112 core-seconds" in report and "and 480 (all eight" in report
    # two workers reach 1.5 times one: 75 % of twice; 10,000 x 112.5 s / 36,000 s / 0.75 = 41.7 workers
    assert "75%" in report and "about 42 to 178 single-threaded workers" in report
