"""Data sets used by the course's notebooks.

Two kinds of data live here:

* the cat / non-cat image files of the capstone, read from HDF5 by
  :func:`load_catvnoncat`.  By default they come from the repository's
  ``datasets/`` directory (our own openly licensed build, see
  ``datasets/DATASHEET.md``); set the environment variable ``CATVNONCAT_DIR`` to a
  directory holding ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` of the same
  layout to use another copy instead.
* small two-dimensional toy problems for the shallow-network lessons,
  generated on the fly with numpy: :func:`load_planar_dataset` (the "flower")
  and :func:`load_extra_datasets` (circles, moons, blobs, Gaussian quantiles).
* a one-dimensional regression problem for notebook 08, also generated:
  :func:`load_noisy_curve` (noisy points around :func:`smooth_curve`).
* classification data for notebook 09, also generated: :func:`load_gaussian_classes` (2-D clouds of
  points, one Gaussian per class with a shared covariance) and :func:`load_tailed_classes` (many features,
  with a class that is not quite Gaussian).

Conventions follow the course: examples are *columns*, so a data set of ``m``
points in 2-D is an ``X`` of shape ``(2, m)`` with labels ``Y`` of shape ``(1, m)``.
Images keep their natural layout ``(m, 64, 64, 3)`` and are flattened in the
notebooks.

All generators take a ``seed`` and use their own random generator; the global
numpy random state is never read or changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

__all__ = [
    "DatasetError",
    "DEFAULT_DATA_DIR",
    "data_dir",
    "load_catvnoncat",
    "load_planar_dataset",
    "load_extra_datasets",
    "load_noisy_curve",
    "load_gaussian_classes",
    "load_tailed_classes",
    "GAUSSIAN_MEANS",
    "GAUSSIAN_COVARIANCE",
    "smooth_curve",
]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "datasets"
ENV_VAR = "CATVNONCAT_DIR"

IMAGE_SHAPE = (64, 64, 3)


class DatasetError(ValueError):
    """A data file is missing or does not have the expected layout."""


class DatasetNotFoundError(DatasetError, FileNotFoundError):
    """A data file does not exist."""


def data_dir() -> Path:
    """The directory the cat / non-cat files are read from (``$CATVNONCAT_DIR`` or ``datasets/``)."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else DEFAULT_DATA_DIR


