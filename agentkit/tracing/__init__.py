"""Tracing: the spans the library records, the SDK set-up for the command line and server, and trace files.

    agentkit.tracing.spans      what a run records (``opentelemetry-api`` only; re-exported here)
    agentkit.tracing.setup      the OpenTelemetry SDK for the command line and server; the library never imports it
    agentkit.tracing.exporters  the span exporters that set-up uses: JSON Lines files, a guard around any exporter
    agentkit.tracing.processors the span processors that set-up uses: files that lose nothing, a batch that counts
    agentkit.tracing.certificates  what a verified step keeps on its span so that it can be checked again
    agentkit.tracing.files      reading trace files back: where they are, every span as a ``SpanRecord``
    agentkit.tracing.summary    offload decisions summed up per tool family
    agentkit.tracing.tree       one run as an indented tree of spans
    agentkit.tracing.push       replaying trace files into an OTLP/HTTP collector
    agentkit.tracing.replay     re-running the certificates of trace files (``agentkit verify``)
    agentkit.tracing.gaps       steps no tool answered that looked like a tool's, grouped by shape
"""

from __future__ import annotations

from agentkit.tracing.spans import *  # the library's tracing API, listed in spans.__all__
from agentkit.tracing.spans import __all__  # noqa: F401
