"""Reading trace files: where they are, and every span in them as a `SpanRecord`.

Works on the files `agentkit.tracing.setup` writes (one OTLP/JSON ``TracesData`` a line,
hex ids) and on any OTLP/JSON file of the same shape; reading needs no OpenTelemetry package.
`agentkit.tracing.summary`, `agentkit.tracing.tree` and `agentkit.tracing.push` work on what it reads.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_DIRECTORY",
    "KIND_NAMES",
    "TRACES_DIR_ENV",
    "SpanRecord",
    "TraceFileError",
    "read_spans",
    "trace_files",
    "traces_directory",
]

# OTLP's Span.SpanKind numbers (not the Python API's enum values)
KIND_NAMES = {0: "UNSPECIFIED", 1: "INTERNAL", 2: "SERVER", 3: "CLIENT", 4: "PRODUCER", 5: "CONSUMER"}
TRACES_DIR_ENV = "AGENTKIT_TRACES_DIR"
DEFAULT_DIRECTORY = "traces"


@dataclass
class SpanRecord:
    """One span read back from a trace file."""

    trace_id: str
    span_id: str
    parent_id: str
    name: str
    kind: int
    start_ns: int
    end_ns: int
    attributes: dict[str, Any] = field(default_factory=dict)
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status_code: int = 0
    status_message: str = ""
    service: str = ""

    @property
    def duration_ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6


def traces_directory(directory: str | os.PathLike[str] | None = None) -> Path:
    """Where trace files go: ``directory``, else ``$AGENTKIT_TRACES_DIR``, else ``traces/`` here."""
    return Path(directory or os.environ.get(TRACES_DIR_ENV) or DEFAULT_DIRECTORY)


def trace_files(path: str | os.PathLike[str] | None = None) -> list[Path]:
    """``path`` if a file; its ``*.jsonl`` files (oldest first) if a directory; default: the traces dir."""
    target = Path(path) if path is not None else traces_directory()
    if target.is_file():
        return [target]
    if target.is_dir():
        return sorted(target.glob("*.jsonl"))
    raise FileNotFoundError(f"no trace file or directory at {target}")


class TraceFileError(ValueError):
    """A file that is not a trace file: not UTF-8 text, or not one line of OTLP/JSON in it."""


def read_spans(
    paths: Iterable[str | os.PathLike[str]], *, skipped: list[str] | None = None
) -> list[SpanRecord]:
    """Every span in the files, in file order.

    A line that is not OTLP/JSON is skipped; with ``skipped``, each is noted there as
    ``"<file>:<line>: <why>"`` so that a reader can say how much it left out.

    Raises:
        TraceFileError: a file is not UTF-8 text, or has lines and none of them is OTLP/JSON.
        OSError: a file cannot be read.
    """
    spans: list[SpanRecord] = []
    for path in paths:
        good, bad = 0, []
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        read = list(_spans_of(json.loads(line)))
                    except json.JSONDecodeError as exc:
                        bad.append(f"{path}:{number}: not JSON ({exc.msg})")
                    except (AttributeError, TypeError, ValueError, KeyError) as exc:
                        bad.append(f"{path}:{number}: not OTLP/JSON trace data ({type(exc).__name__})")
                    else:
                        good += 1
                        spans.extend(read)
        except UnicodeDecodeError as exc:
            raise TraceFileError(
                f"{path} is not a trace file: it is not UTF-8 text (byte {exc.object[exc.start]:#04x} "
                f"at offset {exc.start:,})"
            ) from exc
        if bad and not good:
            raise TraceFileError(f"{path} is not a trace file: none of its lines is OTLP/JSON ({bad[0]})")
        if skipped is not None:
            skipped.extend(bad)
    return spans


def _spans_of(data: Any) -> Iterator[SpanRecord]:
    """The spans of one ``TracesData``; raises ``AttributeError``, ``TypeError`` or ``ValueError`` on
    data of another shape."""
    if not isinstance(data, dict) or not isinstance(data.get("resourceSpans", []), list):
        raise TypeError("not a TracesData object")
    for resource_spans in data.get("resourceSpans", []):
        resource = _attributes(resource_spans.get("resource", {}).get("attributes", []))
        for scope_spans in resource_spans.get("scopeSpans", []):
            for span in scope_spans.get("spans", []):
                status = span.get("status") or {}
                yield SpanRecord(
                    trace_id=_hex(span.get("traceId", "")),
                    span_id=_hex(span.get("spanId", "")),
                    parent_id=_hex(span.get("parentSpanId", "")),
                    name=span.get("name", ""),
                    kind=int(span.get("kind", 0)),
                    start_ns=int(span.get("startTimeUnixNano", 0)),
                    end_ns=int(span.get("endTimeUnixNano", 0)),
                    attributes=_attributes(span.get("attributes", [])),
                    events=[
                        (e.get("name", ""), _attributes(e.get("attributes", [])))
                        for e in span.get("events", [])
                    ],
                    status_code=int(status.get("code", 0)),
                    status_message=status.get("message", ""),
                    service=str(resource.get("service.name", "")),
                )


def _hex(value: str) -> str:
    """An id as hex: OTLP/JSON ids are hex already; accept base64 from encoders that got it wrong."""
    if not value:
        return ""
    try:
        int(value, 16)
        return value.lower()
    except ValueError:
        return base64.b64decode(value).hex()


def _attributes(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {item.get("key", ""): _value(item.get("value") or {}) for item in items}


def _value(value: dict[str, Any]) -> Any:
    if "stringValue" in value:
        return value["stringValue"]
    if "boolValue" in value:
        return bool(value["boolValue"])
    if "intValue" in value:
        return int(value["intValue"])
    if "doubleValue" in value:
        return float(value["doubleValue"])
    if "arrayValue" in value:
        return [_value(v) for v in value["arrayValue"].get("values", [])]
    if "kvlistValue" in value:
        return _attributes(value["kvlistValue"].get("values", []))
    if "bytesValue" in value:
        return value["bytesValue"]
    return None
