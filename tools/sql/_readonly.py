"""Read-only access to SQLite files, in depth: classify the statement, open read-only, authorize reads only, stop on time."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from agentkit.tools.sql._schema import Schema
from sqlglot import exp

from agentkit.errors import LimitExceeded, TimeLimitExceeded, ToolInputError

__all__ = ["ReadOnlyRefused", "Rows", "count_rows", "load_schema", "prepare_error", "read_only_problem",
           "render_table", "run_query"]

MAX_VALUE_BYTES = 1_000_000  # SQLITE_LIMIT_LENGTH: no string or blob larger than this is built
MAX_CELL_CHARS = 60

# statements (anywhere in the tree, a CTE included) that write, change the connection or reach outside it
_WRITES: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name) for name in (
        "Insert", "Update", "Delete", "Merge", "Drop", "Create", "Alter", "TruncateTable", "Command",
        "Attach", "Detach", "Pragma", "Transaction", "Commit", "Rollback", "Use", "Set", "Copy", "Analyze",
        "LoadData", "Grant", "Revoke", "Cache", "Uncache", "Refresh", "Into", "Kill", "Lock",
    ) if hasattr(exp, name)
)
# PRAGMAs that only read the schema, whatever their argument; every other PRAGMA is denied
_READING_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list", "index_list", "index_info",
                              "index_xinfo", "foreign_key_list"})
LAYERS = frozenset({"mode=ro", "query_only", "authorizer"})
"""The connection's own defences against a write, each enough alone (after `read_only_problem` refused it)."""
_ALLOWED_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                              sqlite3.SQLITE_RECURSIVE})


class ReadOnlyRefused(ToolInputError):
    """A statement would write, or do something else than read; it was not run."""


class SqlRefusal(ToolInputError):
    """SQLite refused the query, or the request names a database or table that is not there."""


def _describe(node: exp.Expr) -> str:
    if isinstance(node, exp.Command):
        return str(node.this).upper()
    key = node.key.upper()
    if isinstance(node, (exp.Drop, exp.Create)) and node.args.get("kind"):
        return f"{key} {node.args['kind']}"
    return {"INTO": "SELECT ... INTO", "TRUNCATETABLE": "TRUNCATE"}.get(key, key)


def read_only_problem(statements: Sequence[exp.Expr | None]) -> str | None:
    """Why these parsed statements are not one read-only query, or None when they are."""
    statements = [s for s in statements if s is not None]
    if not statements:
        return "there is no statement"
    for number, statement in enumerate(statements, start=1):
        write = statement if isinstance(statement, _WRITES) else statement.find(*_WRITES)
        if write is not None:
            where = "" if len(statements) == 1 else f" (statement {number} of {len(statements)})"
            hidden = " inside a WITH clause" if write is not statement and write.find_ancestor(exp.CTE) else ""
            return f"{_describe(write)}{hidden}{where} is not a read; this tool only reads"
    if len(statements) > 1:
        return f"the text holds {len(statements)} statements; run one query at a time"
    if not isinstance(statements[0], exp.Query):
        return f"{statements[0].key.upper()} is not a query; only SELECT (and WITH ... SELECT) can run"
    return None


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in _ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _READING_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _connect(path: str | Path, seconds: float, *, layers: frozenset[str] = LAYERS) -> sqlite3.Connection:
    """A connection that cannot write: mode=ro, query_only, an authorizer for reads, a deadline.

    ``layers`` exists for the tests, which take each layer alone to show that it refuses writes by itself.
    """
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise SqlRefusal(f"database file not found: {path}")
    mode = "?mode=ro" if "mode=ro" in layers else ""
    conn = sqlite3.connect(f"file:{pathname2url(str(resolved))}{mode}", uri=True,
                           isolation_level=None, check_same_thread=False)
    try:
        if "query_only" in layers:
            conn.execute("PRAGMA query_only = ON")
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        if "authorizer" in layers:
            conn.set_authorizer(_authorize)
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    except BaseException:
        conn.close()
        raise
    return conn


def _translate(exc: sqlite3.Error, seconds: float) -> ToolInputError:
    message = str(exc)
    if "interrupted" in message:
        return TimeLimitExceeded(f"the query ran past its time limit of {seconds:g} s and was stopped")
    if "not authorized" in message:
        return ReadOnlyRefused("the database refused it: this connection may only read")
    if "too big" in message:
        return LimitExceeded(f"a value would be larger than {MAX_VALUE_BYTES:,} bytes")
    return SqlRefusal(f"SQLite: {message}")


def load_schema(path: str | Path, *, seconds: float = 2.0) -> Schema:
    """Tables and views of the database at ``path`` with their columns, read through a read-only connection."""
    try:
        with closing(_connect(path, seconds)) as conn:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            tables = {name: tuple(r[1] for r in conn.execute(f"PRAGMA table_info({_quote(name)})"))
                      for name in names}
    except sqlite3.Error as exc:
        raise _translate(exc, seconds) from exc
    return Schema(tables=tables)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, kw_only=True)
class Rows:
    """A query's result, cut at the row limit; ``truncated`` says whether more rows exist."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool


def run_query(path: str | Path, sql: str, *, limit: int, seconds: float) -> Rows:
    """Run one read-only query and fetch at most ``limit`` rows (``truncated`` says whether more exist)."""
    try:
        with closing(_connect(path, seconds)) as conn:
            cursor = conn.execute(sql)
            rows = cursor.fetchmany(limit + 1)
            columns = [d[0] for d in cursor.description or ()]
    except sqlite3.Warning as exc:  # "You can only execute one statement at a time."
        raise ReadOnlyRefused(str(exc)) from exc
    except sqlite3.Error as exc:
        raise _translate(exc, seconds) from exc
    return Rows(columns=columns, rows=rows[:limit], truncated=len(rows) > limit)


def count_rows(path: str | Path, sql: str, *, seconds: float) -> int:
    """How many rows ``sql`` returns in all, counted by SQLite itself (the check of `run_query`)."""
    try:
        with closing(_connect(path, seconds)) as conn:
            return int(conn.execute(f"SELECT count(*) FROM ({sql}) AS counted").fetchone()[0])
    except sqlite3.Error as exc:
        raise _translate(exc, seconds) from exc


def prepare_error(path: str | Path, sql: str, *, seconds: float = 2.0) -> str | None:
    """SQLite's own complaint when it compiles ``sql`` against the database (EXPLAIN runs nothing), or None."""
    try:
        with closing(_connect(path, seconds)) as conn:
            conn.execute(f"EXPLAIN {sql}").fetchmany(1)
    except sqlite3.Error as exc:
        return str(exc)
    return None


def render_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, truncated: bool, limit: int) -> str:
    """Rows as a plain text table, cells cut at `MAX_CELL_CHARS`."""
    def cell(value: Any) -> str:
        text = "NULL" if value is None else f"<{len(value)} bytes>" if isinstance(value, bytes) else str(value)
        text = " ".join(text.split())
        return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in body]
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    lines.append(f"({count} shown; more rows exist beyond the limit of {limit})" if truncated else f"({count})")
    return "\n".join(lines)
