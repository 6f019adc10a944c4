"""The offload graph's model nodes: split a request, translate a step for a tool, answer it, judge the answer.

Each node is a plain function ``node(state, deps) -> updates`` like those in
`agentkit.graphs.nodes`; every model call stays within the request's `Budget`. The model's answer
has an async twin, `aask_model`, for the graph's async path (``ainvoke``/``astream``): it awaits the
model and streams its tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentkit.graphs.deps import Deps
from agentkit.graphs.parts import records_of_part
from agentkit.graphs.state import OffloadState, StepRecord, advance, candidate_state, spend
from agentkit.tools.registry import Registry
from opentelemetry.trace import SpanKind

from agentkit import planner
from agentkit.models.calls import ModelCallFailed, error_type, guard
from agentkit.tracing import (
    record_chat_request,
    record_chat_response,
    record_error,
    record_usage,
    record_validation,
)

__all__ = ["ANSWER_PROMPT", "TOKEN", "aask_model", "ask_model", "replan", "translate", "validate"]

ANSWER_PROMPT = (
    "You answer one step of a user's request. Be brief and exact; end with the final answer on its own line."
)
"""The system prompt for a step the model answers itself."""

TOKEN = "token"
"""The key of the model's text in what `aask_model` writes to LangGraph's stream writer."""


def replan(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """The model splits a request the rules could not; its steps are routed like any others.

    Returns the budget's updates, and ``steps`` when the model found more than one.
    """
    from agentkit.models.translate import propose_plan

    with deps.tracer.start_as_current_span(f"chat {deps.model_name}", kind=SpanKind.CLIENT) as span:
        span.set_attribute("agentkit.model.purpose", "plan")
        record_chat_request(span, deps.model, [], content=deps.trace_content)
        try:
            texts, usage = propose_plan(model := _guarded(state, deps, span), state["request"])
        except Exception as exc:
            record_error(span, error_type(exc), str(exc))
            texts, usage = None, {}
        record_usage(span, usage)
    updates = _spend(state, usage, model)
    if texts and len(texts) > 1:
        updates["steps"] = [{"text": s.text, "uses_previous": s.uses_previous} for s in planner.steps_from(texts)]
    return updates


def translate(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """The model turns the step into a request a tool family accepts whole; the tool will compute.

    A translation that brings numbers the step and its context do not hold is rejected before any tool
    runs (`agentkit.models.translate.ungrounded_complaint`); a rejected translation, or one the tool
    refused, goes back to the model with the complaint on the next attempt.
    """
    from agentkit.models.translate import propose, ungrounded_complaint

    current = dict(state["current"])
    current["attempts"] = current.get("attempts", 0) + 1
    registry = deps.selector.registry
    context_text = _context_text(state)
    with deps.tracer.start_as_current_span(f"chat {deps.model_name}", kind=SpanKind.CLIENT) as span:
        record_chat_request(span, deps.model, [], content=deps.trace_content)
        span.set_attribute("agentkit.model.purpose", "translate")
        try:
            proposal, usage = propose(model := _guarded(state, deps, span), current["text"], registry=registry,
                                      context=context_text, error=_complaint(current))
        except Exception as exc:
            record_error(span, error_type(exc), str(exc))
            proposal, usage = None, {}
            if isinstance(exc, ModelCallFailed):  # failed for good, retries spent: asking again cannot help
                current.update(model_failure=f"model call failed: {exc}", attempts=deps.budget.translations)
        record_usage(span, usage)
    updates = _spend(state, usage, model)
    candidate = None
    complaint = None
    if proposal is not None and proposal.family in registry.names():
        complaint = ungrounded_complaint(proposal, current["text"], registry=registry, context=context_text)
    if proposal is not None and proposal.family in registry.names() and complaint is None:
        context = deps.context(state)
        candidate = registry[proposal.family].recognize(proposal.request, context)
    if candidate is not None and candidate.complete and candidate.confidence >= deps.selector.threshold:
        current.update(route="model+tool", tool=candidate.tool, operation=candidate.operation,
                       confidence=candidate.confidence, candidate=candidate_state(candidate),
                       translation=proposal.request, error=None,
                       reason=f"the model translated the step into {proposal.request!r}; {candidate.reason}")
    else:
        said = f" {proposal.request!r}" if proposal is not None else ""
        current.update(candidate=None, translation=None,
                       error=complaint or f"the model's translation{said} is not something a tool accepts")
    return {**updates, "current": current}


def _complaint(current: StepRecord) -> str | None:
    """What the model is told about its previous attempt: a refusal by the tool names the refused request."""
    error, translation = current.get("error"), current.get("translation")
    if error and translation:  # the tool ran the translation and refused it: the translation was wrong
        return f"the tool refused {translation!r}: {error}; that request does not compute what was asked"
    return error


def ask_model(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """The model answers the step itself (unverified until `validate` checks its claims)."""
    current, messages, declined = _model_question(state, deps)
    if declined is not None:
        return declined
    with deps.tracer.start_as_current_span(f"chat {deps.model_name}", kind=SpanKind.CLIENT) as span:
        record_chat_request(span, deps.model, messages, content=deps.trace_content)
        try:
            reply = (model := _guarded(state, deps, span)).invoke(messages)
        except Exception as exc:
            return _model_failed(state, current, span, exc, model)
        record_chat_response(span, reply, content=deps.trace_content)
    return _model_replied(state, current, reply, model)


async def aask_model(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """`ask_model` on the graph's async path: the call awaits the model's stream, and each piece of text is
    written to LangGraph's stream writer as ``{"token": text}`` (``Agent.astream`` yields them as they arrive)."""
    current, messages, declined = _model_question(state, deps)
    if declined is not None:
        return declined
    with deps.tracer.start_as_current_span(f"chat {deps.model_name}", kind=SpanKind.CLIENT) as span:
        record_chat_request(span, deps.model, messages, content=deps.trace_content)
        try:
            reply = await _streamed_reply(model := _guarded(state, deps, span), messages)
        except Exception as exc:
            return _model_failed(state, current, span, exc, model)
        record_chat_response(span, reply, content=deps.trace_content)
    return _model_replied(state, current, reply, model)


