"""The pieces every math operation is made of: the scope of bound names, the operation record, rendering and checks."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sympy
from agentkit.tools.math._parser import FunctionDef, MathSyntaxError, Parsed, parse

__all__ = [
    "CONSTRAINT",
    "NOTE",
    "PATTERN_SLOT",
    "Operation",
    "Scope",
    "Slots",
    "phrase",
    "render",
    "same_value",
    "numbers_equal",
    "split_list",
    "split_top_level",
]

Slots = Mapping[str, str]

# A binding key starting with this marks an equation still to be solved for a name
# ("Suppose r**2 = 4." binds "?r" to "r**2 - 4").
CONSTRAINT = "?"
# A binding key starting with this is kept as raw text for the operation that wrote it
# ("Two letters picked without replacement from aab." binds "_draw").
NOTE = "_"
# The slot that tells an operation which of its patterns matched (its index, as text).
PATTERN_SLOT = "_pattern"


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Parsed:
    return parse(text)


@lru_cache(maxsize=1024)
def _function_cached(params: str, body: str) -> FunctionDef:
    symbols = tuple(sympy.Symbol(p.strip()) for p in params.split(","))
    return symbols, parse(body).expr


_FUNCTION_KEY = re.compile(r"^([A-Za-z])\(([A-Za-z](?:,\s*[A-Za-z])*)\)$")


@dataclass(frozen=True, kw_only=True)
class Scope:
    """Names and functions bound by earlier steps, read back from their text form.

    Bindings arrive as text (``{"f": "2", "h(q)": "q**2 - 3"}``) and are parsed
    with the same safe grammar as user text.
    """

    names: Mapping[str, sympy.Expr] = field(default_factory=dict)
    functions: Mapping[str, FunctionDef] = field(default_factory=dict)
    constraints: Mapping[str, sympy.Expr] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    decimals: frozenset[str] = frozenset()

    @classmethod
    def from_bindings(cls, bindings: Mapping[str, str]) -> Scope:
        names: dict[str, sympy.Expr] = {}
        functions: dict[str, FunctionDef] = {}
        constraints: dict[str, sympy.Expr] = {}
        notes: dict[str, str] = {}
        decimals = set()
        for key, text in bindings.items():
            m = _FUNCTION_KEY.match(key)
            if key.startswith(NOTE):
                notes[key] = text
            elif key.startswith(CONSTRAINT):
                constraints[key[1:]] = _parse_cached(text).expr
            elif m:
                functions[m.group(1)] = _function_cached(m.group(2), text)
            else:
                parsed = _parse_cached(text)
                names[key] = parsed.expr
                if parsed.decimals:
                    decimals.add(key)
        return cls(names=names, functions=functions, constraints=constraints, notes=notes,
                   decimals=frozenset(decimals))

    def without(self, *names: str) -> Scope:
        """This scope with some names unbound: a function's parameters shadow outer names."""
        kept = {k: v for k, v in self.names.items() if k not in names}
        return Scope(names=kept, functions=self.functions, constraints=self.constraints, notes=self.notes,
                     decimals=self.decimals)

    def parse(self, text: str) -> Parsed:
        """Parse an expression with this scope's names and functions substituted."""
        parsed = parse(text.strip(), names=self.names, functions=self.functions)
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in self.decimals):
            return Parsed(expr=parsed.expr, decimals=True, symbols=parsed.symbols, text=parsed.text,
                          notes=parsed.notes)
        return parsed

    def expr(self, text: str) -> sympy.Expr:
        return self.parse(text).expr

    def number(self, text: str) -> sympy.Expr:
        """Parse an expression that must evaluate to a real number."""
        value = self.expr(text)
        if not (value.is_number and value.is_extended_real):
            raise MathSyntaxError(f"{text.strip()!r} is not a number")
        return value

    def integer(self, text: str) -> sympy.Integer:
        value = self.number(text)
        if not value.is_Integer:
            raise MathSyntaxError(f"{text.strip()!r} is not a whole number")
        return value


