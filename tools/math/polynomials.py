"""Rewriting expressions with unknowns: expand, factor, simplify, read off coefficients, combine functions."""

from __future__ import annotations

import math
import random
import re

import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, same_value
from agentkit.tools.math._parser import MathSyntaxError, parse

__all__ = ["OPERATIONS", "letter_products"]

MAX_TERMS = 3000  # terms an expansion may produce
MAX_FACTOR_DEGREE = 40
_ASK = r"(?:(?:give|determine|calculate|compute|what is|what's|whats|find|evaluate|get) )?"
_CALL = re.compile(r"\b([A-Za-z])\(")


def _terms(expr: sympy.Expr) -> int:
    """An upper bound on the number of terms of ``expand(expr)``, without expanding."""
    if isinstance(expr, sympy.Add):
        return sum(_terms(a) for a in expr.args)
    if isinstance(expr, sympy.Mul):
        return math.prod(_terms(a) for a in expr.args)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 0:
        t = _terms(expr.base)
        return math.comb(int(expr.exp) + t - 1, t - 1) if t > 1 else 1
    return max([1, *(_terms(a) for a in expr.args)])  # expand also works inside sin(...), roots, ...


def _expression(text: str, scope: Scope, *, constant: bool = False) -> sympy.Expr:
    """An expression with at least one unknown (unless ``constant``), small enough to expand."""
    expr = scope.expr(text)
    if not (constant or expr.free_symbols):
        raise MathSyntaxError("no variable in the expression: nothing to rewrite")
    if expr.has(sympy.zoo, sympy.nan, sympy.oo):
        raise MathSyntaxError("the expression is undefined")
    if _terms(expr) > MAX_TERMS:
        raise LimitExceeded(f"the expansion would have more than {MAX_TERMS} terms")
    return expr


_LETTER_CALL = re.compile(r"(?<![A-Za-z_])([A-Za-z])\(")


def letter_products(text: str, scope: Scope) -> str:
    """``x(x - 3)(x + 3)`` as ``x*(x - 3)(x + 3)``: a letter before a parenthesis multiplies it when the letter
    is also a variable of the same expression (used without a parenthesis after it) and no function of that name
    is defined; ``f(x)`` alone stays a call (and declines unless f is defined).
    """
    def product(match: re.Match[str]) -> str:
        letter = match.group(1)
        alone = re.search(rf"(?<![A-Za-z_]){letter}(?![A-Za-z_(])", text)
        return f"{letter}*(" if alone and letter not in scope.functions else match.group()

    return _LETTER_CALL.sub(product, text)


def _unchanged(expr: sympy.Expr, value: sympy.Expr) -> str | None:
    return None if same_value(expr, value) else f"{value} does not agree with {expr}"


# -- Expand (x + 1)**3 / Collect the terms in 3*x - x ---------------------------

EXPAND = Operation(
    name="expand",
    patterns=phrase(
        r"(?:expand|multiply out)(?: and simplify)?:? (?P<expr>.+)",
        r"(?:collect|combine|gather)(?: the)?(?: like)? terms(?: in| of)?:? (?P<expr>.+)",
        r"simplify by collecting(?: like)? terms:? (?P<expr>.+)",
    ),
    prepare=lambda slots, scope: _expression(letter_products(slots["expr"], scope), scope),
    compute=sympy.expand,
    verify=_unchanged,
    render=lambda expr, value: str(value),
    reason="whole step parsed as an expression to multiply out and collect",
    interpret=lambda expr: f"expand {sympy.sstr(expr)}",
)


# -- Factor x**2 - 5*x + 6 ----------------------------------------------------

def _prepare_factor(slots: Slots, scope: Scope) -> sympy.Expr:
    expr = _expression(letter_products(slots["expr"], scope), scope)
    numerator, denominator = sympy.fraction(sympy.together(expr))
    for part in (numerator, denominator):
        if not part.is_polynomial():
            raise MathSyntaxError("only polynomials and their quotients are factored")
        if sympy.Poly(part, *expr.free_symbols).total_degree() > MAX_FACTOR_DEGREE:
            raise LimitExceeded(f"degree above {MAX_FACTOR_DEGREE}")
    return expr


