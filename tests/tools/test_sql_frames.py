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


# -- several databases: a statement runs on the one whose schema has its tables ----------------------------------

ZOO = """
CREATE TABLE animals(id INTEGER PRIMARY KEY, name TEXT, species TEXT, weight REAL, born INTEGER);
CREATE TABLE keepers(id INTEGER PRIMARY KEY, name TEXT, animal_id INTEGER REFERENCES animals(id));
INSERT INTO animals VALUES (1, 'Rex', 'dog', 30.5, 2019), (2, 'Tom', 'cat', 4.25, 2020), (3, 'Bo', 'dog', 12, 2021);
INSERT INTO keepers VALUES (1, 'Ann', 1), (2, 'Raj', 3);
"""


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("zoo") / "zoo.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(ZOO)
    conn.close()
    return path


@pytest.fixture(scope="module")
def shop_and_zoo(shop: Path, zoo: Path) -> Agent:
    return Agent(model="none", databases={"shop": shop, "zoo": zoo})


@_SETTINGS
@given(sql=selects(), frame=st.sampled_from(RUN_FRAMES[:5] + ("run this: {}", "what does {} return")))
def test_with_two_databases_a_select_runs_on_the_one_holding_its_tables(shop_and_zoo: Agent, shop: Path, sql: str,
                                                                        frame: str) -> None:
    answer = shop_and_zoo.invoke(frame.format(sql))
    assert (answer.route, answer.verified) == ("symbolic", True), (frame, sql, answer.answer)
    assert _table(answer.answer) == _rows(shop, sql)
    assert answer.steps[0].interpretation.startswith("run on shop (read-only; the only attached database with table ")


@pytest.mark.parametrize(("text", "database", "rows"), [
    ("SELECT name FROM animals WHERE species = 'dog' ORDER BY name", "zoo", [["Bo"], ["Rex"]]),
    ("select count(*) from keepers k join animals a on a.id = k.animal_id", "zoo", [["2"]]),
    ("how many rows are in keepers?", "zoo", [["2"]]),
    ("SELECT count(*) FROM orders", "shop", [["3"]]),
    ("WITH big AS (SELECT * FROM orders WHERE total > 8) SELECT count(*) FROM big", "shop", [["2"]]),
])
def test_with_two_databases_the_tables_name_the_database(shop_and_zoo: Agent, text: str, database: str,
                                                         rows: list[list[str]]) -> None:
    answer = shop_and_zoo.invoke(text)
    assert answer.verified and _table(answer.answer) == rows, answer.answer
    assert answer.steps[0].interpretation.startswith(f"run on {database} (read-only; the only attached database")


def test_with_two_databases_the_columns_of_a_table_one_holds(shop_and_zoo: Agent) -> None:
    answer = shop_and_zoo.invoke("what columns does animals have")
    assert answer.verified and answer.answer == "animals: id, name, species, weight, born"
    assert answer.steps[0].interpretation == \
        "columns of table animals in zoo (the only attached database with table animals)"


@pytest.mark.parametrize("text", [
    "SELECT * FROM animal",  # no database has it
    "SELECT name FROM customers JOIN animals ON animals.id = customers.id",  # one table in each
    "SELECT 1 FROM orders, keepers",
    "what columns does invoices have",
    "what tables are there",
])
def test_with_two_databases_a_request_no_one_database_fits_asks_which(shop_and_zoo: Agent, text: str) -> None:
    answer = shop_and_zoo.invoke(text)
    assert not answer.verified
    assert "shop or zoo" in answer.answer


def test_with_two_databases_would_it_run_is_checked_where_its_tables_are(shop_and_zoo: Agent) -> None:
    answer = shop_and_zoo.invoke("would this run: SELECT nam FROM animals")
    assert answer.verified and answer.answer == "not valid on zoo: unknown column 'nam'; did you mean 'name'?"


# -- a question before the statement: every word must describe what the statement computes ----------------------

