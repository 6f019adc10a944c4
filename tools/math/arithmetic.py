"""Plain evaluation of an expression: ``What is 2**10?``, ``Calculate (3 - 22)/4``, ``sqrt(2) to 10 digits``."""

from __future__ import annotations

from typing import Any

import sympy

from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render, same_value
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_DIGITS = 1000

_ASK = r"(?:(?:what is|what's|whats|calculate|compute|evaluate|work out|find|give|determine|simplify|sum|total)(?: the value of)? )?"


def _prepare_evaluate(slots: Slots, scope: Scope) -> tuple[sympy.Expr, bool]:
    parsed = scope.parse(slots["expr"])
    expr = parsed.expr
    if expr.is_Symbol:
        raise MathSyntaxError(f"{expr} is an unknown, not something to evaluate")
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

OPERATIONS = (DIGITS, EVALUATE)

