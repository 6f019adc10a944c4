"""Finding arithmetic claims in free text: equalities and chains, calculator annotations, and "15% of 80 is 12".

Nothing here evaluates text: each claim carries one or more *readings*, pairs of
(expression, stated value) written in the grammar of `agentkit.tools.math._parser`,
which `agentkit.validators` parses and judges. A claim holds when any of its
readings holds; a reading exists only where a person could mean it ("2*3 = 6*4 = 24"
is a running computation, "100 - 20 = 80%" labels the result as a percentage).

What is not arithmetic is masked before the scan (dates, times of day, phone and
version numbers, list numbering, markdown emphasis) or rejected by the scan
(a number glued to a letter such as ``2x`` or ``v1``, an expression that begins or
ends next to an operator it does not include, a lone number on the left of "=",
an equality between quantities in two different units such as "2 hours = 120 minutes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

__all__ = ["Found", "Reading", "find_arithmetic", "format_like", "last_number", "places_shown", "ANNOTATION"]

Span = tuple[int, int]

ANNOTATION = re.compile(r"<<([^<>=]*)=([^<>=]*)>>")
_BLANK = "\x01"  # stands in for an annotation's characters: invisible to the scan, offsets kept
_MASK = "\x02"   # stands in for a masked non-claim (a date, a phone number): stops any expression

_MASKS = [re.compile(p, re.MULTILINE | re.IGNORECASE) for p in (
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",                                    # 2023-01-05
    r"\b\d{1,2}/\d{1,2}/\d{4}\b(?!\s*[=≈])",                         # 01/05/2023
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?",              # 10:30, 7:57 pm
    r"\b\d{1,2}\s?[ap]\.?m\b\.?",                                    # 10am
    r"\(\d{3}\)\s?\d{3}-\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b",  # phone numbers
    r"\bv?\d+\.\d+\.\d+(?:[.-]\w+)*\b|\bv\d+(?:\.\d+)*\b",           # v1.2.3, 1.2.3
    r"^[ \t]*(?:[-*+][ \t]+)?\d+[.)](?=\s)",                         # "1. ", "2) "
    r"#\d+\b",                                                       # #3
)]
_MARKDOWN = re.compile(r"(?<![\w)*])\*\*(?=\S)|(?<=\S)\*\*(?![\w(*-])")  # **bold**: invisible, like an annotation

_TOKEN = re.compile(r"""
    (?P<blank>\x01+)
  | (?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)
  | (?P<op>\*\*|\\times|\\cdot|\\div|[-+*/×·÷^−–()])
  | (?P<eq>~=|=|≈|≅|≃)
  | (?P<pct>%)
  | (?P<cur>[$€£¥])
  | (?P<word>[A-Za-z][A-Za-z']*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE)

_OPS = {"**": "^", "\\times": "*", "\\cdot": "*", "\\div": "/", "×": "*", "·": "*", "÷": "/", "−": "-", "–": "-",
        "x": "*", "X": "*"}
_BINARY = {"+", "-", "*", "/", "^"}
_APPROX_WORDS = {"about", "approximately", "approx", "roughly", "around", "nearly", "almost", "circa", "ca"}
_NOT_UNITS = {"of", "and", "or", "so", "then", "is", "are", "was", "were", "be", "to", "from", "by", "in", "on", "at",
              "for", "with", "the", "a", "an", "x", "times", "that", "which", "but", "if", "than", "equals", "it",
              "this", "he", "she", "they", "we", "you", "i", "plus", "minus", "over", "into"}
_FRACTION_WORDS = {"half", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths", "tenth",
                   "tenths", "percent", "twice", "double", "triple"}
_JOINING = {"in", "per", "for", "on", "at", "with", "each", "every"}
_BEFORE_START = {"of", "times", "x", "plus", "minus", "over", "by"}  # a word that makes what follows a fragment
_COMPARATIVE = re.compile(
    r"\s*(?:%|percent\b|more\b|less\b|fewer\b|greater\b|smaller\b|larger\b|bigger\b|higher\b|lower\b|longer\b|"
    r"shorter\b|older\b|younger\b|times\b|than\b|heavier\b|lighter\b|faster\b|slower\b)", re.IGNORECASE)

# units a person converts between inside one equation ("2 hours * 60 = 120 minutes"): two of them in one
# equality mean a conversion is folded into it, which is not plain arithmetic
_CONVERTIBLE = {u: dim for dim, units in {
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


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    space: bool  # whitespace before it
    newline: bool = False  # a line break before it: no expression continues across one


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
class _Expr:
    expr: str
    start: int
    end: int               # token index after it
    operands: tuple[_Operand, ...]
    ops: int
    grouped: str = ""  # the same with tight fractions as single numbers: "3 / 1/2" is 3 / (1/2)

    @property
    def lead(self) -> _Operand:
        return self.operands[0]


def prepare(text: str) -> tuple[str, list[tuple[re.Match[str], str, str]]]:
    """The text with annotations blanked and non-claims masked (same length), and the annotations found."""
    annotations = []
    chars = list(text)
    for m in ANNOTATION.finditer(text):
        annotations.append((m, m.group(1), m.group(2)))
        chars[m.start():m.end()] = _BLANK * (m.end() - m.start())
    work = "".join(chars)
    for pattern in _MASKS:
        work = pattern.sub(lambda m: _MASK * len(m.group()), work)
    work = _MARKDOWN.sub(lambda m: _BLANK * len(m.group()), work)
    return work, annotations


def tokenize(work: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    space = newline = False
    for m in _TOKEN.finditer(work):
        kind = m.lastgroup or "other"
        if kind == "blank":
            continue
        if kind == "space":
            space = True
            newline = newline or "\n" in m.group()
            continue
        start = m.start()
        glued_before = start > 0 and (work[start - 1].isalnum() or work[start - 1] in "_.")
        if kind == "num" and glued_before:
            kind = "poison"  # v1, A4, x2
        elif kind == "op" and m.group() == "(" and start > 0 and work[start - 1].isalpha():
            kind = "poison"  # f(3)
        elif kind == "other" and m.group() == _MASK:
            kind = "poison"
        tokens.append(_Tok(kind, m.group(), start, m.end(), space, newline))
        space = newline = False
    tokens.append(_Tok("end", "", len(work), len(work), space, True))
    return tokens


class _Scanner:
    def __init__(self, tokens: list[_Tok]) -> None:
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

    def expression(self, i: int) -> _Expr | None:
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
        return _Expr(expr="".join(parts), start=i, end=j, operands=tuple(operands), ops=ops,
                     grouped="".join(grouped))


def _unit_mix(units: list[str]) -> bool:
    seen: dict[str, str] = {}
    for word in units:
        base = word.rstrip("s") if word.rstrip("s") in _CONVERTIBLE else word
        dim = _CONVERTIBLE.get(base)
        if dim is None:
            continue
        if seen.setdefault(dim, base) != base:
            return True
    return False


def _preceded_badly(tokens: list[_Tok], i: int) -> bool:
    if i > 0 and tokens[i - 1].kind == "cur" and not tokens[i].space:
        i -= 1  # "+ $17500": what comes before the currency sign
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.kind == "poison":
        return True
    if prev.kind == "op" and prev.text != "(":
        return True
    if prev.kind == "cur" and not tokens[i].space:
        return False
    if prev.kind == "word" and prev.text.lower() in _BEFORE_START:
        before = tokens[i - 2] if i >= 2 else None
        word = prev.text.lower()
        if word == "of":
            return before is not None and (before.kind in ("pct", "num") or before.text.lower() in _FRACTION_WORDS)
        if word == "by":
            return before is not None and before.text.lower() in ("divided", "multiplied")
        return True
    if prev.kind == "word" and not tokens[i].space:
        return True  # glued to a word
    if prev.kind == "num" or (prev.kind == "other" and prev.text in "<>≤≥"):
        return True  # "1/2 (68) + 10", "$350 000 x 5", "11 < 30 / 11": part of something larger
    if prev.kind == "word" and prev.text.lower() in _JOINING and i >= 2 and not prev.newline:
        back = i - 2
        while back > 0 and i - back <= 3 and tokens[back].kind == "word":
            back -= 1
        if tokens[back].kind == "num" and not tokens[back + 1].newline:
            return True  # "24 eggs in 1 tray x 2 trays = 48": the 24 is part of the computation
    back = i - 1
    while back > 0 and i - back <= 3 and tokens[back].kind == "word" and not tokens[back].newline:
        back -= 1
        if tokens[back].kind == "op" and tokens[back].text not in "()" and not tokens[back + 1].newline:
            return True  # "25 classmates + his 1 teacher + 1 himself"
    return False


def _followed_badly(scan: _Scanner, j: int) -> bool:
    tok = scan.t[j]
    if tok.kind == "poison" or (tok.kind == "op" and tok.text != ")") or tok.kind == "eq":
        return True
    if tok.kind == "num" and not tok.newline:
        return True  # "$409 500": the number goes on
    return tok.kind == "word" and len(tok.text) == 1 and tok.text not in "aAI" and not tok.space


def _approx_after(tokens: list[_Tok], j: int) -> tuple[bool, int]:
    approx = False
    while tokens[j].kind == "word" and tokens[j].text.lower() in _APPROX_WORDS or tokens[j].text == "~":
        approx, j = True, j + 1
        if tokens[j].text == ".":
            j += 1
    return approx, j


def find_chains(text: str, work: str) -> list[Found]:
    """Equalities and chains written out: ``16 - 3 - 4 = 9``, ``9 * $2 = $18``, ``2*3 = 6*4 = 24``."""
    tokens = tokenize(work)
    scan = _Scanner(tokens)
    found: list[Found] = []
    i = 0
    while i < len(tokens) - 1:
        tok = tokens[i]
        starts = tok.kind in ("num", "cur") or (tok.kind == "op" and tok.text in ("(", "-", "−"))
        if not starts or _preceded_badly(tokens, i):
            i += 1
            continue
        first = scan.expression(i)
        if first is None:
            i += 1
            continue
        chain, links = [first], []
        j = first.end
        while True:
            if tokens[j].kind == "eq":
                approx, k = _approx_after(tokens, j + 1)
                approx = approx or tokens[j].text != "="
                verb = "="
            elif tokens[j].kind == "word" and tokens[j].text.lower() in ("is", "equals") and chain[-1].ops \
                    and len(chain) == 1:
                approx, k = _approx_after(tokens, j + 1)
                verb = tokens[j].text.lower()
            else:
                break
            nxt = scan.expression(k)
            if nxt is None:
                break
            if verb == "is" and (nxt.ops or _COMPARATIVE.match(work, tokens[nxt.end - 1].end)):
                break
            chain.append(nxt)
            links.append((approx, verb))
            j = nxt.end
        if len(chain) > 1 and _followed_badly(scan, j):
            chain.pop()
            links.pop()
        for n, (approx, verb) in enumerate(links):
            claim = _link(text, work, chain[n], chain[n + 1], approx=approx, verb=verb, tokens=tokens)
            if claim is not None:
                found.append(claim)
        i = max(j, i + 1)
    return found


def _link(text: str, work: str, lhs: _Expr, rhs: _Expr, *, approx: bool, verb: str, tokens: list[_Tok]) -> Found | None:
    if lhs.ops == 0:
        return None  # "x = 5", "2 hours = 120 minutes": not arithmetic
    if verb == "is" and lhs.ops == 1 and "/" in lhs.expr and all(o.literal for o in lhs.operands) \
            and "*" not in lhs.expr and "+" not in lhs.expr and "-" not in lhs.expr[1:]:
        return None  # "1/4 is 25 cents": a fraction named, not computed
    units = [u for o in lhs.operands for u in o.units] + list(rhs.lead.units if rhs.ops == 0 else ())
    if tokens[rhs.end].kind == "word" and not tokens[rhs.end].newline:
        units.append(tokens[rhs.end].text.lower())  # "= 120 minutes"
    if rhs.ops:
        units += [u for o in rhs.operands for u in o.units]
    if _unit_mix(units):
        return None
    lead = rhs.lead
    start = lhs.operands[0].start
    end = tokens[rhs.end - 1].end
    lhs_percent = [o.percent for o in lhs.operands if o.literal]
    readings: list[Reading] = []
    if lead.literal:
        readings.append(Reading(expression=lhs.expr, stated=lead.value, percent=lead.percent))
        if lead.percent and not any(lhs_percent):
            readings.append(Reading(expression=lhs.expr, stated=lead.value.removeprefix("(").split("/100")[0]))
        if lhs_percent and all(lhs_percent) and not lead.percent:
            readings.append(Reading(expression=lhs.expr.replace("/100)", ")"), stated=lead.value))
    if lead.literal and rhs.ops == 0 and _DIFFERENCE.match(text, lead.written_end):
        readings.append(Reading(expression=f"abs({lhs.expr})", stated=lead.value))  # "$1800 - $2000 = $200 less"
    if lead.literal and lhs.grouped != lhs.expr:
        readings.append(Reading(expression=lhs.grouped, stated=lead.value, percent=lead.percent))
    if lead.literal and not lead.percent and "*(100/100)" in lhs.expr:
        readings.append(Reading(expression=lhs.expr.replace("*(100/100)", "*100"), stated=lead.value))
    if rhs.ops:
        readings.append(Reading(expression=lhs.expr, stated=rhs.expr))
    if not readings:
        return None
    stated = lead.written if lead.literal else text[lead.start:end].strip()
    spans = (lead.digits,) if lead.literal else ()
    return Found(kind="arithmetic", span=(start, end), stated=stated, readings=tuple(readings),
                 stated_spans=spans, approx=approx, detail="equality" if not rhs.ops else "step of a chain")


_DIFFERENCE = re.compile(r"\s*(?:[A-Za-z]+\s+){0,2}(?:less|fewer|more|cheaper|shorter|longer|lower|higher|"
                         r"smaller|bigger|larger|younger|older)\b", re.IGNORECASE)
_OPERATOR_AFTER = re.compile(r"\s*(?:[-+*/×÷^=]|x\s*\d)")
_NUM = r"-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_VERB = r"(?:is|are|was|were|equals|=|≈|would be|will be|comes to|gives(?: you)?|makes)"
_APPROX = r"(?P<approx>(?:about|approximately|roughly|around|nearly|~)\s+)?"
_TAIL = rf",?\s+{_VERB}\s+{_APPROX}[$€£]?(?P<stated>{_NUM})(?![\d.,]*\d)"
_UNIT = r"(?:\s+(?!is\b|are\b|was\b|were\b|equals\b|would\b|will\b|comes\b|gives\b|makes\b)[A-Za-z]+)?"
_FRACTIONS = {"half": "1/2", "one half": "1/2", "a half": "1/2", "a third": "1/3", "one third": "1/3",
              "two thirds": "2/3", "two-thirds": "2/3", "a quarter": "1/4", "one quarter": "1/4",
              "three quarters": "3/4", "three-quarters": "3/4", "a fourth": "1/4", "one fourth": "1/4",
              "a fifth": "1/5", "one fifth": "1/5", "a tenth": "1/10", "one tenth": "1/10"}
_MULTIPLES = {"twice": "2", "double": "2", "triple": "3", "thrice": "3", "two times": "2", "three times": "3",
              "four times": "4", "five times": "5", "ten times": "10"}
_PHRASES = [
    ("percent", re.compile(rf"(?<![\w.])(?P<p>{_NUM})\s*(?:%|percent\b|per cent\b)\s+of\s+(?:the\s+|a\s+|an\s+)?"
                           rf"[$€£]?(?P<base>{_NUM}){_UNIT}{_TAIL}", re.IGNORECASE)),
    ("fraction", re.compile(rf"(?<![\w.])(?P<f>{'|'.join(sorted(_FRACTIONS, key=len, reverse=True))}|\d+/\d+)\s+of\s+"
                            rf"(?:the\s+)?[$€£]?(?P<base>{_NUM}){_UNIT}{_TAIL}", re.IGNORECASE)),
    ("multiple", re.compile(rf"(?<![\w.])(?P<m>{'|'.join(sorted(_MULTIPLES, key=len, reverse=True))}|\d+ times)\s+"
                            rf"as\s+(?:many|much|long|old|tall|big|far|large|high|fast|heavy|often|wide)\s+"
                            rf"(?:\w+\s+)?as\s+(?:the\s+)?[$€£]?(?P<base>{_NUM}){_UNIT}{_TAIL}", re.IGNORECASE)),
]


def find_phrases(text: str, work: str) -> list[Found]:
    """Percentages, fractions and multiples in words: "15% of 80 is 12", "half of 48 is 24", "twice as many as 7 is 14"."""
    found = []
    for name, pattern in _PHRASES:
        for m in pattern.finditer(work):
            if _COMPARATIVE.match(work, m.end()) or _OPERATOR_AFTER.match(work, m.end()):
                continue
            base = m.group("base").replace(",", "")
            if name == "percent":
                expression = f"{m.group('p').replace(',', '')}/100*{base}"
            elif name == "fraction":
                f = m.group("f").lower()
                expression = f"{_FRACTIONS.get(f, f)}*{base}"
            else:
                factor = m.group("m").lower()
                expression = f"{_MULTIPLES.get(factor, factor.split()[0])}*{base}"
            stated = m.group("stated")
            reading = Reading(expression=expression, stated=stated.replace(",", ""))
            found.append(Found(kind="arithmetic", span=(m.start(), m.end()), stated=stated, readings=(reading,),
                               stated_spans=(m.span("stated"),), approx=bool(m.group("approx")),
                               detail=f"{name} in words"))
    return found


def find_annotations(text: str, annotations: list[tuple[re.Match[str], str, str]]) -> list[Found]:
    """GSM8K calculator annotations ``<<48/2=24>>``, with the visible number after them as a second place to repair."""
    found = []
    for m, expression, result in annotations:
        expression = re.sub(r"(?<=\d),(?=\d{3})", "", expression).replace("$", "").strip()
        stated = result.strip()
        if not expression or not re.fullmatch(r"-?[\d.,]+%?", stated):
            continue
        value = stated.replace(",", "")
        spans = [(m.start(2) + result.index(stated), m.start(2) + result.index(stated) + len(stated))]
        after = re.match(r"[$€£]?(" + _NUM + ")", text[m.end():])
        if after and after.group(1).replace(",", "") == value:
            spans.append((m.end() + after.start(1), m.end() + after.end(1)))
        found.append(Found(kind="arithmetic", span=(m.start(), m.end()), stated=stated,
                           readings=(Reading(expression=expression, stated=value),), stated_spans=tuple(spans),
                           detail="calculator annotation"))
    return found


def find_arithmetic(text: str) -> list[Found]:
    """Every arithmetic claim in ``text``, in order of position."""
    work, annotations = prepare(text)
    found = find_annotations(text, annotations) + find_chains(text, work) + find_phrases(text, work)
    taken: list[Span] = []
    result = []
    for claim in sorted(found, key=lambda c: (c.span[0], -c.span[1])):
        if claim.detail.endswith("in words") and any(a < claim.span[1] and claim.span[0] < b for a, b in taken):
            continue
        taken.append(claim.span)
        result.append(claim)
    return sorted(result, key=lambda c: c.span)


def last_number(text: str) -> tuple[str, str, Span] | None:
    """The last number in the text outside annotations and masked spans: (as written, in the grammar, digit span)."""
    work, _ = prepare(text)
    tokens = tokenize(work)
    for n in range(len(tokens) - 2, -1, -1):
        tok = tokens[n]
        if tok.kind == "num":
            value = tok.text.replace(",", "")
            if n > 0 and tokens[n - 1].kind == "op" and tokens[n - 1].text in "-−" and not tok.space:
                if n < 2 or tokens[n - 2].kind not in ("num",) and tokens[n - 2].text != ")":
                    return "-" + tok.text, "-" + value, (tokens[n - 1].start, tok.end)
            return tok.text, value, (tok.start, tok.end)
    return None


def places_shown(stated: str) -> int:
    """Decimal places a stated value shows, in the grammar (``"(80/100)"`` is 80% and shows 2)."""
    digits = stated.split("/100")[0].lstrip("(")
    places = len(digits.partition(".")[2]) if "/" not in digits else 0
    return places + (2 if stated.endswith("/100)") else 0)


def format_like(value: Fraction, like: str) -> str:
    """``value`` written in the style of ``like``: its decimal places (at least 2 for a fraction), its commas."""
    if value.denominator == 1:
        number = Decimal(value.numerator)
    elif abs(value) >= 10**40:
        return f"{float(value):.6g}"
    else:
        places = min(max(places_shown(like.replace(",", "").lstrip("$€£-").rstrip("%")), 2), 40)
        with localcontext() as context:
            context.prec = 100
            exact = Decimal(value.numerator) / Decimal(value.denominator)
            number = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            number = number.normalize() if number == exact else number
    return f"{number:,f}" if "," in like else f"{number:f}"
