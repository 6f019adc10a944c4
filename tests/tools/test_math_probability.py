"""Probability of draws without replacement: the two-sentence setup, exact values, checks, declines."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy
from agentkit.tools.math.probability import BAG_KEY, PROBABILITY, SIZE_KEY, Draw, _remembered

from tests.helpers import run_math

_run = run_math


def _answer(text: str, bindings: dict[str, str] | None = None) -> str | None:
    result = _run(text, bindings)
    return None if result is None else result.text


def test_setup_sentence_binds_the_draw_for_the_question_after_it():
    setup = _run("Two letters picked without replacement from bkkkbkbkaka")
    assert setup is not None
    assert setup.bindings == {SIZE_KEY: "2", BAG_KEY: "2*a + 3*b + 6*k"}
    assert _answer("Give prob of picking 1 k and 1 b", setup.bindings) == "18/55"
    assert _answer("What is prob of sequence kb", setup.bindings) == "9/55"


def test_one_sentence_questions_and_counted_bags():
    assert _answer("Calculate prob of picking 1 c, 1 h and 1 s when three letters picked without "
                   "replacement from rchsacsh") == "1/7"
    assert _answer("What is prob of sequence nen when three letters picked without replacement "
                   "from {e: 2, n: 5}") == "4/21"


def test_impossible_counts_have_probability_zero():
    assert _answer("Give prob of picking 3 g", {SIZE_KEY: "3", BAG_KEY: "2*g + 4*k + r"}) == "0"


def test_chat_phrasing_with_coloured_balls():
    assert _answer("What is the probability of drawing 2 red balls from a bag of 4 red and 6 blue "
                   "without replacement?") == "2/15"


@pytest.mark.parametrize("text", [
    "Give prob of picking 1 a and 1 b",   # no draw described before
    "What is the probability of drawing 2 red balls from a bag of 4 red and 6 blue",  # replacement unsaid
    "What is the probability of drawing at least 2 red balls from a bag of 4 red and 6 blue without replacement",
    "What is the probability of drawing 2 green balls from a bag of 4 red and 6 blue without replacement",
    "Two letters picked with replacement from aab",
    "Two letters picked without replacement from {a: 2, a: 3}",
    "Twelve letters picked without replacement from aaaaaaaaaaaaaab",
])
def test_near_misses_decline(text: str):
    assert _answer(text) is None


@pytest.mark.parametrize("event", ["picking 1 a", "picking 1 z and 1 a", "sequence abc"])
def test_events_that_do_not_fit_the_draw_decline(event: str):
    assert _answer(f"Give prob of {event}", {SIZE_KEY: "2", BAG_KEY: "a + b + c"}) is None


def test_huge_draws_are_refused():
    assert _answer("Two letters picked without replacement from {a: 2000000, b: 1}") is None
    assert _answer("Eleven letters picked without replacement from aaaaaaaaaaaaaab") is None


@pytest.mark.parametrize("draw", [
    Draw(bag={"a": 3, "b": 5}, size=3, counts={"a": 1, "b": 2}),               # small: enumerated
    Draw(bag={"a": 3, "b": 5}, size=3, sequence=("b", "a", "b")),
    Draw(bag={"a": 900, "b": 700, "c": 5}, size=4, counts={"a": 2, "c": 2}),   # large: the other formula
    Draw(bag={"a": 900, "b": 700, "c": 5}, size=4, sequence=("c", "a", "c", "b")),
])
def test_check_catches_a_wrong_probability(draw: Draw):
    value = PROBABILITY.compute(draw)
    assert PROBABILITY.verify(draw, value) is None
    assert PROBABILITY.verify(draw, value * sympy.Rational(3, 2)) is not None


def test_draw_is_read_back_from_raw_notes_too():
    scope = SimpleNamespace(notes={SIZE_KEY: "2", BAG_KEY: "3*q + w"}, names={})
    assert _remembered(scope) == ({"q": 3, "w": 1}, 2)
