"""Values under facts that are not real say so, as a solve's reading does ("x^2 + 4 = 0, what is x")."""

from __future__ import annotations

import pytest

from tests.helpers import math_answer


@pytest.mark.parametrize(("text", "note"), [
    ("x^2 + 9 = 0, what is x", "(over the complex numbers: no real value fits the facts)"),
    ("if x^3 = 8, what is x", "(over the complex numbers)"),
])
def test_complex_values_are_said_to_be(text: str, note: str) -> None:
    answer = math_answer(text)
    assert answer is not None and answer[1], text
    assert answer[0].endswith(note), answer


def test_real_values_carry_no_note() -> None:
    answer = math_answer("x^2 - 9 = 0, what is x")
    assert answer == ("-3, 3", True)
