"""Composing the answer object from the records of a run."""

from __future__ import annotations

from typing import Any

from agentkit.graphs.state import OffloadState, StepRecord

from agentkit.answer import EMPTY_REQUEST, NO_MODEL_MESSAGE, failure
from agentkit.selector import MODEL_ROUTES

__all__ = ["SKIPPED_REASON", "compose_answer", "final_results"]

SKIPPED_REASON = "not attempted: an earlier step could not be answered"
# routes whose step took the rest of the request with it
_TAKES_THE_REST = MODEL_ROUTES


def compose_answer(state: OffloadState) -> dict[str, Any]:
    """The answer fields the graph knows (latency and trace ids are the caller's)."""
    records = list(state.get("records") or [])
    ran = len(records)
    planned = state.get("steps") or []
    if ran and records[-1]["route"] in _TAKES_THE_REST:
        ran = len(planned)  # the model's step took the rest of the request
    for step in planned[ran:]:
        records.append({"text": step["text"], "route": "none", "result": None, "verified": False,
                        "reason": SKIPPED_REASON, "validation": [], "uses_previous": step["uses_previous"]})
    steps = [_public_step(r) for r in records]
    if not steps:
        return failure(EMPTY_REQUEST)
    routes = {s["route"] for s in steps}
    route = routes.pop() if len(routes) == 1 else "mixed"
    failed = [r for r in records if r["route"] == "none" or r.get("result") is None]
    if failed:
        first = failed[0]
        detail = first.get("error")
        if detail and first["route"] == "none" and first.get("tool"):
            text = f"{detail} (a tool understood the step but could not answer it, and no model is configured)"
        elif detail and first["route"] == "none":
            text = f"{detail} (no model is configured)"
        elif detail is None and first["route"] == "none" and first.get("hint"):
            # a family read part of the step (or saw two readings): the person learns why it was declined
            text = f"{NO_MODEL_MESSAGE}; {first['hint']}"
        else:
            text = detail or NO_MODEL_MESSAGE
    else:
        text = "; ".join(final_results(records))
    return {
        "answer": text,
        "route": route,
        "verified": not failed and all(s["verified"] for s in steps),
        "fm_calls": state.get("fm_calls", 0),
        "tokens": dict(state.get("tokens") or {"input": 0, "output": 0}),
        "steps": steps,
        "error": None,
    }


def final_results(records: list[StepRecord]) -> list[str]:
    """Results a person asked for: not definitions, not results a later step consumed."""
    finals = []
    for i, record in enumerate(records):
        consumed = i + 1 < len(records) and records[i + 1].get("uses_previous")
        if record.get("bindings") or consumed:  # a definition binds names; it answers nothing
            continue
        finals.append(str(record["result"]))
    return finals or [str(records[-1]["result"])]


_PUBLIC = ("text", "route", "tool", "operation", "confidence", "reason", "result", "verified", "validation",
           "interpretation")


def _public_step(record: StepRecord) -> dict[str, Any]:
    step = {key: record.get(key) for key in _PUBLIC}
    step["verified"] = bool(step["verified"])
    step["validation"] = list(step["validation"] or [])
    step["interpretation"] = step["interpretation"] or None
    return step
