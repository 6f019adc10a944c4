"""The offload graph, as one LangGraph `StateGraph`.

    plan → route → tool ──────────────→ route (next step) | compose    the tool's own check passed
                 → translate → tool ──→ compose                        model+tool: a rejected translation
                                                                       goes back to translate, within budget
                 → model → validate ──→ compose                        claims re-checked; a failed claim
                                                                       goes back to the model once
A tool step that fails falls back to the model (translate, then answer) or, with no model, is declined.
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING, Any, Literal

from agentkit.graphs.compose import compose_answer
from agentkit.graphs.state import OffloadState, StepRecord
from agentkit.tools.base import REFERENCE, Candidate, Context, ToolResult, Verdict
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer
from opentelemetry.trace import SpanKind, Tracer

from agentkit.config import Budget
from agentkit.planner import plan as plan_request
from agentkit.selector import Selector
from agentkit.tracing import (
    record_chat_request,
    record_chat_response,
    record_error,
    record_route,
    record_tool,
    record_usage,
    record_validation,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["build_offload_graph", "make_graph", "MAX_HISTORY"]

logger = logging.getLogger(__name__)

MAX_HISTORY = 20
UNCHECKED_TRANSLATION = "the tool verified its computation, but not that the translation means what was asked"
_PROMPT = (
    "You answer one step of a user's request. Be brief and exact; end with the final answer on its own line."
)


def build_offload_graph(
    selector: Selector,
    *,
    model: BaseChatModel | None,
    tracer: Tracer,
    checkpointer: Checkpointer = None,
    budget: Budget | None = None,
) -> CompiledStateGraph:
    """Build and compile the graph; the nodes close over the selector, the model, the tracer and the budget."""
    budget = budget or Budget()
    model_name = _model_name(model)

    def refused(state: OffloadState) -> str | None:
        return budget.allows(fm_calls=state.get("fm_calls", 0), tokens=sum((state.get("tokens") or {}).values()),
                             deadline=state.get("deadline", float("inf")), now=time.time())

    def plan(state: OffloadState) -> dict[str, Any]:
        with tracer.start_as_current_span("agentkit.plan") as span:
            steps = [{"text": s.text, "uses_previous": s.uses_previous} for s in plan_request(state["request"])]
            span.set_attribute("agentkit.plan.steps", len(steps))
        return {"steps": steps, "index": 0, "records": [], "current": {}, "fm_calls": 0,
                "tokens": {"input": 0, "output": 0}, "answer": {}, "deadline": time.time() + budget.seconds}

    def route(state: OffloadState) -> dict[str, Any]:
        steps, index = state["steps"], state["index"]
        step = steps[index]
        previous = state.get("previous") if step["uses_previous"] else None
        context = Context(bindings=state.get("bindings") or {}, previous=previous)
        updates: dict[str, Any] = {}
        with tracer.start_as_current_span("agentkit.route") as span:
            decision = selector.select(step["text"], context, has_model=model is not None)
            if decision.route == "model" and len(steps) == 1 and _compound(step["text"]) and refused(state) is None:
                updates = replan(state)
                if updates.get("steps"):
                    steps, step = updates["steps"], updates["steps"][0]
                    decision = selector.select(step["text"], context, has_model=True)
            current: StepRecord = {"text": step["text"], "uses_previous": step["uses_previous"],
                                   "reason": decision.reason, "validation": [], "verified": False,
                                   "result": None, "tool": None, "operation": None, "confidence": None,
                                   "attempts": 0, "reasks": 0}
            if decision.route == "tool" and decision.chosen is not None:
                chosen = decision.chosen
                current.update(route="symbolic", tool=chosen.tool, operation=chosen.operation,
                               confidence=chosen.confidence, candidate=_candidate_to_state(chosen))
            elif decision.route == "model":
                # the rest of the request goes to the model as one step: later steps may depend on this one
                rest = " ".join(s["text"] for s in steps[index:])
                current.update(route="model+tool" if _translatable(rest, decision) else "model", text=rest,
                               hint=_hint_text(decision.hint))
            else:
                current.update(route="none", result=None)
            record_route(span, decision, route=current["route"], fm_avoided=current["route"] == "symbolic")
        return {**updates, "current": current}

    def replan(state: OffloadState) -> dict[str, Any]:
        """The model splits a request the rules could not; its steps are routed like any others."""
        from agentkit.models.translate import propose_plan

        with tracer.start_as_current_span(f"chat {model_name}", kind=SpanKind.CLIENT) as span:
            span.set_attribute("agentkit.model.purpose", "plan")
            record_chat_request(span, model, [])
            try:
                texts, usage = propose_plan(model, state["request"])
            except Exception as exc:  # a provider failure leaves the deterministic plan in place
                record_error(span, type(exc).__name__, str(exc))
                texts, usage = None, {}
            record_usage(span, usage)
        updates = _spend(state, usage)
        if texts and len(texts) > 1:
            updates["steps"] = [{"text": t, "uses_previous": i > 0 and bool(REFERENCE.search(t))}
                                for i, t in enumerate(texts)]
        return updates

    def after_route(state: OffloadState) -> Literal["tool", "translate", "model", "validate"]:
        return _ROUTE_NODE.get(state["current"]["route"], "validate")  # type: ignore[return-value]

    def translate(state: OffloadState) -> dict[str, Any]:
        """The model turns the step into a request a tool family accepts whole; the tool will compute."""
        from agentkit.models.translate import propose, schemas_from

        current = dict(state["current"])
        current["attempts"] = current.get("attempts", 0) + 1
        with tracer.start_as_current_span(f"chat {model_name}", kind=SpanKind.CLIENT) as span:
            record_chat_request(span, model, [])
            span.set_attribute("agentkit.model.purpose", "translate")
            try:
                proposal, usage = propose(model, current["text"], families=selector.registry.names(),
                                          context=_context_text(state), error=current.get("error"),
                                          schemas=schemas_from(selector.registry))
            except Exception as exc:  # a provider failure is a failed attempt, not a crash
                record_error(span, type(exc).__name__, str(exc))
                proposal, usage = None, {}
            record_usage(span, usage)
        updates = _spend(state, usage)
        candidate = None
        if proposal is not None and proposal.family in selector.registry.names():
            context = Context(bindings=state.get("bindings") or {})
            candidate = selector.registry[proposal.family].recognize(proposal.request, context)
        if candidate is not None and candidate.complete and candidate.confidence >= selector.threshold:
            current.update(route="model+tool", tool=candidate.tool, operation=candidate.operation,
                           confidence=candidate.confidence, candidate=_candidate_to_state(candidate),
                           translation=proposal.request, error=None,
                           reason=f"the model translated the step into {proposal.request!r}; {candidate.reason}")
        else:
            said = f" {proposal.request!r}" if proposal is not None else ""
            current.update(candidate=None, error=f"the model's translation{said} is not something a tool accepts")
        return {**updates, "current": current}

    def after_translate(state: OffloadState) -> Literal["tool", "translate", "model"]:
        current = state["current"]
        if current.get("candidate"):
            return "tool"
        if current["attempts"] < budget.translations and refused(state) is None:
            return "translate"
        return "model"

    def tool(state: OffloadState) -> dict[str, Any]:
        """Execute, then the tool's own independent check; a verified result moves straight on."""
        current = dict(state["current"])
        candidate = Candidate(**current.pop("candidate"))
        family = selector.registry[candidate.tool]
        with tracer.start_as_current_span(f"execute_tool {candidate.tool}.{candidate.operation}") as span:
            record_tool(span, candidate)
            result = _guarded(candidate, family.execute, candidate)
            verdict = _verify(candidate, family, result)
            record_tool(span, candidate, result, verdict)
        # a translated step stays unverified: the tool checked its computation, not the model's translation
        translated = current["route"] == "model+tool"
        current.update(validation=[verdict.to_dict()], verified=verdict.ok and not translated)
        if verdict.ok and translated:
            current["reason"] = f"{current['reason']}; {UNCHECKED_TRANSLATION}"
        with tracer.start_as_current_span("agentkit.validate") as span:
            record_validation(span, current)
        if verdict.ok:
            current.update(result=result.text, bindings=dict(result.bindings), error=None)
            return _advance(state, current)
        current["error"] = result.text if result.error else f"the tool's own check failed: {verdict.detail}"
        if current["route"] == "model+tool":
            return {"current": current}  # after_tool decides: translate again, or let the model answer
        if model is not None:
            current.update(route="model", hint=f"{candidate.tool}.{candidate.operation}: {current['error']}")
        else:
            current.update(route="none", result=None)
        return {"current": current}

    def after_tool(state: OffloadState) -> Literal["translate", "model", "validate", "route", "compose"]:
        current = state["current"]
        if not current:  # verified and recorded
            return "route" if state["index"] < len(state["steps"]) else "compose"
        if current["route"] == "model+tool":
            if current["attempts"] < budget.translations and refused(state) is None:
                return "translate"
            return "model"
        return "model" if current["route"] == "model" else "validate"

    def call_model(state: OffloadState) -> dict[str, Any]:
        assert model is not None
        current = dict(state["current"])
        current.update(route="model", tool=None, operation=None, confidence=None, verified=False, validation=[])
        stop = refused(state)
        if stop:
            current.update(result=None, error=stop)
            return {"current": current}
        with tracer.start_as_current_span(f"chat {model_name}", kind=SpanKind.CLIENT) as span:
            messages = _messages(state, current)
            reask = current.pop("reask", None)
            if reask:
                messages += [("ai", state["current"].get("result") or ""), ("human", reask)]
            record_chat_request(span, model, messages)
            try:
                reply = model.invoke(messages)
            except Exception as exc:  # a provider failure is an answer, not a crash
                record_error(span, type(exc).__name__, str(exc))
                current.update(result=None, error=f"model call failed: {type(exc).__name__}: {exc}")
                return {**_spend(state, {}), "current": current}
            record_chat_response(span, reply)
        usage = getattr(reply, "usage_metadata", None) or {}
        text = reply.text if isinstance(getattr(reply, "text", None), str) else str(reply.content)
        current.update(result=text.strip() or None, error=None if text.strip() else "the model returned no text")
        spent = {"input": int(usage.get("input_tokens", 0)), "output": int(usage.get("output_tokens", 0))}
        return {**_spend(state, spent), "current": current}

    def validate(state: OffloadState) -> dict[str, Any]:
        current = dict(state["current"])
        with tracer.start_as_current_span("agentkit.validate") as span:
            report = None
            if current["route"] == "model" and current.get("result"):
                report = _check_model_text(current, databases=_databases(selector))
            record_validation(span, current)
        if report is not None and report.failed:
            from agentkit.validators import reask_message, repair

            if current.get("reasks", 0) < budget.reasks and refused(state) is None:
                current["reasks"] = current.get("reasks", 0) + 1
                current["reask"] = reask_message(report)
                return {"current": current}  # after_validate sends it back to the model
            current["result"] = repair(current["result"], report)
            current["reason"] = (f"{len(report.failed)} claim(s) in the model's answer failed; the tools' values "
                                 "replaced them, and the answer stays unverified")
        return _advance(state, current)

    def after_validate(state: OffloadState) -> Literal["model", "route", "compose"]:
        if state["current"].get("reask"):
            return "model"
        return "route" if state["index"] < len(state["steps"]) else "compose"

    def compose(state: OffloadState) -> dict[str, Any]:
        answer = compose_answer(state)
        history = [*(state.get("history") or []), {"request": state["request"], "answer": answer["answer"]}]
        return {"answer": answer, "history": history[-MAX_HISTORY:]}

    graph = StateGraph(OffloadState)
    graph.add_node("plan", plan)
    graph.add_node("route", route)
    graph.add_node("translate", translate)
    graph.add_node("tool", tool)
    graph.add_node("model", call_model)
    graph.add_node("validate", validate)
    graph.add_node("compose", compose)
    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", lambda s: "route" if s["steps"] else "compose", ["route", "compose"])
    graph.add_conditional_edges("route", after_route, ["tool", "translate", "model", "validate"])
    graph.add_conditional_edges("translate", after_translate, ["tool", "translate", "model"])
    graph.add_conditional_edges("tool", after_tool, ["translate", "model", "validate", "route", "compose"])
    graph.add_edge("model", "validate")
    graph.add_conditional_edges("validate", after_validate, ["model", "route", "compose"])
    graph.add_edge("compose", END)
    return graph.compile(checkpointer=checkpointer, name="agentkit")


