"""Reading arithmetic in tokens of free text: numbers with their currency, percent sign and units, and expressions.

What a claim finder (`agentkit.tools.math.claims`) found is a `Found` with one or more `Reading` s:
pairs of (expression, stated value) in the grammar of `agentkit.tools.math._parser`. Nothing here
evaluates text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agentkit.tools.claim_text import Token

Span = tuple[int, int]

_OPS = {"**": "^", "\\times": "*", "\\cdot": "*", "\\div": "/", "×": "*", "·": "*", "÷": "/", "−": "-", "–": "-",
        "x": "*", "X": "*"}
_BINARY = {"+", "-", "*", "/", "^"}
APPROX_WORDS = {"about", "approximately", "approx", "roughly", "around", "nearly", "almost", "circa", "ca"}
_NOT_UNITS = {"of", "and", "or", "so", "then", "is", "are", "was", "were", "be", "to", "from", "by", "in", "on", "at",
              "for", "with", "the", "a", "an", "x", "times", "that", "which", "but", "if", "than", "equals", "it",
              "this", "he", "she", "they", "we", "you", "i", "plus", "minus", "over", "into"}
FRACTION_WORDS = {"half", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths", "tenth",
                   "tenths", "percent", "twice", "double", "triple"}
JOINING = {"in", "per", "for", "on", "at", "with", "each", "every"}
BEFORE_START = {"of", "times", "x", "plus", "minus", "over", "by"}  # a word that makes what follows a fragment
COMPARATIVE = re.compile(
    r"\s*(?:%|percent\b|more\b|less\b|fewer\b|greater\b|smaller\b|larger\b|bigger\b|higher\b|lower\b|longer\b|"
    r"shorter\b|older\b|younger\b|times\b|than\b|heavier\b|lighter\b|faster\b|slower\b)", re.IGNORECASE)

# units a person converts between inside one equation ("2 hours * 60 = 120 minutes"): two of them in one
# equality mean a conversion is folded into it, which is not plain arithmetic
CONVERTIBLE = {u: dim for dim, units in {
    "time": "second sec minute min hour hr day week month year decade century",
    "length": "inch foot feet ft yard yd mile mi millimeter mm centimeter cm meter m kilometer km",
    "mass": "ounce oz pound lb lbs gram g kilogram kg ton tonne",
    "volume": "cup pint quart gallon liter litre ml milliliter teaspoon tablespoon",
    "money": "cent dollar penny pennies nickel dime quarter",
    "count": "dozen pair score",
}.items() for u in units.split()}


@dataclass(frozen=True, kw_only=True)
class Reading:
    """One way to read a claim: ``expression`` should equal ``stated`` (both in the math grammar)."""

    expression: str
    stated: str
    percent: bool = False  # the stated value was written as a percentage (repair writes it back as one)


@dataclass(frozen=True, kw_only=True)
class Found:
    """An arithmetic claim found in text, not yet judged.

    Attributes:
        span: characters of the whole claim in the text.
        stated: the stated value as written (``"$18"``, ``"130,000"``).
        readings: ways to read it; it holds when one does, else the closest one is reported.
        stated_spans: where the stated digits sit, for repair; empty when a repair could not be placed.
        approx: the words allow a tolerance ("about", "≈").
        detail: what kind of claim, in words.
    """

    kind: str
    span: Span
    stated: str
    readings: tuple[Reading, ...]
    stated_spans: tuple[Span, ...]
    approx: bool = False
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class _Operand:
    expr: str
    start: int
    end: int
    literal: bool          # a plain number, not a parenthesized expression
    value: str = ""        # in the grammar, for a literal
    digits: Span = (0, 0)  # where the digits are (what a repair replaces)
    written: str = ""      # the number as written, with its sign, currency and percent sign
    written_end: int = 0   # the character after it
    percent: bool = False
    units: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Expr:
    expr: str
    start: int
    end: int               # token index after it
    operands: tuple[_Operand, ...]
    ops: int
    grouped: str = ""  # the same with tight fractions as single numbers: "3 / 1/2" is 3 / (1/2)

    @property
    def lead(self) -> _Operand:
        return self.operands[0]


class Scanner:
    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens

    def is_op(self, i: int) -> str | None:
        tok = self.t[i]
        if tok.kind == "op" and tok.text not in "()":
            return _OPS.get(tok.text, tok.text)
        if tok.kind == "word" and tok.text in ("x", "X") and self.starts_operand(i + 1):
            return "*"
        return None

    def starts_operand(self, i: int) -> bool:
        tok = self.t[i]
        return tok.kind in ("num", "cur") or tok.text == "("

    def operand(self, i: int) -> _Operand | None:
        t = self.t
        start_char = t[i].start
        sign = ""
        if t[i].kind == "op" and _OPS.get(t[i].text, t[i].text) == "-" and t[i + 1].kind in ("num", "cur") \
                and not t[i + 1].space:
            sign, i = "-", i + 1
        if t[i].text == "(" and t[i].kind == "op":
            inner = self.expression(i + 1)
            if inner is None or t[inner.end].text != ")":
                return None
            return _Operand(expr=f"{sign}({inner.expr})", start=start_char, end=inner.end + 1, literal=False,
                            units=tuple(u for o in inner.operands for u in o.units))
        currency = ""
        digits_start = start_char if sign else -1  # a repair rewrites the sign with the digits
        if t[i].kind == "cur":
            currency = t[i].text
            i += 1
            if t[i].kind != "num" or t[i].space:
                return None
        if t[i].kind != "num":
            return None
        num = t[i]
        value = sign + num.text.replace(",", "")
        expr = value
        end_char = digits_end = num.end
        written = num.text
        i += 1
        # a mixed number: "3 1/2"
        if (t[i].kind == "num" and t[i].space and not t[i].newline and t[i].start == num.end + 1 and t[i + 1].text == "/" and not t[i + 1].space
                and t[i + 2].kind == "num" and not t[i + 2].space and "." not in num.text + t[i].text + t[i + 2].text
                and "," not in t[i].text + t[i + 2].text and 0 < int(t[i].text) < int(t[i + 2].text)):
            expr = f"({value}{'-' if sign else '+'}{t[i].text}/{t[i + 2].text})"
            written = f"{num.text} {t[i].text}/{t[i + 2].text}"
            value, end_char, i = expr, t[i + 2].end, i + 3
            digits_end = end_char
        percent = False
        if t[i].kind == "pct" or (t[i].kind == "word" and t[i].text.lower() == "percent"):
            percent, end_char, i = True, t[i].end, i + 1
            expr, value = f"({expr}/100)", f"({value}/100)"
        stated_end = end_char
        units: list[str] = []
        if t[i].kind == "word" and not t[i].space and not self.is_op(i):
            if len(t[i].text) == 1 or len(t[i].text) > 4 or not t[i].text.islower():
                return None  # 2x, 1Dachshund: a name, not a unit
            units.append(t[i].text.lower())
            end_char, i = t[i].end, i + 1
        k, words = i, []
        while t[k].kind == "word" and len(words) < 3 and t[k].text.lower() not in _NOT_UNITS and len(t[k].text) > 1 \
                and not t[k].newline:
            words.append(t[k].text.lower())
            k += 1
        if words and (self.is_op(k) or t[k].kind == "eq"):
            units += words
            i = k
        return _Operand(expr=expr, start=start_char, end=i, literal=True, value=value,
                        digits=(num.start if digits_start < 0 or currency else digits_start, digits_end), written=f"{sign}{currency}{written}{'%' if percent else ''}",
                        written_end=stated_end,
                        percent=percent, units=tuple(units))

    def expression(self, i: int) -> Expr | None:
        first = self.operand(i)
        if first is None:
            return None
        operands, parts, ops = [first], [first.expr], 0
        grouped = [first.expr]
        j = first.end
        while True:
            if self.t[j].newline or self.t[j + 1].newline:
                break
            op = self.is_op(j)
            if op in _BINARY:
                nxt = self.operand(j + 1)
                if nxt is None:
                    break
            elif self.t[j].text == "(" and self.t[j].kind == "op" and not self.t[j].space \
                    and self.t[j - 1].kind in ("num", "op"):
                op, nxt = "*", self.operand(j)  # 2(3+4)
                if nxt is None:
                    break
            else:
                break
            # "1 1/2 / 1/2": a fraction written tight is one number to a reader
            tight = op == "/" and not self.t[j].space and not self.t[j + 1].space and operands[-1].literal \
                and nxt.literal and not grouped[-1].startswith("(") and "." not in nxt.value + operands[-1].value
            if tight and len(grouped) > 1:
                grouped[-1] = f"({grouped[-1]}/{nxt.expr})"
            else:
                grouped += [op, nxt.expr]
            operands.append(nxt)
            parts += [op, nxt.expr]
            ops += 1
            j = nxt.end
        return Expr(expr="".join(parts), start=i, end=j, operands=tuple(operands), ops=ops,
                     grouped="".join(grouped))

