"""OpenTelemetry spans for every offload decision, using only ``opentelemetry-api`` (the SDK is the application's).

Span names and attributes follow the GenAI semantic conventions (``gen_ai.*``);
agentkit's own attributes live under ``agentkit.*``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind, Tracer, TracerProvider

__all__ = [
    "TRACER_NAME",
    "get_tracer",
    "hex_trace_id",
    "record_route",
    "SpanKind",
]

TRACER_NAME = "agentkit"


def get_tracer(tracer_provider: TracerProvider | None = None) -> Tracer:
    """agentkit's tracer from ``tracer_provider``, or from the global provider when none is given."""
    from agentkit import __version__

    return trace.get_tracer(TRACER_NAME, __version__, tracer_provider=tracer_provider)


def hex_trace_id(span: Span) -> str | None:
    """The span's trace id as 32 hex characters, or ``None`` when tracing is off (a non-recording span)."""
    context = span.get_span_context()
    return trace.format_trace_id(context.trace_id) if context.is_valid else None


def _jsonable(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def record_route(span: Span, decision: Any, *, route: str, fm_avoided: bool) -> None:
    """Attributes of an ``agentkit.route`` span from a `Decision`."""
    if not span.is_recording():
        return
    chosen = decision.chosen or decision.hint
    span.set_attributes(
        {
            "agentkit.offload.route": route,
            "agentkit.offload.tool": chosen.tool if chosen else "",
            "agentkit.offload.operation": chosen.operation if chosen else "",
            "agentkit.offload.candidates": _jsonable(f"{c.tool}.{c.operation}" for c in decision.candidates),
            "agentkit.offload.scores": [float(c.confidence) for c in decision.candidates],
            "agentkit.offload.confidence": float(chosen.confidence) if chosen else 0.0,
            "agentkit.offload.threshold": float(decision.threshold),
            "agentkit.offload.reason": decision.reason,
            "agentkit.offload.fm_avoided": fm_avoided,
        }
    )
