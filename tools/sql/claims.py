"""SQL written in free text (fenced code, inline code, a line of its own), and its judging: it must parse and fit.

    >>> from agentkit.tools.sql import SqlFamily
    >>> family = SqlFamily()
    >>> [(c.text, family.check(c).ok) for c in family.find_claims("Run `SELECT id FROM orders WHERE`.")]
    [('SELECT id FROM orders WHERE', False)]

With databases bound to the family (`SqlFamily.with_databases`), a query must also fit the schema
of one of them; without, it must parse. SQL with placeholders (``...``, ``{table}``) is not judged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentkit.tools.base import Claim, Verdict

if TYPE_CHECKING:
    from agentkit.tools.sql import SqlFamily

__all__ = ["KIND", "find_claims", "judge"]

logger = logging.getLogger(__name__)

KIND = "sql"

Span = tuple[int, int]

_SQL_START = r"(?:SELECT|WITH|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b"
_FENCE = re.compile(r"```[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)```", re.DOTALL)
_INLINE = re.compile(r"(?<!`)`(?P<body>\s*(?i:SELECT|WITH)\b[^`\n]+)`(?!`)")
_BARE = re.compile(r"(?m)^[ \t]*(?P<body>(?:SELECT|WITH)\b[^\n]*\bFROM\b[^;]*?(?:;|(?=\n\s*\n)|\Z))")
_SQL_LANGS = {"sql", "sqlite", "postgres", "postgresql", "mysql", "duckdb", "tsql", "plsql", "bigquery", "snowflake"}
_PLACEHOLDER = re.compile(r"\.\.\.|…|\{[^}]*\}|<[a-z_ ]+>", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Found:
    """How a piece of SQL in text is judged: against any bound database, or not at all (``unjudged`` says why)."""

    unjudged: str = ""


def find_claims(family: SqlFamily, text: str) -> list[Claim]:
    """SQL in fenced code blocks, in inline code, or on lines of its own, in order of position."""
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
    where = "fits the schema" if family.databases else "parses"
    found = []
    for span, sql in sorted(pieces):
        reading = Found()
        if _PLACEHOLDER.search(sql) or not sql.strip():
            reading = Found(unjudged=f"SQL at {span[0]}..{span[1]} has placeholders and was not checked")
        found.append(Claim(kind=KIND, text=sql, span=span, stated=f"valid SQL ({where})", expression=sql,
                           reading=reading))
    return found


def judge(family: SqlFamily, claim: Claim) -> Verdict:
    """A found piece of SQL: it parses, and fits the schema of one bound database (the first it fits)."""
    if isinstance(claim.reading, Found) and claim.reading.unjudged:
        return Verdict(ok=False, judged=False, check="sql.claim", detail=claim.reading.unjudged)
    verdicts = []
    for name in list(family.databases) or [""]:
        verdicts.append(family.engine.check(Claim(kind=KIND, text=claim.text, span=claim.span, stated=name,
                                                  expression=claim.expression)))
        if verdicts[-1].ok:
            break
    verdict = next((v for v in verdicts if v.ok), verdicts[0])
    rule = "sqlglot parse" + (" and schema" if family.databases else "")
    return Verdict(ok=verdict.ok, check=verdict.check, detail=verdict.detail,
                   computed="valid" if verdict.ok else "invalid", tolerance=rule)
