"""Critical points and extreme values over the reals: ``critical points of f(x) = x^3 - 3x``, ``the maximum value
of -x^2 + 4x + 1``.

Conventions:

- Only rational functions of one real variable (polynomials and their quotients), where the critical points are the
  real zeros of f' (f' exists wherever f does); the answer lists the x values. ``critical values`` declines (the x
  values, or f at them?).
- The maximum (minimum) value is over all real x, of a polynomial with rational coefficients; a polynomial that
  grows (falls) without bound has none, and the step says so rather than answer. An irrational extreme value
  declines (its check counts real zeros by Sturm's theorem, over the rationals).
"""

from __future__ import annotations

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.calculus import parse_in

from agentkit.errors import LimitExceeded

__all__ = ["OPERATIONS"]

MAX_DEGREE = 12
_ASK = r"(?:(?:find|what is|what's|whats|what are|give|calculate|compute|determine|get|list) )?(?:the |all )?"
_NAMED = r"(?:[A-Za-z](?:\((?P<fvar>[A-Za-z])\))?\s*=\s*)?"
_REALS = r"(?:,? (?:for|over) (?:all )?(?:real (?:x|numbers|values of x)|the reals|x in ℝ|x))?"


def _function(slots: Slots, scope: Scope, *, polynomial: bool) -> tuple[sympy.Expr, sympy.Symbol, bool]:
    parsed = parse_in(slots["expr"], scope, slots.get("fvar"))
    expr = parsed.expr
    free = expr.free_symbols
    if len(free) != 1 or (slots.get("fvar") and sympy.Symbol(slots["fvar"]) not in free):
        raise MathSyntaxError("a function of one variable is needed")
    (var,) = free
    numerator, denominator = sympy.fraction(sympy.together(expr))
    if not (numerator.is_polynomial(var) and denominator.is_polynomial(var)):
        raise MathSyntaxError("only polynomials and their quotients here")
    if polynomial and not expr.is_polynomial(var):
        raise MathSyntaxError("extreme values of polynomials only")
    if not all(sympy.Poly(part, var).domain in (sympy.ZZ, sympy.QQ) for part in (numerator, denominator)):
        raise MathSyntaxError("rational coefficients only (Sturm's count needs them)")
    if max(sympy.degree(numerator, var), sympy.degree(denominator, var)) > MAX_DEGREE:
        raise LimitExceeded(f"degree above {MAX_DEGREE}")
    return expr, var, parsed.decimals


def _real_zeros(expr: sympy.Expr, var: sympy.Symbol) -> list[sympy.Expr]:
    """The distinct real zeros of a rational function, exact (radicals where sympy finds them)."""
    numerator, denominator = sympy.fraction(sympy.together(expr))
    zeros = sympy.solveset(numerator, var, sympy.S.Reals)
    if zeros == sympy.S.EmptySet:
        return []
    if not isinstance(zeros, sympy.FiniteSet):
        raise MathSyntaxError("the zeros of the derivative were not found in closed form")
    return sorted((z for z in zeros if sympy.simplify(denominator.xreplace({var: z})) != 0),
                  key=lambda z: float(sympy.N(z)))


def _count_real_zeros(expr: sympy.Expr, var: sympy.Symbol) -> int:
    """Sturm's count of the distinct real zeros of the numerator that are not zeros of the denominator."""
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
    if numerator == 0:
        raise MathSyntaxError("the derivative is zero everywhere")
    if numerator.is_number:
        return 0
    return sympy.Poly(numerator, var).sqf_part().count_roots()


# -- critical points of f(x) = x^3 - 3x ------------------------------------------------------------------

CriticalArgs = tuple[sympy.Expr, sympy.Symbol, bool]


def _compute_critical(args: CriticalArgs) -> list[sympy.Expr]:
    expr, var, _ = args
    derivative = sympy.diff(expr, var)
    if sympy.cancel(derivative) == 0:
        raise MathSyntaxError("the function is constant: every point is critical")
    return _real_zeros(derivative, var)


def _verify_critical(args: CriticalArgs, points: list[sympy.Expr]) -> str | None:
    expr, var, _ = args
    derivative = sympy.diff(expr, var)
    for point in points:
        if not point.is_extended_real or sympy.simplify(derivative.xreplace({var: point})) != 0:
            return f"f' is not 0 at {var} = {point}"
    count = _count_real_zeros(derivative, var)
    if count != len(points):
        return f"Sturm's theorem counts {count} real zeros of f', not {len(points)}"
    return None


