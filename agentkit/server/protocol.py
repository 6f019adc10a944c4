"""The OpenAI chat-completions protocol as the server speaks it: the request models and the response bodies.

Requests are pydantic models (JSON from outside crosses in here); fields the server does not use
(``temperature``, ``max_tokens``, ``user`` …) are accepted and ignored, as OpenAI-compatible servers do.
Responses are plain dicts built by the functions below, with the answer object in an ``agentkit`` field.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agentkit.answer import Answer

__all__ = [
    "ChatMessage",
    "ChatRequest",
    "StreamOptions",
    "completion_body",
    "completion_id",
    "message_text",
    "model_list",
    "usage_of",
]


class _TextPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str


class ChatMessage(BaseModel):
    """One message of the conversation; content parts other than text are refused."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[_TextPart] | None = None

    @field_validator("content", mode="before")
    @classmethod
    def _text_parts_only(cls, value: Any) -> Any:
        if isinstance(value, list):
            for part in value:
                kind = part.get("type") if isinstance(part, dict) else None
                if kind != "text":
                    raise ValueError(f"only text content parts are supported, got a part of type {kind!r}")
        return value


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class ChatRequest(BaseModel):
    """The body of ``POST /v1/chat/completions``."""

    model_config = ConfigDict(extra="ignore")
    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None

    @property
    def include_usage(self) -> bool:
        return bool(self.stream and self.stream_options and self.stream_options.include_usage)


def message_text(message: ChatMessage) -> str:
    """The message's text: its string content, or its text parts joined by newlines."""
    if message.content is None:
        return ""
    if isinstance(message.content, str):
        return message.content
    return "\n".join(part.text for part in message.content)


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def usage_of(answer: Answer) -> dict[str, int]:
    """OpenAI's usage object from the answer's model tokens (zero for an answer no model made)."""
    prompt, completion = int(answer.tokens.get("input", 0)), int(answer.tokens.get("output", 0))
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def completion_body(answer: Answer, *, model: str, ident: str, created: int | None = None) -> dict[str, Any]:
    """The non-streaming response: one choice with the answer text, the usage, and the answer object."""
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created or int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.answer},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": usage_of(answer),
        "agentkit": answer.to_dict(),
    }


def model_list(models: list[str], *, created: int) -> dict[str, Any]:
    """The body of ``GET /v1/models``."""
    return {
        "object": "list",
        "data": [
            {"id": name, "object": "model", "created": created, "owned_by": "agentkit"} for name in models
        ],
    }
