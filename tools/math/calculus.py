"""Derivatives, integrals and limits, each confirmed numerically: ``d/dx x*sin(x)``, ``integrate x dx``."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from typing import Any

import mpmath
import sympy
from agentkit.tools.math._boundary import SympyFailure, sympy_boundary
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render, same_value
from agentkit.tools.math._parser import MathSyntaxError, Parsed, spaced_products
from agentkit.tools.math.algebra import spoken

from agentkit.errors import LimitExceeded

__all__ = ["OPERATIONS", "parse_in"]

MAX_ORDER = 10
_DIGITS = 50  # working precision of the numeric checks
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
_ASK = (
    r"(?:(?:find|what is|what's|whats|give|calculate|compute|determine|evaluate|get) )?(?:the |an )?"
    r"(?:value of (?:the |an )?)?"
)
_NTH = {1: "", 2: "second ", 3: "third "}
_ORDER = rf"(?:(?P<order>{'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th)) )?"
_WRT = r"(?: (?:wrt|with respect to) (?P<var>[A-Za-z]))?"
# "at x = 2", "at 2", "when x = 2", "evaluated at x = 2", "for x = 2": a bare number needs one variable
_AT = (
    r"(?:,? (?:at|when|where|for|(?:evaluated|taken|computed) at) (?:the point )?"
    r"(?:(?P<at_var>[A-Za-z])\s*(?:=|\bequals\b|\bis\b)\s*(?P<at>[^=]+)|(?P<at_bare>[-+]?\d+(?:\.\d+)?(?:/\d+)?)))?"
)
# "derivative of f(x) = x**2", "of y = x**2": the name on the left is dropped, f's argument is the variable
_NAMED = r"(?:[A-Za-z](?:\((?P<fvar>[A-Za-z])\))?\s*=\s*)?"


# -- shared helpers ----------------------------------------------------------

def _variable(expr: sympy.Expr, name: str | None) -> sympy.Symbol:
    """The named variable, or the expression's only unknown when none is named."""
    if name:
        return sympy.Symbol(name)
    free = expr.free_symbols
    if len(free) != 1:
        raise MathSyntaxError("say which variable (e.g. 'with respect to x')")
    return next(iter(free))


def parse_in(text: str, scope: Scope, var: str | None) -> Parsed:
    """Parse with the variable unbound: the variable of a derivative or integral shadows a bound name.

    When no variable is named and the unknowns are ``e`` and one other (``e^(3x)``), ``e`` is Euler's number:
    read as a second variable the step would have no single variable and decline. When the variable is
    named, ``e`` raised to a power that holds the variable (``e^(2x)`` with respect to x) is Euler's number
    too: nobody writes a constant named e to the power of the variable.
    """
    parsed = (scope.without(var) if var else scope).parse(spaced_products(spoken(text)))
    e = sympy.Symbol("e")
    free = parsed.expr.free_symbols
    if "e" in scope.names or e not in free or var == "e":
        return parsed
    unnamed = var is None and len(free) == 2
    exponential = var is not None and any(
        power.base == e and power.exp.has(sympy.Symbol(var)) for power in parsed.expr.atoms(sympy.Pow))
    if unnamed or exponential:
        return Parsed(expr=parsed.expr.xreplace({e: sympy.E}), decimals=parsed.decimals,
                      symbols=parsed.symbols - {"e"}, text=parsed.text, notes=(*parsed.notes, "e = Euler's number"))
    return parsed


def _euler_reading(verb: str, expr: sympy.Expr, var: sympy.Symbol, *more: sympy.Expr) -> str:
    """The reading in sympy's notation, naming the convention when ``e`` was taken as Euler's number."""
    euler = any(part.has(sympy.E) or part.has(sympy.exp) for part in (expr, *more))
    return f"{verb.format(expr=sympy.sstr(expr), var=var)}" + (" (e = Euler's number)" if euler else "")


def _real(value: sympy.Expr, digits: int = _DIGITS) -> mpmath.mpf:
    """A finite real sympy number as an mpmath number at full precision; `MathSyntaxError` otherwise."""
    value = sympy.N(value, digits)
    if value.is_Rational:
        value = sympy.Float(value, digits)
    if not isinstance(value, sympy.Float) or not value.is_finite:
        raise MathSyntaxError(f"{value} is not a finite real number")
    return mpmath.mp.make_mpf(value._mpf_)


