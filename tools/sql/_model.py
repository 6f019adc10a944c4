"""What a model needs to hand the SQL family a step: its request form, examples, the attached schemas, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["EXAMPLES", "REQUEST_FIELDS", "REQUEST_FORM", "read_spec", "schema_text"]

REQUEST_FORM = "sql on <database>: <one SELECT query>"
REQUEST_FIELDS = {"database": "the database to query"}
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("In the library database, how many books are there?", "sql on library: SELECT COUNT(*) FROM books"),
)

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
