"""The offload graph's symbolic nodes: plan a request, route a step, run a tool, compose the answer.

Each node is a plain function ``node(state, deps) -> updates``; `agentkit.graphs.offload`
binds ``deps`` and wires them. The model's nodes are in `agentkit.graphs.model_nodes`.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from agentkit.graphs.compose import compose_answer
from agentkit.graphs.deps import Deps
from agentkit.graphs.model_nodes import replan
from agentkit.graphs.state import OffloadState, StepRecord, advance, candidate_state
from agentkit.tools.base import Candidate, ToolFamily, ToolResult, Verdict

from agentkit import planner
from agentkit.errors import ToolInputError
from agentkit.selector import MODEL_ROUTES
from agentkit.tracing import record_route, record_tool, record_validation

__all__ = ["MAX_HISTORY", "NO_INTERPRETATION", "UNCHECKED_TRANSLATION", "compose", "plan", "route", "tool"]

logger = logging.getLogger(__name__)

MAX_HISTORY = 20
UNCHECKED_TRANSLATION = "the tool verified its computation, but not that the translation means what was asked"
NO_INTERPRETATION = "the tool gave no interpretation of the step"
_INCOMPLETE = "the tool's reading does not account for the whole step"


def plan(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """Split the request into steps (`agentkit.planner.plan`) and start the request's budget."""
    with deps.tracer.start_as_current_span("agentkit.plan") as span:
        steps = [{"text": s.text, "uses_previous": s.uses_previous, "declined": s.declined}
                 for s in planner.plan(state["request"])]
        span.set_attribute("agentkit.plan.steps", len(steps))
    return {"steps": steps, "index": 0, "records": [], "current": {}, "fm_calls": 0,
            "tokens": {"input": 0, "output": 0}, "answer": {}, "deadline": time.time() + deps.budget.seconds}