def _numeric(expr: sympy.Expr, var: sympy.Symbol) -> Callable[[Any], mpmath.mpf]:
    """``expr`` as a real function of ``var``, evaluated by sympy at mpmath's working precision."""
    def f(t: Any) -> mpmath.mpf:
        digits = mpmath.mp.dps + 10
        return _real(expr.xreplace({var: sympy.Float(mpmath.mpf(t), digits)}), digits)
    return f


def _close(a: mpmath.mpf, b: mpmath.mpf, scale: mpmath.mpf, tolerance: float = 1e-12) -> bool:
    """Relative agreement (tiny values are compared as carefully as large ones), with a floor far below it."""
    return abs(a - b) <= tolerance * max(abs(a), abs(b), abs(scale)) + mpmath.mpf(10) ** -35


def _random_points(symbols: list[sympy.Symbol], seed: int, tries: int = 30) -> Iterator[dict[Any, Any]]:
    """Random rational points, alternately small (inside most domains) and larger."""
    rng = random.Random(seed)
    for i in range(tries):
        top = 9 if i % 2 else 40
        yield {s: sympy.Rational(rng.randint(-top, top), rng.randint(1, 10)) for s in symbols}


# -- Differentiate x**2*y with respect to y ------------------------------------

DiffArgs = tuple[sympy.Expr, sympy.Symbol, int, sympy.Expr | None]


def _order(slots: Slots) -> int:
    text = (slots.get("order") or slots.get("n") or "first").lower()
    order = _ORDINALS.get(text) or int(re.sub(r"\D", "", text) or 0)
    if order < 1:
        raise MathSyntaxError(f"{text!r} is not a derivative order")
    if order > MAX_ORDER:
        raise LimitExceeded(f"derivatives up to order {MAX_ORDER} only, asked for {order}")
    return order


def _named_variable(slots: Slots, *keys: str) -> str | None:
    """The variable the step names, from any of ``keys``; they must agree."""
    names = {slots[k] for k in keys if slots.get(k)}
    if len(names) > 1:
        raise MathSyntaxError(f"two different variables: {', '.join(sorted(names))}")
    return names.pop() if names else None


def _primed(slots: Slots) -> Slots:
    """``f'(2)`` with ``f(x) = ...``: the primes are the order; an argument other than the variable is the point."""
    primes, arg = slots["primes"], slots["arg"].strip()
    slots = {**slots, "order": str(len(primes)), "primes": None}
    return slots if arg == slots["fvar"] else {**slots, "at_var": slots["fvar"], "at": arg}


def _prepare_diff(slots: Slots, scope: Scope) -> DiffArgs:
    if slots.get("primes"):
        slots = _primed(slots)
    name = _named_variable(slots, "var", "at_var", "fvar")
    expr = parse_in(slots["expr"], scope, name).expr
    if slots.get("dep") and (slots["dep"] == name or sympy.Symbol(slots["dep"]) in expr.free_symbols):
        raise MathSyntaxError(f"{slots['dep']} appears on both sides: an implicit derivative is not read here")
    var = _variable(expr, name)
    if expr.free_symbols and var not in expr.free_symbols:
        # "derivative of y with respect to x": y may be meant as a function of x
        raise MathSyntaxError(f"{var} does not appear in {expr}")
    at = scope.number(slots["at"]) if slots.get("at") else None
    if slots.get("at_bare"):
        # "derivative of x^2 at 3": the point belongs to the one variable there is
        if expr.free_symbols != {var}:
            raise MathSyntaxError("a point without a variable needs exactly one variable in the expression")
        at = scope.number(slots["at_bare"])
    if expr.has(sympy.zoo, sympy.nan, sympy.oo):
        raise MathSyntaxError("the expression is undefined")
    return expr, var, _order(slots), at


def _compute_diff(args: DiffArgs) -> sympy.Expr:
    expr, var, order, at = args
    derivative = sympy.diff(expr, var, order)
    if derivative.has(sympy.Derivative, sympy.Subs):
        raise MathSyntaxError("no closed form for this derivative")
    if at is None:
        return sympy.expand(derivative) if derivative.is_polynomial() else derivative
    value = sympy.simplify(derivative.xreplace({var: at}))
    if value.has(sympy.zoo, sympy.nan, sympy.oo):
        raise MathSyntaxError(f"the derivative is undefined at {var} = {at}")
    return value


