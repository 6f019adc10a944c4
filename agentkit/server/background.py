"""A chat front end's background requests (a title, tags, follow-ups), told apart from a person's question.

Chat front ends such as Open WebUI and LibreChat send requests of their own after a reply: "generate a
concise title for this chat", with the chat history pasted into the prompt. Read as a question, such a
prompt could reach a tool by accident (the embedded "what is 12*7" is a perfectly good arithmetic step),
so these requests are recognised by their shape, an instruction about a task **and** an embedded chat
history, and never go through the tools. A person asking for "a title for my essay" embeds no chat
history; a transcript pasted without a task instruction is a question like any other.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from agentkit.answer import Answer, Step
from agentkit.server.protocol import ChatMessage, message_text

__all__ = ["BackgroundTask", "answer_background", "background_task"]

logger = logging.getLogger(__name__)

_LC_ROLES = {"system": "system", "developer": "system", "user": "human", "assistant": "ai"}

TaskKind = Literal["title", "tags", "follow_ups", "other"]


@dataclass(frozen=True, kw_only=True)
class BackgroundTask:
    """A front end's own request: which kind, whether it asks for JSON, and the first user line in it."""

    kind: TaskKind
    wants_json: bool
    first_user_line: str | None

    def answer_without_model(self) -> str:
        """A short, well-formed reply when no model is configured: what the front end can use as it is."""
        if self.kind == "title":
            words = (self.first_user_line or "").split()[:5]
            title = " ".join(words).strip(" ?.!:,;") or "New chat"
            return json.dumps({"title": title}, ensure_ascii=False) if self.wants_json else title
        if self.kind == "tags":
            return '{"tags": ["General"]}' if self.wants_json else "General"
        if self.kind == "follow_ups":
            return '{"follow_ups": []}' if self.wants_json else ""
        return "This server has no model configured for this kind of request."


# a chat history pasted into the prompt: a tag or heading that says so, or role-labelled lines of both sides
_HISTORY_MARKER = re.compile(
    r"<\s*chat_history\s*>|#{1,4}\s*chat history|\bchat history\s*:|"
    r"<\s*conversation\s*>|\|\|>\s*(user|assistant|response)\s*:",
    re.IGNORECASE,
)
_USER_LINE = re.compile(r"^\s*(?:\|\|>)?\s*(?:user|human)\s*:\s*(.*)$", re.IGNORECASE | re.MULTILINE)
_ASSISTANT_LINE = re.compile(
    r"^\s*(?:\|\|>)?\s*(?:assistant|ai|response|bot)\s*:", re.IGNORECASE | re.MULTILINE
)
# the task: an instruction to produce something about the conversation
_TASK_HEADING = re.compile(r"#{1,4}\s*task\s*:", re.IGNORECASE)
_TASK_VERB = re.compile(
    r"\b(generate|create|suggest|write|produce|provide|give|summari[sz]e|categori[sz]e|"
    r"come up with)\b",
    re.IGNORECASE,
)
_KINDS: tuple[tuple[TaskKind, re.Pattern[str]], ...] = (
    (
        "follow_ups",
        re.compile(r"follow[- ]?up (questions|prompts|suggestions)|\bfollow_ups\b", re.IGNORECASE),
    ),
    ("title", re.compile(r"\btitle\b", re.IGNORECASE)),
    ("tags", re.compile(r"\btags?\b|categor(y|ies|i[sz]e)", re.IGNORECASE)),
)


def background_task(messages: Sequence[ChatMessage]) -> BackgroundTask | None:
    """The front-end task the request is, judged by its shape, or ``None`` for a person's question.

    The last user message and any system message are read together: some front ends put the
    instruction in a system message and the conversation in the user message.
    """
    text = "\n".join(
        message_text(m)
        for m in messages
        if m.role in ("system", "developer", "user") and (m is messages[-1] or m.role != "user")
    )
    if not _embeds_history(text):
        return None
    instruction = _instruction_part(text)
    if not (_TASK_HEADING.search(instruction) or _TASK_VERB.search(instruction)):
        return None
    kind: TaskKind = next((k for k, pattern in _KINDS if pattern.search(instruction)), "other")
    return BackgroundTask(
        kind=kind, wants_json="json" in instruction.lower(), first_user_line=_first_user_line(text)
    )


def _embeds_history(text: str) -> bool:
    if _HISTORY_MARKER.search(text):
        return True
    return bool(_USER_LINE.search(text) and _ASSISTANT_LINE.search(text))


def _first_user_line(text: str) -> str | None:
    """The first user line of the embedded history (on the label's line, or the next non-empty one)."""
    first = _USER_LINE.search(text)
    if first is None:
        return None
    line = first.group(1).strip() or next(
        (rest.strip() for rest in text[first.end() :].splitlines() if rest.strip()), ""
    )
    return line.strip('"') or None


def _instruction_part(text: str) -> str:
    """The text outside the embedded history (the instruction), so a question inside it cannot pose as one."""
    without_tagged = re.sub(
        r"<\s*chat_history\s*>.*?<\s*/\s*chat_history\s*>", " ", text, flags=re.IGNORECASE | re.DOTALL
    )
    lines = [
        line
        for line in without_tagged.splitlines()
        if not (_USER_LINE.match(line) or _ASSISTANT_LINE.match(line))
    ]
    return "\n".join(lines)


async def answer_background(task: BackgroundTask, messages: Sequence[ChatMessage], model: Any) -> Answer:
    """The task answered by ``model`` as it was asked (no tool, no checking), or without a model.

    A model that fails gets the model-less reply instead: a title request must not break the chat.
    """
    start = time.perf_counter()
    if model is not None:
        try:
            reply = await model.ainvoke([(_LC_ROLES.get(m.role, "human"), message_text(m)) for m in messages])
        except Exception:  # a provider's failure: logged, and the front end still gets a usable reply
            logger.exception("the model failed on a front end's background task")
        else:
            usage = getattr(reply, "usage_metadata", None) or {}
            tokens = {"input": usage.get("input_tokens", 0), "output": usage.get("output_tokens", 0)}
            return _answer(task, str(reply.content), "model", start, fm_calls=1, tokens=tokens)
    return _answer(task, task.answer_without_model(), "none", start)


def _answer(task: BackgroundTask, text: str, route: Literal["model", "none"], start: float, *,
            fm_calls: int = 0, tokens: dict[str, int] | None = None) -> Answer:
    how = "answered by the model, no tool" if route == "model" else "answered without a model or tool"
    step = Step(text=f"({task.kind})", route=route, result=text, verified=False,
                reason=f"a chat front end's background task ({task.kind}): {how}")
    return Answer(answer=text, route=route, verified=False, fm_calls=fm_calls,
                  tokens=tokens or {"input": 0, "output": 0}, latency_ms=(time.perf_counter() - start) * 1000,
                  steps=[step])
