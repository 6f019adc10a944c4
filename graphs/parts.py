"""The offload graph's nodes for a mixed request: plan it in independent parts, and move from one part to the next.

A mixed request ("What is 17 times 23, and who wrote Hamlet?") holds questions that do not depend on each
other, some a tool reads and some it does not (`agentkit.planner.parts` decides, and only where the cut is
certain). Each part is a step of its own: a tool answers and verifies its part, the model (or, with no
model, no one) answers the other, a part that fails does not stop the next, and the answer shows each part
with its own verdict (`agentkit.graphs.compose`). A request that is not mixed runs as one part, as planned.

The state says where each part starts (``part_starts``, step indices), which part runs (``part``) and where
each part's records start (``part_records``); a step carries its part number (``part``).
"""

from __future__ import annotations

from typing import Any

from agentkit.graphs.deps import Deps
from agentkit.graphs.state import OffloadState

from agentkit import followup, planner

__all__ = ["current_part", "next_part", "part_end", "plan", "records_of_part"]


def plan(state: OffloadState, deps: Deps) -> dict[str, Any]:
    """`agentkit.graphs.nodes.plan`, then a mixed request cut into its parts (one step each)."""
    from agentkit.graphs import nodes  # imported here: the nodes import the model nodes, which read the parts

    updates = nodes.plan(state, deps)
    updates.update(part_starts=[], part=0, part_records=[0])
    steps = updates["steps"]
    if not steps or any(s.get("declined") or s.get("note") for s in steps):
        return updates  # a follow-up rewritten from the previous turn, or a retraction: one request
    context = deps.context(state)

    def reads(text: str) -> bool | None:
        decision = deps.selector.select(text, context, has_model=False)
        if decision.route == "symbolic":
            return True
        return False if not decision.candidates and not followup.looks_like_follow_up(text) else None

    texts = planner.parts(updates["planned"], reads=reads)
    if not texts:
        return updates
    with deps.tracer.start_as_current_span("agentkit.plan.parts") as span:
        span.set_attribute("agentkit.plan.parts", len(texts))
    updates["steps"] = [{"text": text, "uses_previous": False, "declined": None, "note": None, "part": i}
                        for i, text in enumerate(texts)]
    updates["part_starts"] = list(range(len(texts)))
    return updates


def next_part(state: OffloadState) -> dict[str, Any]:
    """Start the next part: its first step, with no earlier result to refer to (the parts are independent)."""
    part = state["part"] + 1
    return {"part": part, "index": state["part_starts"][part], "previous": None, "current": {},
            "part_records": [*state["part_records"], len(state["records"])]}


def current_part(state: OffloadState) -> int | None:
    """The running part of a mixed request, or ``None`` for a request that is one part."""
    return state.get("part", 0) if len(state.get("part_starts") or []) > 1 else None


def part_end(state: OffloadState) -> int:
    """The step index where the running part ends (the plan's end for a request that is one part)."""
    starts, part = state.get("part_starts") or [], state.get("part", 0)
    return starts[part + 1] if part + 1 < len(starts) else len(state["steps"])


def records_of_part(state: OffloadState) -> list[Any]:
    """The records of the running part: a part's step sees no other part's results."""
    records = list(state.get("records") or [])
    if current_part(state) is None:
        return records
    return records[(state.get("part_records") or [0])[-1]:]
