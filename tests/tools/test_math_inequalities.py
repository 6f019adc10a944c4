"""Inequalities in one unknown: interval notation over the reals, checked at points inside and outside."""

from __future__ import annotations

import pytest
import sympy

from agentkit.tools.math.inequalities import INEQUALITY, render_set
from tests.helpers import math_answer

x = sympy.Symbol("x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("solve 6 - 3x < 0", "(2, oo)"),
        ("for what x is x^2 >= 1", "(-oo, -1] ∪ [1, oo)"),
        ("when is (x + 1)/(x - 3) <= 0", "[-1, 3)"),  # 3 makes the left side undefined: left out
        ("solve x^3 - x < 0", "(-oo, -1) ∪ (0, 1)"),
        ("find all x such that x^2 + x + 1 > 0", "(-oo, oo)"),
    ],
)
def test_inequalities_are_answered_in_interval_notation(text: str, expected: str) -> None:
    assert math_answer(text) == (expected, True)


@pytest.mark.parametrize(
    ("relation", "wrong"),
    [
        ("2*x + 3 > 7", sympy.Interval(2, sympy.oo)),  # the end is taken in where it must be left out
        ("x**2 < 4", sympy.Interval.open(-2, 3)),
        ("x**2 - 1 > 0", sympy.Interval.open(1, sympy.oo)),  # a piece is missing
        ("1/x > 2", sympy.Interval.Lopen(0, sympy.Rational(1, 2))),
    ],
)
def test_the_check_rejects_a_wrong_set(relation: str, wrong: sympy.Set) -> None:
    from agentkit.tools.math._core import Scope

    args = INEQUALITY.prepare({"rel": relation}, Scope())
    assert INEQUALITY.verify(args, INEQUALITY.compute(args)) is None
    assert INEQUALITY.verify(args, wrong) is not None


def test_the_notation_renders_each_kind_of_set() -> None:
    assert render_set(sympy.Union(sympy.Interval.open(-sympy.oo, -1), sympy.Interval(1, 2))) == "(-oo, -1) ∪ [1, 2]"
    assert render_set(sympy.FiniteSet(0)) == "{0}"
    assert render_set(sympy.S.EmptySet) == "no real solution"


@pytest.mark.parametrize(
    "text",
    ["solve 0 < x < 1", "solve x*y > 2", "solve x^2 < a", "solve ln(x) > 1", "solve 2x + 3 = 7 > 1",
     "when is the meeting > 3"],
)
def test_near_misses_decline(text: str) -> None:
    assert math_answer(text) is None
