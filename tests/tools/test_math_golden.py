"""Every golden line of tests/fixtures/math/*.txt through the whole agent, with no model."""

from __future__ import annotations

import pytest

from agentkit import Agent
from tests.helpers import assert_golden, load_golden

CASES = load_golden("math")


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none")


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden(agent: Agent, text: str, expected: str) -> None:
    assert_golden(agent, text, expected)
