"""A `BenchResult` as people read it: a rich table in the terminal, a Markdown table, a JSON file, PNG charts.

The same rows everywhere: per suite, system and category, accuracy (correct of all asked), the share answered
with no model call, model calls, tokens in and out, latency p50 and p99, and WRONG-VERIFIED (wrong answers
marked verified: the number that must stay 0). A system that could not run is one row saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from agentkit.bench.runner import BenchResult, Tally

__all__ = ["COLUMNS", "markdown", "print_result", "rich_table", "write_charts", "write_outputs"]

COLUMNS = ("suite", "system", "category", "n", "accuracy", "no model call", "model calls", "tokens in",
           "tokens out", "p50 ms", "p99 ms", "WRONG-VERIFIED")


def _share(part: int, whole: int) -> str:
    return "—" if not whole else f"{100 * part / whole:.1f}%"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}" if value < 1000 else f"{value:.0f}"


def _cells(suite: str, system: str, category: str, t: Tally) -> list[str]:
    return [suite, system, category, str(t.total), f"{_share(t.correct, t.total)} ({t.correct})",
            _share(t.no_model, t.total), str(t.model_calls), str(t.tokens_in), str(t.tokens_out), _ms(t.p50_ms),
            _ms(t.p99_ms), str(t.wrong_verified)]


def _rows(result: BenchResult, *, categories: bool) -> list[list[str]]:
    table = result.table()
    rows = []
    for suite in result.suites:
        for system in result.systems:
            if system in result.notes:
                rows.append([suite, system, "all", str(result.suites[suite]), result.notes[system], *[""] * 7])
                continue
            tallies = table.get(suite, {}).get(system, {})
            names = sorted(c for c in tallies if c != "all") if categories and len(tallies) > 2 else []
            rows.extend(_cells(suite, system, name, tallies[name]) for name in names)
            if "all" in tallies:
                rows.append(_cells(suite, system, "all", tallies["all"]))
    return rows


def rich_table(result: BenchResult, *, categories: bool = False) -> Table:
    """The result as a rich table: one row per suite and system (and per category when ``categories``)."""
    table = Table(title=f"agentkit bench — model {result.model}", box=box.SIMPLE_HEAD)
    for name in COLUMNS:
        table.add_column(name, justify="left" if name in ("suite", "system", "category") else "right",
                         overflow="fold")
    for row in _rows(result, categories=categories):
        style = "bold red" if row[-1] not in ("", "0") else None
        table.add_row(*row, style=style)
    return table


def markdown(result: BenchResult, *, categories: bool = True) -> str:
    """The result as a Markdown table (per category, then ``all``, for each suite and system)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    for row in _rows(result, categories=categories):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    limit = "all requests" if result.limit is None else f"--limit {result.limit} --seed {result.seed}"
    return f"Model: `{result.model}`; {limit}.\n\n" + "\n".join(lines) + "\n"


def write_outputs(result: BenchResult, out: Path) -> list[Path]:
    """Write ``results.json``, ``results.md`` (per category), ``summary.md`` (per suite) and the charts into
    ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path, summary_path = out / "results.json", out / "results.md", out / "summary.md"
    json_path.write_text(json.dumps(result.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown(result), encoding="utf-8")
    summary_path.write_text(markdown(result, categories=False), encoding="utf-8")
    return [json_path, md_path, summary_path, *write_charts(result, out)]


def _chart_groups(result: BenchResult, systems: list[str]) -> dict[str, dict[str, Tally]]:
    """The bars' groups: one suite's categories when one suite ran, else each suite's ``all``."""
    table = result.table()
    if len(result.suites) == 1:
        (suite,) = result.suites
        rows = table.get(suite, {})
        names = sorted({c for system in systems for c in rows.get(system, {})} - {"all"}) + ["all"]
        return {name: {system: rows.get(system, {}).get(name) for system in systems} for name in names}
    return {suite: {system: table.get(suite, {}).get(system, {}).get("all") for system in systems}
            for suite in result.suites}


def write_charts(result: BenchResult, out: Path) -> list[Path]:
    """PNG charts: accuracy and model calls per system and category (per suite when several ran), and the
    latency distribution per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ran = [s for s in result.systems if s not in result.notes]
    groups = _chart_groups(result, ran)
    written = []
    for metric, title, filename in (("accuracy", "accuracy (correct of all asked)", "accuracy.png"),
                                    ("calls", "model calls per request", "model_calls.png")):
        fig, ax = plt.subplots(figsize=(min(24.0, max(6.0, 0.5 * len(groups) * max(1, len(ran)) + 2)), 4.5))
        width = 0.8 / max(1, len(ran))
        for offset, system in enumerate(ran):
            values = []
            for label in groups:
                t = groups[label].get(system)
                if t is None or not t.total:
                    values.append(0.0)
                else:
                    values.append(100 * t.correct / t.total if metric == "accuracy" else t.model_calls / t.total)
            ax.bar([i + offset * width for i in range(len(groups))], values, width, label=system)
        ax.set_xticks([i + width * (len(ran) - 1) / 2 for i in range(len(groups))], list(groups), rotation=40,
                      ha="right", fontsize=8)
        ax.set_ylabel("%" if metric == "accuracy" else "calls")
        ax.set_title(f"{title} — model {result.model}")
        if ran:
            ax.legend()
        fig.tight_layout()
        path = out / filename
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    samples = [[max(o.latency_ms, 1e-3) for o in result.outcomes if o.system == s] for s in ran]
    if any(samples):
        ax.boxplot([s or [1e-3] for s in samples], tick_labels=ran, whis=(1, 99), showfliers=True)
        ax.set_yscale("log")
    ax.set_ylabel("latency per request, ms (log)")
    ax.set_title(f"latency (whiskers p1–p99) — model {result.model}")
    fig.tight_layout()
    path = out / "latency.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    written.append(path)
    return written


def print_result(result: BenchResult, console: Console | None = None, *, categories: bool = False) -> None:
    """Print the rich table, and a line per system that did not run."""
    console = console or Console()
    console.print(rich_table(result, categories=categories))