# (words for an aggregate, the function they name, the words for the opposite)
AGGREGATES = (
    (("largest", "biggest", "highest", "maximum", "heaviest", "greatest"), "max", "min"),
    (("smallest", "lowest", "minimum", "lightest", "least"), "min", "max"),
    (("average", "mean", "avg"), "avg", "max"),
    (("total", "sum of the", "combined"), "sum", "avg"),
)
OPENERS = ("what's the", "whats the", "what is the", "tell me the", "show me the", "the", "")


@st.composite
def described(draw: st.DrawFn) -> tuple[str, str, str]:
    """(question before the statement, the statement, a statement the question contradicts)."""
    words, function, opposite = draw(st.sampled_from(AGGREGATES))
    column = draw(st.sampled_from(["weight", "born"]))
    noun = draw(st.sampled_from(["animal", "animals", "of the animals", "of all animals"]))
    opener = draw(st.sampled_from(OPENERS))
    word = draw(st.sampled_from(words))
    order = f"{noun} {column}" if not noun.startswith("of") else f"{column} {noun}"
    lead = " ".join(f"{opener} {word} {order}".split()) + draw(st.sampled_from(["?", ":", " ?", "\n"]))
    if draw(st.booleans()):
        lead = lead[0].upper() + lead[1:]
    return lead, f"SELECT {function}({column}) FROM animals", f"SELECT {opposite}({column}) FROM animals"


@_SETTINGS
@given(case=described())
def test_a_question_before_the_statement_runs_it_when_its_words_describe_it(shop_and_zoo: Agent, zoo: Path,
                                                                           case: tuple[str, str, str]) -> None:
    lead, sql, contradicted = case
    answer = shop_and_zoo.invoke(f"{lead} {sql}")
    assert (answer.route, answer.verified) == ("symbolic", True), (lead, sql, answer.answer)
    assert _table(answer.answer) == _rows(zoo, sql)
    assert answer.steps[0].interpretation.endswith(f"): {sql}")
    assert not shop_and_zoo.invoke(f"{lead} {contradicted}").verified, (lead, contradicted)


@pytest.mark.parametrize("extra", ["from france", "and their names", "per species", "without the cats",
                                   "born after 2020", "then delete them", "in kilograms"])
def test_a_question_that_asks_more_than_the_statement_declines(shop_and_zoo: Agent, extra: str) -> None:
    answer = shop_and_zoo.invoke(f"what's the heaviest animal weight {extra}? SELECT max(weight) FROM animals")
    assert not answer.verified, answer.answer
    assert shop_and_zoo.invoke("what's the heaviest animal weight? SELECT max(weight) FROM animals").verified


@pytest.mark.parametrize(("lead", "sql", "runs"), [
    ("the oldest animal:", "SELECT name FROM animals ORDER BY born LIMIT 1", True),  # a year: oldest is smallest
    ("the oldest animal:", "SELECT name FROM animals ORDER BY born DESC LIMIT 1", False),
    ("the youngest animal?", "SELECT max(born) FROM animals", True),
    ("the youngest animal?", "SELECT min(born) FROM animals", False),
    ("who is the oldest keeper?", "SELECT name FROM keepers ORDER BY id LIMIT 1", False),  # an id says no age
])
def test_oldest_and_youngest_need_the_end_the_column_means(shop_and_zoo: Agent, lead: str, sql: str,
                                                           runs: bool) -> None:
    assert shop_and_zoo.invoke(f"{lead} {sql}").verified is runs


# questions and the statements they describe: each statement runs after its own question, and after no other one
PAIRS = (
    ("how many keepers are there?", "SELECT count(*) FROM keepers"),
    ("what's the heaviest animal's weight?", "SELECT max(weight) FROM animals"),
    ("average weight of the dogs:", "SELECT avg(weight) FROM animals WHERE species = 'dog'"),
    ("list keeper names:", "SELECT name FROM keepers"),
    ("which animal was born first?", "SELECT name FROM animals ORDER BY born LIMIT 1"),
    ("how many different species?", "SELECT count(DISTINCT species) FROM animals"),
    ("how many animals weigh over 10?", "SELECT count(*) FROM animals WHERE weight > 10"),
    ("total weight of all animals:", "SELECT sum(weight) FROM animals"),
    ("the lightest animal by weight:", "SELECT name FROM animals ORDER BY weight LIMIT 1"),
)


