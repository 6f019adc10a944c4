"""Soak: many mixed requests through one `Agent`, to show that memory levels off and no request is slow.

The requests mix what the tools answer (arithmetic, algebra, units, dates, regular
expressions, SQL on a small SQLite file), what they must decline (prose, questions for a
model), and hostile input (huge, binary, nested, code, SQL that writes), each with fresh
numbers so that no cache hides a leak. Every ``--every`` requests a line reports the
throughput, the slowest request so far and the resident memory (RSS); at the end the
verdict: memory levelled off (the last half grew less than ``--leak-mb``) and no request
took longer than ``--slow-seconds``. Exit status 1 when either fails.

    python -m agentkit.bench.soak --requests 100000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Soak", "mixed_requests", "rss_mb", "run"]

Maker = Callable[[random.Random], str]


def _symbolic() -> list[Maker]:
    return [
        lambda r: f"What is {r.randint(1, 10**6)} + {r.randint(1, 10**6)}?",
        lambda r: f"What is the gcd of {r.randint(2, 9999)} and {r.randint(2, 9999)}?",
        lambda r: f"Solve {r.randint(2, 40)}*x + {r.randint(1, 99)} = {r.randint(100, 999)} for x.",
        lambda r: f"convert {r.randint(1, 500)} miles to km",
        lambda r: f"What is {r.randint(1, 900)} minutes after {r.randint(1, 12)}:{r.randint(10, 59)} PM?",
        lambda r: f"Does `^\\d{{{r.randint(1, 6)}}}$` match {r.randint(1, 999999)}?",
        lambda r: f"run on shop: SELECT name FROM items WHERE id = {r.randint(1, 40)}",
        lambda r: f"Let x = {r.randint(1, 50)}. What is x**2 - {r.randint(1, 50)}?",
        lambda r: f"What is {r.randint(1, 99)}% of {r.randint(1, 9999)}?",
    ]


def _declines() -> list[Maker]:
    words = ("river", "castle", "poem", "weather", "history", "Paris", "music", "garden")
    return [
        lambda r: f"Write a short poem about the {r.choice(words)} and the {r.choice(words)}.",
        lambda r: f"Who was the {r.randint(2, 40)}th president of the {r.choice(words)} club?",
        lambda r: f"Tell me something nice about {r.choice(words)} number {r.randint(1, 10**9)}.",
    ]


def _hostile() -> list[Maker]:
    return [
        lambda r: "(" * r.randint(500, 5000) + "1" + ")" * r.randint(0, 5000),
        lambda r: f"What is {r.randint(2, 9)}**{r.randint(10, 99)}**{r.randint(10, 99)}**{r.randint(10, 99)}?",
        lambda r: "__import__('os').system('touch /tmp/soak-pwned') " + str(r.random()),
        lambda r: bytes(r.randrange(256) for _ in range(r.randint(10, 400))).decode("utf-8", errors="replace"),
        lambda r: "x" * r.randint(100_001, 120_000),  # past MAX_REQUEST_CHARS
        lambda r: "What is " * r.randint(100, 2000) + str(r.randint(1, 9)),
        lambda r: f"run on shop: DELETE FROM items WHERE id = {r.randint(1, 40)}",
        lambda r: f"Does `(a+)+$` match {'a' * r.randint(20, 40)}b?",
        lambda r: f"convert {r.randint(1, 9)}e{r.randint(300, 999)} parsecs to nanometres",
    ]


def mixed_requests(seed: int = 0) -> Iterator[tuple[str, str]]:
    """An endless stream of ``(kind, request)``: six symbolic, two declined, two hostile in every ten."""
    rng = random.Random(seed)
    kinds = [("symbolic", _symbolic())] * 6 + [("decline", _declines())] * 2 + [("hostile", _hostile())] * 2
    while True:
        kind, makers = rng.choice(kinds)
        yield kind, rng.choice(makers)(rng)


def rss_mb() -> float:
    """This process's resident memory in MiB (Linux ``/proc/self/status``; ``ru_maxrss`` elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(kw_only=True)
class Soak:
    """What a soak run measured."""

    requests: int = 0
    seconds: float = 0.0
    slowest_ms: float = 0.0
    slowest: str = ""
    over_limit: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    verified: int = 0
    rss: list[tuple[int, float]] = field(default_factory=list)  # (requests done, MiB)


