"""Points, lines and parabolas in the plane: ``slope of the line through (1, 2) and (4, 11)``, ``distance between
(0, 0) and (3, 4)``, ``midpoint of (2, 8) and (6, -4)``, ``vertex of the parabola y = x^2 - 4x + 1``.

Conventions: points are written in parentheses, ``(x, y)`` (the distance also takes ``(x, y, z)``), their
coordinates exact numbers; a vertical line has no slope, and the step says so rather than answer. A parabola is
``y = ax^2 + bx + c`` in x (``x = ay^2 + ...`` opens sideways: its vertex's coordinates would swap, so it declines).
"""

from __future__ import annotations

import re

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render, split_top_level
from agentkit.tools.math._parser import MathSyntaxError, parse_relation

__all__ = ["OPERATIONS"]

_ASK = r"(?:(?:find|what is|what's|whats|give|calculate|compute|determine|get) )?(?:the )?"
_POINT = r"\([^()]*(?:\([^()]*\)[^()]*)*\)"
_TWO = rf"(?:the )?(?:points )?(?P<p>{_POINT}) (?:and|to|&) (?P<q>{_POINT})"

Point = tuple[sympy.Expr, ...]


def _point(text: str, scope: Scope) -> tuple[Point, bool]:
    """``(1, -2)`` as exact coordinates, and whether any was written as a decimal."""
    inner = text.strip()[1:-1]
    parts = split_top_level(inner)
    parsed = [scope.parse(p) for p in parts]
    if not all(p.expr.is_number and p.expr.is_extended_real and p.expr.is_finite for p in parsed):
        raise MathSyntaxError(f"{text.strip()} is not a point with numbers for coordinates")
    return tuple(p.expr for p in parsed), any(p.decimals for p in parsed)


def _points(slots: Slots, scope: Scope, *, dimensions: tuple[int, ...] = (2,)) -> tuple[Point, Point, bool]:
    (p, dp), (q, dq) = _point(slots["p"], scope), _point(slots["q"], scope)
    if len(p) != len(q) or len(p) not in dimensions:
        raise MathSyntaxError(f"points with {' or '.join(map(str, dimensions))} coordinates are needed")
    return p, q, dp or dq


def _shown(point: Point, decimals: bool = False) -> str:
    return f"({render(list(point), decimals)})"


# -- slope of the line through (1, 2) and (4, 11) ------------------------------------------------------------

def _compute_slope(args: tuple[Point, Point, bool]) -> sympy.Expr:
    (x1, y1), (x2, y2), _ = args
    if x1 == x2:
        raise MathSyntaxError("the line through them is vertical: it has no slope")
    return sympy.nsimplify((y2 - y1) / (x2 - x1))


def _verify_slope(args: tuple[Point, Point, bool], slope: sympy.Expr) -> str | None:
    """The line y = m·(x − x1) + y1 passes through the second point."""
    (x1, y1), (x2, y2), _ = args
    return None if sympy.simplify(slope * (x2 - x1) + y1 - y2) == 0 else f"a slope of {slope} misses {(x2, y2)}"


SLOPE = Operation(
    name="slope",
    patterns=phrase(
        rf"{_ASK}(?:slope|gradient) of (?:the )?(?:line|line segment|segment) (?:through|passing through|joining|connecting|"
        rf"between|from) {_TWO}",
        rf"{_ASK}(?:slope|gradient) (?:between|through|of|joining|connecting|given|for|from) {_TWO}",
    ),
    prepare=_points,
    compute=_compute_slope,
    verify=_verify_slope,
    render=lambda args, slope: render(slope, args[2]),
    reason="whole step parsed as two points whose line's slope is asked",
    interpret=lambda args: f"slope (y₂ − y₁) ÷ (x₂ − x₁) of the line through {_shown(args[0], args[2])} and {_shown(args[1], args[2])}",
)


# -- distance between (0, 0) and (3, 4) ------------------------------------------------------------------------

def _verify_distance(args: tuple[Point, Point, bool], distance: sympy.Expr) -> str | None:
    """Not negative, and its square is the sum of the squared differences (Pythagoras), exactly."""
    p, q, _ = args
    square = sum(((b - a) ** 2 for a, b in zip(p, q)), sympy.Integer(0))
    if distance.is_negative or sympy.simplify(sympy.expand(distance**2) - square) != 0:
        return f"{distance} squared is not {square}"
    return None


DISTANCE = Operation(
    name="distance",
    patterns=phrase(
        rf"{_ASK}distance (?:between|from) {_TWO}",
        rf"{_ASK}length of (?:the )?(?:line )?segment (?:from|between|joining|connecting) {_TWO}",
        rf"how far (?:apart )?(?:is|are) (?:the point )?(?P<p>{_POINT}) (?:from|and) (?:the point )?(?P<q>{_POINT})"
        r"(?: apart)?",
    ),
    prepare=lambda slots, scope: _points(slots, scope, dimensions=(2, 3)),
    compute=lambda args: sympy.sqrt(sum(((b - a) ** 2 for a, b in zip(args[0], args[1])), sympy.Integer(0))),
    verify=_verify_distance,
    render=lambda args, distance: render(distance, args[2]),
    reason="whole step parsed as two points whose distance is asked",
    interpret=lambda args: f"straight-line (Euclidean) distance between {_shown(args[0], args[2])} and {_shown(args[1], args[2])}",
)


# -- midpoint of (2, 8) and (6, -4) ------------------------------------------------------------------------------

def _verify_midpoint(args: tuple[Point, Point, bool], middle: Point) -> str | None:
    """The same step from the first point to the middle as from the middle to the second."""
    p, q, _ = args
    if any(sympy.simplify((m - a) - (b - m)) != 0 for a, m, b in zip(p, middle, q)):
        return f"{_shown(middle)} is not halfway from {_shown(p)} to {_shown(q)}"
    return None


