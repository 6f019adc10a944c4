"""Derivatives, integrals and limits: wrong values fail their numeric checks, near-misses decline."""

from __future__ import annotations

import pytest
import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math import MathFamily, calculus
from agentkit.tools.math._core import Scope

from tests.helpers import math_answer

FAMILY = MathFamily()
x, y = sympy.symbols("x y")


answer = math_answer


# -- the independent checks reject wrong values ---------------------------------------

@pytest.mark.parametrize(
    ("operation", "args", "wrong"),
    [
        (calculus.DIFFERENTIATE, (x * sympy.sin(x), x, 1, None), x * sympy.cos(x)),  # half the product rule
        (calculus.DIFFERENTIATE, (x**4, x, 2, None), 12 * x**3),
        (calculus.DIFFERENTIATE, (x**2 * y, y, 1, None), 2 * x * y),  # wrong variable
        (calculus.DIFFERENTIATE, (x**3, x, 1, sympy.Integer(2)), sympy.Integer(4)),
        (calculus.INTEGRATE, (x**2, x, None, None, False), x**3),
        (calculus.INTEGRATE, (sympy.sin(x), x, None, None, False), sympy.cos(x)),  # sign
        (calculus.INTEGRATE, (x, x, sympy.Integer(0), sympy.Integer(1), False), sympy.Integer(1)),
        (calculus.INTEGRATE, (sympy.exp(-x**2), x, -sympy.oo, sympy.oo, False), sympy.pi),
        (calculus.LIMIT, (sympy.sin(x) / x, x, sympy.Integer(0), "+-"), sympy.Integer(0)),
        (calculus.LIMIT, ((1 + 1 / x) ** x, x, sympy.oo, "-"), sympy.Integer(1)),
        (calculus.LIMIT, (1 / x, x, sympy.Integer(0), "+"), -sympy.oo),
        (calculus.LIMIT, (x / (x + 1), x, sympy.oo, "-"), sympy.oo),
        # tiny values are compared relatively, not against an absolute tolerance
        (calculus.DIFFERENTIATE, (x**-60, x, 1, None), -60 * x**-59),
        (calculus.INTEGRATE, (x**-60, x, None, None, False), -(x**-61) / 59),
        (calculus.LIMIT, (x + sympy.exp(-30), x, sympy.Integer(0), "+-"), sympy.Integer(0)),
    ],
)
def test_verification_rejects_a_wrong_value(operation, args, wrong) -> None:
    assert operation.verify(args, wrong) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("derivative of sqrt(1 - x**2)", "-x/sqrt(1 - x**2)"),  # checked only where the root is real
        ("What is the fifth derivative of x**7*exp(x)?", None),
        ("integrate abs(x) from -1 to 1", "1"),  # the kink at 0 does not fool the quadrature
        ("limit of (x - sin(x))/x**3 as x -> 0", "1/6"),
        ("limit of x**x as x -> 0+", "1"),
        ("limit of ln(x) as x -> 0 from the right", "-oo"),  # log(x) without a base declines (log₁₀ or ln?)
    ],
)
def test_answers_pass_their_own_checks(text: str, expected: str | None) -> None:
    result = answer(text)
    assert result is not None and result[1], result
    assert expected is None or result[0] == expected


def test_the_variable_of_differentiation_shadows_a_bound_name() -> None:
    assert answer("Differentiate q**3 + 2*q wrt q.", q="5") == ("3*q**2 + 2", True)


def test_e_to_a_power_of_the_named_variable_is_eulers_number() -> None:
    # d/dx e^(2x) = 2e^(2x) by hand; a constant named e would give 2*e**(2*x)*log(e)
    assert answer("differentiate e^(2x) with respect to x") == ("2*exp(2*x)", True)
    assert answer("Differentiate e**2*x**3 wrt e.") == ("2*e*x**3", True)  # e is the variable: a letter
    assert answer("What is the derivative of 5*e*x**2 wrt x?") == ("10*e*x", True)  # a factor, not a base


def test_other_bound_names_are_substituted_before_differentiating() -> None:
    assert answer("What is the derivative of k*t**2 wrt t?", k="4") == ("8*t", True)


def test_indefinite_integrals_carry_a_constant() -> None:
    assert answer("integral of 3*x**2 dx") == ("x**3 + C", True)


# -- limits and near-misses -------------------------------------------------------------

def test_an_order_above_the_limit_is_refused_in_prepare() -> None:
    with pytest.raises(LimitExceeded):
        calculus.DIFFERENTIATE.prepare({"expr": "x**30", "order": "11th"}, Scope())


@pytest.mark.parametrize(
    "text",
    [
        "limit of 1/x as x -> 0",  # the two sides disagree
        "limit of sin(x) as x -> oo",  # oscillates
        "limit of 1/log(x) as x -> 0+",  # true, but too slow to confirm numerically
        "integrate 1/x from -1 to 1",  # diverges
        "integrate 1/x from 1 to oo",
        "integrate sin(x)/x from 0 to oo",  # quadrature cannot confirm an oscillating tail
    ],
)
def test_values_that_cannot_be_confirmed_are_not_verified(text: str) -> None:
    result = answer(text)
    assert result is None or result[1] is False


