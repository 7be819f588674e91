"""Sample submissions for assignment 09, where the sigmoid comes from (generative classification).

Each graded function is independent of the others (none calls another), so a mistake costs one test
cell. Three attacks of ``attacks.py`` are tried here as well, with wrong answers of this notebook, to show
that they earn nothing on a notebook other than the one they were written for.
"""

from autograder.samples import Sample, attacks

ALL_TESTS = {
    "test_class_means",
    "test_shared_covariance",
    "test_posterior",
    "test_generative_weights",
    "test_softmax",
    "test_cross_entropy_multiclass",
}

GIVEN_MEANS_CHECKS = """
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    counts = np.array([np.sum(y == k) for k in range(num_classes)])
    if counts.sum() != y.shape[1]:
        raise ValueError(f"y should hold only the labels 0 to {num_classes - 1}, got {np.unique(y)}")
    if counts.min() == 0:
        raise ValueError(f"every class needs at least one example, but class {int(np.argmin(counts))} has none")
"""
GIVEN_COVARIANCE_CHECKS = """
    check_shape("X", X, ("n", "m"))
    check_shape("y", y, (1, X.shape[1]))
    check_shape("means", means, (X.shape[0], "K"))
    if not np.all(np.isin(y, np.arange(means.shape[1]))):
        raise ValueError(f"y should hold only the labels 0 to {means.shape[1] - 1}, got {np.unique(y)}")
"""
GIVEN_POSTERIOR_CHECKS = """
    check_shape("X", X, ("n", "m"))
    check_shape("means", means, (X.shape[0], 2))
    check_shape("covariance", covariance, (X.shape[0], X.shape[0]))
    if not 0 < prior1 < 1:
        raise ValueError(f"prior1 should be a probability between 0 and 1 (not included), got {prior1!r}")
"""
GIVEN_WEIGHTS_CHECKS = """
    check_shape("means", means, ("n", 2))
    check_shape("covariance", covariance, (means.shape[0], means.shape[0]))
    if not 0 < prior1 < 1:
        raise ValueError(f"prior1 should be a probability between 0 and 1 (not included), got {prior1!r}")
    if not ridge >= 0:
        raise ValueError(f"ridge should be a number of 0 or more, got {ridge!r}")
"""

# Correct answers in other styles: one-hot counts and a product, a loop over the examples, the log-odds
# through a sigmoid, the inverse matrix, softmax by a loop over columns, the cost picked by the labels.
ONE_HOT_MEANS = (
    "def class_means(X, y, num_classes=2):"
    + GIVEN_MEANS_CHECKS
    + """
    one_hot = (np.arange(num_classes).reshape(-1, 1) == y).astype(float)  # (K, m)
    return X @ one_hot.T / one_hot.sum(axis=1)
"""
)
LOOP_COVARIANCE = (
    "def shared_covariance(X, y, means):"
    + GIVEN_COVARIANCE_CHECKS
    + """
    n, m = X.shape
    total = np.zeros((n, n))
    for i in range(m):
        d = X[:, i] - means[:, int(y[0, i])]
        total += np.outer(d, d)
    return total / m
"""
)
LOG_ODDS_POSTERIOR = (
    "def posterior(X, means, covariance, prior1):"
    + GIVEN_POSTERIOR_CHECKS
    + """
    inverse = np.linalg.inv(covariance)
    d0, d1 = X - means[:, 0:1], X - means[:, 1:2]
    z = -0.5 * np.einsum("im,ij,jm->m", d1, inverse, d1) + 0.5 * np.einsum("im,ij,jm->m", d0, inverse, d0)
    z = z + np.log(prior1) - np.log(1 - prior1)
    return (1 / (1 + np.exp(-z))).reshape(1, -1)
"""
)
INVERSE_WEIGHTS = (
    "def generative_weights(means, covariance, prior1, ridge=0.0):"
    + GIVEN_WEIGHTS_CHECKS
    + """
    inverse = np.linalg.inv(covariance + ridge * np.identity(len(means)))
    mu0, mu1 = means[:, 0:1], means[:, 1:2]
    w = inverse @ (mu1 - mu0)
    b = -0.5 * (mu1.T @ inverse @ mu1).item() + 0.5 * (mu0.T @ inverse @ mu0).item() + np.log(prior1 / (1 - prior1))
    return w, float(b)
"""
)
LOOP_SOFTMAX = """
def softmax(Z):
    check_shape("Z", Z, ("K", "m"))
    A = np.empty(Z.shape)
    for i in range(Z.shape[1]):
        e = np.exp(Z[:, i] - Z[:, i].max())
        A[:, i] = e / e.sum()
    return A
"""
PICKED_CROSS_ENTROPY = """
def cross_entropy_multiclass(A, Y):
    check_shape("A", A, ("K", "m"))
    check_shape("Y", Y, A.shape)
    return float(-np.mean(np.log(np.sum(A * Y, axis=0))))
"""

