"""What a model needs to hand the SQL family a step: its request form, examples, the attached schemas, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["EXAMPLES", "REQUEST_FIELDS", "REQUEST_FORM", "interpret", "read_spec", "schema_text"]

REQUEST_FORM = "sql on <database>: <one SELECT query>"
REQUEST_FIELDS = {"database": "the database to query"}
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("In the library database, how many books are there?", "sql on library: SELECT COUNT(*) FROM books"),
)

_SHOWN = 400  # characters of SQL an interpretation shows
_SELECT = re.compile(r"(?:select|with)\b[^;]*;?", re.IGNORECASE | re.DOTALL)


def read_spec(spec: str, detail: Mapping[str, str], databases: Iterable[str]) -> str | None:
    """One SELECT (or WITH) query on one of ``databases`` as ``"run on <db>: <query>"``; else ``None``.

    The database is ``detail["database"]``, or the only one attached when the model named none.
    """
    query = spec.strip().strip("`").strip()
    if not _SELECT.fullmatch(query):
        return None
    known = {name.lower(): name for name in databases}
    database = detail.get("database") or None
    if database is None:
        if len(known) != 1:
            return None
        database = next(iter(known))
    if database.lower() not in known:
        return None
    query = " ".join(query.rstrip(";").split())
    return f"run on {known[database.lower()]}: {query}"


def schema_text(tables: Mapping[str, Iterable[str]]) -> str:
    """``{"orders": ["id", "total"]}`` -> ``"orders(id, total)"``."""
    return "; ".join(f"{table}({', '.join(columns)})" for table, columns in tables.items())


def _database(named: str | None, databases: Mapping[str, str]) -> str:
    """The database a request means: the one it named, else the only one attached."""
    if named is None and len(databases) == 1:
        return next(iter(databases))
    return named or "?"


def _dialect(dialect: str | None) -> str:
    return dialect or "generic SQL"


def interpret(spec: Mapping[str, Any], databases: Mapping[str, str]) -> str:
    """The request as read, in one line: ``SQL validity (postgres): SELECT * FROM t JOIN u``."""
    sql = " ".join((spec.get("sql") or "").split())
    if len(sql) > _SHOWN:
        sql = sql[:_SHOWN] + "…"
    operation = spec["operation"]
    chosen = f"; {spec['chosen']}" if spec.get("chosen") else ""  # several attached, only this one fits
    if operation == "validate" and spec.get("runnable"):
        return f"would it run on {_database(spec.get('database'), databases)} (SQLite, with its schema{chosen}): {sql}"
    if operation == "validate":
        default = ", the default dialect" if spec.get("default_dialect") else ""
        return f"SQL validity ({_dialect(spec['dialect'])}{default}): {sql}"
    if operation == "format":
        return f"format ({_dialect(spec['dialect'])}): {sql}"
    if operation == "transpile":
        return f"transpile {_dialect(spec['dialect'])} → {_dialect(spec['target'])}: {sql}"
    if operation == "references":
        return f"tables and columns read ({_dialect(spec['dialect'])}): {sql}"
    database = _database(spec.get("database"), databases)
    if operation == "check":
        return f"schema check on {database}{f' ({chosen[2:]})' if chosen else ''}: {sql}"
    if operation == "run":
        return f"run on {database} (read-only{chosen}): {sql}"
    if operation == "count":
        table = spec.get("table") or f"<the table {spec.get('noun')!r} names>"
        return f"run on {database} (read-only{chosen}): SELECT count(*) FROM {table}"
    if spec.get("table"):
        return f"columns of table {spec['table']} in {database}{f' ({chosen[2:]})' if chosen else ''}"
    return f"{'table names' if spec.get('names_only') else 'schema'} of {database}"
