"""Hidden checks for assignment 09, where the sigmoid comes from (generative classification).

Every graded function is tried on the visible test's case and on random problems of several shapes,
including a single example (m = 1), a single feature (n = 1) and, for generative_weights, a singular
covariance made regular by the ridge term, so an answer that only reproduces the visible numbers fails.
Inputs of the wrong shape must be refused with course.checks.ShapeError (the given lines of each answer
cell), and impossible values (a missing class, a prior of 0, a negative ridge) with ValueError.
"""

import numpy as np

from autograder.judge import Call
from course.checks import ShapeError

# The visible tests' cases (the notebook prints the student's values beside the reference's on these).
VISIBLE_X = np.array([[1.0, 3.0, 2.0, 6.0, 4.0], [3.0, 0.0, 1.0, 2.0, 5.0]])
VISIBLE_Y = np.array([[0, 0, 1, 1, 1]])
VISIBLE_MEANS = np.array([[0.0, 1.0], [1.0, -1.0]])
VISIBLE_COVARIANCE = np.array([[1.0, 0.5], [0.5, 2.0]])
VISIBLE_POINTS = np.array([[0.0, 1.0, -2.0], [0.0, -1.0, 1.5]])
VISIBLE_PRIOR1 = 0.4
SINGULAR = np.array([[1.0, 1.0], [1.0, 1.0]])
VISIBLE_Z = np.array([[1.0, 0.0, 1000.0], [2.0, 0.0, 1000.0], [3.0, 0.0, 998.0]])
VISIBLE_A = np.array([[0.7, 0.1, 0.2, 0.25], [0.2, 0.8, 0.3, 0.25], [0.1, 0.1, 0.5, 0.5]])
VISIBLE_ONE_HOT = np.array([[1, 0, 0, 0], [0, 1, 0, 1], [0, 0, 1, 0]])


def _labels(rng, m, num_classes):
    """Labels of m examples in which every class appears (m >= num_classes)."""
    y = np.concatenate([np.arange(num_classes), rng.integers(0, num_classes, size=m - num_classes)])
    return rng.permutation(y).reshape(1, m)


def _covariance(rng, n):
    """A random covariance that is far from singular, so that every correct way of inverting it agrees."""
    A = rng.normal(size=(n, n))
    return A @ A.T / n + 0.5 * np.eye(n)


def _one_hot(rng, K, m):
    Y = np.zeros((K, m))
    Y[rng.integers(0, K, size=m), np.arange(m)] = 1.0
    return Y


def class_means(rng):
    yield Call((VISIBLE_X, VISIBLE_Y), label="the visible test's X (2, 5) and y = [[0, 0, 1, 1, 1]]")
    yield Call((rng.normal(size=(3, 2)), np.array([[1, 0]])), label="one example in each class")
    yield Call((rng.normal(size=(1, 7)), _labels(rng, 7, 2)), label="a single feature (n = 1)")
    for n, m, K in [(2, 30, 2), (4, 9, 3), (5, 40, 4)]:
        yield Call((rng.normal(size=(n, m)), _labels(rng, m, K), K), label=f"X of shape ({n}, {m}), {K} classes")
    yield Call((rng.normal(size=(2, 6)), _labels(rng, 6, 2).astype(float)), label="labels given as floats 0.0, 1.0")
    yield Call((rng.normal(size=(2, 4)), np.array([[0, 0, 0, 0]])), raises=ValueError, label="class 1 has no example")
    yield Call(
        (rng.normal(size=(2, 4)), np.array([[0, 1, 2, 1]])), raises=ValueError, label="a label 2 with two classes"
    )
    yield Call(
        (rng.normal(size=(2, 4)), np.array([0, 1, 0, 1])), raises=ShapeError, label="y a rank-1 array of shape (4,)"
    )


def shared_covariance(rng):
    visible_means = np.array([[2.0, 4.0], [1.5, 8.0 / 3.0]])
    yield Call((VISIBLE_X, VISIBLE_Y, visible_means), label="the visible test's X, y and their class means")
    for n, m, K in [(1, 6, 2), (2, 2, 2), (3, 25, 2), (4, 12, 3)]:
        X, y = rng.normal(size=(n, m)), _labels(rng, m, K)
        means = np.stack([X[:, y[0] == k].mean(axis=1) for k in range(K)], axis=1)
        yield Call((X, y, means), label=f"X of shape ({n}, {m}), {K} classes, their class means")
    X, y = rng.normal(size=(2, 8)), _labels(rng, 8, 2)
    yield Call((X, y, rng.normal(size=(2, 2))), label="means that are not the class means (use them as given)")
    yield Call((rng.normal(size=(2, 1)), np.array([[1]]), rng.normal(size=(2, 2))), label="a single example (m = 1)")
    yield Call((X, y, rng.normal(size=(3, 2))), raises=ShapeError, label="means of shape (3, 2) for X with 2 features")
    yield Call(
        (X, y[:, :5], rng.normal(size=(2, 2))), raises=ShapeError, label="y of shape (1, 5) for X of shape (2, 8)"
    )


