"""One judge: a claim gets the same verdict from its family's `check` as from `agentkit.claims.check`."""

from __future__ import annotations

from fractions import Fraction

import pytest
from agentkit.tools import tolerance
from agentkit.tools.base import Claim
from agentkit.tools.math import MathFamily
from agentkit.tools.units import UnitsFamily

from agentkit.claims import check

# (text as a model writes it, expression, stated value, the verdict both must give)
ARITHMETIC = [
    ("1/3 = 0.33", "1/3", "0.33", True),
    ("2/3 = 0.66", "2/3", "0.66", True),
    ("2/3 = 0.67", "2/3", "0.67", True),
    ("2/3 = 0.7", "2/3", "0.7", True),
    ("1/3 = 0.34", "1/3", "0.34", False),
    ("10/3 = 3", "10/3", "3", False),
    ("100/3 = 33", "100/3", "33", True),
    ("11/5 = 2", "11/5", "2", False),
    ("48/2 = 24", "48/2", "24", True),
    ("48/2 = 25", "48/2", "25", False),
    ("1/3 + 1/6 = 1/2", "1/3 + 1/6", "1/2", True),
    ("1/3 = 1/4", "1/3", "1/4", False),
    ("0.1 + 0.2 = 0.30000000000000004", "0.1 + 0.2", "0.30000000000000004", True),
]
UNITS = [
    ("5 miles = 8.05 km", "5 miles", "8.05 km", True),
    ("5 miles = 8.04 km", "5 miles", "8.04 km", True),  # cut to the digits shown
    ("5 miles = 8 km", "5 miles", "8 km", True),
    ("5 miles = 9 km", "5 miles", "9 km", False),
    ("1 mile = 2 km", "1 mile", "2 km", False),
    ("1 mile = 1.6 km", "1 mile", "1.6 km", True),
    ("2 hours = 120 minutes", "2 hours", "120 minutes", True),
    ("2 hours = 125 minutes", "2 hours", "125 minutes", False),
    ("100 °C = 212 °F", "100 °C", "212 °F", True),
    ("1 inch = 2.5 cm", "1 inch", "2.5 cm", True),
    ("1 inch = 2.6 cm", "1 inch", "2.6 cm", False),
]


def _claim(kind: str, text: str, expression: str, stated: str) -> Claim:
    return Claim(kind=kind, text=text, span=(0, len(text)), stated=stated, expression=expression)


@pytest.mark.parametrize(("text", "expression", "stated", "ok"), ARITHMETIC, ids=[r[0] for r in ARITHMETIC])
def test_arithmetic_verdicts_agree(text: str, expression: str, stated: str, ok: bool) -> None:
    by_family = MathFamily().check(_claim("arithmetic", text, expression, stated))
    (found,) = check(text).claims
    assert (by_family.ok, found.ok) == (ok, ok), (by_family, found)
    assert by_family.tolerance == found.tolerance


@pytest.mark.parametrize(("text", "expression", "stated", "ok"), UNITS, ids=[r[0] for r in UNITS])
def test_units_verdicts_agree(text: str, expression: str, stated: str, ok: bool) -> None:
    by_family = UnitsFamily().check(_claim("units", text, expression, stated))
    (found,) = check(text).claims
    assert found.kind == "units"
    assert (by_family.ok, found.ok) == (ok, ok), (by_family, found)
    assert by_family.tolerance == found.tolerance


def test_the_words_about_allow_five_percent_in_every_family() -> None:
    assert check("5 miles is about 8.3 km").claims[0].ok
    assert not check("5 miles is 8.3 km").claims[0].ok
    assert check("10/3 ≈ 3.2").claims[0].ok
    assert not check("10/3 = 3.2").claims[0].ok


@pytest.mark.parametrize(("computed", "stated", "approx", "ok", "rule"), [
    (Fraction(1, 3), "0.33", False, True, "rounded to 2 decimal places"),
    (Fraction(2, 3), "0.66", False, True, "rounded to 2 decimal places"),
    (Fraction(2, 3), "0.6", False, False, "rounded to 1 decimal place"),
    (Fraction(24), "25", False, False, "exact (a whole number)"),
    (Fraction(100, 3), "33", False, True, "a whole number rounded, within 1%"),
    (Fraction(1, 3), "1/4", False, False, "exact (a fraction)"),
    (Fraction(100), "96", True, True, "within 5% (the words say approximately)"),
    (Fraction(100), "94", True, False, "within 5% (the words say approximately)"),
    (Fraction(3, 10), "0.30000000000000004", False, True, "floating-point rounding (a printed binary float)"),
    (Fraction(4, 5), "(80/100)", False, True, "exact"),
])
def test_the_rules(computed: Fraction, stated: str, approx: bool, ok: bool, rule: str) -> None:
    shown = Fraction(stated.strip("()").split("/")[0]) / (100 if "/100" in stated else 1) if "(" in stated \
        else tolerance.number(stated)
    assert tolerance.judge(computed, shown, stated, approx=approx) == tolerance.Judgement(ok=ok, rule=rule)


def test_number_reads_plain_numbers_only() -> None:
    assert tolerance.number("1,200") == 1200 and tolerance.number("-2.5") == Fraction(-5, 2)
    assert tolerance.number("3/4") == Fraction(3, 4)
    assert tolerance.number("sqrt(2)") is None and tolerance.number("1e9") is None


def test_format_like_follows_the_stated_style() -> None:
    assert tolerance.format_like(Fraction(20000), "21,000") == "20,000"
    assert tolerance.format_like(Fraction(10, 3), "3") == "3.33"
    assert tolerance.format_like(Fraction(5, 2), "2.4") == "2.5"
