"""Follow-ups across turns, read from ``tests/fixtures/followups/conversations.txt``: each conversation in a
thread of its own, and again as the history a stateless client sends (both must read every turn alike)."""

from __future__ import annotations

import uuid
from fractions import Fraction

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agentkit import Agent
from tests.helpers import DECLINE, FIXTURES

_PATH = FIXTURES / "followups" / "conversations.txt"


def _conversations() -> list[tuple[str, list[tuple[str, str]]]]:
    """(case id, [(request, expected), ...]) for each block of the fixture."""
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    turns: list[tuple[str, str]] = []
    start = 0
    for number, line in enumerate([*_PATH.read_text(encoding="utf-8").splitlines(), ""], start=1):
        if line.lstrip().startswith("#"):
            continue
        if not line.strip():
            if turns:
                blocks.append((f"conversations:{start}", turns))
            turns = []
            continue
        request, sep, expected = line.partition("  =>  ")
        if not sep:
            raise ValueError(f"{_PATH.name}:{number}: expected 'request  =>  answer', got {line!r}")
        start = start if turns else number
        turns.append((request.strip(), expected.strip()))
    return blocks


CONVERSATIONS = _conversations()


def _value(text: str) -> tuple[Fraction, str] | None:
    number, _, unit = text.partition(" ")
    try:
        return Fraction(number), unit
    except ValueError:
        return None


def _agrees(answer, expected: str) -> bool:
    if expected == DECLINE:
        return not answer.verified
    if not answer.verified:
        return False
    want, got = _value(expected), _value(answer.answer)
    return want == got if want is not None and got is not None else answer.answer == expected


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", checkpointer=InMemorySaver())


def test_the_fixture_has_conversations_and_declines() -> None:
    assert len(CONVERSATIONS) >= 25
    assert sum(expected == DECLINE for _, turns in CONVERSATIONS for _, expected in turns) >= 8


@pytest.mark.parametrize(("case", "turns"), CONVERSATIONS, ids=[case for case, _ in CONVERSATIONS])
def test_each_turn_in_a_thread(agent: Agent, case: str, turns: list[tuple[str, str]]) -> None:
    thread = uuid.uuid4().hex
    for request, expected in turns:
        answer = agent.invoke(request, thread_id=thread)
        reading = "; ".join(step.interpretation or "" for step in answer.steps)
        assert _agrees(answer, expected), f"{case}: {request!r} -> {answer.answer!r} [{reading}], want {expected!r}"


@pytest.mark.parametrize(("case", "turns"), CONVERSATIONS, ids=[case for case, _ in CONVERSATIONS])
def test_each_turn_from_the_history_a_client_sends(agent: Agent, case: str, turns: list[tuple[str, str]]) -> None:
    messages: list[dict[str, str]] = []
    for request, expected in turns:
        answer = agent.invoke(request, history=messages)
        assert _agrees(answer, expected), f"{case}: {request!r} -> {answer.answer!r}, want {expected!r}"
        messages += [{"role": "user", "content": request}, {"role": "assistant", "content": answer.answer}]


def test_a_reading_names_what_it_took_from_which_turn(agent: Agent) -> None:
    thread = uuid.uuid4().hex
    for request in ("how many ways to arrange 3 books", "and 5 books?"):
        agent.invoke(request, thread_id=thread)
    answer = agent.invoke("divide the second by the first", thread_id=thread)
    assert (answer.answer, answer.verified) == ("20", True)  # 5! / 3! = 120 / 6
    assert answer.steps[0].interpretation.startswith("the first = 6 (turn 1's answer), the second = 120 (turn 2's answer)")


def test_a_pair_is_not_read_from_a_turn_whose_reply_the_person_did_not_see(agent: Agent) -> None:
    messages = [{"role": "user", "content": "how many ways to arrange 3 books"},
                {"role": "assistant", "content": "six, I think"},  # not the tools' 6
                {"role": "user", "content": "and 5 books?"}, {"role": "assistant", "content": "120"}]
    answer = agent.invoke("divide the second by the first", history=messages)
    assert not answer.verified


def test_an_unclear_pair_declines_saying_why(agent: Agent) -> None:
    thread = uuid.uuid4().hex
    for request in ("what's 15% of 200", "and 35%?", "and 50%?"):
        assert agent.invoke(request, thread_id=thread).verified
    answer = agent.invoke("what's the difference between those two", thread_id=thread)
    assert not answer.verified and "3 earlier turns: which two is unclear" in answer.answer
