"""Comparison operations: exact decisions, checks that catch a wrong choice, and declines on ambiguity."""

from __future__ import annotations

import pytest
import sympy
from agentkit.tools.math.comparison import CLOSEST, KTH, MAX_ITEMS, PICK, RELATION, SORT, Item

from tests.helpers import run_math


def _answer(text: str, bindings: dict[str, str] | None = None) -> str | None:
    result = run_math(text, bindings)
    return None if result is None else result.text


def _items(*values: str) -> list[Item]:
    return [Item(label=v, value=sympy.Rational(v)) for v in values]


def test_options_answer_with_the_letter():
    assert _answer("Which is the nearest to 17?  (a) -3  (b) -7/4  (c) -0.35") == "c"


def test_list_items_answer_as_written_and_names_stay_names():
    assert _answer("What is the closest to 0.3 in -0.2, 581, -12?") == "-0.2"
    assert _answer("Sort 3, 41, 1/4, k.", {"k": "0.3"}) == "1/4, k, 3, 41"


def test_sort_is_ascending_unless_told_otherwise():
    assert _answer("Sort -4, 21, 6") == "-4, 6, 21"
    assert _answer("Put -4, 21, 6 in decreasing order") == "21, 6, -4"
    assert _answer("Order 5, 2, 9 from largest to smallest") == "9, 5, 2"


def test_irrational_values_are_compared_exactly():
    assert _answer("Is sqrt(2) greater than 1.414?") == "True"
    assert _answer("Is pi less than 22/7?") == "True"
    assert _answer("Is sqrt(2) + sqrt(3) = sqrt(5 + 2*sqrt(6))?") == "True"


@pytest.mark.parametrize("text", [
    "What is the closest to 0 in 1, -1, 5?",          # 1 and -1 are equally close
    "Which is closer to 5: 3 or 7?",
    "What is the second biggest value in 3, 3, 1?",   # with repeats "second biggest" is ambiguous
    "Which is bigger: 1/2 or 0.5?",
    "Sort 3, 6/2, 1",                                 # equal values written differently
])
def test_ties_decline(text: str):
    assert _answer(text) is None


@pytest.mark.parametrize("text", [
    "Sort 1,000, 5, 2",               # digit grouping, not three items
    "Sort 3,5, 2,1",                  # decimal commas
    "Which is bigger: 007 or 8?",
    "Is x greater than 3?",           # x is not bound
    "Is 5 greater than 3 and less than 10?",
    "Is 4 feet longer than 1 meter?",
    "What is the fifth smallest value in 2, 7, 1?",
    "Which is the biggest value?  (a) 1  (b) 2  (d) 3",
    "What is the biggest value in 1, oo?",
])
def test_near_misses_decline(text: str):
    assert _answer(text) is None


def test_too_many_items_are_refused():
    many = ", ".join(str(i) for i in range(MAX_ITEMS + 1))
    assert _answer(f"Sort {many}") is None
    assert _answer(f"Sort {', '.join(str(i) for i in range(MAX_ITEMS))}") is not None


def test_checks_catch_a_wrong_choice():
    items = _items("3", "-1", "8")
    assert CLOSEST.verify((sympy.Integer(0), items), 0) is not None
    assert CLOSEST.verify((sympy.Integer(0), items), 1) is None
    assert KTH.verify((2, True, items), 2) is not None
    assert KTH.verify((2, True, items), 0) is None
    assert PICK.verify((True, items[:2]), 1) is not None
    assert SORT.verify((False, items), [0, 1, 2]) is not None
    assert SORT.verify((False, items), [1, 0, 0]) is not None
    assert SORT.verify((False, items), [1, 0, 2]) is None


def test_relation_check_catches_a_wrong_truth_value():
    args = (sympy.Rational(1, 2), "<=", sympy.Rational(5, 10))
    assert RELATION.verify(args, False) is not None
    assert RELATION.verify(args, True) is None
    close = (sympy.sqrt(2), ">", sympy.Rational(14142135623730950488, 10**19))
    assert RELATION.verify(close, False) is not None
