"""Sample submissions for assignment 07, deep networks.

7a samples submit deep_network_step_by_step.ipynb, 7b samples deep_network_application.ipynb; the other
notebook of the assignment is submitted beside each as the instructor's solution (7b imports from 7a).
"""

from autograder.samples import Sample

STEP = "deep_network_step_by_step"
APP = "deep_network_application"

STEP_TESTS = {
    "test_initialize_parameters_deep",
    "test_linear_forward",
    "test_linear_activation_forward",
    "test_L_model_forward",
    "test_compute_cost",
    "test_linear_backward",
    "test_linear_activation_backward",
    "test_L_model_backward",
    "test_update_parameters",
}
APP_TESTS = {"test_two_layer_model", "test_L_layer_model"}

WRONG_ORDER = '''
def L_model_forward(X, parameters):
    """Sigmoid in the hidden layers and ReLU at the output: the activations in the wrong order."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "sigmoid")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "relu")
    caches.append(cache)
    return AL, caches
'''

MISSING_CACHE = '''
def L_model_forward(X, parameters):
    """Right values, but the output layer's cache is never kept: L - 1 caches."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    return AL, caches
'''

TRANSPOSED_INIT = '''
def initialize_parameters_deep(layer_dims):
    """W[l] drawn with shape (n[l-1], n[l]): the transpose of the convention."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
'''

TRANSPOSED_FORWARD = '''
def linear_forward(A, W, b):
    """Consistent with the transposed initialization: Z = W^T A + b."""
    Z = W.T @ A + b
    return Z, (A, W, b)
'''

SILENT_ACTIVATION = '''
def linear_activation_forward(A_prev, W, b, activation):
    """No error for an unknown activation: it falls through to an undefined A."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = relu(Z)
    elif activation == "sigmoid":
        A = sigmoid(Z)
    return A, (linear_cache, Z)
'''

IN_PLACE_UPDATE = '''
def update_parameters(parameters, grads, learning_rate):
    """Right values, but the caller's arrays are changed in place."""
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
'''

LOOPS_BACKWARD = '''
def linear_backward(dZ, cache):
    """The same gradients, one example at a time."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        dz = dZ[:, i:i + 1]
        dW += dz @ A_prev[:, i:i + 1].T
        db += dz
        dA_prev[:, i:i + 1] = W.T @ dz
    return dA_prev, dW / m, db / m
'''

LOOPS_COST = '''
def compute_cost(AL, Y):
    """The same cost, summed example by example."""
    total = 0.0
    for a, y in zip(AL[0], Y[0]):
        total += -(y * np.log(a) + (1 - y) * np.log(1 - a))
    return float(total / Y.shape[1])
'''

LOOPS_UPDATE = '''
def update_parameters(parameters, grads, learning_rate):
    """The same step, written as a dict comprehension over the keys."""
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
'''

SAMPLES = [
    Sample("correct", "every answer of 7a right", notebook=STEP),
    Sample(
        "loops",
        "7a in another style: loops over the examples, a comprehension for the update",
        notebook=STEP,
        answers={"linear_backward": LOOPS_BACKWARD, "compute_cost": LOOPS_COST, "update_parameters": LOOPS_UPDATE},
    ),
    Sample(
        "wrong_activation_order",
        "L_model_forward uses sigmoid in the hidden layers and ReLU at the output",
        notebook=STEP,
        answers={"L_model_forward": WRONG_ORDER},
        zero={"test_L_model_forward"},
    ),
    Sample(
        "missing_cache",
        "L_model_forward keeps L - 1 caches (the output layer's is lost)",
        notebook=STEP,
        answers={"L_model_forward": MISSING_CACHE},
        zero={"test_L_model_forward"},
    ),
    Sample(
        "transposed_weight",
        "W[l] of shape (n[l-1], n[l]) and Z = W^T A + b: a transposed convention",
        notebook=STEP,
        answers={"initialize_parameters_deep": TRANSPOSED_INIT, "linear_forward": TRANSPOSED_FORWARD},
        zero={
            "test_initialize_parameters_deep",
            "test_linear_forward",
            "test_linear_activation_forward",
            "test_L_model_forward",
        },
    ),
    Sample(
        "careless",
        "an unknown activation raises UnboundLocalError, not ValueError; update_parameters changes "
        "the parameters it is given",
        notebook=STEP,
        answers={"linear_activation_forward": SILENT_ACTIVATION, "update_parameters": IN_PLACE_UPDATE},
        zero={"test_linear_activation_forward", "test_update_parameters"},
    ),
    Sample("step_as_released", "7a's answer cells left as handed out", notebook=STEP, base="release", zero=STEP_TESTS),
]

TWO_LAYER_AS_L = '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """A two-layer network is an L-layer network with L = 2: the whole-network steps, a while loop."""
    parameters = initialize_parameters_deep(list(layers_dims))
    costs = []
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("cost after iteration", i, cost)
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        i += 1
    return parameters, costs
'''

SMALL_START = '''
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Started from the 0.01 * randn of 7a instead of the scaled initialization."""
    parameters = initialize_parameters_deep(list(layers_dims))
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
'''

EVERY_ITERATION = '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Right training, but the cost is recorded at every iteration, not every 100."""
    parameters = initialize_parameters_deep(list(layers_dims))
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        costs.append(compute_cost(A2, Y))
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
    return parameters, costs
'''

SAMPLES += [
    Sample("app_correct", "every answer of 7b right (7a's solution beside it)", notebook=APP),
    Sample(
        "app_other_style",
        "7b in another style: two_layer_model as the L-layer loop with L = 2, a while loop",
        notebook=APP,
        answers={"two_layer_model": TWO_LAYER_AS_L},
    ),
    Sample(
        "app_small_start",
        "L_layer_model starts from 0.01 * randn, not randn / sqrt(n[l-1])",
        notebook=APP,
        answers={"L_layer_model": SMALL_START},
        zero={"test_L_layer_model"},
    ),
    Sample(
        "app_every_iteration",
        "two_layer_model records the cost at every iteration",
        notebook=APP,
        answers={"two_layer_model": EVERY_ITERATION},
        zero={"test_two_layer_model"},
    ),
    Sample("app_as_released", "7b's answer cells left as handed out", notebook=APP, base="release", zero=APP_TESTS),
]
