"""The tracing benchmark runs and reports both medians (the 1 ms budget is measured, not asserted here)."""

from __future__ import annotations

import pytest

from agentkit.bench.tracing import run


def test_the_tracing_benchmark_compares_untraced_and_traced_medians() -> None:
    report = run(rounds=2)
    assert report.samples == 16
    assert report.untraced_p50_ms > 0 and report.traced_p50_ms > 0
    assert report.ratio == pytest.approx(report.traced_p50_ms / report.untraced_p50_ms, abs=1e-3)
    assert report.spans_written >= 5 * report.samples  # every traced answer reached the file
    assert set(report.to_dict()) >= {"added_p50_ms", "within_budget"}
