"""Hidden checks for assignment 07, deep networks (7a step by step, 7b on the cat set).

Each generator draws its inputs from the ``rng`` it is given. Networks are described by their layer sizes
[n0, ..., nL]; depths run from 1 to 5 layers, with m = 1 and n0 = 1 among the shapes.
"""

import numpy as np

from autograder.judge import Call
from autograder.reference import deep_network as reference


def _dims(rng, layers, max_width=8):
    """Random layer sizes [n0, ..., nL] for a network of ``layers`` layers with one output unit."""
    return [int(n) for n in rng.integers(1, max_width + 1, size=layers)] + [1]


def _parameters(rng, dims):
    """Weights of a useful size and non-zero biases, so every layer and activation matters."""
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
    return parameters


def _layer(rng, n_prev, n, m):
    return (rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1)))


def _labels(rng, m):
    return rng.integers(0, 2, size=(1, m))


# ---------------------------------------------------------------------------------------------------
# 7a. Step by step


def initialize_parameters_deep(rng):
    yield Call(([5, 4, 3],), seed=3, label="layer_dims = [5, 4, 3], seed 3 (the visible case)")
    yield Call(([1, 1],), seed=0, label="layer_dims = [1, 1]")
    yield Call(([3, 1],), seed=1, label="layer_dims = [3, 1] (one layer)")
    yield Call(([4, 5, 3, 1],), seed=2, label="layer_dims = [4, 5, 3, 1]")
    for layers in (1, 2, 3, 4, 5):
        dims = _dims(rng, layers)
        dims[-1] = int(rng.integers(1, 4))
        yield Call((dims,), seed=int(rng.integers(0, 1000)), label=f"layer_dims = {dims}")


def linear_forward(rng):
    for n_prev, n, m in [(3, 1, 2), (1, 1, 1), (4, 3, 1), (1, 5, 6), (6, 2, 10), (5, 5, 3)]:
        yield Call(_layer(rng, n_prev, n, m), label=f"A of shape ({n_prev}, {m}), W of shape ({n}, {n_prev})")


def linear_activation_forward(rng):
    for activation in ("sigmoid", "relu"):
        for n_prev, n, m in [(3, 1, 2), (1, 1, 1), (4, 3, 1), (6, 2, 10), (2, 5, 7)]:
            yield Call(
                (*_layer(rng, n_prev, n, m), activation),
                label=f'A_prev of shape ({n_prev}, {m}), W of shape ({n}, {n_prev}), "{activation}"',
            )
    for wrong in ("tanh", "Sigmoid", "", "leaky_relu"):
        yield Call((*_layer(rng, 3, 2, 4), wrong), raises=ValueError, label=f"the unknown activation {wrong!r}")


def L_model_forward(rng):
    visible = np.random.default_rng(3)  # the visible test's case, drawn as the notebook draws it
    X = visible.standard_normal((5, 4))
    params = {
        "W1": visible.standard_normal((4, 5)),
        "b1": visible.standard_normal((4, 1)),
        "W2": visible.standard_normal((3, 4)),
        "b2": visible.standard_normal((3, 1)),
        "W3": visible.standard_normal((1, 3)),
        "b3": visible.standard_normal((1, 1)),
    }
    yield Call((X, params), label="the visible case, [5, 4, 3, 1] on 4 examples")
    yield Call((rng.normal(size=(1, 1)), _parameters(rng, [1, 1])), label="one layer [1, 1], m = 1")
    yield Call((rng.normal(size=(3, 5)), _parameters(rng, [3, 1])), label="one layer [3, 1] (sigmoid only)")
    for layers in (1, 2, 3, 4, 5, 5):
        for m in (1, int(rng.integers(2, 12))):
            dims = _dims(rng, layers)
            yield Call((rng.normal(size=(dims[0], m)), _parameters(rng, dims)), label=f"layer sizes {dims}, m = {m}")


def compute_cost(rng):
    yield Call((np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])), label="AL = [[0.8, 0.9, 0.4]], Y = [[1, 1, 0]]")
    for m in (1, 2, 9, 40):
        yield Call((rng.uniform(0.01, 0.99, size=(1, m)), _labels(rng, m)), label=f"AL and Y of shape (1, {m})")
    yield Call((np.array([[1e-6, 1 - 1e-6]]), np.array([[0, 1]])), label="confident right predictions")


