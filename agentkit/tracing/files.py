"""Reviewing trace files: read OTLP JSON Lines, summarize offload decisions, show a run, push to a collector.

Works on the files `agentkit.tracing.setup` writes (one OTLP/JSON ``TracesData`` a line,
hex ids) and on any OTLP/JSON file of the same shape. Reading needs no SDK;
`push` and `parse_line` use ``opentelemetry-proto``.
"""

from __future__ import annotations

import base64
import json
import os
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "KIND_NAMES",
    "SpanRecord",
    "find_trace",
    "otlp_endpoint",
    "parse_line",
    "push",
    "read_spans",
    "render_tree",
    "summarize",
    "summary_table",
    "trace_files",
    "traces_directory",
]

# OTLP's Span.SpanKind numbers (not the Python API's enum values)
KIND_NAMES = {0: "UNSPECIFIED", 1: "INTERNAL", 2: "SERVER", 3: "CLIENT", 4: "PRODUCER", 5: "CONSUMER"}
NO_TOOL = "(no tool)"
TRACES_DIR_ENV = "AGENTKIT_TRACES_DIR"
DEFAULT_DIRECTORY = "traces"
SLOWEST = 5


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


# -- reading ---------------------------------------------------------------------------------------------


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


def read_spans(paths: Iterable[str | os.PathLike[str]]) -> list[SpanRecord]:
    """Every span in the files, in file order. Lines that are not OTLP/JSON are skipped."""
    spans: list[SpanRecord] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(data, dict):
                    spans.extend(_spans_of(data))
    return spans


def _spans_of(data: dict[str, Any]) -> Iterator[SpanRecord]:
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


# -- summary ---------------------------------------------------------------------------------------------


@dataclass
class _Step:
    trace_id: str
    family: str
    operation: str
    route: str
    fm_avoided: bool
    start_ns: int
    end_ns: int
    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    verdict: str = ""
    last_route: str = ""
    failed: bool = False  # a tool's own check or a claim check failed somewhere in the step

    @property
    def without_model(self) -> bool:
        return self.model_calls == 0 and self.verdict == "pass"

    @property
    def repaired(self) -> bool:
        """A check failed and the step was still answered: a model after a tool, a re-ask, or tool values."""
        return self.failed and self.last_route not in ("", "none")


def _steps(spans: list[SpanRecord]) -> tuple[int, list[_Step]]:
    """Runs and their steps: a route span opens a step; the tool, chat and validate spans after it are its."""
    by_trace: dict[str, list[SpanRecord]] = defaultdict(list)
    for span in spans:
        by_trace[span.trace_id].append(span)
    runs, steps = 0, []
    for trace_id, members in by_trace.items():
        runs += sum(1 for s in members if s.name.startswith("invoke_agent"))
        step: _Step | None = None
        for span in sorted(members, key=lambda s: s.start_ns):
            a = span.attributes
            if span.name == "agentkit.route":
                step = _Step(
                    trace_id,
                    a.get("agentkit.offload.tool") or NO_TOOL,
                    a.get("agentkit.offload.operation", ""),
                    str(a.get("agentkit.offload.route", "")),
                    bool(a.get("agentkit.offload.fm_avoided")),
                    span.start_ns,
                    span.end_ns,
                )
                steps.append(step)
            elif step is None:
                continue
            elif span.name.startswith("chat ") or a.get("gen_ai.operation.name") == "chat":
                step.model_calls += 1
                step.input_tokens += int(a.get("gen_ai.usage.input_tokens", 0))
                step.output_tokens += int(a.get("gen_ai.usage.output_tokens", 0))
                step.end_ns = max(step.end_ns, span.end_ns)
            elif span.name.startswith("execute_tool"):
                step.failed |= a.get("agentkit.tool.verified") is False
                step.end_ns = max(step.end_ns, span.end_ns)
            elif span.name == "agentkit.validate":
                # a re-asked answer is validated again: the last validate span of a step has its verdict
                step.verdict = str(a.get("agentkit.validation.verdict", ""))
                step.last_route = str(a.get("agentkit.validation.route", step.route))
                step.failed |= int(a.get("agentkit.validation.failed", 0)) > 0
                step.end_ns = max(step.end_ns, span.end_ns)
    return runs, steps


def _row(steps: list[_Step]) -> dict[str, Any]:
    count = len(steps)
    without = sum(s.without_model for s in steps)
    return {
        "steps": count,
        "without_model": without,
        "without_model_share": round(without / count, 4) if count else 0.0,
        "model_calls_avoided": sum(s.fm_avoided and s.model_calls == 0 for s in steps),
        "model_calls": sum(s.model_calls for s in steps),
        "input_tokens": sum(s.input_tokens for s in steps),
        "output_tokens": sum(s.output_tokens for s in steps),
        "validations_failed": sum(s.failed for s in steps),
        "validations_repaired": sum(s.repaired for s in steps),
        "p50_ms": round(statistics.median((s.end_ns - s.start_ns) / 1e6 for s in steps), 3) if count else 0.0,
    }


