"""A rounding clause around any step the family reads: ``sqrt 2 to 4 decimal places``, ``ln 10 rounded to 3 decimals``.

The step without the clause is read by the family as usual (every word accounted for there); its exact value
is then rounded half away from zero and shown with exactly the places asked for. ``as a decimal`` before the
clause (``1/7 as a decimal to 4 places``) says the same thing and is dropped.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

import sympy
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["MAX_PLACES", "NAME", "round_value", "split", "within_half_unit"]

NAME = "rounded"
MAX_PLACES = 30
_PLACE_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_CLAUSE = re.compile(
    r"(?P<inner>.+?)(?: as a decimal)?,? \(?(?:to|rounded to|rounded off to|correct to|round to) "
    rf"(?P<places>\d{{1,2}}|{'|'.join(_PLACE_WORDS)}) (?:decimal places?|decimals?|dp|places?)\)?",
    re.IGNORECASE | re.DOTALL,
)


def split(step: str) -> tuple[str, int] | None:
    """``("sqrt(2)", 4)`` for ``"sqrt(2) to 4 decimal places"``; None when the step has no rounding clause."""
    match = _CLAUSE.fullmatch(step)
    if match is None:
        return None
    text = match.group("places").lower()
    places = _PLACE_WORDS.get(text) or int(text)
    if not 0 <= places <= MAX_PLACES:
        return None
    return match.group("inner").strip(), places


def round_value(value: object, places: int) -> str:
    """The real number ``value`` rounded half away from zero, shown with exactly ``places`` decimals."""
    if not isinstance(value, sympy.Expr) or not value.is_number or not value.is_extended_real or value.has(
            sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        raise MathSyntaxError("only a real number can be rounded to decimal places")
    with localcontext() as ctx:
        ctx.prec = 120
        exact = Decimal(str(sympy.N(value, 100)))
        return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def within_half_unit(value: sympy.Expr, shown: str, places: int) -> bool:
    """Whether ``shown`` has ``places`` decimals and lies within half a unit of the last place of ``value``."""
    decimals = len(shown.partition(".")[2])
    if decimals != places:
        return False
    difference = abs(sympy.Rational(shown) - sympy.N(value, 100))
    return bool(difference <= sympy.Rational(1, 2) * sympy.Rational(1, 10**places) + sympy.Float("1e-90", 100))
