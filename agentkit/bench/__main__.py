"""Command line for the benchmarks: ``python -m agentkit.bench mathematics|gsm8k|chat [PATH] [options]``, ``latency``,
``tracing``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from agentkit.bench import chat, chat_sql, gsm8k, mathematics
from agentkit.bench.data import data_dir
from agentkit.bench.mathematics import Report, print_report

MATHEMATICS_PATH = str(data_dir() / "mathematics_dataset" / "dev.jsonl")
GSM8K_PATH = str(data_dir() / "gsm8k" / "test.jsonl")
SPIDER_DIR = str(data_dir() / "spider")
CHAT_PARTS = ("single", "conversations", "sql", "sql-several")

_model = click.option("--model", default="none", show_default=True, help="Model passed to Agent(model=...).")
_json = click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report as JSON here.",
)
_progress = click.option("--progress/--no-progress", default=True, help="Show a progress bar on a terminal.")


@click.group()
def main() -> None:
    """Measure the agent on a benchmark and list every wrong symbolic answer."""


@main.command("mathematics")
@click.argument("path", required=False, default=MATHEMATICS_PATH)
@_model
@click.option("--limit", type=click.IntRange(min=1), help="Ask at most N questions from each module.")
@click.option("--module", "modules", multiple=True, help="Ask only this module (repeatable).")
@_json
@_progress
def mathematics_command(
    path: str, model: str, limit: int | None, modules: tuple[str, ...], json_path: Path | None, progress: bool
) -> None:
    """DeepMind mathematics_dataset questions (PATH defaults to the shared dev.jsonl)."""
    _check_file(path)
    report = _run(lambda: mathematics.run(path, model=model, limit=limit, modules=modules, progress=progress))
    _finish(report, json_path)


@main.command("gsm8k")
@click.argument("path", required=False, default=GSM8K_PATH)
@_model
@click.option("--limit", type=click.IntRange(min=1), help="Ask only the first N questions.")
@_json
@_progress
def gsm8k_command(path: str, model: str, limit: int | None, json_path: Path | None, progress: bool) -> None:
    """GSM8K word problems (PATH defaults to the shared test.jsonl)."""
    _check_file(path)
    report = _run(lambda: gsm8k.run(path, model=model, limit=limit, progress=progress))
    _finish(report, json_path)


@main.command("chat")
@click.option("--data", "path", default=chat.CHAT_PATH, show_default=True, help="The chat requests (.jsonl).")
@click.option("--conversations", "conversations_path", default=chat.CONVERSATIONS_PATH, show_default=True,
              help="The multi-turn conversations (.jsonl).")
@click.option("--sql", "sql_path", default=chat_sql.SQL_PATH, show_default=True, help="The SQL requests (.jsonl).")
@click.option("--db-dir", default=chat_sql.DB_DIR, show_default=True, help="Where the SQL requests' databases are.")
@click.option("--part", "parts", multiple=True, type=click.Choice(CHAT_PARTS),
              help="Run only this part (repeatable; default: all four).")
@_model
@click.option("--category", "categories", multiple=True, help="Ask only this category (repeatable).")
@_json
@click.option("--show-wrong", is_flag=True, help="List every wrong answer: id, question, gold, got, reading.")
@_progress
def chat_command(
    path: str, conversations_path: str, sql_path: str, db_dir: str, parts: tuple[str, ...], model: str,
    categories: tuple[str, ...], json_path: Path | None, show_wrong: bool, progress: bool
) -> None:
    """Natural chat requests, conversations and SQL: answered, correct and WRONG-VERIFIED per category."""
    runs: dict[str, Callable[[], chat.Report]] = {
        "single": lambda: chat.run(path, model=model, progress=progress, categories=categories),
        "conversations": lambda: chat.run_conversations(conversations_path, model=model, progress=progress),
        "sql": lambda: chat_sql.run_sql(sql_path, db_dir=db_dir, model=model, progress=progress,
                                        categories=categories),
        "sql-several": lambda: chat_sql.run_sql(sql_path, db_dir=db_dir, model=model, several=True,
                                                progress=progress, categories=categories),
    }
    files = {"single": path, "conversations": conversations_path, "sql": sql_path, "sql-several": sql_path}
    reports = {}
    for part in parts or CHAT_PARTS:
        _check_file(files[part])
        try:
            report = runs[part]()
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        if len(parts) != 1:
            click.echo(f"\n== {part} ==")
        chat.print_report(report, show_wrong=show_wrong)
        refused = [o for o in report.outcomes if o.category == "sql_readonly"]
        if refused:
            click.echo(f"sql_readonly: {sum(o.answered for o in refused)} of {len(refused)} answered "
                       f"({sum(o.verified for o in refused)} verified); each must be refused")
        reports[part] = report.to_dict()
    if json_path is not None:
        # the single requests' report at the top (as before), the other parts under their names
        body = {**reports.pop("single", {}), **reports}
        json_path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"report written to {json_path}")


@main.command("latency")
@click.option("--rounds", default=200, show_default=True, help="Rounds over the question set, in-process.")
@click.option("--cold-runs", default=5, show_default=True, help="Runs of `agentkit ask` from process start.")
@click.option("--threads", is_flag=True, help="Compare the main thread with a worker thread instead (one run).")
def latency_command(rounds: int, cold_runs: int, threads: bool) -> None:
    """p50/p99 of a symbolic answer through the whole graph, and `agentkit ask` cold start."""
    from agentkit.bench.latency import by_thread, cold_start, in_process

    if threads:
        report = by_thread(rounds)
        for name, part in (("main thread", report.main), ("worker thread", report.worker)):
            click.echo(f"{name}: n={part.samples} p50={part.p50_ms:.2f} ms p99={part.p99_ms:.2f} ms "
                       f"mean={part.mean_ms:.2f} ms")
        click.echo(f"worker/main p50 ratio: {report.ratio:.2f} (target <= 1.5)")
        return
    warm = in_process(rounds)
    click.echo(f"in-process symbolic answer: n={warm.samples} p50={warm.p50_ms:.2f} ms "
               f"p99={warm.p99_ms:.2f} ms mean={warm.mean_ms:.2f} ms")
    cold = cold_start(cold_runs)
    click.echo(f"agentkit ask, process start to answer: n={cold.samples} median={cold.p50_ms:.0f} ms "
               f"max={cold.p99_ms:.0f} ms")


@main.command("tracing")
@click.option("--rounds", default=200, show_default=True, help="Rounds over the question set, each agent.")
def tracing_command(rounds: int) -> None:
    """p50 of a symbolic answer without tracing and with the SDK writing trace files (budget: +1 ms)."""
    from agentkit.bench.tracing import BUDGET_MS, run

    report = run(rounds)
    click.echo(f"symbolic answer, n={report.samples} each: untraced p50={report.untraced_p50_ms:.3f} ms, "
               f"traced p50={report.traced_p50_ms:.3f} ms, added {report.added_p50_ms:+.3f} ms "
               f"(x{report.ratio:.3f}); budget {BUDGET_MS} ms: {'met' if report.within_budget else 'MISSED'}")


@main.command("sql")
@click.argument("path", required=False, default=SPIDER_DIR)
@click.option("--seed", default=13, show_default=True, help="Seed for the mutated queries.")
def sql_command(path: str, seed: int) -> None:
    """Spider: gold queries through the schema check, and mutated ones that must be rejected."""
    from agentkit.bench.sql import run

    if not Path(path).is_dir():
        raise click.ClickException(f"Spider directory not found: {path}; pass its path as the PATH argument")
    run(path, seed=seed)


def _check_file(path: str) -> None:
    if not Path(path).is_file():
        where = "" if Path(path).is_absolute() else f", relative to {Path.cwd()}"
        raise click.ClickException(
            f"benchmark file not found: {path}{where}; pass its path as the PATH argument"
        )


def _run(start: Callable[[], Report]) -> Report:
    # A bad data line or an unknown --module is the user's mistake: a message, not a traceback.
    try:
        return start()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def _finish(report: Report, json_path: Path | None) -> None:
    print_report(report)
    if json_path is not None:
        text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
        json_path.write_text(text + "\n", encoding="utf-8")
        click.echo(f"report written to {json_path}")


if __name__ == "__main__":
    main()
