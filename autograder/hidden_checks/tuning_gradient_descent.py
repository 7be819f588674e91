"""Hidden checks for assignment 10, tuning gradient descent.

Every graded function is tried on the visible test's case and on random problems of several shapes,
including a single example (m = 1), a single feature (n = 1), a constant feature (standard deviation 0),
a zero gradient (where only epsilon prevents 0 / 0), a batch size larger than m and a multiple of m.
Inputs of the wrong shape must be refused with course.checks.ShapeError (the given lines of each answer
cell), and an impossible batch size with ValueError.
"""

import numpy as np

from autograder.judge import Call
from course.checks import ShapeError

# The visible tests' cases (the notebook prints the student's values beside the reference's on these).
VISIBLE_X_TRAIN = np.array([[1.0, 2.0, 3.0, 6.0], [5.0, 5.0, 5.0, 5.0]])
VISIBLE_X_TEST = np.array([[0.0, 4.0], [5.0, 7.0]])
VISIBLE_PARAM = np.array([[1.0], [-2.0]])
VISIBLE_GRAD = np.array([[0.5], [-0.1]])
VISIBLE_SUM = np.array([[0.0], [0.03]])
VISIBLE_X_BATCHES = np.arange(10.0).reshape(2, 5)
VISIBLE_Y_BATCHES = np.array([[0.0, 1.0, 0.0, 1.0, 1.0]])
VISIBLE_X = np.array([[1.0, 2.0, -1.0, 0.5], [0.5, -1.5, 2.0, 1.0]])
VISIBLE_Y = np.array([[1.0, 0.0, 0.0, 1.0]])


def _features(rng, n, m):
    """Features of different means and scales, as real data has them."""
    return rng.normal(loc=rng.uniform(-5, 5, size=(n, 1)), scale=rng.uniform(0.1, 20, size=(n, 1)), size=(n, m))


def _labels(rng, m):
    return (rng.random((1, m)) < 0.5).astype(float)


def standardize(rng):
    yield Call((VISIBLE_X_TRAIN, VISIBLE_X_TEST), label="the visible test's data (its second feature is constant)")
    yield Call(
        (_features(rng, 3, 1), _features(rng, 3, 4)), label="a single training example (m_train = 1): every std is 0"
    )
    yield Call((_features(rng, 1, 7), _features(rng, 1, 3)), label="one feature (n = 1)")
    for n, m_train, m_test in [(4, 10, 1), (6, 30, 12), (20, 50, 8)]:
        yield Call(
            (_features(rng, n, m_train), _features(rng, n, m_test)),
            label=f"X_train of shape ({n}, {m_train}), X_test of shape ({n}, {m_test})",
        )
    X_train, X_test = _features(rng, 5, 9), _features(rng, 5, 3)
    X_train[2] = 1.5
    yield Call((X_train, X_test), label="X_train of shape (5, 9) whose row 2 is constant")
    yield Call((X_train, X_test[:4]), raises=ShapeError, label="X_test with 4 features for an X_train with 5")
    yield Call((X_train[0], X_test[0]), raises=ShapeError, label="X_train a rank-1 array of shape (9,)")


def adagrad_update(rng):
    yield Call(
        (VISIBLE_PARAM, VISIBLE_GRAD, VISIBLE_SUM, 0.1), label="the visible test's column of two weights, rate 0.1"
    )
    yield Call((0.5, 2.0, 0.0, 0.1), label="plain numbers: param 0.5, grad 2.0, squared_sum 0.0, rate 0.1")
    yield Call(
        (np.array([[0.3], [-0.7]]), np.zeros((2, 1)), np.zeros((2, 1)), 0.5),
        label="a zero gradient at the start (squared_sum 0): the step must be 0, not 0 / 0",
    )
    yield Call(
        (np.array([[1.0, 2.0]]), np.array([[1e-5, -3e-5]]), np.zeros((1, 2)), 0.01),
        label="tiny gradients (1e-5): epsilon is added after the square root",
    )
    for shape in [(1, 1), (5, 1), (3, 4)]:
        param, grad = rng.normal(size=shape), rng.normal(size=shape)
        squared_sum = rng.uniform(0, 3, size=shape)
        rate = float(rng.choice([0.01, 0.1, 1.0]))
        yield Call((param, grad, squared_sum, rate), label=f"arrays of shape {shape}, rate {rate:g}")
    yield Call(
        (rng.normal(size=(3, 1)), rng.normal(size=(3, 1)), rng.uniform(0, 1, size=(3, 1))),
        dict(learning_rate=0.2, epsilon=1e-4),
        label="keyword arguments, epsilon = 1e-4",
    )
    yield Call((float(rng.normal()), float(rng.normal()), float(rng.uniform(0, 2)), 0.3), label="plain random numbers")
    yield Call(
        (VISIBLE_PARAM, VISIBLE_GRAD.T, VISIBLE_SUM, 0.1),
        raises=ShapeError,
        label="grad of shape (1, 2) for a param of shape (2, 1)",
    )
    yield Call(
        (VISIBLE_PARAM, VISIBLE_GRAD, 0.0, 0.1),
        raises=ShapeError,
        label="squared_sum a plain number for a param of shape (2, 1)",
    )


