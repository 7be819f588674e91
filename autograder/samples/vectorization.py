"""Sample submissions for assignment 04, vectorization.

``gradient_step`` calls the student's own ``gradients_vectorized``, so a broken gradient costs the step too.
"""

from autograder.samples import Sample

ALL_TESTS = {"test_center_features", "test_gradients_vectorized", "test_gradient_step"}

# A correct answer in another style: loops over the features and the examples, and an update on a copy.
LOOPS_CENTER = """
def center_features(X):
    n_x, m = X.shape
    result = np.empty((n_x, m))
    for j in range(n_x):
        mean = sum(X[j, i] for i in range(m)) / m
        for i in range(m):
            result[j, i] = X[j, i] - mean
    return result
"""

LOOPS_GRADIENTS = """
def gradients_vectorized(w, b, X, Y):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1))
    db, cost = 0.0, 0.0
    for i in range(m):
        x = X[:, i:i + 1]
        a = sigmoid(float(np.dot(w[:, 0], x[:, 0])) + b)
        y = Y[0, i]
        cost -= y * np.log(a) + (1 - y) * np.log(1 - a)
        dw += x * (a - y)
        db += a - y
    return {"dw": dw / m, "db": float(db / m)}, float(cost / m)
"""

COPY_STEP = """
def gradient_step(w, b, X, Y, learning_rate):
    w = np.copy(w)
    grads, cost = gradients_vectorized(w, b, X, Y)
    w -= learning_rate * grads["dw"]  # in place, but on our own copy
    b -= learning_rate * grads["db"]
    return w, b, cost
"""

# The mean without keepdims: a rank-1 (n_x,) array, broadcast along the wrong axis (or not at all).
RANK1_MEAN = """
def center_features(X):
    return X - np.mean(X, axis=1)
"""

# The mean over the examples' axis swapped: means of the columns instead of the rows.
WRONG_AXIS = """
def center_features(X):
    return X - X.mean(axis=0, keepdims=True)
"""

# dw and db not divided by m: sums instead of averages, right only when m = 1.
NO_DIVIDE = """
def gradients_vectorized(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T), "db": float(np.sum(dZ))}, cost
"""

# db left as a (1, 1) array from a sum with keepdims: right values, wrong type (and b_new inherits it).
DB_ARRAY = """
def gradients_vectorized(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m, "db": np.sum(dZ, axis=1, keepdims=True) / m}, cost
"""

# dw as a rank-1 array: X @ dZ[0] has shape (n_x,) instead of (n_x, 1).
RANK1_DW = """
def gradients_vectorized(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y
    return {"dw": X @ dZ[0] / m, "db": float(np.sum(dZ) / m)}, cost
"""

# The update written into the caller's w: right numbers, changed input.
IN_PLACE_STEP = """
def gradient_step(w, b, X, Y, learning_rate):
    grads, cost = gradients_vectorized(w, b, X, Y)
    w -= learning_rate * grads["dw"]
    b = b - learning_rate * grads["db"]
    return w, b, cost
"""

# The visible test's expected values typed in.
HARD_CODED_GRADIENTS = """
def gradients_vectorized(w, b, X, Y):
    return {"dw": np.array([[-0.4194817892758627], [-0.18610978246295196]]), "db": -0.10306912420579116}, 0.44653899537014646
"""

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "loops",
        "correct answers in another style: loops over features and examples, and np.copy then an "
        "in-place update on the copy",
        answers={"center_features": LOOPS_CENTER, "gradients_vectorized": LOOPS_GRADIENTS, "gradient_step": COPY_STEP},
    ),
    Sample(
        "rank1_mean",
        "center_features subtracts a mean of shape (n_x,) (no keepdims): it broadcasts along the "
        "wrong axis or not at all",
        answers={"center_features": RANK1_MEAN},
        zero={"test_center_features"},
    ),
    Sample(
        "wrong_axis",
        "center_features subtracts the mean of each example (axis 0) instead of each feature",
        answers={"center_features": WRONG_AXIS},
        zero={"test_center_features"},
    ),
    Sample(
        "no_divide_by_m",
        "gradients_vectorized forgets to divide dw and db by m; gradient_step uses it",
        answers={"gradients_vectorized": NO_DIVIDE},
        zero={"test_gradients_vectorized", "test_gradient_step"},
    ),
    Sample(
        "db_array",
        "db is left as a (1, 1) array: right value, wrong type; b_new of gradient_step inherits it",
        answers={"gradients_vectorized": DB_ARRAY},
        zero={"test_gradients_vectorized", "test_gradient_step"},
        reason="should be a number",
    ),
    Sample(
        "rank1_dw",
        "dw is a rank-1 array of shape (n_x,) instead of a column (n_x, 1)",
        answers={"gradients_vectorized": RANK1_DW},
        zero={"test_gradients_vectorized", "test_gradient_step"},
    ),
    Sample(
        "step_in_place",
        "gradient_step updates the caller's w in place (w -= ...): right numbers, changed input",
        answers={"gradient_step": IN_PLACE_STEP},
        zero={"test_gradient_step"},
        reason="modified the arrays it was given",
    ),
    Sample(
        "hard_coded",
        "gradients_vectorized returns the visible test's expected values; gradient_step uses them",
        answers={"gradients_vectorized": HARD_CODED_GRADIENTS},
        zero={"test_gradients_vectorized", "test_gradient_step"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
