"""Logistic regression's cost and gradients, given ready-made to the notebooks that come after notebook 5.

Notebook 5 asks the student to write ``propagate``; later notebooks (10, tuning gradient descent) need
the same computation without depending on the student's copy, because the grader runs their graded
functions with only the set-up cell. Their set-up imports it as ``propagate``; it has another name here,
because a solution is written only in its notebook (tests/test_one_source.py), and this one is computed
in another way. The cost is computed with ``np.logaddexp``, so that a step that
is far too large gives a large cost instead of ``log(0)``: the learning-rate curves of notebook 10
need to show it.
"""

from __future__ import annotations

import numpy as np

from course.checks import as_float, check_shape


def _sigmoid(z):
    """The logistic function 1 / (1 + e^-z), elementwise, written so that e^-z never overflows."""
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_cost_and_gradients(w, b, X, Y):
    """The cross-entropy cost of logistic regression and its gradients, as in notebook 5.

    w: weights (n, 1); b: bias, a number; X: data (n, m), one example per column; Y: labels 0 or 1 (1, m).
    Returns (grads, cost): grads = {"dw": (n, 1) array, "db": float}, cost a float.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("Y", Y, (1, X.shape[1]))
    m = X.shape[1]
    Z = w.T @ X + as_float(b, "b")  # (1, m)
    # -[y log a + (1 - y) log(1 - a)] with a = sigmoid(z) equals log(1 + e^z) - y z, which never overflows
    cost = float(np.sum(np.logaddexp(0.0, Z) - Y * Z) / m)
    dZ = _sigmoid(Z) - Y
    grads = {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}
    return grads, cost
