"""Linear systems and questions asked under stated facts: ``solve 2x + 3y = 12 and x - y = 1``, ``if 3x - 7 = 11,
what is 2x + 1``, ``if f(x) = 2x + 3, what is f(4)``, ``y = 2x + 1, what is y when x = 7``.

Conventions:

- A system is answered only when it is linear and determines every unknown (one solution); the values bind the
  unknowns for later steps, as ``Suppose`` does. Names bound earlier are values, except the unknowns the step names.
- Under facts (equations, and definitions ``f(x) = ...``), the asked expression must come out as one value for every
  solution of the facts: ``if x^2 = 9, what is x^2 + 1`` is 10, ``if x^2 = 4, what is x + 1`` declines (−1 or 3).
  A bare unknown asked for lists its values (``if x^2 = 4, what is x`` is −2, 2). The facts must be polynomial
  equations (after clearing denominators), linear when they have more than one unknown, so that every solution
  is found and the check can confirm it.
"""

from __future__ import annotations

import re
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
    split_list,
)
from agentkit.tools.math._parser import FunctionDef, MathSyntaxError, parse, parse_relation
from agentkit.tools.math._spoken import to_symbols

__all__ = ["OPERATIONS"]

MAX_UNKNOWNS = 6
MAX_DEGREE = 8
_VARS = r"(?P<vars>[A-Za-z](?:(?:,|, and| and|,and)\s*[A-Za-z])+)"
_EQS = r"(?P<eqs>[^=]+=.+?)"
_DEFINITION = re.compile(r"\s*(?P<name>[A-Za-z])\((?P<params>[A-Za-z](?:,\s*[A-Za-z])*)\)\s*=\s*(?P<body>.+?)\s*")


def _unknowns(eqs: list[sympy.Expr]) -> list[sympy.Symbol]:
    return sorted(set().union(*(e.free_symbols for e in eqs)), key=str)


def _linear(eqs: list[sympy.Expr], unknowns: list[sympy.Symbol]) -> bool:
    return all(e.is_polynomial(*unknowns) and sympy.Poly(e, *unknowns).total_degree() <= 1 for e in eqs)


def _unique(eqs: list[sympy.Expr], unknowns: list[sympy.Symbol]) -> str | None:
    """Why the linear system has not exactly one solution, by the ranks of its matrices; None when it has."""
    a, b = sympy.linear_eq_to_matrix(eqs, unknowns)
    rank = a.rank()
    if a.row_join(b).rank() != rank:
        return "the equations contradict each other"
    if rank != len(unknowns):
        return "the equations do not determine every unknown"
    return None


# -- solve 2x + 3y = 12 and x - y = 1 ------------------------------------------------------------------

SystemArgs = tuple[list[sympy.Expr], list[sympy.Symbol], list[sympy.Symbol], bool, str]


def _prepare_system(slots: Slots, scope: Scope) -> SystemArgs:
    named = re.findall(r"\b[A-Za-z]\b", slots.get("vars") or "")
    if len(set(named)) != len(named):
        raise MathSyntaxError("an unknown is named twice")
    inner = scope.without(*named)
    parts = split_list(slots["eqs"].replace(";", ","))
    eqs = []
    for part in parts:
        op, lhs, rhs = parse_relation(part, names=inner.names, functions=inner.functions)
        if op != "=":
            raise MathSyntaxError(f"expected an equation, got {op!r}")
        eqs.append(lhs.expr - rhs.expr)
    unknowns = _unknowns(eqs)
    if not 2 <= len(unknowns) <= MAX_UNKNOWNS or len(eqs) < 2:
        raise MathSyntaxError("a system here has two or more equations in two or more unknowns")
    asked = [sympy.Symbol(n) for n in named] or unknowns
    if not set(asked) <= set(unknowns):
        raise MathSyntaxError("an unknown asked for is not in the equations")
    if not _linear(eqs, unknowns):
        raise MathSyntaxError("only linear systems are solved here")
    problem = _unique(eqs, unknowns)
    if problem:
        raise MathSyntaxError(problem)
    decimals = any(e.has(sympy.Float) for e in eqs) or "." in slots["eqs"]
    shown = f"solve the linear system {'; '.join(' '.join(p.split()) for p in parts)} " \
            f"for {', '.join(map(str, asked))}"
    return eqs, unknowns, asked, decimals, shown


