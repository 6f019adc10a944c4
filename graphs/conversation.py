"""A conversation sent by a stateless client, replayed into the state a thread of the offload graph would hold.

An OpenAI-style client sends the messages before each request. A follow-up ("now double it", "and 10
miles?") needs what a thread's own state keeps: the previous turn's verified result (``last``), the names
defined so far (``bindings``), the recent turns for a model (``history``). None of it is taken on trust
from the client: each earlier user request is read again by the tools (a graph with no model), in order,
and a turn's result is kept for "it" only when the tools verified it *and* the assistant's reply the
person saw states it; otherwise "it" has no value and a follow-up is not resolved from that turn (nor is "the
first" or "those two" read from it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from agentkit.graphs.nodes import MAX_HISTORY

__all__ = ["MAX_REPLAYED_TURNS", "ROLES", "areplay", "history_problem", "replay", "turns"]

MAX_REPLAYED_TURNS = MAX_HISTORY
ROLES = ("system", "user", "assistant")

_CARRIED = ("bindings", "unresolved", "answers")


def history_problem(history: Any) -> str | None:
    """Why ``history`` is not a list of ``{"role": ..., "content": str}`` messages, or ``None``."""
    if not isinstance(history, Sequence) or isinstance(history, (str, bytes)):
        return f"history must be a list of messages, got {type(history).__name__}"
    for i, message in enumerate(history):
        if not isinstance(message, Mapping):
            return f"history[{i}] must be a message object, got {type(message).__name__}"
        if message.get("role") not in ROLES:
            return f"history[{i}] has role {message.get('role')!r}; expected one of {', '.join(ROLES)}"
        if not isinstance(message.get("content"), str):
            return f"history[{i}] content must be text, got {type(message.get('content')).__name__}"
    return None


def turns(history: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The (user request, assistant reply) pairs of ``history``, oldest first; system messages are skipped.

    A user message with no reply after it (the client retried) counts as no turn.

        >>> turns([{"role": "user", "content": "5 miles in km"}, {"role": "assistant", "content": "8.04672 km"}])
        [('5 miles in km', '8.04672 km')]
    """
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for message in history:
        role, content = message["role"], message["content"]
        if role == "user":
            pending = content
        elif role == "assistant" and pending is not None:
            pairs.append((pending, content))
            pending = None
    return pairs[-MAX_REPLAYED_TURNS:]


def replay(run: Callable[[dict[str, Any]], Mapping[str, Any]], pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The state a thread would hold after ``pairs``: each request run again by ``run`` (a graph's ``invoke``)."""
    carried: dict[str, Any] = {}
    for request, reply in pairs:
        carried = _carry(carried, request, reply, run({"request": request, **carried}))
    return carried


async def areplay(run: Callable[[dict[str, Any]], Awaitable[Mapping[str, Any]]],
                  pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """`replay` with a graph's ``ainvoke``."""
    carried: dict[str, Any] = {}
    for request, reply in pairs:
        carried = _carry(carried, request, reply, await run({"request": request, **carried}))
    return carried


def _carry(carried: Mapping[str, Any], request: str, reply: str, out: Mapping[str, Any]) -> dict[str, Any]:
    last = out.get("last")
    answer = (out.get("answer") or {}).get("answer")
    answers = list(out.get("answers") or [])
    if last is not None and not _states(reply, answer):
        last = None  # the person saw another value: "it" must not silently mean the tools' one
        answers[-1:] = [None]  # nor "the first" / "those two"
    history = [*(carried.get("history") or []), {"request": request, "answer": reply}]
    return {**{key: out.get(key) for key in _CARRIED if out.get(key) is not None},
            "last": last, "history": history[-MAX_HISTORY:], "answers": answers}


def _states(reply: str, answer: str | None) -> bool:
    """Whether the assistant's reply states the tools' answer text (whitespace aside)."""
    if not answer:
        return False
    return " ".join(answer.split()) in " ".join(reply.split())
