"""SQL validity questions: a SELECT from a small grammar, valid or with a deliberate breakage, judged by SQLite.

The truth is SQLite's compiler: ``EXPLAIN <query>`` on a throwaway in-memory database holding the grammar's tables
(a SELECT is only compiled, never run; nothing is written but the throwaway schema). Every column the grammar names
exists, so the verdict is about the text, not a schema. Questions name SQLite; a question that says only "SQL" is
rendered only for a valid query of the portable core (no LIMIT, grouping only by what is selected) or a breakage
that no dialect accepts.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass

from tests.harness.words import dress

__all__ = ["Question", "compiles", "generate", "render"]

TABLES = {"t": ("a", "b", "c"), "u": ("a", "d"), "orders": ("id", "customer_id", "total"),
          "customers": ("id", "name", "city")}


@dataclass(frozen=True)
class Question:
    """A query, SQLite's verdict on it, and whether a question may call it just "SQL"."""

    query: str
    valid: bool
    portable: bool
    breakage: str


_CONNECTION: sqlite3.Connection | None = None


def compiles(query: str) -> bool:
    """Whether SQLite compiles ``query`` (``EXPLAIN``, so it is never run) against the grammar's tables."""
    return _error(query) is None


def _error(query: str) -> str | None:
    """SQLite's complaint about ``query``, or None when it compiles."""
    global _CONNECTION
    if _CONNECTION is None:
        _CONNECTION = sqlite3.connect(":memory:")
        for table, columns in TABLES.items():
            _CONNECTION.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
    try:
        _CONNECTION.execute("EXPLAIN " + query).fetchall()
    except (sqlite3.Error, sqlite3.Warning) as exc:
        return str(exc) or type(exc).__name__
    return None


def _condition(rng: random.Random, columns: tuple[str, ...]) -> str:
    column = rng.choice(columns)
    pick = rng.random()
    if pick < 0.4:
        return f"{column} {rng.choice(('=', '>', '<', '>=', '<=', '<>'))} {rng.randint(0, 100)}"
    if pick < 0.6:
        return f"{column} = '{rng.choice(('x', 'Paris', 'open', 'a b'))}'"
    if pick < 0.75:
        return f"{column} IS {rng.choice(('NULL', 'NOT NULL'))}"
    if pick < 0.9:
        return f"{column} IN ({', '.join(str(rng.randint(0, 9)) for _ in range(rng.randint(1, 3)))})"
    return f"{column} BETWEEN {rng.randint(0, 5)} AND {rng.randint(6, 50)}"


def _valid(rng: random.Random) -> tuple[dict[str, str], tuple[str, ...], bool]:
    table = rng.choice(list(TABLES))
    columns = TABLES[table]
    parts: dict[str, str] = {}
    portable = True
    if rng.random() < 0.25:
        key = rng.choice(columns)
        aggregate = rng.choice(("COUNT(*)", f"SUM({rng.choice(columns)})", f"MAX({rng.choice(columns)})"))
        parts["select"] = f"{key}, {aggregate}"
        parts["group"] = f"GROUP BY {key}"
        if rng.random() < 0.4:
            parts["having"] = f"HAVING {aggregate} > {rng.randint(0, 9)}"
    else:
        chosen = rng.sample(columns, rng.randint(1, len(columns)))
        parts["select"] = rng.choice(("*", ", ".join(chosen), ", ".join(chosen), f"DISTINCT {chosen[0]}"))
    parts["from"] = f"FROM {table}"
    if rng.random() < 0.6:
        parts["where"] = "WHERE " + _condition(rng, columns)
        if rng.random() < 0.3:
            parts["where"] += f" {rng.choice(('AND', 'OR'))} " + _condition(rng, columns)
    if "group" not in parts and "DISTINCT" not in parts["select"] and rng.random() < 0.3:
        parts["order"] = f"ORDER BY {rng.choice(columns)}" + rng.choice(("", " ASC", " DESC"))
    if table == "orders" and rng.random() < 0.3:
        parts = {key: re.sub(r"(?<![.\w])id\b", "orders.id", text) for key, text in parts.items()}
        parts["from"] = "FROM orders JOIN customers ON orders.customer_id = customers.id"
        columns = tuple("orders.id" if c == "id" else c for c in columns)
    if rng.random() < 0.2:
        parts["limit"] = f"LIMIT {rng.randint(1, 50)}"
        portable = False
    return parts, columns, portable


_ORDER = ("select", "from", "where", "group", "having", "order", "limit")


def _join(parts: dict[str, str]) -> str:
    return "SELECT " + " ".join(parts[k] for k in _ORDER if k in parts)


