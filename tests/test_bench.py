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
    # a light notebook 7.5 s; 7b its direct 50 s plus the light overhead 2.5 s (not 120 / 2 = 60 s, which
    # spreads the cluster's start over two tasks): a student costs 7 x 7.5 + 52.5 = 105 to 8 x 52.5 = 420
    assert "7b in 52.5 s" in report
    assert "between 105 core-seconds" in report and "and 420 (all eight" in report
    # two workers reach 1.5 times one: 75 % of twice; 10,000 x 105 s / 36,000 s / 0.75 = 38.9 workers
    assert "75%" in report and "about 39 to 156 single-threaded workers" in report
