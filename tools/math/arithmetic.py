"""Plain evaluation of an expression: ``What is 2**10?``, ``Calculate (3 - 22)/4``, ``sqrt(2) to 10 digits``.

``1 + 2 + ... + 10`` / ``2 + 4 + 6 + … + 20`` is an arithmetic series: at least two terms before the dots fix the
step, every written term and the last lie on it, else the step declines; the closed form is checked by adding the
terms one by one.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import sympy
from agentkit.tools.math._core import (
    PATTERN_SLOT,
    Operation,
    Scope,
    Slots,
    numbers_equal,
    phrase,
    render,
    same_value,
)
from agentkit.tools.math._parser import AmbiguousReading, MathSyntaxError, Parsed
from agentkit.tools.math._spoken import grouped_fractions, single_term, to_symbols

__all__ = ["OPERATIONS"]

MAX_DIGITS = 1000

_ASK = r"(?:(?:what is|what's|whats|calculate|compute|evaluate|work out|find|give|determine|simplify|sum|total)(?: the value of)? )?"


def interpretation(parsed: Parsed, *notes: str) -> str:
    """The canonical text of a parse and the conventions it applied: ``5!! (double factorial)``."""
    applied = tuple(dict.fromkeys((*parsed.notes, *notes)))
    return f"{parsed.text} ({'; '.join(applied)})" if applied else parsed.text


def read(text: str, scope: Scope) -> Parsed:
    """An expression written in symbols, words or both, through the one precedence grammar.

    ``e`` alone among the unknowns of a numeric expression is Euler's number.
    """
    parsed = scope.parse(to_symbols(text))
    grouped = grouped_fractions(text)
    if grouped is not None:
        # "3/5 divided by 9/10", "6 divided by 3/4": a fraction written tight beside an operator in words is
        # a number to a person, not two operands of the spoken operator's precedence
        fractions = scope.parse(to_symbols(grouped))
        if not same_value(parsed.expr, fractions.expr):
            parsed = Parsed(expr=fractions.expr, decimals=fractions.decimals, symbols=fractions.symbols,
                            text=fractions.text, notes=(*fractions.notes, "a written fraction is one number"))
    if parsed.expr.free_symbols == {sympy.Symbol("e")} and "e" not in scope.names:
        return Parsed(expr=parsed.expr.xreplace({sympy.Symbol("e"): sympy.E}), decimals=parsed.decimals,
                      symbols=parsed.symbols - {"e"}, text=parsed.text,
                      notes=(*parsed.notes, "e = Euler's number"))
    return parsed


def _prepare_evaluate(slots: Slots, scope: Scope) -> tuple[sympy.Expr, bool, str]:
    bare = re.fullmatch(r"\s*\(?\s*([A-Za-z])\s*\)?\s*", slots["expr"])
    if bare and bare.group(1) not in scope.names:
        raise MathSyntaxError(f"{slots['expr'].strip()!r} is an unknown, not something to evaluate")
    parsed = read(slots["expr"], scope)
    expr = parsed.expr
    if expr.has(sympy.zoo, sympy.nan):
        raise MathSyntaxError("the expression is undefined (division by zero?)")
    return expr, parsed.decimals, interpretation(parsed)


def _compute_evaluate(args: tuple[sympy.Expr, bool, str]) -> sympy.Expr:
    expr = args[0]
    if expr.is_Rational:
        return expr
    if expr.has(sympy.Pow) and not expr.free_symbols:
        return sympy.radsimp(sympy.expand(expr))
    return expr


def _verify_evaluate(args: tuple[sympy.Expr, bool, str], value: sympy.Expr) -> str | None:
    expr = args[0]
    if value.has(sympy.zoo, sympy.nan):
        return "the result is undefined"
    return None if same_value(expr, value) else f"re-evaluating {expr} numerically disagrees with {value}"


EVALUATE = Operation(
    name="evaluate",
    patterns=phrase(rf"{_ASK}(?P<expr>.+?)(?: ?= ?)?"),
    prepare=_prepare_evaluate,
    compute=_compute_evaluate,
    verify=_verify_evaluate,
    render=lambda args, value: render(value, args[1]),
    reason="whole step parsed as one expression to evaluate exactly",
    interpret=lambda args: args[2],
)


def _prepare_digits(slots: Slots, scope: Scope) -> tuple[sympy.Expr, int]:
    value = scope.number(slots["expr"])
    digits = int(slots["digits"])
    if not 1 <= digits <= MAX_DIGITS:
        raise MathSyntaxError(f"between 1 and {MAX_DIGITS} digits, got {digits}")
    return value, digits


def _verify_digits(args: tuple[sympy.Expr, int], value: Any) -> str | None:
    expr, digits = args
    check = sympy.N(expr, digits + 10)
    return None if abs(check - value) <= abs(check) * sympy.Rational(10) ** (1 - digits) else "precision check failed"


DIGITS = Operation(
    name="evaluate_digits",
    patterns=phrase(
        rf"{_ASK}(?P<expr>.+?),? (?:to|with|correct to) (?P<digits>\d+) (?:significant )?(?:digits|significant figures|sig figs|figures)",
    ),
    prepare=_prepare_digits,
    compute=lambda args: sympy.N(args[0], args[1]),
    verify=_verify_digits,
    render=lambda args, value: str(value),
    reason="whole step parsed as an expression and a number of significant digits",
)


# -- arithmetic said in words: "Divide -5 by 3", "Subtract 4 from 9", "the product of 6 and 7" ----------

_E = r"(?P<a>[^,;]+?)"
_F = r"(?P<b>[^,;]+?)"
# Operators between two operands (plus, times, divided by, x, to the power of) are not here: they go through
# the precedence grammar (`_spoken.to_symbols`). These phrasings name the operation first or around the
# operands; an operand that runs to the end of the step ("open") must be a single term.
_WORD_OPS: tuple[tuple[str, str, str], ...] = (
    # (phrasing, operation, open operands) - in the phrasing, a is the first operand named, b the second
    (rf"divide {_E} by {_F}", "a/b", "b"),
    (rf"multiply {_E} (?:and|by|with) {_F}", "a*b", "b"),
    (rf"{_ASK}(?:the )?product of {_E} and {_F}", "a*b", "b"),
    (rf"{_ASK}{_E} added to {_F}", "a+b", "ab"),
    (rf"add {_E} (?:and|to) {_F}", "a+b", "b"),
    (rf"{_ASK}(?:the )?(?:sum|total) of {_E} and {_F}", "a+b", "b"),
    (rf"(?:sum|put together) {_E} and {_F}", "a+b", "b"),
    (rf"subtract {_E} from {_F}", "b-a", "b"),
    (rf"take {_E} away from {_F}", "b-a", "b"),
    (rf"{_ASK}{_E} less than {_F}", "b-a", "ab"),
    (rf"{_ASK}(?:the )?(?:difference|distance) between {_E} and {_F}", "|a-b|", "b"),
    (rf"{_ASK}{_E} more than {_F}", "a+b", "ab"),
)
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_TIGHT_FRACTION = re.compile(r"\s*-?\d+/\d+\s*")
_SYMBOLIC = {"a/b": "({a}) / ({b})", "a*b": "({a}) * ({b})", "a+b": "({a}) + ({b})", "a-b": "({a}) - ({b})",
             "b-a": "({b}) - ({a})", "|a-b|": "abs(({a}) - ({b}))", "a**b": "({a})^({b})"}
_COMBINE = {
    "a/b": lambda a, b: a / b,
    "a*b": lambda a, b: a * b,
    "a+b": lambda a, b: a + b,
    "a-b": lambda a, b: a - b,
    "b-a": lambda a, b: b - a,
    "|a-b|": lambda a, b: abs(a - b),
    "a**b": lambda a, b: a**b,
}


def _prepare_words(slots: Slots, scope: Scope) -> tuple[str, sympy.Expr, sympy.Expr, bool, str]:
    _, how, open_slots = _WORD_OPS[_WORD_INDEX[int(slots[PATTERN_SLOT])]]
    if how in ("a+b", "b-a") and any(_PERCENT.search(slots[k]) for k in "ab"):
        # "15% more than 200": 230 to a shopper (15% of 200 added), 200.15 to the grammar (15% is 0.15)
        raise AmbiguousReading("a percent added to or taken from a number has two readings: that percent of the number "
                               "(a shopper's 15% more), or the percent as a fraction (0.15); write × 1.15 or + 0.15")
    # a tight fraction as an operand ("multiply 3/4 by 8/9") is one number to a person
    grouped = {k: f"({slots[k].strip()})" if _TIGHT_FRACTION.fullmatch(slots[k]) else slots[k] for k in "ab"}
    text = {k: single_term(grouped[k], grouped[k]) if k in open_slots else to_symbols(grouped[k]) for k in "ab"}
    a, b = read(text["a"], scope), read(text["b"], scope)
    if not (a.expr.is_number and b.expr.is_number):
        raise MathSyntaxError("operands in words must be numbers")
    if how == "a/b" and b.expr == 0:
        raise MathSyntaxError("division by zero")
    whole = read(_SYMBOLIC[how].format(a=text["a"], b=text["b"]), scope)
    return how, a.expr, b.expr, a.decimals or b.decimals, interpretation(whole)


def _verify_words(args: tuple[str, sympy.Expr, sympy.Expr, bool], value: sympy.Expr) -> str | None:
    how, a, b = args[:3]
    if a.is_Rational and b.is_Rational:  # recompute with Python's fractions, independently of sympy
        fa, fb = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        expected = _COMBINE[how](fa, fb)
        got = Fraction(int(value.p), int(value.q)) if value.is_Rational else None
        return None if got == expected else f"recomputing with fractions gives {expected}"
    return None if numbers_equal(_COMBINE[how](a, b), value) else "numeric re-evaluation disagrees"


_WORD_PATTERNS = [p for pattern, _, _ in _WORD_OPS for p in phrase(pattern)]
_WORD_INDEX = [i for i, (pattern, _, _) in enumerate(_WORD_OPS) for _ in phrase(pattern)]

WORDS = Operation(
    name="arithmetic_words",
    patterns=tuple(_WORD_PATTERNS),
    prepare=_prepare_words,
    compute=lambda args: _COMBINE[args[0]](args[1], args[2]),
    verify=_verify_words,
    render=lambda args, value: render(value, args[3]),
    reason="whole step parsed as two numbers and an arithmetic operation in words",
    interpret=lambda args: args[4],
)


# -- one number transformed: "square it", "double 21", "the cube root of 27" ----------------------------

_UNARY: tuple[tuple[str, str], ...] = (
    # (phrasing, the operation in symbols on {a}); the operand runs to the end, so it must be a single term
    (r"square (?P<a>.+)", "({a})^2"),
    (r"cube (?P<a>.+)", "({a})^3"),
    (rf"{_ASK}(?:the )?square of (?P<a>.+)", "({a})^2"),
    (rf"{_ASK}(?:the )?cube of (?P<a>.+)", "({a})^3"),
    (r"double (?P<a>.+)", "2 * ({a})"),
    (r"triple (?P<a>.+)", "3 * ({a})"),
    (r"halve (?P<a>.+)", "({a}) / 2"),
    (rf"{_ASK}half of (?P<a>.+)", "({a}) / 2"),
    (rf"{_ASK}twice (?P<a>.+)", "2 * ({a})"),
    (r"negate (?P<a>.+)", "-({a})"),
    (rf"{_ASK}(?:the )?reciprocal of (?P<a>.+)", "1 / ({a})"),
    (rf"(?:take )?{_ASK}(?:the )?(?:square root|sqrt) of (?P<a>.+)", "sqrt({a})"),
    (rf"(?:take )?{_ASK}(?:the )?cube root of (?P<a>.+)", "cbrt({a})"),
)
_UNARY_PATTERNS = [(p, form) for pattern, form in _UNARY for p in phrase(pattern)]


def _prepare_unary(slots: Slots, scope: Scope) -> tuple[sympy.Expr, bool, str]:
    form = _UNARY_PATTERNS[int(slots[PATTERN_SLOT])][1]
    operand = f"({slots['a'].strip()})" if _TIGHT_FRACTION.fullmatch(slots["a"]) else slots["a"]
    a = read(single_term(operand, operand), scope)
    if not a.expr.is_number:
        raise MathSyntaxError("expected a number")
    whole = read(form.format(a=single_term(operand, operand)), scope)
    return whole.expr, a.decimals, interpretation(whole)


def _compute_unary(args: tuple[sympy.Expr, bool, str]) -> sympy.Expr:
    expr = args[0]
    return sympy.radsimp(sympy.expand(expr)) if expr.has(sympy.Pow) else expr


UNARY = Operation(
    name="transform",
    patterns=tuple(p for p, _ in _UNARY_PATTERNS),
    prepare=_prepare_unary,
    compute=_compute_unary,
    verify=lambda args, value: None if numbers_equal(args[0], value) else "re-evaluation disagrees",
    render=lambda args, value: render(value, args[1]),
    reason="whole step parsed as one number and a transformation in words",
    interpret=lambda args: args[2],
)

# -- a sum written with an ellipsis: "1 + 2 + ... + 10", "2 + 4 + 6 + ... + 20" -----------------------------------

# at least two terms before the dots fix the step; every written term and the last lie on that progression
_PLUS = r"\s*(?:\+|\bplus\b)\s*"
_ELLIPSIS_SUM = (rf"(?:{_ASK}|add up |(?:what is |what's |whats )?the sum )?(?:of )?"
                 rf"(?P<terms>-?\d+(?:{_PLUS}-?\d+)+)(?:{_PLUS}|\s*)(?:\.{{3}}|…|\. \. \.)(?:{_PLUS}|\s*(?!-))(?P<last>-?\d+)")
_MAX_TERMS = 10**6


def _prepare_series(slots: Slots, scope: Scope) -> tuple[int, int, int]:
    terms = [int(t) for t in re.split(_PLUS, slots["terms"].strip())]
    first, step, last = terms[0], terms[1] - terms[0], int(slots["last"])
    if step == 0:
        raise MathSyntaxError("the written terms do not change, so the dots say nothing")
    if any(b - a != step for a, b in zip(terms, terms[1:])):
        raise MathSyntaxError(f"{slots['terms'].strip()!r} is not one arithmetic progression")
    count, rest = divmod(last - first, step)
    if rest or count + 1 <= len(terms):
        raise MathSyntaxError(f"{last} is not a later term of {first}, {first + step}, ...")
    if count + 1 > _MAX_TERMS:
        raise MathSyntaxError("too many terms")
    return first, step, count + 1


def _compute_series(args: tuple[int, int, int]) -> sympy.Integer:
    first, step, n = args
    return sympy.Integer(n * (2 * first + (n - 1) * step) // 2)  # n/2 · (first + last)


def _verify_series(args: tuple[int, int, int], value: sympy.Expr) -> str | None:
    first, step, n = args
    added = sum(range(first, first + n * step, step))  # term by term
    return None if added == int(value) else f"adding the {n} terms one by one gives {added}"


SERIES = Operation(
    name="arithmetic_series",
    patterns=phrase(_ELLIPSIS_SUM),
    prepare=_prepare_series,
    compute=_compute_series,
    verify=_verify_series,
    render=lambda args, value: str(value),
    reason="whole step parsed as an arithmetic progression summed to its last term",
    interpret=lambda args: (f"{args[0]} + {args[0] + args[1]} + … + {args[0] + (args[2] - 1) * args[1]}"
                            f" ({args[2]} terms, step {args[1]})"),
)

OPERATIONS = (DIGITS, WORDS, UNARY, SERIES, EVALUATE)

