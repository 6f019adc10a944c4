"""A chat request's turn: the last user message, and the OpenAI-style messages before it (the history)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agentkit.server.errors import ApiError
from agentkit.server.protocol import ChatMessage, message_text

__all__ = ["Turn", "split_turn"]


@dataclass(frozen=True, kw_only=True)
class Turn:
    """The request's last user message and the OpenAI-style messages before it."""

    text: str
    history: list[dict[str, str]]


def split_turn(messages: Sequence[ChatMessage]) -> Turn:
    """The last message (a user's) and the history before it.

    Raises:
        ApiError: 400 when the last message is not a user's or has no text.
    """
    last = messages[-1]
    if last.role != "user":
        raise ApiError(
            400, f"the last message must be the user's, got a {last.role!r} message", param="messages"
        )
    text = message_text(last)
    if not text.strip():
        raise ApiError(400, "the last user message is empty: ask a question", param="messages")
    history = [{"role": m.role, "content": message_text(m)} for m in messages[:-1]]
    return Turn(text=text, history=history)
