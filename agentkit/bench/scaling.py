"""How the selector's decision time grows: with registered families, with request length, with past requests.

    python -m agentkit.bench.scaling [--out DIR] [--repeats N]

One run measures three series with `agentkit.selector.Selector.select` (no model, one fresh `Context` each):

* families: the built-in families plus 1..100 synthetic ones (each a recognizer that searches the step for its
  own keyword, the cheapest honest recognizer), on one fixed request;
* request length: the built-in families on requests of 10 B .. 100 KB (the agent's limit), words of an
  everyday question repeated;
* past requests: the same request decided 2,000 times in a row, the first hundred against the last hundred
  (the selector keeps no state, so this must be flat).

For each series it prints the fastest and the median decision time per point and the growth exponent between neighbouring
points (time ~ size^k, k the log-log slope: 0 is flat, 1 is linear), and writes ``scaling.json`` and
``scaling.png`` into ``--out``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from agentkit.selector import Selector
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.registry import Registry, default_registry

__all__ = ["FAMILY_COUNTS", "LENGTHS", "growth", "measure", "run"]

FAMILY_COUNTS = (1, 2, 5, 10, 20, 50, 100)
LENGTHS = (10, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000)
REQUEST = "what is 15% of 80"
FILLER = "please tell me how many apples are left if i have twelve and eat three "


@dataclass(frozen=True)
class SyntheticFamily:
    """A family that recognizes only ``"<keyword> <number>"``; it searches the whole step, as recognizers do."""

    name: str

    def recognize(self, text: str, context: Context) -> Candidate | None:
        match = re.search(rf"\b{self.name} (\d+)\b", text)
        if match is None:
            return None
        return Candidate(tool=self.name, operation="echo", spec=match[1], confidence=1.0,
                         span=match.span(), complete=match.span() == (0, len(text)), reason="keyword",
                         interpretation=match[0])

    def execute(self, candidate: Candidate) -> ToolResult:
        raise NotImplementedError("only recognition is measured")

    def verify(self, result: ToolResult) -> Verdict:
        raise NotImplementedError("only recognition is measured")

    def check(self, claim: Claim) -> Verdict:
        raise NotImplementedError("only recognition is measured")


def measure(decide: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """The fastest and the median wall time of ``decide()`` over ``repeats`` calls, in milliseconds.

    The fastest is the cost of the work itself (as ``timeit`` reports it); the median adds what other
    processes on the machine took, and is shown beside it.
    """
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        decide()
        samples.append(1000 * (time.perf_counter() - started))
    return min(samples), statistics.median(samples)


def growth(points: Sequence[tuple[float, float]]) -> list[float]:
    """The exponent k of time ~ size^k between each pair of neighbouring points (log-log slopes)."""
    return [round(math.log(y1 / y0) / math.log(x1 / x0), 2) for (x0, y0), (x1, y1) in pairwise(points)]


def _length_request(size: int) -> str:
    return (FILLER * (size // len(FILLER) + 1))[: size - 1] + "?"


def run(repeats: int = 30) -> dict[str, Any]:
    """Measure the three series; returns ``{"families": [...], "length": [...], "history": {...}}``."""
    built_in = list(default_registry())
    families = []
    for count in FAMILY_COUNTS:
        synthetic = [SyntheticFamily(f"synth{i:03d}") for i in range(count)]
        selector = Selector(Registry([*built_in, *synthetic]))
        best, median = measure(lambda s=selector: s.select(REQUEST, Context(), has_model=False), repeats)
        families.append({"synthetic_families": count, "families": len(built_in) + count, "min_ms": best,
                         "median_ms": median})
    selector = Selector(Registry(built_in))
    lengths = []
    for size in LENGTHS:
        text = _length_request(size)
        times = max(3, repeats // (1 + size // 10_000))
        best, median = measure(lambda t=text: selector.select(t, Context(), has_model=False), times)
        lengths.append({"bytes": len(text.encode()), "min_ms": best, "median_ms": median, "repeats": times})
    samples = []
    for _ in range(2_000):
        started = time.perf_counter()
        selector.select(REQUEST, Context(), has_model=False)
        samples.append(1000 * (time.perf_counter() - started))
    history = {"first_100_min_ms": min(samples[:100]), "last_100_min_ms": min(samples[-100:]),
               "first_100_median_ms": statistics.median(samples[:100]),
               "last_100_median_ms": statistics.median(samples[-100:]), "requests": len(samples)}
    return {
        "request": REQUEST, "built_in_families": len(built_in), "families": families, "length": lengths,
        "history": history,
        "growth": {
            "families": growth([(row["families"], row["min_ms"]) for row in families]),
            "length": growth([(row["bytes"], row["min_ms"]) for row in lengths]),
            "history": history["last_100_min_ms"] / history["first_100_min_ms"],
        },
    }


def _chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    panels = (("families", "families", "registered families (built-in + synthetic)", False),
              ("length", "bytes", "request length, bytes", True))
    for axis, (series, x, label, logarithmic) in zip(axes, panels):
        rows = report[series]
        for key, style, name in (("min_ms", "o-", "fastest"), ("median_ms", "x:", "median")):
            axis.plot([r[x] for r in rows], [r[key] for r in rows], style, label=name)
        if logarithmic:
            axis.set_xscale("log")
            axis.set_yscale("log")
        else:
            axis.set_ylim(bottom=0)
        axis.legend()
        axis.set_xlabel(label)
        axis.set_ylabel("decision time, ms")
        axis.set_title(f"selector decision vs {series}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m agentkit.bench.scaling", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench-results") / "scaling", help="where to write")
    parser.add_argument("--repeats", type=int, default=30, help="calls per point (fewer for long requests)")
    args = parser.parse_args(argv)
    report = run(args.repeats)
    print(f"selector decision time, request {report['request']!r}, no model")
    for row in report["families"]:
        print(f"  {row['families']:4d} families ({row['synthetic_families']:3d} synthetic): fastest "
              f"{row['min_ms']:.3f} ms, median {row['median_ms']:.3f} ms")
    print(f"  growth with families (k of time ~ n^k, neighbouring points): {report['growth']['families']}")
    for row in report["length"]:
        print(f"  {row['bytes']:7d} B request: fastest {row['min_ms']:.3f} ms, median {row['median_ms']:.3f} ms "
              f"(of {row['repeats']})")
    print(f"  growth with length (k of time ~ bytes^k, neighbouring points): {report['growth']['length']}")
    h = report["history"]
    print(f"  past requests: fastest of the first 100 {h['first_100_min_ms']:.3f} ms, of the last 100 of "
          f"{h['requests']} {h['last_100_min_ms']:.3f} ms (ratio {report['growth']['history']:.2f}); medians "
          f"{h['first_100_median_ms']:.3f} and {h['last_100_median_ms']:.3f} ms")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    _chart(report, args.out / "scaling.png")
    print(f"wrote {args.out / 'scaling.json'} and {args.out / 'scaling.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
