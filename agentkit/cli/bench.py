"""``agentkit bench``: agentkit beside the model alone and a LangChain ReAct agent, on the same requests.

    agentkit bench mathematics chat --model none --limit 50
    agentkit bench gsm8k --model local --limit 30 --systems agentkit,model-only,react
    agentkit bench my_questions.jsonl --compare bench-results/results.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["bench_command"]


def _systems(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    from agentkit.bench.systems import SYSTEMS

    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SYSTEMS]
    if unknown or not names:
        raise click.BadParameter(f"{', '.join(unknown) or 'none given'}: choose from {', '.join(SYSTEMS)}")
    return list(dict.fromkeys(names))


@click.command("bench")
@click.argument("suites", nargs=-1, required=True, metavar="SUITE...")
@click.option("--model", default="none", show_default=True,
              help="The chat model every system uses: none, local, openai:<model>, ...")
@click.option("--systems", default="agentkit,model-only,react", show_default=True, callback=_systems,
              help="Comma-separated systems to compare: agentkit, model-only, react.")
@click.option("--limit", type=click.IntRange(min=1), help="Ask N requests of each suite, drawn with --seed.")
@click.option("--seed", default=0, show_default=True, help="Seed of the --limit sample.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("bench-results"),
              show_default=True, help="Where results.json, results.md and the PNG charts go.")
@click.option("--compare", "compare_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A previous results.json (or docs/bench/baseline.json): list every drop in answered or "
                   "correct, and exit 1 on any.")
@click.option("--categories/--no-categories", default=False, help="Also print one row per category.")
def bench_command(suites: tuple[str, ...], model: str, systems: list[str], limit: int | None, seed: int,
                  out: Path, compare_path: Path | None, categories: bool) -> None:
    """Run SUITE... through agentkit, the model alone and a ReAct agent; grade every answer by meaning.

    A SUITE is a built-in name (mathematics, gsm8k, svamp, asdiv, math500, spider, kb13, structured-regex,
    chat, conversations, chat-sql; read from $AGENTKIT_BENCH_DATA, default ../shared/data) or a .jsonl
    file with id, question, answer and optional category, kind, database, turns.

    Per system and category: accuracy, the share answered with no model call, model calls, tokens, latency
    p50/p99 and WRONG-VERIFIED (wrong answers marked verified; must stay 0).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from agentkit.bench.gate import compare
    from agentkit.bench.report import print_result, write_outputs
    from agentkit.bench.runner import run_bench
    from agentkit.bench.suites import SuiteError, load_suite, sample
    from agentkit.errors import ConfigError

    try:
        loaded = {name: sample(load_suite(name, work_dir=out / "spider-dbs"), limit, seed) for name in suites}
    except SuiteError as exc:
        raise click.ClickException(str(exc)) from exc
    total = sum((len(i.turns) or 1) for items in loaded.values() for i in items) * len(systems)
    console = Console(stderr=True)
    try:
        with Progress(TextColumn("asking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("asking", total=total)
            result = run_bench(loaded, systems=systems, model=model, seed=seed, limit=limit,
                               on_answer=lambda: bar.advance(task))
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, Console() if sys.stdout.isatty() else Console(width=200), categories=categories)
    for path in write_outputs(result, out):
        click.echo(f"wrote {path}")
    if compare_path is not None:
        try:
            baseline = json.loads(compare_path.read_text(encoding="utf-8"))
            problems = compare(result.to_dict(outcomes=False), baseline)
        except (ValueError, KeyError, TypeError) as exc:
            raise click.ClickException(f"{compare_path}: not a bench result ({exc})") from exc
        for line in problems:
            click.echo(f"REGRESSION {line}")
        click.echo(f"compared with {compare_path}: " + ("no regression" if not problems
                                                        else f"{len(problems)} regression(s)"))
        if problems:
            sys.exit(1)
