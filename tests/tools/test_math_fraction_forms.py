"""Mixed numbers, repeating decimals, parts of an hour, recipes, equal groups and Fibonacci numbers: values worked
by the test itself (`fractions.Fraction`, repeated addition), and the requests with another reading declined."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import math_answer


def _mixed(value: Fraction) -> str:
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if not rest:
        return f"{sign}{whole}"
    return f"{sign}{whole} {rest}/{value.denominator}" if whole else f"{sign}{rest}/{value.denominator}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(-500, 500), st.integers(1, 60))
def test_a_fraction_as_a_mixed_number(p: int, q: int) -> None:
    text = f"write {p}/{q} as a mixed number"
    assert math_answer(text) == (_mixed(Fraction(p, q)), True), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text("0123456789", max_size=2), st.text("0123456789", min_size=1, max_size=3), st.integers(3, 4))
def test_a_repeating_decimal_written_out_is_its_fraction(fixed: str, block: str, times: int) -> None:
    # the value of 0.fixed(block): fixed/10^f + block/((10^b - 1) 10^f), worked here
    value = Fraction(int(fixed or "0"), 10 ** len(fixed)) + Fraction(int(block), (10 ** len(block) - 1) * 10 ** len(fixed))
    text = f"0.{fixed}{block * times}... as a fraction"
    answer = math_answer(text)
    assert answer is not None and answer[1], f"{text!r}: {answer}"
    assert Fraction(answer[0]) == value, f"{text!r}: answered {answer[0]}, the value is {value}"


@pytest.mark.parametrize(("text", "expected"), [
    ("0.3 recurring as a fraction", "1/3"),
    ("0.1(6) as a fraction", "1/6"),
    ("0.1\u03056\u0305 as a fraction", "16/99"),
    ("what is 0.5555...", "5/9"),
    ("0.100100100... as a fraction", "100/999"),
    ("what fraction of an hour is 45 minutes", "3/4"),
    ("90 seconds as a fraction of an hour", "1/40"),
    ("what fraction of a week is 2 days", "2/7"),
    ("a recipe needs 2/3 cup of oil and I'm making 1.5 batches, how many cups is that", "1"),
    ("I have 12 crates of 30 eggs, how many eggs is that in total", "360"),
    ("split $90 evenly among 4 people, how much does each get", "22.5"),
    ("the 20th fibonacci number if F1 = F2 = 1", "6765"),
    ("a crate holds 18 bottles, how many bottles in 5 crates", "90"),
    ("a shelf holds 20 books, how many books on 4 shelves", "80"),
    ("if 3 friends split a $45 bill evenly, how much does each pay", "15"),
    ("how much does each person get if $90 is split between 6 people", "15"),
    ("a recipe uses 3/4 cup of milk, how much for 2 batches", "3/2"),
    ("if a recipe calls for 2/3 cup of sugar and I halve it, how much sugar", "1/3"),
    ("the 5th fibonacci number, starting with 0, 1", "3"),
])
def test_everyday_fractions_and_counts(text: str, expected: str) -> None:
    assert math_answer(text) == (expected, True)


@pytest.mark.parametrize("text", [
    "0.12 repeating as a fraction",  # the 2, or the 12?
    "0.123... as a fraction",  # no block shown twice
    "what fraction of a month is 10 days",  # months vary
    "a recipe needs 2 cups of flour and I'm making 3 batches, how many grams is that",
    "I have 3 boxes of 24 cans, how many boxes is that",
    "split $240 between me and 3 friends, how much does each get",
    "split $240 with 3 friends, how much does each get",
    "a box holds 12 eggs, how many eggs in 7 crates",  # boxes are counted, crates asked about
    "if 4 friends and I split a $100 bill evenly, how much does each pay",
    "a recipe uses 2/3 cup of flour, how much sugar for 3 batches",
    "a recipe uses 2/3 cup of flour, how much for 3 cookies",
    "the 10th fibonacci number",  # 34 or 55: where does it start?
    "the 10th fibonacci number if F1 = F3 = 1",
])
def test_what_has_another_reading_declines(text: str) -> None:
    answer = math_answer(text)
    assert answer is None or not answer[1], f"{text!r} answered {answer}"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 300))
def test_fibonacci_by_repeated_addition(n: int) -> None:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    assert math_answer(f"the {n}th fibonacci number if F1 = F2 = 1") == (str(a), True)
