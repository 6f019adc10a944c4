"""Every family's verified steps, written as certificates' formal requests, read back and executed again alike.

The steps are the first lines of each golden fixture file (``tests/fixtures/<family>/*.txt``); the
expected result is the one the family gave the step as it was asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from agentkit.tools.base import Context, formal_request, read_formal_request
from agentkit.tools.registry import default_registry

from agentkit.tracing.certificates import certificate_attributes, read_certificate
from agentkit.tracing.replay import replay

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PER_FILE = 5


def _steps(path: Path) -> list[str]:
    lines = [line.split("=>")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
             if "=>" in line and not line.startswith("#")]
    return lines[:PER_FILE]


@pytest.mark.parametrize("family_name", default_registry().names())
def test_verified_golden_steps_replay_from_their_certificate(family_name: str) -> None:
    registry = default_registry()
    family = registry[family_name]
    replayed = 0
    for path in sorted((FIXTURES / family_name).glob("*.txt")):
        for text in _steps(path):
            candidate = family.recognize(text, Context())
            if candidate is None or not candidate.complete:
                continue
            result = family.execute(candidate)
            verdict = family.verify(result)
            if result.error or not verdict.ok:
                continue
            request = formal_request(family, candidate)
            assert request is not None, text
            again = read_formal_request(family, candidate.operation, request)
            assert again is not None, text
            attributes = certificate_attributes(family.name, candidate.operation, request, result.text, verdict.check)
            certificate = read_certificate("0" * 32, "1" * 16, attributes)
            assert certificate is not None
            outcome = replay(certificate, registry)
            assert outcome.status == "verified again", (text, outcome.detail)
            assert outcome.result == result.text
            replayed += 1
    assert replayed >= PER_FILE  # the fixtures hold verified steps of this family
