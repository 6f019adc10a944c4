"""Two paired lists: the Pearson correlation and the least-squares line of y on x (slope, intercept, equation).

Conventions:

- The lists are labelled, ``x = 1, 2, 3 and y = 2, 4, 5`` (or ``x: …, y: …``, or in brackets ``[1, 2, 3] and
  [2, 4, 5]``): unlabelled, ``1, 2, 3 and 2, 4, 5`` has no clear place where one list ends.
- ``correlation`` (``correlation coefficient``, ``r``) is Pearson's r = Sxy / √(Sxx·Syy); it needs both lists to
  vary. ``slope`` / ``intercept`` / ``line`` of the ``least squares`` / ``regression`` / ``best fit`` line are of
  y on x: b = Sxy / Sxx, a = ȳ − b·x̄. ``regression of x on y`` declines (another line).
- Values are exact (r may be a square root); a rounding clause (``to 4 decimal places``) rounds the exact value.
  The check recomputes each value by the raw-sum formulas (n·Σxy − Σx·Σy, …) and compares it with Python's
  ``statistics.correlation`` / ``statistics.linear_regression`` in floating point.
"""

from __future__ import annotations

import re
import statistics
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, decimal_text, phrase, terminating
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.descriptive import read_items

__all__ = ["OPERATIONS"]

_ASK = r"(?:(?:what is|what's|whats|find|calculate|compute|give me|get|work out) )?(?:the )?"
_LIST = r"[-\d.,/ ]+?(?:,? and [-\d./]+)?"
_NUM = r"-?(?:\d+(?:\.\d+)?|\.\d+)"
_PAIRED = (rf"(?:x\s*(?:=|:)\s*\[?(?P<x>{_LIST})\]?,? (?:and )?y\s*(?:=|:)\s*\[?(?P<y>{_LIST})\]?"
           rf"|\[(?P<bx>[^\[\]]+)\] and \[(?P<by>[^\[\]]+)\]"
           rf"|(?:the )?(?:points|data points|pairs|data) (?P<points>\(\s*{_NUM}\s*,\s*{_NUM}\s*\)(?:(?:,| and|, and)\s*"
           rf"\(\s*{_NUM}\s*,\s*{_NUM}\s*\))+))")
_FIT = r"(?:least[- ]squares?(?: regression)?|linear regression|regression|best[- ]fit|ols)"
_LINE = rf"(?:{_FIT} line|line of best fit|regression line|{_FIT})(?: of y on x)?"
_WHAT = {"": "line", "r": "correlation", "correlation coefficient r": "correlation", "correlation": "correlation", "slope": "slope", "intercept": "intercept", "y-intercept": "intercept",
         "line": "line", "equation": "line"}


def _lists(slots: Slots, scope: Scope) -> tuple[list[Fraction], list[Fraction]]:
    if slots.get("points"):
        pairs = re.findall(rf"\(\s*({_NUM})\s*,\s*({_NUM})\s*\)", slots["points"])
        xs, ys = [Fraction(x) for x, _ in pairs], [Fraction(y) for _, y in pairs]
    else:
        xs = read_items(slots.get("x") or slots["bx"], scope)
        ys = read_items(slots.get("y") or slots["by"], scope)
    if len(xs) != len(ys):
        raise MathSyntaxError(f"{len(xs)} x values but {len(ys)} y values")
    if len(set(xs)) < 2:
        raise MathSyntaxError("x must take at least two values")
    return xs, ys


