"""Solving equations and systems: ``Solve 3*x + 2 = 11 for x``, ``What is y in y**2 - 4 = 0?``.

Conventions: roots are complex unless the step says ``over the reals`` (``over the complex numbers`` is the
default said aloud); an equation with an absolute value (``|x - 3| = 5``) is solved over the reals, and the
reading says so. A system (``2x + 3y = 12 and x - y = 1``) is answered only when it is linear and has exactly
one solution; its values bind the unknowns for later steps, as ``Suppose`` does.
"""

from __future__ import annotations

import re

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math._chat import numbers_in_words
from agentkit.tools.math._spoken import to_symbols
from agentkit.tools.math import inequalities
from agentkit.tools.math.definitions import equations
from agentkit.tools.math.polynomials import letter_products

__all__ = ["OPERATIONS"]

MAX_DEGREE = 12
_VAR = r"(?P<var>[A-Za-z])"

# the equations (each = 0), the unknown, whether decimals were written, over the reals, the reading to show
SolveArgs = tuple[list[sympy.Expr], sympy.Symbol, bool, bool, str]
# "over the complex numbers" / "over the reals", said after the equation
_FIELD = (r"(?:,? (?:over|in) (?:the )?(?:(?P<complex>complex numbers|complexes|complex plane|ℂ)"
          r"|(?P<real>real numbers|reals|ℝ)))?")


_SPOKEN = re.compile(r"\b(?:equals|is equal to|squared|cubed|plus|minus|times|multiplied by|divided by|over|"
                     r"to the power of)\b", re.IGNORECASE)


def spoken(text: str) -> str:
    """An equation said in words in symbols: ``x squared minus 16 equals 0`` is ``(x)² - 16 = 0``."""
    if not _SPOKEN.search(text):
        return text
    text = numbers_in_words(text) or text  # "equals zero"
    return to_symbols(re.sub(r"\s+(?:equals|is equal to)\s+", " = ", text, flags=re.IGNORECASE))


def _prepare_solve(slots: Slots, scope: Scope) -> SolveArgs:
    if slots.get("zero"):  # "the zeros of f(x) = x^2 - 9": where the function is 0
        real = "real" if slots.get("real") or slots.get("intercepts") else None
        slots = {**slots, "eqs": f"{slots['zero']} = 0", "var": slots.get("fvar"), "real": real}
    var_name = slots.get("var")
    if "eqs" in slots:
        inner = scope.without(var_name) if var_name else scope
        eqs = equations(letter_products(spoken(slots["eqs"]), inner), inner)
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
    real = bool(slots.get("real")) or any(e.has(sympy.Abs) for e in eqs)
    if real and slots.get("complex"):
        raise MathSyntaxError("an absolute value is solved over the reals here")
    if real and len(free) > 1:
        raise MathSyntaxError("systems are solved over the complex numbers only")
    shown = ""
    said = slots.get("eqs") and letter_products(spoken(slots["eqs"]), scope) != slots["eqs"]
    complex_roots = not real and len(free) == 1 and _complex_roots(eqs[0], var)
    if real or slots.get("complex") or said or complex_roots or slots.get("zero"):
        field = " over the reals" if real else " over the complex numbers" if slots.get("complex") or complex_roots \
            else ""
        shown = f"solve {', '.join(f'{sympy.sstr(e)} = 0' for e in eqs)} for {var}{field}"
    return eqs, var, decimals, real, shown


def _complex_roots(eq: sympy.Expr, var: sympy.Symbol) -> bool:
    """Whether a polynomial equation with rational coefficients has roots that are not real (then the reading
    says the roots are over the complex numbers)."""
    if not eq.is_polynomial(var):
        return False
    poly = sympy.Poly(eq, var)
    if poly.domain not in (sympy.ZZ, sympy.QQ) or poly.degree() > MAX_DEGREE:
        return False
    distinct = poly.sqf_part()
    return distinct.count_roots() != distinct.degree()


def _as_real(eqs: list[sympy.Expr], var: sympy.Symbol) -> tuple[list[sympy.Expr], sympy.Symbol]:
    real = sympy.Symbol(var.name, real=True)
    return [e.xreplace({var: real}) for e in eqs], real


def _compute_solve(args: SolveArgs) -> list[sympy.Expr]:
    eqs, var, _, real, _ = args
    if real:
        eqs, var = _as_real(eqs, var)
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    solutions = sympy.solve(eqs, unknowns, dict=True)
    values = {sol[var].xreplace({var: sympy.Symbol(var.name)}) for sol in solutions if var in sol}
    if real and not values and len(eqs) == 1 and (eqs[0].is_polynomial(var) or eqs[0].has(sympy.Abs)):
        return []  # no real root; the check confirms it by Sturm's count or case by case
    if not values or any(v.free_symbols for v in values):
        raise MathSyntaxError("no solution in closed form")
    if len(unknowns) > 1 and len(values) != 1:
        raise MathSyntaxError("the system does not determine the unknown uniquely")
    return sorted(values, key=_sort_key)


def _sort_key(value: sympy.Expr) -> tuple[float, float]:
    number = complex(sympy.N(value))
    return (number.real, number.imag)


