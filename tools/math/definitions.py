"""Definitions that bind names for later steps: ``Let f = 3 - 1``, ``Let h(q) = q**2 - 3``, ``Suppose 2*a = 6``."""

from __future__ import annotations

import re

from typing import Any

import sympy
from agentkit.tools.math._core import (
    CONSTRAINT,
    PATTERN_SLOT,
    Operation,
    Scope,
    Slots,
    phrase,
    render,
    same_value,
    split_list,
)
from agentkit.tools.math._parser import MathSyntaxError, parse_relation

__all__ = ["OPERATIONS", "ORDINALS", "equations"]

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINAL = r"(?P<order>first|second|third|fourth|fifth|1st|2nd|3rd)"
_VALUE = r"[A-Za-z]\s*=\s*[-+]?[^=A-Za-z,;]*\d[^=A-Za-z,;]*"
_FUNC = r"(?P<name>[A-Za-z])\((?P<params>[A-Za-z](?:, ?[A-Za-z])*)\)"


# -- Let f = 3 - 1 ---------------------------------------------------------

def _prepare_value(slots: Slots, scope: Scope) -> tuple[str, sympy.Expr, bool]:
    parsed = scope.parse(slots["expr"])
    if parsed.expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise MathSyntaxError(f"{slots['expr']!r} is not a finite value")
    return slots["name"], parsed.expr, parsed.decimals


def _value_text(args: Any, value: sympy.Expr) -> str:
    return render(value, args[2])


DEFINE_VALUE = Operation(
    name="define",
    patterns=phrase(r"(?:let|define|set) (?P<name>[A-Za-z]) (?:=|be|be equal to|to be|to|as) (?P<expr>.+)"),
    prepare=_prepare_value,
    compute=lambda args: args[1],
    verify=lambda args, value: None if same_value(args[1], value) else "value changed on re-evaluation",
    render=lambda args, value: f"{args[0]} = {_value_text(args, value)}",
    binds=lambda args, value: {args[0]: _value_text(args, value)},
    reason="whole step parsed as a definition: name = expression",
)


# -- Let h(q) = q**2 - 3 / Let m(j) be the first derivative of ... ----------

def _params(slots: Slots) -> tuple[sympy.Symbol, ...]:
    names = [p.strip() for p in slots["params"].split(",")]
    if len(set(names)) != len(names):
        raise MathSyntaxError("repeated parameter name")
    return tuple(sympy.Symbol(p) for p in names)


def _prepare_function(slots: Slots, scope: Scope) -> tuple[str, tuple[sympy.Symbol, ...], sympy.Expr, int, Any]:
    params = _params(slots)
    inner = scope.without(*(str(p) for p in params))
    body = inner.expr(slots["expr"])
    order = ORDINALS[slots["order"].lower()] if slots.get("order") else 0
    if not order and slots["name"] in scope.functions and not body.free_symbols & set(params):
        # "Let f(l) = 0." about a function already defined is an equation in l, not a new f
        raise MathSyntaxError(f"{slots['name']} is already defined; this reads as an equation")
    variable = params[0]
    if order and len(params) != 1:
        raise MathSyntaxError("a derivative defines a function of one variable")
    if order and slots.get("wrt"):
        variable = sympy.Symbol(slots["wrt"])
    return slots["name"], params, body, order, variable


def _compute_function(args: Any) -> sympy.Expr:
    _, _, body, order, variable = args
    return sympy.diff(body, variable, order) if order else body


def _verify_function(args: Any, value: sympy.Expr) -> str | None:
    _, _, body, order, variable = args
    if not order:
        return None if same_value(body, value) else "function body changed"
    # integrate back: the antiderivative of the result differs from body's (order-1)-th derivative by a constant
    lower = sympy.diff(body, variable, order - 1)
    difference = sympy.expand(lower - sympy.integrate(value, variable))
    return None if not difference.has(variable) else "integrating the derivative back does not give the original"


def _function_binding(args: Any, value: sympy.Expr) -> dict[str, str]:
    name, params = args[0], args[1]
    return {f"{name}({', '.join(map(str, params))})": str(value)}


