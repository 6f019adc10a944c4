"""Sums and Taylor polynomials: ``sum of 1/n^2 from n=1 to infinity``, ``the sum of the integers from 1 to 100``,
``taylor series of e^x around 0 up to the x^3 term``.

Conventions:

- A sum's bounds are inclusive (``from 1 to 100``); ``between`` is not read (inclusive or not?). ``the first 10 odd
  (even) numbers`` start at 1 (at 2): the reading says so; ``the first 10 whole (natural) numbers`` declines (from
  0 or from 1?). ``the first 10 squares`` are 1² … 10²; ``the squares from 1 to 100`` declines (the squares of the
  numbers 1 to 100, or the square numbers up to 100?). A series that diverges, or whose value is not found in closed form, declines.
- A Taylor polynomial is asked ``up to the x^n term`` / ``to order n`` / ``to degree n`` (every power through n);
  ``n terms`` declines (n non-zero terms, or through the power n - 1?). Without a point, ``up to the x^n term``
  means around 0 (the powers are of x itself); ``maclaurin`` is around 0.
"""

from __future__ import annotations

import mpmath
import sympy
from agentkit.tools.math._boundary import SympyFailure, sympy_boundary
from agentkit.tools.math._core import Operation, Scope, Slots, numbers_equal, phrase, render
from agentkit.tools.math._parser import AmbiguousReading, MathSyntaxError
from agentkit.tools.math.calculus import parse_in

from agentkit.errors import LimitExceeded

__all__ = ["OPERATIONS"]

MAX_TERMS_CHECKED = 2000  # a finite sum this short is also added term by term
MAX_BOUND = 10**12
MAX_TAYLOR_ORDER = 12
_ASK = r"(?:(?:find|what is|what's|whats|give|calculate|compute|determine|evaluate|get) )?(?:the )?"
_NAMED = r"(?:[A-Za-z](?:\((?P<fvar>[A-Za-z])\))?\s*=\s*)?"

# "the odd numbers": the first one and the step
_KINDS = {
    "integers": (1, 1), "whole numbers": (1, 1), "numbers": (1, 1), "natural numbers": (1, 1),
    "positive integers": (1, 1), "counting numbers": (1, 1),
    "odd numbers": (1, 2), "odd integers": (1, 2), "even numbers": (2, 2), "even integers": (2, 2),
}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))


# -- sum of 1/n^2 from n=1 to infinity ----------------------------------------------------------------

SumArgs = tuple[sympy.Expr, sympy.Symbol, sympy.Expr, sympy.Expr, bool, str]


def _bound(text: str, scope: Scope) -> sympy.Expr:
    value = scope.expr(text)
    if value == sympy.oo:
        return value
    if not value.is_Integer:
        raise MathSyntaxError(f"{text.strip()!r} is not a whole-number bound")
    if abs(value) > MAX_BOUND:
        raise LimitExceeded(f"bounds up to {MAX_BOUND} only")
    return value


