"""Hidden checks for assignment 03, derivatives and the computation graph."""

import numpy as np

from autograder.judge import Call
from autograder.reference.computation_graph import forward_J as _forward_J

_NAMES = ["triple", "square", "cube", "log", "exp", "sin"]


def _differences(rng, visible):
    yield Call(visible, label=f"f_name = {visible[0]!r}, a = {visible[1]}, h = {visible[2]}")
    for name in _NAMES:
        a = float(rng.uniform(0.5, 4.0))  # positive, so that "log" is defined
        h = float(rng.choice([1e-1, 1e-2, 1e-3]))
        yield Call((name, a, h), label=f"f_name = {name!r}, a = {a:.4f}, h = {h}")
    yield Call(("square", rng.uniform(0.5, 3.0, size=(5,)), 1e-3), label="a an array of shape (5,)")
    yield Call(("cube", 2.0, np.logspace(-4, -1, 4)), label="h an array of shape (4,)")


def forward_difference(rng):
    yield from _differences(rng, ("cube", 2.0, 0.001))


def centred_difference(rng):
    yield from _differences(rng, ("cube", 2.0, 0.001))


def _abc(rng):
    yield (5, 3, 2), "a = 5, b = 3, c = 2"
    yield (5.0, 3.0, 2.0), "a = 5.0, b = 3.0, c = 2.0"
    for _ in range(4):
        a, b, c = (float(v) for v in rng.normal(scale=3.0, size=3))
        yield (a, b, c), f"a = {a:.4f}, b = {b:.4f}, c = {c:.4f}"
    yield (0.0, 0.0, 0.0), "a = b = c = 0.0"


def forward_J(rng):
    for args, label in _abc(rng):
        yield Call(args, label=label)


def backward_J(rng):
    for args, label in _abc(rng):
        yield Call((_forward_J(*args)[1],), label=f"the cache of forward_J({label})")


def _example(rng, n_x, y):
    x = rng.normal(size=(n_x, 1))
    w = rng.normal(scale=0.5, size=(n_x, 1))
    return x, y, w, float(rng.normal(scale=0.5))


def single_example_gradients(rng):
    yield Call(
        (np.array([[1.0], [2.0]]), 1, np.array([[0.5], [-0.25]]), 0.1),
        label="x = [[1], [2]], y = 1, w = [[0.5], [-0.25]], b = 0.1",
    )
    for n_x in [1, 1, 3, 8, 20]:
        y = int(rng.integers(0, 2))
        yield Call(_example(rng, n_x, y), label=f"x and w of shape ({n_x}, 1), y = {y}")
    yield Call((np.zeros((4, 1)), 0, np.zeros((4, 1)), 0.0), label="x = w = zeros((4, 1)), y = 0, b = 0")


def gradients_loop(rng):
    yield Call(
        (np.array([[0.5], [-0.25]]), 0.1, np.array([[1.0, -1.0, 2.0], [2.0, 0.5, -1.0]]), np.array([[1, 0, 1]])),
        label="the visible test's w, b, X, Y",
    )
    for n_x, m in [(1, 1), (1, 6), (4, 1), (3, 7), (12, 25)]:
        w = rng.normal(scale=0.5, size=(n_x, 1))
        X = rng.normal(size=(n_x, m))
        Y = rng.integers(0, 2, size=(1, m))
        yield Call((w, float(rng.normal(scale=0.5)), X, Y), label=f"X of shape ({n_x}, {m})")
    yield Call(
        (np.zeros((5, 1)), 0.0, rng.normal(size=(5, 4)), np.array([[1.0, 0.0, 0.0, 1.0]])),
        label="w = zeros((5, 1)), b = 0, float labels Y",
    )
