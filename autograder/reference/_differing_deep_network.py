"""Transitional: the hand-written reference versions of deep_network functions that differ from the notebook's."""

import numpy as np


ACTIVATIONS = ("relu", "sigmoid")


def _check_activation(activation):
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}: use one of {', '.join(map(repr, ACTIVATIONS))}")


def initialize_parameters_deep(layer_dims):
    """W1, b1, ..., WL, bL for layer sizes [n0, n1, ..., nL]: W[l] = randn(n[l], n[l-1]) * 0.01, b[l] = 0.

    Draws from np.random in layer order (the caller seeds it)."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b. A (n_prev, m), W (n, n_prev), b (n, 1) -> (Z (n, m), cache (A, W, b))."""
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: A = g(W A_prev + b), g = "relu" or "sigmoid" -> (A (n, m), ((A_prev, W, b), Z))."""
    _check_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z) if activation == "relu" else sigmoid(Z)
    return A, (linear_cache, Z)


def L_model_forward(X, parameters):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID. X (n0, m) -> (AL (1, m), list of L caches)."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_activation_backward(dA, cache, activation):
    """One layer back: dA (n, m), cache ((A_prev, W, b), Z) -> (dA_prev, dW, db)."""
    _check_activation(activation)
    linear_cache, Z = cache
    dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Gradients of the cost: dict with dA0 .. dA{L-1}, dW1 .. dWL, db1 .. dbL."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], "relu")
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: a new dict with W[l] - rate * dW[l], b[l] - rate * db[l]."""
    return {key: value - learning_rate * grads[f"d{key}"] for key, value in parameters.items()}


def initialize_parameters_scaled(layer_dims):
    """Like initialize_parameters_deep, but W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1]): each unit's
    pre-activation then has a variance of order 1 whatever the width of the layer before."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID trained by gradient descent.

    X (n_x, m), Y (1, m), layers_dims (n_x, n_h, n_y). Initialization: initialize_parameters_deep
    (randn * 0.01; the caller seeds np.random). Returns (parameters, costs), costs a list of floats
    recorded every 100 iterations (at iterations 0, 100, ...)."""
    parameters = initialize_parameters_deep(list(layers_dims))
    costs = []
    for i in range(num_iterations):
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"cost after iteration {i}: {cost:.6f}")
    return parameters, costs