def _compute_system(args: SystemArgs) -> dict[sympy.Symbol, sympy.Expr]:
    eqs, unknowns, asked, _, _ = args
    solutions = sympy.solve(eqs, unknowns, dict=True)
    if len(solutions) != 1 or set(solutions[0]) != set(unknowns):
        raise MathSyntaxError("the system has no unique solution")
    return {k: solutions[0][k] for k in asked}


def _verify_system(args: SystemArgs, values: dict[sympy.Symbol, sympy.Expr]) -> str | None:
    """Cramer's way round: the matrix solution agrees, and every equation holds at it exactly."""
    eqs, unknowns, asked, _, _ = args
    a, b = sympy.linear_eq_to_matrix(eqs, unknowns)
    if a.rank() != len(unknowns):
        return "the system does not determine every unknown"
    square = a.T * a  # the normal equations: the unique solution of a consistent system of full column rank
    vector = square.LUsolve(a.T * b)
    full = dict(zip(unknowns, vector))
    for eq in eqs:
        if sympy.simplify(eq.xreplace(full)) != 0:
            return f"the matrix solution does not satisfy {eq} = 0"
    for k, v in values.items():
        if sympy.simplify(full[k] - v) != 0:
            return f"the matrix solution gives {k} = {full[k]}, not {v}"
    return None


def _system_text(args: SystemArgs, values: dict[sympy.Symbol, sympy.Expr]) -> str:
    return ", ".join(f"{k} = {render(v, args[3])}" for k, v in values.items())


SYSTEM = Operation(
    name="solve_system",
    patterns=phrase(
        rf"solve(?: simultaneously)?(?: the)?(?: (?:linear )?(?:system|simultaneous equations)(?: of equations)?)?:? "
        rf"{_EQS}"
        rf"(?:,? (?:for|find) {_VARS})?",
        rf"(?:(?:given|if|suppose|assuming)(?: that)? )?{_EQS},? (?:then )?(?:find|solve for|what are|what're|what's|"
        rf"whats|what is|determine|give|calculate) {_VARS}",
        rf"(?:find|solve for|what are|determine|give|calculate) {_VARS}(?:,? (?:if|given|given that|when|such "
        rf"that|so that|from)|:) {_EQS}",
    ),
    prepare=_prepare_system,
    compute=_compute_system,
    verify=_verify_system,
    render=_system_text,
    binds=lambda args, values: {str(k): render(v, args[3]) for k, v in values.items()},
    reason="whole step parsed as a linear system and the unknowns to solve for",
    interpret=lambda args: args[4],
)


# -- if 3x - 7 = 11, what is 2x + 1 / if f(x) = 2x + 3, what is f(4) ----------------------------------------

FactsArgs = tuple[list[sympy.Expr], sympy.Expr, bool, str]


def _definitions(parts: list[str], scope: Scope) -> tuple[dict[str, FunctionDef], list[str]]:
    """The function definitions among the facts (``f(x) = 2x + 3``), and the other facts."""
    functions: dict[str, FunctionDef] = dict(scope.functions)
    rest = []
    for part in parts:
        m = _DEFINITION.fullmatch(part)
        if m is None or m.group("name") in scope.functions:
            rest.append(part)
            continue
        params = tuple(sympy.Symbol(p.strip()) for p in m.group("params").split(","))
        if len(set(params)) != len(params) or m.group("name") in map(str, params):
            raise MathSyntaxError("a definition's parameters must be distinct names")
        body = parse(m.group("body"), names=scope.without(*map(str, params)).names, functions=functions).expr
        functions[m.group("name")] = (params, body)
    return functions, rest