def _verify_factor(expr: sympy.Expr, value: sympy.Expr) -> str | None:
    if sympy.cancel(sympy.expand(value) - sympy.expand(expr)) != 0:
        return "multiplying the factors back does not give the expression"
    for factor in sympy.Mul.make_args(value):
        base = factor.base if isinstance(factor, sympy.Pow) else factor
        if base.free_symbols and not sympy.Poly(base).is_irreducible:
            return f"the factor {base} can be factored further"
    return None


FACTOR = Operation(
    name="factor",
    patterns=phrase(
        r"(?:factor completely|fully factor|factorise|factorize|factor)(?: the expression)?:? (?P<expr>.+)",
    ),
    prepare=_prepare_factor,
    compute=sympy.factor,
    verify=_verify_factor,
    render=lambda expr, value: str(value),
    reason="whole step parsed as a polynomial to factor over the rationals",
)


# -- Simplify (x**2 - 1)/(x - 1); Simplify (z**(3/8)*z)**(-35) assuming z is positive ---

SimplifyArgs = tuple[sympy.Expr, tuple[sympy.Symbol, ...]]


def _prepare_simplify(slots: Slots, scope: Scope) -> SimplifyArgs:
    names = re.findall(r"[A-Za-z]", slots.get("positive") or "")
    expr = _expression(slots["expr"], scope, constant=bool(names))
    if not set(names) <= scope.parse(slots["expr"]).symbols:
        raise MathSyntaxError("the assumption names a letter the expression does not have")
    return expr, tuple(sympy.Symbol(n) for n in names)


def _compute_simplify(args: SimplifyArgs) -> sympy.Expr:
    expr, positive = args
    if not positive:
        return sympy.simplify(expr)
    as_positive = {s: sympy.Symbol(s.name, positive=True) for s in positive}
    value = sympy.powsimp(sympy.powdenest(expr.xreplace(as_positive)))
    return value.xreplace({v: k for k, v in as_positive.items()})


def _sample(rng: random.Random, low: int) -> sympy.Float:
    return sympy.Float(sympy.Rational(rng.randint(low, 60), rng.randint(1, 9)), 60)


def _verify_simplify(args: SimplifyArgs, value: sympy.Expr) -> str | None:
    expr, positive = args
    if not positive:
        return _unchanged(expr, value)
    # where the assumption holds: positive values below and above 1, compared relatively (powers get tiny)
    rng = random.Random(11)
    for _ in range(6):
        point = {s: _sample(rng, -60) for s in expr.free_symbols}
        point.update({s: _sample(rng, 1) for s in positive})
        a, b = sympy.N(expr.xreplace(point), 50), sympy.N(value.xreplace(point), 50)
        if abs(a - b) > sympy.Float("1e-30") * max(abs(a), abs(b)):
            return f"{value} differs from {expr} where {', '.join(map(str, positive))} > 0"
    return None


SIMPLIFY = Operation(
    name="simplify",
    patterns=phrase(
        r"simplify:? (?P<expr>.+?),? (?:assuming|where|given that|if) "
        r"(?P<positive>[A-Za-z](?:(?:,| and|, and) [A-Za-z])*) (?:is|are) positive",
        r"simplify:? (?P<expr>.+)",
    ),
    prepare=_prepare_simplify,
    compute=_compute_simplify,
    verify=_verify_simplify,
    render=lambda args, value: str(value),
    reason="whole step parsed as an expression with unknowns to simplify",
)


# -- Rearrange ... to the form r*f**2 + j*f + x and give r / coefficient of x**2 in ... ---

CoefficientArgs = tuple[sympy.Expr, sympy.Expr, tuple[sympy.Symbol, ...]]


def _monomial(term: sympy.Expr) -> tuple[sympy.Symbol, ...]:
    """The unknowns of a monomial with coefficient 1, such as ``x**2*y``."""
    gens = tuple(sorted(term.free_symbols, key=str))
    single = len(sympy.Add.make_args(term)) == 1 and term.as_coeff_Mul()[0] == 1
    if not (gens and single and term.is_polynomial()):
        raise MathSyntaxError(f"{term} is not a power of a variable")
    return gens


def _prepare_coefficient(slots: Slots, scope: Scope) -> CoefficientArgs:
    term = parse(slots["term"]).expr
    gens = _monomial(term)
    expr = _expression(slots["expr"], scope.without(*map(str, gens)))
    if not expr.is_polynomial(*gens):
        raise MathSyntaxError(f"{expr} is not a polynomial in {', '.join(map(str, gens))}")
    return expr, term, gens


