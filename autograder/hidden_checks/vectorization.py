"""Hidden checks for assignment 04, vectorization.

Each graded function is tried on its visible test's case and on random problems of several shapes,
including a single example (m = 1), a single feature (n_x = 1) and a square X (where a mean over the wrong
axis still has a shape that broadcasts), so an answer that only reproduces the visible numbers fails. The
judge also checks types (floats where the reference returns floats), shapes, and that the arrays passed in
are left unchanged.
"""

import numpy as np

from autograder.hidden_checks import labels
from autograder.judge import Call

# The visible tests' cases: the gradient case is the one of notebook 3's gradients_loop test.
VISIBLE_CENTER_X = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 40.0, 20.0], [-1.0, 0.0, 1.0, 0.0]])
VISIBLE_W = np.array([[0.5], [-0.25]])
VISIBLE_B = 0.1
VISIBLE_X = np.array([[1.0, -1.0, 2.0], [2.0, 0.5, -1.0]])
VISIBLE_Y = np.array([[1, 0, 1]])
VISIBLE_RATE = 0.1

SHAPES = [(1, 1), (1, 6), (5, 1), (3, 3), (3, 7), (20, 50)]  # (n_x, m)


def _problem(rng, n_x, m):
    w = rng.normal(scale=0.5, size=(n_x, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n_x, m))
    return w, b, X


def center_features(rng):
    yield Call((VISIBLE_CENTER_X,), label="the visible test's X")
    for n_x, m in SHAPES:
        X = rng.normal(loc=rng.uniform(-5, 5), scale=2.0, size=(n_x, m))
        yield Call((X,), label=f"random X of shape ({n_x}, {m})")
    X = rng.normal(size=(4, 6)) + np.arange(4).reshape(4, 1) * 100.0
    yield Call((X,), label="X of shape (4, 6) whose rows have means near 0, 100, 200, 300")


def gradients_vectorized(rng):
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y), label="the visible test's w, b, X, Y")
    for index, (n_x, m) in enumerate(SHAPES):
        w, b, X = _problem(rng, n_x, m)
        Y = labels(rng, m, dtype=int if index % 2 else float)
        yield Call((w, b, X, Y), label=f"random w, b and X of shape ({n_x}, {m})")
    w, _, X = _problem(rng, 4, 9)
    yield Call((w, 0, X, labels(rng, 9)), label="b = 0 (an int) and X of shape (4, 9)")
    w, b, X = _problem(rng, 3, 5)
    yield Call((w, b, X, np.ones((1, 5))), label="X of shape (3, 5), every label 1")


def gradient_step(rng):
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y, VISIBLE_RATE), label="the visible test's case")
    rates = [0.5, 0.01, 1.0, 0.1, 0.05, 0.005]
    for (n_x, m), rate in zip(SHAPES, rates):
        w, b, X = _problem(rng, n_x, m)
        yield Call((w, b, X, labels(rng, m), rate), label=f"X of shape ({n_x}, {m}), learning rate {rate}")
    w, b, X = _problem(rng, 2, 4)
    yield Call(
        (w, b, X, labels(rng, 4)), dict(learning_rate=0.2), label="X of shape (2, 4), learning_rate=0.2 by keyword"
    )