MIDPOINT = Operation(
    name="midpoint",
    patterns=phrase(rf"{_ASK}mid-?point (?:of|between|of the (?:line )?segment (?:from|between|joining)) {_TWO}"),
    prepare=lambda slots, scope: _points(slots, scope, dimensions=(2, 3)),
    compute=lambda args: tuple((a + b) / 2 for a, b in zip(args[0], args[1])),
    verify=_verify_midpoint,
    render=lambda args, middle: f"({render(list(middle), args[2])})",
    reason="whole step parsed as two points whose midpoint is asked",
    interpret=lambda args: f"midpoint of {_shown(args[0], args[2])} and {_shown(args[1], args[2])}",
)


# -- vertex of the parabola y = x^2 - 4x + 1 --------------------------------------------------------------------

def _prepare_vertex(slots: Slots, scope: Scope) -> tuple[sympy.Expr, sympy.Symbol, bool]:
    lhs = slots.get("lhs")
    parsed = scope.parse(slots["expr"])
    expr = parsed.expr
    free = expr.free_symbols
    if len(free) != 1:
        raise MathSyntaxError("a parabola in one variable is needed")
    (var,) = free
    if lhs:
        name = re.fullmatch(r"\s*([A-Za-z])(?:\(([A-Za-z])\))?\s*", lhs)
        if name is None or (name.group(2) or "x") != str(var) or (name.group(2) is None and name.group(1) != "y"):
            raise MathSyntaxError("the parabola must be written y = ... in x (or f(x) = ...)")
    elif str(var) != "x":
        raise MathSyntaxError("the parabola must be written in x")
    if not expr.is_polynomial(var) or sympy.degree(expr, var) != 2:
        raise MathSyntaxError("a parabola is a polynomial of degree 2")
    return expr, var, parsed.decimals


def _compute_vertex(args: tuple[sympy.Expr, sympy.Symbol, bool]) -> tuple[sympy.Expr, sympy.Expr]:
    expr, var, _ = args
    a, b, _c = sympy.Poly(expr, var).all_coeffs()
    h = -b / (2 * a)
    return h, sympy.expand(expr.xreplace({var: h}))


def _verify_vertex(args: tuple[sympy.Expr, sympy.Symbol, bool], vertex: tuple[sympy.Expr, sympy.Expr]) -> str | None:
    """Completing the square: the parabola is a·(x − h)² + k with the same leading coefficient."""
    expr, var, _ = args
    h, k = vertex
    a = sympy.Poly(expr, var).LC()
    if sympy.expand(a * (var - h) ** 2 + k - expr) != 0:
        return f"{expr} is not {a}·({var} − {h})² + {k}"
    return None


VERTEX = Operation(
    name="vertex",
    patterns=phrase(
        rf"{_ASK}vertex of(?: the)?(?: parabola| graph| graph of| curve| quadratic| function)? "
        r"(?:(?P<lhs>[A-Za-z](?:\([A-Za-z]\))?)\s*=\s*)?(?P<expr>[^=]+)",
    ),
    prepare=_prepare_vertex,
    compute=_compute_vertex,
    verify=_verify_vertex,
    render=lambda args, vertex: f"({render(list(vertex), args[2])})",
    reason="whole step parsed as a parabola whose vertex is asked",
    interpret=lambda args: f"vertex (x, y) of the parabola y = {sympy.sstr(args[0])}",
)

# -- slope of the line y = 3x - 2 / 2x + 3y = 6 ----------------------------------------------------------------

def _prepare_line(slots: Slots, scope: Scope) -> tuple[sympy.Expr, bool]:
    """The line as a·x + b·y + c = 0 (linear in x and y, y present): its slope is −a/b."""
    op, lhs, rhs = parse_relation(slots["line"], names=scope.without("x", "y").names, functions=scope.functions)
    x, y = sympy.Symbol("x"), sympy.Symbol("y")
    line = sympy.expand(lhs.expr - rhs.expr)
    if op != "=" or not line.free_symbols <= {x, y} or y not in line.free_symbols:
        raise MathSyntaxError("a line in x and y, solved or not for y, is needed")
    if not line.is_polynomial(x, y) or sympy.Poly(line, x, y).total_degree() != 1:
        raise MathSyntaxError("not a straight line")
    return line, lhs.decimals or rhs.decimals


def _verify_line(args: tuple[sympy.Expr, bool], slope: sympy.Expr) -> str | None:
    """Two points of the line (at x = 0 and x = 1), found by solving for y, rise by the slope."""
    line, _ = args
    x, y = sympy.Symbol("x"), sympy.Symbol("y")
    (y0,) = sympy.solve(line.xreplace({x: 0}), y)
    (y1,) = sympy.solve(line.xreplace({x: 1}), y)
    return None if sympy.simplify(y1 - y0 - slope) == 0 else f"the line rises {y1 - y0} per unit of x, not {slope}"


LINE_SLOPE = Operation(
    name="line_slope",
    patterns=phrase(rf"{_ASK}(?:slope|gradient) of (?:the )?(?:line |graph of |graph )?(?P<line>[^=]+=[^=]+)"),
    prepare=_prepare_line,
    compute=lambda args: -args[0].coeff(sympy.Symbol("x")) / args[0].coeff(sympy.Symbol("y")),
    verify=_verify_line,
    render=lambda args, slope: render(slope, args[1]),
    reason="whole step parsed as the equation of a straight line whose slope is asked",
    interpret=lambda args: f"slope of the line {sympy.sstr(args[0])} = 0 in the x-y plane",
)

OPERATIONS = (SLOPE, DISTANCE, MIDPOINT, VERTEX, LINE_SLOPE)
