"""Reference solutions for assignment 04, vectorization.

Conventions: examples are columns, so X has shape (n_x, m) and labels Y shape (1, m); the weights w are a
column (n_x, 1) and the bias b a Python float.
"""

import numpy as np


def sigmoid(z):
    """The logistic function, elementwise (given in the notebook's set-up cell)."""
    return 1.0 / (1.0 + np.exp(-z))


def center_features(X):
    """Subtract from every feature (row) of X its mean over the examples. X: (n_x, m); returns (n_x, m)."""
    return X - np.mean(X, axis=1, keepdims=True)  # (n_x, m) - (n_x, 1): the mean is stretched along the row


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


def gradient_step(w, b, X, Y, learning_rate):
    """One step of gradient descent, leaving w unchanged.

    w: (n_x, 1); b: a number; X: (n_x, m); Y: (1, m); learning_rate: a positive number.
    Returns (w_new of shape (n_x, 1), b_new a float, cost a float), the cost being that of (w, b), before
    the step.
    """
    grads, cost = gradients_vectorized(w, b, X, Y)
    w_new = w - learning_rate * grads["dw"]
    b_new = float(b - learning_rate * grads["db"])
    return w_new, b_new, cost
