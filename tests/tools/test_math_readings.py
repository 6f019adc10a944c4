"""Spoken arithmetic reads with the precedence of symbols, or declines: a property test and the stated readings.

The renderer here is written from English, independently of the recognizer's phrase tables, and the
expected value comes from Python's `fractions`, never from the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit.tools.base import Context
from agentkit.tools.math import MathFamily
from tests.helpers import load_golden

FAMILY = MathFamily()

# How a person may write each operator (symbols and words, as they come).
SPOKEN = {
    "+": ["+", "plus", " + "],
    "-": ["-", "minus", "−"],
    "*": ["*", "x", "×", "times", "multiplied by"],
    "/": ["/", "÷", "divided by", "over"],
}
FRAMES = ["{}", "what is {}", "What is {}?", "calculate {}", "what's {}?", "Compute {}."]


def _value(numbers: list[int], ops: list[str]) -> Fraction | None:
    """Ordinary precedence with fractions: products and quotients first, then sums, each left to right."""
    terms, signs = [Fraction(numbers[0])], []
    for op, n in zip(ops, numbers[1:]):
        if op in "*/":
            if op == "/" and n == 0:
                return None
            terms[-1] = terms[-1] * n if op == "*" else terms[-1] / n
        else:
            signs.append(op)
            terms.append(Fraction(n))
    total = terms[0]
    for sign, term in zip(signs, terms[1:]):
        total = total + term if sign == "+" else total - term
    return total


def _answer(text: str) -> Fraction | None:
    candidate = FAMILY.recognize(text, Context())
    if candidate is None or not candidate.complete:
        return None
    result = FAMILY.execute(candidate)
    assert result.error is None and FAMILY.verify(result).ok, (text, result.text)
    assert candidate.interpretation, text
    return Fraction(result.text)


@st.composite
def _flat(draw) -> tuple[str, str, Fraction | None]:
    size = draw(st.integers(1, 5))
    numbers = draw(st.lists(st.integers(0, 40), min_size=size + 1, max_size=size + 1))
    ops = draw(st.lists(st.sampled_from("+-*/"), min_size=size, max_size=size))
    words = [draw(st.sampled_from(SPOKEN[op])) for op in ops]
    body = str(numbers[0])
    for word, n in zip(words, numbers[1:]):
        body += f" {word.strip()} {n}" if draw(st.booleans()) or word.isalpha() or " " in word.strip() \
            or word.strip() == "x" else f"{word.strip()}{n}"
    symbolic = " ".join([str(numbers[0])] + [f"{op} {n}" for op, n in zip(ops, numbers[1:])])
    return draw(st.sampled_from(FRAMES)).format(body), symbolic, _value(numbers, ops)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_flat())
def test_spoken_flat_arithmetic_equals_precedence_or_declines(case: tuple[str, str, Fraction | None]) -> None:
    text, symbolic, expected = case
    got = _answer(text)
    if expected is None:
        assert got is None, f"{text!r}: division by zero answered {got}"
    else:
        assert got in (None, expected), f"{text!r} read as {got}, {symbolic} = {expected}"
        assert _answer(symbolic) == expected, symbolic


def test_flat_spoken_arithmetic_is_answered() -> None:
    """Precision first, but flat arithmetic in words is not ambiguous: it must be answered."""
    for text, expected in [("7 plus 8 times 2", 23), ("9 minus 12 over 4", 6), ("2 x 3 - 4 divided by 2", 4),
                           ("what is 100 - 5 times 3", 85), ("3 multiplied by 4 plus 1", 13)]:
        assert _answer(text) == expected, text


INTERPRETATIONS = load_golden("math/interpretations")


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in INTERPRETATIONS], ids=[c[0] for c in INTERPRETATIONS])
def test_interpretation_states_the_reading(text: str, expected: str) -> None:
    candidate = FAMILY.recognize(text, Context())
    assert candidate is not None and candidate.complete, (text, candidate)
    assert candidate.interpretation == expected


@pytest.mark.parametrize("text", ["2 + 3 to the power of 2", "6/2(1+2)", "the sum of 2 and 3 times 4",
                                  "what is 2 x + 3", "(-8)^(1/3)", "log(x)"])
def test_a_decline_names_the_readings(text: str) -> None:
    candidate = FAMILY.recognize(text, Context())
    assert candidate is not None and not candidate.complete
    assert "reading" in candidate.reason or "ambiguous" in candidate.reason or " or " in candidate.reason, candidate.reason
