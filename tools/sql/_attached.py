"""Which attached database a request means when it names none, with several attached.

The convention: a statement (or a question about a table) is unambiguous when exactly one attached database has
every table it reads; it runs there, and its interpretation says so. When several have them, or none, the answer
names the databases and asks which. A statement that reads no table at all (``SELECT 1 + 1``) gives the same
rows on every database, so there is nothing to choose: it runs on the first attached, and says that too.

    >>> from agentkit.tools.sql._schema import Schema
    >>> schemas = {"shop": Schema(tables={"orders": ("id",)}), "zoo": Schema(tables={"animals": ("id",)})}
    >>> holding(tables_read("SELECT count(*) FROM Orders"), schemas)
    ['shop']
    >>> tables_read("SELECT * FROM pragma_table_info('orders')") is None   # a table function: no certain table
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the schema module imports sqlglot, which a request that never touches SQL does not pay for
    from agentkit.tools.sql._schema import Schema

__all__ = ["holding", "tables_read", "why", "why_not"]


def tables_read(sql: str) -> frozenset[str] | None:
    """The stored tables ``sql`` reads (lowercased; CTE names left out), or None when that is not certain.

    None for text that does not parse as one SQLite statement, and for a source that is not a plain table name
    (a table-valued function, a name qualified by a schema): those may read a database in ways a name list hides.
    """
    from agentkit.tools.sql._syntax import parse_strict
    from sqlglot import exp

    try:
        statements = [s for s in parse_strict(sql, "sqlite") if s is not None]
    except Exception:  # sqlglot raises more than its own errors on text that is not SQL
        return None
    if len(statements) != 1:
        return None
    ast = statements[0]
    ctes = {cte.alias_or_name.lower() for cte in ast.find_all(exp.CTE)}
    tables = set()
    for table in ast.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier) or table.db or table.catalog:
            return None
        if table.name.lower() not in ctes:
            tables.add(table.name.lower())
    return frozenset(tables)


def holding(tables: Iterable[str] | None, schemas: Mapping[str, Schema]) -> list[str]:
    """The attached databases (sorted) whose schema has every one of ``tables``; [] when ``tables`` is None."""
    if tables is None:
        return []
    wanted = list(tables)
    return sorted(name for name, schema in schemas.items() if all(schema.table(t) for t in wanted))


def why(tables: Iterable[str], database: str) -> str:
    """How the interpretation says the database was chosen."""
    names = sorted(tables)
    if not names:
        return "reads no table: the same on every attached database"
    listed = ", ".join(names)
    return f"the only attached database with {'table' if len(names) == 1 else 'tables'} {listed}"


def why_not(tables: Iterable[str], holding: list[str]) -> str:
    """Why no one database was chosen: the tables are in several, or in none of them together."""
    names = ", ".join(sorted(tables))
    if holding:
        return f"{' and '.join(holding)} all have {names}"
    return f"no attached database has {'table' if len(set(tables)) == 1 else 'all of the tables'} {names}"
