"""How the SQL family reads a request: where the SQL is, and which instruction the words around it give.

The SQL is taken from a triple-backtick block or single backticks; unquoted, every span that starts at a SQL
keyword is a candidate, and the words left around it (the instruction) must match one of the phrasings in
`agentkit.tools.sql._phrases` whole. A candidate to run, check, format or convert must also parse whole as SQL
(the grammar delimits the statement). When the candidates give more than one reading, the family declines.
When no phrasing matches, a statement after a question that only describes it ("largest capacity? SELECT
max(Capacity) FROM stadium") runs, by the convention of `agentkit.tools.sql._leadin`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from agentkit.tools.sql._phrases import (COUNT, DESCRIBE, DIALECT_NAMES, DIALECTS, LOCATOR, LOCATOR_AFTER, PHRASES,
                                         SLOT)

__all__ = ["DIALECTS", "DIALECT_NAMES", "Reading", "bare_write", "read_request"]

MAX_INSTRUCTION_CHARS = 200
MAX_TAIL_CHARS = 80  # the words after an unquoted statement
_OPERATIONS = ("validate", "runnable", "format", "transpile", "references", "check", "run")
_ON_DATABASE = ("check", "run", "runnable")

# words after a statement that are the person's courtesy, never SQL ("SELECT a FROM t, thanks" reads no table thanks)
_COURTESY = re.compile(r"[\s,;.!]*(?:(?:please|pls|thanks|thank\s+you|thx|for\s+me)\b[\s,;.!]*)+", re.IGNORECASE)
_KEYWORD = r"(?:select|with|insert|update|delete|drop|create|alter|attach|detach|pragma|replace|values|explain|" \
           r"truncate|merge|vacuum|begin|commit|rollback|reindex|analyze)\b"
_FENCE = re.compile(r"```[ \t]*(?P<tag>[A-Za-z0-9_-]*)[ \t]*\n(?P<sql>.*?)\n?[ \t]*```|```(?P<inline>[^`\n].*?)```",
                    re.DOTALL)
_INLINE_TAG = re.compile(rf"\s*(?P<tag>[A-Za-z0-9_-]+)\s+(?={_KEYWORD})", re.IGNORECASE)
_AFTER_COLON = re.compile(r"(?:[:?]\s+|:\s*|\n\s*)$")
_START = re.compile(rf"(?<![\w.`\"'$])(?={_KEYWORD})", re.IGNORECASE)
_BACKTICKS = re.compile(rf"`(?P<sql>\s*{_KEYWORD}[^`]*)`", re.IGNORECASE)
# a statement that writes, written as SQL rather than as a sentence ("delete from the list ..." is not one)
_BARE_WRITE = re.compile(
    r"\s*(?:drop\s+(?:table|view|index|trigger)|delete\s+from\s+[\w\"`\[]+\s*(?:where\b|;|$)|insert\s+(?:or\s+\w+\s+)?"
    r"into\s+[\w\"`\[]+\s*(?:\(|values\b|select\b)|update\s+[\w\"`\[]+\s+set\s+\w+\s*=|attach\s+(?:database\s+)?'"
    r"|detach\s+(?:database\s+)?\w+\s*;?$|alter\s+table|create\s+(?:temp\w*\s+)?(?:table|view|index|trigger)"
    r"|pragma\s+\w+\s*=|replace\s+into|truncate\s+table)",
    re.IGNORECASE,
)

@dataclass(frozen=True, kw_only=True)
class Reading:
    """What the words of a request ask for.

    Attributes:
        operation: validate, format, transpile, references, check, run, describe, count.
        sql: the SQL text, as written ("" for describe and count).
        dialect / target: sqlglot dialect names; ``None`` when the words name none.
        database / table: as named in the request, or ``None``.
    """

    operation: str
    sql: str
    dialect: str | None = None
    target: str | None = None
    database: str | None = None
    table: str | None = None
    noun: str | None = None  # "how many concerts ...": the table is the one this noun names
    runnable: bool = False  # "would it run": validate in SQLite against the database's schema
    names_only: bool = False  # "table names only": the tables without their columns


def _quoted(text: str) -> tuple[str, str] | None:
    """(instruction with `SLOT` where the SQL was, SQL) for SQL in a code fence or backticks; else None."""
    fences = list(_FENCE.finditer(text))
    if fences:
        if len(fences) != 1 or text.count("```") != 2:
            return None
        fence = fences[0]
        sql = fence.group("sql") if fence.group("sql") is not None else fence.group("inline")
        tag = (fence.group("tag") or "").lower()
        inline = _INLINE_TAG.match(sql) if fence.group("inline") is not None else None
        if inline and inline.group("tag").lower() in DIALECTS:  # "```sql SELECT 1```": a tag on the SQL's line
            tag, sql = inline.group("tag").lower(), sql[inline.end():]
        if tag and tag not in DIALECTS:  # "```SELECT\n..." has no language tag: its first word is SQL
            sql, tag = f"{fence.group('tag')}\n{sql}", ""
        before, after = text[: fence.start()].rstrip(), text[fence.end():]
        before = re.sub(r"[:?]$", "", before)
        return f"{before} {(tag + ' ') if tag and tag != 'sql' else ''}{SLOT}{after}", sql
    quoted = list(_BACKTICKS.finditer(text))
    if len(quoted) == 1 and text.count("`") == 2:
        return text[: quoted[0].start()] + SLOT + text[quoted[0].end():], quoted[0].group("sql")
    return None


def _splits(text: str) -> list[tuple[str, str, bool, bool]]:
    """Every (instruction, SQL, quoted, validate only) the text can be cut into: the quoted SQL, or each span.

    The text after the first colon is also a candidate whatever it holds, but only for a validity question
    ("is this valid SQL: SELEC * FROM t"): broken SQL need not start with a keyword.
    """
    quoted = _quoted(text)
    if quoted is not None:
        return [(*quoted, True, False)]
    if "```" in text:
        return []
    out = []
    colon = text.find(": ")
    if 0 < colon <= MAX_INSTRUCTION_CHARS and not _START.match(text, colon + 2):
        out.append((f"{text[:colon]} {SLOT}", text[colon + 2:], True, True))
    for start in _START.finditer(text):
        prefix, rest = text[: start.start()], text[start.start():]
        if len(prefix) > MAX_INSTRUCTION_CHARS:
            break
        for end in range(len(rest), max(0, len(rest) - MAX_TAIL_CHARS) - 1, -1):
            if end < len(rest) and not (rest[end] in " \t\n?!," and end > 0 and not rest[end - 1].isspace()):
                continue
            sql = rest[:end]
            if "--" in sql or "/*" in sql:  # a comment would swallow words meant for the reader
                continue
            # after a colon (or on a line of its own) to the end, the SQL is marked off as before: taken whole
            marked = end == len(rest) and _AFTER_COLON.search(prefix) is not None
            out.append((f"{prefix} {SLOT} {rest[end:]}", sql, marked, False))
    return out


def _normalize(instruction: str) -> str:
    words = re.sub(r"[?!:,]|\.(?=\s|$)|(?<!\S)--(?!\S)", " ", instruction.lower())
    return " ".join(words.split())


def _database(name: str | None) -> str | None:
    """A database's name as written; None for the bare words "the database"."""
    return None if name is None or name in ("database", "db", "schema") else name


