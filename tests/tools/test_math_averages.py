"""Averages asked as stories (tools/math/averages.py) and two paired lists (regression.py), against oracles here."""

from __future__ import annotations

import statistics
from fractions import Fraction

import pytest
import sympy
from agentkit.tools.math.averages import EXPECTED, MISSING, TARGET, WEIGHTED
from agentkit.tools.math.regression import PAIRED

from tests.helpers import math_answer


def _number(text: str) -> Fraction:
    return Fraction(text)


@pytest.mark.parametrize(("text", "values"), [
    ("weighted average: 80 with weight 2 and 90 with weight 3", [80, 80, 90, 90, 90]),
    ("weighted mean of 1, 2, 3 with weights 3, 0, 1", [1, 1, 1, 3]),
])
def test_weighted_mean_is_the_mean_of_the_list_repeated_by_weight(text: str, values: list[int]) -> None:
    answer = math_answer(text)
    assert answer is not None and answer[1]
    assert _number(answer[0]) == statistics.mean(Fraction(v) for v in values)


def test_score_for_a_target_average_brings_the_mean_to_the_target() -> None:
    answer = math_answer("I got 72, 85 and 91 on tests, what do I need on the 4th to average 85")
    assert answer is not None and answer[1]
    assert statistics.mean([72, 85, 91, _number(answer[0])]) == 85


def test_scores_told_first_are_remembered_for_the_question() -> None:
    setup = math_answer("I scored 80 and 90 on my first two exams")
    assert setup is not None
    assert math_answer("what do I need on the third exam to average 88", _avg_scores="80, 90") == ("94", True)
    assert math_answer("what do I need on the fourth exam to average 88", _avg_scores="80, 90") is None


def test_missing_value_completes_the_mean() -> None:
    whole = math_answer("the mean of 5 numbers is 12 and four of them are 10, 11, 13 and 15, what's the fifth")
    assert whole == ("11", True)
    answer = math_answer("four of them are 10, 11, 13 and 15, what's the fifth", _avg_count="5", _avg_mean="12")
    assert answer is not None and answer[1]
    assert statistics.mean([10, 11, 13, 15, _number(answer[0])]) == 12


@pytest.mark.parametrize(("xs", "ys"), [([1, 2, 3, 4], [2, 4, 5, 4]), ([0, 1, 5, 6, 9], [3, -1, 4, 4, 10])])
def test_correlation_and_slope_agree_with_statistics(xs: list[int], ys: list[int]) -> None:
    pairs = f"x = {', '.join(map(str, xs))} and y = {', '.join(map(str, ys))}"
    r = math_answer(f"pearson correlation between {pairs}, to 6 decimal places")
    slope = math_answer(f"least squares slope for {pairs}")
    assert r is not None and slope is not None and r[1] and slope[1]
    assert abs(float(r[0]) - statistics.correlation(xs, ys)) < 1e-6
    assert abs(float(_number(slope[0])) - statistics.linear_regression(xs, ys).slope) < 1e-12


def test_checks_catch_a_wrong_value() -> None:
    weighted = ([Fraction(80), Fraction(90)], [Fraction(2), Fraction(3)])
    assert WEIGHTED.verify(weighted, Fraction(86)) is None
    assert WEIGHTED.verify(weighted, Fraction(85)) is not None
    target = ([Fraction(72), Fraction(85), Fraction(91)], Fraction(85))
    assert TARGET.verify(target, Fraction(92)) is None
    assert TARGET.verify(target, Fraction(93)) is not None
    missing = (5, Fraction(12), [Fraction(10), Fraction(11), Fraction(13), Fraction(15)])
    assert MISSING.verify(missing, Fraction(11)) is None
    assert MISSING.verify(missing, Fraction(12)) is not None
    distribution = ("variance", [Fraction(0), Fraction(10)], [Fraction(7, 10), Fraction(3, 10)])
    assert EXPECTED.verify(distribution, EXPECTED.compute(distribution)) is None
    assert EXPECTED.verify(distribution, sympy.Integer(22)) is not None  # the variance is 30 − 3² = 21
    paired = ("correlation", [Fraction(v) for v in (1, 2, 3, 4)], [Fraction(v) for v in (2, 4, 5, 4)])
    r = PAIRED.compute(paired)
    assert PAIRED.verify(paired, r) is None
    assert PAIRED.verify(paired, -r) is not None
    assert PAIRED.verify(paired, r * sympy.Rational(11, 10)) is not None


def test_expected_value_of_a_distribution_is_the_long_run_mean() -> None:
    outcomes = [0] * 7 + [10] * 3  # ten equally likely draws with the same distribution
    answer = math_answer("expected value of a random variable with values 0, 10 and probabilities 0.7, 0.3")
    assert answer is not None and answer[1]
    assert Fraction(answer[0]) == statistics.mean(outcomes)
