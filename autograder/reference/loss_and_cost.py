"""Reference solutions for assignment 02, loss and cost."""

import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + e^-z), elementwise; a number for a number, an array for an array."""
    return 1.0 / (1.0 + np.exp(-z))


def loss(a, y):
    """Cross-entropy loss of one prediction a = P(y=1 | x) in (0, 1) against the label y in {0, 1}."""
    return float(-(y * np.log(a) + (1 - y) * np.log(1 - a)))


def compute_cost(A, Y):
    """Average cross-entropy over m examples. A, Y: arrays of shape (1, m). Returns a Python float."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