def _prepare_sum(slots: Slots, scope: Scope) -> SumArgs:
    if slots.get("power") and not slots.get("kind"):
        slots = {**slots, "kind": "positive integers"}
    if slots.get("kind"):
        first, step = _KINDS[slots["kind"].lower()]
        k = sympy.Symbol("k")
        if slots.get("count"):
            if slots["kind"].lower() in ("whole numbers", "natural numbers"):
                raise AmbiguousReading(f"the first {slots['count']} {slots['kind'].lower()} have two readings: "
                                       "from 0 or from 1; say from where to where")
            count = _bound(slots["count"], scope)
            if count is sympy.oo or count < 1:
                raise MathSyntaxError("say how many numbers")
            expr, low, high = first + step * (k - 1), sympy.Integer(1), count
            power = {"squares": 2, "cubes": 3}.get((slots.get("power") or "").lower(), 1)
            expr = expr**power
            mark = {1: "", 2: "²", 3: "³"}[power]
            shown = f"{'the ' + slots['power'].lower() + ' of ' if power > 1 else ''}the first {count} {slots['kind'].lower()}: " \
                    f"{first}{mark} + {first + step}{mark} + … + {first + step * (count - 1)}{mark}"
            return expr, k, low, high, False, shown
        low, high = _bound(slots["low"], scope), _bound(slots["high"], scope)
        if high is sympy.oo:
            raise MathSyntaxError("that sum diverges")
        if step == 2:  # the odd (even) numbers from low to high, both ends included when they are odd (even)
            start = low if low % 2 == first % 2 else low + 1
            expr, low, high = start + 2 * k, sympy.Integer(0), (high - start) // 2
        else:
            expr = k
        shown = f"the {slots['kind'].lower()} from {slots['low'].strip()} to {slots['high'].strip()}, both included"
        return expr, k, low, high, False, shown
    if not slots.get("var"):
        free = parse_in(slots["expr"], scope, None).expr.free_symbols  # e beside one letter is Euler's number
        if len(free) != 1:
            raise MathSyntaxError("say which letter is the index")
        slots = {**slots, "var": str(next(iter(free)))}
    var = sympy.Symbol(slots["var"])
    parsed = parse_in(slots["expr"], scope, slots["var"])  # e^(-n) with respect to n: Euler's number
    if parsed.expr.free_symbols - {var}:
        raise MathSyntaxError("a sum here is of one index")
    low, high = _bound(slots["low"], scope), _bound(slots["high"], scope)
    if low is sympy.oo or (high is not sympy.oo and high < low):
        raise MathSyntaxError("the bounds are the wrong way round")
    shown = f"sum of {sympy.sstr(parsed.expr)} for {var} = {low} to {sympy.sstr(high)}" + \
        (" (e = Euler's number)" if "e = Euler's number" in parsed.notes else "")
    return parsed.expr, var, low, high, parsed.decimals, shown


def _compute_sum(args: SumArgs) -> sympy.Expr:
    expr, var, low, high, _, _ = args
    value = sympy.summation(expr, (var, low, high))
    if value.has(sympy.Sum, sympy.zoo, sympy.nan, sympy.oo, sympy.Piecewise) or not value.is_number:
        raise MathSyntaxError("the sum diverges, or has no closed form found")
    return sympy.nsimplify(value) if value.is_Float else value


def _verify_sum(args: SumArgs, value: sympy.Expr) -> str | None:
    """Term by term when short; else the closed form S(N) checked by induction (S(low) is the first term,
    S(N) − S(N − 1) is term N) for a finite sum, or mpmath's extrapolated numeric sum for an infinite one."""
    expr, var, low, high, _, _ = args
    if high is not sympy.oo and high - low < MAX_TERMS_CHECKED:
        total = sum((expr.xreplace({var: sympy.Integer(i)}) for i in range(int(low), int(high) + 1)),
                    sympy.Integer(0))
        return None if numbers_equal(sympy.nsimplify(total) if total.is_Float else total, value) \
            else f"adding the terms gives {total}, not {value}"
    if high is not sympy.oo:
        n = sympy.Symbol("N", integer=True)
        partial = sympy.summation(expr, (var, low, n))
        first = sympy.simplify(partial.xreplace({n: low}) - expr.xreplace({var: low}))
        step = sympy.simplify(partial - partial.xreplace({n: n - 1}) - expr.xreplace({var: n}))
        if first != 0 or step != 0 or not numbers_equal(partial.xreplace({n: high}), value):
            return "the closed form of the partial sums does not hold by induction"
        return None
    try:
        with sympy_boundary(), mpmath.workdps(30):
            term = _mp_function(expr, var)
            numeric = mpmath.nsum(term, [int(low), mpmath.inf])
            exact = mpmath.mpf(sympy.N(value, 40))
    except (SympyFailure, TypeError, ValueError, ZeroDivisionError, MathSyntaxError):
        return "the series could not be summed numerically"
    if abs(numeric - exact) > mpmath.mpf(10) ** -12 * max(1, abs(exact)):
        return f"the numeric sum is {mpmath.nstr(numeric, 15)}, not {value}"
    return None


_MP_FUNCTIONS = {sympy.exp: mpmath.exp, sympy.log: mpmath.log, sympy.sin: mpmath.sin, sympy.cos: mpmath.cos,
                 sympy.tan: mpmath.tan, sympy.atan: mpmath.atan, sympy.factorial: mpmath.factorial,
                 sympy.Abs: abs}


