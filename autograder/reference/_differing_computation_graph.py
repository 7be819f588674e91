"""Transitional: the hand-written reference versions of computation_graph functions that differ from the notebook's."""

import numpy as np


def forward_J(a, b, c):
    """J = 3 (a + b c) step by step: returns (J, cache) with cache = {"a", "b", "c", "u", "v"}."""
    u = b * c
    v = a + u
    J = 3 * v
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v}


def single_example_gradients(x, y, w, b):
    """Gradients of the loss of one example. x, w: (n_x, 1); y: 0 or 1; b: a number.

    Returns {"da": float, "dz": float, "dw": (n_x, 1) array, "db": float}.
    """
    z = (w.T @ x).item() + b
    a = sigmoid(z)
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    return {"da": float(da), "dz": float(dz), "dw": x * dz, "db": float(dz)}


def gradients_loop(w, b, X, Y):
    """Average gradients and cost over m examples. w: (n_x, 1); b: a number; X: (n_x, m); Y: (1, m).

    Returns ({"dw": (n_x, 1) array, "db": float}, cost as a float). (Vectorized here; same values as a loop.)
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    dZ = A - Y
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}, float(cost)