_ROUTE_NODE = {"symbolic": "tool", "model+tool": "translate", "model": "model"}
# a step worth translating: it has numbers, or names something a tool computes on
_COMPUTATIONAL = re.compile(
    r"\d|\b(?:regex|regular expression|pattern|sql|query|table|database|convert|how many|how much)\b",
    re.IGNORECASE,
)


def _guarded(candidate: Candidate, execute: Any, *args: Any) -> ToolResult:
    """``execute(*args)``, with a family's bug turned into a failed result instead of a crash."""
    try:
        return execute(*args)
    except Exception as exc:  # a family bug declines the step; it never takes the request down
        logger.exception("tool family %r failed on a step", candidate.tool)
        return ToolResult(tool=candidate.tool, operation=candidate.operation, spec=candidate.spec,
                          text=f"the {candidate.tool} tool failed: {type(exc).__name__}", error=type(exc).__name__)


def _verify(candidate: Candidate, family: Any, result: ToolResult) -> Verdict:
    """The tool's own check of ``result``; a failed execution or a failing check gives a failed verdict."""
    check = f"{candidate.tool}.{candidate.operation}"
    if result.error is not None:
        return Verdict(ok=False, check=check, detail=result.text)
    try:
        return family.verify(result)
    except Exception as exc:  # a bug in a check fails the check
        logger.exception("tool family %r failed while checking a result", candidate.tool)
        return Verdict(ok=False, check=check, detail=f"the check failed: {type(exc).__name__}")


