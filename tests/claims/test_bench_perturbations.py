"""The validator benchmark's perturbations: each makes a wrong value, as its name says."""

from __future__ import annotations

import random

import pytest

from agentkit.bench.validators import perturb


@pytest.mark.parametrize(("value", "how", "expected"), [
    ("120", "times_ten", "1200"), ("2.5", "times_ten", "25"), ("0.25", "times_ten", "2.5"),
    ("7", "swap_digits", None), ("100", "swap_digits", None), ("45", "swap_digits", "54"),
])
def test_perturbations_change_the_value(value: str, how: str, expected: str | None) -> None:
    assert perturb(value, how, random.Random(0)) == expected


def test_off_by_one_moves_by_exactly_one() -> None:
    rng = random.Random(0)
    for value in ("9", "18", "2.5", "0"):
        assert abs(float(perturb(value, "off_by_one", rng)) - float(value)) == 1