def _dialect(groups: dict[str, str | None], *names: str) -> str | None:
    for name in names:
        if groups.get(name):
            return DIALECTS[groups[name]]
    return None


def _located(words: str, databases: Collection[str]) -> list[tuple[str | None, str]]:
    """The instruction as is, and without an attached database named in front ("on shop, ...") or at the end."""
    known = {d.lower(): d for d in databases}
    out: list[tuple[str | None, str]] = [(None, words)]
    before = LOCATOR.match(words)
    if before and before.group("db") in known and words[before.end():]:
        out.append((known[before.group("db")], words[before.end():]))
    after = LOCATOR_AFTER.search(words)
    if after and after.group("db") in known and words[: after.start()]:
        out.append((known[after.group("db")], words[: after.start()]))
    return out


def _reading(operation: str, groups: dict[str, Any], sql: str, located: str | None,
             databases: Collection[str], quoted: bool) -> Reading | None:
    named = _database(groups.get("db"))
    if operation in _ON_DATABASE:
        if not databases or (named and located and named.lower() != located.lower()):
            return None
        if named and not quoted and named.lower() not in {d.lower() for d in databases}:
            return None  # after unquoted SQL, "from orders" is the statement's own words, not a database
        if _dialect(groups, "o") not in (None, "", "sqlite"):
            return None  # the attached databases are SQLite
    elif located is not None:
        return None  # a database named around a request that does not read one is unexplained
    database = named or located
    if database is None and operation in _ON_DATABASE and len(databases) == 1:
        database = next(iter(databases))  # the only one attached
    if operation == "transpile":
        sources = {DIALECTS[groups[k]] for k in ("src", "src2", "o") if groups.get(k)}
        if len(sources) > 1:
            return None
        source = sources.pop() if sources else None
    else:
        source = _dialect(groups, "d", "o", "src")
    if operation == "validate" and all((groups.get(k) or "sql") == "sql" for k in ("d", "o")):
        source = None  # "valid SQL" names no dialect: the family's default applies
    if operation == "runnable":
        return Reading(operation="validate", sql=sql, dialect="sqlite", database=database, runnable=True)
    return Reading(operation=operation, sql=sql, dialect=source, target=_dialect(groups, "dst"), database=database)


