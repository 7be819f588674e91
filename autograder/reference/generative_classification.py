"""Reference solutions for assignment 09, where the sigmoid comes from (generative classification).

Conventions: examples are columns, so inputs X have shape (n, m) and labels y shape (1, m) with the whole
numbers 0, ..., K - 1; the class means are the columns of an array (n, K); a covariance is (n, n). For
more than two classes, scores Z and probabilities A have shape (K, m), one column per example.
"""

import numpy as np

from course.checks import check_shape


def class_means(X, y, num_classes=2):
    """The mean of the examples of each class, as the columns of an array (n, num_classes).

    X: (n, m); y: (1, m), labels 0 to num_classes - 1, every class with at least one example.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    counts = np.array([np.sum(y == k) for k in range(num_classes)])
    if counts.sum() != y.shape[1]:
        raise ValueError(f"y should hold only the labels 0 to {num_classes - 1}, got {np.unique(y)}")
    if counts.min() == 0:
        raise ValueError(f"every class needs at least one example, but class {int(np.argmin(counts))} has none")
    means = np.zeros((X.shape[0], num_classes))
    for k in range(num_classes):
        means[:, k] = np.mean(X[:, y[0] == k], axis=1)
    return means


def shared_covariance(X, y, means):
    """The maximum-likelihood covariance shared by all classes, (n, n):
    (1/m) * sum over the examples i of (x_i - mu_{y_i}) (x_i - mu_{y_i})^T.

    X: (n, m); y: (1, m), labels 0 to K - 1; means: (n, K), the class means.
    """
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    check_shape("means", means, (X.shape[0], "K"))
    if not np.all(np.isin(y, np.arange(means.shape[1]))):
        raise ValueError(f"y should hold only the labels 0 to {means.shape[1] - 1}, got {np.unique(y)}")
    centred = X - means[:, y[0].astype(int)]  # each example minus the mean of its own class
    covariance = centred @ centred.T / X.shape[1]
    return covariance


def posterior(X, means, covariance, prior1):
    """P(C1 | x) for every example by Bayes' rule, with a Gaussian density for each of the two classes.

    X: (n, m); means: (n, 2), the means of class 0 and class 1; covariance: (n, n), shared;
    prior1: P(C1), a number between 0 and 1 (not included). Returns an array (1, m).
    """
    check_shape("X", X, ("n", "m"))
    check_shape("means", means, (X.shape[0], 2))
    check_shape("covariance", covariance, (X.shape[0], X.shape[0]))
    if not 0 < prior1 < 1:
        raise ValueError(f"prior1 should be a probability between 0 and 1 (not included), got {prior1!r}")
    n = X.shape[0]
    normaliser = 1 / np.sqrt((2 * np.pi) ** n * np.linalg.det(covariance))
    densities = []
    for k in (0, 1):
        centred = X - means[:, [k]]
        squared_distance = np.sum(centred * np.linalg.solve(covariance, centred), axis=0, keepdims=True)
        densities.append(normaliser * np.exp(-squared_distance / 2))
    joint0 = densities[0] * (1 - prior1)
    joint1 = densities[1] * prior1
    probability = joint1 / (joint0 + joint1)
    return probability


def generative_weights(means, covariance, prior1, ridge=0.0):
    """w and b such that P(C1 | x) = sigmoid(w^T x + b) for two Gaussian classes with a shared covariance.

    means: (n, 2); covariance: (n, n); prior1: P(C1), strictly between 0 and 1; ridge: a number of 0 or
    more added to the diagonal of the covariance, so that a singular covariance can be inverted.
    Returns (w, b): w = S^-1 (mu1 - mu0), shape (n, 1), and
    b = -1/2 mu1^T S^-1 mu1 + 1/2 mu0^T S^-1 mu0 + ln(prior1 / (1 - prior1)), a float, with S = covariance + ridge I.
    """
    check_shape("means", means, ("n", 2))
    check_shape("covariance", covariance, (means.shape[0], means.shape[0]))
    if not 0 < prior1 < 1:
        raise ValueError(f"prior1 should be a probability between 0 and 1 (not included), got {prior1!r}")
    if not ridge >= 0:
        raise ValueError(f"ridge should be a number of 0 or more, got {ridge!r}")
    mu0, mu1 = means[:, [0]], means[:, [1]]
    regular = covariance + ridge * np.eye(means.shape[0])
    w = np.linalg.solve(regular, mu1 - mu0)
    b = float(-0.5 * np.sum(mu1 * np.linalg.solve(regular, mu1)) + 0.5 * np.sum(mu0 * np.linalg.solve(regular, mu0))
              + np.log(prior1 / (1 - prior1)))
    return w, b


def softmax(Z):
    """The softmax of every column of Z (K, m): exp(Z) divided by the sum of its column, an array (K, m).

    The largest score of each column is subtracted first: the result is the same, and exp cannot overflow.
    """
    check_shape("Z", Z, ("K", "m"))
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    exps = np.exp(shifted)
    probabilities = exps / np.sum(exps, axis=0, keepdims=True)
    return probabilities


def cross_entropy_multiclass(A, Y):
    """The mean cross-entropy -(1/m) * sum of Y * log(A), a float.

    A: (K, m), the predicted probabilities (every entry above 0); Y: (K, m), the labels one-hot.
    """
    check_shape("A", A, ("K", "m"))
    check_shape("Y", Y, A.shape)
    m = A.shape[1]
    cost = float(-np.sum(Y * np.log(A)) / m)
    return cost
