"""Reference solutions for assignment 08, regression, overfitting and regularization.

Conventions: examples are columns, so inputs X have shape (n, m) and targets y shape (1, m); the weights w
are a column (n, 1) and the bias b a Python float. The prediction is y_hat = w^T X + b. The cost is half
the mean squared error, plus the L2 penalty lambd / (2 m) * sum(w ** 2), which leaves b alone.
"""

import numpy as np

from course.checks import check_shape


def polynomial_features(x, degree):
    """The powers x, x^2, ..., x^degree of a row of inputs x (1, m), as the rows of an array (degree, m)."""
    check_shape("x", x, (1, "m"))
    if not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree should be a whole number of 1 or more, got {degree!r}")
    powers = np.arange(1, degree + 1).reshape(-1, 1)  # (degree, 1)
    return x ** powers  # broadcasts to (degree, m)


def compute_cost(w, b, X, y, lambd=0.0):
    """J = (sum of (w^T X + b - y)^2 + lambd * sum of w^2) / (2 m), a float.

    w: (n, 1); b: a number; X: (n, m); y: (1, m); lambd: the strength of the L2 penalty (0: none).
    """
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    residual = w.T @ X + b - y  # (1, m)
    return float((np.sum(residual ** 2) + lambd * np.sum(w ** 2)) / (2 * m))


def compute_gradients(w, b, X, y, lambd=0.0):
    """The gradients of compute_cost: {"dw": (1/m) X (y_hat - y)^T + (lambd/m) w, of shape (n, 1),
    "db": (1/m) sum(y_hat - y), a float}."""
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    residual = w.T @ X + b - y  # (1, m)
    dw = X @ residual.T / m + lambd / m * w
    db = float(np.sum(residual) / m)
    return {"dw": dw, "db": db}


def gradient_descent(w, b, X, y, learning_rate, num_iterations, lambd=0.0):
    """num_iterations steps of gradient descent on compute_cost, leaving the arrays passed in unchanged.

    Returns (w, b, costs): the final w (n, 1) and b (a float), and costs, a list of floats: the cost
    (with its penalty) before each step, so costs[0] is the cost at the starting point.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    w = np.array(w, dtype=float)  # a copy: the caller's array stays as it was
    b = float(b)
    costs = []
    for _ in range(num_iterations):
        costs.append(compute_cost(w, b, X, y, lambd))
        grads = compute_gradients(w, b, X, y, lambd)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return w, b, costs


def train_validation_split(X, y, num_validation, seed=0):
    """Shuffle the m examples (columns) with np.random.default_rng(seed).permutation(m); the first
    num_validation shuffled examples are the validation set, the rest the training set.

    X: (n, m); y: (1, m); 1 <= num_validation <= m - 1.
    Returns (X_train, y_train, X_val, y_val) of shapes (n, m - num_validation), (1, m - num_validation),
    (n, num_validation), (1, num_validation).
    """
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    if not 1 <= num_validation <= m - 1:
        raise ValueError(f"num_validation should be from 1 to m - 1 = {m - 1}, so that both sets get examples, "
                         f"got {num_validation}")
    order = np.random.default_rng(seed).permutation(m)
    validation, training = order[:num_validation], order[num_validation:]
    return X[:, training], y[:, training], X[:, validation], y[:, validation]