def route(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """Route the next step (`agentkit.selector.Selector`); a lone step that looks like several is split first.

    A step for the model takes the rest of the request with it: later steps may depend on it.
    """
    steps, index = state["steps"], state["index"]
    step = steps[index]
    context = deps.context(state, previous=state.get("previous") if step["uses_previous"] else None)
    has_model = deps.model is not None
    updates: dict[str, Any] = {}
    if step.get("declined"):  # the planner found no step a tool may answer (an unclear retraction)
        return {"current": _declined(step, steps, index, has_model=has_model)}
    with deps.tracer.start_as_current_span("agentkit.route") as span:
        decision = deps.selector.select(step["text"], context, has_model=has_model, model_text=_rest(steps, index))
        if (decision.route in MODEL_ROUTES and len(steps) == 1 and planner.looks_compound(step["text"])
                and deps.refused(state) is None):
            updates = replan(state, deps)
            if updates.get("steps"):
                steps, step = updates["steps"], updates["steps"][0]
                decision = deps.selector.select(step["text"], context, has_model=has_model,
                                                model_text=_rest(steps, index))
        current: StepRecord = {"text": step["text"], "uses_previous": step["uses_previous"],
                               "route": decision.route, "reason": decision.reason, "validation": [],
                               "verified": False, "result": None, "tool": None, "operation": None,
                               "confidence": None, "attempts": 0, "reasks": 0}
        if decision.route == "symbolic" and decision.chosen is not None:
            chosen = decision.chosen
            current.update(tool=chosen.tool, operation=chosen.operation, confidence=chosen.confidence,
                           candidate=candidate_state(chosen))
        elif decision.route in MODEL_ROUTES:
            current.update(text=_rest(steps, index), hint=_hint_text(decision.hint))
        else:  # declined: what a family understood (or the readings it saw) is the person's explanation
            current.update(hint=_hint_text(decision.hint))
        record_route(span, decision, route=current["route"], fm_avoided=current["route"] == "symbolic")
    return {**updates, "current": current}


def tool(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """Execute, then the tool's own independent check; a verified result moves straight on.

    A failed symbolic step falls back to the model (or, with no model, is declined with the tool's reason);
    a failed translated step is left for the router to translate again or hand to the model. A refusal
    (``ToolResult.error``) and a candidate without an interpretation (a reading nobody can check) or not
    complete are failed checks: never verified.
    """
    current = dict(state["current"])
    candidate = Candidate(**current.pop("candidate"))
    family = deps.selector.registry[candidate.tool]
    content = deps.trace_content
    current["interpretation"] = candidate.interpretation.strip() or None
    with deps.tracer.start_as_current_span(f"execute_tool {candidate.tool}.{candidate.operation}") as span:
        record_tool(span, candidate, content=content)
        unread = _unread(candidate)
        if unread is None:
            result = _execute(family, candidate, strict=deps.strict)
            verdict = _verify(family, candidate, result, strict=deps.strict)
        else:
            result = ToolResult(tool=candidate.tool, operation=candidate.operation, spec=candidate.spec,
                                text=unread, error="NoInterpretation" if candidate.complete else "Incomplete")
            verdict = Verdict(ok=False, check=f"{candidate.tool}.{candidate.operation}", detail=unread)
        record_tool(span, candidate, result, verdict, content=content)
    # a translated step stays unverified: the tool checked its computation, not the model's translation
    translated = current["route"] == "model+tool"
    ok = verdict.ok and result.error is None
    current.update(validation=[verdict.to_dict()], verified=ok and not translated)
    if verdict.ok and translated:
        current["reason"] = f"{current['reason']}; {UNCHECKED_TRANSLATION}"
    with deps.tracer.start_as_current_span("agentkit.validate") as span:
        record_validation(span, current, content=content)
    if ok:
        current.update(result=result.text, bindings=dict(result.bindings), error=None)
        return advance(state, current)  # type: ignore[arg-type]
    current["error"] = result.text if result.error else f"the tool's own check failed: {verdict.detail}"
    if translated:
        return {"current": current}
    if deps.model is not None:  # the model answers; the tool's reading is not the answer's
        current.update(route="model", interpretation=None,
                       hint=f"{candidate.tool}.{candidate.operation}: {current['error']}")
    else:  # declined: the tool's reason is the step's reason
        current.update(route="none", result=None, verified=False, reason=current["error"])
    return {"current": current}


def compose(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """The answer object from the records, and the conversation's history (the last `MAX_HISTORY` turns)."""
    answer = compose_answer(state)
    history = [*(state.get("history") or []), {"request": state["request"], "answer": answer["answer"]}]
    return {"answer": answer, "history": history[-MAX_HISTORY:]}


def _declined(step: Any, steps: list[Any], index: int, *, has_model: bool) -> StepRecord:
    """A step the planner declined: the model's to answer (unverified), or with no model, no one's."""
    return {"text": _rest(steps, index) if has_model else step["text"], "uses_previous": step["uses_previous"],
            "route": "model" if has_model else "none", "reason": step["declined"], "validation": [],
            "verified": False, "result": None, "tool": None, "operation": None, "confidence": None,
            "attempts": 0, "reasks": 0, "error": step["declined"], "hint": None}


def _rest(steps: list[Any], index: int) -> str:
    return " ".join(s["text"] for s in steps[index:])


def _hint_text(candidate: Candidate | None) -> str | None:
    if candidate is None:
        return None
    return f"{candidate.tool}.{candidate.operation} understood part of the step: {candidate.reason}"


def _unread(candidate: Candidate) -> str | None:
    """Why ``candidate`` must not run as a verified step (no interpretation, not complete); ``None`` when it may."""
    if not candidate.complete:
        return _INCOMPLETE
    if not candidate.interpretation.strip():
        return NO_INTERPRETATION
    return None


def _execute(family: ToolFamily, candidate: Candidate, *, strict: bool) -> ToolResult:
    """``family.execute(candidate)``; a refusal or (unless ``strict``) a family's bug becomes a failed result."""
    try:
        return family.execute(candidate)
    except ToolInputError as exc:  # the tool refused the input: its message is meant for the person
        text = str(exc) or f"the {candidate.tool} tool refused the step"
        error = type(exc).__name__
    except Exception as exc:  # a family bug declines the step; it never takes the request down
        if strict:
            raise
        logger.exception("tool family %r failed on a step", candidate.tool)
        text, error = f"the {candidate.tool} tool failed: {type(exc).__name__}", type(exc).__name__
    return ToolResult(tool=candidate.tool, operation=candidate.operation, spec=candidate.spec, text=text, error=error)


def _verify(family: ToolFamily, candidate: Candidate, result: ToolResult, *, strict: bool) -> Verdict:
    """The tool's own check of ``result``; a failed execution or a failing check gives a failed verdict."""
    check = f"{candidate.tool}.{candidate.operation}"
    if result.error is not None:
        return Verdict(ok=False, check=check, detail=result.text)
    try:
        return family.verify(result)
    except Exception as exc:  # a check that raises fails the check; unless strict, so does a bug in it
        if strict and not isinstance(exc, ToolInputError):
            raise
        if not isinstance(exc, ToolInputError):
            logger.exception("tool family %r failed while checking a result", candidate.tool)
        return Verdict(ok=False, check=check, detail=f"the check failed: {type(exc).__name__}")