_ASSIGNMENT = re.compile(r"\s*[A-Za-z]\s*=\s*[^A-Za-z=]+")


def _prepare_facts(slots: Slots, scope: Scope) -> FactsArgs:
    facts = split_list(slots["facts"])
    if slots.get(PATTERN_SLOT) == "3":
        # the question first: a bare unknown is left to solving, values alone to evaluation at them
        if re.fullmatch(r"\s*[A-Za-z]\s*", slots["expr"]) and not slots.get("values"):
            raise MathSyntaxError("a bare unknown asked for is solved for, not evaluated")
        if all(_ASSIGNMENT.fullmatch(f) for f in facts):
            raise MathSyntaxError("values alone: an evaluation at them")
    values = split_list(slots["values"]) if slots.get("values") else []
    if any(not re.fullmatch(r"\s*[A-Za-z]\s*=[^=]+", v) for v in values):
        raise MathSyntaxError("a value is given as 'name = number'")
    functions, equations = _definitions(facts, scope)
    eqs, decimals = [], False
    for part in [*equations, *values]:
        op, lhs, rhs = parse_relation(to_symbols(part), names=scope.names, functions=functions)
        if op != "=":
            raise MathSyntaxError(f"expected an equation, got {op!r}")
        eqs.append(lhs.expr - rhs.expr)
        decimals = decimals or lhs.decimals or rhs.decimals
    asked = parse(to_symbols(slots["expr"]), names=scope.names, functions=functions)
    if len(functions) == len(scope.functions) and not eqs:
        raise MathSyntaxError("no fact to use")
    if any(e.is_number for e in eqs):
        raise MathSyntaxError("a fact with no unknown in it")
    unknowns = _unknowns(eqs)
    if not asked.expr.free_symbols <= set(unknowns) or len(unknowns) > MAX_UNKNOWNS:
        raise MathSyntaxError("the facts do not give every unknown of the question")
    for eq in eqs:
        numerator = sympy.fraction(sympy.together(eq))[0]
        if not numerator.is_polynomial(*unknowns) or sympy.Poly(numerator, *unknowns).total_degree() > MAX_DEGREE:
            raise MathSyntaxError("the facts must be polynomial equations")
    if len(unknowns) > 1 and not _linear(eqs, unknowns):
        raise MathSyntaxError("facts in several unknowns must be linear")
    if len(unknowns) > 1 and _unique(eqs, unknowns):
        raise MathSyntaxError(_unique(eqs, unknowns))
    shown = "; ".join(" ".join(p.split()) for p in [*facts, *values])
    return eqs, asked.expr, decimals or asked.decimals, f"given {shown}: {asked.text}"


def _compute_facts(args: FactsArgs) -> list[sympy.Expr]:
    eqs, asked, _, _ = args
    if not eqs:
        return [sympy.expand(asked)]
    solutions = sympy.solve(eqs, _unknowns(eqs), dict=True)
    values = {sympy.simplify(asked.xreplace(sol)) for sol in solutions}
    if not values or any(v.free_symbols or v.has(sympy.zoo, sympy.nan) for v in values):
        raise MathSyntaxError("the facts do not determine the value")
    if len(values) > 1 and not asked.is_Symbol:
        raise MathSyntaxError(f"the facts allow several values: {', '.join(map(str, values))}")
    return sorted(values, key=lambda v: (complex(sympy.N(v)).real, complex(sympy.N(v)).imag))


def _complex_note(values: list[sympy.Expr]) -> str:
    """Said after values that are not all real ("x^2 + 4 = 0, what is x"), as a solve's reading says it."""
    if all(v.is_real for v in values):
        return ""
    return " (over the complex numbers)" if any(v.is_real for v in values) else \
        " (over the complex numbers: no real value fits the facts)"


