"""The chat benchmark: graded by meaning (generous in format, never in value), counted per category."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from agentkit.bench import chat, chat_sql
from agentkit.bench.__main__ import main
from agentkit.bench.chat_grading import grade

# -- grading: the same value written differently is right ----------------------


@pytest.mark.parametrize(
    ("kind", "gold", "got", "places"),
    [
        ("number", "391", "391", None),
        ("number", "5125", "5,125", None),
        ("number", "7/3", "7/3", None),
        ("number", "62.5", "125/2", None),
        ("number", "5*sqrt(2)", "5*sqrt(2)", None),
        ("number", "3.14", "22/7", 2),
        ("number", "3.14", "3.142857", 2),
        ("number", "sqrt(5)", "2.2360680", None),
        ("number", "12", "$12.00", None),
        ("percent", "75%", "75%", None),
        ("percent", "-15%", "-15 percent", None),
        ("percent", "75%", "75", None),
        ("unit", "8.04672 km", "8.04672 kilometer", None),
        ("unit", "8.04672 km", "8046.72 m", None),
        ("unit", "14 degF", "14 degree Fahrenheit", None),
        ("unit", "25 delta_degC", "25 kelvin", None),
        ("unit", "2.589988110336 km^2", "2.589988110336 kilometer ** 2", None),
        ("expression", "x**2 + 2*x + 1", "(x + 1)**2", None),
        ("expression", "2*exp(2*x)", "2*exp(2x)", None),
        ("antiderivative", "x**2", "x**2 + 7", None),
        ("antiderivative", "sin(x)", "sin(x) + C", None),
        ("factored", "(x - 3)*(x + 3)", "(x + 3)*(x - 3)", None),
        ("set", "2, 3", "3, 2", None),
        ("set", "2, 3", "x = 2 or x = 3", None),
        ("list", "NASA, ESA, IBM", "NASA, ESA, IBM", None),
        ("tuple", "(2, -3)", "(2, -3)", None),
        ("assignment", "x = 6, y = 4", "y = 4, x = 6", None),
        ("bool", "True", "yes", None),
        ("bool", "False", "FALSE", None),
        ("clock", "01:20", "1:20 AM", None),
        ("clock", "13:15", "1:15 pm", None),
        ("clock", "22:00", "10:00", None),
        ("factorization", "2**3 * 3**2 * 5", "2^3 × 3^2 × 5", None),
        ("factorization", "7 * 11 * 13", "7, 11, 13", None),
        ("base", "ff", "0xFF", None),
        ("mixed", "2 3/4", "11/4", None),
        ("string", "a#b#c#", "'a#b#c#'", None),
    ],
)
def test_grade_accepts_the_same_value_in_another_format(kind: str, gold: str, got: str, places: int | None) -> None:
    assert grade(kind, gold, got, places=places)


@pytest.mark.parametrize(
    ("kind", "gold", "got", "places"),
    [
        ("number", "391", "390", None),
        ("number", "3.14", "3.1", 2),
        ("number", "pi", "355/113", None),  # close, but an exact fraction is not a decimal approximation
        ("number", "1000001", "1000000", None),
        ("number", "3", "log(e**3)", None),
        ("percent", "75%", "0.75", None),
        ("unit", "8.04672 km", "8.04672 mile", None),
        ("unit", "14 degF", "14 degree Celsius", None),
        ("unit", "18 delta_degF", "18 degree Fahrenheit", None),  # an absolute temperature is not a difference
        ("unit", "1 kg", "1 meter", None),
        ("expression", "x**2 + 2*x + 1", "x**2 + 2*x", None),
        ("antiderivative", "x**2", "2*x", None),
        ("factored", "(x - 3)*(x + 3)", "x**2 - 9", None),
        ("set", "2, 3", "2", None),
        ("set", "2, 3", "2, 3, 4", None),
        ("list", "1, 2, 3", "3, 2, 1", None),
        ("assignment", "x = 6, y = 4", "x = 4, y = 6", None),
        ("bool", "True", "False", None),
        ("bool", "True", "maybe", None),
        ("clock", "01:20", "1:20 PM", None),
        ("clock", "01:20", "01:21", None),
        ("factorization", "2**3 * 3**2 * 5", "360", None),
        ("factorization", "2**3 * 3**2 * 5", "2, 3, 5", None),
        ("base", "ff", "fe", None),
        ("string", "a#b#c#", "a#b#c", None),
        ("number", "391", "__import__('os')", None),
        ("nonsense-kind", "1", "1", None),
    ],
)
def test_grade_refuses_a_different_value(kind: str, gold: str, got: str, places: int | None) -> None:
    assert not grade(kind, gold, got, places=places)


# -- counting ---------------------------------------------------------------------


def _answer(text: str, route: str, verified: bool) -> SimpleNamespace:
    step = SimpleNamespace(interpretation="6 × 7" if route == "symbolic" else None)
    return SimpleNamespace(answer=text, route=route, verified=verified, steps=[step])


def test_a_verified_answer_that_differs_from_the_gold_is_wrong_verified() -> None:
    record = {"id": "t1", "category": "arithmetic", "question": "6 times 7", "answer": "43", "kind": "number"}
    outcome = chat.grade_answer(record, _answer("42", "symbolic", True))
    assert outcome.answered and not outcome.correct and outcome.wrong_verified
    assert outcome.interpretation == "6 × 7"


def test_a_decline_request_is_right_only_when_nothing_verified_answers_it() -> None:
    record = {"id": "t2", "category": "decline", "question": "flip a coin", "answer": None, "kind": "decline"}
    assert chat.grade_answer(record, _answer("no tool", "none", False)).correct
    answered = chat.grade_answer(record, _answer("heads", "symbolic", True))
    assert not answered.correct and answered.wrong_verified


_FIXTURE = [
    {"id": "f1", "category": "arithmetic", "question": "what is 6 * 7", "answer": "42", "kind": "number"},
    {"id": "f2", "category": "arithmetic", "question": "what is 6 * 7?", "answer": "43", "kind": "number"},
    {"id": "f3", "category": "decline", "question": "what is the capital of France", "answer": None,
     "kind": "decline"},
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "single.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _FIXTURE), encoding="utf-8")
    return path


def test_run_counts_per_category(data: Path) -> None:
    report = chat.run(data, model="none", progress=False)
    categories = report.categories()
    assert categories["arithmetic"] == {"total": 2, "answered": 2, "correct": 1, "wrong_verified": 1}
    assert categories["decline"] == {"total": 1, "answered": 0, "correct": 1, "wrong_verified": 0}
    assert [o.id for o in report.wrong()] == ["f2"]


def test_the_command_prints_the_table_the_wrong_answers_and_writes_json(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["chat", "--part", "single", "--data", str(data), "--model", "none", "--json", str(out), "--show-wrong",
               "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "summary: 2/3 answered, 2 correct, 1 wrong verified" in result.output
    assert "f2" in result.output and "'43'" in result.output
    assert json.loads(out.read_text())["totals"]["wrong_verified"] == 1


def test_a_bad_line_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["chat", "--part", "single", "--data", str(path), "--no-progress"])
    assert result.exit_code != 0 and "not a chat record" in result.output


# -- conversations: one thread each, every turn graded, counted per position ------------------------


def test_conversations_are_graded_per_turn_position(tmp_path: Path) -> None:
    path = tmp_path / "conversations.jsonl"
    turns = [{"question": "what is 6 times 7", "answer": "42", "kind": "number"},
             {"question": "what is 2 + 2", "answer": "5", "kind": "number"}]
    path.write_text(json.dumps({"id": "k1", "turns": turns}) + "\n", encoding="utf-8")
    report = chat.run_conversations(path, model="none", progress=False)
    assert [o.id for o in report.outcomes] == ["k1.1", "k1.2"]
    assert report.categories()["turn 1"] == {"total": 1, "answered": 1, "correct": 1, "wrong_verified": 0}
    assert report.categories()["turn 2"]["wrong_verified"] == 1


# -- SQL: graded by what each record expects, on fixture databases ---------------------------------


@pytest.fixture
def sql_data(tmp_path: Path) -> tuple[Path, Path]:
    import sqlite3

    dbs = tmp_path / "dbs"
    dbs.mkdir()
    for name in ("band", "pets_1", "concert_singer"):
        con = sqlite3.connect(dbs / f"{name}.sqlite")
        con.execute("CREATE TABLE player (id INTEGER PRIMARY KEY, name TEXT, age INT)")
        con.commit()
        con.close()
    records = [
        {"id": "r1", "category": "sql_rows", "db": "band", "question": "run on band: SELECT count(*) FROM player",
         "answer": "[[0]]", "expect": "rows", "sql": "SELECT count(*) FROM player"},
        {"id": "r2", "category": "sql_rows", "db": "band", "question": "run on band: SELECT 7 / 2",
         "answer": "[[4]]", "expect": "rows", "sql": "SELECT 7 / 2"},
        {"id": "r3", "category": "sql_readonly", "db": "band", "question": "run on band: DROP TABLE player",
         "answer": None, "expect": "refused", "sql": "DROP TABLE player"},
        {"id": "r4", "category": "sql_columns", "db": "band", "question": "what columns does player have in band",
         "answer": "id, name, age", "expect": "columns", "table": "player"},
    ]
    path = tmp_path / "sql.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, dbs


def test_sql_requests_are_graded_by_what_they_expect(sql_data: tuple[Path, Path]) -> None:
    path, dbs = sql_data
    report = chat_sql.run_sql(path, db_dir=dbs, progress=False)
    correct = {o.id: o.correct for o in report.outcomes}
    assert correct == {"r1": True, "r2": False, "r3": True, "r4": True}  # SQLite says 7 / 2 is 3, not 4
    assert report.categories()["sql_rows"]["wrong_verified"] == 1
    assert report.categories()["sql_readonly"] == {"total": 1, "answered": 0, "correct": 1, "wrong_verified": 0}


def test_the_sql_parts_print_their_tables(sql_data: tuple[Path, Path]) -> None:
    path, dbs = sql_data
    args = ["chat", "--part", "sql", "--part", "sql-several", "--sql", str(path), "--db-dir", str(dbs),
            "--no-progress"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "== sql-several ==" in result.output
    assert "sql_readonly: 0 of 1 answered (0 verified)" in result.output


@pytest.mark.parametrize(
    ("expect", "gold", "got", "right"),
    [
        ("rows", "[[0]]", "count(*)\n--------\n0\n(1 row)", True),
        ("rows", "[[0, null]]", "a | b\n--+--\n0 | NULL\n(1 row)", True),
        ("rows", "[[3.0]]", "round(2.5)\n----------\n3\n(1 row)", False),
        ("rows", "[]", "Name\n----\n(0 rows)", True),
        ("valid", "False", "not valid SQLite: line 1, column 19 near 'FROM'", True),
        ("valid", "True", "not valid SQLite: line 1", False),
        ("invalid_names:agee", None, "unknown column 'agee'; did you mean 'Age'?", True),
        ("tables", "b, a", "db has 2 tables: a (x, y); b (z)", True),
        ("columns", "x, y", "a: x, y", True),
        ("columns", "x, y", "a: x", False),
        ("transpile", "SELECT TOP 5 a FROM t", "SELECT TOP 5 a FROM t", True),
    ],
)
def test_grade_sql(expect: str, gold: str | None, got: str, right: bool) -> None:
    answer = SimpleNamespace(answer=got, route="symbolic", verified=True)
    record = {"expect": expect, "answer": gold, "sql": "", "write": "tsql"}
    assert chat_sql.grade_sql(record, answer) is right