def _sums(xs: list[Fraction], ys: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    """Sxx, Syy, Sxy about the means."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxx, syy, sxy


def _prepare(slots: Slots, scope: Scope) -> tuple[str, list[Fraction], list[Fraction]]:
    what = _WHAT[" ".join(slots["what"].lower().split())]
    xs, ys = _lists(slots, scope)
    if what == "correlation" and len(set(ys)) < 2:
        raise MathSyntaxError("the correlation needs y to vary too")
    return what, xs, ys


def _q(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _compute(args: tuple[str, list[Fraction], list[Fraction]]) -> sympy.Expr | tuple[sympy.Expr, sympy.Expr]:
    what, xs, ys = args
    sxx, syy, sxy = _sums(xs, ys)
    if what == "correlation":
        return _q(sxy) / sympy.sqrt(_q(sxx) * _q(syy))
    slope = sxy / sxx
    intercept = sum(ys) / len(ys) - slope * sum(xs) / len(xs)
    if what == "slope":
        return _q(slope)
    if what == "intercept":
        return _q(intercept)
    return _q(slope), _q(intercept)


def _raw(xs: list[Fraction], ys: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    """n·Sxx, n·Syy, n·Sxy by the raw-sum formulas (no means taken)."""
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    return (n * sum(x * x for x in xs) - sx * sx, n * sum(y * y for y in ys) - sy * sy,
            n * sum(x * y for x, y in zip(xs, ys)) - sx * sy)


def _close(exact: sympy.Expr, approx: float) -> bool:
    return abs(float(sympy.N(exact, 30)) - approx) <= 1e-9 * max(1.0, abs(approx))


def _verify(args: tuple[str, list[Fraction], list[Fraction]], value: object) -> str | None:
    what, xs, ys = args
    nxx, nyy, nxy = _raw(xs, ys)
    fx, fy = [float(x) for x in xs], [float(y) for y in ys]
    if what == "correlation":
        r = value
        same_square = sympy.nsimplify(sympy.expand(r**2)) == _q(nxy * nxy / (nxx * nyy))
        same_sign = (r > 0) == (nxy > 0) and (r == 0) == (nxy == 0)
        if not (same_square and same_sign and _close(r, statistics.correlation(fx, fy))):
            return "the raw-sum formula or statistics.correlation disagrees"
        return None
    slope, intercept = nxy / nxx, (sum(ys) - nxy / nxx * sum(xs)) / len(xs)
    fitted = statistics.linear_regression(fx, fy)
    expected = {"slope": (slope,), "intercept": (intercept,), "line": (slope, intercept)}[what]
    floats = {"slope": (fitted.slope,), "intercept": (fitted.intercept,),
              "line": (fitted.slope, fitted.intercept)}[what]
    got = value if isinstance(value, tuple) else (value,)
    if tuple(got) != tuple(_q(e) for e in expected) or not all(_close(g, f) for g, f in zip(got, floats)):
        return "the raw-sum formula or statistics.linear_regression disagrees"
    return None


def _shown(value: sympy.Expr) -> str:
    return decimal_text(value) if value.is_Rational and terminating(value) else str(value)


def _render(args: tuple[str, list[Fraction], list[Fraction]], value: object) -> str:
    if isinstance(value, tuple):
        slope, intercept = value
        sign = "-" if intercept < 0 else "+"
        return f"y = {_shown(slope)}*x {sign} {_shown(abs(intercept))}"
    return _shown(value)


def _interpret(args: tuple[str, list[Fraction], list[Fraction]]) -> str:
    what, xs, ys = args
    pairs = ", ".join(f"({_shown(_q(x))}, {_shown(_q(y))})" for x, y in zip(xs, ys))
    name = {"correlation": "Pearson correlation r = Sxy/√(Sxx·Syy)", "slope": "least-squares slope of y on x, Sxy/Sxx",
            "intercept": "least-squares intercept of y on x, ȳ − b·x̄",
            "line": "least-squares line of y on x, y = b·x + a"}[what]
    return f"{name} for {pairs}"


PAIRED = Operation(
    name="paired_lists",
    patterns=phrase(
        rf"{_ASK}(?:pearson(?:'s)? )?(?P<what>correlation)(?: coefficient)?(?: \(?r\)?)? (?:between|of|for) {_PAIRED}",
        rf"{_ASK}(?:pearson(?:'s)? )?(?P<what>r|correlation coefficient r) (?:between|of|for) {_PAIRED}",
        rf"{_ASK}{_FIT}(?: line)? (?P<what>slope|intercept|y-intercept) (?:for|of|with) {_PAIRED}",
        rf"{_ASK}(?P<what>slope|intercept|y-intercept|equation) of (?:the )?{_LINE} (?:for|of|through|with) {_PAIRED}",
        rf"{_ASK}{_LINE}(?P<what>) (?:for|of|through|with) {_PAIRED}",
    ),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=_render,
    reason="whole step parsed as a statistic of two paired lists",
    interpret=_interpret,
)

OPERATIONS: tuple[Operation, ...] = (PAIRED,)
