"""Hunt misreadings at scale: ``python -m agentkit.bench.phrasings --n 100000 [--seed S] [--kinds ...] [--out FILE]``.

Random formal requests (tests/harness: expression trees, conversions, patterns with a subject, SQL with a known
validity) are rendered into English phrasings and asked of ``Agent(model="none")``; every answer must equal the
oracle's value or be a decline. A verified answer with a different value is a misreading, written to ``--out`` as
one JSON object a line. Run from the repository root (the harness lives with the tests).
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

__all__ = ["main", "phrasing_cases", "run_chunk"]

CHUNK = 250  # phrasings a worker asks between reports
_AGENT: Any = None


def _harness() -> Any:
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.harness import check

    return check


def phrasing_cases(seed: int, start: int, stop: int, kinds: tuple[str, ...]) -> list[Any]:
    """Cases ``start`` .. ``stop`` of the run ``seed``: case i is of kind ``kinds[i % len(kinds)]``, reproducible alone."""
    check = _harness()
    return [check.case(kinds[i % len(kinds)], random.Random(f"{seed}:{i}")) for i in range(start, stop)]


def run_chunk(seed: int, start: int, stop: int, kinds: tuple[str, ...]) -> tuple[dict[str, Counter], list[dict]]:
    """Ask one chunk of cases; the counts per kind and the misreadings (as dicts)."""
    global _AGENT
    check = _harness()
    if _AGENT is None:
        from agentkit import Agent

        _AGENT = Agent(model="none")
    counts: dict[str, Counter] = {}
    misread: list[dict] = []
    for item in phrasing_cases(seed, start, stop, kinds):
        try:
            outcome = check.run(_AGENT, item)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding to count, not the end of a long run
            counts.setdefault(item.kind, Counter())["crashed"] += 1
            misread.append({**item.__dict__, "status": "crashed", "got": repr(exc)})
            continue
        tally = counts.setdefault(item.kind, Counter())
        tally["phrasings"] += 1
        tally[outcome.status] += 1
        if outcome.status != "declined":
            tally["verified"] += 1
        if outcome.status == "misread":
            misread.append(outcome.to_dict())
    return counts, misread


def _table(counts: dict[str, Counter]) -> Table:
    table = Table(title="phrasings")
    for column in ("kind", "phrasings", "answered verified", "right", "MISREAD", "declined", "crashed"):
        table.add_column(column, justify="right")
    total: Counter = Counter()
    for kind, tally in sorted(counts.items()):
        total.update(tally)
        table.add_row(kind, *(str(tally[k]) for k in ("phrasings", "verified", "right", "misread", "declined",
                                                        "crashed")))
    table.add_row("all", *(str(total[k]) for k in ("phrasings", "verified", "right", "misread", "declined",
                                                     "crashed")))
    return table


@click.command()
@click.option("--n", "count", type=click.IntRange(min=1), default=5000, show_default=True, help="Phrasings to ask.")
@click.option("--seed", type=int, default=0, show_default=True, help="The run's seed (case i is reproducible).")
@click.option("--kinds", default="arith,units,regex,sql", show_default=True, help="Comma-separated kinds.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write misreadings here (JSON lines).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes.")
def main(count: int, seed: int, kinds: str, out: Path | None, workers: int) -> None:
    """Generate COUNT phrasings, ask them, and report per kind: verified, right, MISREAD, declined."""
    chosen = tuple(k.strip() for k in kinds.split(",") if k.strip())
    unknown = set(chosen) - set(_harness().KINDS)
    if unknown:
        raise click.BadParameter(f"unknown kinds {sorted(unknown)!r}; expected some of {_harness().KINDS!r}")
    counts: dict[str, Counter] = {}
    findings: list[dict] = []
    console = Console(stderr=True)
    with ProcessPoolExecutor(max_workers=workers) as pool, Progress(console=console) as progress:
        task = progress.add_task("asking", total=count)
        futures = {pool.submit(run_chunk, seed, start, min(start + CHUNK, count), chosen): min(CHUNK, count - start)
                   for start in range(0, count, CHUNK)}
        for future in as_completed(futures):
            chunk_counts, chunk_findings = future.result()
            for kind, tally in chunk_counts.items():
                counts.setdefault(kind, Counter()).update(tally)
            findings.extend(chunk_findings)
            progress.advance(task, futures[future])
    Console().print(_table(counts))
    if out is not None:
        findings.sort(key=lambda f: (f["kind"], f["phrasing"]))
        out.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")
        Console().print(f"{len(findings)} misreadings written to {out}")


if __name__ == "__main__":
    main()