def _model_question(state: OffloadState, deps: Deps) -> tuple[StepRecord, list[tuple[str, str]], dict[str, Any] | None]:
    """The step as the model will see it and the messages to send; or, past the budget, the declined step."""
    assert deps.model is not None, "the graph routes to the model only when one is configured"
    current = dict(state["current"])
    failed = _complaint(current) if current.get("attempts") else None  # a translation was tried and failed
    current.update(route="model", tool=None, operation=None, confidence=None, verified=False, validation=[],
                   interpretation=None)
    if failed:  # the tool's refusal of the translation is not the answer: the model answers, or the step declines
        current.update(reason=f"the model answers the step itself, unverified; its translation failed: {failed}",
                       translation=None)
    stop = deps.refused(state) or current.get("model_failure")
    if stop:
        declined = "no answer: " + stop + ("; the model's translation of the step failed" if failed else "")
        current.update(result=None, error=declined, reason=declined if failed else current.get("reason"))
        return current, [], {"current": current}  # type: ignore[return-value]
    messages = _messages(state, current)  # type: ignore[arg-type]
    reask = current.pop("reask", None)
    if reask:
        messages += [("ai", state["current"].get("result") or ""), ("human", reask)]
    return current, messages, None  # type: ignore[return-value]


def _model_failed(state: OffloadState, current: StepRecord, span: Any, exc: Exception, model: Any) -> dict[str, Any]:
    record_error(span, error_type(exc), str(exc))
    said = str(exc) if isinstance(exc, ModelCallFailed) else f"{type(exc).__name__}: {exc}"
    current.update(result=None, error=f"model call failed: {said}")
    return {**_spend(state, {}, model), "current": current}


def _guarded(state: OffloadState, deps: Deps, span: Any) -> Any:
    """The model, its calls held to the request's time and model calls left (`agentkit.models.calls.guard`)."""
    left = deps.budget.model_calls - state.get("fm_calls", 0)
    return guard(deps.model, deadline=state.get("deadline", float("inf")), calls_left=left, span=span)


