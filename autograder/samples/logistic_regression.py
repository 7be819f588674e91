"""Sample submissions for assignment 05, logistic regression as a neural network."""

from autograder.samples import Sample

ALL_TESTS = {
    "test_sigmoid",
    "test_initialize_with_zeros",
    "test_propagate",
    "test_optimize",
    "test_predict",
    "test_model",
}

# A propagate that forgets to average db: right when m = 1 (and on nothing else). optimize and model
# call the student's propagate, so they inherit the mistake.
DB_NOT_AVERAGED = (
    "def propagate(w, b, X, Y):\n"
    "    m = X.shape[1]\n"
    "    A = sigmoid(w.T @ X + b)\n"
    "    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)\n"
    "    dw = X @ (A - Y).T / m\n"
    "    db = float(np.sum(A - Y))\n"
    "    return {'dw': dw, 'db': db}, cost\n"
)

# Gradient descent that updates the caller's w in place: the numbers are right, the input is not kept.
IN_PLACE = (
    "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
    "    costs = []\n"
    "    for i in range(num_iterations):\n"
    "        grads, cost = propagate(w, b, X, Y)\n"
    "        w -= learning_rate * grads['dw']\n"
    "        b -= learning_rate * grads['db']\n"
    "        if i % 100 == 0:\n"
    "            costs.append(cost)\n"
    "    return {'w': w, 'b': b}, grads, costs\n"
)

# The visible tests' expected values, typed in.
HARD_CODED_PROPAGATE = (
    "def propagate(w, b, X, Y):\n"
    "    return {'dw': np.array([[0.25885602], [-0.51513554]]), 'db': -0.006255003897738670}, 1.115547637994724\n"
)
HARD_CODED_OPTIMIZE = (
    "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
    "    params = {'w': np.array([[0.40692545], [0.45002802]]), 'b': -0.24311647641698184}\n"
    "    grads = {'dw': np.array([[-0.05445862], [-0.04695264]]), 'db': 0.058353268915808026}\n"
    "    return params, grads, [1.115547637994724, 0.6245272964739799]\n"
)

# Right numbers, wrong types: the cost a 0-d array and db a (1, 1) array instead of floats.
ARRAY_COST = (
    "def propagate(w, b, X, Y):\n"
    "    m = X.shape[1]\n"
    "    A = sigmoid(np.dot(w.T, X) + b)\n"
    "    cost = np.array(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)\n"
    "    dw = np.dot(X, (A - Y).T) / m\n"
    "    db = np.sum(A - Y, keepdims=True) / m\n"
    "    return {'dw': dw, 'db': db}, cost\n"
)

# A correct answer in another style: explicit loops over the examples and the features, no matrix product.
LOOPS_PROPAGATE = (
    "def propagate(w, b, X, Y):\n"
    "    n_x, m = X.shape\n"
    "    dw = np.zeros((n_x, 1))\n"
    "    db = 0.0\n"
    "    cost = 0.0\n"
    "    for i in range(m):\n"
    "        z = b\n"
    "        for j in range(n_x):\n"
    "            z += w[j, 0] * X[j, i]\n"
    "        a = 1 / (1 + np.exp(-z))\n"
    "        y = Y[0, i]\n"
    "        cost -= y * np.log(a) + (1 - y) * np.log(1 - a)\n"
    "        for j in range(n_x):\n"
    "            dw[j, 0] += X[j, i] * (a - y)\n"
    "        db += a - y\n"
    "    return {'dw': dw / m, 'db': float(db / m)}, float(cost / m)\n"
)
LOOPS_PREDICT = (
    "def predict(w, b, X):\n"
    "    m = X.shape[1]\n"
    "    Y_prediction = np.zeros((1, m))\n"
    "    A = sigmoid(np.dot(w.T, X) + b)\n"
    "    for i in range(m):\n"
    "        if A[0, i] > 0.5:\n"
    "            Y_prediction[0, i] = 1\n"
    "    return Y_prediction\n"
)
COPYING_OPTIMIZE = (
    "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
    "    w = np.copy(w)\n"
    "    costs = []\n"
    "    for i in range(num_iterations):\n"
    "        grads, cost = propagate(w, b, X, Y)\n"
    "        w -= learning_rate * grads['dw']  # in place, but on our own copy\n"
    "        b -= learning_rate * grads['db']\n"
    "        if i % 100 == 0:\n"
    "            costs.append(cost)\n"
    "            if print_cost:\n"
    "                print('Cost after iteration %i: %f' % (i, cost))\n"
    "    return {'w': w, 'b': b}, grads, costs\n"
)

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "loops",
        "correct answers in another style: loops over examples and features, np.copy then in-place "
        "updates on the copy, a loop in predict",
        answers={"propagate": LOOPS_PROPAGATE, "optimize": COPYING_OPTIMIZE, "predict": LOOPS_PREDICT},
    ),
    Sample(
        "db_not_averaged",
        "propagate forgets to divide db by m (right only for m = 1); optimize and model use it and fail too",
        answers={"propagate": DB_NOT_AVERAGED},
        zero={"test_propagate", "test_optimize", "test_model"},
    ),
    Sample(
        "optimize_in_place",
        "optimize updates the caller's w in place (w -= ...): right numbers, changed input",
        answers={"optimize": IN_PLACE},
        zero={"test_optimize"},
    ),
    Sample(
        "hard_coded",
        "propagate and optimize return the visible tests' expected values; model, which "
        "calls optimize, fails with them",
        answers={"propagate": HARD_CODED_PROPAGATE, "optimize": HARD_CODED_OPTIMIZE},
        zero={"test_propagate", "test_optimize", "test_model"},
    ),
    Sample(
        "arrays_not_floats",
        "propagate returns the cost as a 0-d array and db as a (1, 1) array: right "
        "values, wrong types; the costs list of optimize and model inherit them",
        answers={"propagate": ARRAY_COST},
        zero={"test_propagate", "test_optimize", "test_model"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
