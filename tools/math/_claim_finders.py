"""Finding arithmetic claims in tokens: equalities and chains, phrases in words, and calculator annotations.

A reading exists only where a person could mean it ("2*3 = 6*4 = 24" is a running computation,
"100 - 20 = 80%" labels the result as a percentage). What is not arithmetic is masked before the
scan (`agentkit.tools.claim_text`) or rejected by it (a number glued to a letter such as ``2x`` or
``v1``, an expression that begins or ends next to an operator it does not include, a lone number on
the left of "=", an equality between quantities in two different units such as "2 hours = 120 minutes").
"""

from __future__ import annotations

import re

from agentkit.tools.claim_text import Token, tokenize
from agentkit.tools.math._claim_scan import (
    APPROX_WORDS,
    BEFORE_START,
    COMPARATIVE,
    CONVERTIBLE,
    FRACTION_WORDS,
    JOINING,
    Expr,
    Found,
    Reading,
    Scanner,
)

__all__ = ["find_annotations", "find_chains", "find_phrases"]

def _unit_mix(units: list[str]) -> bool:
    seen: dict[str, str] = {}
    for word in units:
        base = word.rstrip("s") if word.rstrip("s") in CONVERTIBLE else word
        dim = CONVERTIBLE.get(base)
        if dim is None:
            continue
        if seen.setdefault(dim, base) != base:
            return True
    return False


def _preceded_badly(tokens: list[Token], i: int) -> bool:
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
    if prev.kind == "word" and prev.text.lower() in BEFORE_START:
        before = tokens[i - 2] if i >= 2 else None
        word = prev.text.lower()
        if word == "of":
            return before is not None and (before.kind in ("pct", "num") or before.text.lower() in FRACTION_WORDS)
        if word == "by":
            return before is not None and before.text.lower() in ("divided", "multiplied")
        return True
    if prev.kind == "word" and not tokens[i].space:
        return True  # glued to a word
    if prev.kind == "num" or (prev.kind == "other" and prev.text in "<>≤≥"):
        return True  # "1/2 (68) + 10", "$350 000 x 5", "11 < 30 / 11": part of something larger
    if prev.kind == "word" and prev.text.lower() in JOINING and i >= 2 and not prev.newline:
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


def _followed_badly(scan: Scanner, j: int) -> bool:
    tok = scan.t[j]
    if tok.kind == "poison" or (tok.kind == "op" and tok.text != ")") or tok.kind == "eq":
        return True
    if tok.kind == "num" and not tok.newline:
        return True  # "$409 500": the number goes on
    return tok.kind == "word" and len(tok.text) == 1 and tok.text not in "aAI" and not tok.space


def _approx_after(tokens: list[Token], j: int) -> tuple[bool, int]:
    approx = False
    while tokens[j].kind == "word" and tokens[j].text.lower() in APPROX_WORDS or tokens[j].text == "~":
        approx, j = True, j + 1
        if tokens[j].text == ".":
            j += 1
    return approx, j


def find_chains(text: str, work: str) -> list[Found]:
    """Equalities and chains written out: ``16 - 3 - 4 = 9``, ``9 * $2 = $18``, ``2*3 = 6*4 = 24``."""
    tokens = tokenize(work)
    scan = Scanner(tokens)
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
            if verb == "is" and (nxt.ops or COMPARATIVE.match(work, tokens[nxt.end - 1].end)):
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


def _link(text: str, work: str, lhs: Expr, rhs: Expr, *, approx: bool, verb: str, tokens: list[Token]) -> Found | None:
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
            if COMPARATIVE.match(work, m.end()) or _OPERATOR_AFTER.match(work, m.end()):
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
