"""Transitional: the hand-written reference versions of vectorization functions that differ from the notebook's."""

import numpy as np


def center_features(X):
    """Subtract from every feature (row) of X its mean over the examples. X: (n_x, m); returns (n_x, m)."""
    return X - np.mean(X, axis=1, keepdims=True)


def gradients_vectorized(w, b, X, Y):
    """Cost and gradients of logistic regression, without loops.

    w: (n_x, 1); b: a number; X: (n_x, m); Y: (1, m).
    Returns ({"dw": (n_x, 1) array, "db": float}, cost as a float): the same values as notebook 3's
    gradients_loop.
    """
    m = X.shape[1]
    Z = w.T @ X + b  # (1, m)
    A = sigmoid(Z)  # (1, m)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y  # (1, m)
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
