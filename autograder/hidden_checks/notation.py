"""Hidden checks for assignment 01, binary classification and notation.

Each graded function is tried on its visible test's case and on random pictures of several shapes,
including a single picture (m = 1), a single value per picture (n_x = 1), non-square pictures and other
channel counts, so an answer that only reproduces the visible numbers, or that reshapes in the wrong
order, fails. The judge also checks shapes, values and that the arrays passed in are left unchanged.
"""

import numpy as np

from autograder.judge import Call

# The visible tests' cases.
VISIBLE_IMAGE = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
VISIBLE_IMAGES = np.arange(24, dtype=np.uint8).reshape(2, 2, 2, 3)
VISIBLE_PIXELS = np.array([[0, 51, 255], [102, 204, 17]], dtype=np.uint8)
VISIBLE_COLUMN_X = np.arange(24, dtype=np.uint8).reshape(2, 12).T  # two pictures of shape (2, 2, 3), unrolled
VISIBLE_COLUMN_J = 1
VISIBLE_COLUMN_SHAPE = (2, 2, 3)

IMAGE_SHAPES = [(1, 1, 1), (1, 1, 3), (4, 4, 3), (5, 3, 3), (2, 6, 1), (16, 16, 3), (64, 64, 3)]
SET_SHAPES = [(1, 4, 4, 3), (6, 1, 1, 1), (3, 2, 2, 3), (5, 4, 3, 3), (2, 3, 5, 2), (10, 8, 8, 3), (4, 64, 64, 3)]


def _pixels(rng, shape, high=256):
    return rng.integers(0, high, size=shape, dtype=np.uint8)


def image_to_vector(rng):
    yield Call((VISIBLE_IMAGE,), label="the visible test's picture of shape (2, 2, 3)")
    for shape in IMAGE_SHAPES:
        yield Call((_pixels(rng, shape),), label=f"a random picture of shape {shape}")
    yield Call((rng.random((3, 4, 3)),), label="a picture of floats of shape (3, 4, 3)")


def flatten_images(rng):
    yield Call((VISIBLE_IMAGES,), label="the visible test's two pictures of shape (2, 2, 3)")
    for shape in SET_SHAPES:
        yield Call((_pixels(rng, shape),), label=f"{shape[0]} random picture(s) of shape {shape[1:]}")
    yield Call((rng.random((3, 2, 4, 3)),), label="3 pictures of floats of shape (2, 4, 3)")


def scale_pixels(rng):
    yield Call((VISIBLE_PIXELS,), label="the visible test's X")
    for shape in [(1, 1), (1, 5), (12, 1), (20, 30), (3, 8, 8, 3)]:
        yield Call((_pixels(rng, shape),), label=f"random pixel values of shape {shape}")
    yield Call((_pixels(rng, (6, 4), high=101),), label="a dark X of shape (6, 4), no value above 100")
    yield Call((np.zeros((2, 3), dtype=np.uint8),), label="an all-black X of shape (2, 3)")
    yield Call((rng.integers(0, 256, size=(4, 5)).astype(float),), label="pixel values stored as floats, shape (4, 5)")


def column_to_image(rng):
    yield Call((VISIBLE_COLUMN_X, VISIBLE_COLUMN_J, VISIBLE_COLUMN_SHAPE), label="the visible test's X, j and shape")
    for m, shape in [(1, (4, 4, 3)), (5, (1, 1, 1)), (3, (2, 2, 3)), (7, (3, 5, 2)), (4, (8, 8, 3))]:
        X = _pixels(rng, (int(np.prod(shape)), m))
        for j in sorted({0, m - 1, int(rng.integers(0, m))}):
            yield Call((X, j, shape), label=f"X of shape {X.shape}, j = {j}, pictures of shape {shape}")
