"""SQL without ceremony: bare and framed statements, read by grammar and frame; the oracle is SQLite itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from agentkit.tools.base import Context
from agentkit.tools.sql import SqlFamily

from agentkit import Agent
from tests.tools.test_sql import WRITES, digest, make_shop

COLUMNS = {"customers": ("id", "name", "email"), "orders": ("id", "customer_id", "total")}
# ways people hand over a statement to run on the one database attached
RUN_FRAMES = ("{}", "{};", "`{}`", "```\n{}\n```", "```sql\n{}\n```", "run {}", "please run {}", "execute {}",
              "run this: {}", "on shop, {}", "shop: {}", "in the shop db, run {}", "what does {} return",
              "{} -- what comes back?")
# words no frame explains: the step must decline
JUNK = ("and email it to me", "then delete the rest", "for my boss", "lol", "but only the big ones")


@st.composite
def selects(draw: st.DrawFn) -> str:
    table = draw(st.sampled_from(sorted(COLUMNS)))
    columns = draw(st.lists(st.sampled_from(COLUMNS[table]), min_size=1, max_size=3, unique=True))
    what = draw(st.sampled_from([", ".join(columns), "count(*)", f"max({columns[0]})"]))
    sql = f"SELECT {what} FROM {table}"
    if draw(st.booleans()):
        sql += f" WHERE id > {draw(st.integers(0, 3))}"
    if what == ", ".join(columns):
        sql += f" ORDER BY {columns[0]}, id"
    return sql


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_shop(tmp_path_factory.mktemp("frames"))


@pytest.fixture(scope="module")
def one(shop: Path) -> Agent:
    return Agent(model="none", databases={"shop": shop})


@pytest.fixture(scope="module")
def two(shop: Path) -> Agent:
    return Agent(model="none", databases={"shop": shop, "copy": shop})


def _rows(shop: Path, sql: str) -> list[list[str]]:
    with sqlite3.connect(f"file:{shop}?mode=ro", uri=True) as conn:
        rows = conn.execute(sql).fetchall()
    return [["NULL" if v is None else str(v) for v in row] for row in rows]


def _table(text: str) -> list[list[str]]:
    lines = text.splitlines()
    return [[cell.strip() for cell in line.split(" | ")] for line in lines[2:-1]]


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(sql=selects(), frame=st.sampled_from(RUN_FRAMES))
def test_a_framed_select_runs_on_the_one_database_and_agrees_with_sqlite(one: Agent, shop: Path, sql: str,
                                                                          frame: str) -> None:
    answer = one.invoke(frame.format(sql))
    assert (answer.route, answer.verified) == ("symbolic", True), (frame, sql, answer.answer)
    assert _table(answer.answer) == _rows(shop, sql)
    assert answer.steps[0].interpretation.startswith("run on shop (read-only): SELECT")


@_SETTINGS
@given(sql=selects(), frame=st.sampled_from(RUN_FRAMES[:5]))
def test_with_two_databases_a_bare_select_asks_which(two: Agent, sql: str, frame: str) -> None:
    answer = two.invoke(frame.format(sql))
    assert not answer.verified
    assert "copy or shop" in answer.answer


@_SETTINGS
@given(sql=selects(), junk=st.sampled_from(JUNK))
def test_words_no_frame_explains_decline(one: Agent, sql: str, junk: str) -> None:
    assert not one.invoke(f"{sql} {junk}").verified


@_SETTINGS
@given(write=st.sampled_from(WRITES), frame=st.sampled_from(RUN_FRAMES))
def test_a_write_in_any_frame_is_never_run(one: Agent, shop: Path, write: str, frame: str) -> None:
    before = digest(shop)
    assert not one.invoke(frame.format(write)).verified
    assert digest(shop) == before


@pytest.mark.parametrize("frame", ["is {} valid?", "is {} valid SQL", "validate {}", "check this SQL: {}",
                                   "{} -- is that valid?", "is `{}` valid?"])
@pytest.mark.parametrize(("sql", "valid"), [("SELECT name FROM customers", True),
                                            ("SELECT max(total FROM orders", False),
                                            ("SELECT * FORM orders", False)])
def test_validity_frames_with_or_without_quotes(frame: str, sql: str, valid: bool) -> None:
    candidate = SqlFamily().recognize(frame.format(sql), Context())
    assert candidate is not None and candidate.complete and candidate.spec["sql"].strip() == sql
    result = SqlFamily().execute(candidate)
    assert result.text.startswith("valid") is valid, result.text


@pytest.mark.parametrize("frame", ["translate {} from tsql to postgres", "tsql to postgres: {}",
                                   "convert this T-SQL query to postgres: {}", "what is {} in postgres (from tsql)",
                                   "tsql -> postgres please: {}"])
def test_transpile_frames(frame: str) -> None:
    family = SqlFamily()
    candidate = family.recognize(frame.format("SELECT TOP 5 a FROM t"), Context())
    assert candidate is not None and candidate.complete, frame
    assert family.execute(candidate).text == "SELECT a FROM t LIMIT 5"


def test_a_row_count_needs_a_table_the_schema_has(shop: Path) -> None:
    family = SqlFamily({"shop": shop})
    result = family.execute(family.recognize("how many rows are in custmers?", Context()))
    assert result.error and "did you mean 'customers'" in result.text
    candidate = family.recognize("how many rows does the orders table have", Context())
    assert candidate.interpretation == "run on shop (read-only): SELECT count(*) FROM orders"
