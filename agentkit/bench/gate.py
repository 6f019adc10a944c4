"""The regression gate: coverage and correctness with ``--model none`` must never drop below the baseline.

With no model, what agentkit answers and whether it is right is deterministic, so it can be guarded without
timing noise. `compare` reads two results (a full ``results.json`` or a trimmed baseline) and lists every
drop in *answered* or *correct* per suite, system and category, and every wrong answer marked verified. A rise
is not a regression; regenerate the baseline to keep it.

    python -m agentkit.bench.gate            # run the fixed sample and compare with docs/bench/baseline.json
    python -m agentkit.bench.gate --write    # run it and write the baseline (after a rise)

The sample: `GATE_LIMIT` requests of every built-in suite, drawn with `GATE_SEED`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["BASELINE", "GATE_LIMIT", "GATE_SEED", "baseline_of", "compare", "run_gate_sample"]

BASELINE = Path(__file__).resolve().parents[2] / "docs" / "bench" / "baseline.json"
GATE_LIMIT = 60
GATE_SEED = 13
KEPT = ("total", "answered", "correct", "no_model", "wrong_verified")


def baseline_of(result: Mapping[str, Any]) -> dict[str, Any]:
    """A result dict trimmed to what the gate compares (no latency, tokens or outcomes)."""
    return {
        "model": result["model"], "seed": result["seed"], "limit": result["limit"],
        "suites": {suite: {"requests": body["requests"],
                           "systems": {system: {category: {key: row[key] for key in KEPT}
                                                for category, row in rows.items()}
                                       for system, rows in body["systems"].items()}}
                   for suite, body in result["suites"].items()},
    }


def compare(current: Mapping[str, Any], baseline: Mapping[str, Any]) -> list[str]:
    """Every regression of ``current`` against ``baseline``, one line each; empty when there is none.

    A regression is: fewer answered or fewer correct in a suite/system/category both hold, a category or
    suite of the baseline missing from the current run, or any wrong answer marked verified in ``current``.
    Runs of different samples (model, limit, seed, request counts) are not comparable: that is reported too.
    """
    problems = []
    for key in ("model", "limit", "seed"):
        if current.get(key) != baseline.get(key):
            problems.append(f"not comparable: {key} is {current.get(key)!r} here, {baseline.get(key)!r} in the "
                            f"baseline")
    for suite, body in current["suites"].items():
        for system, rows in body["systems"].items():
            for category, row in rows.items():
                if row["wrong_verified"]:
                    problems.append(f"{suite} / {system} / {category}: {row['wrong_verified']} wrong answer(s) "
                                    f"marked verified")
    for suite, old in baseline["suites"].items():
        new = current["suites"].get(suite)
        if new is None:
            continue  # a suite the run did not ask is not compared
        if new["requests"] != old["requests"]:
            problems.append(f"not comparable: {suite} asked {new['requests']} requests, the baseline "
                            f"{old['requests']}")
            continue
        for system, rows in old["systems"].items():
            now_rows = new["systems"].get(system)
            if now_rows is None:
                continue
            for category, row in rows.items():
                now = now_rows.get(category)
                if now is None:
                    problems.append(f"{suite} / {system} / {category}: missing from this run")
                    continue
                for key in ("answered", "correct"):
                    if now[key] < row[key]:
                        problems.append(f"{suite} / {system} / {category}: {key} dropped {row[key]} -> {now[key]}")
    return problems


def run_gate_sample(work_dir: Path | None = None, suites: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the gate's fixed sample (agentkit, ``--model none``) and return the result as a dict (no outcomes)."""
    from agentkit.bench.runner import run_bench
    from agentkit.bench.suites import SUITES, load_suite, sample

    with tempfile.TemporaryDirectory() as scratch:
        where = work_dir or Path(scratch)
        loaded = {name: sample(load_suite(name, work_dir=where / "spider-dbs"), GATE_LIMIT, GATE_SEED)
                  for name in suites or SUITES}
        result = run_bench(loaded, systems=["agentkit"], model="none", seed=GATE_SEED, limit=GATE_LIMIT)
    return result.to_dict(outcomes=False)


def main(argv: Sequence[str]) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(
        prog="python -m agentkit.bench.gate",
        description="The regression gate: a fixed sample of every symbolic suite with no model, compared with "
                    f"the committed baseline ({BASELINE.name}); exit 1 on a drop in answered or correct, or on "
                    "any wrong answer marked verified.")
    parser.add_argument("--write", action="store_true",
                        help="write this run as the new baseline (refused when it has a wrong verified answer)")
    args = parser.parse_args(argv)
    current = run_gate_sample()
    if args.write:
        wrong = [line for line in compare(current, baseline_of(current)) if "marked verified" in line]
        if wrong:  # a baseline never carries a wrong verified answer: fix it first
            print("\n".join(wrong) + "\nbaseline NOT written")
            return 1
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(baseline_of(current), indent=1) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE}")
        return 0
    problems = compare(current, json.loads(BASELINE.read_text(encoding="utf-8")))
    for line in problems:
        print(line)
    print("no regression" if not problems else f"{len(problems)} regression(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
