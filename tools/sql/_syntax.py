"""SQL text without a database: parse strictly, say where it breaks, format, transpile, and second opinions."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass

import sqlglot
from agentkit.tools.sql._text import DIALECT_NAMES
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ErrorLevel, ParseError, SqlglotError, TokenError
from sqlglot.tokens import TokenType

from agentkit.errors import ToolInputError

__all__ = ["SqlSyntaxError", "independent_verdict", "parse_strict", "pretty", "transpile"]

_STATEMENTS: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name) for name in (
        "Query", "DML", "DDL", "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "Pragma",
        "Attach", "Detach", "Use", "Set", "Transaction", "Commit", "Rollback", "Describe", "Show", "Analyze",
        "TruncateTable", "Grant", "Revoke", "Copy",
    ) if hasattr(exp, name)
)
_SIGNIFICANT = frozenset({TokenType.IDENTIFIER, TokenType.VAR, TokenType.STRING, TokenType.NUMBER})
_AFTER_LIST = frozenset({TokenType.COMMA, TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.SEMICOLON, TokenType.FROM,
                         TokenType.WHERE, TokenType.GROUP_BY, TokenType.ORDER_BY, TokenType.HAVING, TokenType.LIMIT})


_SQLITE = "SQLite's compiler"
# what SQLite's parser says before the authorizer stops the compile: the text is not SQLite
_SQLITE_PARSE_ERRORS = ("syntax error", "incomplete input", "unrecognized token", "should come after",
                        "a JOIN clause is required before", "unknown join type", "unknown table option",
                        "too many terms in compound SELECT", "the LIMIT clause should", "near \"")


class SqlSyntaxError(ToolInputError):
    """The text is not valid SQL of the dialect; ``line`` and ``column`` are 1-based (0 when unknown)."""

    def __init__(self, message: str, *, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


class SqlUndecided(ToolInputError):
    """sqlglot read the text, but loosely: it cannot say whether the text is valid."""


def name_of(dialect: str | None) -> str:
    return DIALECT_NAMES.get(dialect or "", dialect or "SQL")


def _signature(sql: str, dialect: str) -> Counter[str]:
    """Names and literals of ``sql`` (not function names, which a dialect may rename): what a loose parse may drop."""
    tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    return Counter(token.text.lower() for token, after in zip(tokens, [*tokens[1:], None])
                   if token.token_type in _SIGNIFICANT
                   and not (token.token_type == TokenType.VAR and after is not None
                            and after.token_type == TokenType.L_PAREN))


def _dangling_comma(sql: str, dialect: str) -> bool:
    """An empty list item ("a,, b", "a, FROM", "(1,)"), which sqlglot drops without a word."""
    tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    for token, after in zip(tokens, [*tokens[1:], None]):
        if token.token_type == TokenType.COMMA and (after is None or after.token_type in _AFTER_LIST):
            return True
    return False


def _describe_error(description: str) -> str:
    """sqlglot's message without its internals: "Required keyword: 'this' missing for <class '...Where'>"."""
    description = description.split(" but got <Token")[0]
    missing = re.match(r"Required keyword: '(\w+)' missing for <class '[\w.]*?(\w+)'>", description)
    if missing:
        return f"incomplete {missing.group(2).upper()} clause or expression"
    return {"Invalid expression / Unexpected token": "unexpected token"}.get(description, description)


