"""The soak script: a mix of symbolic, declined and hostile requests; a report every N; a verdict on memory and time."""

from __future__ import annotations

import itertools

from agentkit.bench.soak import mixed_requests, rss_mb, run, verdict


def test_the_mix_holds_every_kind_in_roughly_its_share() -> None:
    kinds = [kind for kind, _ in itertools.islice(mixed_requests(seed=3), 2000)]
    shares = {kind: kinds.count(kind) / len(kinds) for kind in set(kinds)}
    assert set(shares) == {"symbolic", "decline", "hostile"}
    assert 0.5 < shares["symbolic"] < 0.7 and 0.1 < shares["decline"] < 0.3 and 0.1 < shares["hostile"] < 0.3


def test_requests_are_fresh_not_repeated() -> None:
    texts = [text for _, text in itertools.islice(mixed_requests(seed=5), 500)]
    assert len(set(texts)) > 450


def test_rss_is_read_from_the_process() -> None:
    assert 10 < rss_mb() < 100_000


def test_a_short_run_reports_every_n_and_gives_a_verdict() -> None:
    soak = run(30, every=10, seed=1, progress=False)
    assert soak.requests == 30 and sum(soak.by_kind.values()) == 30
    assert [done for done, _ in soak.rss] == [0, 10, 20, 30]
    assert soak.slowest and soak.slowest_ms > 0
    ok, lines = verdict(soak, leak_mb=1e9, slow_seconds=1e9)
    assert ok and lines[-1].startswith("verdict: PASS")
    failed, lines = verdict(soak, leak_mb=-1e9, slow_seconds=1e9)
    assert not failed and lines[-1].startswith("verdict: FAIL: memory still grew")