def _verify_solve(args: SolveArgs, roots: list[sympy.Expr]) -> str | None:
    eqs, var, _, real, _ = args
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    if len(unknowns) == 1:
        for root in roots:
            if real and not root.is_extended_real:
                return f"{root} is not a real number"
            residual = sympy.simplify(eqs[0].xreplace({var: root}))
            if residual != 0:
                return f"substituting {var} = {root} leaves {residual}, not 0"
        eq = eqs[0]
        if eq.is_polynomial(var):
            # completeness: every root of the polynomial is listed (Sturm's count of the real ones over the reals)
            distinct = sympy.Poly(eq, var).sqf_part()
            if real and distinct.domain not in (sympy.ZZ, sympy.QQ):
                return "the real roots cannot be counted here (the coefficients are not rational)"
            count = distinct.count_roots() if real else distinct.degree()
            if count != len(roots):
                return f"found {len(roots)} roots but the polynomial has {count} distinct roots"
            return None
        if real and eq.has(sympy.Abs):
            return _verify_absolute(eq, var, roots)
        return None if roots else "no roots found"
    # a system: back-substitute the unique solution
    solution = sympy.solve(eqs, unknowns, dict=True)
    if len(solution) != 1 or any(sympy.simplify(e.xreplace(solution[0])) != 0 for e in eqs):
        return "the solution does not satisfy every equation"
    if solution[0].get(var) != roots[0]:
        return "back-substitution disagrees"
    return None


def _verify_absolute(eq: sympy.Expr, var: sympy.Symbol, roots: list[sympy.Expr]) -> str | None:
    """Completeness of a polynomial equation in absolute values, by cases: each |p| replaced by p or by -p,
    the real roots of each case kept where the signs they assumed hold."""
    bars = sorted(eq.atoms(sympy.Abs), key=str)
    if len(bars) > 3:
        return "too many absolute values to check by cases"
    expected: set[sympy.Expr] = set()
    for signs in range(2 ** len(bars)):
        chosen = {bar: (bar.args[0] if signs >> i & 1 else -bar.args[0]) for i, bar in enumerate(bars)}
        case = sympy.expand(eq.xreplace(chosen))
        if not case.is_polynomial(var) or case == 0:
            return "the cases are not polynomial equations with finitely many roots"
        for root in set(sympy.Poly(case, var).real_roots()):
            inside = [bar.args[0].xreplace({var: root}) for bar in bars]
            if all((value >= 0) if signs >> i & 1 else (value <= 0) for i, value in enumerate(inside)):
                expected.add(root)
    if len(expected) != len(roots) or any(sympy.simplify(r - e) != 0 for r, e in
                                           zip(sorted(roots, key=_sort_key), sorted(expected, key=_sort_key))):
        return f"solving case by case gives {sorted(expected, key=_sort_key)}, not {roots}"
    return None


SOLVE = Operation(
    name="solve",
    patterns=phrase(
        rf"solve (?:the equation:? )?(?P<eqs>[^=]+=.+?) for {_VAR}{_FIELD}",
        rf"solve for {_VAR}:? (?P<eqs>[^=]+=.+?){_FIELD}",
        rf"solve (?:the equation:? )?(?P<eqs>[^=]+=.+?){_FIELD}",
        rf"solve (?:the equation:? )?(?P<eqs>[^=]+? (?:equals|is equal to) [^=]+?)(?: for {_VAR})?{_FIELD}",
        # "x squared minus 16 equals 0, solve it": the equation first, the request after it
        rf"(?P<eqs>[^=]+?(?:=| equals | is equal to )[^=]+?),? (?:now |then |and |pls |please )?"
        rf"solve(?: it| that| this)?(?: for {_VAR})?",
        rf"(?P<eqs>[^=]+?(?:=| equals | is equal to )[^=]+?),? (?:now |then |and )?(?:find|what is|what's) {_VAR}",
        r"(?:(?:find|what are|what's|whats|what is|give|list) )?(?:the )?(?:solutions|roots) (?:of|to) (?P<eqs>[^=]+=.+)",
        rf"(?:find|solve for) {_VAR}: (?P<eqs>[^=]+=.+)",
        rf"(?:determine|find|calculate|give|what is|what are|solve for) {_VAR},? (?:given|assuming|if|such|so) (?:that )?(?P<eqs>[^=]+=.+)",
        rf"(?:what is|what are|find|determine|give|calculate) {_VAR} (?:in|if|when|from) (?P<eqs>[^=]+=.+)",
        rf"(?:determine|find|calculate|give|what is|what are|solve for) {_VAR}",
        r"(?:(?:find|what are|what's|whats|give|list) )?(?:the |all )?(?:(?P<real>real) )?"
        r"(?:zeros|zeroes|roots|(?P<intercepts>x-intercepts)) of "
        r"(?:the (?:function|polynomial|graph of) )?[A-Za-z](?:\((?P<fvar>[A-Za-z])\))?\s*=\s*(?P<zero>[^=]+)",
    ),
    prepare=_prepare_solve,
    compute=_compute_solve,
    verify=_verify_solve,
    render=lambda args, roots: render(roots, args[2]) if roots else "no real solution",
    reason="whole step parsed as equations and the unknown to solve for",
    interpret=lambda args: args[4],
)

OPERATIONS = (SOLVE, *inequalities.OPERATIONS)  # inequalities are solved beside equations
