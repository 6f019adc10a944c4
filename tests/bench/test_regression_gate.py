"""The regression gate: a fixed sample of every built-in suite with ``--model none`` against the baseline.

Coverage and correctness without a model are deterministic, so any drop in answered or correct (per suite
and category) or any wrong answer marked verified fails here. A rise passes: regenerate the baseline with
``python -m agentkit.bench.gate --write`` to keep it.
"""

from __future__ import annotations

import copy
import json

import pytest

from agentkit.bench.gate import BASELINE, GATE_LIMIT, GATE_SEED, baseline_of, compare, run_gate_sample
from agentkit.bench.data import data_dir


@pytest.mark.timeout(180)
def test_no_drop_against_the_baseline_and_nothing_wrong_verified() -> None:
    if not data_dir().is_dir():
        pytest.skip(f"the shared corpora are not at {data_dir()} (set AGENTKIT_BENCH_DATA)")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert (baseline["limit"], baseline["seed"], baseline["model"]) == (GATE_LIMIT, GATE_SEED, "none")
    current = run_gate_sample()
    assert set(current["suites"]) == set(baseline["suites"]), "every built-in suite is in the baseline"
    problems = compare(current, baseline)
    assert not problems, "\n".join(problems)


def _result(answered: int, correct: int, wrong_verified: int = 0) -> dict:
    row = {"total": 10, "answered": answered, "correct": correct, "no_model": answered,
           "wrong_verified": wrong_verified}
    return {"model": "none", "seed": 1, "limit": 10,
            "suites": {"s": {"requests": 10, "systems": {"agentkit": {"all": dict(row), "c": dict(row)}}}}}


def test_the_comparison_fails_on_a_drop_and_passes_a_rise() -> None:
    baseline = baseline_of(_result(answered=6, correct=5))
    assert compare(_result(answered=6, correct=5), baseline) == []
    assert compare(_result(answered=8, correct=7), baseline) == []
    assert compare(_result(answered=5, correct=5), baseline) == [
        "s / agentkit / all: answered dropped 6 -> 5", "s / agentkit / c: answered dropped 6 -> 5"]
    assert compare(_result(answered=6, correct=4), baseline)[0] == "s / agentkit / all: correct dropped 5 -> 4"


def test_the_comparison_fails_on_any_wrong_answer_marked_verified() -> None:
    baseline = baseline_of(_result(answered=6, correct=5))
    problems = compare(_result(answered=7, correct=6, wrong_verified=1), baseline)
    assert problems[0] == "s / agentkit / all: 1 wrong answer(s) marked verified"


def test_runs_of_different_samples_are_not_comparable() -> None:
    baseline = baseline_of(_result(answered=6, correct=5))
    other = _result(answered=6, correct=5)
    other["seed"] = 2
    assert compare(other, baseline) == ["not comparable: seed is 2 here, 1 in the baseline"]
    fewer = copy.deepcopy(_result(answered=6, correct=5))
    fewer["suites"]["s"]["requests"] = 9
    assert compare(fewer, baseline) == ["not comparable: s asked 9 requests, the baseline 10"]
