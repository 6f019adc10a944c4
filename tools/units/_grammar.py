"""The sentences the units family reads whole, and the quantity expressions in them, as a JSON spec.

A step is read only when one sentence frame matches all of it and every slot
(a quantity, a unit, a clock time) parses completely; otherwise nothing is
claimed. Expressions are small JSON trees: ``["q", [[amount, unit], ...]]`` for
a (possibly mixed) quantity, ``["n", amount]`` for a bare number, and
``[op, left, right]`` for ``+ - * /``; amounts are exact fractions as text.

    >>> parse_step("convert 5 miles to km")["target"]
    [[['kilometer', 1]]]
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from agentkit.tools.units._lexicon import UnitSpec, read_unit, unit_kinds
from agentkit.tools.units._systems import Unreadable, settle, strip_system
from agentkit.tools.units._words import Token, read_amount, tokenize

from agentkit.errors import ToolInputError

__all__ = ["Unreadable", "parse_quantity", "parse_step", "parse_units", "units_in"]

MAX_NODES = 40
MAX_CLOCK_MINUTES = 10**7

Expr = list[Any]


_ASK = (r"(?:what is|what's|whats|what are|how much is|how many is|how far is|how long is|how heavy is"
        r"|how big is)")
_INTO = r"(?:to|into|in|as|expressed in|converted to|when converted to|in terms of)"
_FRAME_TEXT = [
    ("speed", (r"(?:(?:what is|what's|whats|find|calculate|compute|give|determine) )?(?:the )?"
               r"(?:average )?speed "
               r"(?:for|of|when covering|to cover|to travel|needed to cover|needed to travel|if you travel"
               r"|if you cover|if it travels|if it covers) (?P<d>.+?) in (?P<t>.+?)(?: in (?P<u>.+))?")),
    ("speed", r"how fast is (?P<d>.+?) in (?P<t>.+?)(?: in (?P<u>.+))?"),
    ("travel_time", (r"how long (?:does it|will it|would it) take to "
                     r"(?:travel|drive|cover|go|walk|run|fly|cycle|ride)"
                     r" (?P<d>.+?) at (?P<v>.+?)(?: in (?P<u>.+))?")),
    ("distance", (r"how far (?:do you|does one|will you|would you|can you|do i|will i|does it|would it) "
                  r"(?:travel|go|drive|get|fly|walk|run|ride) "
                  r"(?:in (?P<t>.+?) at (?P<v>.+?)|at (?P<v2>.+?) for "
                  r"(?P<t2>.+?))(?: in (?P<u>.+))?")),
    ("convert", rf"(?:convert|change|turn|express|transform) (?P<q>.+?) {_INTO} (?P<u>.+)"),
    ("convert", rf"{_ASK} (?P<q>.+?) {_INTO} (?P<u>.+)"),
    ("convert", (r"how (?:many|much) (?P<u>.+?) (?:are there |is there |are |is |make up |go )?"
                 r"(?:in|to) (?P<q>.+)")),
    ("convert", r"how (?:many|much) (?P<u>.+?) (?:is|are|equals?|makes?) (?P<q>.+)"),
    ("convert", r"how (?:many|much) (?P<u>.+?) (?:does|do) (?P<q>.+?) (?:equal|make|have|contain)"),
    ("convert", r"(?P<q>.+?) (?:is|are|equals?|=) how (?:many|much) (?P<u>.+)"),
    ("convert", rf"(?P<q>.+?) {_INTO} (?P<u>.+)"),
    ("convert", r"(?:the )?(?:number of )?(?P<u>\D+?) (?:are there |is there |are |is )?in (?P<q>.+)"),
    ("evaluate", (r"(?:(?:what is|what's|whats|calculate|compute|evaluate|find|add|how much is"
                  r"|how long is) )?"
                  r"(?P<q>.+)")),
]
_FRAMES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _FRAME_TEXT]

_TIME = r"(?P<{0}>noon|midnight|\d{{1,2}}:\d{{2}}(?: ?[ap]\.? ?m\.?)?|\d{{1,2}} ?[ap]\.? ?m\.?)"
_CLOCK_SHIFT = re.compile(
    r"(?:what time (?:is it|will it be|was it|is)|what is|what's|whats)? ?(?P<d>.+?) "
    r"(?P<dir>after|before|past|from|later than|earlier than) " + _TIME.format("t"), re.IGNORECASE)
_CLOCK_BETWEEN = re.compile(
    r"(?:how (?:many|much) (?P<u>.+?) (?:are there |is there |have passed |pass |elapse )?|how long is it )"
    r"(?:between|from) " + _TIME.format("t1") + " (?:and|to|until|till) " + _TIME.format("t2"), re.IGNORECASE)
_CLOCK_PARTS = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?: ?(?P<half>[ap])\.? ?m\.?)?", re.IGNORECASE)
_MINUTES = {"second": Fraction(1, 60), "minute": Fraction(1), "hour": Fraction(60), "day": Fraction(1440),
            "week": Fraction(10080)}

_REFERENCE = re.compile(r"(?:it|that|this|the result|the answer)", re.IGNORECASE)
_LEADING = re.compile(r"^(?:please |can you |could you |would you )+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s|[?.!]|\bplease\b)+$", re.IGNORECASE)
_LOOSE_TONNE = re.compile(r"(?<![A-Za-z])t\b")
_ADD = {"+": "+", "plus": "+", "-": "-", "−": "-", "minus": "-"}
_MUL = {"*": "*", "×": "*", "·": "*", "times": "*", "/": "/"}


_DOTTED = re.compile(r"\b(U)\.(S|K)\.(?=\s|$)", re.IGNORECASE)


def normalize(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    return _DOTTED.sub(r"\1\2", _TRAILING.sub("", _LEADING.sub("", text)))


def parse_step(text: str, previous: str | None = None, *, clock24: bool = False) -> dict[str, Any] | None:
    """The spec of a step the family reads whole, or None.

    With ``clock24``, a clock time without AM/PM ("9:30", "12:10") is read on the 24-hour clock (the caller
    names that convention in the reading); without, only an unmistakable one ("13:05", "09:30") is read.

    Raises:
        Unreadable: the step was understood but mixes units the family will not convert.
    """
    step, named = strip_system(normalize(text))
    step = _TRAILING.sub("", step)
    for parse in (_clock_shift, _clock_between):
        spec = parse(step, clock24)
        if spec is not None:
            return spec
    for name, frame in _FRAMES:
        match = frame.fullmatch(step)
        if match is None:
            continue
        spec = _frame_spec(name, {k: v for k, v in match.groupdict().items() if v is not None}, previous)
        if spec is not None:
            settle(spec, step, named)
            _refuse_ambiguous(spec)
            return spec
    return None


def _frame_spec(name: str, slots: dict[str, str], previous: str | None) -> dict[str, Any] | None:
    target = parse_units(slots["u"]) if "u" in slots else None
    if "u" in slots and target is None:
        return None
    if name in ("speed", "travel_time", "distance"):
        roles = {"d": "distance", "t": "time", "t2": "time", "v": "speed", "v2": "speed"}
        parts = {roles[k]: parse_quantity(v, settled=False) for k, v in slots.items() if k in roles}
        if any(part is None or part[0] != "q" for part in parts.values()):
            return None
        return {"operation": name, "parts": parts, "target": target}
    expr = parse_quantity(slots["q"], previous, settled=False)
    if expr is None or not units_in(expr) or (name == "evaluate" and expr[0] == "q"):
        return None  # "what is 5 km" asks nothing; "convert 10 to meters" has no quantity
    operation = "convert" if expr[0] == "q" else "arithmetic"
    if operation == "convert" and target is None:
        return None
    spec = {"operation": operation, "expr": expr, "target": target}
    if _LOOSE_TONNE.search(slots["q"]) and "metric_ton" in str(expr):
        spec["loose"] = "'t' could be a tonne or a teaspoon"  # read as tonne, but never refused on it
    return spec


def parse_units(text: str) -> list[UnitSpec] | None:
    """A target: one unit, or several for a mixed answer ("hours and minutes")."""
    tokens = tokenize(text)
    if not tokens:
        return None
    units, i = [], 0
    while i < len(tokens):
        if units and tokens[i].lower in ("and", ","):
            i += 1
        read = read_unit(tokens, i)
        if read is None:
            return None
        units.append(read[0])
        i = read[1]
    return units if len(units) <= 4 else None


def parse_quantity(text: str, previous: str | None = None, *, settled: bool = True) -> Expr | None:
    """An expression of quantities ("2 h 30 min + 45 min"), read whole, or None.

    With ``settled``, units that depend on a system are settled on this text alone (see `_systems`);
    without, they stay placeholders for the caller to settle with the rest of its step.

    Raises:
        Unreadable: (settled only) a unit that stays ambiguous.
    """
    if previous is not None and _REFERENCE.fullmatch(text.strip()):
        text, settled = previous, True  # the family's own answer names its units whole ("3.5 ounce" is a mass)
    tokens = tokenize(text)
    if not tokens:
        return None
    parser = _Parser(tokens)
    try:
        expr = parser.expr()
    except (_NotAnExpression, ZeroDivisionError):
        return None
    if parser.i != len(tokens) or parser.nodes > MAX_NODES:
        return None
    if settled:
        settle({"expr": expr}, text, None)
    return expr


class _NotAnExpression(ToolInputError):
    """The tokens are not an expression of quantities (the parser's own signal; `parse_quantity` returns None)."""


class _Parser:
    """Recursive descent over tokens: sums of products of quantities, numbers and parentheses."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.i, self.nodes = tokens, 0, 0

    def _peek(self) -> str:
        return self.tokens[self.i].lower if self.i < len(self.tokens) else ""

    def _operator(self, table: dict[str, str]) -> str | None:
        word = self._peek()
        following = self.tokens[self.i + 1].lower if self.i + 1 < len(self.tokens) else ""
        if word in ("divided", "multiplied") and following == "by":
            self.i += 2
            return "/" if word == "divided" else "*"
        if word in table:
            self.i += 1
            return table[word]
        return None

    def expr(self) -> Expr:
        negate = self._peek() in ("-", "−", "minus")
        self.i += negate
        node = _negate(self.term()) if negate else self.term()
        while (op := self._operator(_ADD)) is not None:
            node = [op, node, self.term()]
            self.nodes += 1
            if "n" in (node[1][0], node[2][0]):
                raise _NotAnExpression("a bare number added to a quantity: which unit was meant?")
        return node

    def term(self) -> Expr:
        node = self.factor()
        while (op := self._operator(_MUL)) is not None:
            node = [op, node, self.factor()]
            self.nodes += 1
            if op == "/" and node[1][0] == "n" and node[2][0] != "n":
                raise _NotAnExpression("a bare number divided by a quantity: \"10 / 4 km\" is ambiguous")
        return node

    def factor(self) -> Expr:
        if self._peek() == "(":
            self.i += 1
            node = self.expr()
            if self._peek() != ")":
                raise _NotAnExpression("unbalanced parenthesis")
            self.i += 1
            return node
        next_is_number = self.i + 1 < len(self.tokens) and self.tokens[self.i + 1].kind == "num"
        if self._peek() in ("-", "−") and next_is_number:
            self.i += 1
            return _negate(self.factor())
        parts = []
        while True:
            amount = read_amount(self.tokens, self.i)
            if amount is None:
                raise _NotAnExpression("expected a number")
            unit = read_unit(self.tokens, amount[1])
            if unit is None:
                if parts or self.tokens[amount[1] - 1].lower in ("of", "a", "an"):
                    raise _NotAnExpression("expected a unit")
                self.i = amount[1]
                return ["n", str(amount[0])]
            parts.append([str(amount[0]), unit[0]])
            self.i = unit[1]
            self.nodes += 1
            if len(parts) == 1 and self._peek() == "and" and self.tokens[self.i + 1:self.i + 3] and \
                    [t.lower for t in self.tokens[self.i + 1:self.i + 3]] in (["a", "half"], ["a", "quarter"]):
                extra = Fraction(1, 2 if self.tokens[self.i + 2].lower == "half" else 4)
                parts[0][0] = str(Fraction(parts[0][0]) + extra)  # "a mile and a half"
                self.i += 3
            following = self.i + (self._peek() == "and")
            if following >= len(self.tokens) or read_amount(self.tokens, following) is None:
                return ["q", parts]
            if self.tokens[following].lower in ("a", "an"):
                return ["q", parts]  # "3 hours a day" is a rate, never 3 h + 1 d: a later part has a number
            if read_unit(self.tokens, read_amount(self.tokens, following)[1]) is None:
                return ["q", parts]
            self.i = following


def _negate(node: Expr) -> Expr:
    """-(2 h 30 min) as the quantity -2 h -30 min, so that a negative quantity is still a quantity."""
    if node[0] == "q":
        return ["q", [[str(-Fraction(amount)), unit] for amount, unit in node[1]]]
    if node[0] == "n":
        return ["n", str(-Fraction(node[1]))]
    return ["neg", node]


def units_in(node: Any) -> list[UnitSpec]:
    """Every unit named in an expression tree or a list of them."""
    if isinstance(node, list) and node and node[0] == "q":
        return [unit for _, unit in node[1]]
    if isinstance(node, list) and node and node[0] in ("+", "-", "*", "/", "neg"):
        return [u for child in node[1:] for u in units_in(child)]
    return []


def _refuse_ambiguous(spec: dict[str, Any]) -> None:
    units = units_in(spec.get("expr"))
    units += [u for part in spec.get("parts", {}).values() for u in units_in(part)]
    units += spec.get("target") or []
    kinds = set().union(*(unit_kinds(u) for u in units)) if units else set()
    if {"calendar", "clock"} <= kinds:
        raise Unreadable("calendar units (months, years) are not a fixed number of days, weeks or seconds")
    if {"angle", "offset"} <= kinds:
        raise Unreadable("'degrees' is ambiguous here: an angle or a temperature?")


def _clock(text: str, clock24: bool = False) -> tuple[int, str] | None:
    """Minutes after midnight and the style ("12h" or "24h"); None for an ambiguous or invalid time."""
    low = text.lower()
    if low in ("noon", "midnight"):
        return (720 if low == "noon" else 0), "12h"
    match = _CLOCK_PARTS.fullmatch(text)
    hour, minute, half = int(match["h"]), int(match["m"] or 0), (match["half"] or "").lower()
    if minute > 59 or not (match["m"] or half):
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        return (hour % 12 + (12 if half == "p" else 0)) * 60 + minute, "12h"
    # without AM/PM only an unmistakable 24-hour time: "13:05", "00:40", "09:30"
    if hour > 23 or not (hour >= 13 or match["h"].startswith("0") or (clock24 and match["m"])):
        return None
    return hour * 60 + minute, "24h"


def _clock_shift(step: str, clock24: bool = False) -> dict[str, Any] | None:
    match = _CLOCK_SHIFT.fullmatch(step)
    if match is None:
        return None
    start, delta = _clock(match["t"], clock24), _duration_minutes(match["d"])
    if start is None or delta is None:
        return None
    sign = -1 if match["dir"].lower() in ("before", "earlier than") else 1
    return {"operation": "clock_shift", "start": start[0], "delta": sign * delta, "style": start[1]}


def _clock_between(step: str, clock24: bool = False) -> dict[str, Any] | None:
    match = _CLOCK_BETWEEN.fullmatch(step)
    if match is None:
        return None
    start, end = _clock(match["t1"], clock24), _clock(match["t2"], clock24)
    target = parse_units(match["u"]) if match["u"] else [[["hour", 1]], [["minute", 1]]]
    if start is None or end is None or target is None:
        return None
    if any(len(unit) != 1 or unit[0][0] not in _MINUTES or unit[0][1] != 1 for unit in target):
        return None
    return {"operation": "clock_between", "start": start[0], "end": end[0], "target": target}


def _duration_minutes(text: str) -> int | None:
    expr = parse_quantity(text, settled=False)
    if expr is None or expr[0] != "q":
        return None
    total = Fraction(0)
    for amount, unit in expr[1]:
        if len(unit) != 1 or unit[0][0] not in _MINUTES or unit[0][1] != 1:
            return None
        total += Fraction(amount) * _MINUTES[unit[0][0]]
    if total.denominator != 1 or not 0 <= total <= MAX_CLOCK_MINUTES:
        return None
    return int(total)
