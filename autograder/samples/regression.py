"""Sample submissions for assignment 08, regression, overfitting and regularization.

``gradient_descent`` calls the student's ``compute_cost`` and ``compute_gradients``, so a mistake in
either costs it too. Three attacks of ``attacks.py`` are tried here as well, with wrong answers of
this notebook, to show that they earn nothing on a notebook other than the one they were written for.
"""

from autograder.samples import Sample, attacks

ALL_TESTS = {
    "test_train_validation_split",
    "test_polynomial_features",
    "test_compute_cost",
    "test_compute_gradients",
    "test_gradient_descent",
}

# Correct answers in other styles: a list of powers, np.mean and np.dot, a loop over the examples,
# np.take for the split.
STACKED_FEATURES = """
def polynomial_features(x, degree):
    check_shape("x", x, (1, "m"))
    if not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree should be a whole number of 1 or more, got {degree!r}")
    return np.vstack([x ** k for k in range(1, degree + 1)])
"""
MEAN_COST = """
def compute_cost(w, b, X, y, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    y_hat = np.dot(w.T, X) + b
    return float(np.mean((y_hat - y) ** 2) / 2 + lambd / (2 * m) * np.dot(w.T, w).item())
"""
LOOP_GRADIENTS = """
def compute_gradients(w, b, X, y, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    n, m = X.shape
    dw = np.zeros((n, 1))
    db = 0.0
    for i in range(m):
        r = float(w[:, 0] @ X[:, i]) + b - y[0, i]
        dw[:, 0] += r * X[:, i]
        db += r
    return {"dw": dw / m + lambd * w / m, "db": float(db / m)}
"""
TAKE_SPLIT = """
def train_validation_split(X, y, num_validation, seed=0):
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    if not 1 <= num_validation <= m - 1:
        raise ValueError(f"num_validation should be from 1 to m - 1 = {m - 1}, got {num_validation}")
    generator = np.random.default_rng(seed)
    order = generator.permutation(m)
    pick = lambda A, columns: np.take(A, columns, axis=1)
    return pick(X, order[num_validation:]), pick(y, order[num_validation:]), pick(X, order[:num_validation]), pick(y, order[:num_validation])
"""

# The penalty also on the bias: lambd * b^2 in the cost and lambd / m * b in db.
BIAS_PENALISED_COST = """
def compute_cost(w, b, X, y, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    r = w.T @ X + b - y
    return float((np.sum(r ** 2) + lambd * (np.sum(w ** 2) + b ** 2)) / (2 * m))
"""
BIAS_PENALISED_GRADIENTS = """
def compute_gradients(w, b, X, y, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    r = w.T @ X + b - y
    return {"dw": X @ r.T / m + lambd / m * w, "db": float(np.sum(r) / m + lambd / m * b)}
"""

# Gradients summed, not averaged: right only when m = 1.
SUMMED_GRADIENTS = """
def compute_gradients(w, b, X, y, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    r = w.T @ X + b - y
    return {"dw": X @ r.T + lambd * w, "db": float(np.sum(r))}
"""

# A step up the cost instead of down.
WRONG_SIGN = """
def gradient_descent(w, b, X, y, learning_rate, num_iterations, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    costs = []
    for _ in range(num_iterations):
        costs.append(compute_cost(w, b, X, y, lambd))
        grads = compute_gradients(w, b, X, y, lambd)
        w = w + learning_rate * grads["dw"]
        b = b + learning_rate * grads["db"]
    return w, float(b), costs
"""

# Updates the caller's w in place: the numbers are right, the input is not kept.
IN_PLACE = """
def gradient_descent(w, b, X, y, learning_rate, num_iterations, lambd=0.0):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("y", y, (1, X.shape[1]))
    costs = []
    for _ in range(num_iterations):
        costs.append(compute_cost(w, b, X, y, lambd))
        grads = compute_gradients(w, b, X, y, lambd)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
    return w, float(b), costs
"""

# Powers 0 to degree - 1: a row of ones that the bias already plays, and the highest power missing.
POWERS_FROM_ZERO = """
def polynomial_features(x, degree):
    check_shape("x", x, (1, "m"))
    if not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree should be a whole number of 1 or more, got {degree!r}")
    return x ** np.arange(degree).reshape(-1, 1)
"""

