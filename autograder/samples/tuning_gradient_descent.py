"""Sample submissions for assignment 10, tuning gradient descent.

``minibatch_gradient_descent`` calls the student's ``random_mini_batches`` and ``adagrad_update``, so a
mistake in either costs it too. Three attacks of ``attacks.py`` are tried here as well, with wrong
answers of this notebook, to show that they earn nothing on a notebook other than the one they were
written for.
"""

from autograder.samples import Sample, attacks

ALL_TESTS = {"test_standardize", "test_adagrad_update", "test_random_mini_batches", "test_minibatch_gradient_descent"}

# Correct answers in other styles: the mean and the variance written out, np.power and np.divide, a
# while loop over the batches with np.take.
WRITTEN_OUT_STANDARDIZE = """
def standardize(X_train, X_test):
    check_shape("X_train", X_train, ("n", "m_train"))
    check_shape("X_test", X_test, (X_train.shape[0], "m_test"))
    m = X_train.shape[1]
    mean = X_train.sum(axis=1).reshape(-1, 1) / m
    variance = ((X_train - mean) ** 2).sum(axis=1).reshape(-1, 1) / m
    std = np.sqrt(variance)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std, mean, std
"""
POWER_ADAGRAD = """
def adagrad_update(param, grad, squared_sum, learning_rate, epsilon=1e-8):
    if np.shape(grad) != np.shape(param) or np.shape(squared_sum) != np.shape(param):
        raise ShapeError(f"param, grad and squared_sum should have one shape, got {np.shape(param)}, "
                         f"{np.shape(grad)} and {np.shape(squared_sum)}")
    total = np.add(squared_sum, np.power(grad, 2))
    return param - np.divide(learning_rate * grad, np.sqrt(total) + epsilon), total
"""
WHILE_BATCHES = """
def random_mini_batches(X, Y, mini_batch_size, seed=0):
    check_shape("X", X, ("n", "m"))
    check_shape("Y", Y, (1, X.shape[1]))
    if not isinstance(mini_batch_size, (int, np.integer)) or mini_batch_size < 1:
        raise ValueError(f"mini_batch_size should be a whole number of 1 or more, got {mini_batch_size!r}")
    order = np.random.default_rng(seed).permutation(X.shape[1])
    batches = []
    while len(order) > 0:
        chosen, order = order[:mini_batch_size], order[mini_batch_size:]
        batches.append((np.take(X, chosen, axis=1), np.take(Y, chosen, axis=1)))
    return batches
"""

# The test set scaled with its own mean and standard deviation, not the training set's.
OWN_TEST_STATISTICS = """
def standardize(X_train, X_test):
    check_shape("X_train", X_train, ("n", "m_train"))
    check_shape("X_test", X_test, (X_train.shape[0], "m_test"))
    def scale(X):
        mean, std = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
        return (X - mean) / np.where(std > 0, std, 1.0), mean, np.where(std > 0, std, 1.0)
    X_train_scaled, mean, std = scale(X_train)
    return X_train_scaled, scale(X_test)[0], mean, std
"""

# A constant feature divided by its standard deviation 0: NaN.
DIVIDES_BY_ZERO = """
def standardize(X_train, X_test):
    check_shape("X_train", X_train, ("n", "m_train"))
    check_shape("X_test", X_test, (X_train.shape[0], "m_test"))
    mean = np.mean(X_train, axis=1, keepdims=True)
    std = np.std(X_train, axis=1, keepdims=True)
    return (X_train - mean) / std, (X_test - mean) / std, mean, std
"""

# The sum of squares of the earlier gradients only, without this step's gradient.
SUM_WITHOUT_THIS_GRADIENT = """
def adagrad_update(param, grad, squared_sum, learning_rate, epsilon=1e-8):
    if np.shape(grad) != np.shape(param) or np.shape(squared_sum) != np.shape(param):
        raise ShapeError(f"param, grad and squared_sum should have one shape, got {np.shape(param)}, "
                         f"{np.shape(grad)} and {np.shape(squared_sum)}")
    new_param = param - learning_rate * grad / (np.sqrt(squared_sum) + epsilon)
    return new_param, squared_sum + grad ** 2
"""

# epsilon inside the square root: differs when the gradients are tiny.
EPSILON_INSIDE_ROOT = """
def adagrad_update(param, grad, squared_sum, learning_rate, epsilon=1e-8):
    if np.shape(grad) != np.shape(param) or np.shape(squared_sum) != np.shape(param):
        raise ShapeError(f"param, grad and squared_sum should have one shape, got {np.shape(param)}, "
                         f"{np.shape(grad)} and {np.shape(squared_sum)}")
    new_sum = squared_sum + grad ** 2
    return param - learning_rate * grad / np.sqrt(new_sum + epsilon), new_sum
"""

# The last, smaller batch dropped.
DROPS_LAST_BATCH = """
def random_mini_batches(X, Y, mini_batch_size, seed=0):
    check_shape("X", X, ("n", "m"))
    check_shape("Y", Y, (1, X.shape[1]))
    if not isinstance(mini_batch_size, (int, np.integer)) or mini_batch_size < 1:
        raise ValueError(f"mini_batch_size should be a whole number of 1 or more, got {mini_batch_size!r}")
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k * mini_batch_size:(k + 1) * mini_batch_size], Y[:, k * mini_batch_size:(k + 1) * mini_batch_size])
            for k in range(m // mini_batch_size)]
"""

