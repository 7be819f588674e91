"""The visible tests (course.checks.expect_close) name the commonest mistakes, as the hidden checks do:
a value off by a constant factor such as m, a flipped sign, a transposed shape (issue 12, item 7)."""

import numpy as np
import pytest

from course.checks import expect_close

EXPECTED = np.array([[0.25, -1.5, 2.0]])


@pytest.mark.parametrize("got, says", [
    (EXPECTED * 4, "every value is 4 times too large (a missing division, by m perhaps?)"),
    (EXPECTED / 4, "every value is 4 times too small (an extra division, by m perhaps?)"),
    (-EXPECTED, "every value has the wrong sign"),
    (EXPECTED.T, "has shape (3, 1), expected (1, 3) (the transpose"),
    (np.array([[0.25, np.nan, 2.0]]), "it holds NaN where a number belongs"),
])
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
