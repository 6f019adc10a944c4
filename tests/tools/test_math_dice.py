"""Fair dice and coins (tools/math/dice.py), against outcomes listed one by one here."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
from agentkit.tools.math.dice import FACES, SUMS, Event

from tests.helpers import math_answer


def listed(sides: int, trials: int, hit) -> Fraction:
    outcomes = list(product(range(1, sides + 1), repeat=trials))
    return Fraction(sum(1 for o in outcomes if hit(o)), len(outcomes))


CASES = [
    ("probability of getting at least one six in 4 rolls of a die", listed(6, 4, lambda o: 6 in o)),
    ("probability of exactly 2 heads in 4 coin flips", listed(2, 4, lambda o: o.count(1) == 2)),
    ("probability of at most 1 tail when a coin is tossed 5 times", listed(2, 5, lambda o: o.count(2) <= 1)),
    ("chance of flipping 5 heads in a row", listed(2, 5, lambda o: set(o) == {1})),
    ("probability of rolling doubles with two dice", listed(6, 2, lambda o: o[0] == o[1])),
    ("probability of rolling a sum of 8 with two dice", listed(6, 2, lambda o: sum(o) == 8)),
    ("probability that the sum of three dice is more than 15", listed(6, 3, lambda o: sum(o) > 15)),
    ("probability of exactly 2 fours when rolling a 4-sided die 3 times", listed(4, 3, lambda o: o.count(4) == 2)),
    ("probability of rolling an odd number on a 9-sided die", listed(9, 1, lambda o: o[0] % 2 == 1)),
    ("probability of not rolling a 4", listed(6, 1, lambda o: o[0] != 4)),
    ("chance of rolling anything other than an even number on a d8", listed(8, 1, lambda o: o[0] % 2 == 1)),
    ("probability of rolling a 3 or lower on a 10-sided die", listed(10, 1, lambda o: o[0] <= 3)),
    ("probability of rolling at least a 5", listed(6, 1, lambda o: o[0] >= 5)),
    ("probability of not getting heads on a coin flip", listed(2, 1, lambda o: o[0] == 2)),
    ("probability of rolling two threes with two dice", listed(6, 2, lambda o: o == (3, 3))),
    ("probability of rolling a 5 twice in a row", listed(6, 2, lambda o: o == (5, 5))),
]


def test_a_roll_with_no_die_named_says_it_is_one_fair_six_sided_die() -> None:
    from agentkit import Agent

    step = Agent(model="none").invoke("what's the likelihood of rolling a 2").steps[0]
    assert step.verified and "fair 6-sided die" in step.interpretation


@pytest.mark.parametrize("text", ["probability of rolling a 7", "probability of not rolling a 9 on a die",
                                  "probability of rolling three sixes", "probability of not getting a coin"])
def test_a_face_the_die_lacks_or_an_unsaid_number_of_dice_declines(text: str) -> None:
    assert math_answer(text) is None


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_probability_equals_the_share_of_listed_outcomes(text: str, expected: Fraction) -> None:
    answer = math_answer(text)
    assert answer is not None and answer[1], text
    assert Fraction(answer[0]) == expected


def test_ways_to_roll_a_sum_count_ordered_outcomes() -> None:
    assert math_answer("how many ways to roll a sum of 8 with two dice") == (
        str(sum(1 for o in product(range(1, 7), repeat=2) if sum(o) == 8)), True)


def test_expected_value_and_variance_of_a_die() -> None:
    faces = [Fraction(f) for f in range(1, 7)]
    mean = sum(faces) / 6
    assert math_answer("expected value of a fair six-sided die") == ("3.5", True)
    assert Fraction(math_answer("variance of a single fair die roll")[0]) == sum((f - mean) ** 2 for f in faces) / 6


@pytest.mark.parametrize("text", [
    "probability of 2 heads in 4 flips",                    # exactly 2, or at least 2?
    "probability of getting 3 heads in a row in 10 flips",  # a run inside a longer sequence
    "probability of rolling a 6 with two dice",             # a sum of 6, or a die showing 6?
    "probability of rolling a 7 on a die",
    "probability of exactly 2 heads in 4 flips of a biased coin",
])
def test_near_misses_decline(text: str) -> None:
    assert math_answer(text) is None


def test_checks_catch_a_wrong_probability() -> None:
    small = Event(kind="faces", sides=6, trials=4, faces=frozenset({6}), test=(">=", 1))
    large = Event(kind="faces", sides=6, trials=12, faces=frozenset({6}), test=("==", 3))
    sums = Event(kind="sum", sides=6, trials=9, test=("==", 30))
    for op, event in ((FACES, small), (FACES, large), (SUMS, sums)):
        value = op.compute(event)
        assert op.verify(event, value) is None
        assert op.verify(event, value * Fraction(9, 10)) is not None
