"""Friendly checks for students: shape checks that say what went wrong, visible tests, gradient checks.

Everything here raises with a message that names the argument, what was expected and what came, so that
a student can fix their code without reading a traceback into numpy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


class ShapeError(ValueError):
    """An array argument does not have the shape the function needs."""


def check_shape(name: str, array, expected: Sequence[int | str | None]) -> None:
    """Raise ShapeError unless ``array`` is a numpy array of shape ``expected``.

    Entries of ``expected`` may be numbers, or names / None for "any size here", for example
    ``check_shape("X", X, ("n_x", "m"))`` accepts any 2-D array, and ``check_shape("w", w, (X.shape[0], 1))``
    insists on a column vector that matches X.
    """
    if not isinstance(array, np.ndarray):
        raise ShapeError(f"{name} should be a numpy array of shape {_pretty(expected)}, got a {type(array).__name__}")
    if array.ndim != len(expected) or any(
        isinstance(want, int) and got != want for got, want in zip(array.shape, expected)
    ):
        hint = ""
        if array.ndim == 1 and len(expected) == 2:
            if expected[0] == 1 and expected[1] != 1:  # a row such as (1, m) is wanted, not a column
                hint = " (a rank-1 array: reshape it into a row with .reshape(1, -1))"
            else:
                hint = " (a rank-1 array: reshape it into a column with .reshape(-1, 1))"
        raise ShapeError(f"{name} should have shape {_pretty(expected)}, got {array.shape}{hint}")


def _pretty(expected: Sequence) -> str:
    return "(" + ", ".join("?" if e is None else str(e) for e in expected) + ("," if len(expected) == 1 else "") + ")"


def as_float(value, name: str = "the value") -> float:
    """``value`` as a Python float, whether it is a number, a numpy number or an array holding one number.

    ``np.dot(w.T, x) + b`` gives a 1 x 1 array, and NumPy 2 refuses ``float()`` of any array with a
    dimension, so given code converts with this function. More than one number is a mistake in the
    answer, and the error says so.
    """
    array = np.asarray(value)
    if array.size != 1:
        raise TypeError(f"{name} should be a single number, but it is an array of shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number) and array.dtype != bool:
        raise TypeError(f"{name} should be a number, got {type(value).__name__} {value!r}")
    return float(array.reshape(()))


def expect_close(label: str, got, expected, rtol: float = 1e-6, atol: float = 1e-8) -> None:
    """A visible test: print what came beside what was expected, and fail clearly if they differ."""
    expected_arr = np.asarray(expected, dtype=float)
    with np.printoptions(precision=8, suppress=True):
        print(f"{label}\n  yours:    {_show(got)}\n  expected: {_show(expected)}")
    if isinstance(expected, (int, float)) and isinstance(got, np.ndarray):
        raise AssertionError(f"{label} should be a single number, but it is an array of shape {got.shape}")
    got_arr = np.asarray(got)
    if got_arr.shape != expected_arr.shape:
        transposed = is_transpose(expected_arr, got_arr, rtol, atol)
        raise AssertionError(
            f"{label} has shape {got_arr.shape}, expected {expected_arr.shape}"
            + (" (the transpose: check the order of a product, or a missing .T)" if transposed else "")
        )
    if not np.allclose(got_arr.astype(float), expected_arr, rtol=rtol, atol=atol):
        raise AssertionError(f"{label} differs from the expected value" + diagnosis(expected_arr, got_arr))


def _times(factor: float) -> str:
    whole = round(factor)
    return str(whole) if whole and abs(factor - whole) <= 1e-6 * abs(factor) else f"{factor:.4g}"


def is_transpose(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float) -> bool:
    """True when ``got`` is a 2-D array of numbers whose transpose is the expected array (a missing .T, or
    a product in the wrong order). The visible tests and the grader's hidden checks both ask it."""
    return (
        got.ndim == 2
        and got.T.shape == expected.shape
        and got.dtype.kind in "biuf"
        and np.allclose(got.T.astype(float), expected.astype(float), rtol=rtol, atol=atol)
    )


def diagnosis(expected: np.ndarray, got: np.ndarray) -> str:
    """What a wrong array has in common with the right one, without saying what the right one is: a
    constant factor (m, 1/m, 2 ...), a flipped sign, NaN or infinity. The visible tests here and the
    grader's hidden checks (autograder.judge) both use it."""
    got, expected = got.astype(float), expected.astype(float)
    if np.isnan(got).any() and not np.isnan(expected).any():
        return "; it holds NaN where a number belongs"
    if np.isinf(got).any() and not np.isinf(expected).any():
        return "; it holds infinity where a finite number belongs"
    usable = np.isfinite(expected) & np.isfinite(got) & (np.abs(expected) > 1e-12)
    if usable.sum() >= 1 and np.allclose(got[~usable & np.isfinite(expected)], 0, atol=1e-9):
        ratios = got[usable] / expected[usable]
        factor = float(np.median(ratios))
        if np.allclose(ratios, factor, rtol=1e-4) and not np.isclose(factor, 1.0, rtol=1e-4):
            if np.isclose(factor, -1.0, rtol=1e-4):
                return "; every value has the wrong sign"
            if abs(factor) < 1e-12:
                return "; every value is 0"
            if abs(factor) >= 1:
                return f"; every value is {_times(factor)} times too large (a missing division, by m perhaps?)"
            return f"; every value is {_times(1 / factor)} times too small (an extra division, by m perhaps?)"
    return ""


def _show(value) -> str:
    # Eight significant digits: a different but correct order of floating-point operations (another BLAS
    # kernel or thread count) changes the last digits of a result, and the printout must not show them.
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (int, float, np.number)) for v in value):
        value = np.asarray(value, dtype=float)
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=8, separator=", ").replace("\n", "\n            ")
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.8g}"
    return repr(value)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, epsilon: float = 1e-7) -> np.ndarray:
    """The centred-difference gradient of a scalar function ``f`` at ``x`` (any shape), entry by entry.

    ``x`` itself is left as it was.
    """
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + epsilon
        plus = f(x)
        x[index] = original - epsilon
        minus = f(x)
        x[index] = original
        grad[index] = (plus - minus) / (2 * epsilon)
    return grad


def gradient_check(
    f: Callable[[np.ndarray], float],
    x: np.ndarray,
    analytic: np.ndarray,
    epsilon: float = 1e-7,
    threshold: float = 1e-6,
    verbose: bool = True,
) -> float:
    """Compare a hand-derived gradient with the numerical one; return their relative difference.

    The difference is ||analytic - numeric|| / (||analytic|| + ||numeric||). Below ``threshold`` the
    gradient is almost certainly right; above it, an AssertionError says by how much it is off.
    """
    analytic = np.asarray(analytic, dtype=float)
    x = np.asarray(x, dtype=float)
    if analytic.shape != x.shape:
        raise ShapeError(f"analytic gradient has shape {analytic.shape}, but x has shape {x.shape}")
    numeric = numerical_gradient(f, x, epsilon)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    difference = 0.0 if denominator == 0 else float(np.linalg.norm(analytic - numeric) / denominator)
    if verbose:
        verdict = "agree" if difference < threshold else "DISAGREE"
        print(f"gradient check: relative difference {difference:.1e} (threshold {threshold:.0e}): gradients {verdict}")
    if difference >= threshold:
        raise AssertionError(f"the analytic gradient is off: relative difference {difference:.2e} >= {threshold:.0e}")
    return difference
