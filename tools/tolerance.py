"""When a stated number states a computed one: the one set of tolerance rules every family's check uses.

    >>> judge(Fraction(1, 3), Fraction(33, 100), "0.33", approx=False)
    Judgement(ok=True, rule='rounded to 2 decimal places')
    >>> judge(Fraction(1, 3), Fraction(33, 100), "0.33", approx=False) == judge_text(Fraction(1, 3), "0.33")
    True

The rules follow the words a value is written in:

- integers and fractions are exact (``"48/2 = 24"``; ``"10/3 = 3"`` fails);
- a decimal holds when it is the value rounded, or cut (two places or more), to the digits it shows
  (``"10/3 = 3.33"``, ``"2/3 = 0.66"``);
- a whole number standing for a fraction holds when rounded and within 1% (``"100/3 = 33"``; ``"11/5 = 2"`` fails);
- "about", "approximately", "≈", "roughly" allow 5%;
- a calculator's binary float printed in full (15 significant digits or more) holds within 10⁻¹².

A stated value is given as text in the math grammar: ``"0.33"``, ``"3/4"``, and a percentage as
``"(80/100)"`` (it shows two more decimal places than its digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

__all__ = ["APPROX_TOLERANCE", "FLOAT_TOLERANCE", "WHOLE_NUMBER_TOLERANCE", "Judgement", "distance", "format_like", "judge",
           "judge_text", "number", "places_shown"]

APPROX_TOLERANCE = Fraction(5, 100)  # what "about", "≈", "roughly" allow
WHOLE_NUMBER_TOLERANCE = Fraction(1, 100)  # "100/3 = 33": a whole number standing for a fraction
FLOAT_TOLERANCE = Fraction(1, 10**12)  # "99.00000000000001": a calculator's binary float, printed in full
FLOAT_DIGITS = 15  # significant digits from which a stated value reads as a printed float

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:/\d+)?")


@dataclass(frozen=True, kw_only=True)
class Judgement:
    """Whether a stated value states a computed one, and the rule applied, in words (``"exact"``)."""

    ok: bool
    rule: str


def number(text: str) -> Fraction | None:
    """A plain number written as text (``"18"``, ``"-2.5"``, ``"3/4"``, ``"1,200"``), exactly; else ``None``."""
    plain = text.strip().replace(",", "")
    if not _NUMBER.fullmatch(plain):
        return None
    try:
        return Fraction(plain)
    except (ValueError, ZeroDivisionError):
        return None


def places_shown(stated: str) -> int:
    """Decimal places a stated value shows, in the grammar (``"(80/100)"`` is 80% and shows 2)."""
    digits = stated.split("/100")[0].lstrip("(")
    places = len(digits.partition(".")[2]) if "/" not in digits else 0
    return places + (2 if stated.endswith("/100)") else 0)


def _significant(stated: str) -> int:
    digits = "".join(ch for ch in stated.split("/100")[0] if ch.isdigit()).lstrip("0")
    return len(digits)


def judge(computed: Fraction, shown: Fraction, stated: str, *, approx: bool) -> Judgement:
    """Whether ``shown`` (written as ``stated``) states ``computed``, under the rules of the module docstring.

    Args:
        computed: the exact value a tool computed.
        shown: the stated value, exactly.
        stated: how the stated value is written, in the math grammar (what decides the rule).
        approx: the words around it allow a tolerance ("about", "≈").
    """
    if shown == computed:
        return Judgement(ok=True, rule="exact")
    if _significant(stated) >= FLOAT_DIGITS and abs(shown - computed) <= abs(computed) * FLOAT_TOLERANCE:
        return Judgement(ok=True, rule="floating-point rounding (a printed binary float)")
    if approx:
        return Judgement(ok=abs(shown - computed) <= abs(computed) * APPROX_TOLERANCE,
                         rule="within 5% (the words say approximately)")
    if "/" in stated.split("/100")[0].lstrip("("):
        return Judgement(ok=False, rule="exact (a fraction)")
    places = places_shown(stated)
    ulp = Fraction(1, 10**places)
    error = abs(shown - computed)
    if places == 0:
        if computed.denominator == 1 or abs(computed) < 1:
            return Judgement(ok=False, rule="exact (a whole number)")
        # "100/3 = 33" passes; "11/5 = 2" and "1/3*5 = 1" do not: on GSM8K model output a whole number
        # rounded further than 1% from a fraction came with a wrong solution 43 times out of 46
        return Judgement(ok=error <= ulp / 2 and error <= abs(computed) * WHOLE_NUMBER_TOLERANCE,
                         rule="a whole number rounded, within 1%")
    rounded = error <= ulp / 2
    cut = places >= 2 and error < ulp and abs(shown) <= abs(computed) and (shown >= 0) == (computed >= 0)
    return Judgement(ok=rounded or cut, rule=f"rounded to {places} decimal place{'s' if places > 1 else ''}")


def judge_text(computed: Fraction, stated: str, *, approx: bool = False) -> Judgement:
    """`judge` for a stated value given only as text; a value that is not a plain number fails."""
    shown = number(stated)
    if shown is None:
        return Judgement(ok=False, rule=f"{stated!r} is not a number")
    return judge(computed, shown, stated.replace(",", "").strip(), approx=approx)


def distance(computed: Fraction, shown: Fraction) -> Fraction:
    """How far apart two values are, relative to the larger: which of several readings comes closest."""
    return abs(shown - computed) / max(abs(computed), abs(shown), Fraction(1, 10**9))


def format_like(value: Fraction, like: str) -> str:
    """``value`` written in the style of ``like``: its decimal places (at least 2 for a fraction), its commas."""
    if value.denominator == 1:
        shown = Decimal(value.numerator)
    elif abs(value) >= 10**40:
        return f"{float(value):.6g}"
    else:
        places = min(max(places_shown(like.replace(",", "").lstrip("$€£-").rstrip("%")), 2), 40)
        with localcontext() as context:
            context.prec = 100
            exact = Decimal(value.numerator) / Decimal(value.denominator)
            shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            shown = shown.normalize() if shown == exact else shown
    return f"{shown:,f}" if "," in like else f"{shown:f}"