def linear_backward(rng):
    for n_prev, n, m in [(5, 3, 4), (1, 1, 1), (4, 3, 1), (1, 5, 6), (6, 2, 10), (3, 3, 3)]:
        A_prev, W, b = _layer(rng, n_prev, n, m)
        yield Call(
            (rng.normal(size=(n, m)), (A_prev, W, b)), label=f"dZ of shape ({n}, {m}), A_prev of shape ({n_prev}, {m})"
        )


def _layer_cache(rng, n_prev, n, m):
    return (_layer(rng, n_prev, n, m), rng.normal(size=(n, m)))


def linear_activation_backward(rng):
    for activation in ("sigmoid", "relu"):
        for n_prev, n, m in [(3, 1, 2), (1, 1, 1), (4, 3, 1), (6, 2, 10), (2, 5, 7)]:
            yield Call(
                (rng.normal(size=(n, m)), _layer_cache(rng, n_prev, n, m), activation),
                label=f'dA of shape ({n}, {m}), A_prev of shape ({n_prev}, {m}), "{activation}"',
            )
    for wrong in ("tanh", "RELU"):
        yield Call(
            (rng.normal(size=(2, 4)), _layer_cache(rng, 3, 2, 4), wrong),
            raises=ValueError,
            label=f"the unknown activation {wrong!r}",
        )


def L_model_backward(rng):
    for layers, m in [(2, 3), (1, 1), (1, 5), (2, 1), (3, 4), (4, 8), (5, 6), (5, 1)]:
        dims = _dims(rng, layers)
        X = rng.normal(size=(dims[0], m))
        AL, caches = reference.L_model_forward(X, _parameters(rng, dims))
        yield Call((AL, _labels(rng, m), caches), label=f"a network with layer sizes {dims}, m = {m}")


def update_parameters(rng):
    for layers in (1, 2, 3, 5):
        dims = _dims(rng, layers)
        parameters = _parameters(rng, dims)
        grads = {f"d{key}": rng.normal(size=value.shape) for key, value in parameters.items()}
        grads.update({f"dA{l}": rng.normal(size=(dims[l], 3)) for l in range(layers)})
        rate = float(rng.choice([0.0075, 0.1, 1.2]))
        yield Call((parameters, grads, rate), label=f"layer sizes {dims}, learning rate {rate}")


# ---------------------------------------------------------------------------------------------------
# 7b. Models (small problems: the grader's time limits are per call)


def _problem(rng, n_x, m):
    X = rng.normal(size=(n_x, m))
    w = rng.normal(size=(1, n_x))
    Y = (w @ X + 0.3 * rng.normal(size=(1, m)) > 0).astype(int)
    return X, Y


def two_layer_model(rng):
    for (n_x, n_h, m), iterations, rate in [
        ((5, 4, 12), 300, 0.5),
        ((1, 3, 1), 101, 0.1),
        ((8, 7, 20), 250, 0.75),
        ((3, 2, 6), 1, 0.0075),
    ]:
        X, Y = _problem(rng, n_x, m)
        yield Call(
            (X, Y, (n_x, n_h, 1)),
            {"learning_rate": rate, "num_iterations": iterations},
            seed=int(rng.integers(0, 1000)),
            rtol=1e-4,
            atol=1e-6,
            label=f"X of shape ({n_x}, {m}), layers_dims ({n_x}, {n_h}, 1), {iterations} iterations",
        )


def L_layer_model(rng):
    for dims, m, iterations, rate in [
        ([5, 4, 3, 1], 12, 300, 0.3),
        ([1, 1], 1, 101, 0.1),
        ([6, 5, 4, 3, 1], 16, 250, 0.2),
        ([4, 3, 1], 8, 200, 0.5),
        ([3, 2, 1], 5, 1, 0.0075),
    ]:
        X, Y = _problem(rng, dims[0], m)
        yield Call(
            (X, Y, dims),
            {"learning_rate": rate, "num_iterations": iterations},
            seed=int(rng.integers(0, 1000)),
            rtol=1e-4,
            atol=1e-6,
            label=f"X of shape ({dims[0]}, {m}), layers_dims {dims}, {iterations} iterations",
        )
