"""Span processors for the command line and server: trace files that lose nothing, a batch that counts its losses.

Trace files are local and fast, so `FileSpanProcessor` never drops a span: a writer thread takes
its queue in batches, and when the queue is full a thread that ends a span waits for room instead of
dropping it. A collector far away is another matter: `CountingBatchSpanProcessor`
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

__all__ = ["MAX_QUEUED", "WRITE_BATCH", "WRITE_EVERY_S", "CountingBatchSpanProcessor", "FileSpanProcessor",
           "loss_report"]

MAX_QUEUED = 8192  # spans waiting for the file; a thread ending one more waits for room (never drops)
WRITE_BATCH = 512  # the writer wakes when this many spans wait ...
WRITE_EVERY_S = 0.5  # ... or after this long


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
    """Writes every span through ``exporter`` from a background thread; when it falls behind, it waits, never drops.

    Ending a span only queues it, so a request does not wait for the file; a writer thread
    writes what is queued every `WRITE_EVERY_S` seconds, or as soon as `WRITE_BATCH` spans wait, as
    one line. The queue is bounded (`MAX_QUEUED`): a thread that ends a span when it is full waits
    until the writer has taken the queue (back-pressure on a local file, which is fast, instead
    of a loss). `force_flush` and `shutdown` return when every span ended before them is written.
    """

    def __init__(self, exporter: GuardedExporter, *, stream: TextIO | None = None,
                 max_queued: int = MAX_QUEUED) -> None:
        self.exporter, self.stream = exporter, stream
        self._max_queued = max_queued
        self._batch = min(WRITE_BATCH, max_queued)
        self._spans: list[ReadableSpan] = []
        self._ready = threading.Condition()
        self._writing = threading.Lock()  # held while a batch is written: a flush waits for the one in flight
        self._stopping = False
        self._shut = False
        self._writer = threading.Thread(target=self._write_loop, name="agentkit-trace-files", daemon=True)
        self._writer.start()

    def on_start(self, span: Any, parent_context: Any = None) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        if not (span.context and span.context.trace_flags.sampled):
            return
        with self._ready:
            if not self._writer.is_alive() and not self._stopping:  # e.g. in a child process after a fork
                self._writer = threading.Thread(target=self._write_loop, name="agentkit-trace-files", daemon=True)
                self._writer.start()
            while len(self._spans) >= self._max_queued and self._writer.is_alive():
                self._ready.notify_all()  # back-pressure: wake the writer and wait for room rather than drop
                self._ready.wait(0.1)
            self._spans.append(span)
            if len(self._spans) >= self._batch:
                self._ready.notify_all()

    def _take(self) -> list[ReadableSpan]:
        batch, self._spans = self._spans, []
        self._ready.notify_all()  # wakes threads waiting for room
        return batch

    def _write_loop(self) -> None:
        while True:
            with self._ready:
                if not self._stopping and len(self._spans) < self._batch:
                    self._ready.wait(WRITE_EVERY_S)
                stopping = self._stopping
            with self._writing:  # lock order everywhere: _writing, then _ready
                with self._ready:
                    batch = self._take()
                if batch:
                    self.exporter.export(batch)
            if stopping:
                return

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        with self._writing:  # waits for the batch in flight, then writes what is queued here
            with self._ready:
                batch = self._take()
            if batch:
                self.exporter.export(batch)
        return True

    def shutdown(self) -> None:
        if self._shut:
            return
        self._shut = True
        with self._ready:
            self._stopping = True
            self._ready.notify_all()
        self._writer.join(timeout=30)
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
