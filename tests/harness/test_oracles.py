"""The harness's own oracles and renderer, checked against hand-worked values before they judge the agent."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from tests.harness import arith, check, regexes, sql, units
from tests.harness.words import number_words

_UNIT = {u.key: u for u in units.UNITS}


def test_unit_factors_are_the_exact_definitions() -> None:
    assert units.convert(Fraction(1), _UNIT["mi"], _UNIT["m"]) == Fraction("1609.344")
    assert units.convert(Fraction(1), _UNIT["gal_us"], _UNIT["L"]) == Fraction("3.785411784")
    assert units.convert(Fraction(1), _UNIT["gal_imp"], _UNIT["pt_imp"]) == 8
    assert units.convert(Fraction(212), _UNIT["F"], _UNIT["C"]) == 100
    assert units.convert(Fraction(-40), _UNIT["C"], _UNIT["F"]) == -40
    assert units.convert(Fraction(0), _UNIT["C"], _UNIT["K"]) == Fraction("273.15")
    assert units.convert(Fraction(1), _UNIT["st"], _UNIT["lb"]) == 14


def test_sqlite_compiles_what_it_accepts_and_nothing_else() -> None:
    assert sql.compiles("SELECT a, COUNT(*) FROM t GROUP BY a")
    assert not sql.compiles("SELECT * FROM t GROUP BY")
    assert not sql.compiles("SELECT a FROM t WHERE")
    assert not sql.compiles("SELECT a, FROM t")


def test_number_words_have_no_and() -> None:
    assert number_words(123) == "one hundred twenty-three"
    assert number_words(40017, hyphen=False) == "forty thousand seventeen"


def _evaluate(text: str) -> Fraction:
    """A reader for the symbol rendering, written here apart from the renderer: precedence climbing over Fraction."""
    tokens = re.findall(r"\d*\.\d+|\d+|\*\*|[-+*/^()×÷−x⁰¹²³⁴]", text.replace(",", ""))
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def expression(level: int) -> Fraction:
        if level == 3:
            return unary()
        left = expression(level + 1)
        ops = {1: "+-−", 2: "*/×÷x"}[level]
        while peek() is not None and peek() in ops:
            op = take()
            right = expression(level + 1)
            if op == "+":
                left = left + right
            elif op in "-−":
                left = left - right
            elif op in "/÷":
                left = left / right
            else:
                left = left * right
        return left

    def unary() -> Fraction:
        if peek() in ("-", "−"):
            take()
            return -unary()
        base = atom()
        if peek() in ("^", "**"):
            take()
            return base ** int(atom())
        if peek() is not None and peek() in "⁰¹²³⁴":
            return base ** "⁰¹²³⁴".index(take())
        return base

    def atom() -> Fraction:
        token = take()
        if token == "(":
            value = expression(1)
            assert take() == ")"
            return value
        return Fraction(token)

    value = expression(1)
    assert position == len(tokens), text
    return value


def test_symbol_renderings_read_back_to_the_oracles_value() -> None:
    rng = random.Random(7)
    for _ in range(500):
        node, value = arith.generate(rng)
        text, _ = arith._sym(node, rng)
        assert _evaluate(text) == value, text


def test_plain_match_questions_only_where_search_and_fullmatch_agree() -> None:
    rng = random.Random(3)
    for _ in range(300):
        question = regexes.generate(rng)
        for _ in range(3):
            text = regexes.render(question, rng)
            if not any(w in text for w in ("whole", "fully", "entirely", "all of", "full match", "exactly",
                                           "anywhere", "is there a match", "find", "contain", "somewhere", "found", "search")):
                assert question.both_agree, text


def test_grading_takes_the_shown_rounding_and_no_more() -> None:
    assert check.grade("units", "37.77777777", "37.7778 degree Celsius")
    assert not check.grade("units", "37.77777777", "37.7 degree Celsius")
    assert check.grade("arith", "4", "4") and not check.grade("arith", "4", "24")
    assert not check.grade("arith", "1/3", "0.3")
    assert check.grade("sql", "no", "not valid SQL: near WHERE") and check.grade("regex", "yes", "yes")
