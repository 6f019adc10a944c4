"""Offload decisions summed up from trace files: per tool family and overall, and the slowest steps."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from agentkit.tracing.files import SpanRecord

__all__ = ["NO_TOOL", "summarize", "summary_table"]

NO_TOOL = "(no tool)"
SLOWEST = 5


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
    """The summary as rich renderables (a table per family and the slowest steps), 80 columns wide or less."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    legend = Text(
        "no model: answered and verified without a model; avoided: model calls avoided; model: model calls; "
        "tokens: in/out; failed/fixed: steps whose check failed, and of those the ones still answered",
        style="dim",
    )
    table = Table(
        title=f"Offload decisions in {summary['runs']} run(s)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
    for column in ("family", "steps", "no model", "avoided", "model", "tokens", "failed/fixed", "p50 ms"):
        table.add_column(column, justify="left" if column == "family" else "right", no_wrap=True)

    def add(name: str, row: dict[str, Any], **style: Any) -> None:
        table.add_row(
            name,
            str(row["steps"]),
            f"{row['without_model']} {row['without_model_share']:.0%}",
            str(row["model_calls_avoided"]),
            str(row["model_calls"]),
            f"{row['input_tokens']}/{row['output_tokens']}",
            f"{row['validations_failed']}/{row['validations_repaired']}",
            f"{row['p50_ms']:.2f}",
            **style,
        )

    for name, row in summary["families"].items():
        add(name, row)
    table.add_section()
    add("overall", summary["overall"], style="bold")
    slow = Table(title="Slowest steps", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                 collapse_padding=True, show_edge=False)
    for column in ("ms", "tool", "route", "verdict", "model", "trace"):
        slow.add_column(column, justify="right" if column in ("ms", "model") else "left", no_wrap=column != "tool")
    for step in summary["slowest"]:
        slow.add_row(
            f"{step['duration_ms']:.2f}",
            step["tool"],
            step["route"],
            step["verdict"],
            str(step["model_calls"]),
            step["trace_id"][:12],
        )
    return Group(table, legend, slow)