CRITICAL = Operation(
    name="critical_points",
    patterns=phrase(
        rf"{_ASK}(?:critical|stationary|turning) (?:points|numbers)(?: of| for)? {_NAMED}(?P<expr>.+?){_REALS}",
        rf"{_ASK}(?:points|values of [A-Za-z]) where the derivative of {_NAMED}(?P<expr>.+?) is (?:zero|0)",
    ),
    prepare=lambda slots, scope: _function(slots, scope, polynomial=False),
    compute=_compute_critical,
    verify=_verify_critical,
    render=lambda args, points: render(points, args[2]) if points else "no critical points",
    reason="whole step parsed as a function of one variable whose critical points are asked",
    interpret=lambda args: f"the real x where d/d{args[1]} ({sympy.sstr(args[0])}) = 0",
)


# -- the maximum value of -x^2 + 4x + 1 --------------------------------------------------------------------

ExtremumArgs = tuple[sympy.Expr, sympy.Symbol, bool, int]  # sign: +1 for a maximum, -1 for a minimum

_KIND = {"maximum": 1, "max": 1, "largest": 1, "greatest": 1, "highest": 1,
         "minimum": -1, "min": -1, "smallest": -1, "least": -1, "lowest": -1}


def _prepare_extremum(slots: Slots, scope: Scope) -> ExtremumArgs:
    expr, var, decimals = _function(slots, scope, polynomial=True)
    return expr, var, decimals, _KIND[slots["kind"].lower()]


def _compute_extremum(args: ExtremumArgs) -> sympy.Expr:
    expr, var, _, sign = args
    poly = sympy.Poly(expr, var)
    if poly.degree() < 1:
        raise MathSyntaxError("the expression is constant")
    if poly.degree() % 2 == 1 or sympy.sign(poly.LC()) == sign:
        word = "maximum" if sign == 1 else "minimum"
        raise MathSyntaxError(f"no {word}: {expr} {'grows' if sign == 1 else 'falls'} without bound")
    values = [sympy.simplify(expr.xreplace({var: c})) for c in _real_zeros(sympy.diff(expr, var), var)]
    if not values:
        raise MathSyntaxError("no critical point found")
    best = max(values, key=lambda v: sign * sympy.N(v, 30))
    if not best.is_Rational:
        raise MathSyntaxError("an irrational extreme value is not checked here")
    return best


def _verify_extremum(args: ExtremumArgs, value: sympy.Expr) -> str | None:
    """The bound holds everywhere and is reached: sign·(value − f) is never negative (no real zero of odd
    multiplicity, by Sturm, and not negative at one point) and has a real zero."""
    expr, var, _, sign = args
    gap = sympy.Poly(sympy.expand(sign * (value - expr)), var)
    odd = [factor for factor, k in gap.sqf_list()[1] if k % 2 == 1]
    if any(factor.count_roots() > 0 for factor in odd):
        return f"{value} is crossed: the function goes past it"
    if gap(0) < 0:  # the polynomial at 0 (Poly is callable)
        return f"{value} is not a bound: the function passes it at {var} = 0"
    if gap.count_roots() == 0:
        return f"{value} is never reached"
    return None


EXTREMUM = Operation(
    name="extreme_value",
    patterns=phrase(
        rf"{_ASK}(?P<kind>{'|'.join(_KIND)})(?: possible)? value of {_NAMED}(?P<expr>.+?){_REALS}",
        rf"{_ASK}(?P<kind>{'|'.join(_KIND)}) of {_NAMED}(?P<expr>.+?){_REALS}",
    ),
    prepare=_prepare_extremum,
    compute=_compute_extremum,
    verify=_verify_extremum,
    render=lambda args, value: render(value, args[2]),
    reason="whole step parsed as a polynomial whose extreme value over the reals is asked",
    interpret=lambda args: f"the {'maximum' if args[3] == 1 else 'minimum'} of {sympy.sstr(args[0])} "
                           f"over all real {args[1]}",
)

OPERATIONS = (CRITICAL, EXTREMUM)
