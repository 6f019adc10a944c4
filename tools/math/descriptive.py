"""Descriptive statistics of a list of numbers: mean, median, mode, range, variance and standard deviation.

Conventions (collected in the README):

- A list is ``2, 4 and 9``, ``2, 4, 9`` or ``2 4 9``; at least two items, each one number (``2 and 3 times 4``
  declines: the mean of 2 and 12, or of 2 and 3 then times 4?).
  A comma between digits with three digits after it (``3,100``) may be a thousands separator: it declines.
- ``sum`` / ``total`` / ``add up`` and ``product`` of a list are what they say; ``average`` is the arithmetic mean; ``mean absolute deviation`` is about the mean; ``mode`` lists every most frequent value, and a list where every value is
  equally frequent has no mode to give (it declines); ``range`` is max − min; ``midrange`` is (max + min) / 2.
- ``sum of squared deviations (from the mean)`` is Σ(x − mean)², the numerator of both variances.
- ``variance`` and ``standard deviation`` need ``population`` or ``sample`` (their two readings, n and n − 1;
  before the word, or after the numbers: ``(population)``, ``, sample``),
  unless both give the same value; ``sd``, ``std``, ``std dev`` and ``stdev`` are standard deviation.
- ``to N decimals`` / ``rounded to N decimal places`` / ``(N decimal places)`` rounds half away from zero and
  shows N places. Each value is recomputed independently with Python's ``statistics`` on exact fractions.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, decimal_text, phrase, split_list, terminating
from agentkit.tools.math._parser import AmbiguousReading, MathSyntaxError

__all__ = ["OPERATIONS", "read_items"]

MAX_ITEMS = 1000
MAX_PLACES = 50

_ASK = r"(?:(?:what is|what's|whats|what are|find|calculate|compute|give me|get) )?(?:the )?"
_SQUARED_DEVIATIONS = (r"sum of (?:the )?(?:squared deviations|squares of (?:the )?deviations|squared differences)"
                       r"(?: from (?:the|their) mean)?")
_WHICH = (rf"(?P<kind>(?:arithmetic )?mean|average|median|modes?|most common value|range|midrange|{_SQUARED_DEVIATIONS}|"
          r"sum|total|product|"
          r"geometric mean|harmonic mean|mean absolute deviation|"
          r"(?:(?P<who>population|sample) )?(?:variance|standard deviation|sd|std dev|stdev|std)"
          r"(?: \((?P<who2>population|sample)\))?)")
_LIST = r"(?P<items>[^:;]+?)"
# "(population)" / ", sample" after the numbers: only for a variance or a standard deviation
_WHO_AFTER = (r"(?: \((?:as a |for a |the )?(?P<who3>population|sample)(?: data| values| sd| standard deviation| variance)?\)"
              r"|,? (?:for a |for the |as a |using the |treating (?:it|them) as a |assuming (?:a |it is a |they are a "
              r"|the data (?:is|are) a )?)?(?P<who4>population|sample)"
              r"(?: data| values| sd| standard deviation| variance| formula)?)?")
_ROUNDING = (r"(?:,? (?:to|rounded to|correct to) (?P<places>\d+) (?:decimals|decimal places|dp|places)"
             r"|,? \((?P<places2>\d+) decimal places\))?")
_THOUSANDS_SHAPED = re.compile(r"\d,\d{3}(?!\d)")
# one number per item: a decimal, a fraction, or a mixed number as `_chat` writes it
_ITEM = re.compile(r"\s*(?:-?(?:\d+(?:\.\d*)?|\.\d+)(?:/\d+)?|\(-?\d+/\d+\)|\(\d+ \+ \d+/\d+\))\s*")
_PLAIN = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")


def read_items(text: str, scope: Scope) -> list[Fraction]:
    """The numbers of a list as the statistics read it (see the conventions above), as exact fractions."""
    if _THOUSANDS_SHAPED.search(text):
        raise MathSyntaxError(f"in {text.strip()!r} a comma may separate thousands or items")
    text = text.strip()
    if "," in text or re.search(r"\sand\s", text):
        parts = split_list(text)
    else:
        parts = text.split()
        if not all(_PLAIN.fullmatch(p) for p in parts):
            raise MathSyntaxError("items separated by spaces must be plain numbers")
    if not 2 <= len(parts) <= MAX_ITEMS:
        raise MathSyntaxError("a list of at least two numbers")
    values = []
    for part in parts:
        if not _ITEM.fullmatch(part):
            raise MathSyntaxError(f"{part.strip()!r} is not one number: 'the mean of 2 and 3 times 4' has two readings")
        value = scope.number(part)
        if not value.is_Rational:
            raise MathSyntaxError(f"{part.strip()!r} is not a rational number")
        values.append(Fraction(int(value.p), int(value.q)))
    return values


def _kind(slots: Slots) -> str:
    kind = " ".join(slots["kind"].lower().split()) or "sum"
    kind = re.sub(r"\s*\((?:population|sample)\)", "", kind)
    kind = re.sub(r"^(?:population|sample) ", "", kind)
    if re.fullmatch(_SQUARED_DEVIATIONS, kind):
        return "sum of squared deviations"
    kind = {"total": "sum", "average": "mean", "arithmetic mean": "mean", "modes": "mode", "most common value": "mode",
            "sd": "standard deviation", "std dev": "standard deviation", "stdev": "standard deviation",
            "std": "standard deviation"}.get(kind, kind)
    return kind


def _prepare(slots: Slots, scope: Scope) -> tuple[str, str, list[Fraction], int | None]:
    kind = _kind(slots)
    who = (slots.get("who") or slots.get("who2") or "").lower()
    after = (slots.get("who3") or slots.get("who4") or "").lower()
    if after and (kind not in ("variance", "standard deviation") or who and who != after):
        raise MathSyntaxError(f"{after!r} after the numbers fits only one variance or standard deviation")
    who = who or after
    values = read_items(slots["items"], scope)
    if kind in ("sum", "product") and len(values) < 3:
        raise MathSyntaxError("two numbers are an ordinary sum or product (see `arithmetic`)")
    places_text = slots.get("places") or slots.get("places2")
    places = int(places_text) if places_text else None
    if places is not None and not 0 <= places <= MAX_PLACES:
        raise MathSyntaxError(f"between 0 and {MAX_PLACES} decimal places")
    if kind in ("variance", "standard deviation") and not who:
        if statistics.pvariance(values) != statistics.variance(values):
            raise AmbiguousReading(f"the {kind} of a list has two readings: population (divide by n) or sample "
                                   "(divide by n − 1); say which")
        who = "population"
    if kind in ("geometric mean", "harmonic mean") and any(v <= 0 for v in values):
        raise MathSyntaxError(f"the {kind} is for positive numbers")
    if kind == "mode":
        counts = Counter(values)
        if len(set(counts.values())) == 1 and len(counts) > 1:
            raise MathSyntaxError("every value is equally frequent: there is no mode to give")
    return kind, who, values, places


def _exact(kind: str, who: str, values: list[Fraction]) -> sympy.Expr | list[sympy.Expr]:
    rational = [sympy.Rational(v.numerator, v.denominator) for v in values]
    n = len(rational)
    if kind == "mean":
        return sum(rational) / n
    if kind == "sum":
        return sum(rational)
    if kind == "product":
        return sympy.Mul(*rational)
    if kind == "median":
        ordered = sorted(rational)
        return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    if kind == "mode":
        counts = Counter(rational)
        top = max(counts.values())
        return sorted(v for v, c in counts.items() if c == top)
    if kind == "range":
        return max(rational) - min(rational)
    if kind == "midrange":
        return (max(rational) + min(rational)) / 2
    if kind == "geometric mean":
        return sympy.root(sympy.Mul(*rational), n)
    if kind == "harmonic mean":
        return n / sum(1 / v for v in rational)
    mean = sum(rational) / n
    if kind == "mean absolute deviation":
        return sum(abs(v - mean) for v in rational) / n
    if kind == "sum of squared deviations":
        return sum((v - mean) ** 2 for v in rational)
    variance = sum((v - mean) ** 2 for v in rational) / (n if who == "population" else n - 1)
    return variance if kind == "variance" else sympy.sqrt(variance)


def _rounded(value: sympy.Expr, places: int) -> str:
    with localcontext() as ctx:
        ctx.prec = 80
        exact = Decimal(str(sympy.N(value, 70)))
        return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _compute(args: tuple[str, str, list[Fraction], int | None]) -> sympy.Expr | list[sympy.Expr]:
    kind, who, values, _ = args
    return _exact(kind, who, values)


def _independent(kind: str, who: str, values: list[Fraction]) -> Fraction | list[Fraction] | None:
    """The value by Python's ``statistics`` on fractions (a square or a power for the roots)."""
    table = {
        "mean": lambda: statistics.mean(values),
        "sum": lambda: sum(values, Fraction(0)),
        "product": lambda: _product(values),
        "median": lambda: statistics.median(values),
        "mode": lambda: sorted(statistics.multimode(values)),
        "range": lambda: max(values) - min(values),
        "midrange": lambda: (max(values) + min(values)) / 2,
        "harmonic mean": lambda: statistics.harmonic_mean(values),
        "mean absolute deviation": lambda: statistics.mean([abs(v - statistics.mean(values)) for v in values]),
        "sum of squared deviations": lambda: len(values) * statistics.pvariance(values),
        "variance": lambda: statistics.pvariance(values) if who == "population" else statistics.variance(values),
        "standard deviation": lambda: statistics.pvariance(values) if who == "population"
        else statistics.variance(values),
    }
    return table[kind]() if kind in table else None


