"""Sample submissions for assignment 03, derivatives and the computation graph."""

from autograder.samples import Sample

ALL_TESTS = {"test_forward_difference", "test_centred_difference", "test_forward_J", "test_backward_J",
             "test_single_example_gradients", "test_gradients_loop"}

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample("vectorized", "a correct answer in another style: the loop version written with whole-array operations",
           answers={"gradients_loop": (
               "def gradients_loop(w, b, X, Y):\n"
               "    m = X.shape[1]\n"
               "    A = sigmoid(np.dot(w.T, X) + b)\n"
               "    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
               "    dZ = A - Y\n"
               "    return {'dw': np.dot(X, dZ.T) / m, 'db': float(dZ.mean())}, float(cost)\n"),
               "single_example_gradients": (
               "def single_example_gradients(x, y, w, b):\n"
               "    a = sigmoid(float(np.sum(w * x)) + b)\n"
               "    da = -y / a + (1 - y) / (1 - a)\n"
               "    dz = da * a * (1 - a)\n"
               "    return {'da': da, 'dz': dz, 'dw': dz * x, 'db': dz}\n")}),
    Sample("one_sided_as_centred", "the centred difference divides by h instead of 2h, and db/dc are swapped",
           answers={"centred_difference": "def centred_difference(f_name, a, h):\n"
                                          "    f = FUNCTIONS[f_name]\n"
                                          "    return (f(a + h) - f(a - h)) / h\n",
                    "backward_J": "def backward_J(cache):\n"
                                  "    return {'dv': 3, 'du': 3, 'da': 3, 'db': 3 * cache['b'], 'dc': 3 * cache['c']}\n"},
           zero={"test_centred_difference", "test_backward_J"}),
    Sample("hard_coded", "the visible test's numbers typed in instead of computed",
           answers={"forward_J": "def forward_J(a, b, c):\n"
                                 "    return 33, {'a': 5, 'b': 3, 'c': 2, 'u': 6, 'v': 11}\n"},
           zero={"test_forward_J"}),
    Sample("loop_no_average", "the loop sums the gradients but forgets to divide by m; dz has the wrong sign",
           answers={"gradients_loop": (
               "def gradients_loop(w, b, X, Y):\n"
               "    A = sigmoid(w.T @ X + b)\n"
               "    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
               "    return {'dw': X @ (A - Y).T, 'db': float(np.sum(A - Y))}, float(cost)\n"),
               "single_example_gradients": (
               "def single_example_gradients(x, y, w, b):\n"
               "    a = sigmoid((w.T @ x).item() + b)\n"
               "    dz = y - a\n"
               "    return {'da': -y / a + (1 - y) / (1 - a), 'dz': dz, 'dw': x * dz, 'db': dz}\n")},
           zero={"test_gradients_loop", "test_single_example_gradients"}),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