@dataclass(frozen=True, kw_only=True)
class Operation:
    """One thing the math family can do, with the phrasings that ask for it.

    Attributes:
        name: the operation as reported in answers and traces, e.g. ``"solve"``.
        patterns: regular expressions over the whole step (matched with
            ``fullmatch``, case-insensitive); named groups are the slots.
        prepare: parse the slots into arguments; raise ``MathSyntaxError`` when a
            slot is not fully understood, so the step declines.
        compute: the exact computation (run under the family's time limit).
        verify: an independent check of ``compute``'s value; returns a problem
            in words, or ``None`` when the value passes.
        render: the value as answer text.
        binds: names this operation defines for later steps, as text.
        reason: what the parse accounted for, for the routing record.
        interpret: the prepared arguments in canonical notation with the conventions applied
            (``10 − 2 × 3``); when absent, `MathFamily` renders the slots through the grammar.
    """

    name: str
    patterns: Sequence[re.Pattern[str]]
    prepare: Callable[[Slots, Scope], Any]
    compute: Callable[[Any], Any]
    verify: Callable[[Any, Any], str | None]
    render: Callable[[Any, Any], str]
    reason: str
    binds: Callable[[Any, Any], dict[str, str]] | None = None
    interpret: Callable[[Any], str] | None = None


def phrase(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Compile phrasings; a space in a pattern matches any run of whitespace."""
    return tuple(re.compile(p.replace(" ", r"\s+"), re.IGNORECASE | re.DOTALL) for p in patterns)


def terminating(value: sympy.Rational) -> bool:
    """Whether the rational's decimal expansion ends (its denominator has no prime but 2 and 5)."""
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    return q == 1


def decimal_text(value: sympy.Rational) -> str:
    """Exact decimal text of a rational with a terminating expansion: 82089/5000 -> '16.4178'."""
    sign = "-" if value < 0 else ""
    p, q = abs(int(value.p)), int(value.q)
    whole, rest = divmod(p, q)
    if rest == 0:
        return f"{sign}{whole}"
    digits = []
    while rest and len(digits) < 400:
        rest *= 10
        digit, rest = divmod(rest, q)
        digits.append(str(digit))
    return f"{sign}{whole}.{''.join(digits)}"


def render(value: Any, decimals: bool = False) -> str:
    """Answer text for a sympy value: exact, sympy's own notation, decimals when the question used them."""
    if isinstance(value, bool) or value is sympy.true or value is sympy.false:
        return "True" if bool(value) else "False"
    if isinstance(value, (list, tuple)):
        return ", ".join(render(v, decimals) for v in value)
    if isinstance(value, sympy.Rational) and not value.is_Integer and decimals and terminating(value):
        return decimal_text(value)
    return str(value)


def numbers_equal(a: sympy.Expr, b: sympy.Expr, digits: int = 50) -> bool:
    """Equality of two constants: exact for rationals, else to 30 significant digits (relative).

    A relative tolerance tells ``2**-60`` from ``2**-61``; an absolute one would call them equal.
    """
    if a.has(sympy.nan, sympy.zoo) or b.has(sympy.nan, sympy.zoo):
        return False
    if a == b:
        return True
    if a.is_Rational and b.is_Rational:
        return False
    na, nb = sympy.N(a, digits), sympy.N(b, digits)
    if not (na.is_number and nb.is_number) or na.has(sympy.nan, sympy.zoo) or nb.has(sympy.nan, sympy.zoo):
        return False
    return bool(abs(na - nb) <= sympy.Float("1e-30", digits) * max(abs(na), abs(nb)))


def same_value(a: sympy.Expr, b: sympy.Expr, trials: int = 4) -> bool:
    """Whether two expressions agree at several random rational points (at least one must be defined)."""
    free = sorted((a.free_symbols | b.free_symbols), key=str)
    if not free:
        return numbers_equal(a, b)
    rng = random.Random(20261122)
    checked = 0
    for _ in range(trials * 3):
        point = {s: sympy.Rational(rng.choice([-1, 1]) * rng.randint(1, 97), rng.randint(1, 13)) for s in free}
        va, vb = a.xreplace(point), b.xreplace(point)
        if va.has(sympy.zoo, sympy.nan) or vb.has(sympy.zoo, sympy.nan):
            continue
        if not numbers_equal(va, vb):
            return False
        checked += 1
        if checked == trials:
            break
    return checked > 0


def split_top_level(text: str) -> list[str]:
    """Split at the commas that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def split_list(text: str) -> list[str]:
    """Split ``a, b, c`` and ``a, b and c`` at the top level (not inside parentheses)."""
    items: list[str] = []
    for part in split_top_level(text):
        items.extend(p for p in re.split(r"\s+and\s+", part) if p.strip())
    if any(not p.strip() for p in items):
        raise MathSyntaxError("empty item in a list")
    return [p.strip() for p in items]
