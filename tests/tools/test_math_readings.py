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


def _value(numbers: list[Fraction], ops: list[str]) -> Fraction | None:
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


# The README's convention: a fraction written tight ("3/4") beside an operator written as a word or a spaced
# × ÷ x ("6 divided by 3/4") is one number to a person.
_SPOKEN_SIGNS = {"times", "multiplied by", "divided by", "over", "x", "×", "÷"}


def _with_written_fractions(numbers: list[int], ops: list[str], shown: list[str]) -> Fraction | None:
    """The value when each tight ``a/b`` next to a spoken operator counts as one number."""
    spoken = [s.strip() in _SPOKEN_SIGNS and s.startswith(" ") for s in shown]
    tight = [s == "/" for s in shown]
    atoms: list[Fraction] = [Fraction(numbers[0])]
    kept: list[str] = []
    for i, (op, n) in enumerate(zip(ops, numbers[1:])):
        beside = (i > 0 and spoken[i - 1]) or (i + 1 < len(ops) and spoken[i + 1])
        chained = (i > 0 and tight[i - 1]) or (i + 1 < len(ops) and tight[i + 1])
        if tight[i] and beside and not chained:
            if n == 0:
                return None
            atoms[-1] = atoms[-1] / n
        else:
            atoms.append(Fraction(n))
            kept.append(op)
    return _value(atoms, kept)


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
    body, shown = str(numbers[0]), []
    for word, n in zip(words, numbers[1:]):
        spaced = draw(st.booleans()) or word.isalpha() or " " in word.strip() or word.strip() == "x"
        shown.append(f" {word.strip()} " if spaced else word.strip())
        body += f"{shown[-1]}{n}"
    expected = _with_written_fractions(numbers, ops, shown)
    symbolic = " ".join([str(numbers[0])] + [f"{op} {n}" for op, n in zip(ops, numbers[1:])])
    if expected != _value(numbers, ops):
        symbolic = None  # a written fraction changed the value: the symbols-only form means something else
    return draw(st.sampled_from(FRAMES)).format(body), symbolic, expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_flat())
def test_spoken_flat_arithmetic_equals_its_value_or_declines(case: tuple[str, str | None, Fraction | None]) -> None:
    text, symbolic, expected = case
    got = _answer(text)
    if expected is None:
        assert got is None, f"{text!r}: division by zero answered {got}"
    else:
        assert got in (None, expected), f"{text!r} read as {got}, expected {expected}"
        if symbolic is not None:  # the same request in symbols only must always be answered
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


def test_a_bare_assignment_gives_a_bound_name_a_new_value() -> None:
    """``x = 10`` after ``x = 3, y = 4``: x is 10 now (read as an equation in the old x it would be 3 = 10)."""
    result = FAMILY.execute(FAMILY.recognize("x = 10", Context(bindings={"x": "3", "y": "4"})))
    assert (result.text, result.bindings) == ("x = 10", {"x": "10"})
    assert FAMILY.verify(result).ok


def test_bars_read_as_an_absolute_value_only_where_an_operand_starts() -> None:
    from agentkit.tools.math._parser import MathSyntaxError, parse

    assert str(parse("|x - 3| + |2|").expr) == "Abs(x - 3) + 2"
    assert str(parse("2|x| + 1").expr) == "2*Abs(x) + 1"  # a bar after a number opens, outside other bars
    with pytest.raises(MathSyntaxError):
        parse("|2|x| - 1|")  # inside bars, the bar after 2 closes them
