"""Solving equations and systems: ``Solve 3*x + 2 = 11 for x``, ``What is y in y**2 - 4 = 0?``."""

from __future__ import annotations

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.definitions import equations

__all__ = ["OPERATIONS"]

MAX_DEGREE = 12
_VAR = r"(?P<var>[A-Za-z])"

SolveArgs = tuple[list[sympy.Expr], sympy.Symbol, bool]


def _prepare_solve(slots: Slots, scope: Scope) -> SolveArgs:
    var_name = slots.get("var")
    if "eqs" in slots:
        eqs = equations(slots["eqs"], scope.without(var_name) if var_name else scope)
    elif var_name and var_name in scope.constraints:
        eqs = [scope.constraints[var_name]]
    else:
        raise MathSyntaxError("no equation to solve")
    free = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    if var_name is None:
        if len(free) != 1:
            raise MathSyntaxError("say which unknown to solve for")
        var = free[0]
    else:
        var = sympy.Symbol(var_name)
        if var not in free:
            raise MathSyntaxError(f"{var_name!r} does not appear in the equations")
    if len(free) > len(eqs):
        raise MathSyntaxError("more unknowns than equations")
    for eq in eqs:
        if eq.is_polynomial(*free) and sympy.Poly(eq, *free).total_degree() > MAX_DEGREE:
            raise MathSyntaxError(f"degree above {MAX_DEGREE}")
    decimals = any(e.has(sympy.Float) for e in eqs)
    return eqs, var, decimals


def _compute_solve(args: SolveArgs) -> list[sympy.Expr]:
    eqs, var, _ = args
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    solutions = sympy.solve(eqs, unknowns, dict=True)
    values = {sol[var] for sol in solutions if var in sol}
    if not values or any(v.free_symbols for v in values):
        raise MathSyntaxError("no solution in closed form")
    if len(unknowns) > 1 and len(values) != 1:
        raise MathSyntaxError("the system does not determine the unknown uniquely")
    return sorted(values, key=_sort_key)


def _sort_key(value: sympy.Expr) -> tuple[float, float]:
    number = complex(sympy.N(value))
    return (number.real, number.imag)


def _verify_solve(args: SolveArgs, roots: list[sympy.Expr]) -> str | None:
    eqs, var, _ = args
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    if len(unknowns) == 1:
        for root in roots:
            residual = sympy.simplify(eqs[0].xreplace({var: root}))
            if residual != 0:
                return f"substituting {var} = {root} leaves {residual}, not 0"
        eq = eqs[0]
        if eq.is_polynomial(var):
            # completeness: every root of the polynomial is listed
            distinct = sympy.Poly(eq, var).sqf_part()
            if distinct.degree() != len(roots):
                return f"found {len(roots)} roots but the polynomial has {distinct.degree()} distinct roots"
        return None
    # a system: back-substitute the unique solution
    solution = sympy.solve(eqs, unknowns, dict=True)
    if len(solution) != 1 or any(sympy.simplify(e.xreplace(solution[0])) != 0 for e in eqs):
        return "the solution does not satisfy every equation"
    if solution[0].get(var) != roots[0]:
        return "back-substitution disagrees"
    return None


SOLVE = Operation(
    name="solve",
    patterns=phrase(
        rf"solve (?P<eqs>[^=]+=.+?) for {_VAR}",
        rf"solve for {_VAR}:? (?P<eqs>[^=]+=.+)",
        r"solve (?P<eqs>[^=]+=.+)",
        r"(?:(?:find|what are|what's|whats|what is|give|list) )?(?:the )?(?:solutions|roots) (?:of|to) (?P<eqs>[^=]+=.+)",
        rf"(?:find|solve for) {_VAR}: (?P<eqs>[^=]+=.+)",
        rf"(?:determine|find|calculate|give|what is|what are|solve for) {_VAR},? (?:given|assuming|if|such|so) (?:that )?(?P<eqs>[^=]+=.+)",
        rf"(?:what is|what are|find|determine|give|calculate) {_VAR} (?:in|if|when|from) (?P<eqs>[^=]+=.+)",
        rf"(?:determine|find|calculate|give|what is|what are|solve for) {_VAR}",
    ),
    prepare=_prepare_solve,
    compute=_compute_solve,
    verify=_verify_solve,
    render=lambda args, roots: render(roots, args[2]),
    reason="whole step parsed as equations and the unknown to solve for",
)

OPERATIONS = (SOLVE,)