def posterior(rng):
    yield Call(
        (VISIBLE_POINTS, VISIBLE_MEANS, VISIBLE_COVARIANCE, VISIBLE_PRIOR1),
        label="the visible test's points, means, covariance and prior1 = 0.4",
    )
    for n, m, prior1 in [(1, 5, 0.5), (2, 1, 0.3), (3, 8, 0.7), (5, 20, 0.55)]:
        # Points near the means, so that no density is too small for a float (every correct way agrees).
        means = rng.normal(size=(n, 2))
        X = means.mean(axis=1, keepdims=True) + rng.normal(size=(n, m))
        yield Call((X, means, _covariance(rng, n), prior1), label=f"X of shape ({n}, {m}), prior1 = {prior1}")
    yield Call((VISIBLE_POINTS, VISIBLE_MEANS, VISIBLE_COVARIANCE, 0.0), raises=ValueError, label="prior1 = 0")
    yield Call(
        (VISIBLE_POINTS, VISIBLE_MEANS.T[:, :1], VISIBLE_COVARIANCE, 0.4),
        raises=ShapeError,
        label="means of shape (2, 1): only one class",
    )
    yield Call(
        (VISIBLE_POINTS, VISIBLE_MEANS, np.eye(3), 0.4),
        raises=ShapeError,
        label="a covariance of shape (3, 3) for 2 features",
    )


def generative_weights(rng):
    yield Call(
        (VISIBLE_MEANS, VISIBLE_COVARIANCE, VISIBLE_PRIOR1), label="the visible test's means, covariance, prior1 = 0.4"
    )
    yield Call(
        (VISIBLE_MEANS, SINGULAR, 0.5, 0.5),
        label="the visible test's singular covariance [[1, 1], [1, 1]] with ridge = 0.5",
    )
    for n, prior1, ridge in [(1, 0.5, 0.0), (2, 0.2, 0.0), (4, 0.6, 0.1), (6, 0.35, 0.0)]:
        yield Call(
            (rng.normal(size=(n, 2)), _covariance(rng, n), prior1),
            dict(ridge=ridge),
            label=f"{n} feature(s), prior1 = {prior1}, ridge = {ridge}",
        )
    # A singular covariance: the shared covariance of three examples in four dimensions has rank 3 or less.
    centred = rng.normal(size=(4, 3))
    yield Call(
        (rng.normal(size=(4, 2)), centred @ centred.T / 3, 0.5, 0.1),
        label="a singular covariance (rank 3 in 4 dimensions), ridge = 0.1",
    )
    yield Call((rng.normal(size=(3, 2)), np.zeros((3, 3)), 0.5, 1.0), label="a covariance of zeros, ridge = 1.0")
    yield Call((VISIBLE_MEANS, VISIBLE_COVARIANCE, 1.0), raises=ValueError, label="prior1 = 1")
    yield Call((VISIBLE_MEANS, VISIBLE_COVARIANCE, 0.5, -0.1), raises=ValueError, label="ridge = -0.1")
    yield Call((VISIBLE_MEANS, np.eye(3), 0.5), raises=ShapeError, label="a covariance of shape (3, 3) for 2 features")


def softmax(rng):
    yield Call((VISIBLE_Z,), label="the visible test's Z, with a column of scores near 1000")
    yield Call((rng.normal(size=(3, 1)),), label="a single example (m = 1)")
    yield Call((rng.normal(size=(1, 4)),), label="a single class (K = 1): every probability is 1")
    for K, m, scale in [(2, 5, 1.0), (4, 10, 5.0), (10, 3, 1.0)]:
        yield Call((scale * rng.normal(size=(K, m)),), label=f"Z of shape ({K}, {m})")
    yield Call((rng.normal(size=(3, 4)) - 800.0,), label="every score near -800 (exp of each is 0 as a float)")
    yield Call((rng.normal(size=(3, 4)) + 800.0,), label="every score near 800 (exp of each overflows)")
    yield Call((rng.normal(size=5),), raises=ShapeError, label="Z a rank-1 array of shape (5,)")


def cross_entropy_multiclass(rng):
    yield Call((VISIBLE_A, VISIBLE_ONE_HOT), label="the visible test's A (3, 4) and Y one-hot")
    for K, m in [(3, 1), (2, 6), (5, 20)]:
        A = rng.dirichlet(np.ones(K), size=m).T
        yield Call((A, _one_hot(rng, K, m)), label=f"A and Y of shape ({K}, {m})")
    A = rng.dirichlet(np.ones(3), size=4).T
    yield Call((A, _one_hot(rng, 3, 4).astype(int)), label="Y of integers")
    yield Call((A, _one_hot(rng, 3, 4)[:, :3]), raises=ShapeError, label="Y of shape (3, 3) for A of shape (3, 4)")
    yield Call((A[:, 0], _one_hot(rng, 3, 1)[:, 0]), raises=ShapeError, label="A and Y rank-1 arrays of shape (3,)")
