"""What tracing costs a symbolic answer: ``Agent.invoke`` with no tracer provider vs the SDK writing files.

    python -m agentkit.bench.tracing [--rounds 200]

Both agents answer the same symbolic questions, interleaved (untraced, traced,
traced, untraced, …) so that machine load falls on both alike; the traced one
uses `agentkit.tracing.setup.configure("file")` (a BatchSpanProcessor and the OTLP
JSON Lines exporter) into a temporary directory. The target: at most 1 ms added
to the median.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import asdict, dataclass

__all__ = ["TracingReport", "run", "BUDGET_MS"]

BUDGET_MS = 1.0


@dataclass(frozen=True)
class TracingReport:
    samples: int
    untraced_p50_ms: float
    traced_p50_ms: float
    added_p50_ms: float
    ratio: float
    untraced_p99_ms: float
    traced_p99_ms: float
    spans_written: int

    @property
    def within_budget(self) -> bool:
        return self.added_p50_ms <= BUDGET_MS

    def to_dict(self) -> dict[str, float | int | bool]:
        return {**asdict(self), "within_budget": self.within_budget}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def run(rounds: int = 200) -> TracingReport:
    """Median and 99th percentile with and without tracing, ``rounds`` passes over the latency questions."""
    from agentkit import Agent
    from agentkit.bench.latency import QUESTIONS
    from agentkit.tracing.files import read_spans
    from agentkit.tracing.setup import configure

    with tempfile.TemporaryDirectory(prefix="agentkit-bench-traces-") as directory:
        provider = configure("file", directory=directory)
        plain, traced = Agent(model="none"), Agent(model="none", tracer_provider=provider)
        for question in QUESTIONS:  # warm-up; and every question must stay symbolic
            for agent in (plain, traced):
                if agent.invoke(question).route != "symbolic":
                    raise RuntimeError(f"benchmark question not answered symbolically: {question!r}")
        untraced_ms: list[float] = []
        traced_ms: list[float] = []
        for number in range(rounds):
            for question in QUESTIONS:
                order = ((plain, untraced_ms), (traced, traced_ms))
                for agent, times in order if number % 2 == 0 else order[::-1]:
                    start = time.perf_counter()
                    agent.invoke(question)
                    times.append((time.perf_counter() - start) * 1000)
        provider.shutdown()  # type: ignore[attr-defined]
        from pathlib import Path

        spans = len(read_spans(sorted(Path(directory).glob("*.jsonl"))))
    untraced, traced_p50 = statistics.median(untraced_ms), statistics.median(traced_ms)
    return TracingReport(
        samples=len(traced_ms),
        untraced_p50_ms=round(untraced, 4),
        traced_p50_ms=round(traced_p50, 4),
        added_p50_ms=round(traced_p50 - untraced, 4),
        ratio=round(traced_p50 / untraced, 4),
        untraced_p99_ms=round(_p99(untraced_ms), 4),
        traced_p99_ms=round(_p99(traced_ms), 4),
        spans_written=spans,
    )


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the question set (default 200)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run(args.rounds)
    if args.json:
        print(json.dumps(report.to_dict()))
    else:
        print(
            f"symbolic answer, n={report.samples} each: untraced p50={report.untraced_p50_ms:.3f} ms, "
            f"traced (SDK + file exporter) p50={report.traced_p50_ms:.3f} ms, "
            f"added {report.added_p50_ms:+.3f} ms (x{report.ratio:.3f}); "
            f"p99 {report.untraced_p99_ms:.3f} / {report.traced_p99_ms:.3f} ms; "
            f"{report.spans_written} spans written; budget {BUDGET_MS} ms: "
            f"{'met' if report.within_budget else 'MISSED'}"
        )
    return 0 if report.within_budget else 1


if __name__ == "__main__":
    raise SystemExit(main())