def parse_strict(sql: str, dialect: str | None) -> list[exp.Expr]:
    """Parse every statement of ``sql``; raise `SqlSyntaxError` where it breaks, `SqlUndecided` when read loosely."""
    read = dialect or ""
    try:
        statements = [s for s in sqlglot.parse(sql, read=read) if s is not None]
    except ParseError as exc:
        first = exc.errors[0] if exc.errors else {}
        near = (first.get("highlight") or "").strip()
        where = f"line {first.get('line', 0)}, column {first.get('col', 0)}"
        detail = _describe_error(first.get("description") or str(exc))
        raise SqlSyntaxError(f"{where}{f' near {near!r}' if near else ''}: {detail}",
                             line=int(first.get("line") or 0), column=int(first.get("col") or 0)) from exc
    except TokenError as exc:
        raise SqlSyntaxError(f"cannot split into tokens: {exc}") from exc
    except RecursionError as exc:
        raise SqlSyntaxError("the query is nested too deeply") from exc
    if not statements:
        raise SqlSyntaxError("there is no SQL statement")
    for statement in statements:
        if isinstance(statement, exp.Command):
            raise SqlUndecided(f"sqlglot does not know the statement {str(statement.this).upper()!r} "
                               f"in {name_of(read)}, so it cannot check it")
        if not isinstance(statement, _STATEMENTS):
            raise SqlSyntaxError(f"{statement.sql(read)[:60]!r} is not a statement")
    regenerated = ";\n".join(s.sql(dialect=read) for s in statements)
    if _signature(sql, read) != _signature(regenerated, read) or _dangling_comma(sql, read):
        raise SqlUndecided(f"sqlglot reads this loosely in {name_of(read)} (it would drop or add a name, a "
                           f"value or a list item), so it cannot say the text is valid")
    return statements


def pretty(statements: list[exp.Expr], dialect: str | None) -> str:
    return ";\n\n".join(s.sql(dialect=dialect or "", pretty=True) for s in statements)


def transpile(statements: list[exp.Expr], target: str) -> str:
    """The statements written in ``target``; raises `SqlglotError` for what ``target`` cannot express."""
    return ";\n".join(s.sql(dialect=target, unsupported_level=ErrorLevel.RAISE) for s in statements)


@dataclass(frozen=True, kw_only=True)
class Opinion:
    """What an independent parser says: valid or not, and who said it."""

    valid: bool
    by: str
    detail: str = ""


def _sqlite_opinion(sql: str) -> Opinion | None:
    statements = _split_statements(sql, "sqlite")
    if statements is None:
        return None
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.set_authorizer(lambda *args: sqlite3.SQLITE_DENY)  # compile only: nothing may run
        for text in statements:
            try:
                conn.execute(text)
            except sqlite3.Error as exc:
                message = str(exc)
                if any(s in message for s in _SQLITE_PARSE_ERRORS):
                    return Opinion(valid=False, by=_SQLITE, detail=message)
                if not any(s in message for s in ("not authorized", "authorization denied", "no such", "prohibited")):
                    return None  # some other complaint: not known to be about the syntax
    return Opinion(valid=True, by=_SQLITE)


def _postgres_opinion(sql: str) -> Opinion | None:
    try:
        from pglast import parser  # optional: the real PostgreSQL parser
    except ImportError:
        return None
    try:
        parser.parse_sql(sql)
    except parser.ParseError as exc:
        return Opinion(valid=False, by="pglast (libpg_query)", detail=str(exc.args[0]) if exc.args else "")
    return Opinion(valid=True, by="pglast (libpg_query)")


def _split_statements(sql: str, dialect: str) -> list[str] | None:
    """The original text of each statement, cut at top-level semicolons; None when it cannot be tokenized."""
    try:
        tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    except TokenError:
        return None
    pieces, start = [], 0
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            pieces.append(sql[start:token.start])
            start = token.end + 1
    pieces.append(sql[start:])
    return [p for p in pieces if p.strip()]


def independent_verdict(sql: str, dialect: str | None) -> Opinion | None:
    """A second parser's view of ``sql``: SQLite's own for SQLite, libpg_query's for PostgreSQL; None if none."""
    try:
        if dialect == "sqlite":
            return _sqlite_opinion(sql)
        if dialect == "postgres":
            return _postgres_opinion(sql)
    except (SqlglotError, sqlite3.Error, RecursionError, MemoryError):
        return None
    return None
