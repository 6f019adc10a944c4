"""Replaying trace files into an OTLP/HTTP collector, such as a running Jaeger (needs ``opentelemetry-proto``)."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable
from typing import Any

__all__ = ["otlp_endpoint", "parse_line", "push"]


def otlp_endpoint(endpoint: str | None = None) -> str:
    """The OTLP/HTTP traces URL: ``endpoint`` (``/v1/traces`` added to a bare host), else OTEL_* variables."""
    if endpoint is None:
        endpoint = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        if endpoint:
            return endpoint
        endpoint = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or "http://localhost:4318"
    from urllib.parse import urlsplit

    if urlsplit(endpoint).path in ("", "/"):
        endpoint = endpoint.rstrip("/") + "/v1/traces"
    return endpoint


def push(
    paths: Iterable[str | os.PathLike[str]], endpoint: str | None = None, timeout: float = 10.0
) -> tuple[int, int]:
    """Replay trace files into an OTLP/HTTP endpoint as protobuf; returns (requests sent, spans sent).

    Raises ``OSError`` (``urllib.error.URLError``) when the endpoint cannot be reached or refuses a request,
    ``ValueError`` when a line is not OTLP/JSON.
    """
    import urllib.error
    import urllib.request

    from google.protobuf.json_format import ParseError
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    url = otlp_endpoint(endpoint)
    requests = spans = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    data = parse_line(line)
                except (ParseError, json.JSONDecodeError, ValueError) as exc:
                    raise ValueError(f"{path}:{number} is not an OTLP/JSON line: {exc}") from exc
                message = ExportTraceServiceRequest(resource_spans=data.resource_spans)
                request = urllib.request.Request(
                    url,
                    data=message.SerializeToString(),
                    method="POST",
                    headers={"Content-Type": "application/x-protobuf"},
                )
                with urllib.request.urlopen(request, timeout=timeout) as response:  # the URL the user gave
                    if not 200 <= response.status < 300:
                        raise urllib.error.URLError(f"{url} answered HTTP {response.status}")
                requests += 1
                spans += sum(len(s.spans) for r in message.resource_spans for s in r.scope_spans)
    return requests, spans


def parse_line(line: str) -> Any:
    """One trace-file line as an ``opentelemetry.proto`` ``TracesData`` (hex ids turned back into bytes).

    Raises ``google.protobuf.json_format.ParseError`` when the line does not fit the OTLP schema.
    """
    from google.protobuf.json_format import ParseDict
    from opentelemetry.proto.trace.v1.trace_pb2 import TracesData

    data = json.loads(line)
    for resource_spans in data.get("resourceSpans", []):
        for scope_spans in resource_spans.get("scopeSpans", []):
            for span in scope_spans.get("spans", []):
                _base64_ids(span)
                for link in span.get("links", []):
                    _base64_ids(link)
    return ParseDict(data, TracesData())


def _base64_ids(item: dict[str, Any]) -> None:
    for key in ("traceId", "spanId", "parentSpanId"):
        if item.get(key):
            item[key] = base64.b64encode(bytes.fromhex(item[key])).decode("ascii")
