"""Everyday requests: an expression at a value, a number as a decimal or fraction, "30% off 80", percent change.

Conventions (collected in the README):

- ``evaluate 3x^2 - 1 at x = 2`` (also ``for``, ``when``, ``if``, ``where``; several values joined by ``and`` or
  commas): every unknown of the expression must be given a value, else the step declines.
- ``5/8 as a decimal`` is given only when the decimal ends (``1/3 as a decimal`` declines: ask for places), and
  never for a whole number (``convert 255 to decimal`` is a base conversion, unsaid from which base);
  ``0.375 as a fraction`` is the fraction in lowest terms.
- ``2/3 of 27`` is 2/3 × 27 (a written fraction, or one in words: ``three quarters of 80``).
- ``X% off Y`` / ``Y after a X% discount`` is Y − X% of Y (a sale price); ``add X% tax to Y`` / ``Y marked up X%`` /
  ``Y after a X% increase`` is Y + X% of Y; ``a X% tip on Y`` is X% of Y; ``A is X% of what`` is A ÷ X × 100.
- ``percent change from A to B`` is (B − A) / A × 100, signed; ``percent increase`` / ``decrease from A to B`` is
  the size of the change, and declines when the numbers move the other way.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy
from agentkit.tools.math._core import (
    PATTERN_SLOT,
    Operation,
    Scope,
    Slots,
    decimal_text,
    phrase,
    render,
    split_list,
    terminating,
)
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.arithmetic import interpretation, read
from agentkit.tools.math.numerals import single_term

__all__ = ["OPERATIONS"]

_ASK = r"(?:(?:what is|what's|whats|find|calculate|compute|evaluate|work out|give me) )?(?:the )?"
_PERCENT = r"(?:\s*%| percent| per cent)"


# -- evaluate 3x^2 - 1 at x = 2 -----------------------------------------------------------------------

def _prepare_at(slots: Slots, scope: Scope) -> tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr], bool, str]:
    values: dict[sympy.Symbol, sympy.Expr] = {}
    for part in split_list(slots["values"]):
        m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*(.+?)\s*", part)
        if m is None:
            raise MathSyntaxError(f"{part.strip()!r} is not 'name = value'")
        symbol = sympy.Symbol(m.group(1))
        if symbol in values:
            raise MathSyntaxError(f"{m.group(1)} is given twice")
        value = read(m.group(2), scope)
        if not value.expr.is_number:
            raise MathSyntaxError(f"{m.group(2).strip()!r} is not a number")
        values[symbol] = value.expr
    names = [str(s) for s in values]
    parsed = read(slots["expr"], scope.without(*names))
    free = parsed.expr.free_symbols
    if not free or free != set(values):
        raise MathSyntaxError("every unknown of the expression, and only those, must be given a value")
    shown = ", ".join(f"{k} = {render(v)}" for k, v in values.items())
    return parsed.expr, values, parsed.decimals, f"{interpretation(parsed)} at {shown}"


def _compute_at(args: tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr], bool, str]) -> sympy.Expr:
    expr, values = args[:2]
    value = sympy.simplify(expr.xreplace(values))
    if value.has(sympy.zoo, sympy.nan, sympy.oo, sympy.Symbol):
        raise MathSyntaxError("the expression is undefined there")
    return value


def _verify_at(args: tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr], bool, str], value: sympy.Expr) -> str | None:
    expr, values = args[:2]
    floats = {k: sympy.Float(v, 60) for k, v in values.items()}
    numeric = sympy.N(expr.subs(floats), 50)  # decimals at 60 digits, not sympy's exact rationals
    exact = sympy.N(value, 50)
    close = abs(numeric - exact) <= sympy.Float("1e-30", 50) * max(abs(numeric), abs(exact), 1)
    return None if close else f"substituting decimals gives {numeric}"


EVALUATE_AT = Operation(
    name="evaluate_at",
    patterns=phrase(
        rf"{_ASK}(?:value of )?(?P<expr>[^=]+?),? (?:at|for|when|if|where|with) "
        r"(?P<values>[A-Za-z] ?= ?[^=,]+?(?:(?:,| and) [A-Za-z] ?= ?[^=,]+?)*)",
    ),
    prepare=_prepare_at,
    compute=_compute_at,
    verify=_verify_at,
    render=lambda args, value: render(value, args[2]),
    reason="whole step parsed as an expression and a value for each of its unknowns",
    interpret=lambda args: args[3],
)


# -- 5/8 as a decimal, 0.375 as a fraction -------------------------------------------------------------

def _prepare_form(slots: Slots, scope: Scope) -> tuple[str, sympy.Rational, str]:
    form = "decimal" if "decimal" in (slots.get("form") or "").lower() else "fraction"
    parsed = read(single_term(slots["x"]), scope)
    if not parsed.expr.is_Rational:
        raise MathSyntaxError(f"{slots['x'].strip()!r} is not a rational number")
    if form == "decimal" and re.fullmatch(r"\s*-?\d+\s*", slots["x"]):
        raise MathSyntaxError("a whole number 'to decimal' is probably a numeral in another base")
    if form == "decimal" and not terminating(parsed.expr):
        raise MathSyntaxError(f"{parsed.expr} has a decimal that does not end; ask for a number of decimal places")
    return form, parsed.expr, interpretation(parsed)



def _compute_form(args: tuple[str, sympy.Rational, str]) -> str:
    form, value, _ = args
    if form == "decimal":
        return decimal_text(value)
    return str(value)


def _verify_form(args: tuple[str, sympy.Rational, str], text: str) -> str | None:
    _, value, _ = args
    expected = Fraction(int(value.p), int(value.q))
    return None if Fraction(text) == expected else f"{text} is not {expected}"


AS_FORM = Operation(
    name="as_form",
    patterns=phrase(
        rf"{_ASK}(?:convert |write |express |turn |change )?(?P<x>.+?) (?:as|to|in|into) (?:a |an )?"
        r"(?P<form>decimal|fraction|decimal form|fraction form|decimal number|common fraction|"
        r"fraction in lowest terms|fraction in simplest form)",
        rf"{_ASK}(?:express |write |put )?(?P<x>\d+/\d+) (?P<form>in (?:its )?(?:simplest form|lowest terms))",
        r"(?:reduce|simplify) (?:the fraction )?(?P<x>\d+/\d+)(?P<form>)(?: to (?:its )?(?:simplest form|lowest terms))?",
    ),
    prepare=_prepare_form,
    compute=_compute_form,
    verify=_verify_form,
    render=lambda args, value: value,
    reason="whole step parsed as a number and the form to write it in",
    interpret=lambda args: f"{args[2]} as a {args[0]}",
)


# -- 30% off 80; percent change from 80 to 68 ---------------------------------------------------------

def _rational(text: str, scope: Scope) -> sympy.Rational:
    value = read(single_term(text), scope).expr
    if not value.is_Rational:
        raise MathSyntaxError(f"{text.strip()!r} is not a rational number")
    return value


def _prepare_change(slots: Slots, scope: Scope) -> tuple[str, sympy.Rational, sympy.Rational]:
    kind = _CHANGE_KINDS[int(slots[PATTERN_SLOT])]
    if kind == "between":
        kind = slots["kind"].lower()
        old, new = _rational(slots["old"], scope), _rational(slots["new"], scope)
        if old == 0:
            raise MathSyntaxError("a change from 0 has no percentage")
        if (kind == "increase" and new < old) or (kind == "decrease" and new > old):
            raise MathSyntaxError(f"from {old} to {new} is not an {kind}")
        return kind, old, new
    if kind == "after":
        kind = {"increase": "up", "raise": "up", "markup": "up", "decrease": "off", "discount": "off",
                "reduction": "off"}[slots["how"].lower()]
    pct, other = _rational(slots["pct"], scope), _rational(slots["base"], scope)
    if kind == "whole" and pct == 0:
        raise MathSyntaxError("no number has a 0% part other than 0")
    return kind, pct, other


def _compute_change(args: tuple[str, sympy.Rational, sympy.Rational]) -> sympy.Rational:
    kind, a, b = args
    if kind == "off":
        return b - a * b / 100
    if kind == "up":
        return b + a * b / 100
    if kind == "of":
        return a * b / 100
    if kind == "whole":
        return b * 100 / a  # b is a% of the value
    change = (b - a) / a * 100
    return abs(change) if kind in ("increase", "decrease") else change


def _verify_change(args: tuple[str, sympy.Rational, sympy.Rational], value: sympy.Rational) -> str | None:
    kind, a, b = args
    fa, fb, got = (Fraction(int(v.p), int(v.q)) for v in (a, b, value))
    if kind == "off":
        ok = (fb - got) * 100 == fa * fb  # the discount is a% of b
    elif kind == "up":
        ok = (got - fb) * 100 == fa * fb  # the increase is a% of b
    elif kind == "of":
        ok = got * 100 == fa * fb
    elif kind == "whole":
        ok = got * fa == fb * 100  # a% of the value is b
    else:
        signed = got if kind == "change" else (got if fb >= fa else -got)
        ok = fa + fa * signed / 100 == fb
    return None if ok else "applying the percentage back does not give the numbers asked about"


def _render_change(args: tuple[str, sympy.Rational, sympy.Rational], value: sympy.Rational) -> str:
    text = render(value, True)
    if args[0] in ("off", "up", "of", "whole"):
        return text
    return f"({text})%" if "/" in text else f"{text}%"


def _interpret_change(args: tuple[str, sympy.Rational, sympy.Rational]) -> str:
    kind, a, b = (args[0], *(render(v, True).replace("-", "−") for v in args[1:]))
    if kind == "off":
        return f"{b} − {a}% of {b}"
    if kind == "up":
        return f"{b} + {a}% of {b}"
    if kind == "of":
        return f"{a}% of {b}"
    if kind == "whole":
        return f"the number of which {b} is {a}%: {b} ÷ {a} × 100"
    return f"percent {kind} from {a} to {b}: ({b} − {a}) ÷ {a} × 100"


_PCT = rf"(?P<pct>[^%]+?){_PERCENT}"
_BASE = r"(?P<base>[^,]+?)"
_CHANGES: tuple[tuple[str, str], ...] = (
    (rf"{_ASK}(?:take )?{_PCT} off(?: of)? {_BASE}", "off"),
    (rf"{_ASK}(?:price after |sale price after )?(?:a )?{_PCT} (?:discount|off) on {_BASE}", "off"),
    (rf"{_ASK}(?:an? )?{_PCT} (?:tip|tax|sales tax|vat|discount|commission) (?:on|of|for) (?:an? |the )?{_BASE}"
     r"(?: (?:bill|check|meal|purchase|order|total))?", "of"),
    (rf"add (?:an? )?{_PCT}(?: (?:tip|tax|sales tax|vat))? (?:to|on) {_BASE}", "up"),
    (rf"{_ASK}{_BASE} (?:marked up|increased) (?:by )?{_PCT}", "up"),
    (rf"{_ASK}{_BASE} (?:discounted|marked down|decreased|reduced) (?:by )?{_PCT}", "off"),
    (rf"{_ASK}{_BASE} after (?:an? )?{_PCT} (?P<how>increase|raise|markup|decrease|discount|reduction)", "after"),
    (rf"(?P<base>[^,]+?) is {_PCT} of what(?: number)?", "whole"),
    (rf"{_ASK}{_PCT} of what(?: number)? is (?P<base>[^,]+?)", "whole"),
    (rf"{_ASK}(?:percent|percentage|%) (?P<kind>change|increase|decrease) from (?P<old>.+?) to (?P<new>.+)", "between"),
)
_CHANGE_KINDS = [kind for pattern, kind in _CHANGES for _ in phrase(pattern)]

CHANGE = Operation(
    name="percent_change",
    patterns=tuple(p for pattern, _ in _CHANGES for p in phrase(pattern)),
    prepare=_prepare_change,
    compute=_compute_change,
    verify=_verify_change,
    render=_render_change,
    reason="whole step parsed as a discount by a percentage, or the percentage change between two numbers",
    interpret=_interpret_change,
)

# -- 2/3 of 27 ---------------------------------------------------------------------------------------------

def _prepare_part(slots: Slots, scope: Scope) -> tuple[sympy.Rational, sympy.Rational, str]:
    part = sympy.Rational(int(slots["p"]), int(slots["q"]))
    if part.q == 1 and int(slots["q"]) == 1:
        raise MathSyntaxError("a fraction, not a whole number")
    whole = read(single_term(slots["whole"]), scope)
    if not whole.expr.is_Rational:
        raise MathSyntaxError(f"{slots['whole'].strip()!r} is not a rational number")
    return part, whole.expr, f"{slots['p']}/{slots['q']} × {interpretation(whole)}"


def _verify_part(args: tuple[sympy.Rational, sympy.Rational, str], value: sympy.Rational) -> str | None:
    part, whole, _ = args
    got = Fraction(int(value.p), int(value.q))
    return None if got == Fraction(int(part.p), int(part.q)) * Fraction(int(whole.p), int(whole.q)) else \
        "multiplying with fractions disagrees"


PART = Operation(
    name="fraction_of",
    patterns=phrase(rf"{_ASK}\(?(?P<p>\d+)/(?P<q>\d+)\)? of (?P<whole>[^,]+)"),
    prepare=_prepare_part,
    compute=lambda args: args[0] * args[1],
    verify=_verify_part,
    render=lambda args, value: render(value, True) if value.is_Integer else str(value),
    reason="whole step parsed as a fraction of a number",
    interpret=lambda args: args[2],
)

OPERATIONS: tuple[Operation, ...] = (CHANGE, AS_FORM, PART, EVALUATE_AT)