def _product(values: list[Fraction]) -> Fraction:
    result = Fraction(1)
    for v in values:
        result *= v
    return result


def _verify(args: tuple[str, str, list[Fraction], int | None], value: sympy.Expr | list[sympy.Expr]) -> str | None:
    kind, who, values, _ = args
    expected = _independent(kind, who, values)
    if kind == "mode":
        got = [Fraction(int(v.p), int(v.q)) for v in value]
        return None if got == expected else f"statistics.multimode gives {expected}"
    if kind == "standard deviation":
        square = sympy.nsimplify(sympy.expand(value**2))
        ok = value >= 0 and square == sympy.Rational(expected.numerator, expected.denominator)
        return None if ok else "its square is not the variance"
    if kind == "geometric mean":
        product = Fraction(1)
        for v in values:
            product *= v
        ok = value > 0 and sympy.expand(value ** len(values)) == sympy.Rational(product.numerator, product.denominator)
        return None if ok else "its n-th power is not the product"
    return None if value == sympy.Rational(expected.numerator, expected.denominator) else \
        f"statistics gives {expected}"


def _render(args: tuple[str, str, list[Fraction], int | None], value: sympy.Expr | list[sympy.Expr]) -> str:
    places = args[3]
    items = value if isinstance(value, list) else [value]
    shown = []
    for item in items:
        if places is not None:
            shown.append(_rounded(item, places))
        elif item.is_Rational and terminating(item):
            shown.append(decimal_text(item))
        else:
            shown.append(str(item))
    return ", ".join(shown)



