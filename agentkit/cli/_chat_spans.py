"""The spans of `agentkit chat`'s recent answers, kept in memory so ``/trace`` can draw the last one as a tree.

Whatever ``--traces`` says (files, OTLP, the console, nowhere), the chat's tracer provider also hands
every finished span to a `RecentTraces` processor, which keeps the spans of the last few traces as the
`SpanRecord` values `agentkit.tracing.tree.render_tree` draws (the same tree as ``agentkit traces show``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor

from agentkit.tracing.files import SpanRecord

__all__ = ["RecentTraces", "span_record"]


class RecentTraces(SpanProcessor):
    """Keeps the finished spans of the ``keep`` most recent traces, by trace id (32 hex)."""

    def __init__(self, keep: int = 8) -> None:
        self.keep = keep
        self._traces: OrderedDict[str, list[SpanRecord]] = OrderedDict()
        self._lock = threading.Lock()

    def on_end(self, span: ReadableSpan) -> None:
        record = span_record(span)
        with self._lock:
            self._traces.setdefault(record.trace_id, []).append(record)
            self._traces.move_to_end(record.trace_id)
            while len(self._traces) > self.keep:
                self._traces.popitem(last=False)

    def spans(self, trace_id: str) -> list[SpanRecord]:
        """The spans of one trace, in the order they ended; empty when it is not kept."""
        with self._lock:
            return list(self._traces.get(trace_id, []))


def span_record(span: ReadableSpan) -> SpanRecord:
    """A finished SDK span as a `SpanRecord` (OTLP's kind numbers, hex ids), as if read back from a trace file."""
    context = span.get_span_context()
    parent = span.parent
    return SpanRecord(
        trace_id=trace.format_trace_id(context.trace_id) if context else "",
        span_id=trace.format_span_id(context.span_id) if context else "",
        parent_id=trace.format_span_id(parent.span_id) if parent is not None else "",
        name=span.name,
        kind=span.kind.value + 1,  # the API's INTERNAL is 0, OTLP's is 1
        start_ns=span.start_time or 0,
        end_ns=span.end_time or 0,
        attributes=dict(span.attributes or {}),
        events=[(event.name, dict(event.attributes or {})) for event in span.events],
        status_code=_status_code(span),
        status_message=span.status.description or "",
        service=str(span.resource.attributes.get("service.name", "")),
    )


def _status_code(span: ReadableSpan) -> int:
    """OTLP's status numbers: 0 unset, 1 ok, 2 error (the API's enum has the same values)."""
    value: Any = span.status.status_code.value
    return int(value)
