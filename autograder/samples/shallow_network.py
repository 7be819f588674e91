"""Sample submissions for assignment 06, a network with one hidden layer.

``nn_model`` and ``predict`` call the student's own helpers, so a broken helper costs them too: each
sample lists every test cell that must then earn nothing.
"""

from autograder.samples import Sample

ALL_TESTS = {
    "test_layer_sizes",
    "test_initialize_parameters",
    "test_forward_propagation",
    "test_compute_cost",
    "test_backward_propagation",
    "test_update_parameters",
    "test_nn_model",
    "test_predict",
}

LOOPS_COST = """
def compute_cost(A2, Y):
    total = 0.0
    for a, y in zip(A2[0], Y[0]):
        total -= np.log(a) if y == 1 else np.log(1 - a)
    return float(total / Y.shape[1])
"""

LOOPS_BACKWARD = """
def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    m = X.shape[1]
    grads = {"dW1": np.zeros(parameters["W1"].shape), "db1": np.zeros(parameters["b1"].shape),
             "dW2": np.zeros(W2.shape), "db2": np.zeros(parameters["b2"].shape)}
    for i in range(m):  # one example at a time, then average
        x, a1, a2, y = X[:, [i]], A1[:, [i]], A2[:, [i]], Y[:, [i]]
        dz2 = a2 - y
        dz1 = np.dot(W2.T, dz2) * (1 - np.power(a1, 2))
        grads["dW2"] += np.dot(dz2, a1.T) / m
        grads["db2"] += dz2 / m
        grads["dW1"] += np.dot(dz1, x.T) / m
        grads["db1"] += dz1 / m
    return grads
"""

LOOPS_UPDATE = """
import copy

def update_parameters(parameters, grads, learning_rate=1.2):
    new = copy.deepcopy(parameters)
    for name in new:
        new[name] -= learning_rate * grads["d" + name]
    return new
"""

BOOL_PREDICT = """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2 > 0.5
"""

FORWARD = """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = {hidden}
    Z2 = np.dot(W2, A1) + b2
    A2 = {output}
    {ret}
"""

SIGMOID = "1 / (1 + np.exp(-{}))"
CORRECT_RETURN = 'return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}'

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "loops",
        "correct answers in another style: loops over the examples, a deep copy updated in place, "
        "predictions as booleans (True/False count as 1/0)",
        answers={
            "compute_cost": LOOPS_COST,
            "backward_propagation": LOOPS_BACKWARD,
            "update_parameters": LOOPS_UPDATE,
            "predict": BOOL_PREDICT,
        },
    ),
    Sample(
        "wrong_activation_order",
        "sigmoid in the hidden layer and tanh at the output",
        answers={
            "forward_propagation": FORWARD.format(hidden=SIGMOID.format("Z1"), output="np.tanh(Z2)", ret=CORRECT_RETURN)
        },
        zero={"test_forward_propagation", "test_nn_model", "test_predict"},
    ),
    Sample(
        "missing_cache",
        "forward_propagation returns A2 alone, without the cache",
        answers={
            "forward_propagation": FORWARD.format(hidden="np.tanh(Z1)", output=SIGMOID.format("Z2"), ret="return A2")
        },
        zero={"test_forward_propagation", "test_nn_model", "test_predict"},
    ),
    Sample(
        "incomplete_cache",
        "the cache keeps A1 and A2 but not Z1 and Z2 (the rest still trains: "
        "backward_propagation only needs A1 and A2)",
        answers={
            "forward_propagation": FORWARD.format(
                hidden="np.tanh(Z1)", output=SIGMOID.format("Z2"), ret='return A2, {"A1": A1, "A2": A2}'
            )
        },
        zero={"test_forward_propagation"},
    ),
    Sample(
        "transposed_weight",
        "W1 initialized with shape (n_x, n_h) instead of (n_h, n_x)",
        answers={
            "initialize_parameters": (
                "def initialize_parameters(n_x, n_h, n_y):\n"
                "    np.random.seed(2)\n"
                "    W1 = np.random.randn(n_x, n_h) * 0.01\n"
                "    b1 = np.zeros((n_h, 1))\n"
                "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
                "    b2 = np.zeros((n_y, 1))\n"
                "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"
            )
        },
        zero={"test_initialize_parameters", "test_nn_model"},
    ),
    Sample(
        "transposed_gradient",
        "dW2 computed as A1 dZ2^T, shape (n_h, 1): the update then broadcasts W2 "
        "into an (n_h, n_h) matrix without any error",
        answers={
            "backward_propagation": (
                "def backward_propagation(parameters, cache, X, Y):\n"
                "    m = X.shape[1]\n"
                "    A1, A2 = cache['A1'], cache['A2']\n"
                "    dZ2 = A2 - Y\n"
                "    dW2 = np.dot(A1, dZ2.T) / m\n"
                "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
                "    dZ1 = np.dot(parameters['W2'].T, dZ2) * (1 - A1 ** 2)\n"
                "    dW1 = np.dot(dZ1, X.T) / m\n"
                "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
                "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"
            )
        },
        zero={"test_backward_propagation", "test_nn_model"},
    ),
    Sample(
        "in_place_update",
        "update_parameters subtracts in place (-=), changing the caller's arrays",
        answers={
            "update_parameters": (
                "def update_parameters(parameters, grads, learning_rate=1.2):\n"
                "    for name in ['W1', 'b1', 'W2', 'b2']:\n"
                "        parameters[name] -= learning_rate * grads['d' + name]\n"
                "    return parameters\n"
            )
        },
        zero={"test_update_parameters"},
    ),
    Sample(
        "hard_coded_n_h",
        "nn_model takes n_h from layer_sizes (always 4) and ignores its argument: the "
        "visible test with n_h = 3 fails, as do the hidden checks",
        answers={
            "nn_model": (
                "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n"
                "    n_x, n_h, n_y = layer_sizes(X, Y)\n"
                "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
                "    for i in range(num_iterations):\n"
                "        A2, cache = forward_propagation(X, parameters)\n"
                "        grads = backward_propagation(parameters, cache, X, Y)\n"
                "        parameters = update_parameters(parameters, grads)\n"
                "    return parameters\n"
            )
        },
        zero={"test_nn_model"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
