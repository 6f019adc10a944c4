"""A factorial beside a quantity is never read by the units family as the bare number ("3 m * 4!" is not 12 m)."""

from __future__ import annotations

import pytest

from agentkit.tools.base import Context
from agentkit.tools.units import UnitsFamily


@pytest.mark.parametrize("text", ["3 m * 4!", "1.609344 km * 5!", "what is 2 kg times 3!", "(2)! kg in g",
                                  "10 miles / 3! in km"])
def test_a_factorial_beside_a_quantity_is_not_read(text: str) -> None:
    assert UnitsFamily().recognize(text, Context()) is None


def test_an_exclamation_after_a_unit_is_still_read() -> None:
    candidate = UnitsFamily().recognize("convert 5 miles to km!", Context())
    assert candidate is not None and candidate.complete