def _read_split(path: Path, split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Read and check one file: returns (x (m,64,64,3) uint8, y (m,) int64, classes (2,) bytes)."""
    import h5py  # imported here so that the toy data sets do not need h5py

    if not path.is_file():
        hint = f" (from ${ENV_VAR})" if os.environ.get(ENV_VAR) else ""
        raise DatasetNotFoundError(
            f"{path}: file not found{hint}; expected an HDF5 file with datasets "
            f"'{split}_set_x', '{split}_set_y' and 'list_classes'"
        )
    x_key, y_key = f"{split}_set_x", f"{split}_set_y"
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise DatasetError(f"{path}: expected an HDF5 file, but it could not be opened ({exc})") from exc
    with f:
        found = sorted(f.keys())
        for key in (x_key, y_key, "list_classes"):
            if key not in f:
                raise DatasetError(f"{path}: expected a dataset named '{key}', found only {found}")
        x = np.array(f[x_key][:])
        y = np.array(f[y_key][:])
        classes = np.array(f["list_classes"][:])

    if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE:
        raise DatasetError(f"{path}: '{x_key}' expected shape (m, 64, 64, 3), found {x.shape}")
    if x.dtype != np.uint8:
        raise DatasetError(f"{path}: '{x_key}' expected dtype uint8, found {x.dtype}")
    if y.shape != (x.shape[0],):
        raise DatasetError(f"{path}: '{y_key}' expected shape ({x.shape[0]},) to match '{x_key}', found {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        raise DatasetError(f"{path}: '{y_key}' expected an integer dtype, found {y.dtype}")
    if not np.isin(y, (0, 1)).all():
        raise DatasetError(f"{path}: '{y_key}' expected labels 0 and 1, found {np.unique(y).tolist()}")
    if classes.shape != (2,) or classes.dtype.kind != "S":
        raise DatasetError(
            f"{path}: 'list_classes' expected shape (2,) of bytes, found {classes.shape} {classes.dtype}"
        )
    return x, y, classes


def load_catvnoncat(directory: str | os.PathLike | None = None):
    """Load the cat / non-cat images.

    Parameters
    ----------
    directory:
        Where ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` are.  Defaults to
        ``$CATVNONCAT_DIR`` if set, else the repository's ``datasets/``.

    Returns
    -------
    train_x_orig : ndarray, shape (m_train, 64, 64, 3), uint8
    train_y : ndarray, shape (1, m_train), int64 -- 1 for cat, 0 for non-cat
    test_x_orig : ndarray, shape (m_test, 64, 64, 3), uint8
    test_y : ndarray, shape (1, m_test), int64
    classes : ndarray, shape (2,), bytes -- ``[b'non-cat', b'cat']``

    Raises
    ------
    DatasetError
        (a ``ValueError``; its subclass for missing files is also a
        ``FileNotFoundError``) naming the file, what was expected and what was found.
    """
    root = Path(directory) if directory is not None else data_dir()
    train_x, train_y, classes = _read_split(root / "train_catvnoncat.h5", "train")
    test_x, test_y, test_classes = _read_split(root / "test_catvnoncat.h5", "test")
    if not np.array_equal(classes, test_classes):
        raise DatasetError(
            f"{root}: 'list_classes' differ between the files: {classes.tolist()} vs {test_classes.tolist()}"
        )
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def load_planar_dataset(seed: int = 1):
    """The two-class "flower": 400 points in 2-D on eight noisy petals.

    Each class ``j`` (0 or 1) has 200 points at angle
    ``t = linspace(3.12 j, 3.12 (j+1), 200) + 0.2 noise`` and radius
    ``r = 4 sin(4 t) + 0.2 noise``, placed at ``(r sin t, r cos t)``.

    Returns
    -------
    X : ndarray, shape (2, 400), float64 -- coordinates, one point per column
    Y : ndarray, shape (1, 400), uint8 -- class labels 0 (red) and 1 (blue)
    """
    rng = np.random.RandomState(seed)
    m = 400
    n = m // 2  # points per class
    a = 4  # maximum ray of the flower
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1), dtype="uint8")
    for j in range(2):
        ix = range(n * j, n * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.randn(n) * 0.2
        r = a * np.sin(4 * t) + rng.randn(n) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def _noisy_circles(rng, m, factor=0.5, noise=0.3):
    n_out = m // 2
    n_in = m - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)], factor * np.c_[np.cos(t_in), np.sin(t_in)]])
    y = np.r_[np.zeros(n_out), np.ones(n_in)]
    return X + rng.normal(0, noise, X.shape), y


def _noisy_moons(rng, m, noise=0.2):
    n_out = m // 2
    n_in = m - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)], np.c_[1 - np.cos(t_in), 0.5 - np.sin(t_in)]])
    y = np.r_[np.zeros(n_out), np.ones(n_in)]
    return X + rng.normal(0, noise, X.shape), y


def _blobs(rng, m, centers=6, spread=1.0, box=10.0):
    c = rng.uniform(-box, box, (centers, 2))
    which = np.arange(m) % centers
    X = c[which] + rng.normal(0, spread, (m, 2))
    return X, which % 2  # two classes: alternate blobs


def _gaussian_quantiles(rng, m, n_classes=2):
    X = rng.normal(0, 1, (m, 2))
    r2 = (X**2).sum(axis=1)
    # Equal-size classes by distance from the centre (rings of equal probability).
    order = np.argsort(r2, kind="stable")
    y = np.empty(m)
    y[order] = np.arange(m) * n_classes // m
    return X, y


def load_extra_datasets(seed: int = 3, m: int = 200):
    """Four more 2-D binary problems for experimenting with the shallow network.

    Returns
    -------
    dict mapping a name to ``(X, Y)`` with ``X`` of shape (2, m) float64 and ``Y``
    of shape (1, m) int64 (labels 0/1):

    * ``"noisy_circles"`` -- a ring around a smaller ring,
    * ``"noisy_moons"`` -- two interleaved half-moons,
    * ``"blobs"`` -- six Gaussian blobs, alternately labelled,
    * ``"gaussian_quantiles"`` -- an inner disc versus an outer ring of one Gaussian cloud.

    The sets depend only on ``seed`` and ``m``.
    """
    rng = np.random.default_rng(seed)
    makers = {
        "noisy_circles": _noisy_circles,
        "noisy_moons": _noisy_moons,
        "blobs": _blobs,
        "gaussian_quantiles": _gaussian_quantiles,
    }
    out = {}
    for name, make in makers.items():
        X, y = make(rng, m)
        perm = rng.permutation(m)
        out[name] = (X[perm].T.astype(np.float64), y[perm].reshape(1, m).astype(np.int64))
    return out


def smooth_curve(x):
    """The true function behind :func:`load_noisy_curve`: sin(pi x), one full wave on [-1, 1]."""
    return np.sin(np.pi * np.asarray(x, dtype=float))


def load_noisy_curve(m: int = 40, noise: float = 0.25, seed: int = 12):
    """``m`` points of a smooth curve with noise, for regression (notebook 08).

    ``x`` is drawn uniformly from [-1, 1]; ``y = smooth_curve(x) + noise * e`` with ``e`` standard normal.
    The set depends only on ``m``, ``noise`` and ``seed``.

    Returns
    -------
    x : ndarray, shape (1, m), float64 -- the inputs, one example per column
    y : ndarray, shape (1, m), float64 -- the noisy targets
    """
    if not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m should be a whole number of points, at least 1, got {m!r}")
    if not noise >= 0:
        raise ValueError(f"noise should be a standard deviation of 0 or more, got {noise!r}")
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(1, m))
    y = smooth_curve(x) + noise * rng.normal(size=(1, m))
    return x, y


# The true parameters behind load_gaussian_classes: one mean per class (the columns), one shared covariance.
GAUSSIAN_MEANS = np.array([[-1.0, 1.0, 0.5], [-0.5, 0.5, 2.5]])
GAUSSIAN_COVARIANCE = np.array([[1.0, 0.6], [0.6, 1.0]])


def _check_count(m) -> None:
    if not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m should be a whole number of points, at least 1, got {m!r}")


def load_gaussian_classes(m: int = 200, num_classes: int = 2, seed: int = 9):
    """``m`` points in the plane from ``num_classes`` Gaussian classes with a shared covariance (notebook 09).

    Each label is drawn with equal chances for every class; the point of class ``k`` is drawn from the normal
    distribution with mean ``GAUSSIAN_MEANS[:, k]`` and covariance ``GAUSSIAN_COVARIANCE``.

    Returns
    -------
    X : ndarray, shape (2, m), float64 -- the points, one example per column
    y : ndarray, shape (1, m), int64 -- the labels 0, ..., num_classes - 1
    """
    _check_count(m)
    if num_classes not in (2, 3):
        raise ValueError(f"num_classes should be 2 or 3, got {num_classes!r}")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, num_classes, size=(1, m))
    noise = np.linalg.cholesky(GAUSSIAN_COVARIANCE) @ rng.normal(size=(2, m))
    return GAUSSIAN_MEANS[:, y[0]] + noise, y.astype(np.int64)


def load_tailed_classes(m: int = 1000, num_features: int = 20, seed: int = 0):
    """``m`` examples of two classes with ``num_features`` features, where class 1 is not quite Gaussian.

    Class 0: every feature standard normal and independent. Class 1: the same, moved by 0.3 in every
    feature; but one example of class 1 in five (drawn at random) is moved much further, by +5, -5, +5, -5
    in the first four features. So a model that assumes one Gaussian per class is a little wrong here, as on
    real data. The labels have equal chances.

    Returns
    -------
    X : ndarray, shape (num_features, m), float64
    y : ndarray, shape (1, m), int64 -- labels 0 and 1
    """
    _check_count(m)
    if not isinstance(num_features, (int, np.integer)) or num_features < 4:
        raise ValueError(f"num_features should be a whole number, at least 4, got {num_features!r}")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=(1, m))
    X = rng.normal(size=(num_features, m)) + 0.3 * y
    far = (y[0] == 1) & (rng.random(m) < 0.2)
    X[:4, far] += np.array([[5.0], [-5.0], [5.0], [-5.0]])
    return X, y.astype(np.int64)
