"""Tracing: the spans the library records, the SDK set-up for the CLI and server, and reading trace files.

    agentkit.tracing.spans   what a run records (``opentelemetry-api`` only; re-exported here)
    agentkit.tracing.setup   the OpenTelemetry SDK for the command line and server; the library never imports it
    agentkit.tracing.files   reading OTLP JSON Lines trace files: summaries, one run as a tree, push to a collector
"""

from __future__ import annotations

from agentkit.tracing.spans import *  # noqa: F403 -- the library's tracing API, listed in spans.__all__
from agentkit.tracing.spans import __all__  # noqa: F401
