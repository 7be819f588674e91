"""Hidden checks for assignment 02, loss and cost."""

import numpy as np

from autograder.judge import Call


def sigmoid(rng):
    yield Call((0.0,), label="z = 0.0 (a Python float)")
    yield Call((np.array([0.0, 2.0]),), label="z = [0, 2]")
    for shape in [(1,), (1, 1), (4,), (3, 5), (2, 3, 4)]:
        yield Call((rng.normal(scale=4, size=shape),), label=f"z of shape {shape}")
    yield Call((np.array([-30.0, 30.0]),), label="large |z|")


def loss(rng):
    yield Call((0.9, 1), label="a = 0.9, y = 1")
    yield Call((0.9, 0), label="a = 0.9, y = 0")
    for _ in range(4):
        yield Call((float(rng.uniform(0.01, 0.99)), int(rng.integers(0, 2))), label="a random prediction and label")


def compute_cost(rng):
    yield Call((np.array([[0.8, 0.1, 0.6]]), np.array([[1, 0, 1]])), label="A = [[0.8, 0.1, 0.6]], Y = [[1, 0, 1]]")
    for m in [1, 2, 7, 50]:
        A = rng.uniform(0.01, 0.99, size=(1, m))
        Y = rng.integers(0, 2, size=(1, m))
        yield Call((A, Y), label=f"A and Y of shape (1, {m})")