DEFINE_FUNCTION = Operation(
    name="define_function",
    patterns=phrase(
        rf"let {_FUNC} be the {_ORDINAL} derivative of (?P<expr>.+?)(?: (?:wrt|with respect to) (?P<wrt>[A-Za-z]))?",
        rf"(?:let|define) {_FUNC} (?:=|be|as) (?P<expr>.+)",
        rf"{_FUNC}\s*=\s*(?P<expr>[^=]+)",  # "f(x) = 3x - 2" alone, as a chat turn says it
    ),
    prepare=_prepare_function,
    compute=_compute_function,
    verify=_verify_function,
    render=lambda args, value: f"{args[0]}({', '.join(map(str, args[1]))}) = {value}",
    binds=_function_binding,
    reason="whole step parsed as a function definition",
)


# -- Suppose 2*a - 6 = -2*u, -11*a - 2*u - 4 = -14*a ------------------------

def equations(text: str, scope: Scope) -> list[sympy.Expr]:
    """Parse ``lhs = rhs, lhs = rhs and ...`` into expressions equal to zero."""
    result = []
    for part in split_list(text):
        op, lhs, rhs = parse_relation(part, names=scope.names, functions=scope.functions)
        if op != "=":
            raise MathSyntaxError(f"expected an equation, got {op!r}")
        result.append(lhs.expr - rhs.expr)
    return result


def _prepare_suppose(slots: Slots, scope: Scope) -> tuple[list[sympy.Expr], list[sympy.Symbol]]:
    if slots.get(PATTERN_SLOT) == "1":  # "x = 10" alone gives x a (new) value, even when x had one
        scope = scope.without(*re.findall(r"([A-Za-z])\s*=", slots["eqs"]))
    eqs = equations(slots["eqs"], scope)
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    if not unknowns:
        raise MathSyntaxError("nothing to solve for")
    if len(unknowns) > len(eqs):
        raise MathSyntaxError("more unknowns than equations")
    return eqs, unknowns


def _compute_suppose(args: Any) -> dict[sympy.Symbol, Any]:
    eqs, unknowns = args
    solutions = sympy.solve(eqs, unknowns, dict=True)
    if len(solutions) == 1 and set(solutions[0]) == set(unknowns):
        return solutions[0]
    if len(unknowns) == 1 and len(eqs) == 1:
        return {}  # several roots: keep the equation for a later "What is r?"
    raise MathSyntaxError("the equations do not determine the unknowns uniquely")


def _verify_suppose(args: Any, solution: dict[sympy.Symbol, Any]) -> str | None:
    eqs, _ = args
    if not solution:
        return None
    for eq in eqs:
        if sympy.simplify(eq.xreplace(solution)) != 0:
            return f"substituting the solution into {eq} = 0 does not give 0"
    return None


def _suppose_bindings(args: Any, solution: dict[sympy.Symbol, Any]) -> dict[str, str]:
    eqs, unknowns = args
    if not solution:
        return {CONSTRAINT + str(unknowns[0]): str(eqs[0])}
    return {str(k): str(v) for k, v in solution.items()}


def _suppose_text(args: Any, solution: dict[sympy.Symbol, Any]) -> str:
    if not solution:
        eq = args[0][0]
        return f"{eq} = 0"
    return ", ".join(f"{k} = {v}" for k, v in sorted(solution.items(), key=lambda kv: str(kv[0])))


SUPPOSE = Operation(
    name="suppose",
    patterns=phrase(
        r"(?:suppose|given|assume|let)(?: that)? (?P<eqs>[^=]+=.+)",
        # "x = 3, y = 4" alone: each name given a value written without letters
        rf"(?:set )?(?P<eqs>{_VALUE}(?:(?:,|;|, and| and) {_VALUE})*)",
    ),
    prepare=_prepare_suppose,
    compute=_compute_suppose,
    verify=_verify_suppose,
    render=_suppose_text,
    binds=_suppose_bindings,
    reason="whole step parsed as equations that define their unknowns",
)

OPERATIONS = (DEFINE_FUNCTION, DEFINE_VALUE, SUPPOSE)