@pytest.mark.parametrize("lead", [lead for lead, _ in PAIRS])
@pytest.mark.parametrize("sql", [sql for _, sql in PAIRS])
def test_a_question_describes_its_own_statement_only(lead: str, sql: str) -> None:
    from agentkit.tools.sql._leadin import described as describes

    assert describes(lead, sql) is ((lead, sql) in PAIRS)


@pytest.mark.parametrize(("lead", "sql", "expected"), [
    ("how many games were lost by right-handers?", "SELECT count(*) FROM games WHERE loser_hand = 'R'", True),
    ("how many games were lost by left-handers?", "SELECT count(*) FROM games WHERE loser_hand = 'R'", False),
    ("how many games were won by left-handers?", "SELECT count(*) FROM games WHERE loser_hand = 'L'", False),
    ("how old is the oldest keeper?", "SELECT max(age) FROM keepers", True),
    ("how old is the youngest keeper?", "SELECT max(age) FROM keepers", False),
    ("who got the best score:", "SELECT name FROM results ORDER BY score DESC LIMIT 1", True),
    ("who got the worst score:", "SELECT name FROM results ORDER BY score DESC LIMIT 1", False),
    ("how many animals a keeper has:", "SELECT count(*) FROM animals a WHERE a.id = 1", False),  # no keeper
    ("how many angry animals:", "SELECT count(*) FROM animals a WHERE a.mood = 'A'", True),  # 'A' for angry
    ("how many calm animals:", "SELECT count(*) FROM animals a WHERE a.mood = 'A'", False),  # an alias is no code
    ("the total number of keepers:", "SELECT count(*) FROM keepers", True),
    ("what kind is it:", "SELECT count(*) FROM animals WHERE kind = 'dog'", False),  # asks for no count
    ("are there any keepers over 30?", "SELECT count(*) FROM keepers WHERE age > 30", True),
    ("how many keepers are there?", "SELECT count(DISTINCT city) FROM keepers", False),  # counts cities
    ("how many cities do keepers live in?", "SELECT count(DISTINCT city) FROM keepers", False),  # "live"
    ("how many different cities:", "SELECT count(DISTINCT city) FROM keepers", True),
    ("which keepers are in Leeds?", "SELECT name FROM keepers WHERE city = 'Leeds' ORDER BY age LIMIT 2", False),
    ("the 2 youngest keepers in Leeds:", "SELECT name FROM keepers WHERE city = 'Leeds' ORDER BY age LIMIT 2",
     True),
    ("list all animals:", "SELECT 'a' || 'b'", False),  # a one-letter string is a code only beside a column
    ("the lightest animal:", "SELECT name FROM animals ORDER BY weight LIMIT 1", True),
    ("the lightest animal:", "SELECT name FROM animals ORDER BY born LIMIT 1", False),  # lightest: of weight
    ("the smallest animal:", "SELECT name FROM animals ORDER BY weight LIMIT 1", False),  # smallest of what?
    ("which species has the most animals?",
     "SELECT species FROM animals GROUP BY species ORDER BY count(*) DESC LIMIT 1", True),
    ("the most recently born animal:", "SELECT name FROM animals ORDER BY born DESC LIMIT 1", True),
    ("how many animals are there?", "SELECT species, count(*) FROM animals GROUP BY species", False),  # per species
    ("how many animals per species?", "SELECT species, count(*) FROM animals GROUP BY species", True),
    ("the average animal weight:", "SELECT species, avg(weight) FROM animals GROUP BY species", False),
    ("T-SQL to SQLite:", "SELECT t.name FROM animals AS t", False),  # a conversion, not a description
    ("in postgres, what's the count?", "SELECT count(*) FROM animals", False),
    ("the total age of keepers:", "SELECT count(age) FROM keepers", False),
])
def test_which_words_describe_a_statement(lead: str, sql: str, expected: bool) -> None:
    from agentkit.tools.sql._leadin import described as describes

    assert describes(lead, sql) is expected