def _spend(state: OffloadState, usage: dict[str, int], model: Any) -> dict[str, Any]:
    """`spend`, with every retry the guarded model made counted as a model call."""
    updates = spend(state, usage)
    updates["fm_calls"] += max(0, getattr(model, "attempts", 1) - 1)
    return updates


def _model_replied(state: OffloadState, current: StepRecord, reply: Any, model: Any) -> dict[str, Any]:
    usage = getattr(reply, "usage_metadata", None) or {}
    text = reply.text if isinstance(getattr(reply, "text", None), str) else str(reply.content)
    current.update(result=text.strip() or None, error=None if text.strip() else "the model returned no text")
    spent = {"input": int(usage.get("input_tokens", 0)), "output": int(usage.get("output_tokens", 0))}
    return {**_spend(state, spent, model), "current": current}


async def _streamed_reply(model: Any, messages: list[tuple[str, str]]) -> Any:
    """The model's whole reply from its async stream, each piece of text written out as it arrives."""
    from langchain_core.messages import AIMessageChunk

    write = _stream_writer()
    reply = None
    async for chunk in model.astream(messages):
        piece = chunk.text if isinstance(getattr(chunk, "text", None), str) else str(chunk.content)
        if piece:
            write({TOKEN: piece})
        reply = chunk if reply is None else reply + chunk
    return reply if reply is not None else AIMessageChunk(content="")


def _stream_writer() -> Callable[[Any], None]:
    """LangGraph's stream writer inside a graph run; a no-op when the node runs alone (a unit test)."""
    try:
        from langgraph.config import get_stream_writer

        return get_stream_writer()
    except RuntimeError:
        return lambda _chunk: None


def validate(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """Judge every claim in the model's answer; a failed claim goes back to the model once, then is repaired."""
    current = dict(state["current"])
    with deps.tracer.start_as_current_span("agentkit.validate") as span:
        report = None
        if current["route"] == "model" and current.get("result"):
            report = _judge_model_text(current, registry=deps.selector.registry)  # type: ignore[arg-type]
        record_validation(span, current, content=deps.trace_content)
    if report is not None and report.failed:
        from agentkit.claims import reask_message, repair

        if current.get("reasks", 0) < deps.budget.reasks and deps.refused(state) is None:
            current["reasks"] = current.get("reasks", 0) + 1
            current["reask"] = reask_message(report)
            return {"current": current}  # the router sends it back to the model
        current["result"] = repair(current["result"], report)
        current["reason"] = (f"{len(report.failed)} claim(s) in the model's answer failed; the tools' values "
                             "replaced them, and the answer stays unverified")
    return advance(state, current)  # type: ignore[arg-type]


def _judge_model_text(current: StepRecord, *, registry: Registry) -> Any:
    """Re-check every claim in the model's text through the registry's families; returns the report.

    The text counts as verified only when it had claims, all of them passed, and
    one of them was its final answer to a question a tool could answer.
    """
    from agentkit.claims import check

    report = check(current["result"] or "", question=current["text"], registry=registry)
    current["validation"] = [claim.to_dict() for claim in report.claims]
    failed = [claim for claim in report.claims if not claim.ok]
    answer_checked = any(claim.kind == "answer" and claim.ok for claim in report.claims)
    current["verified"] = bool(report.claims) and not failed and answer_checked
    return report


def _context_text(state: OffloadState) -> str | None:
    lines = [f"{r['text']} -> {r['result']}" for r in records_of_part(state) if r.get("result")]
    return "\n".join(lines) or None


def _messages(state: OffloadState, current: StepRecord) -> list[tuple[str, str]]:
    # the thread's last turns, so that a follow-up no tool could resolve ("and for 9?") reaches the model with them
    lines = [f"Earlier in this conversation: {turn['request']} -> {turn['answer']}"
             for turn in (state.get("history") or [])[-3:]]
    for record in records_of_part(state):  # a part of a mixed request sees no other part's results
        if record.get("result"):
            lines.append(f"Earlier step: {record['text']} -> {record['result']}")
    if current.get("hint"):
        lines.append(f"Hint from a symbolic tool: {current['hint']}")
    lines.append(current["text"])
    return [("system", ANSWER_PROMPT), ("human", "\n".join(lines))]
