"""Responses that carry an answer: its ``x-agentkit-*`` headers, and a completion streamed from its events.

A stream is not started until its first text is known: the agent's events are read up to the first
model token or the final answer. A symbolic answer (no tokens) is therefore complete before the first
byte and its stream carries the same headers as a non-streamed response; a model's answer streams as
it is written and its route and verdict travel in the last chunk's ``agentkit`` field.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi.responses import StreamingResponse

from agentkit.answer import Answer
from agentkit.events import Event
from agentkit.server.streaming import ChunkWriter

__all__ = ["answer_headers", "stream_answer", "stream_events"]

logger = logging.getLogger(__name__)

_SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


def answer_headers(answer: Answer) -> dict[str, str]:
    """``x-agentkit-route``, ``x-agentkit-verified`` and, when traced, ``x-agentkit-trace-id``."""
    headers = {
        "x-agentkit-route": answer.route,
        "x-agentkit-verified": "true" if answer.verified else "false",
    }
    if answer.trace_id:
        headers["x-agentkit-trace-id"] = answer.trace_id
    return headers


def stream_answer(answer: Answer, *, ident: str, model: str, include_usage: bool) -> StreamingResponse:
    """A finished answer as a stream: the role chunk, its text, the finish chunk."""
    writer = ChunkWriter(ident=ident, model=model, include_usage=include_usage)

    async def body() -> AsyncIterator[str]:
        yield writer.role()
        yield writer.finish(answer)

    return StreamingResponse(
        body(), media_type="text/event-stream", headers={**_SSE_HEADERS, **answer_headers(answer)}
    )


async def stream_events(
    agent: Any,
    text: str,
    thread: str | None,
    history: list[dict[str, str]] | None,
    *,
    ident: str,
    model: str,
    include_usage: bool,
) -> StreamingResponse:
    """The answer to ``text`` streamed as it comes: model tokens as content deltas, then the answer."""
    events = agent.astream(text, thread, history=history)
    try:
        first = await _first_text(events)  # an error before any output is still an HTTP error
    except BaseException:
        await events.aclose()
        raise
    writer = ChunkWriter(ident=ident, model=model, include_usage=include_usage)
    headers = {**_SSE_HEADERS, **(answer_headers(first.answer) if first.answer is not None else {})}

    async def body() -> AsyncIterator[str]:
        try:
            yield writer.role()
            event: Event | None = first
            while event is not None:
                if event.kind == "token":
                    yield writer.content(str(event.data.get("text", "")))
                elif event.kind == "validate" and event.data.get("reask") and (note := writer.reasked()):
                    yield note
                elif event.answer is not None:
                    yield writer.finish(event.answer)
                    return
                event = await anext(events, None)
            yield writer.error(500, "the agent ended without an answer")
        except Exception as exc:  # the status is sent already: the error travels as a chunk
            logger.exception("a streamed answer failed")
            yield writer.error(500, f"internal error ({type(exc).__name__}); the answer is incomplete")
        finally:
            await events.aclose()

    return StreamingResponse(body(), media_type="text/event-stream", headers=headers)


async def _first_text(events: AsyncIterator[Event]) -> Event:
    async for event in events:
        if event.kind == "token" or event.answer is not None:
            return event
    raise RuntimeError("the agent's event stream ended without an answer")
