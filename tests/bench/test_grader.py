"""The one grader: each kind accepts an answer that means the gold and refuses one that does not.

Every expected value is worked out by hand (written next to the case) rather than computed by the code under
test; SQL cases run on a real SQLite file built here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from agentkit.bench.grader import final_answer, grade, rows_of_sql, sole_number


@pytest.mark.parametrize(
    ("gold", "got", "kind"),
    [
        ("1/2", "0.5", "auto"),  # 0.5 is exactly 1/2
        ("2*x + 2", "2*(x + 1)", "mathematics"),  # 2(x+1) = 2x + 2
        # 3/2 (c² + 984454c + 492227²): 3/2 * 984454 = 1476681; 492227² = 242287419529 (492227 * 492000
        # = 242175684000, plus 492227 * 227 = 111735529), times 3/2 = 363431129293.5
        ("3*(c + 492227)**2/2", "3*c**2/2 + 1476681*c + 363431129293.5", "mathematics"),
        ("18", "$18.00", "amount"),
        ("145", "145.0", "amount"),
        ("\\frac{14}{3}", "14/3", "latex"),
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, pi/2)", "latex"),
        ("2\\sqrt{3}", "sqrt(12)", "latex"),  # sqrt 12 = sqrt(4*3) = 2 sqrt 3
        ("10\\%", "10", "latex"),
        ("True", "yes", "auto"),
        ("False", "no, it is not", "bool"),
        ("8.04672 km", "5.0 mi", "unit"),  # 5 mi = 5 * 1.609344 km = 8.04672 km
        ("14 degF", "-10 degC", "unit"),  # -10 * 9/5 + 32 = 14
        ("50.72 floz", "50.72 US fl oz", "unit"),  # the units tool's display of pint's (US) fluid ounce
        ("3 gallon", "3 US gal", "unit"),
        ("2, 3", "x = 3 or x = 2", "set"),
        ("1:20 AM", "01:20", "clock"),
        ("66, 3, 120", '3 matches: "66", "3", "120"', "list"),  # the regex tool's list of matches
        ("jane.doe@example.com", '1 match: "jane.doe@example.com"', "string"),
        ("3.14", "22/7", "number"),  # with places=2 below
    ],
)
def test_the_grader_accepts_the_same_meaning(gold: str, got: str, kind: str) -> None:
    places = 2 if (gold, got) == ("3.14", "22/7") else None  # 22/7 = 3.142857... rounds to 3.14
    assert grade(gold, got, kind=kind, places=places)


@pytest.mark.parametrize(
    ("gold", "got", "kind"),
    [
        ("1/2", "0.50001", "auto"),
        ("\\frac{14}{3}", "4.6666666666666667", "latex"),  # an exact gold wants the exact value
        ("\\frac{14}{3}", "3/14", "latex"),
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, pi)", "latex"),
        ("18", "18 or 19", "amount"),
        ("10", "10.4", "amount"),
        ("True", "no", "auto"),
        ("8.04672 km", "5 km", "unit"),
        ("14 degF", "14 degC", "unit"),
        ("50.72 floz", "50.72 imperial fl oz", "unit"),  # 28.4130625 mL each, not 29.5735295625 mL
        ("2, 3", "2, 3, 4", "set"),
        ("1:20 AM", "1:20 PM", "clock"),
        ("66, 3, 120", '2 matches: "66", "3", "120"', "list"),  # a count that disagrees with the list
        ("66, 3, 120", '3 matches: "66", "120", "3"', "list"),  # a list keeps its order
        ("3*(c + 492227)**2/2", "3*(c + 492228)**2/2", "mathematics"),
        ("18", "", "amount"),
        ("18", "__import__('os').system('true')", "auto"),  # text, never run
    ],
)
def test_the_grader_refuses_a_different_meaning(gold: str, got: str, kind: str) -> None:
    assert not grade(gold, got, kind=kind)


def test_a_measurement_answer_must_be_in_the_asked_unit() -> None:
    question = "How many millilitres are there in 6.4 litres?"
    assert grade("6400", "6400 mL", kind="mathematics", category="measurement__conversion", question=question)
    assert not grade("6400", "6400 L", kind="mathematics", category="measurement__conversion", question=question)


def test_a_regex_answer_is_compared_as_its_text() -> None:
    assert grade(".*dog.*", "`.*dog.*`", kind="regex")
    assert not grade(".*dog.*", ".*cat.*", kind="regex")


@pytest.mark.parametrize(
    ("reply", "final"),
    [
        ("12 * 2 = 24\nAnswer: 24", "24"),
        ("so the total is\n\\boxed{\\frac{1}{2}}.", "\\frac{1}{2}"),
        ("The answer is 3.5.", "The answer is 3.5"),
        ("Final answer: 7", "7"),
    ],
)
def test_the_final_answer_of_a_reply(reply: str, final: str) -> None:
    assert final_answer(reply) == final


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL);"
        "INSERT INTO orders VALUES (1, 'ann', 10.0), (2, 'bob', 25.5), (3, 'ann', 4.5);"
    )
    connection.commit()
    connection.close()
    return path


def test_sql_is_graded_by_the_rows_it_returns(shop: Path) -> None:
    gold = "SELECT customer, sum(total) FROM orders GROUP BY customer"
    # by hand: ann 10.0 + 4.5 = 14.5; bob 25.5
    assert rows_of_sql(gold, shop) == [("ann", "14.5"), ("bob", "25.5")]
    assert grade(gold, "SELECT customer, total + 0 FROM (SELECT customer, sum(total) AS total FROM orders "
                       "GROUP BY customer)", kind="rows", database=shop)
    rendered = "customer | sum(total)\n---------+----------\nbob | 25.5\nann | 14.5\n(2 rows)"
    assert grade(gold, rendered, kind="rows", database=shop)  # no ORDER BY: the order is free
    assert not grade(gold, "SELECT customer, max(total) FROM orders GROUP BY customer", kind="rows", database=shop)
    assert grade("SELECT count(*) FROM orders", "3", kind="rows", database=shop)
    assert not grade("SELECT count(*) FROM orders", "4", kind="rows", database=shop)


def test_an_ordered_gold_query_wants_the_same_order(shop: Path) -> None:
    gold = "SELECT id FROM orders ORDER BY total DESC"  # by hand: 25.5 (2), 10.0 (1), 4.5 (3)
    assert grade(gold, "SELECT id FROM orders ORDER BY total DESC", kind="rows", database=shop)
    assert not grade(gold, "SELECT id FROM orders ORDER BY total", kind="rows", database=shop)


def test_a_graded_query_cannot_write(shop: Path) -> None:
    before = shop.read_bytes()
    assert not grade("SELECT count(*) FROM orders", "DELETE FROM orders", kind="rows", database=shop)
    assert not grade("SELECT count(*) FROM orders", "SELECT 3; DELETE FROM orders", kind="rows", database=shop)
    assert shop.read_bytes() == before


@pytest.mark.parametrize(
    ("sentence", "number"),
    [("So she has 18 eggs left.", "18"), ("The total is $1,018.", "$1,018"), ("12 * 2 = 24", None), ("none", None)],
)
def test_the_sole_number_of_a_sentence(sentence: str, number: str | None) -> None:
    assert sole_number(sentence) == number
