"""The state of the offload graph: plain JSON-able values, so any LangGraph checkpointer can store it."""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = ["OffloadState", "PlannedStepState", "StepRecord"]


class PlannedStepState(TypedDict):
    text: str
    uses_previous: bool


class StepRecord(TypedDict, total=False):
    """One step as it went: the fields of `agentkit.answer.Step` plus bookkeeping."""

    text: str
    route: str  # symbolic | model | model+tool | none
    tool: str | None
    operation: str | None
    confidence: float | None
    reason: str | None
    result: str | None
    verified: bool
    validation: list[dict[str, Any]]
    uses_previous: bool
    error: str | None  # a tool's or a model's failure, in words
    hint: str | None  # what a tool understood, passed to the model
    candidate: dict[str, Any] | None  # the chosen candidate, on its way to the tool node
    bindings: dict[str, str]  # names this step defines
    translation: str | None  # the request the model translated the step into (route model+tool)
    attempts: int  # translations tried
    reasks: int  # times the model's answer was sent back with its failed claims
    reask: str | None  # the message for the next re-ask, while one is pending


class OffloadState(TypedDict, total=False):
    """What flows through plan → route → execute → validate → compose.

    ``bindings`` and ``history`` outlive one request: with a checkpointer and a
    ``thread_id``, "Let x = 5" in one turn is still bound in the next.
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
