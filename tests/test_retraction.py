"""Retractions, property-style: a request that takes a step back is answered by its correction, or declined."""

from __future__ import annotations

import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentkit import Agent
from agentkit.planner import RETRACTED, UNCLEAR_RETRACTION, plan
from agentkit.retraction import Retraction

_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_FRAMES = ("what is {}", "what's {}", "{}", "calculate {}", "how much is {}", "can you work out {}")
_SEPARATORS = ("? ", ", ", " — ", " - ", ". ", "! ", " ")
_STRONG_RUNS = ("not really, I meant", "no wait,", "sorry, I meant", "actually, I meant", "actually I meant",
                "scratch that,", "correction:", "I meant", "oops, I meant", "wait no,", "sorry, no wait,",
                "make that", "no, I meant to say")
_WEAK_RUNS = ("sorry,", "oops", "no,", "wait,", "actually,", "sorry —")
_PHRASINGS = st.tuples(st.integers(1, 99), st.sampled_from(sorted(_OPS)), st.integers(1, 99))


def _casing(text: str, style: int) -> str:
    return (text, text.lower(), text.upper(), text.capitalize())[style]


def _expr(parts: tuple[int, str, int]) -> str:
    return f"{parts[0]} {parts[1]} {parts[2]}"


@settings(max_examples=150, deadline=None)
@given(first=_PHRASINGS, second=_PHRASINGS, frame=st.sampled_from(_FRAMES), sep=st.sampled_from(_SEPARATORS),
       run=st.sampled_from(_STRONG_RUNS), style=st.integers(0, 3), reframe=st.booleans())
def test_a_strong_marker_drops_the_retracted_step_and_keeps_the_correction(
    first, second, frame, sep, run, style, reframe,
) -> None:
    replacement = frame.format(_expr(second)) if reframe else _expr(second)
    request = f"{frame.format(_expr(first))}{sep}{_casing(run, style)} {replacement}"
    if sep == " " and not run.lower().startswith(("i meant", "actually i meant", "scratch", "correction")):
        return  # a bare space before "no wait" is not a clause boundary; covered by the weak-marker test
    assert [s.text for s in plan(request)] == [replacement], request


@settings(max_examples=100, deadline=None)
@given(first=_PHRASINGS, second=_PHRASINGS, sep=st.sampled_from(("? ", ", ", " — ", ". ")),
       run=st.sampled_from(_WEAK_RUNS), style=st.integers(0, 3))
def test_a_weak_marker_retracts_only_before_a_new_expression(first, second, sep, run, style) -> None:
    marker = _casing(run, style)
    corrected = f"what is {_expr(first)}{sep}{marker} {_expr(second)}"
    assert [s.text for s in plan(corrected)] == [_expr(second)], corrected
    polite = f"what is {_expr(first)}{sep}{marker} for the bother"
    assert all(s.declined is None for s in plan(polite)) and _expr(first) in plan(polite)[0].text


@pytest.mark.parametrize("run", ["scratch that", "not really", "no wait", "forget that", "correction:"])
def test_taking_back_without_a_replacement_declines_the_request(run: str) -> None:
    (step,) = plan(f"what is 3 + 4? {run}")
    assert step.declined == RETRACTED


@pytest.mark.parametrize("request_", [
    "convert 5 km to miles, sorry I meant feet",  # which number or unit does "feet" replace?
    "what is 2+2, and what is 3+4? no wait, 3+5",  # which of two questions is taken back?
])
def test_an_unclear_correction_declines_the_request(request_: str) -> None:
    (step,) = plan(request_)
    assert step.declined == UNCLEAR_RETRACTION


def test_earlier_sentences_survive_a_retraction_of_the_last_one() -> None:
    assert [s.text for s in plan("Let x = 5. What is x+1? Oops, x+2")] == ["Let x = 5.", "x+2"]


def test_a_marker_inside_quotes_is_the_quoted_texts() -> None:
    request = 'Does `no wait, 3` match "no wait, 3"?'
    assert [s.text for s in plan(request)] == [request]
    assert Retraction().find("what is the mean of 1, 2, 3") is None


@settings(max_examples=40, deadline=None)
@given(first=_PHRASINGS, second=_PHRASINGS, run=st.sampled_from(_STRONG_RUNS))
def test_the_agent_answers_the_correction_never_the_retracted_step(first, second, run) -> None:
    expected = _OPS[second[1]](second[0], second[2])  # the oracle: Python's int arithmetic
    answer = Agent(model="none").invoke(f"what is {_expr(first)}? {run} {_expr(second)}")
    assert (answer.answer, answer.verified) == (str(expected), True)
    assert len(answer.steps) == 1


@pytest.mark.parametrize("request_", ["what is 3+4? scratch that", "convert 5 km to miles, sorry I meant feet"])
def test_the_agent_declines_a_retraction_it_cannot_resolve(request_: str) -> None:
    answer = Agent(model="none").invoke(request_)
    assert (answer.route, answer.verified) == ("none", False)
    assert "7" not in answer.answer and "3.1" not in answer.answer
