"""Reference solutions for assignment 03, derivatives and the computation graph."""

import numpy as np

# The functions a numerical derivative may be asked about, by name (the same dict as the notebook's set-up).
FUNCTIONS = {
    "triple": lambda a: 3 * a,
    "square": lambda a: a ** 2,
    "cube": lambda a: a ** 3,
    "log": np.log,
    "exp": np.exp,
    "sin": np.sin,
}


def sigmoid(z):
    """The logistic function, elementwise (given in the notebook's set-up cell)."""
    return 1.0 / (1.0 + np.exp(-z))


def forward_difference(f_name, a, h):
    """One-sided slope (f(a + h) - f(a)) / h of FUNCTIONS[f_name]; a and h numbers or arrays that broadcast."""
    f = FUNCTIONS[f_name]
    return (f(a + h) - f(a)) / h


def centred_difference(f_name, a, h):
    """Centred slope (f(a + h) - f(a - h)) / (2 h) of FUNCTIONS[f_name]; a and h numbers or arrays."""
    f = FUNCTIONS[f_name]
    return (f(a + h) - f(a - h)) / (2 * h)


def forward_J(a, b, c):
    """J = 3 (a + b c) step by step: returns (J, cache) with cache = {"a", "b", "c", "u", "v"}."""
    u = b * c
    v = a + u
    J = 3 * v
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v}


def backward_J(cache):
    """dJ/d(each variable) of J = 3 (a + b c), right to left: {"dv", "du", "da", "db", "dc"}."""
    dv = 3
    du = dv * 1
    da = dv * 1
    db = du * cache["c"]
    dc = du * cache["b"]
    return {"dv": dv, "du": du, "da": da, "db": db, "dc": dc}


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
