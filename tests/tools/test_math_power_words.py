"""A power word after a power ("2^3 squared", "2 to the 3 squared") declines: it may raise the power (64) or
only its exponent (2^9 = 512). Inside parentheses, or after a plain number, it has one reading."""

from __future__ import annotations

import pytest

from tests.helpers import math_answer


@pytest.mark.parametrize("text", ["2^3 squared", "what's 2 to the 3 squared", "3 to the 4th power squared",
                                  "2 to the power of 3 cubed", "x^2 squared", "2**3 cubed"])
def test_a_power_word_after_a_power_declines(text: str) -> None:
    assert math_answer(text) is None


@pytest.mark.parametrize(("text", "value"), [("(2^3) squared", "64"), ("5 squared", "25"),
                                             ("11 squared minus 10 squared", "21"), ("3 to the 4th", "81")])
def test_a_power_word_with_one_reading_is_answered(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)
