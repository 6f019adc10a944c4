"""agentkit inside a LangChain agent: a middleware that answers before the model and re-checks what it writes.

    >>> from langchain.agents import create_agent
    >>> from agentkit.langchain import AgentkitMiddleware
    >>> agent = create_agent(model, middleware=[AgentkitMiddleware()])
    >>> reply = agent.invoke({"messages": [("user", "convert 5 miles to km")]})["messages"][-1]
    >>> reply.content, reply.response_metadata["agentkit"]["verified"]      # no model call was made
    ('8.04672 km', True)

Before each model call that answers a user turn (``wrap_model_call``), the turn goes through agentkit's
own graph with no model: when every step of it is answered by a tool and verified, that answer is the
reply, with the answer object in ``response_metadata["agentkit"]``, and the model is not called. Otherwise
the model answers, and after it (``after_model``) the claims in its text are re-checked by the tool
families, repaired in place (``[corrected from …]``) or flagged, as the graph's own ``validate`` does,
and the verdicts go in ``response_metadata["agentkit"]``. The spans are agentkit's: a turn a tool answered
has exactly `agentkit.Agent`'s trace; a turn the model answered is one ``invoke_agent agentkit`` trace with
``agentkit.route``, ``chat <model>`` and ``agentkit.validate``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from langchain.agents.middleware import AgentMiddleware, AgentState, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, HumanMessage
from langgraph.runtime import Runtime
from opentelemetry import trace
from opentelemetry.trace import NoOpTracerProvider, SpanKind, TracerProvider

from agentkit.agent import Agent
from agentkit.answer import Answer
from agentkit.claims import check, repair
from agentkit.tools.base import Context, ToolFamily
from agentkit.tools.langchain import as_langchain_tools
from agentkit.tracing import (
    get_tracer,
    model_name,
    record_chat_request,
    record_chat_response,
    record_invoke,
    record_route,
    record_validation,
)

__all__ = ["METADATA_KEY", "AgentkitMiddleware"]

METADATA_KEY = "agentkit"
"""The key of ``AIMessage.response_metadata`` that carries agentkit's answer object or verdicts."""