def _prepare_named(slots: Slots, scope: Scope) -> CoefficientArgs:
    """``r*f**2 + j*f + x``: each name multiplies a distinct power of the expression's variable."""
    expr = _expression(slots["expr"], scope)
    if len(expr.free_symbols) != 1 or not expr.is_polynomial():
        raise MathSyntaxError("the expression must be a polynomial in one variable")
    var = next(iter(expr.free_symbols))
    powers: dict[sympy.Symbol, int] = {}
    for term in sympy.Add.make_args(parse(slots["form"]).expr):
        names = [f for f in term.free_symbols if f != var]
        power = sympy.degree(term, var) if term.has(var) else 0
        if len(names) != 1 or term != names[0] * var**power or power in powers.values():
            raise MathSyntaxError(f"{term} in the form is not a name times a power of {var}")
        powers[names[0]] = int(power)
    asked = sympy.Symbol(slots["name"])
    if asked not in powers:
        raise MathSyntaxError(f"{asked} is not one of the names in the form")
    if not set(sympy.Poly(expr, var).monoms()) <= {(p,) for p in powers.values()}:
        raise MathSyntaxError("the expression has powers the form does not")
    return expr, var ** powers[asked], (var,)


def _compute_coefficient(args: CoefficientArgs) -> sympy.Expr:
    expr, term, gens = args
    return sympy.Poly(expr, *gens).coeff_monomial(term)


def _verify_coefficient(args: CoefficientArgs, value: sympy.Expr) -> str | None:
    # Taylor's formula: differentiate by each power, set the variables to 0, divide by the factorials
    expr, term, gens = args
    check = expr
    for gen in gens:
        power = sympy.degree(term, gen)
        check = sympy.diff(check, gen, power) / sympy.factorial(power)
    check = check.xreplace({g: 0 for g in gens})
    return None if sympy.expand(check - value) == 0 else f"Taylor's formula gives {check}, not {value}"


COEFFICIENT = Operation(
    name="coefficient",
    patterns=phrase(rf"{_ASK}(?:the )?coefficient of (?P<term>\S+) in(?: the expansion of)? (?P<expr>.+)"),
    prepare=_prepare_coefficient,
    compute=_compute_coefficient,
    verify=_verify_coefficient,
    render=lambda args, value: str(value),
    reason="whole step parsed as a monomial and a polynomial to read its coefficient from",
)

COEFFICIENT_NAMED = Operation(
    name="coefficient_named",
    patterns=phrase(
        r"(?:rearrange|express|write) (?P<expr>.+?) (?:to|as|in|into)(?: the form)? (?P<form>[^,]+?),? "
        r"and give (?P<name>[A-Za-z])",
    ),
    prepare=_prepare_named,
    compute=_compute_coefficient,
    verify=_verify_coefficient,
    render=lambda args, value: str(value),
    reason="whole step parsed as a polynomial, a target form and the coefficient asked for",
)


# -- Give 3*o(k) + 5*t(k) / Determine m(u(o)) -----------------------------------

def _prepare_combination(slots: Slots, scope: Scope) -> sympy.Expr:
    if not any(name in scope.functions for name in _CALL.findall(slots["expr"])):
        raise MathSyntaxError("no defined function is used")
    return _expression(slots["expr"], scope)


COMBINE_FUNCTIONS = Operation(
    name="combine_functions",
    patterns=phrase(rf"{_ASK}(?P<expr>.+)"),
    prepare=_prepare_combination,
    compute=sympy.expand,
    verify=_unchanged,
    render=lambda expr, value: str(value),
    reason="whole step parsed as an expression in defined functions, multiplied out",
)

# -- the discriminant of 2x^2 + 3x - 5; the sum of the roots of x^2 - 7x + 10 ------------------------------------

RootsArgs = tuple[sympy.Poly, str]
_EQUATION = r"(?P<expr>[^=]+?)(?:\s*=\s*(?P<rhs>[^=]+))?"


