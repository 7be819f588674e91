"""Transitional: the hand-written reference versions of logistic_regression functions that differ from the notebook's."""

import numpy as np


def propagate(w, b, X, Y):
    """One forward and backward pass of logistic regression.

    w: weights, shape (n_x, 1); b: bias, a number; X: data, shape (n_x, m); Y: labels 0/1, shape (1, m).
    Returns (grads, cost): grads = {"dw": array of shape (n_x, 1), "db": float}, and the cross-entropy
    cost, a float.
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)  # (1, m)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y  # (1, m)
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b, leaving the arrays passed in unchanged.

    w: (n_x, 1); b: a number; X: (n_x, m); Y: (1, m).
    Returns (params, grads, costs): params = {"w": (n_x, 1), "b": float} after ``num_iterations`` steps,
    grads = the last {"dw", "db"} computed (at the parameters before the last step), and costs = the cost
    (a float) at iterations 0, 100, 200, ... (printed when ``print_cost``).
    """
    w = np.array(w, dtype=float)  # a copy: the caller's array stays as it was
    b = float(b)
    costs = []
    grads = None
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression from zero parameters and predict on both sets.

    X_train: (n_x, m_train); Y_train: (1, m_train); X_test: (n_x, m_test); Y_test: (1, m_test).
    Returns a dict: "costs" (list of floats, every 100 iterations), "Y_prediction_train" (1, m_train),
    "Y_prediction_test" (1, m_test), "w" (n_x, 1), "b" (float), "learning_rate", "num_iterations".
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs,
            "Y_prediction_train": predict(w, b, X_train),
            "Y_prediction_test": predict(w, b, X_test),
            "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