def _verify_diff(args: DiffArgs, value: sympy.Expr) -> str | None:
    """Compare with high-precision finite differences of the original at points where both are real."""
    expr, var, order, at = args
    others = sorted(expr.free_symbols - {var}, key=str)
    checked = 0
    for point in _random_points([*others, var], seed=order):
        x0 = point.pop(var)
        x0 = x0 if at is None else at
        try:
            with sympy_boundary(), mpmath.workdps(_DIGITS):
                exact = _real(value.xreplace({**point, var: x0}))
                f = _numeric(expr.xreplace(point), var)
                numeric = mpmath.diff(f, _real(x0), order)
                scale = f(_real(x0))
        except (SympyFailure, MathSyntaxError):  # a point it cannot evaluate; never a limit
            continue
        if not _close(exact, numeric, scale):
            return f"finite differences give {mpmath.nstr(numeric, 15)} at {var} = {x0}, not {value}"
        checked += 1
        if checked == 3 or at is not None:
            return None
    return "no point found where the derivative could be checked numerically"


DIFFERENTIATE = Operation(
    name="differentiate",
    patterns=phrase(
        rf"{_ASK}{_ORDER}(?:partial )?derivative of {_NAMED}(?P<expr>.+?){_WRT}{_AT}",
        rf"differentiate {_NAMED}(?P<expr>.+?){_WRT}{_AT}",
        rf"{_ASK}d/d(?P<var>[A-Za-z])(?: of)?\s*(?P<expr>.+?){_AT}",
        rf"{_ASK}d\^?(?P<n>\d)/d(?P<var>[A-Za-z])\^?(?P=n)(?: of)?\s*(?P<expr>.+?){_AT}",
        # "what is f'(2) if f(x) = x^3", "f(x) = x^3 - 3x, find f''(x)": primes count the order
        rf"{_ASK}(?P<fname>[A-Za-z])(?P<primes>'{{1,3}}|′{{1,3}})\((?P<arg>[^()]+)\),? (?:if|when|where|given|for) "
        rf"(?:that )?(?P=fname)\((?P<fvar>[A-Za-z])\)\s*=\s*(?P<expr>[^=]+)",
        r"(?:(?:if|given|let) )?(?P<fname>[A-Za-z])\((?P<fvar>[A-Za-z])\)\s*=\s*(?P<expr>[^=]+?),? (?:then )?"
        r"(?:find|what is|what's|whats|compute|calculate|evaluate|determine|give) "
        r"(?P=fname)(?P<primes>'{1,3}|′{1,3})\((?P<arg>[^()]+)\)",
        # "find dy/dx if y = (2x + 1)^5": the name differentiated is the one the equation defines
        rf"{_ASK}d(?P<dep>[A-Za-z])/d(?P<var>[A-Za-z]),? (?:if|when|where|for|of|given|given that) "
        rf"(?P=dep)\s*=\s*(?P<expr>.+?){_AT}",
        rf"{_ASK}d(?P<dep>[A-Za-z])/d(?P<var>[A-Za-z]) of (?P<expr>[^=]+?){_AT}",
        # "slope of y = x^2 at x = 3": the slope of the curve (its tangent) at a point
        rf"{_ASK}(?:slope|gradient|(?:instantaneous )?rate of change) of (?:the )?(?:(?:tangent(?: line)?|curve|graph)(?: to| of)? (?:the (?:curve|graph) )?)?"
        rf"{_NAMED}(?P<expr>.+?) (?:at|when|where) (?:the point where )?(?P<at_var>[A-Za-z])\s*=\s*(?P<at>[^=]+)",
    ),
    prepare=_prepare_diff,
    compute=_compute_diff,
    verify=_verify_diff,
    render=lambda args, value: str(value),
    reason="whole step parsed as an expression, a variable and the order of the derivative",
    interpret=lambda args: _euler_reading(
        f"{_NTH.get(args[2], f'{args[2]}th')}derivative of {{expr}} with respect to {{var}}"
        + ("" if args[3] is None else f" at {args[1]} = {sympy.sstr(args[3])}"), args[0], args[1]),
)