def _polynomial(slots: Slots, scope: Scope, *, least: int) -> sympy.Poly:
    """A polynomial in one variable with rational coefficients, of degree ``least`` at least (an equation is
    moved to one side)."""
    expr = _expression(slots["expr"], scope) - (scope.expr(slots["rhs"]) if slots.get("rhs") else 0)
    free = expr.free_symbols
    if len(free) != 1 or not expr.is_polynomial(*free):
        raise MathSyntaxError("a polynomial in one variable is needed")
    poly = sympy.Poly(expr, *free)
    if poly.degree() < least or poly.degree() > MAX_FACTOR_DEGREE or poly.domain not in (sympy.ZZ, sympy.QQ):
        raise MathSyntaxError(f"a polynomial of degree {least} to {MAX_FACTOR_DEGREE} with rational coefficients")
    return poly


def _verify_discriminant(poly: sympy.Poly, value: sympy.Expr) -> str | None:
    """From the roots: a^(2n−2) times the product of the squared differences of the roots (numerically), or
    b² − 4ac for a quadratic."""
    coefficients = poly.all_coeffs()
    if poly.degree() == 2:
        a, b, c = coefficients
        return None if b**2 - 4 * a * c == value else f"b² − 4ac is {b**2 - 4 * a * c}, not {value}"
    roots = poly.nroots(n=40)
    product = sympy.Integer(1)
    for i, r in enumerate(roots):
        for s in roots[i + 1:]:
            product *= (r - s) ** 2
    numeric = sympy.N(poly.LC() ** (2 * poly.degree() - 2) * product, 30)
    if abs(sympy.re(numeric) - value) > sympy.Float("1e-15") * max(1, abs(value)) or abs(sympy.im(numeric)) > 1e-15:
        return f"the roots give {numeric}, not {value}"
    return None


DISCRIMINANT = Operation(
    name="discriminant",
    patterns=phrase(rf"{_ASK}(?:the )?discriminant (?:of|for)(?: the (?:polynomial|quadratic|equation))? {_EQUATION}"),
    prepare=lambda slots, scope: _polynomial(slots, scope, least=2),
    compute=sympy.discriminant,
    verify=_verify_discriminant,
    render=lambda poly, value: str(value),
    reason="whole step parsed as a polynomial whose discriminant is asked",
    interpret=lambda poly: f"discriminant of {sympy.sstr(poly.as_expr())}"
                           + (" (b² − 4ac)" if poly.degree() == 2 else ""),
)


def _prepare_roots(slots: Slots, scope: Scope) -> RootsArgs:
    poly = _polynomial(slots, scope, least=1)
    if sympy.Poly(poly.sqf_part()).degree() != poly.degree():
        raise MathSyntaxError("a root is repeated: counted once or as often as it repeats? Ask for the roots")
    if poly.count_roots() != poly.degree():
        raise MathSyntaxError("some roots are not real: of every root, or of the real ones only? Ask for the roots")
    return poly, slots["kind"].lower()


def _compute_vieta(args: RootsArgs) -> sympy.Expr:
    """Vieta's formulas: the sum is −a₁/a₀ and the product (−1)ⁿ·aₙ/a₀ (coefficients from the leading one)."""
    poly, kind = args
    c = poly.all_coeffs()
    return -c[1] / c[0] if kind == "sum" else (-1) ** poly.degree() * c[-1] / c[0]


def _verify_vieta(args: RootsArgs, value: sympy.Expr) -> str | None:
    """The roots themselves, found numerically, added or multiplied."""
    poly, kind = args
    roots = poly.nroots(n=40)
    numeric = sum(roots) if kind == "sum" else sympy.Mul(*roots)
    if abs(sympy.N(numeric - value, 30)) > sympy.Float("1e-20") * max(1, abs(value)):
        return f"the roots give {numeric}, not {value}"
    return None


ROOTS_VIETA = Operation(
    name="roots_sum_product",
    patterns=phrase(rf"{_ASK}(?:the )?(?P<kind>sum|product) of (?:the |all the |all )?(?:roots|solutions|zeros|zeroes) "
                    rf"(?:of|to) {_EQUATION}"),
    prepare=_prepare_roots,
    compute=_compute_vieta,
    verify=_verify_vieta,
    render=lambda args, value: str(value),
    reason="whole step parsed as a polynomial and the sum or product of its roots",
    interpret=lambda args: f"{args[1]} of the roots of {sympy.sstr(args[0].as_expr())} = 0 (all real, each once)",
)

OPERATIONS = (EXPAND, FACTOR, SIMPLIFY, COEFFICIENT_NAMED, COEFFICIENT, DISCRIMINANT, ROOTS_VIETA, COMBINE_FUNCTIONS)