def _mp_function(expr: sympy.Expr, var: sympy.Symbol):  # noqa: ANN202 - a closure over mpmath numbers
    """``expr`` as a function of ``var`` built from mpmath's own operations, walking the sympy tree (no code is
    generated or evaluated), so that a numeric series can take its thousands of terms quickly."""
    if expr == var:
        return lambda t: mpmath.mpf(t)
    if expr.is_number:
        constant = mpmath.mpf(sympy.N(expr, mpmath.mp.dps + 10)) if expr.is_extended_real else None
        if constant is None:
            raise MathSyntaxError(f"{expr} is not real")
        return lambda t: constant
    parts = [_mp_function(a, var) for a in expr.args]
    if isinstance(expr, sympy.Add):
        return lambda t: mpmath.fsum(p(t) for p in parts)
    if isinstance(expr, sympy.Mul):
        return lambda t: mpmath.fprod(p(t) for p in parts)
    if isinstance(expr, sympy.Pow):
        base, exponent = parts
        if expr.exp.is_Integer:
            power = int(expr.exp)
            return lambda t: base(t) ** power
        return lambda t: mpmath.power(base(t), exponent(t))
    function = _MP_FUNCTIONS.get(expr.func)
    if function is None or len(parts) != 1:
        raise MathSyntaxError(f"{expr.func} has no numeric form here")
    (inner,) = parts
    return lambda t: function(inner(t))


_FROM = r"(?:from|for|as|with|over) (?P<var>[A-Za-z])\s*=\s*(?P<low>[^=]+?) (?:to|through|up to) (?P<high>[^=]+?)"
SUM = Operation(
    name="sum",
    patterns=phrase(
        rf"{_ASK}(?:sum of the series|sum of|series) (?P<expr>.+?),? {_FROM}",
        rf"{_ASK}(?:sum of the series|sum of|series) (?P<expr>.+?),? (?:for |as |with )?(?P<var>[A-Za-z]) "
        r"(?:from|going from|running from) (?P<low>[^=]+?) "
        r"(?:to|through|up to) (?P<high>[^=]+?)",
        rf"{_ASK}sum (?:from|for|over) (?P<var>[A-Za-z])\s*=\s*(?P<low>[^=]+?) (?:to|through) (?P<high>[^=]+?),? "
        r"of (?P<expr>.+)",
        # "sum of k^2 from 1 to 10": the index is the term's one unknown
        rf"{_ASK}(?:sum of the series|sum of|series) (?P<expr>.+?) from (?P<low>[^=]+?) (?:to|through) (?P<high>[^=]+?)",
        rf"{_ASK}sum of (?:all )?(?:the )?(?P<kind>{_KIND}) from (?P<low>-?\d+) (?:to|through|up to) (?P<high>-?\d+)",
        rf"{_ASK}sum of the first (?P<count>\d+) (?:positive )?(?P<kind>{_KIND})",
        # "the first 10 squares" are 1², 2², …, 10²; "the squares from 1 to 100" is not read (which squares?)
        rf"{_ASK}sum of the first (?P<count>\d+) (?:positive )?(?:perfect )?(?P<power>squares|cubes)",
        rf"{_ASK}sum of the (?P<power>squares|cubes) of the first (?P<count>\d+) (?:positive )?(?P<kind>{_KIND})",
    ),
    prepare=_prepare_sum,
    compute=_compute_sum,
    verify=_verify_sum,
    render=lambda args, value: render(value, args[4]),
    reason="whole step parsed as a term, its index and the index's bounds",
    interpret=lambda args: args[5],
)


# -- taylor series of e^x around 0 up to the x^3 term -------------------------------------------------------

TaylorArgs = tuple[sympy.Expr, sympy.Symbol, sympy.Expr, int]


