"""The SQL family: golden answers through the agent, read-only in depth, schema checks, limits and bad input."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from agentkit.tools.base import Claim, Context
from agentkit.tools.math import MathFamily
from agentkit.tools.sql import SqlFamily
from agentkit.tools.sql import _readonly as ro

from agentkit import Agent
from tests.helpers import assert_golden, load_golden
from tests.tools.contract import ToolFamilyContract

CASES = load_golden("sql")
SHOP = """
CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, email TEXT);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total REAL);
INSERT INTO customers VALUES (1, 'Ada', 'ada@example.org'), (2, 'Bob', 'bob@example.org'), (3, 'Cy', NULL);
INSERT INTO orders VALUES (1, 1, 9.5), (2, 1, 20), (3, 2, 7.25);
"""
WRITES = (
    "DROP TABLE customers",
    "DELETE FROM orders",
    "UPDATE customers SET name = 'x'",
    "INSERT INTO customers VALUES (9, 'Eve', NULL)",
    "ATTACH DATABASE 'other.db' AS other",
    "DETACH DATABASE main",
    "PRAGMA journal_mode = WAL",
    "PRAGMA user_version = 7",
    "CREATE TABLE t(x)",
    "WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone",
    "SELECT 1; DROP TABLE customers",
    "SELECT 1;DELETE FROM orders",
    "VACUUM",
    "REPLACE INTO customers VALUES (1, 'Z', NULL)",
)


def make_shop(directory: Path) -> Path:
    path = directory / "shop.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(SHOP)
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_shop(tmp_path_factory.mktemp("sql"))


@pytest.fixture(scope="module")
def agent(shop: Path) -> Agent:
    return Agent(model="none", tools=[MathFamily(), SqlFamily({"shop": shop})])


@pytest.fixture
def family(shop: Path) -> SqlFamily:
    return SqlFamily({"shop": shop})


def ask(family: SqlFamily, text: str):
    candidate = family.recognize(text, Context())
    assert candidate is not None and candidate.complete, text
    result = family.execute(candidate)
    return result, family.verify(result)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden(agent: Agent, text: str, expected: str) -> None:
    assert_golden(agent, text, expected)


# -- read-only, in depth --------------------------------------------------------------------------


@pytest.mark.parametrize("statement", WRITES)
def test_sql_refuses_every_write_and_leaves_the_file_unchanged(agent: Agent, shop: Path, statement: str) -> None:
    before = digest(shop)
    answer = agent.invoke(f"run on shop: {statement}")
    assert not answer.verified
    # the planner splits "...; DROP ..." into two steps: then the second step's reason says why it was not run
    assert "refused" in answer.answer or any("only reads" in step.reason for step in answer.steps), answer
    assert digest(shop) == before
    assert not Path(str(shop) + "-journal").exists() and not Path(str(shop) + "-wal").exists()


def test_sql_refuses_a_write_after_a_semicolon_in_a_code_block(agent: Agent, shop: Path) -> None:
    before = digest(shop)
    answer = agent.invoke("run this on shop:\n```sql\nSELECT name FROM customers;\nDROP TABLE customers;\n```")
    assert not answer.verified
    assert answer.answer.startswith("refused: DROP TABLE (statement 2 of 2) is not a read"), answer.answer
    assert digest(shop) == before


def test_sql_reads_a_code_block_without_a_language_tag(family: SqlFamily) -> None:
    result, verdict = ask(family, "format:\n```\nselect name\nfrom customers\n```")
    assert verdict.ok and result.text == "SELECT\n  name\nFROM customers"


def test_sql_refusal_names_the_write_hidden_in_a_cte(family: SqlFamily) -> None:
    result, verdict = ask(family, "run `WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone` on shop")
    assert result.error and not verdict.ok
    assert result.text == "refused: DELETE inside a WITH clause is not a read; this tool only reads"


def test_sql_refusal_names_the_write_after_a_semicolon(family: SqlFamily) -> None:
    result, _ = ask(family, "run on shop: SELECT 1;DROP TABLE customers")
    assert result.text == "refused: DROP TABLE (statement 2 of 2) is not a read; this tool only reads"


@pytest.mark.parametrize("statement", [w for w in WRITES if ";" not in w])
def test_sql_connection_denies_writes_even_when_the_classifier_is_bypassed(shop: Path, statement: str) -> None:
    before = digest(shop)
    with pytest.raises((ro.ReadOnlyRefused, ro.SqlRefusal)):
        ro.run_query(shop, statement, limit=5, seconds=2)
    assert digest(shop) == before


def test_sql_stops_a_query_past_its_time_limit(shop: Path) -> None:
    family = SqlFamily({"shop": shop}, time_limit=0.3)
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    result, verdict = ask(family, f"run on shop: {endless}")
    assert not verdict.ok
    assert result.text == "the query ran past its time limit of 0.3 s and was stopped"


def test_sql_shows_at_most_the_row_limit(shop: Path) -> None:
    family = SqlFamily({"shop": shop}, row_limit=2)
    result, verdict = ask(family, "run on shop: SELECT id FROM orders ORDER BY id")
    assert verdict.ok, verdict.detail
    assert result.text == "id\n--\n1\n2\n(2 rows shown; more rows exist beyond the limit of 2)"


def test_sql_refuses_a_huge_value(family: SqlFamily) -> None:
    result, verdict = ask(family, "run on shop: SELECT length(zeroblob(50000000))")
    assert not verdict.ok and "larger than" in result.text


# -- schema checks --------------------------------------------------------------------------------


def test_sql_schema_check_reads_double_quoted_strings_as_sqlite_does(family: SqlFamily) -> None:
    result, verdict = ask(family, 'check this query against shop: SELECT id FROM customers WHERE name = "Ada"')
    assert verdict.ok and result.text.startswith("OK:")


def test_sql_schema_check_accepts_select_aliases_and_correlated_subqueries(family: SqlFamily) -> None:
    sql = ("SELECT c.name AS who, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n "
           "FROM customers c ORDER BY n DESC")
    result, verdict = ask(family, f"check this query against shop: {sql}")
    assert verdict.ok and result.text.startswith("OK:"), result.text


def test_sql_schema_check_rejects_a_union_branch_borrowing_its_own_misspelling(family: SqlFamily) -> None:
    result, verdict = ask(family, "check this query against shop: SELECT nam FROM customers UNION SELECT name "
                                  "FROM customers")
    assert verdict.ok and result.text == "unknown column 'nam'; did you mean 'name'?"


def test_sql_schema_follows_changes_to_the_file(tmp_path: Path) -> None:
    path = make_shop(tmp_path)
    family = SqlFamily({"shop": path})
    assert family.schema("shop").table("items") is None
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE items(id INTEGER, label TEXT, price REAL, note TEXT)")
    conn.close()
    assert family.schema("shop").columns("items") == ("id", "label", "price", "note")


# -- bad input ------------------------------------------------------------------------------------


def test_sql_says_where_unparsable_sql_breaks(family: SqlFamily) -> None:
    result, verdict = ask(family, "run on shop: SELECT name FROM customers WHERE")
    assert not verdict.ok
    assert result.text.startswith("the SQL does not parse: line 1, column 32 near 'WHERE'")


def test_sql_refuses_a_huge_query_with_a_message(family: SqlFamily) -> None:
    sql = "SELECT " + ", ".join(["1"] * 8000)
    result, verdict = ask(family, f"format: {sql}")
    assert not verdict.ok and "limit" in result.text and "Traceback" not in result.text


def test_sql_names_a_missing_database_file(tmp_path: Path) -> None:
    family = SqlFamily({"gone": tmp_path / "missing.sqlite"})
    result, verdict = ask(family, "what tables are in gone?")
    assert not verdict.ok and result.text.startswith("database file not found")
    assert not (tmp_path / "missing.sqlite").exists()


def test_sql_needs_a_database_name_when_several_are_attached(shop: Path) -> None:
    family = SqlFamily({"shop": shop, "copy": shop})
    for text in ("run: SELECT count(*) FROM orders", "SELECT name FROM customers", "SELECT count(*) FROM orders;",
                 "SELECT * FROM invoices", "how many rows are in orders?", "what tables are there"):
        candidate = family.recognize(text, Context())
        assert candidate is not None and not candidate.complete  # the step declines, and asks which
        assert "copy or shop" in candidate.reason
    assert family.recognize("run on copy: SELECT count(*) FROM orders", Context()).complete


def test_sql_runs_a_statement_that_reads_no_table_on_any_of_several(shop: Path) -> None:
    family = SqlFamily({"shop": shop, "copy": shop})
    candidate = family.recognize("SELECT 7 / 2", Context())
    assert candidate.complete and candidate.spec["database"] == "copy"
    assert candidate.interpretation == "run on copy (read-only; reads no table: the same on every attached " \
                                       "database): SELECT 7 / 2"
    # a table function or a schema-qualified name may read the database: not "no table"
    for text in ("SELECT * FROM pragma_table_info('orders')", "SELECT count(*) FROM main.orders"):
        assert not family.recognize(text, Context()).complete, text


def test_sql_without_databases_declines_database_questions() -> None:
    family = SqlFamily()
    assert family.recognize("run: SELECT 1", Context()) is None
    assert family.recognize("what tables are in shop?", Context()) is None


def test_sql_spec_is_json_serializable(family: SqlFamily) -> None:
    specs = [c.spec for _, text, _ in CASES if (c := family.recognize(text, Context())) is not None]
    assert specs, "no golden line was recognized"
    for spec in specs:
        assert json.loads(json.dumps(spec)) == spec


def test_sql_after_a_question_mark_stays_one_step(agent: Agent) -> None:
    answer = agent.invoke("is this valid Postgres? SELECT 1")
    assert answer.verified and answer.answer.startswith("valid PostgreSQL as far as sqlglot's")


# -- the shared contract --------------------------------------------------------------------------


def sql_claim(sql: str, stated: str = "") -> Claim:
    return Claim(kind="sql", text=sql, span=(0, len(sql)), stated=stated, expression=sql)


class TestSqlFamily(ToolFamilyContract):
    family = SqlFamily()
    examples = (
        "is this valid Postgres: SELECT 1",
        "format: select a from t",
        "convert this MySQL query to DuckDB: SELECT `a` FROM t",
        "which tables does this query use: SELECT a FROM t",
        "is `SELECT FROM WHERE` valid SQLite?",
    )
    non_examples = (
        "What is 2+2?",
        "Select the cheapest order.",
        "SELECT * FROM customers and email me the list",  # a bare SELECT runs; words it cannot place decline
        "DROP TABLE users",
        "what tables are in the kitchen?",
        "convert 5 miles to km",
        "format my hard drive: SELECT 1",
        "```python\nimport os\n```",
    )
    true_claims = (sql_claim("SELECT a FROM t"), sql_claim("SELECT count(*) FROM t GROUP BY b"))
    false_claims = (sql_claim("SELECT a FROM t WHERE"), sql_claim("SELECT * FORM t"))


class TestSqlFamilyWithADatabase(TestSqlFamily):
    family = SqlFamily({"shop": make_shop(Path(__import__("tempfile").mkdtemp()))})
    examples = (
        "what tables are in shop?",
        "run on shop: SELECT name FROM customers ORDER BY id",
        "check `SELECT nme FROM customers` against shop",
    )
    true_claims = (sql_claim("SELECT name FROM customers", "shop"),)
    false_claims = (sql_claim("SELECT nme FROM customers", "shop"), sql_claim("SELECT name FROM clients"))


# -- properties: statements with a known validity, SQLite's own compiler as the oracle -------------------------

_COLUMNS = st.sampled_from(("a", "b", "t.a", "count(*)", "a + 1", "upper(b)"))
_BREAKS = (  # a deliberate breakage: (where, what): each makes the statement invalid in SQLite
    ("end", " GROUP BY"), ("end", " ORDER BY"), ("end", " WHERE"), ("end", " LIMIT"), ("end", " AND"),
    ("select", ","), ("from", " FORM"), ("where", " > > 1"), ("end", " ("),
)


def _sqlite_accepts(sql: str) -> bool:
    """SQLite's compiler on an in-memory database, written here apart from the family: a syntax error or not."""
    connection = sqlite3.connect(":memory:")
    connection.set_authorizer(lambda *args: sqlite3.SQLITE_DENY)  # compile only: nothing runs
    try:
        connection.execute(sql)
    except sqlite3.Error as exc:
        return any(s in str(exc) for s in ("not authorized", "no such"))
    finally:
        connection.close()
    return True


