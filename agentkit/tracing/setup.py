"""OpenTelemetry SDK set-up for agentkit's command line and server; the library never imports this module.

    >>> from agentkit import Agent
    >>> from agentkit.tracing.setup import configure
    >>> provider = configure("file")          # OTLP JSON Lines in traces/<UTC date>.jsonl
    >>> Agent(tracer_provider=provider).invoke("What is 2+2?").trace_id   # doctest: +SKIP

``configure`` honours the standard variables: ``OTEL_SERVICE_NAME`` and
``OTEL_RESOURCE_ATTRIBUTES``; ``OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL`` (``grpc`` or
``http/protobuf``, the default), ``…_ENDPOINT``, ``…_HEADERS``, ``…_TIMEOUT``,
``…_COMPRESSION`` and the certificate variables; ``OTEL_SDK_DISABLED``; and
``AGENTKIT_TRACES_DIR`` for trace files.

Exporting never fails or slows a request: spans go through a `BatchSpanProcessor`
with a bounded queue to a background thread, exports time out quickly, and a
collector that fails is left alone for a while: its spans are dropped, with one
warning in the process's life.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace import TracerProvider as SdkTracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
    SpanExportResult,
)

from agentkit.tracing.files import DEFAULT_DIRECTORY, TRACES_DIR_ENV, traces_directory
from agentkit.tracing.spans import set_capture_content

__all__ = [
    "DEFAULT_DIRECTORY",
    "MODES",
    "TRACES_DIR_ENV",
    "JsonLinesSpanExporter",
    "Mode",
    "configure",
    "encode_json_line",
    "trace_file",
    "traces_directory",
]

logger = logging.getLogger(__name__)

Mode = Literal["file", "otlp", "console", "none"]
MODES: tuple[str, ...] = ("file", "otlp", "console", "none")
SERVICE = "agentkit"

# Batching: a bounded queue (memory stays bounded; spans past it are dropped), short export timeouts.
MAX_QUEUE_SIZE = 2048
MAX_EXPORT_BATCH_SIZE = 512
SCHEDULE_DELAY_MS = 1000
EXPORT_TIMEOUT_S = 1.0  # when neither OTEL_EXPORTER_OTLP_TRACES_TIMEOUT nor OTEL_EXPORTER_OTLP_TIMEOUT is set
RETRY_AFTER_S = 30.0  # after a failed export, drop spans this long before trying the collector again

_OTLP_LOGGERS = (
    "opentelemetry.exporter.otlp.proto.http.trace_exporter",
    "opentelemetry.exporter.otlp.common.http",
    "opentelemetry.exporter.otlp.proto.grpc.exporter",
    "opentelemetry.exporter.otlp.proto.grpc.trace_exporter",
)
_SDK_BATCH_LOGGER = "opentelemetry.sdk._shared_internal"

_file_exporter: JsonLinesSpanExporter | None = None


def trace_file() -> str | None:
    """The file the most recently configured file exporter writes to now, or ``None`` when it is not files."""
    return str(_file_exporter.path()) if _file_exporter is not None else None


def configure(
    traces: Mode = "file",
    directory: str | os.PathLike[str] | None = None,
    content: bool = False,
    *,
    set_global: bool = False,
) -> trace.TracerProvider:
    """A tracer provider exporting agentkit's spans: to files, over OTLP, to the console, or nowhere.

    Args:
        traces: ``file`` (OTLP JSON Lines, one ``TracesData`` a line, in ``<directory>/<UTC date>.jsonl``),
            ``otlp`` (gRPC or HTTP per ``OTEL_EXPORTER_OTLP_PROTOCOL``), ``console`` (standard error) or
            ``none`` (a no-op provider).
        directory: for ``file``: defaults to ``$AGENTKIT_TRACES_DIR``, else ``traces``.
        content: record message content (requests, prompts, replies). When false the
            ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` variable decides.
        set_global: also make it the global tracer provider.
    """
    global _file_exporter
    if traces not in MODES:
        raise ValueError(f"traces must be one of {', '.join(MODES)}; got {traces!r}")
    set_capture_content(True if content else None)
    if traces == "file":
        _file_exporter = None
    if traces == "none" or os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return trace.NoOpTracerProvider()
    provider = SdkTracerProvider(resource=_resource())
    if traces == "console":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stderr)))
    else:
        if traces == "file":
            exporter: SpanExporter = JsonLinesSpanExporter(traces_directory(directory))
            _file_exporter = exporter  # type: ignore[assignment]
            target = f"trace files in {traces_directory(directory)}"
        else:
            exporter, target = _otlp_exporter()
        provider.add_span_processor(
            BatchSpanProcessor(
                _Guarded(exporter, target),
                max_queue_size=MAX_QUEUE_SIZE,
                max_export_batch_size=MAX_EXPORT_BATCH_SIZE,
                schedule_delay_millis=SCHEDULE_DELAY_MS,
                export_timeout_millis=EXPORT_TIMEOUT_S * 1000,
            )
        )
        _quiet_sdk_loggers()
    if set_global:
        trace.set_tracer_provider(provider)
    return provider


def _resource() -> Resource:
    from agentkit import __version__

    resource = Resource.create(
        {SERVICE_VERSION: __version__}
    )  # reads OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES
    if str(resource.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        resource = resource.merge(Resource({SERVICE_NAME: SERVICE}))
    return resource


def _otlp_exporter() -> tuple[SpanExporter, str]:
    protocol = (
        (
            os.environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
            or os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL")
            or "http/protobuf"
        )
        .strip()
        .lower()
    )
    timeout = (
        None
        if (
            os.environ.get("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT")
            or os.environ.get("OTEL_EXPORTER_OTLP_TIMEOUT")
        )
        else EXPORT_TIMEOUT_S
    )
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter as GrpcExporter

        grpc_exporter = GrpcExporter(timeout=timeout)
        return (
            grpc_exporter,
            f"the OTLP/gRPC collector at {getattr(grpc_exporter, '_endpoint', 'localhost:4317')}",
        )
    if protocol not in ("http/protobuf", "http"):
        raise ValueError(
            f"OTEL_EXPORTER_OTLP_PROTOCOL {protocol!r} is not supported: use grpc or http/protobuf"
        )
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter as HttpExporter

    http_exporter = HttpExporter(timeout=timeout)
    return http_exporter, f"the OTLP/HTTP collector at {http_exporter._endpoint}"


class JsonLinesSpanExporter(SpanExporter):
    """Appends each batch of spans to ``<directory>/<UTC date>.jsonl`` as one OTLP/JSON ``TracesData`` line.

    The encoding is the OTLP/JSON one: lowerCamelCase field names, trace and span ids
    in hex, enums as integers, 64-bit integers as strings. Jaeger's UI loads these files.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()

    def path(self, when: datetime | None = None) -> Path:
        return self.directory / f"{(when or datetime.now(timezone.utc)).strftime('%Y-%m-%d')}.jsonl"

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


class _Guarded(SpanExporter):
    """Wraps an exporter: a failure drops the batch, warns once, and pauses exporting for `RETRY_AFTER_S`."""

    _warned_targets: set[str] = set()

    def __init__(self, exporter: SpanExporter, target: str, retry_after: float = RETRY_AFTER_S) -> None:
        self.exporter, self.target, self.retry_after = exporter, target, retry_after
        self.dropped = 0
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
        except Exception as exc:  # noqa: BLE001 - an exporter's bug is a dropped batch, never a crash
            self.last_problem = f"{type(exc).__name__}: {exc}"
            result = SpanExportResult.FAILURE
        if result is SpanExportResult.SUCCESS:
            self._paused_until = 0.0
            return result
        self.dropped += len(spans)
        self._paused_until = time.monotonic() + self.retry_after
        if self.target not in _Guarded._warned_targets:
            _Guarded._warned_targets.add(self.target)
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
        except Exception:  # noqa: BLE001
            logger.debug("trace exporter shutdown failed", exc_info=True)
        for name in _OTLP_LOGGERS:
            logging.getLogger(name).removeFilter(self._filter)

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.exporter.force_flush(timeout_millis)


class _Capture(logging.Filter):
    """Keeps an OTLP exporter's own warnings and errors as the guard's reason instead of printing each."""

    def __init__(self, guard: _Guarded) -> None:
        super().__init__()
        self.guard = guard

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            self.guard.last_problem = record.getMessage()
            return False
        return True


class _Once(logging.Filter):
    """Lets each distinct message through once (the SDK warns "Queue full" for every dropped span)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = str(record.msg)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


_once = _Once()


def _quiet_sdk_loggers() -> None:
    sdk = logging.getLogger(_SDK_BATCH_LOGGER)
    if _once not in sdk.filters:
        sdk.addFilter(_once)
