"""Every phrasing of a random formal request is answered with the oracle's value or declined, never misread.

One property per kind of request; each example is one request in three phrasings. Bounded and derandomized for
CI; ``python -m agentkit.bench.phrasings`` runs the same generators at scale.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit import Agent
from tests.harness import check

PHRASINGS = 3

_bounded = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example,
                                           HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none")


def _misreadings(agent: Agent, kind: str, rng: random.Random) -> list[str]:
    found = []
    for item in check.cases(kind, rng, PHRASINGS):
        outcome = check.run(agent, item)
        if outcome.status == "misread":
            found.append(f"{item.phrasing!r} means {item.formal} = {item.expected}; "
                         f"got {outcome.got!r}, read as {outcome.interpretation!r}")
    return found


@_bounded
@given(rng=st.randoms(use_true_random=False))
def test_arithmetic_phrasings_are_never_misread(agent: Agent, rng: random.Random) -> None:
    assert _misreadings(agent, "arith", rng) == []


@_bounded
@given(rng=st.randoms(use_true_random=False))
def test_unit_conversion_phrasings_are_never_misread(agent: Agent, rng: random.Random) -> None:
    assert _misreadings(agent, "units", rng) == []


@_bounded
@given(rng=st.randoms(use_true_random=False))
def test_regex_phrasings_are_never_misread(agent: Agent, rng: random.Random) -> None:
    assert _misreadings(agent, "regex", rng) == []


@_bounded
@given(rng=st.randoms(use_true_random=False))
def test_sql_validity_phrasings_are_never_misread(agent: Agent, rng: random.Random) -> None:
    assert _misreadings(agent, "sql", rng) == []
