"""course.logistic hands notebook 5's propagate to later notebooks (as logistic_cost_and_gradients): it must
be notebook 5's answer, and stay finite where the learning-rate curves of notebook 10 take steps far too large."""

import numpy as np
import pytest

from autograder.paths import source_notebook
from autograder.samples import solution_sources
from course.checks import ShapeError
from course.logistic import _sigmoid as sigmoid
from course.logistic import logistic_cost_and_gradients as propagate


@pytest.fixture(scope="module")
def notebook5_propagate():
    namespace = {"np": np}
    sources = solution_sources(source_notebook("05_logistic_regression", "logistic_regression"))
    for name in ("sigmoid", "propagate"):
        exec(sources[name], namespace)
    return namespace["propagate"]


@pytest.mark.parametrize("n, m", [(1, 1), (3, 7), (20, 50)])
def test_propagate_is_notebook_5s_answer(n, m, notebook5_propagate):
    rng = np.random.default_rng(n * 100 + m)
    w, b = rng.normal(size=(n, 1)), float(rng.normal())
    X, Y = rng.normal(size=(n, m)), (rng.random((1, m)) < 0.5).astype(float)
    grads, cost = propagate(w, b, X, Y)
    expected_grads, expected_cost = notebook5_propagate(w, b, X, Y)
    np.testing.assert_allclose(grads["dw"], expected_grads["dw"], rtol=1e-10, atol=1e-12)
    assert grads["db"] == pytest.approx(expected_grads["db"], rel=1e-10, abs=1e-12)
    assert cost == pytest.approx(expected_cost, rel=1e-10)
    assert isinstance(cost, float) and isinstance(grads["db"], float)


def test_propagate_stays_finite_and_silent_far_from_the_minimum():
    # z = +-1000: log(0) and e^1000 would give inf and warnings; the cost is 1000 per wrong example
    w, X, Y = np.array([[1.0]]), np.array([[1000.0, -1000.0]]), np.array([[0.0, 1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is harmless
        grads, cost = propagate(w, 0.0, X, Y)
        assert sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]
    assert cost == pytest.approx(1000.0)
    np.testing.assert_allclose(grads["dw"], [[1000.0]])
    assert grads["db"] == pytest.approx(0.0)


def test_propagate_names_a_wrong_shape():
    with pytest.raises(ShapeError, match=r"w should have shape \(2, 1\), got \(1, 2\)"):
        propagate(np.zeros((1, 2)), 0.0, np.zeros((2, 3)), np.zeros((1, 3)))