def _break(parts: dict[str, str], columns: tuple[str, ...], rng: random.Random) -> tuple[str, bool]:
    """A deliberate breakage: the query text and whether no dialect accepts it."""
    kind = rng.choice(("dangling_where", "empty_group", "empty_order", "trailing_comma", "no_table", "paren",
                       "double_op", "clause_order", "empty_limit", "misspelt", "on_without_join", "empty_select"))
    q = dict(parts)
    if kind == "dangling_where":
        q["where"] = "WHERE"
    elif kind == "empty_group":
        q["group"] = "GROUP BY"
        q.pop("having", None)
    elif kind == "empty_order":
        q["order"] = "ORDER BY"
    elif kind == "trailing_comma":
        q["select"] = q["select"].removeprefix("DISTINCT ") + ","
    elif kind == "no_table":
        q["from"] = "FROM"
    elif kind == "paren":
        q["where"] = "WHERE (" + q.get("where", "WHERE 1 = 1").removeprefix("WHERE ")
    elif kind == "double_op":
        q["where"] = "WHERE " + rng.choice(columns) + " = = 1"
    elif kind == "clause_order":
        text = _join({k: v for k, v in q.items() if k != "where"})
        return text + " WHERE " + _condition(rng, columns), True
    elif kind == "empty_limit":
        q["limit"] = "LIMIT"
    elif kind == "misspelt":
        return _join(q).replace("SELECT", rng.choice(("SELCT", "SELET", "SLECT")), 1), True
    elif kind == "on_without_join":
        q["from"] = q["from"].split(" JOIN ")[0] + " ON 1 = 1"
    else:
        q["select"] = ""
        return _join(q).replace("SELECT  ", "SELECT "), False  # Postgres accepts an empty select list
    return _join({k: v for k, v in q.items() if v is not None}), kind != "empty_limit"


_SCHEMA_ERRORS = ("no such column", "ambiguous column", "no such table", "no such function")


def generate(rng: random.Random) -> Question:
    """A random query, valid or broken, with SQLite's verdict on its text.

    A query SQLite rejects only for what the schema holds (a missing or ambiguous column) is drawn again: a
    validity question without a database is about the text.
    """
    while True:
        question = _draw(rng)
        error = _error(question.query)
        if error is None or not any(e in error for e in _SCHEMA_ERRORS):
            return question


def _draw(rng: random.Random) -> Question:
    parts, columns, portable = _valid(rng)
    if rng.random() < 0.5:
        valid = compiles(_join(parts))
        return Question(_join(parts), valid, portable and valid, "")
    query, universal = _break(parts, columns, rng)
    valid = compiles(query)
    return Question(query, valid, universal and not valid, "broken")


_SQLITE = ("is `{q}` valid SQLite", "is this valid sqlite: {q}", "in SQLite, is `{q}` valid",
           "is `{q}` a valid SQLite query", "would sqlite accept `{q}`", "is the SQLite query `{q}` valid",
           "check this sqlite query: `{q}` is it valid", "is this query valid in SQLite: `{q}`")
_ANY = ("is `{q}` valid SQL", "is this valid sql: {q}", "is `{q}` a valid SQL query", "is the query `{q}` valid SQL",
        "is this SQL valid: `{q}`", "valid sql? `{q}`")


def render(question: Question, rng: random.Random) -> str:
    """One random English phrasing of the question."""
    frames = _ANY if question.portable and rng.random() < 0.4 else _SQLITE
    query = question.query if rng.random() < 0.8 else question.query.lower()
    pick = rng.random()
    if pick < 0.15:  # written over lines, as pasted from an editor
        query = re.sub(r" (FROM|WHERE|GROUP BY|HAVING|ORDER BY|LIMIT|JOIN|from|where|group by|having|order by|limit|join)"
                       r"(?= |$)", r"\n\1", query)
    elif pick < 0.25:
        frame = rng.choice(("is this valid SQLite?\n```sql\n{q}\n```", "sqlite: is this query valid?\n```\n{q}\n```"))
        return dress(frame.format(q=query), rng, frames=("{}",), caps=False, question_mark=False, suffix=False)
    frame = rng.choice(frames)
    # A bare query at the end takes no "?" (a SQL parameter) and no "thanks" (an alias).
    bare = frame.endswith("{q}")
    return dress(frame.format(q=query), rng, frames=("{}",), caps=False, question_mark=not bare, suffix=not bare)


def formal(question: Question) -> str:
    """The canonical formal line, for reports."""
    return f"SQLite validity: {question.query}"