@st.composite
def _statement(draw: st.DrawFn) -> tuple[str, bool]:
    """A SELECT from a small grammar, and whether a breakage was made (the statement's validity as built)."""
    columns = ", ".join(draw(st.lists(_COLUMNS, min_size=1, max_size=3)))
    join = draw(st.sampled_from(("", " JOIN u ON u.a = t.a", " LEFT JOIN u USING (a)", " JOIN u", " CROSS JOIN u")))
    where = draw(st.sampled_from(("", " WHERE a > 1", " WHERE b IS NULL AND a IN (1, 2)")))
    tail = draw(st.sampled_from(("", " GROUP BY a", " ORDER BY a DESC", " GROUP BY a HAVING count(*) > 1 LIMIT 3")))
    broken = draw(st.sampled_from((None, *_BREAKS)))
    select, rest = f"SELECT {columns}", f" FROM t{join}{where}{tail}"
    if broken is None:
        return select + rest, True
    spot, text = broken
    if spot == "select":
        return select + text + rest, False
    if spot == "from":
        return select + rest.replace(" FROM", text, 1), False
    if spot == "where":
        return select + f" FROM t{join} WHERE a" + text + tail, False
    return select + rest + text, False


@settings(max_examples=200, deadline=None)
@given(case=_statement(), frame=st.sampled_from(("is this valid SQL: {q}", "is `{q}` valid SQLite?",
                                                 "check the syntax of `{q}`")))
