"""One run read back from trace files, shown as an indented tree of its spans."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from agentkit.tracing.files import KIND_NAMES, SpanRecord

__all__ = ["find_trace", "render_tree"]


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