# -- Integrate x**2 from 0 to 1 ------------------------------------------------

IntArgs = tuple[sympy.Expr, sympy.Symbol, sympy.Expr | None, sympy.Expr | None, bool]


def _prepare_integral(slots: Slots, scope: Scope) -> IntArgs:
    name = _named_variable(slots, "dvar", "var", "fvar")
    parsed = parse_in(slots["expr"], scope, name)
    var = _variable(parsed.expr, name)
    low = high = None
    decimals = parsed.decimals
    if slots.get("low"):
        bounds = [_bound(slots[key], scope, parsed.expr, var) for key in ("low", "high")]
        low, high = (b.expr for b in bounds)
        decimals = decimals or any(b.decimals for b in bounds)
        for bound in (low, high):
            if not (bound.is_number and bound.is_extended_real) or bound.has(sympy.zoo, sympy.nan):
                raise MathSyntaxError("the bounds of a definite integral must be real numbers")
        if parsed.expr.free_symbols - {var}:
            raise MathSyntaxError("a definite integral here must be of one variable")
    return parsed.expr, var, low, high, decimals


def _bound(text: str, scope: Scope, integrand: sympy.Expr, var: sympy.Symbol) -> Parsed:
    """A bound of a definite integral; ``e`` alone in it is Euler's number where no variable e is in play."""
    parsed = scope.parse(text)
    e = sympy.Symbol("e")
    if parsed.expr.free_symbols == {e} and var != e and not integrand.has(e) and "e" not in scope.names:
        return Parsed(expr=parsed.expr.xreplace({e: sympy.E}), decimals=parsed.decimals, symbols=frozenset(),
                      text=parsed.text, notes=(*parsed.notes, "e = Euler's number"))
    return parsed


def _compute_integral(args: IntArgs) -> sympy.Expr:
    expr, var, low, high, _ = args
    result = sympy.integrate(expr, var) if low is None else sympy.integrate(expr, (var, low, high))
    if result.has(sympy.Integral, sympy.Piecewise, sympy.zoo, sympy.nan):
        raise MathSyntaxError("no closed form found")
    if low is not None and not result.is_number:
        raise MathSyntaxError("the definite integral did not evaluate to a number")
    if low is not None and result.has(sympy.oo):
        raise MathSyntaxError("the integral diverges")
    return result


def _verify_integral(args: IntArgs, value: sympy.Expr) -> str | None:
    expr, var, low, high, _ = args
    if low is None:
        # differentiate back: the antiderivative's derivative is the integrand
        if same_value(sympy.diff(value, var), expr):
            return None
        return "differentiating the result does not give the integrand"
    try:
        with sympy_boundary(), mpmath.workdps(30):
            a, b = _real_bound(low), _real_bound(high)
            # split at 0, where abs(x), sqrt(x**2) and the like have their kinks
            points = [a, mpmath.mpf(0), b] if min(a, b) < 0 < max(a, b) else [a, b]
            numeric, error = mpmath.quad(_numeric(expr, var), points, error=True)
            exact = _real(value)
    except (SympyFailure, MathSyntaxError):  # a point it cannot evaluate; never a limit
        return "the integral could not be checked by numeric quadrature"
    if error > 1e-15 * max(abs(numeric), 1) or not _close(exact, numeric, error, 1e-12):
        return f"numeric quadrature gives {mpmath.nstr(numeric, 15)}, not {mpmath.nstr(exact, 15)}"
    return None


def _real_bound(bound: sympy.Expr) -> mpmath.mpf:
    if bound in (sympy.oo, -sympy.oo):
        return mpmath.inf if bound == sympy.oo else -mpmath.inf
    return _real(bound)


def _render_integral(args: IntArgs, value: sympy.Expr) -> str:
    if args[2] is not None:
        return render(value, args[4])
    return f"{value} + C"


