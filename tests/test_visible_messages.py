"""The visible tests (course.checks.expect_close) name the commonest mistakes, as the hidden checks do:
a value off by a constant factor such as m, a flipped sign, a transposed shape (issue 12, item 7)."""

import numpy as np
import pytest

from course.checks import expect_close

EXPECTED = np.array([[0.25, -1.5, 2.0]])


@pytest.mark.parametrize(
    "got, says",
    [
        (EXPECTED * 4, "every value is 4 times too large (a missing division, by m perhaps?)"),
        (EXPECTED / 4, "every value is 4 times too small (an extra division, by m perhaps?)"),
        (-EXPECTED, "every value has the wrong sign"),
        (EXPECTED.T, "has shape (3, 1), expected (1, 3) (the transpose"),
        (np.array([[0.25, np.nan, 2.0]]), "it holds NaN where a number belongs"),
    ],
)
def test_a_common_mistake_is_named(got, says, capsys):
    with pytest.raises(AssertionError) as raised:
        expect_close("dw", got, EXPECTED)
    assert says in str(raised.value)


def test_an_unrelated_wrong_value_gets_no_made_up_reason():
    with pytest.raises(AssertionError) as raised:
        expect_close("dw", np.array([[0.3, 1.0, -2.0]]), EXPECTED)
    assert str(raised.value) == "dw differs from the expected value"


def test_a_right_value_passes(capsys):
    expect_close("dw", EXPECTED + 1e-12, EXPECTED)
    assert "yours:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "array, expected, says",
    [
        (
            np.zeros(5),
            (5, 1),
            "a should have shape (5, 1), got (5,) (a rank-1 array: reshape it into a column with .reshape(-1, 1))",
        ),
        (
            np.zeros(5),
            (1, "m"),
            "a should have shape (1, m), got (5,) (a rank-1 array: reshape it into a row with .reshape(1, -1))",
        ),
        (np.zeros((1, 3)), (3, 1), "a should have shape (3, 1), got (1, 3)"),
        ([1.0, 2.0], ("n", "m"), "a should be a numpy array of shape (n, m), got a list"),
    ],
)
def test_a_wrong_shape_is_named_with_what_was_expected(array, expected, says):
    from course.checks import ShapeError, check_shape

    with pytest.raises(ShapeError) as raised:
        check_shape("a", array, expected)
    assert str(raised.value) == says


def test_the_right_shape_passes_silently():
    from course.checks import check_shape

    check_shape("a", np.zeros((5, 1)), (5, 1))
    check_shape("a", np.zeros((1, 7)), (1, "m"))
    check_shape("a", np.zeros((2, 3)), ("n", "m"))
