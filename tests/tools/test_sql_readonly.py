"""The SQLite connection's read-only defences, one at a time: each of mode=ro, query_only and the authorizer refuses
every write by itself, so the depth is real (removing any one layer from `_connect` fails its test here).

The oracle is a separate plain ``sqlite3`` connection and the file's bytes: a refused write leaves both unchanged.
A control shows that each probe does write when no layer is on, so a refusal is the layer's doing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from agentkit.tools.sql._readonly import LAYERS, ReadOnlyRefused, _connect, run_query

WRITES = (
    "INSERT INTO items VALUES (99, 'forged')",
    "UPDATE items SET name = 'forged'",
    "DELETE FROM items",
    "CREATE TABLE forged (a)",
    "DROP TABLE items",
    "CREATE INDEX forged ON items (name)",
)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
        connection.executemany("INSERT INTO items VALUES (?, ?)", [(1, "pen"), (2, "ink")])
    return path


def _state(path: Path) -> tuple[str, list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The file's digest, its tables and their rows, read by a plain connection apart from the code under test."""
    with closing(sqlite3.connect(path)) as connection:
        tables = connection.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()
        rows = connection.execute("SELECT * FROM items ORDER BY id").fetchall() if ("table", "items") in tables else []
    return hashlib.sha256(path.read_bytes()).hexdigest(), tables, rows


@pytest.mark.parametrize("sql", WRITES)
def test_with_no_layer_each_probe_really_writes(shop: Path, sql: str) -> None:
    before = _state(shop)
    with closing(_connect(shop, 2.0, layers=frozenset())) as connection:
        connection.execute(sql)
    assert _state(shop)[1:] != before[1:]


@pytest.mark.parametrize("layer", sorted(LAYERS))
@pytest.mark.parametrize("sql", WRITES)
def test_each_layer_alone_refuses_every_write(shop: Path, layer: str, sql: str) -> None:
    before = _state(shop)
    with closing(_connect(shop, 2.0, layers=frozenset({layer}))) as connection, \
            pytest.raises(sqlite3.DatabaseError) as refused:
        connection.execute(sql)
    expected = "not authorized" if layer == "authorizer" else "readonly database"
    assert expected in str(refused.value)
    assert _state(shop) == before


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_alone_still_reads(shop: Path, layer: str) -> None:
    with closing(_connect(shop, 2.0, layers=frozenset({layer}))) as connection:
        assert connection.execute("SELECT name FROM items ORDER BY id").fetchall() == [("pen",), ("ink",)]


def test_query_only_alone_can_be_switched_off_by_the_sql_it_guards(shop: Path) -> None:
    # why it is not alone: the authorizer denies every PRAGMA that does not only read the schema
    with closing(_connect(shop, 2.0, layers=frozenset({"query_only"}))) as connection:
        connection.execute("PRAGMA query_only = OFF")
        connection.execute("DELETE FROM items")
    assert _state(shop)[2] == []


def test_the_authorizer_refuses_switching_query_only_off(shop: Path) -> None:
    before = _state(shop)
    with closing(_connect(shop, 2.0, layers=frozenset({"query_only", "authorizer"}))) as connection:
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            connection.execute("PRAGMA query_only = OFF")
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("DELETE FROM items")
    assert _state(shop) == before


@pytest.mark.parametrize("sql", WRITES)
def test_the_tool_refuses_a_write_with_every_layer_on(shop: Path, sql: str) -> None:
    before = _state(shop)
    with pytest.raises(ReadOnlyRefused):
        run_query(shop, sql, limit=10, seconds=2.0)
    assert _state(shop) == before
