"""Polynomial sequences by finite differences: ``What comes next: 3, 8, 15, 24?``, ``the n'th term of 5, 9``.

A sequence is read as a polynomial of the lowest degree whose differences are
constant, and only when at least one term beyond those that fix the polynomial
confirms it (``degree + 2`` terms); otherwise the step declines, since a short
list fits any rule (``2, 4, 8`` could double or grow by 2, 4, 6...).
"""

from __future__ import annotations

import re

import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render, split_list
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MIN_TERMS = 3
MAX_TERMS = 40
MAX_POSITION = 10**6

Terms = list[sympy.Rational]


def _differences(terms: Terms) -> Terms:
    return [b - a for a, b in zip(terms, terms[1:])]


def _degree(terms: Terms) -> int:
    """The lowest degree whose differences are constant, confirmed by at least one extra term."""
    row, degree = terms, 0
    while len(row) >= 2:
        if len(set(row)) == 1:
            return degree
        row, degree = _differences(row), degree + 1
    raise MathSyntaxError("too few terms to tell the rule: give at least degree + 2 terms")


def _terms(text: str, scope: Scope) -> tuple[Terms, bool]:
    """The listed terms, and whether any was written as a decimal."""
    items = split_list(re.sub(r",?\s*(?:\.\.\.|…)$", "", text.strip()))
    if not MIN_TERMS <= len(items) <= MAX_TERMS:
        raise MathSyntaxError(f"a sequence here has {MIN_TERMS} to {MAX_TERMS} terms, got {len(items)}")
    parsed = [scope.parse(item) for item in items]
    terms = [p.expr for p in parsed]
    if not all(t.is_Rational for t in terms):
        raise MathSyntaxError("the terms must be exact numbers")
    _degree(terms)
    return terms, any(p.decimals for p in parsed)


def _formula(terms: Terms, var: sympy.Symbol) -> sympy.Expr:
    """The polynomial through the first degree + 1 terms, term 1 at ``var = 1``."""
    degree = _degree(terms)
    points = [(k + 1, t) for k, t in enumerate(terms[: degree + 1])]
    return sympy.expand(sympy.interpolate(points, var))


def _newton(terms: Terms, k: sympy.Expr) -> sympy.Expr:
    """Term ``k`` by Newton's forward-difference formula: the sum of C(k - 1, j) times the j-th difference."""
    row, total, choose = terms, sympy.Integer(0), sympy.Integer(1)
    for j in range(_degree(terms) + 1):
        total += choose * row[0]
        choose = choose * (k - 1 - j) / (j + 1)
        row = _differences(row)
    return sympy.expand(total)


def _fits(formula: sympy.Expr, var: sympy.Symbol, terms: Terms) -> bool:
    return all(formula.xreplace({var: k + 1}) == t for k, t in enumerate(terms))


# -- What comes next: 3, 8, 15, 24? -------------------------------------------

def _compute_next(args: tuple[Terms, bool]) -> sympy.Rational:
    terms, _ = args
    # extend the difference table: the next term is the sum of the last entries of every row
    row, total = terms, sympy.Integer(0)
    while len(set(row)) > 1:
        total += row[-1]
        row = _differences(row)
    return total + row[-1]


def _verify_next(args: tuple[Terms, bool], value: sympy.Rational) -> str | None:
    terms, _ = args
    n = sympy.Symbol("n")
    formula = _formula(terms, n)
    if not _fits(formula, n, terms):
        return f"the polynomial {formula} does not give every term"
    expected = formula.xreplace({n: len(terms) + 1})
    return None if expected == value else f"the polynomial {formula} gives {expected} next, not {value}"


_ASK = r"(?:(?:what is|what's|whats|find|give|determine) )?"
_OF = r"(?:of|in|for)(?: the sequence)?:? (?P<terms>.+)"
NEXT_TERM = Operation(
    name="next_term",
    patterns=phrase(
        r"(?:what comes next|what is next|what's next|whats next)(?: in| of| for)?(?: the sequence)?:? "
        r"(?P<terms>.+)",
        rf"{_ASK}the next (?:term|number|value) {_OF}",
    ),
    prepare=lambda slots, scope: _terms(slots["terms"], scope),
    compute=_compute_next,
    verify=_verify_next,
    render=lambda args, value: render(value, args[1]),
    reason="whole step parsed as a sequence whose differences become constant",
)


# -- What is the n'th term of 5, 9, 13, 17? / the 10th term of ... --------------

NthArgs = tuple[Terms, sympy.Symbol, int | None, bool]


def _prepare_nth(slots: Slots, scope: Scope) -> NthArgs:
    terms, decimals = _terms(slots["terms"], scope)
    if slots.get("position"):
        position = int(slots["position"])
        if not 1 <= position <= MAX_POSITION:
            raise LimitExceeded(f"positions 1 to {MAX_POSITION} only")
        return terms, sympy.Symbol("n"), position, decimals
    return terms, sympy.Symbol(slots.get("var") or "n"), None, decimals


def _compute_nth(args: NthArgs) -> sympy.Expr:
    terms, var, position, _ = args
    formula = _formula(terms, var)
    return formula if position is None else formula.xreplace({var: position})


def _verify_nth(args: NthArgs, value: sympy.Expr) -> str | None:
    terms, var, position, _ = args
    newton = _newton(terms, var if position is None else sympy.Integer(position))
    if sympy.expand(newton - value) != 0:
        return f"Newton's forward-difference formula gives {newton}, not {value}"
    if position is not None:
        return None
    if not _fits(value, var, terms):
        return f"{value} does not give every listed term"
    if sympy.degree(value, var) > len(terms) - 2:
        return "not enough terms to confirm a formula of this degree"
    return None


NTH_TERM = Operation(
    name="nth_term",
    patterns=phrase(
        rf"{_ASK}(?:the|a) (?:(?P<var>[A-Za-z])(?:'|’|-)?th|general) term(?: formula)? {_OF}",
        rf"{_ASK}(?:a |the )?formula for the (?P<var>[A-Za-z])(?:'|’|-)?th term {_OF}",
        rf"{_ASK}the (?P<position>\d+)(?:st|nd|rd|th) term {_OF}",
    ),
    prepare=_prepare_nth,
    compute=_compute_nth,
    verify=_verify_nth,
    render=lambda args, value: render(value, args[3]),
    reason="whole step parsed as a sequence whose differences become constant",
)

OPERATIONS = (NEXT_TERM, NTH_TERM)