# The last examples as the validation set, without shuffling.
UNSHUFFLED_SPLIT = """
def train_validation_split(X, y, num_validation, seed=0):
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    m = X.shape[1]
    if not 1 <= num_validation <= m - 1:
        raise ValueError(f"num_validation should be from 1 to m - 1 = {m - 1}, got {num_validation}")
    k = m - num_validation
    return X[:, :k], y[:, :k], X[:, k:], y[:, k:]
"""

# The given shape checks deleted: a w of the wrong shape then fails inside numpy, or not at all.
NO_SHAPE_CHECKS = """
def compute_cost(w, b, X, y, lambd=0.0):
    m = X.shape[1]
    r = w.T @ X + b - y
    return float((np.sum(r ** 2) + lambd * np.sum(w ** 2)) / (2 * m))
"""

# Wrong answers of the right shapes and types, for the attacks.
WRONG = {
    "train_validation_split": (
        "def train_validation_split(X, y, num_validation, seed=0):\n"
        "    return X[:, num_validation:], y[:, num_validation:], X[:, :num_validation], "
        "y[:, :num_validation]\n"
    ),
    "polynomial_features": "def polynomial_features(x, degree):\n    return np.zeros((degree, x.shape[1]))\n",
    "compute_cost": "def compute_cost(w, b, X, y, lambd=0.0):\n    return 0.0\n",
    "compute_gradients": (
        "def compute_gradients(w, b, X, y, lambd=0.0):\n    return {'dw': np.zeros_like(w, dtype=float), 'db': 0.0}\n"
    ),
    "gradient_descent": (
        "def gradient_descent(w, b, X, y, learning_rate, num_iterations, lambd=0.0):\n"
        "    return np.array(w, dtype=float), float(b), [0.0] * num_iterations\n"
    ),
}

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "other_styles",
        "correct answers in other styles: np.vstack of powers, np.mean and np.dot, a loop over the examples, np.take",
        answers={
            "polynomial_features": STACKED_FEATURES,
            "compute_cost": MEAN_COST,
            "compute_gradients": LOOP_GRADIENTS,
            "train_validation_split": TAKE_SPLIT,
        },
    ),
    Sample(
        "bias_penalised",
        "the L2 penalty also on the bias b, in the cost and in db; gradient_descent, which calls them, fails too",
        answers={"compute_cost": BIAS_PENALISED_COST, "compute_gradients": BIAS_PENALISED_GRADIENTS},
        zero={"test_compute_cost", "test_compute_gradients", "test_gradient_descent"},
    ),
    Sample(
        "gradients_not_averaged",
        "dw and db summed over the examples, no 1/m (right only when m = 1)",
        answers={"compute_gradients": SUMMED_GRADIENTS},
        zero={"test_compute_gradients", "test_gradient_descent"},
        reason="times too large",
    ),
    Sample(
        "wrong_sign",
        "gradient descent steps up the cost (w + alpha dw)",
        answers={"gradient_descent": WRONG_SIGN},
        zero={"test_gradient_descent"},
    ),
    Sample(
        "in_place",
        "gradient descent updates the caller's w in place (w -= ...): right numbers, changed input",
        answers={"gradient_descent": IN_PLACE},
        zero={"test_gradient_descent"},
        reason="modified the arrays",
    ),
    Sample(
        "powers_from_zero",
        "polynomial_features makes the powers 0 to d - 1 instead of 1 to d",
        answers={"polynomial_features": POWERS_FROM_ZERO},
        zero={"test_polynomial_features"},
    ),
    Sample(
        "unshuffled_split",
        "the last examples as the validation set, without shuffling",
        answers={"train_validation_split": UNSHUFFLED_SPLIT},
        zero={"test_train_validation_split"},
    ),
    Sample(
        "shape_checks_deleted",
        "compute_cost without the given shape checks: right numbers, but a w of the "
        "wrong shape is not refused with ShapeError",
        answers={"compute_cost": NO_SHAPE_CHECKS},
        zero={"test_compute_cost"},
        reason="should raise ShapeError",
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
SAMPLES += attacks.reused_attacks(
    "regression",
    WRONG,
    ALL_TESTS,
    ("compute_cost", "compute_gradients", "gradient_descent"),
    into="polynomial_features",
)
