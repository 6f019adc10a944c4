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

Trace files lose nothing: every span of every run is written, in the thread that ends
the run (`agentkit.tracing.processors.FileSpanProcessor`). A collector never fails or
slows a request: spans go through a `BatchSpanProcessor` with a bounded queue to a
background thread, exports time out quickly, and a collector that fails is left alone
for a while: its spans are dropped, with one warning in the process's life
(`agentkit.tracing.exporters`), and when the command or process ends, one sentence
says how many spans were lost.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Literal

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import TracerProvider as SdkTracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor, SpanExporter

from agentkit.tracing.exporters import GuardedExporter, JsonLinesSpanExporter
from agentkit.tracing.files import traces_directory
from agentkit.tracing.processors import CountingBatchSpanProcessor, FileSpanProcessor

__all__ = ["MODES", "Mode", "configure", "trace_file"]

logger = logging.getLogger(__name__)

Mode = Literal["file", "otlp", "console", "none"]
MODES: tuple[str, ...] = ("file", "otlp", "console", "none")
SERVICE = "agentkit"

# Batching for a collector: a bounded queue (memory stays bounded; spans past it are dropped, and counted),
# short export timeouts. Trace files are not batched (see `FileSpanProcessor`).
MAX_QUEUE_SIZE = 2048
MAX_EXPORT_BATCH_SIZE = 512
SCHEDULE_DELAY_MS = 1000
EXPORT_TIMEOUT_S = 1.0  # when neither OTEL_EXPORTER_OTLP_TRACES_TIMEOUT nor OTEL_EXPORTER_OTLP_TIMEOUT is set
_SDK_BATCH_LOGGER = "opentelemetry.sdk._shared_internal"

_file_exporter: JsonLinesSpanExporter | None = None


def trace_file() -> str | None:
    """The file the most recently configured file exporter writes to now, or ``None`` when it is not files."""
    return str(_file_exporter.path()) if _file_exporter is not None else None


def configure(
    traces: Mode = "file",
    directory: str | os.PathLike[str] | None = None,
    *,
    set_global: bool = False,
) -> trace.TracerProvider:
    """A tracer provider exporting agentkit's spans: to files, over OTLP, to the console, or nowhere.

    Whether message content goes on the spans is the agent's setting (``Agent(trace_content=...)``),
    not the provider's.

    Args:
        traces: ``file`` (OTLP JSON Lines, one ``TracesData`` a line, in ``<directory>/<UTC date>.jsonl``),
            ``otlp`` (gRPC or HTTP per ``OTEL_EXPORTER_OTLP_PROTOCOL``), ``console`` (standard error) or
            ``none`` (a no-op provider).
        directory: for ``file``: defaults to ``$AGENTKIT_TRACES_DIR``, else ``traces``.
        set_global: also make it the global tracer provider.
    """
    global _file_exporter
    if traces not in MODES:
        raise ValueError(f"traces must be one of {', '.join(MODES)}; got {traces!r}")
    if traces == "file":
        _file_exporter = None
    if traces == "none" or os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return trace.NoOpTracerProvider()
    provider = SdkTracerProvider(resource=_resource())
    if traces == "console":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stderr)))
    elif traces == "file":
        file_exporter = JsonLinesSpanExporter(traces_directory(directory))
        _file_exporter = file_exporter
        target = f"trace files in {traces_directory(directory)}"
        provider.add_span_processor(FileSpanProcessor(GuardedExporter(file_exporter, target)))
    else:
        exporter, target = _otlp_exporter()
        provider.add_span_processor(
            CountingBatchSpanProcessor(
                GuardedExporter(exporter, target),
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


class _Once(logging.Filter):
    """Lets each distinct message through once; never the SDK's "Queue full" for each dropped span
    (`CountingBatchSpanProcessor` counts those, and the count is said once at the end)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = str(record.msg)
        if key.startswith("Queue full"):
            return False
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


_once = _Once()


def _quiet_sdk_loggers() -> None:
    sdk = logging.getLogger(_SDK_BATCH_LOGGER)
    if _once not in sdk.filters:
        sdk.addFilter(_once)