def _shown(value: Fraction) -> str:
    rational = sympy.Rational(value.numerator, value.denominator)
    return decimal_text(rational) if terminating(rational) else str(value)


def _interpret(args: tuple[str, str, list[Fraction], int | None]) -> str:
    kind, who, values, places = args
    listed = ", ".join(_shown(v).replace("-", "−") for v in values)
    name = f"{who} {kind}" if who else kind
    return f"{name} of {listed}" + (f", rounded to {places} decimal places" if places is not None else "")


STATISTIC = Operation(
    name="statistic",
    patterns=phrase(
        rf"{_ASK}{_WHICH} (?:of|for) (?:the numbers |the values |these(?: numbers)?:? )?{_LIST}{_WHO_AFTER}{_ROUNDING}",
        rf"(?:find|calculate|compute|what is|what's|whats) the {_WHICH}(?: of)?: {_LIST}{_WHO_AFTER}{_ROUNDING}",
        rf"{_ASK}{_WHICH} (?:in|of the list) {_LIST}{_WHO_AFTER}{_ROUNDING}",
        rf"(?:add up|sum up|total up|sum|total) {_LIST}(?P<kind>){_ROUNDING}",
    ),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=_render,
    reason="whole step parsed as a statistic of a list of numbers",
    interpret=_interpret,
)

OPERATIONS: tuple[Operation, ...] = (STATISTIC,)