def _verify_facts(args: FactsArgs, values: list[sympy.Expr]) -> str | None:
    """Every solution of the facts, found again one unknown at a time, gives one of the values (and each is given)."""
    eqs, asked, _, _ = args
    if not eqs:
        return None
    unknowns = _unknowns(eqs)
    if len(unknowns) == 1:
        (var,) = unknowns
        numerator = sympy.Poly(sympy.fraction(sympy.together(eqs[0]))[0], var)
        roots = [r for r in sympy.Poly(numerator.sqf_part(), var).all_roots()
                 if all(sympy.simplify(e.xreplace({var: r})) == 0 for e in eqs)]
        points = [{var: r} for r in roots]
    else:
        a, b = sympy.linear_eq_to_matrix(eqs, unknowns)
        points = [dict(zip(unknowns, a.LUsolve(b)))]
    if not points:
        return "the facts have no solution"
    found = [sympy.N(asked.xreplace(p), 40) for p in points]
    for value in found:
        if not any(numbers_equal(value, sympy.N(v, 40)) for v in values):
            return f"a solution of the facts gives {value}, which is not among {values}"
    for v in values:
        if not any(numbers_equal(sympy.N(v, 40), value) for value in found):
            return f"{v} comes from no solution of the facts"
    return None


FACTS = Operation(
    name="given_facts",
    patterns=phrase(
        r"(?:if|given|given that|suppose|assume|assuming|let)(?: that)? (?P<facts>[^=]+=.+?),? (?:then )?"
        r"(?:what is|what's|whats|find|compute|calculate|evaluate|determine|give|what does|solve for) "
        r"(?P<expr>[^=]+?)(?: equal| come to)?(?: (?:when|if|at|for|where) (?P<values>[A-Za-z]\s*=\s*[^=]+"
        r"(?:(?:,| and|, and) [A-Za-z]\s*=\s*[^=]+)*))?",
        # "x + y = 10, x - y = 2, what is x": the facts first, joined by commas or "and", then the question
        r"(?P<facts>[^=,.;]+=[^=,;]+?(?:(?:,| and|, and|;) [^=,.;]+=[^=,;]+?)*)(?:,|\.|;) (?:then )?"
        r"(?:what is|what's|whats|find|compute|calculate|evaluate|determine|solve for) "
        r"(?P<expr>[^=]+?)(?: (?:when|if|at|for|where) (?P<values>[A-Za-z]\s*=\s*[^=]+"
        r"(?:(?:,| and|, and) [A-Za-z]\s*=\s*[^=]+)*))?",
        # "what is f(2) if f(x) = x^3": the question first, when the facts define a function
        r"(?:what is|what's|whats|find|compute|calculate|evaluate|determine|give) (?P<expr>[^=]+?),? "
        r"(?:if|given|given that|when|where|for) (?P<facts>[A-Za-z]\([A-Za-z]\)\s*=.+)",
        # "what is 2x + 1 if 3x - 7 = 11", "what is y when x = 2 if y = 3x + 1": the question first
        r"(?:what is|what's|whats|find|compute|calculate|evaluate|determine|give) (?P<expr>[^=]+?)"
        r"(?: (?:when|at|for) (?P<values>[A-Za-z]\s*=\s*[^=]+?(?:(?:,| and|, and) [A-Za-z]\s*=\s*[^=]+?)*))?,? "
        r"(?:if|given|given that|where|assuming) (?P<facts>[^=]+=.+)",
    ),
    prepare=_prepare_facts,
    compute=_compute_facts,
    verify=_verify_facts,
    render=lambda args, values: render(values, args[2]) + _complex_note(values),
    reason="whole step parsed as facts (equations, definitions) and an expression to evaluate under them",
    interpret=lambda args: args[3],
)

OPERATIONS = (SYSTEM, FACTS)
