"""`Agent.astream`, `Agent.ainvoke` and ``history``: events as they happen, the async path, follow-ups from a client's messages."""

from __future__ import annotations

import asyncio
import itertools
import json
from fractions import Fraction

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agentkit import Agent, Event
from agentkit.graphs.stream import node_event


def _events(agent: Agent, text: str, **kwargs) -> list[Event]:
    async def collect() -> list[Event]:
        return [event async for event in agent.astream(text, **kwargs)]

    return asyncio.run(collect())


def test_astream_yields_plan_route_tool_then_exactly_one_answer_last() -> None:
    events = _events(Agent(model="none"), "What is 17*23? Then double it.")
    kinds = [e.kind for e in events]
    assert kinds[0] == "plan" and kinds[-1] == "answer" and kinds.count("answer") == 1
    assert events[0].data["steps"] == ["What is 17*23?", "Then double it."]
    tools = [e for e in events if e.kind == "tool"]
    assert [t.data["result"] for t in tools] == [str(17 * 23), str(17 * 23 * 2)]
    assert all(t.data["verified"] and t.data["validation"][0]["ok"] for t in tools)
    assert kinds.index("route") < kinds.index("tool")
    final = events[-1]
    assert final.answer is not None and final.answer.answer == str(17 * 23 * 2) and final.answer.verified
    assert final.data == final.answer.to_dict()
    json.dumps([e.to_dict() for e in events])  # every event is JSON-able


def test_astream_streams_the_models_tokens_as_they_arrive() -> None:
    reply = "The capital of France is Paris."
    model = GenericFakeChatModel(messages=itertools.cycle([AIMessage(reply)]))
    events = _events(Agent(model=model), "What is the capital of France?")
    tokens = [e.data["text"] for e in events if e.kind == "token"]
    assert len(tokens) > 1 and "".join(tokens) == reply
    last_token = max(i for i, e in enumerate(events) if e.kind == "token")
    assert last_token < len(events) - 1 and events[-1].kind == "answer"
    assert events[-1].answer.answer == reply and events[-1].answer.route == "model"
    assert not events[-1].answer.verified


def test_astream_ends_with_an_answer_carrying_the_error_on_bad_input() -> None:
    events = _events(Agent(model="none"), "   ")
    assert [e.kind for e in events] == ["answer"]
    assert events[0].answer.error


def test_astream_ends_with_an_answer_when_the_model_fails(scripted_model) -> None:
    events = _events(Agent(model=scripted_model(ConnectionError("down"))), "Who wrote Hamlet?")
    assert events[-1].kind == "answer" and [e.kind for e in events].count("answer") == 1
    assert not events[-1].answer.verified


def test_leaving_astream_early_cancels_the_request() -> None:
    agent = Agent(model="none")

    async def first() -> Event:
        stream = agent.astream("What is 2**10?")
        event = await stream.__anext__()
        await stream.aclose()
        return event

    assert asyncio.run(first()).kind == "plan"
    assert agent.invoke("What is 2**10?").answer == "1024"  # the agent still answers afterwards


def test_ainvoke_gives_the_same_answer_as_invoke() -> None:
    agent = Agent(model="none")
    for question in ("What is the gcd of 84 and 36?", "Convert 3 feet to inches.", "Solve 2*x + 3 = 11 for x."):
        sync, asynchronous = agent.invoke(question), asyncio.run(agent.ainvoke(question))
        assert (asynchronous.answer, asynchronous.route, asynchronous.verified) == (
            sync.answer, sync.route, sync.verified)


def _chat(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"role": role, "content": content} for pair in pairs for role, content in zip(("user", "assistant"), pair)]


def test_history_resolves_a_follow_up_as_a_thread_would() -> None:
    agent = Agent(model="none")
    history = [{"role": "system", "content": "You are helpful."}, *_chat(("What is 7/8 + 1/3?", "It is 29/24."))]
    answer = agent.invoke("now double it", history=history)
    assert Fraction(answer.answer) == 2 * (Fraction(7, 8) + Fraction(1, 3)) and answer.verified
    again = asyncio.run(agent.ainvoke("now double it", history=history))
    assert again.answer == answer.answer and again.verified


def test_history_carries_definitions() -> None:
    agent = Agent(model="none")
    answer = agent.invoke("What is 3*y + 1?", history=_chat(("Let y = 12", "y = 12")))
    assert answer.answer == str(3 * 12 + 1) and answer.verified


def test_a_reply_the_tools_do_not_confirm_gives_it_no_value() -> None:
    agent = Agent(model="none")
    answer = agent.invoke("now double it", history=_chat(("What is 7/8 + 1/3?", "It is 2.")))
    assert not answer.verified and "29/12" not in answer.answer


def test_a_threads_own_state_wins_over_history() -> None:
    agent = Agent(model="none")
    agent.invoke("What is 10 + 5?", thread_id="own")
    answer = agent.invoke("now double it", thread_id="own", history=_chat(("What is 100 + 1?", "101")))
    assert answer.answer == str(2 * 15) and answer.verified
    fresh = agent.invoke("now double it", thread_id="fresh", history=_chat(("What is 100 + 1?", "101")))
    assert fresh.answer == str(2 * 101)


@pytest.mark.parametrize("history", ["hello", [{"role": "robot", "content": "x"}], [{"role": "user", "content": 3}]])
def test_a_malformed_history_is_an_error_answer(history) -> None:
    answer = Agent(model="none").invoke("What is 2+2?", history=history)
    assert answer.error and "history" in answer.error and not answer.verified


def test_node_event_names_a_recorded_step_and_ignores_compose() -> None:
    record = {"text": "2+2", "route": "symbolic", "tool": "t", "operation": "o", "result": "4", "verified": True,
              "validation": [{"ok": True}]}
    event = node_event("tool", {"records": [record], "current": {}})
    assert event.kind == "tool" and event.data["result"] == "4" and event.data["verified"]
    assert node_event("compose", {"answer": {}}) is None


def test_aask_model_runs_alone_and_counts_the_streamed_reply(scripted_model) -> None:
    from agentkit.graphs import model_nodes
    from tests.graphs.test_nodes import make_deps, state_at

    model = scripted_model("Shakespeare wrote it.", usage=(7, 4))
    state = state_at("Who wrote Hamlet?")
    state["current"] = {"text": "Who wrote Hamlet?", "route": "model"}
    updates = asyncio.run(model_nodes.aask_model(state, make_deps(model=model)))
    assert updates["current"]["result"] == "Shakespeare wrote it." and updates["current"]["error"] is None
    assert (updates["fm_calls"], updates["tokens"]) == (1, {"input": 7, "output": 4})
    assert "Who wrote Hamlet?" in model.prompt_texts()[0]


def test_aask_model_records_a_failed_call(scripted_model) -> None:
    from agentkit.graphs import model_nodes
    from tests.graphs.test_nodes import make_deps, state_at

    state = state_at("Who wrote Hamlet?")
    state["current"] = {"text": "Who wrote Hamlet?", "route": "model"}
    updates = asyncio.run(model_nodes.aask_model(state, make_deps(model=scripted_model(ConnectionError("down")))))
    assert updates["current"]["result"] is None and updates["current"]["error"].startswith("model call failed")
