"""The state of the offload graph (plain JSON-able values, so any checkpointer can store it) and how it moves on.

The state types use ``typing_extensions.TypedDict`` so that LangGraph can publish
the graph's input and output JSON schemas on Python 3.11.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agentkit.tools.base import Candidate
from typing_extensions import TypedDict

from agentkit.selector import Route

__all__ = ["LastTurn", "OffloadState", "PlannedStepState", "StepRecord", "advance", "candidate_state", "spend"]


class PlannedStepState(TypedDict, total=False):
    text: str
    uses_previous: bool
    declined: str | None  # why no tool may answer it (`agentkit.planner.PlannedStep.declined`)
    note: str | None  # what a follow-up took from the previous turn (`agentkit.followup.Rewrite.note`)
    part: int  # which independent part of a mixed request the step is (`agentkit.graphs.parts`)


class StepRecord(TypedDict, total=False):
    """One step as it went: the fields of `agentkit.answer.Step` plus bookkeeping."""

    text: str
    route: Route
    tool: str | None
    operation: str | None
    confidence: float | None
    reason: str | None
    result: str | None
    verified: bool
    validation: list[dict[str, Any]]
    interpretation: str | None  # the formal request the tool read (canonical notation), once a tool ran
    uses_previous: bool
    error: str | None  # a tool's or a model's failure, in words
    hint: str | None  # what a tool understood, passed to the model
    candidate: dict[str, Any] | None  # the chosen candidate, on its way to the tool node
    bindings: dict[str, str]  # names this step defines
    translation: str | None  # the request the model translated the step into (route model+tool)
    attempts: int  # translations tried
    reasks: int  # times the model's answer was sent back with its failed claims
    reask: str | None  # the message for the next re-ask, while one is pending
    read: str | None  # the request a follow-up step was read as ("8.04672 km * 2" for "now double it")
    items: str | None  # the list a follow-up step's reading made ("3, 5, 7, 9, 21" for "add 21 to the list, ...")
    exact: str | None  # the exact value of a result its text rounds ("31250000/145161 ft²" for "215.278 ft²")


class LastTurn(TypedDict):
    """The previous turn, for a follow-up: the request its result was read from, the result, and the value
    "it" names next (the result, or after a question about "it" such as "is that prime?", "it" still)."""

    request: str
    result: str
    value: str | None
    exact: str | None  # ``value`` exactly, when its text is rounded ("215.278 ft²"): what a follow-up computes on
    value_source: str  # what ``value`` is, for the interpretation: "the previous answer", or what it was about
    items: str | None  # a list result ("3, 4") that "their" names, kept across follow-ups about it
    items_source: str | None  # where ``items`` came from: "the previous answer" or the previous request's numbers
    items_found_by: str | None  # the request whose answer listed ``items`` ("find all numbers in '...'"), if one did


class OffloadState(TypedDict, total=False):
    """What flows through plan → route → execute → validate → compose.

    ``bindings``, ``history`` and ``last`` outlive one request: with a checkpointer and a
    ``thread_id``, "Let x = 5" in one turn is still bound in the next, and "now double it" reads
    the previous turn's one verified result.
    """

    request: str
    steps: list[PlannedStepState]
    index: int
    current: StepRecord
    records: list[StepRecord]
    bindings: dict[str, str]
    previous: str | None
    fm_calls: int
    tokens: dict[str, int]
    answer: dict[str, Any]
    history: list[dict[str, str]]
    deadline: float  # epoch seconds past which no model call starts (the request's time budget)
    planned: str  # the request as planned: a follow-up ("and 10 miles?") rewritten whole
    last: LastTurn | None  # the previous turn, when it ended in one verified result
    unresolved: list[str]  # one-letter names that turns no tool answered mentioned: a later result in them is unclear
    part_starts: list[int]  # a mixed request: the step index where each part starts; [] for one part
    part: int  # the running part
    part_records: list[int]  # where each part's records start
    answers: list[str | None]  # each turn's one verified value (``None`` for a turn without one), oldest first


def advance(state: OffloadState, current: StepRecord) -> dict[str, Any]:
    """Record the finished step and move to the next; after a step no tool verified, nothing else runs alone."""
    updates: dict[str, Any] = {"records": [*state["records"], current], "current": {}}
    index = state["index"] + 1
    if current["route"] == "symbolic" and current.get("verified"):
        if current.get("bindings"):
            updates["bindings"] = {**(state.get("bindings") or {}), **current["bindings"]}
        updates["previous"] = current.get("exact") or current.get("result")  # a rounded result, exactly
    else:
        index = len(state["steps"])
    updates["index"] = index
    return updates


def spend(state: OffloadState, usage: Mapping[str, int]) -> dict[str, Any]:
    """The state updates for one more model call that used ``usage`` (``{"input": n, "output": n}``)."""
    tokens = dict(state.get("tokens") or {"input": 0, "output": 0})
    tokens["input"] += int(usage.get("input", 0))
    tokens["output"] += int(usage.get("output", 0))
    return {"fm_calls": state.get("fm_calls", 0) + 1, "tokens": tokens}


def candidate_state(candidate: Candidate) -> dict[str, Any]:
    """``candidate`` as plain values, on its way to the tool node (``Candidate(**value)`` reads it back)."""
    return {"tool": candidate.tool, "operation": candidate.operation, "spec": candidate.spec,
            "confidence": candidate.confidence, "span": list(candidate.span), "complete": candidate.complete,
            "reason": candidate.reason, "interpretation": candidate.interpretation}
