"""Finding unit conversions, SQL and regex claims in free text, and judging each with its tool family.

Each family is imported when first needed, so that `agentkit.validators` works
with whichever families are installed; a missing family leaves its claims
unchecked and says so in the report's notes, never as a failed claim.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from agentkit._claims import format_like
from agentkit.tools.base import Claim, Context

__all__ = ["ToolClaim", "find_units", "find_sql", "find_regex"]

logger = logging.getLogger(__name__)

Span = tuple[int, int]


@dataclass(frozen=True, kw_only=True)
class ToolClaim:
    """A claim judged by a tool family; ``ok is None`` means it could not be judged (see ``detail``)."""

    kind: str
    span: Span
    stated: str
    computed: str | None
    ok: bool | None
    tolerance: str
    detail: str
    check: str
    stated_spans: tuple[Span, ...] = ()
    replacement: str | None = None


def _family(module: str, name: str, notes: list[str], **kwargs: Any) -> Any:
    try:
        family_module = importlib.import_module(f"agentkit.tools.{module}")
        return getattr(family_module, name)(**kwargs)
    except (ImportError, AttributeError) as exc:
        notes.append(f"{module} claims were not checked: the {module} family is not available ({exc})")
        return None


# -- units ----------------------------------------------------------------------------------------

_NUM = r"-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_WORD = r"[^\W\d_][^\s,;:!?=≈()\[\]]*"
_DEGREE = r"°\s?[CFK]\b|degrees?\s+(?:Celsius|Fahrenheit|Kelvin|C|F)\b"
_UNITS_CLAIM = re.compile(
    rf"(?<![\w.,\x02])(?P<lhs>{_NUM})\s*(?P<lu>{_DEGREE}|{_WORD}(?:\s+{_WORD}){{0,2}})\s*"
    rf"(?P<verb>=|≈|~|\bis\s+equal\s+to\b|\bequals\b|\bis\b|\bare\b|\bmakes\b)\s*"
    rf"(?P<approx>(?:about|approximately|roughly|around|nearly|~)\s+)?[$€£]?(?P<rhs>{_NUM})\s*"
    rf"(?P<ru>{_DEGREE}|{_WORD}(?:\s+{_WORD}){{0,2}})",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(r"\s*(?:more|less|fewer|longer|shorter|greater|higher|lower|than|times|each|apart|"
                          r"further|farther|heavier|lighter|older|younger|faster|slower)\b", re.IGNORECASE)
_APPROX_TOLERANCE = Fraction(5, 100)


def find_units(text: str, work: str, notes: list[str]) -> list[ToolClaim]:
    """"5 miles is about 8 km", "100 °C = 212 °F": a quantity said to equal another in a unit of the same kind."""
    matches = list(_UNITS_CLAIM.finditer(work))
    if not matches:
        return []
    family = _family("units", "UnitsFamily", notes)
    if family is None:
        return []
    found = []
    for m in matches:
        before = work[:m.start()].rstrip()
        if before and (before[-1] in "+-*/×÷^=−" or re.search(r"(?:%|\d|half|third|quarter|percent)\s+of$", before)):
            continue  # part of a larger expression
        claim = _units_claim(family, text, m)
        if claim is not None:
            found.append(claim)
    return found


def _units_claim(family: Any, text: str, m: re.Match[str]) -> ToolClaim | None:
    lhs = f"{m.group('lhs')} {m.group('lu')}".replace(",", "")
    words = m.group("ru").split()
    for n in range(len(words), 0, -1):
        unit = " ".join(words[:n]).rstrip(".")
        end = m.start("ru") + len(" ".join(words[:n]).rstrip("."))
        try:
            candidate = family.recognize(f"convert {lhs} to {unit}", Context())
            if candidate is None or not candidate.complete or candidate.operation != "convert":
                continue
            result = family.execute(candidate)
            if result.error or (isinstance(result.value, dict) and "refusal" in result.value):
                return None  # "1 cup = 8 ounces": volume against mass is not a conversion claim we can judge
            if _COMPARATIVE.match(text, end):
                return None
            stated = f"{m.group('rhs')} {unit}".replace(",", "")
            verdict = family.check(Claim(kind="units", text=m.group(), span=(m.start(), end), stated=stated,
                                         expression=lhs))
        except Exception:  # noqa: BLE001 - a family bug leaves the claim unchecked; it never breaks check()
            logger.exception("the units family failed on %r", m.group())
            return None
        if verdict.detail.startswith("could not"):
            return None
        return _units_verdict(text, m, end, result.text, verdict, unit)
    return None


def _units_verdict(text: str, m: re.Match[str], end: int, computed: str, verdict: Any, unit: str) -> ToolClaim:
    stated_number = m.group("rhs").replace(",", "")
    true_number = computed.split()[0]
    ok, tolerance = verdict.ok, "the digits shown, within 1%"
    try:
        true_value, shown = Fraction(true_number), Fraction(stated_number)
    except (ValueError, ZeroDivisionError):
        true_value = shown = None
    if m.group("approx") or m.group("verb") in ("≈", "~"):
        tolerance = "within 5% (the words say approximately)"
        if true_value is not None and shown is not None:
            ok = ok or abs(shown - true_value) <= abs(true_value) * _APPROX_TOLERANCE
    replacement = format_like(true_value, m.group("rhs")) if true_value is not None else None
    return ToolClaim(kind="units", span=(m.start(), end), stated=text[m.start("rhs"):end],
                     computed=computed, ok=ok, tolerance=tolerance, detail=verdict.detail, check=verdict.check,
                     stated_spans=(m.span("rhs"),), replacement=replacement)


# -- SQL --------------------------------------------------------------------------------------------

_SQL_START = r"(?:SELECT|WITH|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b"
_FENCE = re.compile(r"```[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)```", re.DOTALL)
_INLINE = re.compile(r"(?<!`)`(?P<body>\s*(?i:SELECT|WITH)\b[^`\n]+)`(?!`)")
_BARE = re.compile(r"(?m)^[ \t]*(?P<body>(?:SELECT|WITH)\b[^\n]*\bFROM\b[^;]*?(?:;|(?=\n\s*\n)|\Z))")
_SQL_LANGS = {"sql", "sqlite", "postgres", "postgresql", "mysql", "duckdb", "tsql", "plsql", "bigquery", "snowflake"}
_PLACEHOLDER = re.compile(r"\.\.\.|…|\{[^}]*\}|<[a-z_ ]+>", re.IGNORECASE)


def find_sql(text: str, databases: dict[str, str] | None, notes: list[str]) -> list[ToolClaim]:
    """SQL in fenced code blocks, in inline code, or on lines of its own; each must parse (and fit the schema)."""
    pieces: list[tuple[Span, str]] = []
    taken: list[Span] = []
    for m in _FENCE.finditer(text):
        taken.append(m.span())
        lang, body = m.group("lang").lower(), m.group("body")
        if lang in _SQL_LANGS or (not lang and re.match(rf"\s*(?i:{_SQL_START})", body)):
            pieces.append((m.span("body"), body))
    for pattern in (_INLINE, _BARE):
        for m in pattern.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append(m.span())
                pieces.append((m.span("body"), m.group("body")))
    if not pieces:
        return []
    family = _family("sql", "SqlFamily", notes, databases=databases or {})
    if family is None:
        return []
    found = []
    for span, sql in sorted(pieces):
        if _PLACEHOLDER.search(sql) or not sql.strip():
            notes.append(f"SQL at {span[0]}..{span[1]} has placeholders and was not checked")
            continue
        names = list(family.databases) or [""]
        verdicts = []
        try:
            for name in names:
                verdicts.append(family.check(Claim(kind="sql", text=sql, span=span, stated=name, expression=sql)))
                if verdicts[-1].ok:
                    break
        except Exception:  # noqa: BLE001
            logger.exception("the SQL family failed on %r", sql[:80])
            continue
        verdict = next((v for v in verdicts if v.ok), verdicts[0])
        where = "fits the schema" if databases else "parses"
        found.append(ToolClaim(kind="sql", span=span, stated=f"valid SQL ({where})",
                               computed="valid" if verdict.ok else "invalid", ok=verdict.ok,
                               tolerance="sqlglot parse" + (" and schema" if databases else ""),
                               detail=verdict.detail, check=verdict.check))
    return found


# -- regex --------------------------------------------------------------------------------------------

_REGEX_CLAIM = re.compile(
    r"(?P<pattern>`[^`\n]+`|(?<![\w/])/(?:[^/\\\n]|\\.)+/[a-z]*)\s+"
    r"(?P<verb>does\s+not\s+(?:fully\s+)?match|doesn't\s+(?:fully\s+)?match|doesn’t\s+(?:fully\s+)?match|"
    r"won't\s+match|will\s+not\s+match|fails\s+to\s+match|never\s+matches|(?:also\s+)?(?:fully\s+)?matches|"
    r"will\s+match|would\s+match)\s+"
    r"(?P<subject>`[^`\n]*`|\"[^\"\n]*\"|'[^'\n]*'|[^\s`\"',;]+?)(?=[.,;:!?)]*(?:\s|$))"
)


def find_regex(text: str, notes: list[str]) -> list[ToolClaim]:
    """"`^\\d+$` matches 123", "/a+/ does not match `bbb`": re-run the match with the regex family."""
    matches = list(_REGEX_CLAIM.finditer(text))
    if not matches:
        return []
    family = _family("regex", "RegexFamily", notes)
    if family is None:
        return []
    found = []
    for m in matches:
        pattern, subject = m.group("pattern"), m.group("subject")
        if subject[0] in "\"'":
            subject = subject[1:-1]
        elif subject[0] == "`":
            subject = subject[1:-1]
        if "`" in subject:
            continue
        negative = bool(re.match(r"does|doesn|won|will\s+not|fails|never", m.group("verb")))
        question = f"does {pattern} match `{subject}`"
        try:
            candidate = family.recognize(question, Context())
            if candidate is None or not candidate.complete:
                continue
            result = family.execute(candidate)
            verdict = family.verify(result)
        except Exception:  # noqa: BLE001
            logger.exception("the regex family failed on %r", question)
            continue
        if result.error or not verdict.ok:
            notes.append(f"regex claim {m.group()!r} was not checked: {result.text}")
            continue
        answer = result.text
        partial = answer.startswith("only in part")
        if partial and negative:
            notes.append(f"regex claim {m.group()!r} was not checked: {pattern} matches part of the text, not all")
            continue
        matched = answer.startswith("yes") or partial
        ok = matched != negative
        detail = f"{pattern} on {subject!r}: {answer}" + (" (a search match)" if partial else "")
        found.append(ToolClaim(kind="regex", span=m.span(), stated="no match" if negative else "match",
                               computed="match" if matched else "no match", ok=ok,
                               tolerance="search or full match" if not negative else "no match anywhere",
                               detail=detail, check="regex.claim"))
    return found
