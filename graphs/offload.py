"""The offload graph: plan → route → (tool | model) → validate → … → compose, as one LangGraph `StateGraph`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer
from opentelemetry.trace import SpanKind, Tracer

from agentkit.answer import NO_MODEL_MESSAGE
from agentkit.graphs.state import OffloadState, StepRecord
from agentkit.planner import plan as plan_request
from agentkit.selector import Selector
from agentkit.tools.base import Candidate, Context, ToolResult, Verdict
from agentkit.tracing import (record_chat_request, record_chat_response, record_error, record_route, record_tool,
                              record_validation)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["build_offload_graph", "MAX_HISTORY"]

logger = logging.getLogger(__name__)

MAX_HISTORY = 20
SKIPPED_REASON = "not attempted: an earlier step could not be answered"
_PROMPT = (
    "You answer one step of a user's request. Be brief and exact; end with the final answer on its own line."
)


def build_offload_graph(
    selector: Selector,
    *,
    model: BaseChatModel | None,
    tracer: Tracer,
    checkpointer: Checkpointer = None,
) -> CompiledStateGraph:
    """Build and compile the graph; the nodes close over the selector, the model and the tracer."""

    def plan(state: OffloadState) -> dict[str, Any]:
        with tracer.start_as_current_span("agentkit.plan") as span:
            steps = [{"text": s.text, "uses_previous": s.uses_previous} for s in plan_request(state["request"])]
            span.set_attribute("agentkit.plan.steps", len(steps))
        return {"steps": steps, "index": 0, "records": [], "current": {}, "fm_calls": 0,
                "tokens": {"input": 0, "output": 0}, "answer": {}}

    def route(state: OffloadState) -> dict[str, Any]:
        steps, index = state["steps"], state["index"]
        step = steps[index]
        previous = state.get("previous") if step["uses_previous"] else None
        context = Context(bindings=state.get("bindings") or {}, previous=previous)
        with tracer.start_as_current_span("agentkit.route") as span:
            decision = selector.select(step["text"], context, has_model=model is not None)
            current: StepRecord = {"text": step["text"], "uses_previous": step["uses_previous"],
                                   "reason": decision.reason, "validation": [], "verified": False,
                                   "result": None, "tool": None, "operation": None, "confidence": None}
            if decision.route == "tool" and decision.chosen is not None:
                chosen = decision.chosen
                current.update(route="symbolic", tool=chosen.tool, operation=chosen.operation,
                               confidence=chosen.confidence, candidate=_candidate_to_state(chosen))
            elif decision.route == "model":
                # the rest of the request goes to the model as one step: later steps may depend on this one
                rest = " ".join(s["text"] for s in steps[index:])
                current.update(route="model", text=rest, hint=_hint_text(decision.hint))
            else:
                current.update(route="none", result=None)
            record_route(span, decision, route=current["route"], fm_avoided=current["route"] == "symbolic")
        return {"current": current}

    def after_route(state: OffloadState) -> Literal["tool", "model", "validate"]:
        return {"symbolic": "tool", "model": "model"}.get(state["current"]["route"], "validate")  # type: ignore[return-value]

    def tool(state: OffloadState) -> dict[str, Any]:
        current = dict(state["current"])
        candidate = Candidate(**current.pop("candidate"))
        family = selector.registry[candidate.tool]
        with tracer.start_as_current_span(f"execute_tool {candidate.tool}.{candidate.operation}") as span:
            record_tool(span, candidate)
            try:
                result = family.execute(candidate)
                verdict = family.verify(result)
            except Exception as exc:  # a family bug declines the step; it never takes the request down
                logger.exception("tool family %r failed on a step", candidate.tool)
                result = ToolResult(tool=candidate.tool, operation=candidate.operation, spec=candidate.spec,
                                    text=f"the {candidate.tool} tool failed: {type(exc).__name__}",
                                    error=type(exc).__name__)
                verdict = Verdict(ok=False, check=f"{candidate.tool}.{candidate.operation}", detail=result.text)
            record_tool(span, candidate, result, verdict)
        current.update(validation=[verdict.to_dict()], verified=verdict.ok)
        if verdict.ok:
            current.update(result=result.text, bindings=dict(result.bindings), defines=bool(result.bindings))
            return {"current": current}
        current["error"] = result.text if result.error else f"the tool's own check failed: {verdict.detail}"
        if model is not None:
            current.update(route="model", hint=f"{candidate.tool}.{candidate.operation}: {current['error']}")
        else:
            current.update(route="none", result=None)
        return {"current": current}

    def after_tool(state: OffloadState) -> Literal["model", "validate"]:
        return "model" if state["current"]["route"] == "model" else "validate"

    def call_model(state: OffloadState) -> dict[str, Any]:
        assert model is not None
        current = dict(state["current"])
        name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
        tokens = dict(state.get("tokens") or {"input": 0, "output": 0})
        with tracer.start_as_current_span(f"chat {name}", kind=SpanKind.CLIENT) as span:
            messages = _messages(state, current)
            record_chat_request(span, model, messages)
            try:
                reply = model.invoke(messages)
            except Exception as exc:  # a provider failure is an answer, not a crash
                record_error(span, type(exc).__name__, str(exc))
                current.update(result=None, error=f"model call failed: {type(exc).__name__}: {exc}")
                return {"current": current, "fm_calls": state.get("fm_calls", 0) + 1}
            usage = getattr(reply, "usage_metadata", None) or {}
            tokens["input"] += int(usage.get("input_tokens", 0))
            tokens["output"] += int(usage.get("output_tokens", 0))
            record_chat_response(span, reply)
        text = reply.text if isinstance(getattr(reply, "text", None), str) else str(reply.content)
        current.update(result=text.strip() or None, error=None if text.strip() else "the model returned no text")
        return {"current": current, "fm_calls": state.get("fm_calls", 0) + 1, "tokens": tokens}

    def validate(state: OffloadState) -> dict[str, Any]:
        current = dict(state["current"])
        with tracer.start_as_current_span("agentkit.validate") as span:
            if current["route"] == "model":
                current["verified"] = False  # model text is unverified until claim validators pass it
            record_validation(span, current)
        updates: dict[str, Any] = {"records": [*state["records"], current], "current": {}}
        index = state["index"] + 1
        if current["route"] == "symbolic" and current.get("verified"):
            if current.get("bindings"):
                updates["bindings"] = {**(state.get("bindings") or {}), **current["bindings"]}
            updates["previous"] = current.get("result")
        else:
            index = len(state["steps"])  # nothing after a failed or model-answered step runs on its own
        updates["index"] = index
        return updates

    def after_validate(state: OffloadState) -> Literal["route", "compose"]:
        return "route" if state["index"] < len(state["steps"]) else "compose"

    def compose(state: OffloadState) -> dict[str, Any]:
        answer = compose_answer(state)
        history = [*(state.get("history") or []), {"request": state["request"], "answer": answer["answer"]}]
        return {"answer": answer, "history": history[-MAX_HISTORY:]}

    graph = StateGraph(OffloadState)
    graph.add_node("plan", plan)
    graph.add_node("route", route)
    graph.add_node("tool", tool)
    graph.add_node("model", call_model)
    graph.add_node("validate", validate)
    graph.add_node("compose", compose)
    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", lambda s: "route" if s["steps"] else "compose", ["route", "compose"])
    graph.add_conditional_edges("route", after_route, ["tool", "model", "validate"])
    graph.add_conditional_edges("tool", after_tool, ["model", "validate"])
    graph.add_edge("model", "validate")
    graph.add_conditional_edges("validate", after_validate, ["route", "compose"])
    graph.add_edge("compose", END)
    return graph.compile(checkpointer=checkpointer, name="agentkit")


def _candidate_to_state(candidate: Candidate) -> dict[str, Any]:
    return {"tool": candidate.tool, "operation": candidate.operation, "spec": candidate.spec,
            "confidence": candidate.confidence, "span": list(candidate.span), "complete": candidate.complete,
            "reason": candidate.reason}


def _hint_text(candidate: Candidate | None) -> str | None:
    if candidate is None:
        return None
    return f"{candidate.tool}.{candidate.operation} understood part of the step: {candidate.reason}"


def _messages(state: OffloadState, current: StepRecord) -> list[tuple[str, str]]:
    lines = []
    for record in state["records"]:
        if record.get("result"):
            lines.append(f"Earlier step: {record['text']} -> {record['result']}")
    if current.get("hint"):
        lines.append(f"Hint from a symbolic tool: {current['hint']}")
    lines.append(current["text"])
    return [("system", _PROMPT), ("human", "\n".join(lines))]


def compose_answer(state: OffloadState) -> dict[str, Any]:
    """The answer fields the graph knows (latency and trace ids are the caller's)."""
    records = list(state.get("records") or [])
    ran = len(records)
    planned = state.get("steps") or []
    if ran and records[-1]["route"] == "model":
        ran = len(planned)  # the model step took the rest of the request
    for step in planned[ran:]:
        records.append({"text": step["text"], "route": "none", "result": None, "verified": False,
                        "reason": SKIPPED_REASON, "validation": [], "uses_previous": step["uses_previous"]})
    steps = [_public_step(r) for r in records]
    if not steps:
        return {"answer": "the request is empty: ask a question", "route": "none", "verified": False,
                "fm_calls": 0, "tokens": {"input": 0, "output": 0}, "steps": [], "error": "empty request"}
    routes = {s["route"] for s in steps}
    route = routes.pop() if len(routes) == 1 else "mixed"
    failed = [r for r in records if r["route"] == "none" or r.get("result") is None]
    if failed:
        first = failed[0]
        detail = first.get("error")
        if detail and first["route"] == "none":
            text = f"{detail} (a tool understood the step but could not answer it, and no model is configured)"
        else:
            text = detail or NO_MODEL_MESSAGE
    else:
        text = "; ".join(_final_results(records))
    return {
        "answer": text,
        "route": route,
        "verified": not failed and all(s["verified"] for s in steps),
        "fm_calls": state.get("fm_calls", 0),
        "tokens": dict(state.get("tokens") or {"input": 0, "output": 0}),
        "steps": steps,
        "error": None,
    }


def _final_results(records: list[StepRecord]) -> list[str]:
    """Results a person asked for: not definitions, not results a later step consumed."""
    finals = []
    for i, record in enumerate(records):
        consumed = i + 1 < len(records) and records[i + 1].get("uses_previous")
        if record.get("defines") or consumed:
            continue
        finals.append(str(record["result"]))
    return finals or [str(records[-1]["result"])]


_PUBLIC = ("text", "route", "tool", "operation", "confidence", "reason", "result", "verified", "validation")


def _public_step(record: StepRecord) -> dict[str, Any]:
    step = {key: record.get(key) for key in _PUBLIC}
    step["verified"] = bool(step["verified"])
    step["validation"] = list(step["validation"] or [])
    return step
