"""The agent's settings that reach the graph: its clock, strict mode, trace content; threads; published schemas."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime
from typing import Any

import pytest
from agentkit.graphs import offload
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.semconv._incubating.attributes import gen_ai_attributes as gen_ai

from agentkit import Agent
from agentkit import agent as agent_module
from agentkit.tracing import CAPTURE_CONTENT_ENV
from tests.graphs.test_nodes import EchoFamily

# -- clock -----------------------------------------------------------------------------------------


def test_the_agents_clock_gives_the_tools_their_today() -> None:
    family = EchoFamily()
    Agent(model="none", tools=[family], clock=lambda: datetime(2026, 11, 30, 23, 59, tzinfo=UTC)).invoke(
        "echo hi")
    assert family.seen[-1].today == date(2026, 11, 30)


def test_without_a_clock_today_is_the_system_date() -> None:
    family = EchoFamily()
    before = date.today()
    Agent(model="none", tools=[family]).invoke("echo hi")
    assert family.seen[-1].today in {before, date.today()}


# -- strict ----------------------------------------------------------------------------------------


def test_by_default_a_family_bug_is_a_declined_step() -> None:
    answer = Agent(model="none", tools=[EchoFamily(raises=KeyError("word"))]).invoke("echo hi")
    assert (answer.route, answer.verified, answer.error) == ("none", False, None)


def test_strict_lets_a_family_bug_raise_out_of_invoke() -> None:
    with pytest.raises(KeyError, match="word"):
        Agent(model="none", tools=[EchoFamily(raises=KeyError("word"))], strict=True).invoke("echo hi")


def test_strict_lets_a_recognizer_bug_raise_out_of_invoke() -> None:
    class Broken(EchoFamily):
        def recognize(self, text: str, context: Any) -> None:
            raise AttributeError("recognizer bug")

    assert Agent(model="none", tools=[Broken()]).invoke("echo hi").route == "none"
    with pytest.raises(AttributeError, match="recognizer bug"):
        Agent(model="none", tools=[Broken()], strict=True).invoke("echo hi")


# -- trace content ---------------------------------------------------------------------------------


def test_two_agents_in_one_process_keep_their_own_trace_content_setting(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=tracer_provider, trace_content=True).invoke("What is the gcd of 12 and 18?")
    Agent(model="none", tracer_provider=tracer_provider, trace_content=False).invoke("What is the gcd of 14 and 21?")
    roots = [s for s in exporter.get_finished_spans() if s.name == "invoke_agent agentkit"]
    tools = [s for s in exporter.get_finished_spans() if s.name.startswith("execute_tool")]
    assert "12 and 18" in roots[0].attributes[gen_ai.GEN_AI_INPUT_MESSAGES]
    assert tools[0].attributes[gen_ai.GEN_AI_TOOL_CALL_RESULT] == "6"
    assert gen_ai.GEN_AI_INPUT_MESSAGES not in roots[1].attributes
    assert gen_ai.GEN_AI_TOOL_CALL_RESULT not in tools[1].attributes


def test_trace_content_none_reads_the_environment_once_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CAPTURE_CONTENT_ENV, "true")
    agent = Agent(model="none")
    monkeypatch.delenv(CAPTURE_CONTENT_ENV)
    assert agent.trace_content is True
    assert Agent(model="none").trace_content is False
    monkeypatch.setenv(CAPTURE_CONTENT_ENV, "true")
    assert Agent(model="none", trace_content=False).trace_content is False


# -- threads ---------------------------------------------------------------------------------------


def test_two_threads_first_turns_on_one_agent_both_keep_their_conversation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build = agent_module.build_offload_graph

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)  # widen the window in which two first turns could each build a graph
        return build(*args, **kwargs)

    monkeypatch.setattr(agent_module, "build_offload_graph", slow_build)
    agent = Agent(model="none")
    start = threading.Barrier(2)

    def first_turn(thread_id: str, value: int) -> None:
        start.wait()
        agent.invoke(f"Let x = {value}", thread_id=thread_id)

    workers = [threading.Thread(target=first_turn, args=(t, v)) for t, v in (("a", 5), ("b", 7))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert agent.invoke("What is x + 1?", thread_id="a").answer == "6"
    assert agent.invoke("What is x + 1?", thread_id="b").answer == "8"


# -- the graph's published schemas -----------------------------------------------------------------


def test_the_compiled_graph_publishes_its_input_and_output_schemas() -> None:
    graph = Agent(model="none").graph
    assert "request" in graph.get_input_jsonschema()["properties"]
    assert {"answer", "history"} <= set(graph.get_output_jsonschema()["properties"])


def test_every_router_returns_a_node_name() -> None:
    names = set(offload.Node.__args__)
    assert names == set(Agent(model="none").graph.nodes) - {"__start__"}