class AgentkitMiddleware(AgentMiddleware):
    """Verified tools before the model, symbolic checks after it, for ``langchain.agents.create_agent``.

    Args:
        tools: the tool families (names or objects; all built-in families when omitted).
        databases: SQLite files the SQL family may read, by name (read-only).
        tracer_provider: where spans go; the global provider when omitted.
        trace_content: record message content on spans (``None``: the standard environment variable).
        offer_tools: also give the model each family as a LangChain tool (`agentkit.tools.langchain`), for
            a model that calls tools.
    """

    def __init__(self, *, tools: Iterable[str | ToolFamily] | None = None,
                 databases: Mapping[str, str | Path] | None = None,
                 tracer_provider: TracerProvider | None = None, trace_content: bool | None = None,
                 offer_tools: bool = False) -> None:
        super().__init__()
        self.agent = Agent(model="none", tools=tools, databases=databases, tracer_provider=tracer_provider,
                           trace_content=trace_content)
        # the same families, untraced: deciding whether the tools answer a turn is recorded only when they do
        self._quiet = Agent(model="none", tools=list(self.agent.registry), tracer_provider=NoOpTracerProvider())
        self._tracer = get_tracer(tracer_provider)
        self.tools = as_langchain_tools(self.agent.registry) if offer_tools else []

    # -- before the model -------------------------------------------------------------------------------

    def wrap_model_call(self, request: ModelRequest,
                        handler: Callable[[ModelRequest], ModelResponse]) -> ModelResponse | AIMessage:
        """A user turn the tools answer whole is answered here; any other call goes to the model, traced."""
        turn = _user_turn(request.messages)
        if turn is None:
            return handler(request)
        text, history = turn
        answered = self._answer(text, history)
        if answered is not None:
            return answered
        with self._model_turn(request, text) as keep:
            response = handler(request)
            keep(response)
        return response

    async def awrap_model_call(self, request: ModelRequest,
                               handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
                               ) -> ModelResponse | AIMessage:
        """`wrap_model_call` for ``ainvoke``/``astream``: the tools run in a worker thread."""
        turn = _user_turn(request.messages)
        if turn is None:
            return await handler(request)
        text, history = turn
        answered = await asyncio.to_thread(self._answer, text, history)
        if answered is not None:
            return answered
        with self._model_turn(request, text) as keep:
            response = await handler(request)
            keep(response)
        return response

    def _answer(self, text: str, history: list[dict[str, str]]) -> AIMessage | None:
        """The reply when every step of the turn is answered by a tool and verified, else ``None``."""
        if not _all_verified(self._quiet.invoke(text, history=history)):
            return None
        answer = self.agent.invoke(text, history=history)  # again, traced: the turn's trace is agentkit's own
        if not _all_verified(answer):
            return None
        return AIMessage(content=answer.answer, name=METADATA_KEY,
                         response_metadata={METADATA_KEY: answer.to_dict()},
                         usage_metadata={"input_tokens": 0, "output_tokens": 0, "total_tokens": 0})

    @contextmanager
    def _model_turn(self, request: ModelRequest, text: str) -> Iterator[Callable[[Any], None]]:
        """The spans of a turn the model answers: ``invoke_agent agentkit`` holding ``agentkit.route`` and
        ``chat <model>``. The caller passes the model's response to the function it is given; the reply is
        marked with the turn's span, so that ``after_model``'s ``agentkit.validate`` joins the same trace."""
        tracer, content = self._tracer, self.agent.trace_content
        responses: list[Any] = []
        with tracer.start_as_current_span("invoke_agent agentkit") as span:
            span.set_attributes({"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "agentkit"})
            with tracer.start_as_current_span("agentkit.route") as route:
                decision = self.agent.selector.select(text, Context(today=date.today()), has_model=True)
                record_route(route, decision, route="model", fm_avoided=False)
            with tracer.start_as_current_span(f"chat {model_name(request.model)}", kind=SpanKind.CLIENT) as chat:
                record_chat_request(chat, request.model, [("human", text)], content=content)
                yield responses.append
                reply = _reply(responses[0]) if responses else None
                if reply is not None:
                    record_chat_response(chat, reply, content=content)
            if reply is None:
                return
            usage = reply.usage_metadata or {}
            tokens = {"input": int(usage.get("input_tokens", 0)), "output": int(usage.get("output_tokens", 0))}
            record_invoke(span, {"route": "model", "verified": False, "fm_calls": 1, "tokens": tokens,
                                 "steps": [{"text": text}], "answer": _text(reply)},
                          request=text, model=request.model, content=content)
            ids = span.get_span_context()
            if ids.is_valid:
                reply.response_metadata[METADATA_KEY] = {"route": "model", "trace_id": f"{ids.trace_id:032x}",
                                                         "span_id": f"{ids.span_id:016x}"}

    # -- after the model --------------------------------------------------------------------------------

    def after_model(self, state: AgentState, runtime: Runtime[Any]) -> dict[str, Any] | None:
        """Re-check the claims in the model's reply; repair a wrong value in place or flag it."""
        messages = state["messages"]
        reply = messages[-1] if messages else None
        if not isinstance(reply, AIMessage):
            return None
        metadata = dict(reply.response_metadata.get(METADATA_KEY) or {})
        if metadata.get("route") == "symbolic":
            return None  # a tool's verified answer
        text = _text(reply)
        if not text.strip():
            return None  # tool calls only: their results come back to the model
        question = _last_human(messages[:-1])
        with self._tracer.start_as_current_span("agentkit.validate", context=_parent(metadata)) as span:
            report = check(text, question=question, registry=self.agent.registry)
            validation = [claim.to_dict() for claim in report.claims]
            answer_checked = any(claim.kind == "answer" and claim.ok for claim in report.claims)
            verified = report.verified and answer_checked
            record_validation(span, {"validation": validation, "verified": verified, "route": "model"},
                              content=self.agent.trace_content)
        metadata.update(route="model", verified=verified, validation=validation, repaired=bool(report.failed))
        content = text
        if report.failed:
            content = repair(text, report)
            flags = [f"[not verified: {claim.text!r}: {claim.detail}]"
                     for claim in report.failed if claim.replacement is None]
            content = "\n\n".join([content, *flags]) if flags else content
        updated = reply.model_copy(update={
            "content": content, "response_metadata": {**reply.response_metadata, METADATA_KEY: metadata}})
        return {"messages": [updated]}

    async def aafter_model(self, state: AgentState, runtime: Runtime[Any]) -> dict[str, Any] | None:
        """`after_model` in a worker thread."""
        return await asyncio.to_thread(self.after_model, state, runtime)


def _all_verified(answer: Answer) -> bool:
    return (answer.route == "symbolic" and answer.verified and not answer.error
            and all(step.route == "symbolic" and step.verified for step in answer.steps))


def _user_turn(messages: list[AnyMessage]) -> tuple[str, list[dict[str, str]]] | None:
    """The text of the last message when it is the user's (a new turn), with the conversation before it."""
    if not messages or not isinstance(messages[-1], HumanMessage):
        return None
    text = _text(messages[-1])
    if not text.strip():
        return None
    roles = {"human": "user", "ai": "assistant", "system": "system"}
    history = [{"role": roles[m.type], "content": _text(m)} for m in messages[:-1]
               if m.type in roles and _text(m).strip()]
    return text, history


def _last_human(messages: list[AnyMessage]) -> str | None:
    return next((_text(m) for m in reversed(messages) if isinstance(m, HumanMessage)), None)


def _text(message: BaseMessage) -> str:
    return message.text if isinstance(message.text, str) else str(message.content)


def _reply(response: Any) -> AIMessage | None:
    if isinstance(response, AIMessage):
        return response
    messages = getattr(response, "result", None) or getattr(getattr(response, "model_response", None), "result", [])
    return next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)


def _parent(metadata: Mapping[str, Any]) -> Any:
    """The context of the model turn's ``invoke_agent`` span, from the ids ``finish`` put on the reply."""
    try:
        trace_id, span_id = int(metadata["trace_id"], 16), int(metadata["span_id"], 16)
    except (KeyError, TypeError, ValueError):
        return None
    parent = trace.SpanContext(trace_id=trace_id, span_id=span_id, is_remote=False,
                               trace_flags=trace.TraceFlags(trace.TraceFlags.SAMPLED))
    return trace.set_span_in_context(trace.NonRecordingSpan(parent))
