"""Server-sent events for a streamed chat completion, in the order OpenAI's clients read them.

    data: {... "choices": [{"delta": {"role": "assistant", "content": ""}, "finish_reason": null}]}
    data: {... "choices": [{"delta": {"content": "…"}, "finish_reason": null}]}        as the text comes
    data: {... "choices": [{"delta": {}, "finish_reason": "stop"}], "agentkit": {answer}}
    data: {... "choices": [], "usage": {...}, "agentkit": {answer}}    with stream_options.include_usage
    data: [DONE]

An error once the stream has begun cannot change the status code any more: it is sent as a chunk
``{"error": {...}}`` (which the official clients raise as ``APIError``), then ``[DONE]``.

The streamed text is the answer's text as the model writes it. A delta cannot be taken back, so when
a claim in the model's reply fails its check and the model is asked again, the stream says so before
the new reply; and when the final answer differs from the reply streamed (a claim repaired), a last
delta gives the checked answer: what a person reads last is never the unchecked text.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from agentkit.answer import Answer
from agentkit.server.errors import error_body
from agentkit.server.protocol import usage_of

__all__ = ["DONE", "REASK_NOTE", "ChunkWriter", "sse"]

DONE = "data: [DONE]\n\n"
REASK_NOTE = "\n\n(a claim in this reply failed its check; the model is asked again)\n\n"


def sse(data: dict[str, Any]) -> str:
    """One server-sent event carrying ``data`` as JSON."""
    return f"data: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


@dataclass
class ChunkWriter:
    """Writes one completion's chunks, remembering the text sent so far."""

    ident: str
    model: str
    include_usage: bool
    created: int = field(default_factory=lambda: int(time.time()))
    attempt: list[str] = field(default_factory=list)  # the text of the model's current reply, as sent

    def _chunk(self, choices: list[dict[str, Any]], **extra: Any) -> str:
        body: dict[str, Any] = {
            "id": self.ident,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": choices,
        }
        if self.include_usage:
            body["usage"] = None
        body.update(extra)
        return sse(body)

    def role(self) -> str:
        return self._chunk(
            [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
        )

    def content(self, text: str) -> str:
        self.attempt.append(text)
        return self._chunk([{"index": 0, "delta": {"content": text}, "finish_reason": None}])

    def reasked(self) -> str:
        """The note that the reply streamed so far failed its check and a new one follows ('' if none)."""
        if not "".join(self.attempt):
            return ""
        note = self._chunk([{"index": 0, "delta": {"content": REASK_NOTE}, "finish_reason": None}])
        self.attempt = []
        return note

    def finish(self, answer: Answer) -> str:
        """The rest of the answer's text (or its checked version), the finish chunk, usage, ``[DONE]``."""
        out = []
        remainder = _remainder("".join(self.attempt), answer.answer)
        if remainder:
            out.append(self.content(remainder))
        data = answer.to_dict()
        out.append(self._chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}], agentkit=data))
        if self.include_usage:
            out.append(self._chunk([], usage=usage_of(answer), agentkit=data))
        out.append(DONE)
        return "".join(out)

    def error(self, status: int, message: str, *, code: str | None = None) -> str:
        return sse(error_body(status, message, code=code)) + DONE


def _remainder(sent: str, final: str) -> str:
    """What to send after ``sent`` so that the reader ends with ``final``."""
    if final.startswith(sent):
        return final[len(sent) :]
    return f"\n\nChecked answer: {final}"
