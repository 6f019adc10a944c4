"""Inequalities in one unknown, over the reals, answered in interval notation: ``solve 2x + 3 > 7`` is ``(2, oo)``.

The notation, stated in every reading: ``(a, b)`` leaves an end out, ``[a, b]`` takes it in, ``oo`` is infinity,
``∪`` joins pieces, ``{a}`` is a single point and ``no real x`` an empty solution. Only polynomial and rational
inequalities in one letter are read (``x^2 < 4``, ``1/x > 2``); anything else declines, as does a chain
(``1 < x < 3``) or a relation said in words.

The check is independent of the solver: the real roots of the numerator and of the denominator cut the line
into pieces; the relation is tested exactly at every cut point, at a rational point inside every piece and
beyond both ends, and each verdict must match membership in the answer.
"""

from __future__ import annotations

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase
from agentkit.tools.math._parser import MathSyntaxError, parse_relation

__all__ = ["OPERATIONS"]

MAX_DEGREE = 6
_OPS = {"<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge}
_SYMBOLS = {"≤": "<=", "≥": ">=", "=<": "<=", "=>": ">="}
NOTATION = "interval notation over the reals: ( ) leaves an end out, [ ] takes it in, oo is infinity"

# the inequality, the unknown, the relation's text as read
IneqArgs = tuple[sympy.Expr, str, sympy.Symbol, str]


def _prepare(slots: Slots, scope: Scope) -> IneqArgs:
    text = slots["rel"]
    for sign, ascii_sign in _SYMBOLS.items():
        text = text.replace(sign, ascii_sign)
    named = slots.get("var")
    inner = scope.without(named) if named else scope
    op, lhs, rhs = parse_relation(text, names=inner.names, functions=inner.functions)
    if op not in _OPS:
        raise MathSyntaxError(f"not an inequality: {op!r}")
    if any(o in text.replace(op, "", 1) for o in ("<", ">")):
        raise MathSyntaxError("a chain of inequalities is not read here")
    diff = sympy.together(lhs.expr - rhs.expr)
    free = diff.free_symbols | lhs.expr.free_symbols | rhs.expr.free_symbols
    if len(free) != 1 or (named and free != {sympy.Symbol(named)}):
        raise MathSyntaxError("an inequality here has exactly one unknown")
    (var,) = free
    num, den = sympy.fraction(diff)
    for part in (num, den):
        if not part.is_polynomial(var) or sympy.Poly(part, var).degree() > MAX_DEGREE:
            raise MathSyntaxError(f"only polynomial or rational inequalities up to degree {MAX_DEGREE}")
    if any(not c.is_rational for c in (*sympy.Poly(num, var).coeffs(), *sympy.Poly(den, var).coeffs())):
        raise MathSyntaxError("coefficients must be rational numbers")
    shown = f"{lhs.text} {op.replace('<=', '≤').replace('>=', '≥')} {rhs.text}"
    return lhs.expr - rhs.expr, op, var, shown


def _compute(args: IneqArgs) -> sympy.Set:
    expr, op, var, _ = args
    real = sympy.Symbol(str(var), real=True)
    relation = _OPS[op](expr.xreplace({var: real}), 0)
    answer = sympy.solve_univariate_inequality(relation, real, relational=False, domain=sympy.S.Reals)
    if not isinstance(answer, (sympy.Interval, sympy.Union, sympy.FiniteSet)) and answer not in (
            sympy.S.EmptySet, sympy.S.Reals):
        raise MathSyntaxError("the solution set is not a union of intervals")
    return answer


def _holds(expr: sympy.Expr, op: str, var: sympy.Symbol, point: sympy.Expr) -> bool:
    num, den = sympy.fraction(sympy.together(expr))
    if sympy.simplify(den.xreplace({var: point})) == 0:
        return False  # undefined there: never a solution
    value = sympy.simplify(expr.xreplace({var: point}))
    verdict = _OPS[op](value, 0)
    if verdict not in (sympy.true, sympy.false):
        raise MathSyntaxError(f"cannot decide the relation at {point}")
    return bool(verdict)


def _verify(args: IneqArgs, answer: sympy.Set) -> str | None:
    expr, op, var, _ = args
    num, den = sympy.fraction(sympy.together(expr))
    cuts = sorted({*sympy.Poly(num, var).real_roots(), *sympy.Poly(den, var).real_roots()},
                  key=lambda r: sympy.N(r, 30))
    numeric = [sympy.Rational(str(sympy.N(c, 30))) for c in cuts]
    probes = list(cuts)
    if numeric:
        probes += [numeric[0] - 1, numeric[-1] + 1]
        probes += [(a + b) / 2 for a, b in zip(numeric, numeric[1:])]
    else:
        probes += [sympy.Integer(-7), sympy.Integer(0), sympy.Integer(11)]
    real = sympy.Symbol(str(var), real=True)
    for point in probes:
        inside = answer.contains(point)
        if inside not in (sympy.true, sympy.false):
            return f"cannot decide whether {point} is in the answer"
        if bool(inside) != _holds(expr.xreplace({var: real}), op, real, point):
            return f"at {var} = {point} the inequality is {'false' if inside else 'true'}, but the answer says otherwise"
    return None


def _end(value: sympy.Expr) -> str:
    return "oo" if value == sympy.oo else "-oo" if value == -sympy.oo else sympy.sstr(value)


def render_set(answer: sympy.Set) -> str:
    """``(2, oo)``, ``(-oo, -1) ∪ (1, oo)``, ``[-2, 2]``, ``{0}``, ``no real x``."""
    if answer == sympy.S.EmptySet:
        return "no real solution"
    pieces = answer.args if isinstance(answer, sympy.Union) else (answer,)
    out = []
    for piece in sorted(pieces, key=lambda p: sympy.N(p.inf if isinstance(p, sympy.Interval) else min(p.args))):
        if isinstance(piece, sympy.FiniteSet):
            out.extend("{" + sympy.sstr(v) + "}" for v in sorted(piece.args, key=sympy.N))
            continue
        left = "(" if piece.left_open else "["
        right = ")" if piece.right_open else "]"
        out.append(f"{left}{_end(piece.inf)}, {_end(piece.sup)}{right}")
    return " ∪ ".join(out)


_VAR = r"(?P<var>[A-Za-z])"
# "over the reals" said after the inequality changes nothing: the answer is over the reals anyway
_REL = r"(?P<rel>[^=<>≤≥]+?(?:<=|>=|=<|=>|<|>|≤|≥)[^=<>≤≥]+?)(?:,? (?:over|in) (?:the )?(?:real numbers|reals|ℝ))?"

INEQUALITY = Operation(
    name="solve_inequality",
    patterns=phrase(
        rf"solve (?:the inequality:? )?{_REL}(?: for {_VAR})?",
        rf"solve for {_VAR}:? {_REL}",
        rf"(?:for )?(?:what|which) (?:real )?(?:values? of )?{_VAR}(?: values?)? (?:is|are|does|do|satisf(?:y|ies)) {_REL}",
        rf"(?:when|where) is {_REL}",
        rf"(?:find|what are) (?:all )?(?:the )?(?:real )?(?:values of )?{_VAR} (?:such that|so that|for which|with|where) "
        rf"{_REL}",
        rf"{_REL},? (?:now )?solve(?: it| for {_VAR})?",
    ),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=lambda args, value: render_set(value),
    reason="whole step parsed as an inequality in one unknown",
    interpret=lambda args: f"solve {args[3]} for {args[2]}; {NOTATION}",
)

OPERATIONS = (INEQUALITY,)