def _shop(folder: Path) -> Path:
    path = folder / "shop.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL)")
        connection.executemany("INSERT INTO items VALUES (?, ?, ?)",
                               [(i, f"item {i}", i * 1.25) for i in range(1, 41)])
    return path


def run(requests: int, *, every: int = 10_000, seed: int = 0, slow_seconds: float = 2.0,
        progress: bool = True) -> Soak:
    """Send ``requests`` mixed requests through one symbolic-only `Agent`; report every ``every`` requests."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from agentkit import Agent

    console = Console(stderr=True)
    soak = Soak()
    with tempfile.TemporaryDirectory() as folder:
        agent = Agent(model="none", databases={"shop": _shop(Path(folder))})
        agent.invoke("What is 1 + 1?")  # imports and first-use costs are not the soak's
        soak.rss.append((0, rss_mb()))
        console.print(f"start: RSS {soak.rss[0][1]:.1f} MiB")
        window_start = start = time.perf_counter()
        stream = mixed_requests(seed)
        columns = (TextColumn("soak"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, disable=not progress, transient=True) as bar:
            task = bar.add_task("soak", total=requests)
            for number in range(1, requests + 1):
                kind, text = next(stream)
                began = time.perf_counter()
                answer = agent.invoke(text)
                elapsed_ms = (time.perf_counter() - began) * 1000
                soak.by_kind[kind] = soak.by_kind.get(kind, 0) + 1
                soak.verified += answer.verified
                if elapsed_ms > soak.slowest_ms:
                    soak.slowest_ms, soak.slowest = elapsed_ms, text
                soak.over_limit += elapsed_ms > slow_seconds * 1000
                bar.advance(task)
                if number % every == 0 or number == requests:
                    now = time.perf_counter()
                    done_in_window = every if number % every == 0 else number % every
                    soak.rss.append((number, rss_mb()))
                    bar.console.print(
                        f"{number:>8,} requests  {done_in_window / (now - window_start):8.1f} req/s  "
                        f"RSS {soak.rss[-1][1]:7.1f} MiB  slowest so far {soak.slowest_ms:7.1f} ms  "
                        f"over {slow_seconds:g} s: {soak.over_limit}")
                    window_start = now
        soak.requests, soak.seconds = requests, time.perf_counter() - start
    return soak


def verdict(soak: Soak, *, leak_mb: float, slow_seconds: float) -> tuple[bool, list[str]]:
    """Whether the run passed, and the lines that say so."""
    middle = soak.rss[len(soak.rss) // 2][1]
    growth = soak.rss[-1][1] - middle
    lines = [
        (f"requests: {soak.requests:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(soak.by_kind.items()))}); "
         f"verified {soak.verified:,}"),
        f"throughput: {soak.requests / soak.seconds:.1f} req/s over {soak.seconds:.1f} s",
        f"slowest request: {soak.slowest_ms:.1f} ms: {soak.slowest[:80]!r}{'...' if len(soak.slowest) > 80 else ''}",
        f"requests over {slow_seconds:g} s: {soak.over_limit}",
        (f"RSS: start {soak.rss[0][1]:.1f} MiB, half-way {middle:.1f} MiB, end {soak.rss[-1][1]:.1f} MiB "
         f"(last half grew {growth:+.1f} MiB; limit {leak_mb:g})"),
    ]
    problems = [f"{soak.over_limit} request(s) over {slow_seconds:g} s"] if soak.over_limit else []
    if growth >= leak_mb:
        problems.append(f"memory still grew {growth:+.1f} MiB over the last half")
    ok = not problems
    lines.append("verdict: " + ("PASS: memory levelled off and no request was slow" if ok else
                                "FAIL: " + "; ".join(problems)))
    return ok, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agentkit.bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000, help="how many requests (default 100000)")
    parser.add_argument("--every", type=int, default=10_000, help="report every N requests (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="the request mix's random seed (default 0)")
    parser.add_argument("--slow-seconds", type=float, default=2.0, help="no request may take longer (default 2)")
    parser.add_argument("--leak-mb", type=float, default=20.0,
                        help="the most RSS may grow over the last half of the run (default 20 MiB)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.every < 1:
        parser.error("--requests and --every must be at least 1")
    soak = run(args.requests, every=args.every, seed=args.seed, slow_seconds=args.slow_seconds,
               progress=not args.no_progress)
    ok, lines = verdict(soak, leak_mb=args.leak_mb, slow_seconds=args.slow_seconds)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
