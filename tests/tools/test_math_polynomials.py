"""Expanding, factoring, simplifying and coefficients: wrong values fail their checks, near-misses decline."""

from __future__ import annotations

import pytest
import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.base import Context
from agentkit.tools.math import MathFamily, polynomials
from agentkit.tools.math._core import Scope

FAMILY = MathFamily()
x, y, z = sympy.symbols("x y z")


def answer(text: str, **bindings: str) -> tuple[str, str, bool] | None:
    """The operation, answer text and verdict, or None when the family declines the step."""
    candidate = FAMILY.recognize(text, Context(bindings=bindings))
    if candidate is None or not candidate.complete:
        return None
    result = FAMILY.execute(candidate)
    return result.operation, result.text, FAMILY.verify(result).ok


# -- the independent checks reject wrong values ---------------------------------------

@pytest.mark.parametrize(
    ("operation", "args", "wrong"),
    [
        (polynomials.EXPAND, (x + 1) ** 3, x**3 + 3 * x**2 + 3 * x),
        (polynomials.FACTOR, x**2 - 5 * x + 6, (x - 2) * (x + 3)),
        (polynomials.FACTOR, x**3 - x, x * (x**2 - 1)),  # multiplies back, but not fully factored
        (polynomials.SIMPLIFY, ((x**2 - 1) / (x - 1), ()), x - 1),
        (polynomials.SIMPLIFY, ((z ** sympy.Rational(3, 8) * z) ** -35, (z,)), z ** sympy.Rational(-329, 7)),
        (polynomials.COEFFICIENT, ((x + 1) ** 3, x**2, (x,)), sympy.Integer(1)),
        (polynomials.COEFFICIENT, ((x + y) ** 2, x, (x,)), y),
        (polynomials.COMBINE_FUNCTIONS, 3 * (2 * x + 1) - x, 5 * x + 1),
        (polynomials.EXPAND, (x + 1) / x**50, x**-49 + x**-51),  # tiny where x is large
    ],
)
def test_verification_rejects_a_wrong_value(operation, args, wrong) -> None:
    assert operation.verify(args, wrong) is not None


def test_simplifying_under_positivity_is_checked_at_positive_points_only() -> None:
    assert polynomials.SIMPLIFY.verify((sympy.sqrt(x**2), (x,)), x) is None


def test_the_named_form_picks_the_coefficient_of_its_power() -> None:
    text = "Rearrange 4 - 3*v + 7*v**2 to the form a*v**2 + b + c*v and give c."
    assert answer(text) == ("coefficient_named", "-3", True)


def test_defined_functions_are_combined_and_multiplied_out() -> None:
    bindings = {"p(t)": "t + 2", "q(t)": "t**2"}
    assert answer("What is q(p(w))?", **bindings) == ("combine_functions", "w**2 + 4*w + 4", True)
    assert answer("Give 2*p(r) - r", **bindings) == ("combine_functions", "r + 4", True)


def test_combining_is_left_to_evaluation_without_defined_functions() -> None:
    result = answer("What is 3*x + x?")
    assert result is None or result[0] != "combine_functions"
    result = answer("Calculate f(2).", **{"f(t)": "t + 1"})
    assert result is not None and result[0] != "combine_functions"


# -- limits and near-misses -------------------------------------------------------------

def test_a_huge_expansion_is_refused_before_it_starts() -> None:
    with pytest.raises(LimitExceeded):
        polynomials.EXPAND.prepare({"expr": "(a + b + c + d + e)**30"}, Scope())


def test_a_high_degree_is_refused_for_factoring() -> None:
    with pytest.raises(LimitExceeded):
        polynomials.FACTOR.prepare({"expr": "x**60 - 1"}, Scope())


@pytest.mark.parametrize(
    "text",
    [
        "Rearrange 3*f**2 + f to the form a*f + b and give a.",  # the form has no f**2 term
        "Rearrange 3*f + 1 to the form a*f + b and give c.",  # c is not in the form
        "Express 2*u + 3*w as a*u + b and give a.",  # two variables
        "coefficient of x**2 in sin(x)",
        "coefficient of 2*x in (x + 1)**2",
        "Expand the team.",
        "Simplify the problem.",
        "Factor in the cost of shipping.",
        "Simplify x**(1/2)*x assuming y is positive.",
    ],
)
def test_near_misses_decline(text: str) -> None:
    assert answer(text) is None


def test_numbers_without_unknowns_are_left_to_other_operations() -> None:
    for text in ("Expand 2*(3 + 4).", "Simplify sqrt(12).", "Factor 6."):
        result = answer(text)
        assert result is None or result[0] not in {"expand", "simplify", "factor"}


def test_same_value_tells_tiny_values_apart() -> None:
    from agentkit.tools.math._core import numbers_equal, same_value

    x = sympy.Symbol("x")
    assert not same_value(x**-50, x**-51)
    assert not numbers_equal(sympy.Integer(2) ** -60, sympy.Integer(2) ** -61)
    assert same_value((x**2 - 1) / (x + 1), x - 1)


def test_same_value_needs_a_defined_point() -> None:
    from agentkit.tools.math._core import same_value

    x = sympy.Symbol("x")
    assert not same_value(1 / (x - x), 1 / (x - x))


def test_the_checks_of_systems_roots_and_points_reject_wrong_values() -> None:
    from agentkit.tools.math import geometry, polynomials, systems

    x, y = sympy.symbols("x y")
    one, two = sympy.Integer(1), sympy.Integer(2)
    system = ([x + y - 10, x - y - 2], [x, y], [x, y], False, "")
    facts = ([3 * x - 18], 2 * x + 1, False, "")
    cases = [
        (systems.SYSTEM, system, {x: sympy.Integer(6), y: sympy.Integer(5)}),
        (systems.FACTS, facts, [sympy.Integer(14)]),
        (systems.FACTS, ([x**2 - 4], x, False, ""), [two]),  # a root left out
        (polynomials.DISCRIMINANT, sympy.Poly(2 * x**2 + 3 * x - 5, x), sympy.Integer(48)),
        (polynomials.DISCRIMINANT, sympy.Poly(x**3 - 3 * x + 1, x), sympy.Integer(80)),
        (polynomials.ROOTS_VIETA, (sympy.Poly(x**2 - 7 * x + 10, x), "sum"), sympy.Integer(-7)),
        (polynomials.ROOTS_VIETA, (sympy.Poly(x**2 - 7 * x + 10, x), "product"), sympy.Integer(7)),
        (geometry.SLOPE, ((one, two), (sympy.Integer(4), sympy.Integer(11)), False), two),
        (geometry.DISTANCE, ((0, 0), (3, 4), False), sympy.Integer(7)),
        (geometry.MIDPOINT, ((two, 8), (6, -4), False), (sympy.Integer(4), sympy.Integer(3))),
        (geometry.VERTEX, (x**2 - 4 * x + 1, x, False), (two, sympy.Integer(-2))),
        (geometry.LINE_SLOPE, (2 * x + 3 * y - 6, False), sympy.Rational(2, 3)),
    ]
    for operation, args, wrong in cases:
        assert operation.verify(args, wrong) is not None, (operation.name, wrong)
