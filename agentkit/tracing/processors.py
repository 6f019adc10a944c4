"""Span processors for the command line and server: trace files that lose nothing, a batch that counts its losses.

Trace files are local and fast, so `FileSpanProcessor` never drops a span: it holds a run's spans
until the run's root span ends (or `MAX_HELD` are held) and then writes them, in the thread that
ended the span, as one line. A collector far away is another matter: `CountingBatchSpanProcessor`
is the SDK's `BatchSpanProcessor` (a bounded queue, a background thread), which drops spans when its
queue is full; it counts them instead of logging each. Either processor, when it shuts down (the
command ends, the process exits), says once in plain words how many spans were lost and where to.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, TextIO

from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from agentkit.tracing.exporters import GuardedExporter

__all__ = ["MAX_HELD", "CountingBatchSpanProcessor", "FileSpanProcessor", "loss_report"]

MAX_HELD = 512  # spans held before they are written even though their run has not ended


def loss_report(dropped: int, exporter: GuardedExporter) -> str | None:
    """One sentence on the spans lost, or ``None`` when none were."""
    if not dropped:
        return None
    why = f" ({exporter.last_problem})" if exporter.last_problem else ""
    return (
        f"agentkit: {dropped:,} span(s) could not be exported to {exporter.target}{why} and are lost; "
        "the answers were not affected."
    )


class _Reporting:
    """Says once, at shutdown, how many spans were lost (on standard error)."""

    exporter: GuardedExporter
    stream: TextIO | None
    _reported = False

    @property
    def dropped(self) -> int:
        return self.exporter.dropped

    def _report(self) -> None:
        if self._reported:
            return
        self._reported = True
        message = loss_report(self.dropped, self.exporter)
        if message:
            print(message, file=self.stream or sys.stderr, flush=True)


class FileSpanProcessor(_Reporting, SpanProcessor):
    """Writes every span through ``exporter``: a run's spans together when its root span ends; never drops.

    The write happens in the thread that ends the span (a local file append, well under a millisecond
    for a run), so a run's trace is in the file when the run returns, and nothing waits in a queue
    that could overflow. Spans of a run that never ends are written once `MAX_HELD` are held, and at
    `force_flush` and `shutdown`.
    """

    def __init__(self, exporter: GuardedExporter, *, stream: TextIO | None = None) -> None:
        self.exporter, self.stream = exporter, stream
        self._held: list[ReadableSpan] = []
        self._lock = threading.Lock()
        self._shut = False

    def on_start(self, span: Any, parent_context: Any = None) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        if not (span.context and span.context.trace_flags.sampled):
            return
        root = span.parent is None or span.parent.is_remote
        with self._lock:
            self._held.append(span)
            if not root and len(self._held) < MAX_HELD:
                return
            batch, self._held = self._held, []
        self.exporter.export(batch)

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        with self._lock:
            batch, self._held = self._held, []
        if batch:
            self.exporter.export(batch)
        return True

    def shutdown(self) -> None:
        if self._shut:
            return
        self._shut = True
        self.force_flush()
        self.exporter.shutdown()
        self._report()


class CountingBatchSpanProcessor(_Reporting, BatchSpanProcessor):
    """The SDK's `BatchSpanProcessor`, counting the spans it loses (a full queue, a failed export).

    Once it has shut down, every span it was given was either exported or lost, so the spans lost are
    those given less those the collector accepted: exact, whatever the threads did in between.
    """

    def __init__(self, exporter: GuardedExporter, *, stream: TextIO | None = None, **options: Any) -> None:
        super().__init__(exporter, **options)
        self.exporter, self.stream = exporter, stream
        self.offered = 0
        self._count_lock = threading.Lock()

    @property
    def dropped(self) -> int:
        return max(0, self.offered - self.exporter.exported)

    def on_end(self, span: ReadableSpan) -> None:
        if not (span.context and span.context.trace_flags.sampled):
            return
        with self._count_lock:
            self.offered += 1
        super().on_end(span)

    def shutdown(self) -> None:
        super().shutdown()
        self._report()
