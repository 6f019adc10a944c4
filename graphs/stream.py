"""The offload graph's run as `agentkit.events.Event` values: one per node that ran, and the model's tokens.

`run_streamed` runs the compiled graph with LangGraph's ``stream_mode=["updates", "custom"]``: each
node's state update becomes an event (`node_event`), and the text the model node writes through
LangGraph's stream writer (``{"token": text}``, see `agentkit.graphs.model_nodes.aask_model`) becomes
``token`` events as it arrives. The final ``answer`` event is the agent's (it adds latency and trace id).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from langgraph.graph.state import CompiledStateGraph

from agentkit.graphs.model_nodes import TOKEN

from agentkit.events import Event

__all__ = ["node_event", "run_streamed"]

_STEP = ("text", "route", "tool", "operation", "reason")
_CHECKED = ("text", "route", "tool", "operation", "interpretation", "result", "verified", "validation", "error")


async def run_streamed(graph: CompiledStateGraph, inputs: dict[str, Any], config: dict[str, Any] | None,
                       emit: Callable[[Event], None]) -> dict[str, Any]:
    """Run ``graph`` on ``inputs``, calling ``emit`` with each event; returns the composed answer fields."""
    answer: dict[str, Any] | None = None
    async for mode, chunk in graph.astream(inputs, config, stream_mode=["updates", "custom"]):
        if mode == "custom":
            if isinstance(chunk, Mapping) and isinstance(chunk.get(TOKEN), str):
                emit(Event("token", {"text": chunk[TOKEN]}))
            continue
        for node, updates in (chunk or {}).items():
            if not isinstance(updates, Mapping):
                continue
            if node == "compose":
                answer = dict(updates["answer"])
            event = node_event(node, updates)
            if event is not None:
                emit(event)
    if answer is None:
        raise RuntimeError("the offload graph ended without composing an answer")
    return answer


def node_event(node: str, updates: Mapping[str, Any]) -> Event | None:
    """The event for one node's state update, or ``None`` for a node a listener need not see.

    ``plan`` lists the steps; ``route`` (and ``translate``, the model's reading for a tool) the step's
    route; ``tool`` and ``validate`` the step's result with its check, once the step is recorded.
    """
    if node == "plan":
        return Event("plan", {"request": updates.get("planned"),
                              "steps": [step["text"] for step in updates.get("steps") or []]})
    if node in ("route", "translate"):
        current = updates.get("current") or {}
        data = {key: current.get(key) for key in _STEP}
        if node == "translate":
            data.update(translation=current.get("translation"), error=current.get("error"))
        return Event("route", {"node": node, **data})
    if node in ("tool", "validate"):
        record = _step_of(updates)
        data = {key: record.get(key) for key in _CHECKED}
        data["verified"] = bool(data["verified"])
        data["validation"] = list(data["validation"] or [])
        if node == "validate":
            data["reask"] = bool(record.get("reask"))
        return Event("tool" if node == "tool" else "validate", data)
    return None


def _step_of(updates: Mapping[str, Any]) -> Mapping[str, Any]:
    """The step a node just finished (the last record) or is still on (``current``)."""
    current = updates.get("current")
    if current:
        return current
    records = updates.get("records") or []
    return records[-1] if records else {}
