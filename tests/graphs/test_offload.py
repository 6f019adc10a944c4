"""Specification of the offload graph, through `Agent`, with scripted chat models and in-memory spans."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from agentkit.graphs.nodes import MAX_HISTORY
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from agentkit import Agent
from agentkit.answer import NO_MODEL_MESSAGE
from tests.conftest import ScriptedModelFactory

MIXED = "What is 2+2, and what is the capital of France?"


def spans_named(exporter: InMemorySpanExporter, prefix: str) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.name.startswith(prefix)]


def the_span(exporter: InMemorySpanExporter, name: str) -> ReadableSpan:
    found = [s for s in exporter.get_finished_spans() if s.name == name]
    assert len(found) == 1, [s.name for s in exporter.get_finished_spans()]
    return found[0]


# -- routes --------------------------------------------------------------------


def test_a_symbolic_question_makes_no_model_call(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model()  # an empty script: any call would fail the test
    answer = Agent(model=model).invoke("What is the gcd of 12 and 18?")
    assert (answer.answer, answer.route, answer.verified) == ("6", "symbolic", True)
    assert answer.fm_calls == 0
    assert answer.tokens == {"input": 0, "output": 0}
    assert model.prompts == []


def test_a_question_no_tool_understands_goes_to_the_model(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Paris", usage=(12, 3))
    answer = Agent(model=model).invoke("What is the capital of France?")
    assert (answer.answer, answer.route) == ("Paris", "model")
    assert answer.fm_calls == 1
    assert answer.tokens == {"input": 12, "output": 3}
    assert answer.verified is False
    assert [s.route for s in answer.steps] == ["model"]
    assert "What is the capital of France?" in model.prompt_texts()[0]


def test_without_a_model_an_unrecognized_step_is_declined_with_a_clear_message() -> None:
    answer = Agent(model="none").invoke("What is the capital of France?")
    assert answer.answer == NO_MODEL_MESSAGE == "no verified tool matched and no model is configured"
    assert (answer.route, answer.verified, answer.fm_calls) == ("none", False, 0)
    assert answer.steps[0].reason == "no tool family recognized the step"


def test_a_request_with_a_tool_step_and_a_model_step_is_mixed(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Paris", usage=(20, 1))
    answer = Agent(model=model).invoke(MIXED)
    assert answer.route == "mixed"
    assert [(s.route, s.result, s.verified) for s in answer.steps] == [
        ("symbolic", "4", True),
        ("model", "Paris", False),
    ]
    assert answer.answer == "What is 2+2 → 4 (verified)\nwhat is the capital of France? → Paris (not verified)"
    assert answer.verified is False  # one unverified step makes the whole answer unverified
    assert answer.fm_calls == 1


def test_the_model_is_asked_only_the_open_part_of_a_mixed_request(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Paris")
    Agent(model=model).invoke(MIXED)
    (prompt,) = model.prompt_texts()
    assert "2+2" not in prompt and "-> 4" not in prompt  # the other part is independent: not the model's
    assert prompt.rstrip().endswith("what is the capital of France?")


def test_the_model_sees_an_earlier_steps_result_its_step_builds_on(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("about 400 million")
    Agent(model=model).invoke("What is 2+2? What is that number of years ago in the history of Rome?")
    (prompt,) = model.prompt_texts()
    assert "What is 2+2? -> 4" in prompt


def test_a_mixed_request_without_a_model_is_mixed_and_unverified() -> None:
    answer = Agent(model="none").invoke(MIXED)
    assert answer.route == "mixed"
    assert [s.route for s in answer.steps] == ["symbolic", "none"]
    assert answer.verified is False
    assert answer.answer == f"What is 2+2 → 4 (verified)\nwhat is the capital of France? → not answered: {NO_MODEL_MESSAGE}"


def test_a_declined_step_says_what_a_family_understood_and_the_readings_it_saw() -> None:
    answer = Agent(model="none").invoke("what is 6/2(1+2)")
    assert answer.route == "none" and not answer.verified
    assert answer.answer.startswith(f"{NO_MODEL_MESSAGE}; math.")
    assert "÷" in answer.answer  # the two readings, written out


def test_a_model_that_raises_gives_an_answer_with_the_error_not_an_exception(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model(ConnectionError("provider is down"))
    answer = Agent(model=model).invoke("What is the capital of France?")
    assert answer.answer == "model call failed: could not reach the model 'scripted-model': provider is down"
    assert (answer.route, answer.verified, answer.fm_calls) == ("model", False, 1)
    assert answer.steps[0].result is None


def test_a_model_that_returns_no_text_is_reported(scripted_model: ScriptedModelFactory) -> None:
    answer = Agent(model=scripted_model("   ")).invoke("What is the capital of France?")
    assert answer.answer == "the model returned no text"
    assert answer.verified is False


def test_a_step_the_tool_understands_but_cannot_compute_says_it_is_too_large() -> None:
    answer = Agent(model="none").invoke("10**10**10")
    assert "too large" in answer.answer
    assert "no model is configured" in answer.answer
    assert (answer.route, answer.verified) == ("none", False)
    assert answer.steps[0].validation[0]["ok"] is False


def test_a_step_too_large_for_the_tool_goes_to_the_model_with_the_reason_as_hint(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("It has ten billion and one digits.")
    answer = Agent(model=model).invoke("What is 10**10**10?")
    assert (answer.route, answer.verified, answer.fm_calls) == ("model", False, 1)
    assert "too large" in model.prompt_texts()[0]


def test_a_follow_up_step_uses_the_previous_result() -> None:
    answer = Agent(model="none").invoke("What is 2**10, then divide that by 4")
    assert (answer.answer, answer.route, answer.verified) == ("256", "symbolic", True)
    assert [s.result for s in answer.steps] == ["1024", "256"]


def test_definitions_bind_names_for_later_steps_of_the_same_request() -> None:
    answer = Agent(model="none").invoke("Let h(q) = q**2 - 3. What is h(4)?")
    assert (answer.answer, answer.route, answer.verified) == ("13", "symbolic", True)


def test_an_empty_request_is_answered_with_a_message() -> None:
    answer = Agent(model="none").invoke("   ")
    assert answer.answer == "the request is empty: ask a question"
    assert (answer.route, answer.verified, answer.steps) == ("none", False, [])
    assert answer.error is not None


def test_a_request_that_is_not_text_is_a_developer_error() -> None:
    with pytest.raises(TypeError, match="takes the request as str"):
        Agent(model="none").invoke(b"What is 2+2?")  # type: ignore[arg-type]


# -- the tool's own check --------------------------------------------------------------


@dataclass
class PingFamily:
    """A tool family that reads "ping" whole and answers "pong"; its own check passes only when told to."""

    check_passes: bool = True
    execute_raises: bool = False
    name: str = "ping"

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if text.strip(" ?.").lower() != "ping":
            return None
        return Candidate(tool=self.name, operation="pong", spec={"text": text}, confidence=1.0,
                         span=(0, len(text)), complete=True, reason="whole step parsed as ping",
                         interpretation="ping")

    def execute(self, candidate: Candidate) -> ToolResult:
        if self.execute_raises:
            raise RuntimeError("a bug inside the tool")
        return ToolResult(tool=self.name, operation="pong", spec=candidate.spec, text="pong")

    def verify(self, result: ToolResult) -> Verdict:
        return Verdict(ok=self.check_passes, check="ping.pong",
                       detail="pong answers ping" if self.check_passes else "pong does not answer ping")

    def check(self, claim: Claim) -> Verdict:
        return Verdict(ok=False, check="ping.claim")


def test_a_family_object_answers_through_the_graph_when_its_check_passes() -> None:
    answer = Agent(model="none", tools=[PingFamily()]).invoke("ping")
    assert (answer.answer, answer.route, answer.verified) == ("pong", "symbolic", True)
    assert (answer.steps[0].tool, answer.steps[0].operation) == ("ping", "pong")


def test_families_named_and_given_as_objects_work_side_by_side() -> None:
    answer = Agent(model="none", tools=["math", PingFamily()]).invoke("ping. What is 2+2?")
    assert (answer.answer, answer.route, answer.verified) == ("pong; 4", "symbolic", True)


def test_a_result_whose_own_check_fails_is_never_delivered() -> None:
    answer = Agent(model="none", tools=[PingFamily(check_passes=False)]).invoke("ping")
    assert (answer.route, answer.verified) == ("none", False)
    assert answer.answer != "pong"
    assert "the tool's own check failed: pong does not answer ping" in answer.answer
    assert answer.steps[0].validation == [
        {"ok": False, "check": "ping.pong", "detail": "pong does not answer ping"}]


def test_a_result_whose_own_check_fails_goes_to_the_model_with_the_failure_as_hint(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("PONG")
    answer = Agent(model=model, tools=[PingFamily(check_passes=False)]).invoke("ping")
    assert (answer.answer, answer.route, answer.verified, answer.fm_calls) == ("PONG", "model", False, 1)
    assert "ping.pong: the tool's own check failed" in model.prompt_texts()[0]


def test_a_family_whose_execute_raises_gives_an_answer_not_an_exception() -> None:
    answer = Agent(model="none", tools=[PingFamily(execute_raises=True)]).invoke("ping")
    assert (answer.route, answer.verified) == ("none", False)


# -- the graph as a LangGraph object ------------------------------------------------


def test_the_agent_exposes_a_compiled_langgraph_graph() -> None:
    graph = Agent(model="none").graph
    assert isinstance(graph, CompiledStateGraph)
    assert {"plan", "route", "tool", "model", "validate", "compose"} <= set(graph.nodes)


def test_the_graph_can_be_invoked_directly_with_a_request() -> None:
    state = Agent(model="none").graph.invoke({"request": "What is the gcd of 12 and 18?"})
    assert state["answer"]["answer"] == "6"
    assert state["answer"]["route"] == "symbolic"
    assert state["answer"]["verified"] is True


# -- conversations through a checkpointer ------------------------------------------


@pytest.fixture(params=["memory", "sqlite"])
def checkpointer(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    if request.param == "memory":
        yield InMemorySaver()
        return
    connection = sqlite3.connect(tmp_path / "threads.sqlite", check_same_thread=False)
    try:
        yield SqliteSaver(connection)
    finally:
        connection.close()


def test_a_thread_keeps_bindings_across_turns(checkpointer: object) -> None:
    agent = Agent(model="none", checkpointer=checkpointer)  # type: ignore[arg-type]
    assert agent.invoke("Let x = 5.", thread_id="alice").answer == "x = 5"
    answer = agent.invoke("What is x*2?", thread_id="alice")
    assert (answer.answer, answer.route, answer.verified) == ("10", "symbolic", True)


def test_another_thread_does_not_see_the_bindings(checkpointer: object) -> None:
    agent = Agent(model="none", checkpointer=checkpointer)  # type: ignore[arg-type]
    agent.invoke("Let x = 5.", thread_id="alice")
    assert agent.invoke("What is x*2?", thread_id="bob").answer == "2*x"


def test_a_thread_keeps_only_the_last_turns_as_history() -> None:
    saver = InMemorySaver()
    agent = Agent(model="none", checkpointer=saver)
    for n in range(MAX_HISTORY + 5):
        agent.invoke(f"What is {n}+1?", thread_id="alice")
    history = agent.graph.get_state({"configurable": {"thread_id": "alice"}}).values["history"]
    assert len(history) == MAX_HISTORY
    assert history[-1] == {"request": f"What is {MAX_HISTORY + 4}+1?", "answer": str(MAX_HISTORY + 5)}


def test_a_sqlite_thread_survives_a_new_agent_on_the_same_file(tmp_path: Path) -> None:
    path = str(tmp_path / "threads.sqlite")
    with SqliteSaver.from_conn_string(path) as saver:
        Agent(model="none", checkpointer=saver).invoke("Let x = 7.", thread_id="alice")
    with SqliteSaver.from_conn_string(path) as saver:
        answer = Agent(model="none", checkpointer=saver).invoke("What is x*2?", thread_id="alice")
    assert answer.answer == "14"


def test_a_thread_id_without_a_checkpointer_keeps_the_conversation_in_memory() -> None:
    agent = Agent(model="none")
    agent.invoke("Let x = 5.", thread_id="alice")
    assert agent.invoke("What is x*2?", thread_id="alice").answer == "10"
    assert agent.invoke("What is x*2?", thread_id="bob").answer == "2*x"
    assert agent.invoke("What is x*2?").answer == "2*x"


def test_an_agent_with_a_checkpointer_still_answers_a_request_without_a_thread_id() -> None:
    answer = Agent(model="none", checkpointer=InMemorySaver()).invoke("What is 2+2?")
    assert answer.answer == "4"


# -- async ----------------------------------------------------------------------------


def test_ainvoke_answers_like_invoke() -> None:
    answer = asyncio.run(Agent(model="none").ainvoke("What is the gcd of 12 and 18?"))
    assert (answer.answer, answer.route, answer.verified) == ("6", "symbolic", True)


def test_ainvoke_keeps_a_thread_across_turns() -> None:
    agent = Agent(model="none")

    async def conversation() -> str:
        await agent.ainvoke("Let x = 5.", thread_id="alice")
        return (await agent.ainvoke("What is x*2?", thread_id="alice")).answer

    assert asyncio.run(conversation()) == "10"


def test_ainvoke_still_refuses_a_result_too_large_to_compute() -> None:
    # off the main thread the time limit runs the computation in a child process
    answer = asyncio.run(Agent(model="none").ainvoke("What is 10**10**10?"))
    assert "too large" in answer.answer
    assert answer.verified is False


# -- spans ------------------------------------------------------------------------------


def test_a_symbolic_request_records_invoke_plan_route_tool_and_validate_spans(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=tracer_provider).invoke("What is the gcd of 12 and 18?")
    assert [s.name for s in exporter.get_finished_spans()] == [
        "agentkit.plan",
        "agentkit.route",
        "execute_tool math.gcd",
        "agentkit.validate",
        "invoke_agent agentkit",
    ]
    tool = the_span(exporter, "execute_tool math.gcd")
    assert tool.kind == SpanKind.INTERNAL
    assert tool.attributes["gen_ai.tool.name"] == "math"
    assert tool.attributes["gen_ai.tool.type"] == "function"


def test_every_span_descends_from_the_invoke_agent_span(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model("Paris"), tracer_provider=tracer_provider).invoke(MIXED)
    spans = exporter.get_finished_spans()
    root = the_span(exporter, "invoke_agent agentkit")
    assert root.parent is None
    by_id = {s.context.span_id: s for s in spans}
    for span in spans:
        if span is root:
            continue
        assert span.context.trace_id == root.context.trace_id, span.name
        ancestor = span
        while ancestor.parent is not None:
            ancestor = by_id[ancestor.parent.span_id]
        assert ancestor is root, span.name


def test_the_invoke_span_names_the_agent_and_the_conversation(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=tracer_provider).invoke("What is 2+2?", thread_id="alice")
    root = the_span(exporter, "invoke_agent agentkit")
    assert root.attributes["gen_ai.operation.name"] == "invoke_agent"
    assert root.attributes["gen_ai.agent.name"] == "agentkit"
    assert root.attributes["gen_ai.conversation.id"] == "alice"


def test_the_plan_span_counts_the_steps(tracer_provider: TracerProvider,
                                        exporter: InMemorySpanExporter) -> None:
    Agent(model="none", tracer_provider=tracer_provider).invoke("Let x = 2. What is x+1?")
    assert the_span(exporter, "agentkit.plan").attributes["agentkit.plan.steps"] == 2


def test_route_spans_record_the_route_and_whether_a_model_call_was_avoided(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model("Paris"), tracer_provider=tracer_provider).invoke(MIXED)
    symbolic, to_model = spans_named(exporter, "agentkit.route")
    assert symbolic.attributes["agentkit.offload.route"] == "symbolic"
    assert symbolic.attributes["agentkit.offload.fm_avoided"] is True
    assert symbolic.attributes["agentkit.offload.tool"] == "math"
    assert symbolic.attributes["agentkit.offload.confidence"] == 1.0
    assert symbolic.attributes["agentkit.offload.threshold"] == 1.0
    assert to_model.attributes["agentkit.offload.route"] == "model"
    assert to_model.attributes["agentkit.offload.fm_avoided"] is False
    assert to_model.attributes["agentkit.offload.reason"] == "no tool family recognized the step"


def test_a_model_call_is_a_client_chat_span_with_token_usage(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model("Paris", usage=(12, 3)), tracer_provider=tracer_provider).invoke(
        "What is the capital of France?")
    chat = the_span(exporter, "chat scripted-model")
    assert chat.kind == SpanKind.CLIENT
    assert chat.attributes["gen_ai.operation.name"] == "chat"
    assert chat.attributes["gen_ai.request.model"] == "scripted-model"
    assert chat.attributes["gen_ai.usage.input_tokens"] == 12
    assert chat.attributes["gen_ai.usage.output_tokens"] == 3
    assert spans_named(exporter, "execute_tool") == []


def test_a_failed_model_call_marks_its_span_with_the_error_type(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model(TimeoutError("slow")), tracer_provider=tracer_provider).invoke(
        "What is the capital of France?")
    assert the_span(exporter, "chat scripted-model").attributes["error.type"] == "TimeoutError"


def test_the_validate_span_records_the_verdict(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=tracer_provider).invoke("What is 2+2?")
    validate = the_span(exporter, "agentkit.validate")
    assert validate.attributes["agentkit.validation.verdict"] == "pass"
    assert validate.attributes["agentkit.validation.claims"] == 1
    assert validate.attributes["agentkit.validation.failed"] == 0


def test_answer_trace_id_is_the_invoke_span_trace_id_in_32_hex(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    answer = Agent(model="none", tracer_provider=tracer_provider).invoke("What is 2+2?")
    root = the_span(exporter, "invoke_agent agentkit")
    assert answer.trace_id == format(root.context.trace_id, "032x")
    assert len(answer.trace_id) == 32


def test_each_request_is_its_own_trace(tracer_provider: TracerProvider,
                                       exporter: InMemorySpanExporter) -> None:
    agent = Agent(model="none", tracer_provider=tracer_provider)
    first, second = agent.invoke("What is 2+2?"), agent.invoke("What is 3+3?")
    assert first.trace_id != second.trace_id
    assert len(spans_named(exporter, "invoke_agent")) == 2


def test_a_message_content_is_not_recorded_by_default(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model("Paris is the capital"), tracer_provider=tracer_provider).invoke(
        "What is the capital of France?")
    for span in exporter.get_finished_spans():
        for value in span.attributes.values():
            assert "capital" not in str(value), span.name


def test_langgraph_json_names_a_factory_of_the_compiled_graph() -> None:
    import json
    from importlib import import_module
    from pathlib import Path

    from langgraph.graph.state import CompiledStateGraph

    config = json.loads((Path(__file__).resolve().parents[2] / "langgraph.json").read_text(encoding="utf-8"))
    path, _, name = config["graphs"]["agentkit"].partition(":")
    assert path == "./graphs/offload.py"
    graph = getattr(import_module("agentkit.graphs.offload"), name)()
    assert isinstance(graph, CompiledStateGraph)
    assert graph.invoke({"request": "What is 2+2?"})["answer"]["answer"] == "4"