def _key(reading: Reading, quoted: bool) -> tuple[Any, ...] | None:
    """What makes two readings the same; None when an unquoted span to run or convert is not SQL whole."""
    base = (reading.operation, reading.dialect, reading.target, (reading.database or "").lower(), reading.runnable)
    if reading.operation == "validate" or quoted:
        return (*base, " ".join(reading.sql.split()))
    from agentkit.tools.sql._syntax import parse_strict

    dialect = reading.dialect or ("sqlite" if reading.operation in _ON_DATABASE else "")
    try:
        statements = parse_strict(reading.sql, dialect)
        if _trailing_alias(reading.sql, statements):
            return None
        return (*base, ";".join(s.sql(dialect=dialect, comments=False) for s in statements if s is not None))
    except Exception:  # sqlglot raises more than its own errors on text that is not SQL
        return None


def _trailing_alias(sql: str, statements: list[Any]) -> bool:
    """The unquoted statement ends in an alias written without AS ("... FROM t lol"): a word, more likely than SQL."""
    from sqlglot import exp

    last = re.findall(r"[A-Za-z_]\w*", sql.rstrip().rstrip(";"))
    if not last or re.search(rf"\bas\s+{re.escape(last[-1])}\s*;?\s*$", sql, re.IGNORECASE):
        return False
    aliases = {node.name.lower() for s in statements if s is not None  # a CTE's name is a table's, not an alias
               for node in s.find_all(exp.TableAlias) if node.name and not isinstance(node.parent, exp.CTE)}
    aliases |= {node.alias.lower() for s in statements if s is not None for node in s.find_all(exp.Alias)
                if node.alias}
    return last[-1].lower() in aliases and sql.rstrip().rstrip(";").rstrip().lower().endswith(last[-1].lower())


def read_request(text: str, databases: Collection[str]) -> Reading | None:
    """The request's one reading, when its whole instruction is one of the phrasings; else None."""
    found: dict[tuple[Any, ...], Reading] = {}
    for instruction, sql, quoted, validate_only in _splits(text):
        sql = sql.strip()
        if not sql or len(instruction) > MAX_INSTRUCTION_CHARS + MAX_TAIL_CHARS:
            continue
        for located, words in _located(_normalize(instruction), databases):
            for operation in _OPERATIONS:
                for pattern in PHRASES[operation]:
                    match = pattern.fullmatch(words)
                    reading = match and _reading(operation, match.groupdict(), sql, located, databases, quoted)
                    if reading and (validate_only is False or operation == "validate"):
                        key = _key(reading, quoted and words != SLOT)  # a statement alone must be SQL whole
                        if key is not None:
                            found.setdefault(key, reading)
    if not found:
        if databases and _START.search(text):
            return _lead_in(text, databases)
        return _describe(text, databases) if databases else None
    readings = _longest(list(found.values()))
    return readings[0] if len(readings) == 1 else None


_NOT_TABLES = frozenset({"database", "db", "schema", "the", "what", "which", "this", "that", "my", "its", "whole",
                         "entire", "full"})
_WHAT_DOES = re.compile(rf"(?P<lead>what(?:\s+[\w'-]+){{1,2}})\s+(?:does|would|will)\s+(?P<sql>{_KEYWORD}.*?)\s+"
                        r"(?P<verb>give|return|produce|output|yield)(?:\s+(?:back|me))?\s*\??", re.IGNORECASE | re.DOTALL)