# The covariance divided by m - 1, as np.cov does: not the maximum-likelihood estimate.
UNBIASED_COVARIANCE = (
    "def shared_covariance(X, y, means):"
    + GIVEN_COVARIANCE_CHECKS
    + """
    centred = X - means[:, y[0].astype(int)]
    return centred @ centred.T / (X.shape[1] - 1)
"""
)
# Every example minus the mean of all examples, instead of the mean of its own class.
GLOBAL_MEAN_COVARIANCE = (
    "def shared_covariance(X, y, means):"
    + GIVEN_COVARIANCE_CHECKS
    + """
    centred = X - X.mean(axis=1, keepdims=True)
    return centred @ centred.T / X.shape[1]
"""
)
# The ridge term forgotten: right on a regular covariance, but a singular one cannot be solved.
NO_RIDGE = (
    "def generative_weights(means, covariance, prior1, ridge=0.0):"
    + GIVEN_WEIGHTS_CHECKS
    + """
    mu0, mu1 = means[:, [0]], means[:, [1]]
    w = np.linalg.solve(covariance, mu1 - mu0)
    b = -0.5 * np.sum(mu1 * np.linalg.solve(covariance, mu1)) + 0.5 * np.sum(mu0 * np.linalg.solve(covariance, mu0))
    return w, float(b + np.log(prior1 / (1 - prior1)))
"""
)
# The prior forgotten in b (as if both classes were equally common).
NO_PRIOR = (
    "def generative_weights(means, covariance, prior1, ridge=0.0):"
    + GIVEN_WEIGHTS_CHECKS
    + """
    mu0, mu1 = means[:, [0]], means[:, [1]]
    S = covariance + ridge * np.eye(means.shape[0])
    w = np.linalg.solve(S, mu1 - mu0)
    return w, float(-0.5 * np.sum(mu1 * np.linalg.solve(S, mu1)) + 0.5 * np.sum(mu0 * np.linalg.solve(S, mu0)))
"""
)
# Bayes' rule without the priors: p(x | C1) / (p(x | C0) + p(x | C1)).
POSTERIOR_WITHOUT_PRIORS = (
    "def posterior(X, means, covariance, prior1):"
    + GIVEN_POSTERIOR_CHECKS
    + """
    dens = []
    for k in (0, 1):
        d = X - means[:, [k]]
        dens.append(np.exp(-0.5 * np.sum(d * np.linalg.solve(covariance, d), axis=0, keepdims=True)))
    return dens[1] / (dens[0] + dens[1])
"""
)
# exp of the scores as they are: right for small scores, nan when a score is near 1000.
UNSTABLE_SOFTMAX = """
def softmax(Z):
    check_shape("Z", Z, ("K", "m"))
    E = np.exp(Z)
    return E / np.sum(E, axis=0, keepdims=True)
"""
# The sum over the wrong axis: each row adds up to 1 instead of each column.
ROW_SOFTMAX = """
def softmax(Z):
    check_shape("Z", Z, ("K", "m"))
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)
"""
# The cost summed over the examples, not averaged: right only when m = 1.
SUMMED_CROSS_ENTROPY = """
def cross_entropy_multiclass(A, Y):
    check_shape("A", A, ("K", "m"))
    check_shape("Y", Y, A.shape)
    return float(-np.sum(Y * np.log(A)))
"""
# The given shape checks deleted: a Y of another shape is then broadcast, or fails inside numpy.
NO_SHAPE_CHECKS = """
def cross_entropy_multiclass(A, Y):
    return float(-np.sum(Y * np.log(A)) / A.shape[1])
"""