def test_sqlite_validity_agrees_with_sqlites_compiler(case: tuple[str, bool], frame: str) -> None:
    sql, built_valid = case
    assert _sqlite_accepts(sql) == built_valid, sql  # the grammar above says what it means to
    family = SqlFamily()
    candidate = family.recognize(frame.format(q=sql), Context())
    assert candidate is not None and candidate.complete
    assert candidate.interpretation.startswith("SQL validity (sqlite")
    result = family.execute(candidate)
    assert family.verify(result).ok, result.text
    assert result.text.startswith("valid SQLite") == built_valid, (sql, result.text)


@settings(max_examples=120, deadline=None)
@given(case=_statement(), dialect=st.sampled_from(("Postgres", "MySQL", "T-SQL", "BigQuery", "DuckDB", "Snowflake")))
def test_other_dialects_never_call_a_broken_statement_valid(case: tuple[str, bool], dialect: str) -> None:
    sql, built_valid = case
    family = SqlFamily()
    result = family.execute(family.recognize(f"is `{sql}` valid {dialect}?", Context()))
    if not built_valid and family.verify(result).ok:
        assert result.text.startswith("not valid"), (sql, result.text)
    if built_valid and result.text.startswith("valid"):
        assert "as far as sqlglot's" in result.text  # no dialect's own compiler checked it: the answer says so
