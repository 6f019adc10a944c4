"""`Event`: what `Agent.astream` yields while a request runs, from the plan to the final answer.

One event per graph node that ran (``plan``, each ``route`` decision, each ``tool`` result with its
check, each ``validate`` of a model's answer), ``token`` events with the model's text as it arrives,
and last, always exactly one ``answer`` event (also when the request failed: an answer with ``error``).

    >>> Event(kind="token", data={"text": "42"}).to_dict()
    {'kind': 'token', 'data': {'text': '42'}}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from agentkit.answer import Answer

__all__ = ["Event", "EventKind"]

EventKind = Literal["plan", "route", "tool", "token", "validate", "answer"]


@dataclass(frozen=True)
class Event:
    """One thing that happened while answering a request.

    Attributes:
        kind: what happened: ``plan``, ``route``, ``tool``, ``token``, ``validate`` or ``answer``.
        data: plain JSON-able values; for ``token`` ``{"text": ...}``, for ``answer`` ``answer.to_dict()``.
        answer: the `Answer` object, on the final ``answer`` event only.
    """

    kind: EventKind
    data: dict[str, Any]
    answer: Answer | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": ..., "data": ...}`` (the answer object is in ``data`` of an ``answer`` event)."""
        return {"kind": self.kind, "data": self.data}
