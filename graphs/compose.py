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
    """The answer fields the graph knows (latency and trace ids are the caller's).

    A mixed request (`agentkit.graphs.parts`) is answered part by part: each part's question, its result and
    its own verdict, one a line; the answer is verified only when every part is.
    """
    planned = state.get("steps") or []
    starts = state.get("part_starts") or []
    if len(starts) > 1:
        groups = _parts(state, planned, starts)
    else:
        groups = [_with_skipped(list(state.get("records") or []), planned)]
    steps = [_public_step(r, part=p if len(groups) > 1 else None) for p, records in enumerate(groups)
             for r in records]
    if not steps:
        return failure(EMPTY_REQUEST)
    routes = {s["route"] for s in steps}
    route = routes.pop() if len(routes) == 1 else "mixed"
    if len(groups) > 1:
        text = "\n".join(_part_line(records) for records in groups)
    else:
        text = _answer_text(groups[0])
    return {
        "answer": text,
        "route": route,
        "verified": all(_verified(records) for records in groups),
        "fm_calls": state.get("fm_calls", 0),
        "tokens": dict(state.get("tokens") or {"input": 0, "output": 0}),
        "steps": steps,
        "error": None,
    }


def _parts(state: OffloadState, planned: list[Any], starts: list[int]) -> list[list[StepRecord]]:
    """The records of each part of a mixed request, a part's steps that did not run filled in."""
    records = list(state.get("records") or [])
    at = list(state.get("part_records") or [0])
    groups = []
    for p, start in enumerate(starts):
        first = at[p] if p < len(at) else len(records)
        last = at[p + 1] if p + 1 < len(at) else len(records)
        end = starts[p + 1] if p + 1 < len(starts) else len(planned)
        groups.append(_with_skipped(records[first:last], planned[start:end]))
    return groups


def _with_skipped(records: list[StepRecord], planned: list[Any]) -> list[StepRecord]:
    """``records`` and a record for each planned step that did not run (an earlier step failed)."""
    ran = len(records)
    if ran and records[-1]["route"] in _TAKES_THE_REST:
        ran = len(planned)  # the model's step took the rest of the request
    for step in planned[ran:]:
        records.append({"text": step["text"], "route": "none", "result": None, "verified": False,
                        "reason": SKIPPED_REASON, "validation": [], "uses_previous": step["uses_previous"]})
    return records


def _failed(records: list[StepRecord]) -> list[StepRecord]:
    return [r for r in records if r["route"] == "none" or r.get("result") is None]


def _verified(records: list[StepRecord]) -> bool:
    return bool(records) and not _failed(records) and all(r.get("verified") for r in records)


def _answer_text(records: list[StepRecord]) -> str:
    """The results a person asked for; or, when a step failed, why the first one did."""
    failed = _failed(records)
    if not failed:
        return "; ".join(final_results(records))
    first = failed[0]
    detail = first.get("error")
    if detail and first["route"] == "none" and first.get("tool"):
        return f"{detail} (a tool understood the step but could not answer it, and no model is configured)"
    if detail and first["route"] == "none":
        return f"{detail} (no model is configured)"
    if detail is None and first["route"] == "none" and first.get("hint"):
        # a family read part of the step (or saw two readings): the person learns why it was declined
        return f"{NO_MODEL_MESSAGE}; {first['hint']}"
    return detail or NO_MODEL_MESSAGE


def _part_line(records: list[StepRecord]) -> str:
    """One part of a mixed request: its question, its answer and its verdict."""
    question = " ".join(r["text"] for r in records)
    if _failed(records):
        return f"{question} → not answered: {_answer_text(records)}"
    verdict = "verified" if _verified(records) else "not verified"
    return f"{question} → {_answer_text(records)} ({verdict})"


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


def _public_step(record: StepRecord, *, part: int | None = None) -> dict[str, Any]:
    step = {key: record.get(key) for key in _PUBLIC}
    step["part"] = part
    step["verified"] = bool(step["verified"])
    step["validation"] = list(step["validation"] or [])
    step["interpretation"] = step["interpretation"] or None
    return step
