"""The answer object: the same fields from Python, `agentkit ask --json`, `agentkit batch` and the server."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from agentkit.selector import Route as SelectorRoute

__all__ = ["Answer", "EMPTY_REQUEST", "NO_MODEL_MESSAGE", "Route", "Step", "StepRoute", "failure"]

StepRoute = SelectorRoute  # a step's route: the selector's vocabulary
Route = Literal[StepRoute, "mixed"]  # the answer's route: its steps' one route, or "mixed"

NO_MODEL_MESSAGE = "no verified tool matched and no model is configured"
EMPTY_REQUEST = "the request is empty: ask a question"


def failure(message: str) -> dict[str, Any]:
    """The answer fields of a request that failed as a whole: nothing ran, ``message`` says why."""
    return {"answer": message, "route": "none", "verified": False, "fm_calls": 0,
            "tokens": {"input": 0, "output": 0}, "steps": [], "error": message}


@dataclass(frozen=True, kw_only=True)
class Step:
    """One planned step and what happened to it.

    ``interpretation`` is the tool's reading of the step (``10 − 2 × 3``, ``1 US gallon → L``), naming any
    convention applied: what a person checks to catch a misreading. ``None`` where no tool computed.
    ``part`` numbers the independent questions of a mixed request ("What is 17 times 23, and who wrote
    Hamlet?"), each with its own verdict; ``None`` when the request is one question.
    """

    text: str
    route: StepRoute
    result: str | None
    verified: bool
    tool: str | None = None
    operation: str | None = None
    confidence: float | None = None
    reason: str | None = None
    validation: list[dict[str, Any]] = field(default_factory=list)
    interpretation: str | None = None  # the formal request a tool computed (canonical notation); None without one
    part: int | None = None  # a mixed request: which of its independent questions (from 0); None for one question

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass(frozen=True, kw_only=True)
class Answer:
    """One answer to one request.

    Attributes:
        answer: the final answer text a person reads.
        route: ``symbolic``, ``model``, ``model+tool``, ``mixed`` (steps differ) or ``none``.
        verified: every step's result passed a symbolic check.
        fm_calls: foundation-model calls made, retries included.
        tokens: ``{"input": n, "output": n}`` used by those calls.
        latency_ms: wall time of the request.
        steps: every step with its route, result and verdict.
        trace_id: the OpenTelemetry trace id (32 hex), or ``None`` when tracing is off.
        trace_file: the file the trace was written to, when one was.
        error: set when the request failed as a whole.
    """

    answer: str
    route: Route
    verified: bool
    fm_calls: int = 0
    tokens: dict[str, int] = field(default_factory=lambda: {"input": 0, "output": 0})
    latency_ms: float = 0.0
    steps: list[Step] = field(default_factory=list)
    trace_id: str | None = None
    trace_file: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["latency_ms"] = round(self.latency_ms, 3)
        return data

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def __str__(self) -> str:
        return self.answer