def _advance(state: OffloadState, current: StepRecord) -> dict[str, Any]:
    """Record the finished step and move to the next; after a step no tool verified, nothing else runs alone."""
    updates: dict[str, Any] = {"records": [*state["records"], current], "current": {}}
    index = state["index"] + 1
    if current["route"] == "symbolic" and current.get("verified"):
        if current.get("bindings"):
            updates["bindings"] = {**(state.get("bindings") or {}), **current["bindings"]}
        updates["previous"] = current.get("result")
    else:
        index = len(state["steps"])
    updates["index"] = index
    return updates


_JOINED = re.compile(r"\b(?:and|then|also|after that)\b|[;,]", re.IGNORECASE)


def _compound(text: str) -> bool:
    """A single step that looks like several: joined clauses with numbers, worth asking the model to split."""
    return bool(_JOINED.search(text)) and any(ch.isdigit() for ch in text)


def _translatable(text: str, decision: Any) -> bool:
    return decision.hint is not None or bool(_COMPUTATIONAL.search(text))


def _spend(state: OffloadState, usage: dict[str, int]) -> dict[str, Any]:
    tokens = dict(state.get("tokens") or {"input": 0, "output": 0})
    tokens["input"] += int(usage.get("input", 0))
    tokens["output"] += int(usage.get("output", 0))
    return {"fm_calls": state.get("fm_calls", 0) + 1, "tokens": tokens}


