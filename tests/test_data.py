"""Tests for course/data.py: the image loader and the 2-D toy data sets."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from course import data
from course.data import (
    GAUSSIAN_COVARIANCE,
    GAUSSIAN_MEANS,
    DatasetError,
    load_catvnoncat,
    load_extra_datasets,
    load_gaussian_classes,
    load_noisy_curve,
    load_planar_dataset,
    load_tailed_classes,
    smooth_curve,
)

CLASSES = np.array([b"non-cat", b"cat"], dtype="|S7")


def _write(path, prefix, x, y, classes=CLASSES, skip=()):
    with h5py.File(path, "w") as f:
        if f"{prefix}_set_x" not in skip:
            f.create_dataset(f"{prefix}_set_x", data=x)
        if f"{prefix}_set_y" not in skip:
            f.create_dataset(f"{prefix}_set_y", data=y)
        if "list_classes" not in skip:
            f.create_dataset("list_classes", data=classes)


def _good_pair(tmp_path, m_train=5, m_test=3):
    rng = np.random.default_rng(0)
    _write(
        tmp_path / "train_catvnoncat.h5",
        "train",
        rng.integers(0, 256, (m_train, 64, 64, 3), dtype=np.uint8),
        np.arange(m_train) % 2,
    )
    _write(
        tmp_path / "test_catvnoncat.h5",
        "test",
        rng.integers(0, 256, (m_test, 64, 64, 3), dtype=np.uint8),
        np.arange(m_test) % 2,
    )


# --------------------------------------------------------------- cat / non-cat


def test_shipped_files_load_with_course_shapes(monkeypatch):
    monkeypatch.delenv("CATVNONCAT_DIR", raising=False)
    train_x, train_y, test_x, test_y, classes = load_catvnoncat()
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (200, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 200)
    assert np.issubdtype(train_y.dtype, np.integer)
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert classes[train_y[0, np.argmax(train_y)]].decode() == "cat"


def test_default_directory_is_repository_datasets(monkeypatch):
    monkeypatch.delenv("CATVNONCAT_DIR", raising=False)
    assert data.data_dir() == data.DEFAULT_DATA_DIR
    assert (data.DEFAULT_DATA_DIR / "train_catvnoncat.h5").is_file()


def test_env_var_points_at_another_copy(tmp_path, monkeypatch):
    _good_pair(tmp_path, m_train=7, m_test=4)
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    train_x, train_y, test_x, test_y, classes = load_catvnoncat()
    assert train_x.shape == (7, 64, 64, 3) and train_y.shape == (1, 7)
    assert test_x.shape == (4, 64, 64, 3) and test_y.shape == (1, 4)
    assert train_y.tolist() == [[0, 1, 0, 1, 0, 1, 0]]


def test_missing_file_names_file_and_expectation(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    (tmp_path / "test_catvnoncat.h5").unlink()
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(DatasetError) as err:
        load_catvnoncat()
    assert isinstance(err.value, FileNotFoundError)
    msg = str(err.value)
    assert "test_catvnoncat.h5" in msg and "not found" in msg and "test_set_x" in msg


def test_wrong_key_is_reported(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    rng = np.random.default_rng(1)
    with h5py.File(tmp_path / "train_catvnoncat.h5", "w") as f:
        f.create_dataset("images", data=rng.integers(0, 256, (5, 64, 64, 3), dtype=np.uint8))
        f.create_dataset("train_set_y", data=np.zeros(5, dtype=np.int64))
        f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(DatasetError, match=r"train_catvnoncat\.h5.*'train_set_x'.*found only.*'images'"):
        load_catvnoncat()


def test_wrong_shape_is_reported(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    _write(
        tmp_path / "train_catvnoncat.h5", "train", np.zeros((5, 32, 32, 3), dtype=np.uint8), np.zeros(5, dtype=np.int64)
    )
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(ValueError) as err:
        load_catvnoncat()
    msg = str(err.value)
    assert "train_catvnoncat.h5" in msg and "(m, 64, 64, 3)" in msg and "(5, 32, 32, 3)" in msg


def test_wrong_dtype_is_reported(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    _write(
        tmp_path / "test_catvnoncat.h5", "test", np.zeros((3, 64, 64, 3), dtype=np.float32), np.zeros(3, dtype=np.int64)
    )
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(DatasetError, match=r"test_catvnoncat\.h5.*uint8.*float32"):
        load_catvnoncat()


def test_label_count_mismatch_is_reported(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    _write(
        tmp_path / "train_catvnoncat.h5", "train", np.zeros((5, 64, 64, 3), dtype=np.uint8), np.zeros(4, dtype=np.int64)
    )
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(DatasetError, match=r"'train_set_y' expected shape \(5,\).*found \(4,\)"):
        load_catvnoncat()


def test_not_hdf5_is_reported(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    (tmp_path / "train_catvnoncat.h5").write_bytes(b"this is not hdf5")
    monkeypatch.setenv("CATVNONCAT_DIR", str(tmp_path))
    with pytest.raises(DatasetError, match=r"train_catvnoncat\.h5.*HDF5"):
        load_catvnoncat()


# --------------------------------------------------------------------- 2-D toys


def test_planar_shapes_and_classes():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and np.issubdtype(Y.dtype, np.integer)
    assert (Y[0, :200] == 0).all() and (Y[0, 200:] == 1).all()
    r = np.hypot(X[0], X[1])
    assert r.max() < 5.5  # petals of radius about 4 plus noise


def test_planar_follows_the_construction():
    # Recompute the flower independently from its definition.
    rng = np.random.RandomState(1)
    pts = []
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, 200) + rng.randn(200) * 0.2
        r = 4 * np.sin(4 * t) + rng.randn(200) * 0.2
        pts.append(np.stack([r * np.sin(t), r * np.cos(t)]))
    X, _ = load_planar_dataset(seed=1)
    np.testing.assert_allclose(X, np.concatenate(pts, axis=1))


def test_planar_is_deterministic_and_seeded():
    X1, Y1 = load_planar_dataset(seed=1)
    X2, Y2 = load_planar_dataset(seed=1)
    X3, _ = load_planar_dataset(seed=2)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


def test_extra_datasets_shapes_and_determinism():
    a = load_extra_datasets(seed=3)
    b = load_extra_datasets(seed=3)
    c = load_extra_datasets(seed=4)
    assert set(a) == {"noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles"}
    for name, (X, Y) in a.items():
        assert X.shape == (2, 200) and X.dtype == np.float64, name
        assert Y.shape == (1, 200) and np.issubdtype(Y.dtype, np.integer), name
        assert set(np.unique(Y)) == {0, 1}, name
        assert 60 <= Y.sum() <= 140, name  # both classes well represented
        np.testing.assert_array_equal(X, b[name][0])
        np.testing.assert_array_equal(Y, b[name][1])
        assert not np.allclose(X, c[name][0]), name


def test_extra_datasets_have_their_geometry():
    sets = load_extra_datasets(seed=0, m=400)
    X, Y = sets["noisy_circles"]
    r = np.hypot(*X)
    assert r[Y[0] == 0].mean() > r[Y[0] == 1].mean() + 0.3  # outer ring vs inner ring
    X, Y = sets["gaussian_quantiles"]
    r = np.hypot(*X)
    assert r[Y[0] == 0].max() <= r[Y[0] == 1].min()  # disc inside ring, exactly
    X, Y = sets["noisy_moons"]
    assert X[1, Y[0] == 0].mean() > X[1, Y[0] == 1].mean()  # upper moon vs lower moon


def test_generators_leave_global_rng_alone():
    np.random.seed(12345)
    before = np.random.get_state()
    load_planar_dataset(seed=1)
    load_extra_datasets(seed=3)
    load_noisy_curve(seed=5)
    load_gaussian_classes(seed=6)
    load_tailed_classes(m=10, seed=7)
    after = np.random.get_state()
    assert before[0] == after[0]
    np.testing.assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]
    np.random.seed(12345)
    expected = np.random.rand(3)
    np.random.seed(12345)
    load_planar_dataset(seed=7)
    load_extra_datasets(seed=9)
    np.testing.assert_array_equal(np.random.rand(3), expected)


# ------------------------------------------------------------- 1-D regression


def test_noisy_curve_shapes_and_range():
    x, y = load_noisy_curve(m=40, noise=0.25, seed=12)
    assert x.shape == (1, 40) and y.shape == (1, 40)
    assert x.dtype == np.float64 and y.dtype == np.float64
    assert -1 <= x.min() and x.max() <= 1


def test_noisy_curve_is_the_curve_plus_noise_of_the_asked_size():
    x, y = load_noisy_curve(m=20000, noise=0.25, seed=1)
    residual = y - smooth_curve(x)
    assert abs(residual.mean()) < 0.01 and abs(residual.std() - 0.25) < 0.01
    assert abs(x.mean()) < 0.03 and abs(x.std() - 1 / np.sqrt(3)) < 0.01  # uniform on [-1, 1]
    x0, y0 = load_noisy_curve(m=5, noise=0.0, seed=3)
    np.testing.assert_allclose(y0, np.sin(np.pi * x0))


@pytest.mark.parametrize(
    "kwargs, says",
    [
        (dict(m=0), "m should be a whole number of points, at least 1, got 0"),
        (dict(m=2.5), "m should be a whole number of points, at least 1, got 2.5"),
        (dict(noise=-0.1), "noise should be a standard deviation of 0 or more, got -0.1"),
    ],
)
def test_noisy_curve_refuses_bad_arguments(kwargs, says):
    with pytest.raises(ValueError) as raised:
        load_noisy_curve(**kwargs)
    assert str(raised.value) == says


# ------------------------------------------------- classes for notebook 09


@pytest.mark.parametrize("num_classes", [2, 3])
def test_gaussian_classes_follow_their_means_and_shared_covariance(num_classes):
    X, y = load_gaussian_classes(m=30000, num_classes=num_classes, seed=1)
    assert X.shape == (2, 30000) and y.shape == (1, 30000) and X.dtype == np.float64 and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(num_classes))
    for k in range(num_classes):
        points = X[:, y[0] == k]
        assert abs(points.shape[1] / 30000 - 1 / num_classes) < 0.02  # equal chances for every class
        np.testing.assert_allclose(points.mean(axis=1), GAUSSIAN_MEANS[:, k], atol=0.05)
        np.testing.assert_allclose(np.cov(points), GAUSSIAN_COVARIANCE, atol=0.05)


def test_tailed_classes_move_one_example_of_class_one_in_five():
    X, y = load_tailed_classes(m=40000, num_features=6, seed=2)
    assert X.shape == (6, 40000) and y.shape == (1, 40000) and y.dtype == np.int64
    zero, one = X[:, y[0] == 0], X[:, y[0] == 1]
    np.testing.assert_allclose(zero.mean(axis=1), 0.0, atol=0.03)
    np.testing.assert_allclose(one[4:].mean(axis=1), 0.3, atol=0.03)  # the last features: only the shift of 0.3
    far = one[0] > 3.3  # the first feature of a far example is about 5.3
    assert abs(far.mean() - 0.2) < 0.01
    np.testing.assert_allclose(one[:4, far].mean(axis=1), [5.3, -4.7, 5.3, -4.7], atol=0.05)


@pytest.mark.parametrize("load", [load_noisy_curve, load_gaussian_classes, load_tailed_classes])
def test_generated_data_is_deterministic_and_seeded(load):
    a, b, c = load(seed=12), load(seed=12), load(seed=13)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.allclose(a[0], c[0])


@pytest.mark.parametrize(
    "load, kwargs, says",
    [
        (load_gaussian_classes, dict(m=0), "m should be a whole number of points, at least 1, got 0"),
        (load_gaussian_classes, dict(num_classes=4), "num_classes should be 2 or 3, got 4"),
        (load_tailed_classes, dict(m=1.5), "m should be a whole number of points, at least 1, got 1.5"),
        (load_tailed_classes, dict(num_features=3), "num_features should be a whole number, at least 4, got 3"),
    ],
)
def test_class_generators_refuse_bad_arguments(load, kwargs, says):
    with pytest.raises(ValueError) as raised:
        load(**kwargs)
    assert str(raised.value) == says
