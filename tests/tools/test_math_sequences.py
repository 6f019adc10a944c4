"""Specification of sequences by finite differences: a rule needs a confirming term, wrong values fail."""

from __future__ import annotations

import pytest
import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math import sequences
from agentkit.tools.math._core import Scope
from agentkit.tools.math._parser import MathSyntaxError

n = sympy.Symbol("n")


def solve(operation, slots: dict[str, str]) -> str:
    """Prepare, compute, verify and render one step with a single operation."""
    args = operation.prepare(slots, Scope())
    value = operation.compute(args)
    assert operation.verify(args, value) is None
    return operation.render(args, value)


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("-115, -225, -335", "-445"),
        ("9, 11, 11, 9, 5, -1", "-9"),  # quadratic
        ("5, 5, 5", "5"),
        ("1/2, 1, 3/2", "2"),
        ("0.5, 1, 1.5", "2"),  # exact: 2 is the same as 2.0
        ("0.25, 0.5, 0.75, ...", "1"),
    ],
)
def test_next_term_extends_the_difference_table(terms: str, expected: str) -> None:
    assert solve(sequences.NEXT_TERM, {"terms": terms}) == expected


def test_nth_term_is_the_polynomial_through_the_terms() -> None:
    assert solve(sequences.NTH_TERM, {"terms": "2471, 2448, 2425, 2402", "var": "z"}) == "2494 - 23*z"
    quadratic = {"terms": "1943, 3479, 5013, 6545", "var": "k"}
    assert solve(sequences.NTH_TERM, quadratic) == "-k**2 + 1539*k + 405"
    assert solve(sequences.NTH_TERM, {"terms": "4, 7, 10, 13", "position": "10"}) == "31"


@pytest.mark.parametrize(
    "terms",
    [
        "3, 6, 12",  # a quadratic fits exactly, with nothing left to confirm it
        "1, 2, 4, 8, 16",  # doubling is not polynomial
        "1, 1, 2, 3, 5, 8",
        "4, 9",
        "1, x, 3",
    ],
)
def test_a_rule_without_a_confirming_term_declines(terms: str) -> None:
    with pytest.raises(MathSyntaxError):
        sequences.NEXT_TERM.prepare({"terms": terms}, Scope())


def test_verification_rejects_a_wrong_next_term() -> None:
    args = sequences.NEXT_TERM.prepare({"terms": "1, 4, 9, 16"}, Scope())
    assert sequences.NEXT_TERM.verify(args, sympy.Integer(24)) is not None


def test_verification_rejects_a_formula_that_misses_a_term_or_is_unconfirmed() -> None:
    args = sequences.NTH_TERM.prepare({"terms": "3, 5, 7, 9", "var": "n"}, Scope())
    assert sequences.NTH_TERM.verify(args, 2 * n + 2) is not None
    # a cubic through four terms fits them all, but nothing confirms it
    cubic = sympy.expand(2 * n + 1 + (n - 1) * (n - 2) * (n - 3) * (n - 4))
    assert sequences.NTH_TERM.verify(args, cubic) is not None


def test_a_far_position_is_refused() -> None:
    with pytest.raises(LimitExceeded):
        sequences.NTH_TERM.prepare({"terms": "1, 2, 3", "position": "10000000"}, Scope())