def _model_name(model: BaseChatModel | None) -> str:
    if model is None:
        return "none"
    return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)


def _databases(selector: Selector) -> dict[str, str] | None:
    if "sql" not in selector.registry.names():
        return None
    return dict(getattr(selector.registry["sql"], "databases", None) or {}) or None


def _context_text(state: OffloadState) -> str | None:
    lines = [f"{r['text']} -> {r['result']}" for r in state["records"] if r.get("result")]
    return "\n".join(lines) or None


def _check_model_text(current: StepRecord, *, databases: dict[str, str] | None) -> Any:
    """Re-check every claim in the model's text (see `agentkit.validators`); returns the report.

    The text counts as verified only when it had claims, all of them passed, and
    one of them was its final answer to a question a tool could answer.
    """
    from agentkit.validators import check

    report = check(current["result"], question=current["text"], databases=databases)
    current["validation"] = [claim.to_dict() for claim in report.claims]
    failed = [claim for claim in report.claims if not claim.ok]
    answer_checked = any(claim.kind == "answer" and claim.ok for claim in report.claims)
    current["verified"] = bool(report.claims) and not failed and answer_checked
    return report


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


def make_graph() -> CompiledStateGraph:
    """The default agent's graph, for LangGraph's server (see ``langgraph.json``); no checkpointer: the server has one."""
    from agentkit.agent import Agent

    return Agent().graph