_BOUNDS = r"(?: (?:from|between) (?P<low>.+?) (?:to|and) (?P<high>.+?))?"
_DVAR = r"(?: d(?P<dvar>[A-Za-z]))?"
INTEGRATE = Operation(
    name="integrate",
    patterns=phrase(
        rf"{_ASK}(?:integrate|(?:indefinite |definite )?integral of|antiderivative of|∫)\s*"
        rf"{_NAMED}(?P<expr>.+?){_DVAR}{_WRT}{_BOUNDS}",
        rf"{_ASK}(?:definite )?integral (?:from|between) (?P<low>.+?) (?:to|and) (?P<high>.+?) of "
        rf"{_NAMED}(?P<expr>.+?){_DVAR}{_WRT}",
    ),
    prepare=_prepare_integral,
    compute=_compute_integral,
    verify=_verify_integral,
    render=_render_integral,
    reason="whole step parsed as an integrand, its variable and any bounds",
    interpret=lambda args: _euler_reading(
        "integral of {expr} d{var}" + ("" if args[2] is None else f" from {sympy.sstr(args[2])} to {sympy.sstr(args[3])}"),
        args[0], args[1], *(b for b in args[2:4] if b is not None)),
)


# -- area under y = x^2 from 0 to 3 -------------------------------------------

def _prepare_area(slots: Slots, scope: Scope) -> IntArgs:
    args = _prepare_integral(slots, scope)
    if args[2] is None or args[0].free_symbols - {args[1]}:
        raise MathSyntaxError("an area here is under a curve of one variable between two bounds")
    if not (args[2] < args[3]):
        raise MathSyntaxError("the bounds of an area go from the smaller to the larger")
    return args


def _compute_area(args: IntArgs) -> sympy.Expr:
    """The integral, once the curve is shown not to dip below the axis (else net and total area differ)."""
    expr, var, low, high, _ = args
    numerator, denominator = sympy.fraction(sympy.together(expr))
    if numerator.is_polynomial(var) and denominator.is_polynomial(var):
        # Sturm: no root of odd multiplicity strictly inside, and the curve above the axis in the middle
        top = min(high, sympy.Integer(10) ** 9)  # the roots of a polynomial are bounded; a large finite top will do
        crossings = [p for p, k in sympy.Poly(numerator, var).sqf_list()[1] if k % 2 == 1]
        below = any(sympy.Poly(p, var).count_roots(low, top) - int(p.subs(var, low) == 0)
                    - int(p.subs(var, top) == 0) > 0 for p in crossings)
        middle = expr.xreplace({var: (low + top) / 2 if top.is_finite else low + 1})
        if below or middle < 0:
            raise MathSyntaxError(_DIPS)
    else:
        negative = sympy.solveset(expr < 0, var, sympy.Interval(low, high))
        if negative != sympy.S.EmptySet:
            raise MathSyntaxError(_DIPS if isinstance(negative, sympy.Set) and negative.is_empty is False
                                  else "could not tell where the curve is above the axis")
    return _compute_integral(args)


_DIPS = ("the curve dips below the axis there: the net (signed) area and the total area differ; ask for the "
         "definite integral or for the total area")


def _verify_area(args: IntArgs, value: sympy.Expr) -> str | None:
    """The integral's own quadrature check, and the curve sampled on the interval: never below the axis."""
    problem = _verify_integral(args, value)
    if problem:
        return problem
    expr, var, low, high, _ = args
    top = high if high.is_finite else low + 1000
    for k in range(41):
        point = low + (top - low) * sympy.Rational(k, 40)
        try:
            with sympy_boundary():
                height = sympy.N(expr.xreplace({var: point}), 20)
        except SympyFailure:
            continue
        if height.is_extended_real and height < -sympy.Float("1e-15"):
            return f"the curve is below the axis at {var} = {point}"
    return None


AREA = Operation(
    name="area_under",
    patterns=phrase(
        rf"{_ASK}area (?:under|below|beneath) (?:the (?:curve|graph)(?: of)? )?{_NAMED}(?P<expr>.+?) "
        r"(?:from|between) (?:x\s*=\s*)?(?P<low>.+?) (?:to|and) (?:x\s*=\s*)?(?P<high>.+?)",
    ),
    prepare=_prepare_area,
    compute=_compute_area,
    verify=_verify_area,
    render=_render_integral,
    reason="whole step parsed as a curve and the interval under which its area is asked",
    interpret=lambda args: _euler_reading(
        f"area under {{expr}} from {{var}} = {sympy.sstr(args[2])} to {sympy.sstr(args[3])} "
        "(the integral; the curve stays above the axis there)", args[0], args[1], args[2], args[3]),
)


