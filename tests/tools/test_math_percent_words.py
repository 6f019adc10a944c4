"""A percent named in words beside a number ("15% more than 200") is never read as the fraction 0.15 added.

To a shopper, 15% more than 200 is 230; the grammar alone would give 200.15. Each phrasing here must be
declined or answered as the percent of the other number.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.helpers import math_answer

_CASES = [
    ("what is 15% more than 200", 200, 15, +1),
    ("what's 15% less than 80", 80, 15, -1),
    ("20 percent more than 50", 50, 20, +1),
    ("how much is 12.5% less than 64", 64, Fraction(25, 2), -1),
    ("whats 40% more than 1,250", 1250, 40, +1),
]


@pytest.mark.parametrize(("text", "base", "percent", "sign"), _CASES)
def test_a_percent_beside_a_number_is_never_its_fraction(text, base, percent, sign):
    answer = math_answer(text)
    if answer is None:
        return  # declined: the safe outcome
    value, ok = answer
    assert ok
    assert Fraction(value) == Fraction(base) * (1 + sign * Fraction(percent) / 100), (text, value)


@pytest.mark.parametrize("text", ["the sum of 15% and 200", "15% added to 200"])
def test_a_percent_summed_with_a_number_declines(text):
    assert math_answer(text) is None
