"""Hidden checks for assignment 08, regression, overfitting and regularization.

Every graded function is tried on the visible test's case and on random problems of several shapes,
including a single example (m = 1) and a single feature (n = 1), with and without the L2 penalty, so an
answer that only reproduces the visible numbers fails. Inputs of the wrong shape must be refused with
course.checks.ShapeError (the given lines of each answer cell), and impossible sizes with ValueError.
"""

import numpy as np

from autograder.judge import Call
from course.checks import ShapeError

# The visible tests' cases (the notebook prints the student's values beside the reference's on these).
VISIBLE_X = np.array([[1.0, 2.0, -1.0, 0.5], [0.5, -1.5, 2.0, 1.0]])
VISIBLE_Y = np.array([[1.5, -0.5, 2.0, 0.0]])
VISIBLE_W = np.array([[0.5], [-1.0]])
VISIBLE_B = 0.25
VISIBLE_LAMBD = 0.5
VISIBLE_ROW = np.array([[-1.0, 0.5, 2.0]])

SHAPES = [(1, 1), (1, 6), (5, 1), (3, 7), (12, 40)]  # (n, m)
LAMBDS = [0.0, 0.1, 0.5, 3.0, 0.0]


def _problem(rng, n, m):
    w = rng.normal(scale=0.5, size=(n, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n, m))
    y = rng.normal(size=(1, m))
    return w, b, X, y


def _stable_rate(X, lambd):
    """A learning rate that makes gradient descent contract on this problem (1 / the largest curvature), so
    that every correct order of additions ends at the same numbers."""
    m = X.shape[1]
    A = np.vstack([X, np.ones((1, m))])
    return float(1.0 / (np.linalg.eigvalsh(A @ A.T / m).max() + lambd / m))


def polynomial_features(rng):
    yield Call((VISIBLE_ROW, 3), label="the visible test's x = [[-1, 0.5, 2]] and degree 3")
    yield Call((np.array([[0.7]]), 4), label="a single example (m = 1), degree 4")
    yield Call((rng.uniform(-1, 1, size=(1, 5)), 1), label="degree 1 (the features are x itself)")
    for degree, m in [(2, 8), (5, 3), (6, 12)]:
        yield Call((rng.uniform(-3, 3, size=(1, m)), degree), label=f"x of shape (1, {m}), degree {degree}")
    yield Call((rng.uniform(-1, 1, size=(1, 4)), np.int64(3)), label="degree given as a numpy integer")
    yield Call((rng.normal(size=4), 2), raises=ShapeError, label="x a rank-1 array of shape (4,)")
    yield Call((rng.normal(size=(2, 4)), 2), raises=ShapeError, label="x of shape (2, 4), two rows")
    yield Call((rng.normal(size=(1, 4)), 0), raises=ValueError, label="degree 0")


def _cost_or_gradient_calls(rng):
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y), label="the visible test's w, b, X, y, no penalty")
    yield Call(
        (VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y, VISIBLE_LAMBD),
        label=f"the visible test's w, b, X, y and lambd = {VISIBLE_LAMBD}",
    )
    for (n, m), lambd in zip(SHAPES, LAMBDS):
        w, b, X, y = _problem(rng, n, m)
        yield Call((w, b, X, y), dict(lambd=lambd), label=f"random w, b, X of shape ({n}, {m}), lambd = {lambd}")
    w, b, X, y = _problem(rng, 2, 5)
    yield Call((w, 0, X, y, 1.0), label="b = 0 given as the int 0, lambd = 1.0 as the fifth argument")
    w, b, X, y = _problem(rng, 3, 6)
    yield Call((w.T, b, X, y), raises=ShapeError, label="w of shape (1, 3), a row instead of a column")
    yield Call((w, b, X, y[:, :5]), raises=ShapeError, label="y of shape (1, 5) for X of shape (3, 6)")
    yield Call((w[:, 0], b, X, y), raises=ShapeError, label="w a rank-1 array of shape (3,)")


def compute_cost(rng):
    yield from _cost_or_gradient_calls(rng)


def compute_gradients(rng):
    yield from _cost_or_gradient_calls(rng)


def gradient_descent(rng):
    yield Call(
        (np.zeros((2, 1)), 0.0, VISIBLE_X, VISIBLE_Y, 0.1, 3, VISIBLE_LAMBD),
        label="the visible test's case: 3 steps of 0.1 from zeros, lambd = 0.5",
    )
    cases = [
        ((1, 1), 1, 0.0),
        ((1, 6), 200, 0.0),
        ((5, 1), 50, 0.3),
        ((3, 7), 100, 1.0),
        ((12, 40), 300, 0.5),
        ((4, 9), 150, 0.0),
    ]
    for (n, m), iterations, lambd in cases:
        w, b, X, y = _problem(rng, n, m)
        rate = round(_stable_rate(X, lambd), 4)
        yield Call(
            (w, b, X, y, rate, iterations),
            dict(lambd=lambd),
            label=f"X of shape ({n}, {m}), {iterations} step(s) of {rate}, lambd = {lambd}",
        )
    w, b, X, y = _problem(rng, 2, 5)
    yield Call(
        (w, b, X, y),
        dict(learning_rate=0.05, num_iterations=20),
        label="X of shape (2, 5), 20 steps of 0.05, keyword arguments, no penalty",
    )
    yield Call((w[:, 0], b, X, y, 0.1, 5), raises=ShapeError, label="w a rank-1 array of shape (2,)")


def train_validation_split(rng):
    yield Call(
        (np.arange(12.0).reshape(2, 6), np.arange(6.0).reshape(1, 6), 2, 0),
        label="the visible test's X = arange(12) as (2, 6), 2 validation examples, seed 0",
    )
    yield Call((rng.normal(size=(1, 2)), rng.normal(size=(1, 2)), 1, 3), label="m = 2: one example for each set")
    for n, m, num_validation in [(1, 10, 3), (3, 7, 6), (4, 40, 20)]:
        seed = int(rng.integers(0, 1000))
        yield Call(
            (rng.normal(size=(n, m)), rng.normal(size=(1, m)), num_validation, seed),
            label=f"X of shape ({n}, {m}), {num_validation} validation example(s), seed {seed}",
        )
    yield Call((rng.normal(size=(1, 9)), rng.normal(size=(1, 9)), 4), label="the default seed")
    yield Call(
        (rng.normal(size=(2, 5)), rng.normal(size=(1, 5)), 5, 0),
        raises=ValueError,
        label="num_validation = m (no training example left)",
    )
    yield Call((rng.normal(size=(2, 5)), rng.normal(size=(1, 5)), 0, 0), raises=ValueError, label="num_validation = 0")
    yield Call(
        (rng.normal(size=(1, 1)), rng.normal(size=(1, 1)), 1, 0),
        raises=ValueError,
        label="m = 1: too few examples to split",
    )
    yield Call(
        (rng.normal(size=(2, 5)), rng.normal(size=(1, 4)), 2, 0),
        raises=ShapeError,
        label="y of shape (1, 4) for X of shape (2, 5)",
    )