# X and Y shuffled with two different orders: the labels leave their examples.
SEPARATE_SHUFFLES = """
def random_mini_batches(X, Y, mini_batch_size, seed=0):
    check_shape("X", X, ("n", "m"))
    check_shape("Y", Y, (1, X.shape[1]))
    if not isinstance(mini_batch_size, (int, np.integer)) or mini_batch_size < 1:
        raise ValueError(f"mini_batch_size should be a whole number of 1 or more, got {mini_batch_size!r}")
    m = X.shape[1]
    generator = np.random.default_rng(seed)
    X, Y = X[:, generator.permutation(m)], Y[:, generator.permutation(m)]
    return [(X[:, s:s + mini_batch_size], Y[:, s:s + mini_batch_size]) for s in range(0, m, mini_batch_size)]
"""

# The same order in every epoch (seed instead of seed + epoch).
SAME_ORDER_EVERY_EPOCH = """
def minibatch_gradient_descent(w, b, X, Y, learning_rate, num_epochs, mini_batch_size, seed=0, adagrad=False):
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("Y", Y, (1, X.shape[1]))
    w = np.array(w, dtype=float)
    b = float(b)
    w_sum, b_sum = np.zeros_like(w), 0.0
    costs = [propagate(w, b, X, Y)[1]]
    batches = random_mini_batches(X, Y, mini_batch_size, seed)
    for epoch in range(num_epochs):
        for X_batch, Y_batch in batches:
            grads, _ = propagate(w, b, X_batch, Y_batch)
            if adagrad:
                w, w_sum = adagrad_update(w, grads["dw"], w_sum, learning_rate)
                b, b_sum = adagrad_update(b, grads["db"], b_sum, learning_rate)
            else:
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
        costs.append(propagate(w, b, X, Y)[1])
    return w, float(b), costs
"""

# Adagrad's sums start again at zero in every epoch.
SUMS_RESET_EVERY_EPOCH = SAME_ORDER_EVERY_EPOCH.replace(
    "    batches = random_mini_batches(X, Y, mini_batch_size, seed)\n    for epoch in range(num_epochs):\n"
    "        for X_batch, Y_batch in batches:\n",
    "    for epoch in range(num_epochs):\n        w_sum, b_sum = np.zeros_like(w), 0.0\n"
    "        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):\n",
)

# Wrong answers of the right shapes and types, for the attacks.
WRONG = {
    "standardize": (
        "def standardize(X_train, X_test):\n"
        "    n = X_train.shape[0]\n"
        "    return X_train * 1.0, X_test * 1.0, np.zeros((n, 1)), np.ones((n, 1))\n"
    ),
    "adagrad_update": (
        "def adagrad_update(param, grad, squared_sum, learning_rate, epsilon=1e-8):\n"
        "    return param - learning_rate * grad, squared_sum + grad ** 2\n"
    ),
    "random_mini_batches": "def random_mini_batches(X, Y, mini_batch_size, seed=0):\n    return [(X, Y)]\n",
    "minibatch_gradient_descent": (
        "def minibatch_gradient_descent(w, b, X, Y, learning_rate, num_epochs, mini_batch_size, "
        "seed=0, adagrad=False):\n"
        "    return np.array(w, dtype=float), float(b), [0.5] * (num_epochs + 1)\n"
    ),
}

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "other_styles",
        "correct answers in other styles: the mean and variance written out, np.power and "
        "np.divide, a while loop with np.take",
        answers={
            "standardize": WRITTEN_OUT_STANDARDIZE,
            "adagrad_update": POWER_ADAGRAD,
            "random_mini_batches": WHILE_BATCHES,
        },
    ),
    Sample(
        "own_test_statistics",
        "the test set scaled with its own mean and standard deviation",
        answers={"standardize": OWN_TEST_STATISTICS},
        zero={"test_standardize"},
    ),
    Sample(
        "divides_by_zero",
        "a constant feature divided by its standard deviation 0 (NaN)",
        answers={"standardize": DIVIDES_BY_ZERO},
        zero={"test_standardize"},
    ),
    Sample(
        "sum_without_this_gradient",
        "Adagrad divides by the sum of the earlier squared gradients only; "
        "minibatch_gradient_descent, which calls it, fails too",
        answers={"adagrad_update": SUM_WITHOUT_THIS_GRADIENT},
        zero={"test_adagrad_update", "test_minibatch_gradient_descent"},
    ),
    Sample(
        "epsilon_inside_root",
        "epsilon added inside the square root (wrong for tiny gradients); "
        "minibatch_gradient_descent, which calls it, fails too",
        answers={"adagrad_update": EPSILON_INSIDE_ROOT},
        zero={"test_adagrad_update", "test_minibatch_gradient_descent"},
    ),
    Sample(
        "drops_last_batch",
        "the last, smaller batch dropped; minibatch_gradient_descent fails too",
        answers={"random_mini_batches": DROPS_LAST_BATCH},
        zero={"test_random_mini_batches", "test_minibatch_gradient_descent"},
    ),
    Sample(
        "separate_shuffles",
        "X and Y shuffled in two different orders; minibatch_gradient_descent fails too",
        answers={"random_mini_batches": SEPARATE_SHUFFLES},
        zero={"test_random_mini_batches", "test_minibatch_gradient_descent"},
    ),
    Sample(
        "same_order_every_epoch",
        "the batches cut once, with seed, and reused in every epoch",
        answers={"minibatch_gradient_descent": SAME_ORDER_EVERY_EPOCH},
        zero={"test_minibatch_gradient_descent"},
    ),
    Sample(
        "sums_reset_every_epoch",
        "Adagrad's sums of squares start again at zero in every epoch",
        answers={"minibatch_gradient_descent": SUMS_RESET_EVERY_EPOCH},
        zero={"test_minibatch_gradient_descent"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
SAMPLES += attacks.reused_attacks(
    "tuning_gradient_descent", WRONG, ALL_TESTS, ("standardize", "adagrad_update", "minibatch_gradient_descent")
)