def summarize(spans: list[SpanRecord], slowest: int = SLOWEST) -> dict[str, Any]:
    """Per tool family and overall: steps answered without a model, model calls avoided, tokens, validations.

    A step's family is the tool the router chose, or the one that understood part of it
    before it went to the model; ``(no tool)`` when no family recognized it.
    """
    runs, steps = _steps(spans)
    families: dict[str, list[_Step]] = defaultdict(list)
    for step in steps:
        families[step.family].append(step)
    ranked = sorted(steps, key=lambda s: s.end_ns - s.start_ns, reverse=True)[:slowest]
    return {
        "runs": runs,
        "families": {name: _row(members) for name, members in sorted(families.items())},
        "overall": _row(steps),
        "slowest": [
            {
                "trace_id": s.trace_id,
                "tool": s.family if s.family == NO_TOOL else f"{s.family}.{s.operation}",
                "route": s.route,
                "verdict": s.verdict,
                "model_calls": s.model_calls,
                "duration_ms": round((s.end_ns - s.start_ns) / 1e6, 3),
            }
            for s in ranked
        ],
    }


def summary_table(summary: dict[str, Any]) -> Any:
    """The summary as rich renderables (a table per family and the slowest steps)."""
    from rich.console import Group
    from rich.table import Table

    table = Table(title=f"Offload decisions in {summary['runs']} run(s)", title_justify="left")
    for column in (
        "family",
        "steps",
        "no model",
        "share",
        "calls avoided",
        "model calls",
        "tokens in/out",
        "checks failed",
        "repaired",
        "p50 ms",
    ):
        table.add_column(column, justify="left" if column == "family" else "right")

    def add(name: str, row: dict[str, Any], **style: Any) -> None:
        table.add_row(
            name,
            str(row["steps"]),
            str(row["without_model"]),
            f"{row['without_model_share']:.0%}",
            str(row["model_calls_avoided"]),
            str(row["model_calls"]),
            f"{row['input_tokens']}/{row['output_tokens']}",
            str(row["validations_failed"]),
            str(row["validations_repaired"]),
            f"{row['p50_ms']:.2f}",
            **style,
        )

    for name, row in summary["families"].items():
        add(name, row)
    table.add_section()
    add("overall", summary["overall"], style="bold")
    slow = Table(title="Slowest steps", title_justify="left")
    for column in ("ms", "tool", "route", "verdict", "model calls", "trace"):
        slow.add_column(column, justify="right" if column in ("ms", "model calls") else "left")
    for step in summary["slowest"]:
        slow.add_row(
            f"{step['duration_ms']:.2f}",
            step["tool"],
            step["route"],
            step["verdict"],
            str(step["model_calls"]),
            step["trace_id"],
        )
    return Group(table, slow)


# -- one run ---------------------------------------------------------------------------------------------


def find_trace(spans: list[SpanRecord], trace_id: str) -> list[SpanRecord]:
    """The spans of one trace; ``trace_id`` may be a unique prefix (``LookupError``: ambiguous, absent)."""
    wanted = trace_id.strip().lower()
    ids = {s.trace_id for s in spans if s.trace_id.startswith(wanted)}
    if not ids:
        raise LookupError(f"no trace {trace_id!r} in the trace files")
    if len(ids) > 1 and wanted not in ids:
        raise LookupError(f"{trace_id!r} matches {len(ids)} traces: give more of the id")
    chosen = wanted if wanted in ids else ids.pop()
    return [s for s in spans if s.trace_id == chosen]


_SHOWN_PREFIXES = ("agentkit.", "gen_ai.", "error.type")


def render_tree(spans: list[SpanRecord]) -> Any:
    """One trace as a rich ``Tree``: each span with kind, duration and its gen_ai/agentkit attributes."""
    from rich.markup import escape
    from rich.tree import Tree

    ids = {s.span_id for s in spans}
    children: dict[str, list[SpanRecord]] = defaultdict(list)
    roots = []
    for span in sorted(spans, key=lambda s: s.start_ns):
        if span.parent_id and span.parent_id in ids:
            children[span.parent_id].append(span)
        else:
            roots.append(span)
    trace_id = spans[0].trace_id if spans else ""
    tree = Tree(f"trace [bold]{trace_id}[/bold]" + (f" · {escape(spans[0].service)}" if spans else ""))

    def label(span: SpanRecord) -> str:
        status = " [red]ERROR[/red]" if span.status_code == 2 else ""
        head = (
            f"[bold]{escape(span.name)}[/bold] [dim]{KIND_NAMES.get(span.kind, span.kind)}[/dim] "
            f"{span.duration_ms:.2f} ms{status}"
        )
        shown = [f"{k}={_short(v)}" for k, v in span.attributes.items() if k.startswith(_SHOWN_PREFIXES)]
        if span.status_message:
            shown.append(f"status={_short(span.status_message)}")
        return head + "".join(f"\n  [dim]{escape(s)}[/dim]" for s in shown)

    def add(node: Any, span: SpanRecord) -> None:
        branch = node.add(label(span))
        for name, attributes in span.events:
            details = " ".join(f"{k}={_short(v)}" for k, v in attributes.items())
            branch.add(f"[cyan]◆ {escape(name)}[/cyan] {escape(details)}")
        for child in children.get(span.span_id, []):
            add(branch, child)

    for root in roots:
        add(tree, root)
    return tree


def _short(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- push ------------------------------------------------------------------------------------------------


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
                with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's URL
                    if not 200 <= response.status < 300:
                        raise urllib.error.URLError(f"{url} answered HTTP {response.status}")
                requests += 1
                spans += sum(len(s.spans) for r in message.resource_spans for s in r.scope_spans)
    return requests, spans
