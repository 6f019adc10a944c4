"""Specification of number theory and numerals: wrong values fail their checks, near-misses decline."""

from __future__ import annotations

import pytest
import sympy
from agentkit.tools.math import MathFamily, numbers, numerals
from agentkit.tools.math._core import Scope
from agentkit.tools.math._parser import MathSyntaxError

from tests.helpers import math_answer

FAMILY = MathFamily()


answer = math_answer


# -- the independent checks reject wrong values ---------------------------------------

@pytest.mark.parametrize(
    ("operation", "args", "wrong"),
    [
        (numbers.GCD, [12, 18], 3),  # divides both but is not the greatest
        (numbers.GCD, [12, 18], 12),  # does not divide 18
        (numbers.LCM, [4, 6], 24),  # a common multiple, not the least
        (numbers.DENOMINATOR, [4, 6], 6),
        (numbers.REMAINDER, (17, 5), 7),  # 17 - 7 is a multiple of 5, but 7 is not below 5
        (numbers.REMAINDER, (17, 5), 3),
        (numbers.DIVIDES, (7, 49), False),
        (numbers.PARITY, (9, True), True),  # "is 9 even?" answered yes
        (numbers.PRIME, (91, False), True),  # 91 = 7*13 called prime
        (numbers.PRIME, (3825123056546413051, False), True),  # a strong pseudoprime to bases 2..23
        (numbers.PRIME, (1000000007, True), True),  # a prime called composite
        (numbers.PRIME_FACTORS, 60, [2, 3]),  # 5 is missing
        (numbers.PRIME_FACTORS, 60, [2, 3, 5, 15]),
        (numbers.FACTORIZATION, 360, {2: 3, 3: 2}),
        (numbers.DIVISORS, 12, [1, 2, 3, 4, 12]),
        (numbers.NEAREST_ROOT, (sympy.Integer(50), 2), 8),
        (numerals.ROUND, (sympy.Rational(1234, 10), sympy.Integer(10)), sympy.Integer(130)),
        (numerals.ROUND, (sympy.Rational(1234, 10), sympy.Integer(10)), sympy.Integer(125)),
        (numerals.PLACE_VALUE, (sympy.Integer(4821), 2), 2),
        (numerals.CONVERT, (255, 10, "255", 16), "fe"),
        (numerals.BASE_SUM, (16, [(1, "ff"), (1, "1")]), "101"),
        (numerals.PERCENT, ("what", sympy.Integer(12), sympy.Integer(80)), sympy.Integer(12)),
        (numerals.PERCENT, ("increase", sympy.Integer(15), sympy.Integer(80)), sympy.Integer(68)),
    ],
)
def test_verification_rejects_a_wrong_value(operation, args, wrong) -> None:
    assert operation.verify(args, wrong) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is the remainder when 3825123056546413051 is divided by 149491?", "0"),
        ("Is 3825123056546413051 prime?", "False"),
        ("Is 2**89 - 1 composite?", "False"),
        ("List the prime factors of 2**32 + 1.", "641, 6700417"),
        ("What is the greatest common divisor of -12 and 18?", "6"),
        ("What is -17 mod 5?", "3"),
    ],
)
def test_answers_pass_their_own_checks(text: str, expected: str) -> None:
    assert answer(text) == (expected, True)


def test_probable_prime_is_exact_where_trial_division_reaches() -> None:
    assert [n for n in range(100) if numbers.is_probable_prime(n)] == list(sympy.primerange(100))
    assert not numbers.is_probable_prime(561)  # a Carmichael number
    assert not numbers.is_probable_prime(3215031751)  # a strong pseudoprime to bases 2, 3, 5 and 7


# -- conventions --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Round 2.5 to the nearest integer.", "3"),
        ("Round -2.5 to the nearest integer.", "-3"),
        ("Round 0.125 to 2 dps.", "0.13"),
        ("What is -0.0000001 rounded to 3 decimal places?", "0"),
        ("Round 999.7 to 3 significant figures.", "1000"),
        ("what percent is 1 of 3", "(100/3)%"),
    ],
)
def test_rounding_and_percent_conventions(text: str, expected: str) -> None:
    assert answer(text) == (expected, True)


def test_bound_names_and_defined_functions_reach_the_slots() -> None:
    assert answer("What is the units digit of f(7)?", **{"f(x)": "x**3 - 1"}) == ("2", True)
    assert answer("Calculate the remainder when q is divided by 7.", q="100") == ("2", True)


def test_numerals_round_trip_through_every_base() -> None:
    for base in range(2, 37):
        for n in (-1295, -1, 0, 1, 35, 36, 123456789):
            assert numerals.from_digits(numerals.to_digits(n, base), base) == n


def test_a_digit_outside_the_base_is_refused() -> None:
    with pytest.raises(MathSyntaxError):
        numerals.from_digits("129", 9)


def test_a_sum_is_not_a_single_term() -> None:
    assert numerals.single_term("-38*(2 - 1)") == "-38*(2 - 1)"
    assert numerals.single_term("2*-3") == "2*-3"
    with pytest.raises(MathSyntaxError):
        numerals.single_term("80 + 5")


# -- limits and near-misses -------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Is 10**41 + 1 prime?",
        "What is the remainder when 2**20000 is divided by 7?",
        "What is 10**5000 rounded to the nearest ten?",
        "List the prime factors of 10**31 + 1.",
    ],
)
def test_huge_inputs_are_refused_not_computed(text: str) -> None:
    result = answer(text)
    assert result is None or result[1] is False


@pytest.mark.parametrize(
    "text",
    [
        "What is the remainder when 17 apples are divided among 5 kids?",
        "Is x prime?",
        "Does 3 divide 9 and 12?",
        "What is 7 mod -3?",
        "What is 5 + 10% of 80?",
        "1010 in decimal",
        "What is the 1st root of 10 to the nearest integer?",
        "In base 37, what is 1 + 1?",
        "Round 123456 to the nearest ten hundred.",
        "What is the gcd of x and 4?",
    ],
)
def test_near_misses_decline(text: str) -> None:
    assert answer(text) is None


def test_a_non_integer_slot_declines_in_prepare() -> None:
    with pytest.raises(MathSyntaxError):
        numbers.REMAINDER.prepare({"a": "15/4", "b": "2"}, Scope())
