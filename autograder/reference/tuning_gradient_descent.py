"""Reference solutions for assignment 10, tuning gradient descent: the notebook's solution cells, word
for word (given shape checks included).

Conventions: examples are columns, so data X has shape (n, m) and labels Y shape (1, m); the weights w
are a column (n, 1) and the bias b a Python float. ``propagate`` (logistic regression's cost and
gradients) comes from course.logistic, as in the notebook's set-up cell.
"""

import numpy as np

from course.checks import ShapeError, check_shape
from course.logistic import propagate


def standardize(X_train, X_test):
    """Scale every feature (row) to mean 0 and standard deviation 1 on the training set.

    X_train: training data, shape (n, m_train), one example per column.
    X_test: test data, shape (n, m_test).
    Returns: (X_train_scaled, X_test_scaled, mean, std): both data sets shifted by the mean and divided by
             the standard deviation of the training set; mean and std have shape (n, 1). Where a feature
             is constant on the training set, its std is 1.
    """
    check_shape("X_train", X_train, ("n", "m_train"))
    check_shape("X_test", X_test, (X_train.shape[0], "m_test"))
    mean = np.mean(X_train, axis=1, keepdims=True)
    std = np.std(X_train, axis=1, keepdims=True)
    std = np.where(std > 0, std, 1.0)
    X_train_scaled = (X_train - mean) / std
    X_test_scaled = (X_test - mean) / std
    return X_train_scaled, X_test_scaled, mean, std

def adagrad_update(param, grad, squared_sum, learning_rate, epsilon=1e-8):
    """One Adagrad step for one parameter.

    param: the parameter now, a numpy array of any shape, or a number.
    grad: its gradient now, of the same shape.
    squared_sum: the sum of the squares of its earlier gradients, of the same shape (zeros at the start).
    learning_rate: alpha, a positive number.
    epsilon: a small number that prevents a division by zero.
    Returns: (new_param, new_squared_sum), where new_squared_sum = squared_sum + grad ** 2 and
             new_param = param - learning_rate * grad / (sqrt(new_squared_sum) + epsilon).
    """
    if np.shape(grad) != np.shape(param) or np.shape(squared_sum) != np.shape(param):
        raise ShapeError(f"param, grad and squared_sum should have one shape, got {np.shape(param)}, "
                         f"{np.shape(grad)} and {np.shape(squared_sum)}")
    new_squared_sum = squared_sum + grad ** 2
    new_param = param - learning_rate * grad / (np.sqrt(new_squared_sum) + epsilon)
    return new_param, new_squared_sum

def random_mini_batches(X, Y, mini_batch_size, seed=0):
    """Shuffle the examples (columns) and cut them into mini-batches.

    X: data, shape (n, m), one example per column.
    Y: labels, shape (1, m).
    mini_batch_size: the number of examples in each batch, a whole number of 1 or more.
    seed: the seed of the random order, for np.random.default_rng(seed).permutation(m).
    Returns: a list of (X_batch, Y_batch) pairs, of shapes (n, mini_batch_size) and (1, mini_batch_size),
             except the last pair, which is smaller when m is not a multiple of mini_batch_size.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("Y", Y, (1, X.shape[1]))
    if not isinstance(mini_batch_size, (int, np.integer)) or mini_batch_size < 1:
        raise ValueError(f"mini_batch_size should be a whole number of 1 or more, got {mini_batch_size!r}")
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    mini_batches = []
    for start in range(0, m, mini_batch_size):
        mini_batches.append((X_shuffled[:, start:start + mini_batch_size], Y_shuffled[:, start:start + mini_batch_size]))
    return mini_batches

def minibatch_gradient_descent(w, b, X, Y, learning_rate, num_epochs, mini_batch_size, seed=0, adagrad=False):
    """Train logistic regression with one step per mini-batch, leaving the arrays passed in unchanged.

    w: starting weights, shape (n, 1).
    b: starting bias, a number.
    X: data, shape (n, m), one example per column.
    Y: labels 0 or 1, shape (1, m).
    learning_rate: alpha.
    num_epochs: the number of passes over the data.
    mini_batch_size: the number of examples in each batch (1: stochastic, m: batch gradient descent).
    seed: epoch e uses random_mini_batches(X, Y, mini_batch_size, seed + e).
    adagrad: if True, Adagrad steps (adagrad_update) for w and for b instead of plain steps.
    Returns: (w, b, costs): the final w (n, 1) and b (a float), and costs, a list of num_epochs + 1 floats:
             the cost on all of X and Y before the first epoch and after each epoch.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("w", w, (X.shape[0], 1))
    check_shape("Y", Y, (1, X.shape[1]))
    w = np.array(w, dtype=float)  # a copy: the caller's array stays as it was
    b = float(b)
    w_squared_sum, b_squared_sum = np.zeros_like(w), 0.0
    costs = [propagate(w, b, X, Y)[1]]
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):
            grads, _ = propagate(w, b, X_batch, Y_batch)
            if adagrad:
                w, w_squared_sum = adagrad_update(w, grads["dw"], w_squared_sum, learning_rate)
                b, b_squared_sum = adagrad_update(b, grads["db"], b_squared_sum, learning_rate)
            else:
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
        costs.append(propagate(w, b, X, Y)[1])
    return w, float(b), costs
