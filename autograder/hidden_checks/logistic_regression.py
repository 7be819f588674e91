"""Hidden checks for assignment 05, logistic regression as a neural network.

Every graded function is tried on the visible test's case and on random problems of several shapes,
including a single example (m = 1) and a single feature (n_x = 1), with labels of both classes, so an
answer that only reproduces the visible numbers fails. The judge also checks types (floats where the
reference returns floats), shapes, dict keys, and that the arrays passed in are left unchanged.
"""

import numpy as np

from autograder.hidden_checks import labels
from autograder.judge import Call

# The visible tests' cases (the notebook prints the student's values beside the reference's on these).
VISIBLE_W = np.array([[0.5], [-1.0]])
VISIBLE_B = 0.25
VISIBLE_X = np.array([[1.0, 2.0, -1.0, 0.5], [0.5, -1.5, 2.0, 1.0]])
VISIBLE_Y = np.array([[1, 0, 0, 1]])

SHAPES = [(1, 1), (1, 6), (5, 1), (3, 7), (12, 40)]  # (n_x, m)
MODEL_KEYS = ("costs", "Y_prediction_train", "Y_prediction_test", "w", "b", "learning_rate", "num_iterations")


def _problem(rng, n_x, m, scale=1.0):
    w = rng.normal(scale=0.5, size=(n_x, 1))
    b = float(rng.normal())
    X = rng.normal(scale=scale, size=(n_x, m))
    return w, b, X


def _required(result):
    """model() may return more keys than these; compare only the ones the assignment asks for."""
    return {key: result[key] for key in MODEL_KEYS}


def sigmoid(rng):
    yield Call((0.0,), label="z = 0.0 (a Python float)")
    yield Call((np.array([0.0, 2.0]),), label="z = [0, 2]")
    for shape in [(1, 1), (4,), (3, 5)]:
        yield Call((rng.normal(scale=4, size=shape),), label=f"z of shape {shape}")


def initialize_with_zeros(rng):
    for dim in [1, 2, 7, int(rng.integers(20, 100)), 12288]:
        yield Call((dim,), label=f"dim = {dim}")


def propagate(rng):
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y), label="the visible test's w, b, X, Y")
    for index, (n_x, m) in enumerate(SHAPES):
        w, b, X = _problem(rng, n_x, m)
        Y = labels(rng, m, dtype=int if index % 2 else float)
        yield Call((w, b, X, Y), label=f"random w, b and X of shape ({n_x}, {m})")
    w, b, X = _problem(rng, 4, 9, scale=0.1)
    yield Call((w, 0.0, X, labels(rng, 9)), label="b = 0.0 and X of shape (4, 9)")
    w, b, X = _problem(rng, 3, 5)
    yield Call((w, b, X, np.ones((1, 5))), label="X of shape (3, 5), every label 1")


def optimize(rng):
    yield Call(
        (VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y),
        dict(num_iterations=101, learning_rate=0.1, print_cost=False),
        label="the visible test's case, 101 iterations, learning rate 0.1",
    )
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X, VISIBLE_Y), label="the visible case with the default arguments")
    cases = [
        ((1, 1), 1, 0.5),
        ((1, 6), 100, 0.3),
        ((5, 1), 250, 0.05),
        ((3, 7), 1, 0.2),
        ((4, 12), 250, 0.1),
        ((12, 40), 100, 0.01),
    ]
    for (n_x, m), iterations, rate in cases:
        w, b, X = _problem(rng, n_x, m)
        Y = labels(rng, m)
        yield Call(
            (w, b, X, Y),
            dict(num_iterations=iterations, learning_rate=rate, print_cost=False),
            label=f"X of shape ({n_x}, {m}), {iterations} iteration(s), learning rate {rate}",
        )
    w, b, X = _problem(rng, 2, 5)
    yield Call((w, b, X, labels(rng, 5), 300, 0.05), label="X of shape (2, 5), 300 iterations, positional arguments")


def predict(rng):
    yield Call((VISIBLE_W, VISIBLE_B, VISIBLE_X), label="the visible test's w, b, X")
    for n_x, m in SHAPES:
        w, b, X = _problem(rng, n_x, m)
        yield Call((w, b, X), label=f"random w, b and X of shape ({n_x}, {m})")
    yield Call((np.zeros((3, 1)), -1.0, rng.normal(size=(3, 4))), label="w = 0 and b = -1 (every prediction 0)")


def model(rng):
    cases = [(1, 1, 3, 1, 0.5), (3, 8, 5, 150, 0.1), (6, 20, 1, 250, 0.05), (4, 30, 10, 100, 0.5)]
    for n_x, m_train, m_test, iterations, rate in cases:
        true_w = rng.normal(size=(n_x, 1))
        X_train, X_test = rng.normal(size=(n_x, m_train)), rng.normal(size=(n_x, m_test))
        Y_train = (true_w.T @ X_train + 0.5 * rng.normal(size=(1, m_train)) > 0).astype(int)
        Y_test = (true_w.T @ X_test > 0).astype(int)
        yield Call(
            (X_train, Y_train, X_test, Y_test),
            dict(num_iterations=iterations, learning_rate=rate, print_cost=False),
            label=f"{m_train} training and {m_test} test examples with {n_x} feature(s), "
            f"{iterations} iteration(s), learning rate {rate}",
            select=_required,
        )