@pytest.mark.parametrize(
    "text",
    [
        "derivative of x*y",  # which variable?
        "derivative of y with respect to x",  # y may be meant as a function of x
        "What is the derivative of 5?",
        "derivative of f(x) = t**2 wrt t",  # the names disagree
        "integrate x*y from 0 to 1",
        "limit of x + y as x -> 0",
        "The derivative of the stock price is positive.",
    ],
)
def test_near_misses_decline(text: str) -> None:
    assert answer(text) is None


# -- sums, Taylor polynomials, extreme values and areas: their checks reject wrong values ---------------

def test_the_new_calculus_checks_reject_wrong_values() -> None:
    from agentkit.tools.math import extrema, series

    n, zero, one, three = sympy.Symbol("n"), sympy.Integer(0), sympy.Integer(1), sympy.Integer(3)
    cases = [
        (series.SUM, (1 / n**2, n, one, sympy.oo, False, ""), sympy.Rational(8, 5)),  # close, but not pi**2/6
        (series.SUM, (n, n, one, sympy.Integer(100), False, ""), sympy.Integer(5051)),  # term by term
        (series.SUM, (n**3, n, one, sympy.Integer(3000), False, ""), sympy.Integer(20263502250001)),  # induction
        (series.TAYLOR, (sympy.exp(x), x, zero, 3), x**3 / 5 + x**2 / 2 + x + 1),
        (series.TAYLOR, (sympy.sin(x) / x, x, zero, 2), 1 - x**2 / 5),  # removable singularity at the point
        (extrema.CRITICAL, (x**3 - 3 * x, x, False), [one]),  # one critical point missing
        (extrema.CRITICAL, (x**3 - 3 * x, x, False), [-one, three]),
        (extrema.EXTREMUM, (-x**2 + 4 * x + 1, x, False, 1), sympy.Integer(4)),  # passed at x = 2
        (extrema.EXTREMUM, (x**2 - 6 * x + 13, x, False, -1), three),  # never reached
        (calculus.AREA, (x - 1, x, zero, sympy.Integer(2), False), zero),  # net, not total, area
    ]
    for operation, args, wrong in cases:
        assert operation.verify(args, wrong) is not None, (operation.name, wrong)


def test_the_area_under_a_curve_that_dips_below_the_axis_declines() -> None:
    dips = answer("area under y = x^2 - 4 from 0 to 3")  # the integral, 3, is the net area; the total is 23/3
    assert dips is None or not dips[1], dips
    assert answer("area under y = x^2 + 1 from 0 to 3") == ("12", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^2 sin x", "x^2*sin x"),
        ("2 x cos x", "2*x*cos x"),
        ("sin x cos x", "sin(x)*cos x"),  # a bare argument closes where the product starts
        ("x^3 e^x", "x^3*e^x"),  # a letter raised to a power after an exponent starts a new factor
        ("x^2 + 1", "x^2 + 1"),  # no spaced product: unchanged
        ("2 x 3", "2*x 3"),  # never before a number (x may be a times sign): the parse then declines
        ("a x", "a x"),  # never the word a
    ],
)
def test_a_space_is_a_product_only_between_a_factor_and_a_function_or_letter(text: str, expected: str) -> None:
    from agentkit.tools.math._parser import spaced_products

    assert spaced_products(text) == expected


def test_a_lone_letter_after_an_exponent_is_ambiguous() -> None:
    from agentkit.tools.math._parser import AmbiguousReading, spaced_products

    with pytest.raises(AmbiguousReading):
        spaced_products("e^2 x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("derivative of x^3 - 4x at 2", "8"),
        ("what is the derivative of 3x^2 + 2x - 1 when x = 2", "14"),
        ("find the derivative of x^2 + 1 evaluated at x = 5", "10"),
        ("the value of the derivative of x^4 at x = 1", "4"),
        ("the derivative of x squared at 3", "6"),
        ("differentiate e^x sin x", "exp(x)*sin(x) + exp(x)*cos(x)"),
    ],
)
def test_a_derivative_at_a_point_in_every_usual_wording(text: str, expected: str) -> None:
    assert answer(text) == (expected, True)


def test_a_bare_point_needs_a_single_variable() -> None:
    assert answer("derivative of x*y at 3") is None
    assert answer("derivative of x*y wrt x at 3") is None


def test_the_area_between_two_curves_is_checked_by_quadrature() -> None:
    from agentkit.tools.math._core import Scope
    from agentkit.tools.math.calculus import AREA_BETWEEN

    args = AREA_BETWEEN.prepare({"f": "x", "g": "x^2"}, Scope())
    assert AREA_BETWEEN.verify(args, AREA_BETWEEN.compute(args)) is None
    assert AREA_BETWEEN.verify(args, sympy.Rational(1, 3)) is not None  # the area under x alone, not between