def _lead_in(text: str, databases: Collection[str]) -> Reading | None:
    """A statement to run after words that describe it (see `agentkit.tools.sql._leadin`); one reading, or None."""
    from agentkit.tools.sql._leadin import described

    cuts = []
    frame = _WHAT_DOES.fullmatch(text)
    if frame:
        cuts.append((f"{frame.group('lead')} {frame.group('verb')}", frame.group("sql")))
    for start in _START.finditer(text):  # the statement after ":" or "?", or on a line of its own
        lead = text[: start.start()].rstrip(" \t")
        if lead.endswith((":", "?", "\n")) and len(lead) <= MAX_INSTRUCTION_CHARS:
            cuts.append((lead, text[start.start():]))
    found = set()
    for lead, sql in cuts:
        sql = sql.strip()
        if "--" in sql or "/*" in sql or bare_write(sql) or _ends_in_alias(sql):
            continue
        for located, words in _located(_normalize(lead), databases):
            if described(words, sql):
                database = located or (next(iter(databases)) if len(databases) == 1 else None)
                found.add(Reading(operation="run", sql=sql, database=database))
    return found.pop() if len(found) == 1 else None


def _ends_in_alias(sql: str) -> bool:
    """The statement's last word is an alias without AS ("... FROM orders lol"), or the text is not SQL at all."""
    from agentkit.tools.sql._syntax import parse_strict

    try:
        return _trailing_alias(sql, parse_strict(sql, "sqlite"))
    except Exception:  # sqlglot raises more than its own errors on text that is not SQL
        return True


def _longest(readings: list[Reading]) -> list[Reading]:
    """Without a reading whose SQL another of the same request extends: the statement runs as far as it parses.

    Not for a validity question: its SQL need not parse, so a longer cut may have swallowed the question's own
    words ("SELECT a FROM t, is that valid?" is not a question about "SELECT a FROM t, is that"); two cuts that
    both read leave the request unread.
    """
    def same(a: Reading, b: Reading) -> bool:
        return a.operation != "validate" and \
            (a.operation, a.dialect, a.target, (a.database or "").lower(), a.runnable) == \
            (b.operation, b.dialect, b.target, (b.database or "").lower(), b.runnable)

    def extends(longer: Reading, shorter: Reading) -> bool:
        return len(longer.sql) > len(shorter.sql) and longer.sql.startswith(shorter.sql) and \
            not _COURTESY.fullmatch(longer.sql[len(shorter.sql):])  # ", please" is the person's, not a column

    kept = [r for r in readings if not any(same(r, o) and extends(o, r) for o in readings)]
    return [r for r in kept if not any(same(r, o) and _COURTESY.fullmatch(r.sql[len(o.sql):])
                                       and len(r.sql) > len(o.sql) and r.sql.startswith(o.sql) for o in kept)]


def _describe(text: str, databases: Collection[str]) -> Reading | None:
    """A question about an attached database's tables, a table's columns, or a table's row count."""
    known = {d.lower(): d for d in databases}
    found = set()
    for located, words in _located(_normalize(text), databases):
        for operation, patterns in (("describe", DESCRIBE), ("count", COUNT)):
            for pattern in patterns:
                match = pattern.fullmatch(words)
                if match is None:
                    continue
                named, table = _database(match.groupdict().get("db")), match.groupdict().get("table")
                noun = match.groupdict().get("noun")
                if table in _NOT_TABLES:
                    continue  # "the database schema", "what schema": words, not a table's name
                if table and table in known and operation == "describe" and not named:
                    continue  # "the schema of shop" is the database's
                if table and "." in table and not named:  # "shop.orders": the database, then the table
                    named, table = table.split(".", 1)
                if named and located and named != located.lower():
                    continue
                database = named or located
                if database is not None and database.lower() not in known:
                    continue
                if operation == "count" and not (table or noun):
                    continue
                found.add(Reading(operation=operation, sql="", database=database and known[database.lower()],
                                  table=table, noun=noun,
                                  names_only=bool(match.groupdict().get("only") or match.groupdict().get("only2"))))
    return found.pop() if len(found) == 1 else None


def bare_write(text: str) -> bool:
    """The whole step is a SQL statement that writes (a piece the planner split off after a ';')."""
    return bool(_BARE_WRITE.match(text)) and "```" not in text
