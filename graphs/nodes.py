"""The offload graph's symbolic nodes: plan a request, route a step, run a tool, compose the answer.

Each node is a plain function ``node(state, deps) -> updates``; `agentkit.graphs.offload`
binds ``deps`` and wires them. The model's nodes are in `agentkit.graphs.model_nodes`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any

from agentkit.graphs.compose import compose_answer, final_results
from agentkit.graphs.deps import Deps
from agentkit.graphs.model_nodes import replan
from agentkit.graphs.state import OffloadState, StepRecord, advance, candidate_state
from agentkit.tools.base import Candidate, ToolFamily, ToolResult, Verdict

from agentkit import arguments, earlier, followup, planner
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
    """Split the request into steps (`agentkit.planner.plan`) and start the request's budget.

    A follow-up that gives the previous request a new argument ("and 10 miles?") is planned as that request
    rewritten (`agentkit.followup.by_argument`); the previous turn's result is the first step's "it".
    """
    last = state.get("last")
    request, note, declined = _follow_up_request(state["request"], last, deps)
    with deps.tracer.start_as_current_span("agentkit.plan") as span:
        planned = planner.plan(request) if declined is None else [planner.PlannedStep(text=request, declined=declined)]
        steps = [{"text": s.text, "uses_previous": s.uses_previous, "declined": s.declined, "note": None}
                 for s in planned]
        if steps and note:
            steps[0]["note"] = note
        span.set_attribute("agentkit.plan.steps", len(steps))
    return {"steps": steps, "index": 0, "records": [], "current": {}, "fm_calls": 0, "planned": request,
            "previous": (last.get("exact") or last.get("value")) if last else None,
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
        decision, read, note, items, unclear = _follow_up(state, deps, step, decision, model_text=_rest(steps, index))
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
        if read is not None:
            current.update(read=read, reason=f"{decision.reason}; read as '{read}'")
        if items is not None:
            current.update(items=items)
        if decision.route == "symbolic" and decision.chosen is not None:
            chosen = decision.chosen
            if note and chosen.interpretation.strip():  # the interpretation says what it took from before
                chosen = dataclasses.replace(chosen, interpretation=f"{note}; {chosen.interpretation}")
            current.update(tool=chosen.tool, operation=chosen.operation, confidence=chosen.confidence,
                           candidate=candidate_state(chosen))
        elif decision.route in MODEL_ROUTES:
            current.update(text=_rest(steps, index), hint=_hint_text(decision.hint))
        else:  # declined: what a family understood (or the readings it saw) is the person's explanation
            current.update(hint=_hint_text(decision.hint))
            if index == 0 and not followup.usable(state.get("previous")) and followup.looks_like_follow_up(step["text"]):
                current.update(reason=followup.NO_PREVIOUS, error=followup.NO_PREVIOUS)
            elif unclear:  # "the first" after three answers: which is unclear, and the person is told why
                current.update(reason=unclear, error=unclear)
        record_route(span, decision, route=current["route"], fm_avoided=current["route"] == "symbolic",
                     text=step["text"], content=deps.trace_content)
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
        record_tool(span, candidate, result, verdict, content=content, family=family)
    unclear = followup.unresolved(result.text, state.get("unresolved") or [], state.get("bindings") or {})
    if unclear and verdict.ok and result.error is None and not result.bindings:  # "x*y" after a turn that tried to give x a value
        result = dataclasses.replace(result, text=unclear, error="UnresolvedName")
    # a translated step stays unverified: the tool checked its computation, not the model's translation
    translated = current["route"] == "model+tool"
    ok = verdict.ok and result.error is None
    current.update(validation=[verdict.to_dict()], verified=ok and not translated)
    if verdict.ok and translated:
        current["reason"] = f"{current['reason']}; {UNCHECKED_TRANSLATION}"
    with deps.tracer.start_as_current_span("agentkit.validate") as span:
        record_validation(span, current, content=content)
    if ok:
        current.update(result=result.text, bindings=dict(result.bindings), error=None, exact=_exact(family, result))
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
    unresolved = list(state.get("unresolved") or [])
    if not answer.get("verified"):  # names a turn no tool answered mentioned ("x = 3, y = 4")
        unresolved = sorted(set(unresolved) | followup.names(state["request"]))[:MAX_HISTORY]
    last = _last_turn(state, answer, deps)
    own = ((last.get("exact") if last["value"] == last["result"] else None) or last["result"]
           if last and followup.usable(last["result"]) and not followup.is_list(last["result"]) else None)
    answers = [*(state.get("answers") or []), own]  # each turn's one value, for "those two", "the first"
    return {"answer": answer, "history": history[-MAX_HISTORY:], "last": last, "unresolved": unresolved,
            "answers": answers[-MAX_HISTORY:]}


def _last_turn(state: OffloadState, answer: dict[str, Any], deps: Deps) -> dict[str, str | None] | None:
    """What a follow-up may refer to: the request and its one verified result; ``None`` otherwise."""
    records = state.get("records") or []
    finals = final_results(records) if answer.get("verified") and records else []
    if len(finals) != 1:
        return None
    request = (records[0].get("read") if len(records) == 1 else None) or state.get("planned") or state["request"]
    last, follow = state.get("last") or {}, len(records) == 1 and bool(records[0].get("read"))
    value, value_source = finals[0], "the previous answer"
    exact = records[-1].get("exact") if records[-1].get("result") == value else None  # the value, when its text rounds it
    if not followup.usable(value, records[-1].get("interpretation")):  # a truth value, a numeral in another base
        value_source = "what the previous question was about"
        if follow:  # a question about "it" ("is that prime?") leaves "it" as it was
            value, exact = last.get("value"), last.get("exact")
        else:  # "is 221 prime?", "100 in binary": the one number asked about
            value = arguments.subject(request, finals[0], records[-1].get("interpretation")) if len(records) == 1 else None
            exact = None
    items = finals[0] if followup.is_list(finals[0]) else followup.items_of(finals[0])
    source, found_by = "the previous answer", request if items else None
    if records[-1].get("items"):  # "add 21 to the list, ...": the list it made is "the new list"
        items, source, found_by = records[-1]["items"], "the list the previous turn made", None
    if items is None and follow:  # "and their product?" after "what's their sum"
        items, source, found_by = last.get("items"), last.get("items_source") or source, last.get("items_found_by")
    elif items is None and len(records) == 1:  # "gcd of 84 and 120", then "and their lcm?"
        items, source = arguments.numbers_of(request, kind=deps.kind_of), "the numbers of the previous request"
    return {"request": request, "result": finals[0], "value": value, "exact": exact, "value_source": value_source,
            "items": items,
            "items_source": source, "items_found_by": found_by}


def _follow_up_request(request: str, last: Any, deps: Deps) -> tuple[str, str | None, str | None]:
    """``request``, or the previous request with its new argument; with the note, or why it is declined.

    A turn that only gives names values ("x = 3, y = 4") is planned as the definitions a tool reads."""
    if (defined := earlier.as_definitions(request)) is not None:
        return defined, None, None
    previous = last["request"] if last else ""
    rewrite = (arguments.by_argument(request, previous, kind=deps.kind_of)
               or arguments.by_element(request, previous, kind=deps.kind_of)
               or arguments.by_reversal(request, previous, kind=deps.kind_of))
    if rewrite is None:
        return request, None, None
    if last is None:
        return request.strip(), None, followup.NO_PREVIOUS
    if rewrite.text is None:
        return request.strip(), None, rewrite.note
    return rewrite.text, rewrite.note, None


def _follow_up(state: OffloadState, deps: Deps, step: Any, decision: Any, *,
               model_text: str) -> tuple[Any, str | None, str | None, str | None, str | None]:
    """The decision for a step no tool read whole that refers to the previous result ("now double it"):
    the step read with the result in place of "it" (`agentkit.followup.by_reference`), when a tool reads
    that whole; else ``decision``. Returns the decision, the text read (or ``None``), the note, the list
    the reading made (``"3, 5, 7, 9, 21"`` after "add 21 to the list, ..."), if any, and why a reference
    it does make is unclear, if it is ("the first" after three answers)."""
    note = step.get("note")
    first = state["index"] == 0 and not note
    previous = state.get("previous")
    items = (state.get("last") or {}).get("items") if first else None
    if decision.route != "symbolic" and first and (own := followup.without_connectives(step["text"])):
        read = deps.selector.select(own, deps.context(state), has_model=deps.model is not None, model_text=model_text)
        if read.route == "symbolic":  # "and x cubed minus x?": a request of its own, after a connective
            return read, own, None, None, None
    if decision.route == "symbolic" or not (step["uses_previous"] or first):
        return decision, None, note, None, None
    if step["uses_previous"] and not followup.usable(previous, (state.get("records") or [{}])[-1].get("interpretation")):
        return decision, None, note, None, None
    unclear = None
    for rewrite in _rewrites(state, step, previous, items, first=first):
        if rewrite is None or rewrite.text is None:
            unclear = unclear or (rewrite.note if rewrite is not None else None)
            continue
        read = deps.selector.select(rewrite.text, deps.context(state), has_model=deps.model is not None,
                                    model_text=model_text)
        if read.route == "symbolic":
            return read, rewrite.text, rewrite.note, rewrite.items, None
    return decision, None, note, None, unclear


def _rewrites(state: OffloadState, step: Any, previous: str | None, items: str | None, *, first: bool) -> Any:
    """The readings of a follow-up step, most direct first (each one is tried only if the ones before it were not
    read whole): "it" as the previous result, the previous operation carried on, two earlier answers, names."""
    last = state.get("last") or {}
    source = "the previous step's result" if step["uses_previous"] else last.get("value_source") or "the previous answer"
    before = (state.get("records") or [{}])[-1] if step["uses_previous"] else {"exact": last.get("exact"),
                                                                               "result": last.get("value")}
    shown = before.get("result") if before.get("exact") and before["exact"] == previous else None
    if previous or items:
        yield followup.plugged(step["text"], previous, source=source)
        yield followup.by_reference(step["text"], previous, items=items, source=source, shown=shown,
                                    request=last.get("request") if first else None,
                                    items_source=last.get("items_source") or source)
    if not first:
        return
    if last.get("result"):
        yield earlier.once_more(step["text"], last["request"], last["result"])
    if last.get("items_found_by") and last["items_found_by"] != last.get("request"):  # "how many were there?"
        yield earlier.once_more(step["text"], last["items_found_by"], last["items"])  # after "now add them up"
    answers = state.get("answers") or []
    yield earlier.by_pair(step["text"], [(value, f"turn {n}'s answer") for n, value in enumerate(answers, 1)])
    if state.get("bindings"):
        yield earlier.by_binding(step["text"], state["bindings"])


def _declined(step: Any, steps: list[Any], index: int, *, has_model: bool) -> StepRecord:
    """A step the planner declined: the model's to answer (unverified), or with no model, no one's."""
    return {"text": _rest(steps, index) if has_model else step["text"], "uses_previous": step["uses_previous"],
            "route": "model" if has_model else "none", "reason": step["declined"], "validation": [],
            "verified": False, "result": None, "tool": None, "operation": None, "confidence": None,
            "attempts": 0, "reasks": 0, "error": step["declined"], "hint": None}


def _rest(steps: list[Any], index: int) -> str:
    part = steps[index].get("part")  # a part of a mixed request takes only its own steps (`agentkit.graphs.parts`)
    return " ".join(s["text"] for s in steps[index:] if s.get("part") == part)


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


def _exact(family: ToolFamily, result: ToolResult) -> str | None:
    """The exact value of ``result`` when its text rounds it ("215.278 ft²" -> "31250000/145161 ft²"), written as the
    family reads it, for a follow-up to compute on (the family's ``exact_text``); ``None`` when the text is exact."""
    reader = getattr(family, "exact_text", None)
    return None if reader is None else reader(result)


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
