"""Plain evaluation of an expression: ``What is 2**10?``, ``Calculate (3 - 22)/4``, ``sqrt(2) to 10 digits``."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import sympy
from agentkit.tools._limits import check_power
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
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_DIGITS = 1000

_ASK = r"(?:(?:what is|what's|whats|calculate|compute|evaluate|work out|find|give|determine|simplify|sum|total)(?: the value of)? )?"


def _prepare_evaluate(slots: Slots, scope: Scope) -> tuple[sympy.Expr, bool]:
    bare = re.fullmatch(r"\s*\(?\s*([A-Za-z])\s*\)?\s*", slots["expr"])
    if bare and bare.group(1) not in scope.names:
        raise MathSyntaxError(f"{slots['expr'].strip()!r} is an unknown, not something to evaluate")
    parsed = scope.parse(slots["expr"])
    expr = parsed.expr
    if expr.has(sympy.zoo, sympy.nan):
        raise MathSyntaxError("the expression is undefined (division by zero?)")
    return expr, parsed.decimals


def _compute_evaluate(args: tuple[sympy.Expr, bool]) -> sympy.Expr:
    expr, _ = args
    if expr.is_Rational:
        return expr
    if expr.has(sympy.Pow) and not expr.free_symbols:
        return sympy.radsimp(sympy.expand(expr))
    return expr


def _verify_evaluate(args: tuple[sympy.Expr, bool], value: sympy.Expr) -> str | None:
    expr, _ = args
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
_WORD_OPS: tuple[tuple[str, str], ...] = (
    # (phrasing, operation) - in the phrasing, a is the first operand named, b the second
    (rf"{_ASK}{_E} (?:divided by|over) {_F}", "a/b"),
    (rf"divide {_E} by {_F}", "a/b"),
    (rf"{_ASK}{_E} (?:times|multiplied by) {_F}", "a*b"),
    (rf"multiply {_E} (?:and|by|with) {_F}", "a*b"),
    (rf"{_ASK}(?:the )?product of {_E} and {_F}", "a*b"),
    (rf"{_ASK}{_E} (?:plus|added to) {_F}", "a+b"),
    (rf"add {_E} (?:and|to) {_F}", "a+b"),
    (rf"{_ASK}(?:the )?(?:sum|total) of {_E} and {_F}", "a+b"),
    (rf"(?:sum|put together) {_E} and {_F}", "a+b"),
    (rf"{_ASK}{_E} (?:minus|take away) {_F}", "a-b"),
    (rf"subtract {_E} from {_F}", "b-a"),
    (rf"{_ASK}{_E} less than {_F}", "b-a"),
    (rf"{_ASK}(?:the )?(?:difference|distance) between {_E} and {_F}", "|a-b|"),
    (rf"{_ASK}{_E} more than {_F}", "a+b"),
    (rf"{_ASK}{_E} (?:x|×) {_F}", "a*b"),
    (rf"{_ASK}{_E} (?:to the power of|raised to(?: the power of)?) {_F}", "a**b"),
)
_COMBINE = {
    "a/b": lambda a, b: a / b,
    "a*b": lambda a, b: a * b,
    "a+b": lambda a, b: a + b,
    "a-b": lambda a, b: a - b,
    "b-a": lambda a, b: b - a,
    "|a-b|": lambda a, b: abs(a - b),
    "a**b": lambda a, b: a**b,
}


def _prepare_words(slots: Slots, scope: Scope) -> tuple[str, sympy.Expr, sympy.Expr, bool]:
    a, b = scope.parse(slots["a"]), scope.parse(slots["b"])
    if not (a.expr.is_number and b.expr.is_number):
        raise MathSyntaxError("operands in words must be numbers")
    how = _WORD_PATTERNS[int(slots[PATTERN_SLOT])][1]
    if how == "a/b" and b.expr == 0:
        raise MathSyntaxError("division by zero")
    if how == "a**b":
        check_power(a.expr, b.expr)
    return how, a.expr, b.expr, a.decimals or b.decimals


def _verify_words(args: tuple[str, sympy.Expr, sympy.Expr, bool], value: sympy.Expr) -> str | None:
    how, a, b, _ = args
    if a.is_Rational and b.is_Rational:  # recompute with Python's fractions, independently of sympy
        fa, fb = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        expected = _COMBINE[how](fa, fb)
        got = Fraction(int(value.p), int(value.q)) if value.is_Rational else None
        return None if got == expected else f"recomputing with fractions gives {expected}"
    return None if numbers_equal(_COMBINE[how](a, b), value) else "numeric re-evaluation disagrees"


_WORD_PATTERNS = [(p, how) for how_pattern, how in _WORD_OPS for p in phrase(how_pattern)]

WORDS = Operation(
    name="arithmetic_words",
    patterns=tuple(p for p, _ in _WORD_PATTERNS),
    prepare=_prepare_words,
    compute=lambda args: _COMBINE[args[0]](args[1], args[2]),
    verify=_verify_words,
    render=lambda args, value: render(value, args[3]),
    reason="whole step parsed as two numbers and an arithmetic operation in words",
)


# -- one number transformed: "square it", "double 21", "the cube root of 27" ----------------------------

_UNARY: tuple[tuple[str, Any], ...] = (
    (r"square (?P<a>.+)", lambda x: x**2),
    (r"cube (?P<a>.+)", lambda x: x**3),
    (r"double (?P<a>.+)", lambda x: 2 * x),
    (r"triple (?P<a>.+)", lambda x: 3 * x),
    (r"halve (?P<a>.+)", lambda x: x / 2),
    (rf"{_ASK}half of (?P<a>.+)", lambda x: x / 2),
    (rf"{_ASK}twice (?P<a>.+)", lambda x: 2 * x),
    (r"negate (?P<a>.+)", lambda x: -x),
    (rf"{_ASK}(?P<a>.+?) squared", lambda x: x**2),
    (rf"{_ASK}(?P<a>.+?) cubed", lambda x: x**3),
    (rf"(?:take )?{_ASK}(?:the )?square root of (?P<a>.+)", sympy.sqrt),
    (rf"(?:take )?{_ASK}(?:the )?cube root of (?P<a>.+)", sympy.cbrt),
)
_UNARY_PATTERNS = [(p, fn) for pattern, fn in _UNARY for p in phrase(pattern)]


def _prepare_unary(slots: Slots, scope: Scope) -> tuple[Any, sympy.Expr, bool]:
    a = scope.parse(slots["a"])
    if not a.expr.is_number:
        raise MathSyntaxError("expected a number")
    fn = _UNARY_PATTERNS[int(slots[PATTERN_SLOT])][1]
    return fn, a.expr, a.decimals


UNARY = Operation(
    name="transform",
    patterns=tuple(p for p, _ in _UNARY_PATTERNS),
    prepare=_prepare_unary,
    compute=lambda args: args[0](args[1]),
    verify=lambda args, value: None if numbers_equal(args[0](args[1]), value) else "re-evaluation disagrees",
    render=lambda args, value: render(value, args[2]),
    reason="whole step parsed as one number and a transformation in words",
)

OPERATIONS = (DIGITS, WORDS, UNARY, EVALUATE)