def _prepare_taylor(slots: Slots, scope: Scope) -> TaylorArgs:
    names = {slots[k] for k in ("fvar", "cvar", "termvar") if slots.get(k)}
    if len(names) > 1:
        raise MathSyntaxError(f"two different variables: {', '.join(sorted(names))}")
    name = names.pop() if names else None
    expr = parse_in(slots["expr"], scope, name).expr
    free = expr.free_symbols
    if name is None and len(free) != 1:
        raise MathSyntaxError("say which variable")
    var = sympy.Symbol(name) if name else next(iter(free))
    if free - {var}:
        raise MathSyntaxError("a Taylor polynomial here is of one variable")
    order = int(slots.get("power") or slots.get("order") or 0)
    if order < 1 or order > MAX_TAYLOR_ORDER:
        raise LimitExceeded(f"orders 1 to {MAX_TAYLOR_ORDER} only")
    if slots.get("point"):
        point = scope.without(str(var)).number(slots["point"])
    elif slots.get("maclaurin") or slots.get("power"):
        point = sympy.Integer(0)
    else:
        raise MathSyntaxError("say around which point")
    if slots.get("power") and point != 0:
        raise MathSyntaxError(f"a term in {var}^n is a power of {var} itself, but the point is {point}")
    return expr, var, point, order


def _compute_taylor(args: TaylorArgs) -> sympy.Expr:
    expr, var, point, order = args
    value = sympy.series(expr, var, point, order + 1).removeO()
    if value.has(sympy.Order, sympy.zoo, sympy.nan) or not value.is_polynomial(var):
        raise MathSyntaxError("no Taylor polynomial there")
    return value


def _verify_taylor(args: TaylorArgs, value: sympy.Expr) -> str | None:
    """Taylor's theorem, numerically: f(a + h) − P(a + h) shrinks like h^(n+1), so the quotient by h^(n+1) settles
    as h goes to 0; a wrong coefficient of any power up to n makes it blow up instead. Evaluated at a + h, never at a,
    so a removable singularity (sin(x)/x at 0) is no obstacle."""
    expr, var, point, order = args
    digits = 40 + 8 * (order + 2)
    quotients = []
    for sign in (1, -1):
        for k in (5, 6, 7):
            h = sign * sympy.Rational(1, 10**k)
            try:
                with sympy_boundary():
                    gap = sympy.N((expr - value).xreplace({var: point + h}), digits)
            except SympyFailure:
                break
            if not gap.is_extended_real:
                break
            quotients.append(gap / h ** (order + 1))
        if len(quotients) >= 3:
            break
        quotients = []
    if len(quotients) < 3:
        return "the expression could not be evaluated near the point"
    q1, q2, q3 = quotients[:3]
    if abs(q2 - q1) > sympy.Float("1e-3") * max(1, abs(q1)) or abs(q3 - q2) > sympy.Float("1e-4") * max(1, abs(q2)):
        return f"{sympy.sstr(value)} does not agree with {sympy.sstr(expr)} to order {order} near {var} = {point}"
    return None


def _taylor_reading(args: TaylorArgs) -> str:
    expr, var, point, order = args
    euler = " (e = Euler's number)" if expr.has(sympy.E) or expr.has(sympy.exp) else ""
    return f"Taylor polynomial of {sympy.sstr(expr)} around {var} = {point}, through the power {order}{euler}"


TAYLOR = Operation(
    name="taylor",
    patterns=phrase(
        rf"{_ASK}(?:(?P<maclaurin>maclaurin)|taylor) (?:series|expansion|polynomial) (?:of|for) {_NAMED}"
        r"(?P<expr>.+?)(?: (?:around|about|at|centered at|centred at) (?:(?P<cvar>[A-Za-z])\s*=\s*)?(?P<point>\S+?))?"
        r",? (?:up to|to|through|until)(?: and including)? (?:the )?"
        r"(?:(?P<termvar>[A-Za-z])\s*(?:\^|\*\*)\s*(?P<power>\d+)(?: term)?|(?:order|degree) (?P<order>\d+))",
    ),
    prepare=_prepare_taylor,
    compute=_compute_taylor,
    verify=_verify_taylor,
    render=lambda args, value: str(value),
    reason="whole step parsed as an expression, the point of expansion and the highest power",
    interpret=_taylor_reading,
)

OPERATIONS = (SUM, TAYLOR)
