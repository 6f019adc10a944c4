"""Counts asked as everyday stories (tools/math/counting_stories.py), against enumerations done here."""

from __future__ import annotations

from itertools import combinations, permutations, product

import pytest
from agentkit.tools.math import MathFamily

from agentkit import Agent
from tests.helpers import math_answer


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[MathFamily()])


def rotations_distinct(n: int) -> int:
    """Seatings of n people at a round table up to rotation, by listing each rotation class once."""
    seen = set()
    for order in permutations(range(n)):
        start = order.index(0)
        seen.add(order[start:] + order[:start])
    return len(seen)


def grid_paths(a: int, b: int) -> int:
    return sum(1 for steps in product("RU", repeat=a + b) if steps.count("R") == a)


def derangements(n: int) -> int:
    return sum(all(p[i] != i for i in range(n)) for p in permutations(range(n)))


def catalan(n: int) -> int:
    """Balanced strings of n pairs of parentheses, counted directly."""
    def balanced(s: tuple[str, ...]) -> bool:
        depth = 0
        for ch in s:
            depth += 1 if ch == "(" else -1
            if depth < 0:
                return False
        return depth == 0
    return sum(balanced(s) for s in product("()", repeat=2 * n))


ANSWERED = [
    ("how many ways to arrange 6 books on a shelf", len(list(permutations(range(6))))),
    ("how many ways can 5 kids line up in a row", len(list(permutations(range(5))))),
    ("in how many ways can 5 guests sit around a round table", rotations_distinct(5)),
    ("how many handshakes if 7 people shake hands once", len(list(combinations(range(7), 2)))),
    ("how many diagonals does a hexagon have", len(list(combinations(range(6), 2))) - 6),
    ("how many diagonals does a 9-sided polygon have", len(list(combinations(range(9), 2))) - 9),
    ("how many subsets does a set of 5 elements have", len([c for k in range(6) for c in combinations(range(5), k)])),
    ("how many binary strings of length 6", len(list(product("01", repeat=6)))),
    ("how many bit strings of length 7 have exactly two 1s", sum(s.count("1") == 2 for s in product("01", repeat=7))),
    ("how many 3-digit codes are possible", len(list(product(range(10), repeat=3)))),
    ("how many paths from (0,0) to (3,2) if you can only move right or up", grid_paths(3, 2)),
    ("how many triangles can be formed from 7 points with no three collinear", len(list(combinations(range(7), 3)))),
    ("how many ways to choose a president, a secretary and a treasurer from 9 people",
     len(list(permutations(range(9), 3)))),
    ("how many ways to award gold and silver among 6 runners", len(list(permutations(range(6), 2)))),
    ("derangements of 6 letters", derangements(6)),
    ("catalan number C_6", catalan(6)),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_counting_story_is_answered_and_verified(agent: Agent, text: str, expected: int) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (str(expected), True), answer.steps


def test_circular_reading_states_the_rotation_convention(agent: Agent) -> None:
    reading = agent.invoke("ways to seat 6 people around a round table").steps[0].interpretation
    assert "rotation" in reading


@pytest.mark.parametrize("text", [
    "how many ways to choose a team and a captain from 12 people",  # a team holds several people
    "how many ways to choose a president and a president from 12 people",
    "how many ways to choose a president, a secretary and a treasurer from 2 people",
    "how many paths from (1,0) to (4,3) if you can only move right or up",
    "how many diagonals does a 2-sided polygon have",
    "what is the 5th catalan number",  # counted from C_0 or C_1?
])
def test_unclear_counting_stories_decline(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


def test_a_race_finish_states_no_ties_and_a_line_is_every_order() -> None:
    race = Agent(model="none").invoke("in how many ways can 5 runners finish a race").steps[0]
    assert race.verified and "no ties" in race.interpretation and race.result == "120"
    assert math_answer("how many ways can 6 people line up") == ("720", True)
    assert math_answer("how many ways can 5 people sit in 7 chairs") is None