# -- area between y = x and y = x^2 -------------------------------------------------

# the difference of the curves, the variable, the two crossings, the curves as read
BetweenArgs = tuple[sympy.Expr, sympy.Symbol, sympy.Expr, sympy.Expr, str]


def _prepare_between(slots: Slots, scope: Scope) -> BetweenArgs:
    upper, lower = parse_in(slots["f"], scope, None).expr, parse_in(slots["g"], scope, None).expr
    diff = sympy.expand(upper - lower)
    free = upper.free_symbols | lower.free_symbols
    if len(free) != 1 or not diff.is_polynomial(*free):
        raise MathSyntaxError("an area between curves here is between two polynomials in one variable")
    (var,) = free
    if not 1 <= sympy.Poly(diff, var).degree() <= MAX_BETWEEN_DEGREE:
        raise MathSyntaxError("the curves must cross, as polynomials of small degree")
    crossings = sorted(set(sympy.Poly(diff, var).real_roots()), key=lambda r: sympy.N(r, 30))
    if len(crossings) != 2:
        # none or one: no bounded region; three or more: several regions (one area, or their total?)
        raise MathSyntaxError(f"the curves cross {len(crossings)} times: give the bounds")
    return diff, var, crossings[0], crossings[1], f"{slots['f'].strip()} and {slots['g'].strip()}"


MAX_BETWEEN_DEGREE = 6


def _compute_between(args: BetweenArgs) -> sympy.Expr:
    diff, var, low, high, _ = args
    return sympy.Abs(sympy.simplify(sympy.integrate(diff, (var, low, high))))


def _verify_between(args: BetweenArgs, value: sympy.Expr) -> str | None:
    """Numeric roots (mpmath's polyroots) bound the region; quadrature of |f − g| between them gives the area."""
    diff, var, _, _, _ = args
    with mpmath.workdps(_DIGITS):
        coeffs = [mpmath.mpf(sympy.Rational(c).p) / sympy.Rational(c).q for c in sympy.Poly(diff, var).all_coeffs()]
        roots = sorted(r.real for r in mpmath.polyroots(coeffs, maxsteps=200, extraprec=200)
                       if abs(mpmath.im(r)) < mpmath.mpf(10) ** -30)
        distinct = [r for i, r in enumerate(roots) if i == 0 or abs(r - roots[i - 1]) > mpmath.mpf(10) ** -20]
        if len(distinct) != 2:
            return f"numerically the curves cross {len(distinct)} times"
        f = _numeric(diff, var)
        area = mpmath.quad(lambda t: abs(f(t)), distinct)
        if not _close(_real(value), area, area):
            return f"quadrature gives {mpmath.nstr(area, 15)}, not {value}"
    return None


AREA_BETWEEN = Operation(
    name="area_between",
    patterns=phrase(
        rf"{_ASK}area (?:between|enclosed by|enclosed between|bounded by) (?:the (?:curves|graphs|parabola|line) )?"
        r"(?:y\s*=\s*)?(?P<f>[^=]+?),? and (?:the (?:curve|line|parabola) )?(?:y\s*=\s*)?(?P<g>[^=]+?)",
    ),
    prepare=_prepare_between,
    compute=_compute_between,
    verify=_verify_between,
    render=lambda args, value: render(value),
    reason="whole step parsed as two curves that cross exactly twice",
    interpret=lambda args: f"area of the region between {args[4]}, from {args[1]} = {sympy.sstr(args[2])} to "
                           f"{sympy.sstr(args[3])} (where they cross)",
)


# -- limit of sin(x)/x as x -> 0 -----------------------------------------------

LimitArgs = tuple[sympy.Expr, sympy.Symbol, sympy.Expr, str]
_SIDES = {"left": "-", "below": "-", "right": "+", "above": "+", "-": "-", "+": "+"}


def _prepare_limit(slots: Slots, scope: Scope) -> LimitArgs:
    name = slots["var"]
    expr = parse_in(slots["expr"], scope, name).expr
    var = sympy.Symbol(name)
    if expr.free_symbols - {var}:
        raise MathSyntaxError("a limit here must be of one variable")
    point = scope.without(name).expr(slots["point"])
    if not point.is_number or point.has(sympy.zoo, sympy.nan) or not point.is_extended_real:
        raise MathSyntaxError(f"{slots['point']!r} is not a point to approach")
    side_word = slots.get("side") or slots.get("sign")
    side = _SIDES[side_word.lower()] if side_word else "+-"
    if point.is_infinite:
        side = "-" if point == sympy.oo else "+"
    return expr, var, point, side