# Wrong answers of the right shapes and types, for the attacks.
WRONG = {
    "class_means": "def class_means(X, y, num_classes=2):\n    return np.zeros((X.shape[0], num_classes))\n",
    "shared_covariance": "def shared_covariance(X, y, means):\n    return np.eye(X.shape[0])\n",
    "posterior": "def posterior(X, means, covariance, prior1):\n    return np.full((1, X.shape[1]), 0.5)\n",
    "generative_weights": (
        "def generative_weights(means, covariance, prior1, ridge=0.0):\n    return np.zeros((means.shape[0], 1)), 0.0\n"
    ),
    "softmax": "def softmax(Z):\n    return np.full(Z.shape, 1.0 / Z.shape[0])\n",
    "cross_entropy_multiclass": "def cross_entropy_multiclass(A, Y):\n    return 0.0\n",
}

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "other_styles",
        "correct answers in other styles: one-hot counts, a loop over the examples, the log-odds "
        "through a sigmoid, np.linalg.inv, softmax column by column, the cost picked by the labels",
        answers={
            "class_means": ONE_HOT_MEANS,
            "shared_covariance": LOOP_COVARIANCE,
            "posterior": LOG_ODDS_POSTERIOR,
            "generative_weights": INVERSE_WEIGHTS,
            "softmax": LOOP_SOFTMAX,
            "cross_entropy_multiclass": PICKED_CROSS_ENTROPY,
        },
    ),
    Sample(
        "covariance_over_m_minus_1",
        "the shared covariance divided by m - 1 (as np.cov), not by m",
        answers={"shared_covariance": UNBIASED_COVARIANCE},
        zero={"test_shared_covariance"},
    ),
    Sample(
        "covariance_around_global_mean",
        "each example minus the mean of all examples, not of its own class",
        answers={"shared_covariance": GLOBAL_MEAN_COVARIANCE},
        zero={"test_shared_covariance"},
    ),
    Sample(
        "no_ridge",
        "generative_weights ignores the ridge term: a singular covariance cannot be solved",
        answers={"generative_weights": NO_RIDGE},
        zero={"test_generative_weights"},
    ),
    Sample(
        "no_prior",
        "the log of the priors' ratio left out of b",
        answers={"generative_weights": NO_PRIOR},
        zero={"test_generative_weights"},
    ),
    Sample(
        "posterior_without_priors",
        "Bayes' rule without the priors P(C0) and P(C1)",
        answers={"posterior": POSTERIOR_WITHOUT_PRIORS},
        zero={"test_posterior"},
    ),
    Sample(
        "unstable_softmax",
        "softmax without subtracting the largest score: nan for scores near 1000",
        answers={"softmax": UNSTABLE_SOFTMAX},
        zero={"test_softmax"},
    ),
    Sample(
        "softmax_over_rows",
        "softmax normalised along the rows instead of the columns",
        answers={"softmax": ROW_SOFTMAX},
        zero={"test_softmax"},
    ),
    Sample(
        "cross_entropy_not_averaged",
        "the cross-entropy summed over the examples, no 1/m",
        answers={"cross_entropy_multiclass": SUMMED_CROSS_ENTROPY},
        zero={"test_cross_entropy_multiclass"},
        reason="times too large",
    ),
    Sample(
        "shape_checks_deleted",
        "cross_entropy_multiclass without the given shape checks: right numbers, but a Y "
        "of another shape is not refused with ShapeError",
        answers={"cross_entropy_multiclass": NO_SHAPE_CHECKS},
        zero={"test_cross_entropy_multiclass"},
        reason="should raise ShapeError",
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
SAMPLES += attacks.reused_attacks(
    "generative_classification", WRONG, ALL_TESTS, ("posterior", "generative_weights", "softmax")
)
