"""Transitional: the hand-written reference versions of shallow_network functions that differ from the notebook's."""

import numpy as np


def layer_sizes(X, Y):
    """The sizes of the three layers: (n_x, n_h, n_y) = (X.shape[0], 4, Y.shape[0]), Python ints.

    X: inputs, shape (n_x, m). Y: labels, shape (n_y, m).
    """
    return (int(X.shape[0]), 4, int(Y.shape[0]))


def forward_propagation(X, parameters):
    """The forward pass: Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2).

    X: (n_x, m). parameters: as from initialize_parameters.
    Returns (A2, cache): A2 of shape (n_y, m), cache = {"Z1", "A1", "Z2", "A2"}.
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1.0 / (1.0 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """Cross-entropy cost averaged over the m examples. A2, Y: shape (1, m). Returns a Python float."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cost with respect to the parameters, from the forward pass's cache.

    Returns {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (n_y, n_h), "db2": (n_y, 1)}.
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One step of gradient descent, theta - learning_rate * d theta, into a new dict (inputs unchanged)."""
    return {name: parameters[name] - learning_rate * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}


def predict(parameters, X):
    """Predicted labels: 1 where the network's output A2 > 0.5, else 0; an int array of shape (1, m)."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)