def _compute_limit(args: LimitArgs) -> sympy.Expr:
    expr, var, point, side = args
    value = sympy.limit(expr, var, point, side)
    undefined = value.has(sympy.AccumBounds, sympy.Limit, sympy.zoo, sympy.nan)
    if undefined or not value.is_number or value.is_extended_real is False:
        raise MathSyntaxError("the limit does not exist (or could not be found)")
    return value


def _approach(point: sympy.Expr, side: str) -> list[list[sympy.Float]]:
    """Sequences of points tending to ``point`` from each side asked for."""
    steps = [sympy.Integer(10) ** k for k in (4, 8, 12, 16, 20)]
    if point == sympy.oo:
        return [[sympy.Float(s, 100) for s in steps]]
    if point == -sympy.oo:
        return [[sympy.Float(-s, 100) for s in steps]]
    signs = {"+": [1], "-": [-1], "+-": [1, -1]}[side]
    return [[sympy.Float(point + sign / s, 100) for s in steps] for sign in signs]


def _verify_limit(args: LimitArgs, value: sympy.Expr) -> str | None:
    """Evaluate ever closer to the point: the values must settle on the limit (or grow past all bounds)."""
    expr, var, point, side = args
    for sequence in _approach(point, side):
        try:
            with sympy_boundary():
                values = [_real(expr.xreplace({var: t}).evalf(60)) for t in sequence]
        except (SympyFailure, MathSyntaxError):  # a point it cannot evaluate; never a limit
            return "the expression could not be evaluated near the limit point"
        if value.is_infinite:
            sign = 1 if value == sympy.oo else -1
            magnitudes = [v * sign for v in values[-3:]]
            if not (magnitudes[0] < magnitudes[1] < magnitudes[2] and magnitudes[2] > 20):
                return f"values near the point ({mpmath.nstr(values[-1], 10)}) do not grow towards {value}"
        else:
            target = _real(value)
            errors = [abs(v - target) for v in values[-3:]]
            scale = max(abs(target), 1)
            shrinking = errors[2] < errors[0] / 10 or errors[2] <= 1e-40 * scale
            if not (errors[2] <= 1e-8 * scale and shrinking):
                return f"values near the point ({mpmath.nstr(values[-1], 15)}) do not settle on {value}"
    return None


_TENDS = r"\s*(?:->|→|approaches|tends to|goes to)\s*"
_SIDE = r"(?: from the (?P<side>left|right|above|below)|(?P<sign>[+-]))?"
LIMIT = Operation(
    name="limit",
    patterns=phrase(
        rf"{_ASK}limit of (?P<expr>.+?) (?:as|when|for) (?P<var>[A-Za-z]){_TENDS}(?P<point>.+?){_SIDE}",
        rf"{_ASK}(?:limit|lim) (?:(?:as|when) )?(?P<var>[A-Za-z]){_TENDS}(?P<point>.+?){_SIDE},? of (?P<expr>.+)",
        rf"{_ASK}lim (?P<expr>.+?),? (?:as|when|for) (?P<var>[A-Za-z]){_TENDS}(?P<point>.+?){_SIDE}",
        rf"lim(?:_\{{|_| )\s*(?P<var>[A-Za-z]){_TENDS}(?P<point>[^\s{{}}]+?)(?P<sign>[+-])?\}}?"
        r"\s*(?P<expr>.+)",
    ),
    prepare=_prepare_limit,
    compute=_compute_limit,
    verify=_verify_limit,
    render=lambda args, value: str(value),
    reason="whole step parsed as an expression, a variable and the point it approaches",
    interpret=lambda args: _euler_reading(
        f"limit of {{expr}} as {{var}} → {sympy.sstr(args[2])}" + {"+": " from the right", "-": " from the left"}.get(
            args[3] if args[2].is_finite else "", ""), args[0], args[1]),
)

OPERATIONS = (DIFFERENTIATE, INTEGRATE, AREA, AREA_BETWEEN, LIMIT)
