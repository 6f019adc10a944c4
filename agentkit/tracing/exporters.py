"""Span exporters for the command line and server: OTLP JSON Lines files, and a guard around any exporter.

The guard makes exporting safe for requests: a collector that fails is left alone
for a while, its spans are dropped, and one warning is logged in the process's life.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

__all__ = ["RETRY_AFTER_S", "GuardedExporter", "JsonLinesSpanExporter", "encode_json_line"]

logger = logging.getLogger(__name__)

RETRY_AFTER_S = 30.0  # after a failed export, drop spans this long before trying the collector again

# The OTLP exporters' own loggers: their warnings become the guard's reason instead of being printed each time
_OTLP_LOGGERS = (
    "opentelemetry.exporter.otlp.proto.http.trace_exporter",
    "opentelemetry.exporter.otlp.common.http",
    "opentelemetry.exporter.otlp.proto.grpc.exporter",
    "opentelemetry.exporter.otlp.proto.grpc.trace_exporter",
)


class JsonLinesSpanExporter(SpanExporter):
    """Appends each batch of spans to ``<directory>/<UTC date>.jsonl`` as one OTLP/JSON ``TracesData`` line.

    The encoding is the OTLP/JSON one: lowerCamelCase field names, trace and span ids
    in hex, enums as integers, 64-bit integers as strings. Jaeger's UI loads these files.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()

    def path(self, when: datetime | None = None) -> Path:
        return self.directory / f"{(when or datetime.now(UTC)).strftime('%Y-%m-%d')}.jsonl"

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        if not spans:
            return SpanExportResult.SUCCESS
        line = encode_json_line(spans)
        with self._lock:
            path = self.path()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        return SpanExportResult.SUCCESS

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


def encode_json_line(spans: Sequence[ReadableSpan]) -> str:
    """Spans as one line of OTLP/JSON (a ``TracesData``), with the hex ids the OTLP/JSON encoding requires."""
    from google.protobuf.json_format import MessageToDict
    from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans

    data = MessageToDict(encode_spans(spans), use_integers_for_enums=True)
    for resource_spans in data.get("resourceSpans", []):
        for scope_spans in resource_spans.get("scopeSpans", []):
            for span in scope_spans.get("spans", []):
                _hex_ids(span)
                for link in span.get("links", []):
                    _hex_ids(link)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _hex_ids(item: dict[str, Any]) -> None:
    for key in ("traceId", "spanId", "parentSpanId"):
        if item.get(key):
            item[key] = base64.b64decode(item[key]).hex()


class GuardedExporter(SpanExporter):
    """Wraps an exporter: a failure drops the batch, warns once, and pauses exporting for `RETRY_AFTER_S`."""

    _warned_targets: ClassVar[set[str]] = set()

    def __init__(self, exporter: SpanExporter, target: str, retry_after: float = RETRY_AFTER_S) -> None:
        self.exporter, self.target, self.retry_after = exporter, target, retry_after
        self.dropped = 0
        self.exported = 0
        self.last_problem: str | None = None
        self._paused_until = 0.0
        self._filter = _Capture(self)
        for name in _OTLP_LOGGERS:
            logging.getLogger(name).addFilter(self._filter)

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        now = time.monotonic()
        if now < self._paused_until:
            self.dropped += len(spans)
            return SpanExportResult.FAILURE
        try:
            result = self.exporter.export(spans)
        except Exception as exc:
            self.last_problem = f"{type(exc).__name__}: {exc}"
            result = SpanExportResult.FAILURE
        if result is SpanExportResult.SUCCESS:
            self._paused_until = 0.0
            self.exported += len(spans)
            return result
        self.dropped += len(spans)
        self._paused_until = time.monotonic() + self.retry_after
        if self.target not in GuardedExporter._warned_targets:
            GuardedExporter._warned_targets.add(self.target)
            logger.warning(
                "agentkit could not export traces to %s (%s); spans are dropped while it fails, "
                "and requests are not affected. This warning is shown once.",
                self.target,
                self.last_problem or "no reason given",
            )
        return SpanExportResult.FAILURE

    def shutdown(self) -> None:
        try:
            self.exporter.shutdown()
        except Exception:  # a failed shutdown must not end the command
            logger.debug("trace exporter shutdown failed", exc_info=True)
        for name in _OTLP_LOGGERS:
            logging.getLogger(name).removeFilter(self._filter)

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.exporter.force_flush(timeout_millis)


class _Capture(logging.Filter):
    """Keeps an OTLP exporter's own warnings and errors as the guard's reason instead of printing each."""

    def __init__(self, guard: GuardedExporter) -> None:
        super().__init__()
        self.guard = guard

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            self.guard.last_problem = record.getMessage()
            return False
        return True
