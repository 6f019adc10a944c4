"""Counting stories of tools/math/counting_rules.py, distributions.py and cards.py, against enumerations done here."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, permutations, product

import pytest
from agentkit.tools.math.cards import DRAWS, HANDS
from agentkit.tools.math.choosing import NUMBERS
from agentkit.tools.math.counting_rules import COMMITTEES, PLATES
from agentkit.tools.math.distributions import SHARE, TEAMS

from tests.helpers import math_answer


def shares(n: int, k: int, least: int) -> int:
    return sum(1 for split in product(range(n + 1), repeat=k) if sum(split) == n and min(split) >= least)


def committees(men: int, women: int, size: int, ok) -> int:
    people = ["m"] * men + ["w"] * women
    return sum(1 for chosen in combinations(range(len(people)), size) if ok([people[i] for i in chosen].count("w")))


def unlabeled_teams(n: int, s: int) -> int:
    """Partitions of range(n) into blocks of s, each listed once (the block holding the smallest left first)."""
    def count(left: tuple[int, ...]) -> int:
        if not left:
            return 1
        _first, rest = left[0], left[1:]
        return sum(count(tuple(x for x in rest if x not in mates)) for mates in combinations(rest, s - 1))
    return count(tuple(range(n)))


def small_deck_hands(hand: int, wanted) -> int:
    deck = [(rank, suit) for rank in range(13) for suit in range(4)]
    return sum(1 for cards in combinations(deck, hand) if wanted([c[0] for c in cards].count(0)))


ANSWERED = [
    ("how many license plates with 2 letters followed by 1 digit", len(list(product(range(26), range(26), range(10))))),
    ("how many 3-letter strings from 6 letters with no repeats", len(list(permutations(range(6), 3)))),
    ("how many 3-letter codes can be made from 4 letters with repetition allowed", len(list(product(range(4), repeat=3)))),
    ("how many outfits with 4 shirts, 3 pants and 2 pairs of shoes", len(list(product(range(4), range(3), range(2))))),
    ("in how many ways can a committee of 3 be chosen from 5 men and 4 women with exactly 2 women",
     committees(5, 4, 3, lambda w: w == 2)),
    ("how many committees of 4 can be formed from 6 boys and 5 girls with at least 2 girls",
     committees(6, 5, 4, lambda w: w >= 2)),
    ("how many ways to share 10 identical candies among 3 kids if some kids may get none", shares(10, 3, 0)),
    ("how many ways to distribute 10 identical candies among 3 kids if each kid gets at least one", shares(10, 3, 1)),
    ("how many positive integer solutions are there to x1 + x2 + x3 + x4 = 9", shares(9, 4, 1)),
    ("how many ways to arrange 3 identical red balls and 2 identical blue balls in a row",
     len(set(permutations("rrrbb")))),
    ("how many subsets of {1,...,10} have exactly 4 elements", len(list(combinations(range(10), 4)))),
    ("how many ways to split 6 people into 2 unlabeled teams of 3", unlabeled_teams(6, 3)),
    ("how many ways to divide 8 students into 4 unlabeled groups of 2", unlabeled_teams(8, 2)),
    ("how many 2-card hands contain exactly 1 ace", small_deck_hands(2, lambda aces: aces == 1)),
    ("how many 3-card hands contain at least one ace", small_deck_hands(3, lambda aces: aces >= 1)),
    ("how many ways can 3 books be chosen from 10", len(list(combinations(range(10), 3)))),
    ("how many different committees of 4 can be formed from 9 people", len(list(combinations(range(9), 4)))),
    ("how many 3-digit numbers have no repeated digits",
     sum(1 for d in product(range(10), repeat=3) if d[0] and len(set(d)) == 3)),
    ("how many 3-digit numbers can be formed from the digits 0, 1, 2, 3 with repetition",
     sum(1 for d in product((0, 1, 2, 3), repeat=3) if d[0])),
    ("how many ways can 7 runners finish first, second and third", len(list(permutations(range(7), 3)))),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_count_is_answered_and_verified(text: str, expected: int) -> None:
    assert math_answer(text) == (str(expected), True)


def test_card_draws_without_replacement_are_one_draw_after_another() -> None:
    deck = [rank for rank in range(13) for _ in range(4)]
    pairs = list(permutations(range(52), 2))
    expected = Fraction(sum(1 for a, b in pairs if deck[a] == 0 and deck[b] == 0), len(pairs))
    assert math_answer("probability of drawing 2 aces in a row from a 52 card deck without replacement") == (
        str(expected), True)


def test_factorial_quotient_reads_factorials_side_by_side_as_a_product() -> None:
    expected = math.factorial(12) // (math.factorial(10) * math.factorial(2))
    assert math_answer("12!/(10! 2!)") == (str(expected), True)


@pytest.mark.parametrize("text", [
    "how many license plates with 3 letters and 3 digits",  # the places of letters and digits unsaid
    "how many 3-letter strings from 26 letters",  # repeats unsaid
    "how many outfits with 4 shirts and 3 dresses",  # a dress replaces a shirt and pants
    "in how many ways can a committee of 3 be chosen from 5 men and 4 women with 2 women",  # exactly or at least?
    "how many ways to give 10 identical candies to 3 kids",  # may a kid get none?
    "how many ways to share 10 candies among 3 kids if some kids may get none",  # candies not said identical
    "how many ways to arrange 3 red balls and 2 blue balls in a row",  # balls not said identical
    "how many ways to split 6 people into 2 teams of 3",  # teams labeled or not?
    "how many 5-card hands contain 2 aces",  # exactly or at least?
    "probability of drawing 2 aces in a row from a 52 card deck",  # replacement unsaid
    "probability of drawing a red card",  # which deck?
])
def test_near_misses_decline(text: str) -> None:
    assert math_answer(text) is None


def test_checks_catch_a_wrong_count() -> None:
    cases = [
        (PLATES, ([("letter", 3), ("digit", 3)], False)),
        (COMMITTEES, (5, 4, 3, ">=", 2)),
        (COMMITTEES, (40, 30, 6, "==", 2)),  # too many to list: built person by person
        (SHARE, (10, 3, 1)),
        (TEAMS, (12, 3, 4, False)),
        (HANDS, (4, 5, ("==", 2), "count")),
        (NUMBERS, (tuple(range(10)), 4, False)),
        (NUMBERS, (tuple(range(10)), 12, True)),  # too many to list: counted place by place
    ]
    for op, args in cases:
        value = op.compute(args)
        assert op.verify(args, value) is None, op.name
        assert op.verify(args, value + 1) is not None, op.name
    draw = (4, 2, False)
    assert DRAWS.verify(draw, DRAWS.compute(draw)) is None
    assert DRAWS.verify(draw, Fraction(1, 169)) is not None  # the with-replacement value
