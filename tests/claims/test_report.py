"""agentkit.claims.Report and CheckedClaim: counts, JSON shape, immutability."""

from __future__ import annotations

import json

import pytest

from agentkit.claims import CheckedClaim, check


def test_report_counts_and_serializes() -> None:
    report = check("We get 48/2 = 25 and 3 + 4 = 7.")
    assert not report.ok and not report.verified
    assert [c.text for c in report.failed] == ["48/2 = 25"]
    data = report.to_dict()
    assert data["failed"] == 1 and data["ok"] is False
    first = data["claims"][0]
    assert first == {"ok": False, "check": "arithmetic.claim", "kind": "arithmetic", "span": [7, 16],
                     "text": "48/2 = 25", "stated": "25", "computed": "24", "tolerance": "exact (a whole number)",
                     "detail": "equality: 48/2 is 24, not 25"}
    json.dumps(data)



def test_checked_claim_is_frozen() -> None:
    claim = check("48/2 = 24").claims[0]
    assert isinstance(claim, CheckedClaim)
    with pytest.raises(AttributeError):
        claim.ok = False  # type: ignore[misc]
