"""Sample submissions for assignment 03, derivatives and the computation graph."""

from autograder.samples import Sample

ALL_TESTS = {
    "test_forward_difference",
    "test_centred_difference",
    "test_forward_J",
    "test_backward_J",
    "test_single_example_gradients",
    "test_gradients_loop",
}

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "vectorized",
        "a correct answer in another style: the loop version written with matrix products",
        answers={
            "gradients_loop": (
                "def gradients_loop(w, b, X, Y):\n"
                "    m = X.shape[1]\n"
                "    A = 1 / (1 + np.exp(-(w.T @ X + b)))\n"
                "    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
                "    return {'dw': X @ (A - Y).T / m, 'db': float(np.mean(A - Y))}, cost\n"
            )
        },
    ),
    Sample(
        "centred_by_h",
        "the centred difference divided by h instead of 2h",
        answers={
            "centred_difference": (
                "def centred_difference(f_name, a, h):\n"
                "    f = FUNCTIONS[f_name]\n"
                "    return (f(a + h) - f(a - h)) / h\n"
            )
        },
        zero={"test_centred_difference"},
    ),
    Sample(
        "swapped_partials",
        "db and dc swapped in the backward pass",
        answers={
            "backward_J": (
                "def backward_J(cache):\n"
                "    dv = 3\n"
                "    du = da = dv\n"
                "    return {'dv': dv, 'du': du, 'da': da, 'db': du * cache['b'], 'dc': du * cache['c']}\n"
            )
        },
        zero={"test_backward_J"},
    ),
    Sample(
        "sign_error",
        "dz = y - a instead of a - y for one example",
        answers={
            "single_example_gradients": (
                "def single_example_gradients(x, y, w, b):\n"
                "    a = 1 / (1 + np.exp(-((w.T @ x).item() + b)))\n"
                "    dz = y - a\n"
                "    return {'da': float(-y / a + (1 - y) / (1 - a)), 'dz': float(dz), 'dw': x * dz, 'db': float(dz)}\n"
            )
        },
        zero={"test_single_example_gradients"},
    ),
    Sample(
        "not_averaged",
        "the loop sums gradients and cost over m examples without dividing by m",
        answers={
            "gradients_loop": (
                "def gradients_loop(w, b, X, Y):\n"
                "    A = 1 / (1 + np.exp(-(w.T @ X + b)))\n"
                "    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
                "    return {'dw': X @ (A - Y).T, 'db': float(np.sum(A - Y))}, cost\n"
            )
        },
        zero={"test_gradients_loop"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