def random_mini_batches(rng):
    yield Call(
        (VISIBLE_X_BATCHES, VISIBLE_Y_BATCHES, 2, 0), label="the visible test's 5 examples, batches of 2, seed 0"
    )
    yield Call((rng.normal(size=(3, 1)), _labels(rng, 1), 4, 1), label="a single example (m = 1), batches of 4")
    yield Call((rng.normal(size=(1, 6)), _labels(rng, 6), 1, 2), label="one feature, batches of 1 (stochastic)")
    for n, m, size in [(2, 8, 4), (3, 7, 10), (4, 23, 5), (5, 64, 16)]:
        seed = int(rng.integers(0, 1000))
        yield Call(
            (rng.normal(size=(n, m)), _labels(rng, m), size, seed),
            label=f"X of shape ({n}, {m}), batches of {size}, seed {seed}",
        )
    yield Call((rng.normal(size=(2, 9)), _labels(rng, 9), np.int64(4)), label="the default seed, size a numpy integer")
    yield Call((rng.normal(size=(2, 5)), _labels(rng, 5), 0, 0), raises=ValueError, label="mini_batch_size 0")
    yield Call((rng.normal(size=(2, 5)), _labels(rng, 5), 2.5, 0), raises=ValueError, label="mini_batch_size 2.5")
    yield Call(
        (rng.normal(size=(2, 5)), _labels(rng, 4), 2, 0),
        raises=ShapeError,
        label="Y of shape (1, 4) for X of shape (2, 5)",
    )


def minibatch_gradient_descent(rng):
    zeros = np.zeros((2, 1))
    yield Call(
        (zeros, 0.0, VISIBLE_X, VISIBLE_Y, 0.5, 2, 3, 0), label="the visible test's case: 2 epochs, batches of 3"
    )
    yield Call(
        (zeros, 0.0, VISIBLE_X, VISIBLE_Y, 0.5, 2, 3, 0, True), label="the visible test's case with adagrad=True"
    )
    yield Call(
        (rng.normal(size=(3, 1)), 0.2, rng.normal(size=(3, 1)), _labels(rng, 1), 0.3, 4, 1, 5),
        label="a single example (m = 1), 4 epochs of batches of 1",
    )
    cases = [
        (1, 10, 0.5, 5, 3, False),
        (4, 12, 0.1, 6, 12, False),
        (5, 30, 0.2, 4, 8, True),
        (8, 25, 0.05, 10, 1, False),
        (6, 17, 0.3, 3, 50, True),
        (3, 9, 0.0, 2, 4, False),
    ]
    for n, m, rate, epochs, size, adagrad in cases:
        X = rng.normal(size=(n, m))
        w = rng.normal(scale=0.3, size=(n, 1))
        b = float(rng.normal())
        seed = int(rng.integers(0, 1000))
        yield Call(
            (w, b, X, _labels(rng, m), rate, epochs, size, seed, adagrad),
            label=f"X of shape ({n}, {m}), {epochs} epochs of batches of {size}, rate {rate:g}, seed {seed}, "
            f"adagrad={adagrad}",
        )
    balanced = np.array([[1.0, 0.0] * 4])
    yield Call(
        (np.zeros((3, 1)), 4e-5, rng.normal(size=(3, 8)), balanced, 0.1, 3, 8, 0, True),
        label="Adagrad from w = 0, b = 4e-5 on balanced labels: the first gradient of b is tiny (1e-5)",
    )
    X = rng.normal(size=(2, 7))
    yield Call(
        (zeros, 0, X, _labels(rng, 7)),
        dict(learning_rate=0.1, num_epochs=0, mini_batch_size=2),
        label="0 epochs (only the starting cost), b = 0 given as the int 0, keyword arguments",
    )
    yield Call((zeros, 0.0, X, _labels(rng, 7), 0.1, 3, 2), label="the default seed and adagrad")
    yield Call(
        (zeros[:, 0], 0.0, X, _labels(rng, 7), 0.1, 3, 2), raises=ShapeError, label="w a rank-1 array of shape (2,)"
    )
    yield Call(
        (zeros, 0.0, X, _labels(rng, 6), 0.1, 3, 2), raises=ShapeError, label="Y of shape (1, 6) for X of shape (2, 7)"
    )
