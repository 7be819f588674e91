#!/usr/bin/env python3
"""Train the course's three cat classifiers on the cat / non-cat files and print a markdown table.

The data set has to teach what the course says it teaches:

* logistic regression fits the training set far better than the test set;
* the 4-layer network does better on the test set than logistic regression;
* no model reaches 100 % on the test set.

The models are the course's reference solutions (``autograder/reference``), run
with the hyper-parameters of the lessons:

==================  ============================  ==========  =============
model               layers                        iterations  learning rate
==================  ============================  ==========  =============
logistic regression 12288 -> 1, zero init         2000        0.005
two-layer network   12288-7-1, ReLU then sigmoid  2500        0.0075
L-layer network     12288-20-7-5-1                2500        0.0075
==================  ============================  ==========  =============

Usage, from the repository root::

    python datasets/lesson_report.py            # the shipped files (or $CATVNONCAT_DIR)
    python datasets/lesson_report.py --data-dir /tmp/other-build --check

``--check`` exits with status 1 if one of the three statements above fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from course.data import load_catvnoncat  # noqa: E402


def flatten(x_orig: np.ndarray) -> np.ndarray:
    """(m, 64, 64, 3) uint8 -> (12288, m) float in [0, 1]."""
    return x_orig.reshape(x_orig.shape[0], -1).T / 255.0


def forward_predict(parameters: dict, X: np.ndarray) -> np.ndarray:
    """0/1 predictions of a ReLU...ReLU-sigmoid network given ``W1, b1, ..., WL, bL``."""
    n_layers = len([k for k in parameters if k.startswith("W")])
    A = X
    for layer in range(1, n_layers + 1):
        Z = parameters[f"W{layer}"] @ A + parameters[f"b{layer}"]
        A = np.maximum(0, Z) if layer < n_layers else 1 / (1 + np.exp(-Z))
    return (A > 0.5).astype(int)


def accuracy(pred: np.ndarray, Y: np.ndarray) -> float:
    return float(np.mean(np.asarray(pred).reshape(Y.shape) == Y))


def run(data_dir: Path | None = None) -> list[dict]:
    from autograder.reference.deep_network import L_layer_model, two_layer_model
    from autograder.reference.logistic_regression import model as logistic_model

    train_x_orig, train_y, test_x_orig, test_y, _ = load_catvnoncat(data_dir)
    X_train, X_test = flatten(train_x_orig), flatten(test_x_orig)
    rows = []

    t0 = time.perf_counter()
    d = logistic_model(X_train, train_y, X_test, test_y, num_iterations=2000, learning_rate=0.005)
    rows.append({"model": "logistic regression", "layers": "12288-1", "iterations": 2000,
                 "learning_rate": 0.005, "train": accuracy(d["Y_prediction_train"], train_y),
                 "test": accuracy(d["Y_prediction_test"], test_y), "seconds": time.perf_counter() - t0})

    for name, fn, dims in (("two-layer network", two_layer_model, [12288, 7, 1]),
                           ("L-layer network", L_layer_model, [12288, 20, 7, 5, 1])):
        t0 = time.perf_counter()
        np.random.seed(1)  # the lessons' seed, in case the reference does not set it itself
        parameters, _ = fn(X_train, train_y, dims, learning_rate=0.0075, num_iterations=2500)
        rows.append({"model": name, "layers": "-".join(map(str, dims)), "iterations": 2500,
                     "learning_rate": 0.0075,
                     "train": accuracy(forward_predict(parameters, X_train), train_y),
                     "test": accuracy(forward_predict(parameters, X_test), test_y),
                     "seconds": time.perf_counter() - t0})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| model | layers | iterations | learning rate | train accuracy | test accuracy | time (s) |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['model']} | {r['layers']} | {r['iterations']} | {r['learning_rate']} | "
                     f"{100 * r['train']:.1f} % | {100 * r['test']:.1f} % | {r['seconds']:.0f} |")
    return "\n".join(lines)


def lesson_holds(rows: list[dict]) -> list[str]:
    """The statements of the lesson that fail on these figures (empty when all hold)."""
    lr, deep = rows[0], rows[-1]
    problems = []
    if not lr["train"] - lr["test"] >= 0.15:
        problems.append("logistic regression does not overfit clearly (train - test < 15 points)")
    if not deep["test"] > lr["test"]:
        problems.append("the L-layer network is not better than logistic regression on the test set")
    if any(r["test"] >= 1.0 for r in rows):
        problems.append("a model reaches 100 % on the test set")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, default=None,
                    help="directory with the two .h5 files (default: $CATVNONCAT_DIR or datasets/)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the lesson does not hold")
    args = ap.parse_args(argv)
    rows = run(args.data_dir)
    print(table(rows))
    problems = lesson_holds(rows)
    for p in problems:
        print(f"\nWARNING: {p}")
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
