"""Grade a chat benchmark answer by the ``kind`` of its gold answer: generous in format, never in value.

Every grader returns ``False`` rather than raise: an answer the grader cannot read counts as wrong (and
``--show-wrong`` shows it). Text is read with the project's safe parser and a plain pint registry, never
``eval``, ``sympify`` or ``parse_expr``.

    >>> grade("number", "3.14", "22/7", places=2)
    True
    >>> grade("unit", "8.04672 km", "8.04672 kilometer")
    True
    >>> grade("clock", "01:20", "1:20 AM")
    True
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pint
import sympy

from agentkit.bench.grading import equivalent as _equal
from agentkit.tools.math._core import split_top_level
from agentkit.tools.math._parser import parse

__all__ = ["grade"]

RELATIVE = Fraction(5, 10**6)  # "agrees to at least 6 significant digits": |c - g| <= 5e-6 |g|

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
_NAME_EQUALS = re.compile(r"^\s*[A-Za-z]\w*(?:\([A-Za-z]\w*\))?\s*=\s*")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])")


def grade(kind: str, gold: str | None, got: str, *, places: int | None = None) -> bool:
    """Whether ``got`` means the gold answer of this ``kind`` (see the data README's table).

    Args:
        kind: the record's ``kind`` (``number``, ``unit``, ``clock``, ...); ``decline`` is not graded here.
        gold: the gold answer text.
        got: the agent's answer text.
        places: the decimal places the question asked for, if any.

    Returns:
        True only when the answer is right; False when it is wrong or cannot be read.
    """
    grader = _GRADERS.get(kind)
    if grader is None or gold is None:
        return False
    try:
        return bool(grader(gold.strip(), _clean(got), places))
    except Exception:
        return False


def _clean(text: str) -> str:
    """Formatting only: surrounding space, a final period, a parenthetical note after the answer."""
    text = text.strip()
    if text.endswith(")") and " (" in text and not text.startswith("("):
        head = text[: text.index(" (")]
        if head.count("(") == head.count(")"):
            text = head
    return text.rstrip(".").strip()


def _expr(text: str, *, implicit: bool = False) -> sympy.Basic:
    text = _THOUSANDS.sub(lambda m: m[0].replace(",", ""), text.strip().lstrip("$£€").strip())
    text = text.replace("×", "*").replace("−", "-").replace("÷", "/")
    return parse(text, implicit=implicit, notation="sympy").expr


def _candidate(text: str) -> sympy.Basic:
    try:
        return _expr(text)
    except Exception:
        return _expr(text, implicit=True)  # "2x" for 2*x is a format, not a value


def _round(value: Fraction, places: int) -> Fraction:
    exponent = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(exact.quantize(exponent, rounding=ROUND_HALF_UP))


def _as_fraction(expr: sympy.Basic) -> Fraction | None:
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    if expr.is_number and expr.is_real:
        return Fraction(str(sympy.N(expr, 30)))
    return None


def _number_values(gold: sympy.Basic, got: sympy.Basic, places: int | None, *, decimal: bool = False) -> bool:
    """Equal by the number rule; ``decimal``: the candidate was written as a decimal, so it may approximate."""
    if places is not None:
        g, c = _as_fraction(gold), _as_fraction(got)
        return g is not None and c is not None and _round(c, places) == _round(g, places)
    if _equal(gold, got):
        return True
    g, c = _as_fraction(gold), _as_fraction(got)
    if not decimal or g is None or c is None:
        return False  # only a decimal may approximate; an exact candidate must be exact
    return abs(c - g) <= RELATIVE * abs(g)


_DECIMAL = re.compile(r"[-+]?[$£€]?[\d,]*\.\d+(?:[eE][-+]?\d+)?")


def _number(gold: str, got: str, places: int | None) -> bool:
    return _number_values(_expr(gold), _candidate(got), places, decimal=bool(_DECIMAL.fullmatch(got.strip())))


def _percent(gold: str, got: str, places: int | None) -> bool:
    got = re.sub(r"\s*(?:%|percent|per cent)$", "", got, flags=re.IGNORECASE)
    return _number(gold.rstrip("%").strip(), got, places)


@functools.cache
def _units() -> pint.UnitRegistry:
    return pint.UnitRegistry()


# names people (and the units tool's answers) write for a unit that has two sizes: "8 US fl oz", "2 imperial gal"
_ABBREVIATED = (("fl oz", "fluid_ounce"), ("gal", "gallon"), ("qt", "quart"), ("pt", "pint"))
_SYSTEM = re.compile(r"^(?:(US)|imperial|UK)\s+(\w+)$")


def _unit_name(unit: str) -> str:
    """``US fl oz`` -> ``fluid_ounce`` (pint's US size), ``imperial pt`` -> ``imperial_pint``; else unchanged."""
    for short, name in _ABBREVIATED:
        unit = re.sub(rf"(?<![\w])({re.escape(short)})(?![\w])", name, unit)
    match = _SYSTEM.match(unit)
    if match is None:
        return unit
    return match[2] if match[1] else f"imperial_{match[2]}"


def _quantity(text: str) -> pint.Quantity:
    number, _, unit = text.strip().partition(" ")
    ureg = _units()
    unit = _unit_name(unit.strip().replace("²", "**2").replace("³", "**3").replace("°", "deg"))
    value = _as_fraction(_candidate(number))
    if value is None:
        raise ValueError(f"not a number: {number}")
    try:
        units = ureg.Unit(unit)
    except Exception:
        # "degree Fahrenheit", "delta degree Celsius": pint's names written with spaces
        units = ureg.Unit(re.sub(r"(?<=[A-Za-z])\s+(?=[A-Za-z])", "_", unit))
    return ureg.Quantity(float(value), units)


def _unit(gold: str, got: str, places: int | None) -> bool:
    wanted = _quantity(gold)
    converted = _quantity(got).to(wanted.units)
    return _number_values(_expr(gold.partition(" ")[0]), sympy.Float(converted.magnitude, 20), places, decimal=True)


def _expression(gold: str, got: str, places: int | None) -> bool:
    return _equal(_expr(gold), _candidate(got))


def _antiderivative(gold: str, got: str, places: int | None) -> bool:
    got = re.sub(r"\s*\+\s*C$", "", got)
    g, c = _expr(gold), _candidate(got)
    symbols = g.free_symbols | c.free_symbols
    if len(symbols) != 1:
        return _equal(g, c)
    (x,) = symbols
    return _equal(sympy.diff(g, x), sympy.diff(c, x))


def _factored(gold: str, got: str, places: int | None) -> bool:
    c = _candidate(got)
    return isinstance(c, (sympy.Mul, sympy.Pow)) and _equal(_expr(gold), c)


_COUNTED = re.compile(r"^(\d+) match(?:es)?:\s*")  # the regex tool's '3 matches: "a", "b", "c"'


def _items(text: str) -> list[str]:
    text = text.strip()
    counted = _COUNTED.match(text)
    if counted:
        text = text[counted.end():]
    if text[:1] + text[-1:] in ("{}", "[]", "()"):
        text = text[1:-1]
    text = re.sub(r"\s+(?:or|and)\s+", ", ", text)
    items = [_NAME_EQUALS.sub("", item).strip() for item in split_top_level(text) if item.strip()]
    if counted and int(counted[1]) != len(items):
        raise ValueError(f"says {counted[1]} matches, lists {len(items)}")
    return items


def _same_item(gold: str, got: str) -> bool:
    try:
        return _number(gold, got, None)
    except Exception:
        return gold == got.strip("'\"")


def _set(gold: str, got: str, places: int | None) -> bool:
    wanted, offered = _items(gold), _items(got)
    if len(wanted) != len(offered):
        return False
    left = list(offered)
    for item in wanted:
        match = next((o for o in left if _same_item(item, o)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _list(gold: str, got: str, places: int | None) -> bool:
    wanted, offered = _items(gold), _items(got)
    return len(wanted) == len(offered) and all(_same_item(w, o) for w, o in zip(wanted, offered))


def _assignment(gold: str, got: str, places: int | None) -> bool:
    def pairs(text: str) -> dict[str, str]:
        out = {}
        for item in split_top_level(text):
            name, equals, value = item.partition("=")
            if not equals:
                raise ValueError(f"not an assignment: {item}")
            out[name.replace(" ", "")] = value.strip()
        return out

    wanted, offered = pairs(gold), pairs(got)
    return wanted.keys() == offered.keys() and all(
        _equal(_expr(v), _candidate(offered[k])) for k, v in wanted.items()
    )


def _bool(gold: str, got: str, places: int | None) -> bool:
    words = re.findall(r"[A-Za-z]+", got)
    if not words:
        return False
    first = words[0].casefold()
    value = {"true": True, "yes": True, "false": False, "no": False}.get(first)
    return value is not None and value == (gold.casefold() == "true")


def _minutes(text: str) -> tuple[int, bool] | None:
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2]), match[3]
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        return None
    if half:
        hour = hour % 12 + (12 if half.casefold() == "p" else 0)
    return hour * 60 + minute, bool(half) or hour > 12 or hour == 0


def _clock(gold: str, got: str, places: int | None) -> bool:
    wanted, offered = _minutes(gold), _minutes(got)
    if wanted is None or offered is None:
        return False
    if offered[1]:
        return wanted[0] == offered[0]
    return wanted[0] % 720 == offered[0] % 720  # a 12-hour time without am/pm


def _prime_powers(text: str) -> Counter[int]:
    counts: Counter[int] = Counter()
    for factor in re.split(r"\s*(?:(?<!\*)\*(?!\*)|×|·|,|\bx\b)\s*", text.strip()):
        base, _, exponent = re.sub(r"\*\*|\^", "^", factor).partition("^")
        prime = int(base.strip())
        if not sympy.isprime(prime):
            raise ValueError(f"not a prime: {prime}")
        counts[prime] += int(exponent) if exponent else 1
    return counts


def _factorization(gold: str, got: str, places: int | None) -> bool:
    return _prime_powers(gold) == _prime_powers(got)


def _base(gold: str, got: str, places: int | None) -> bool:
    digits = re.sub(r"^0[bxo]", "", got.strip().casefold())
    return digits == gold.casefold()


def _mixed(gold: str, got: str, places: int | None) -> bool:
    def value(text: str) -> sympy.Basic:
        whole = re.fullmatch(r"\s*(-?)(\d+)\s+(\d+)\s*/\s*(\d+)\s*", text)
        if whole:
            sign = -1 if whole[1] else 1
            return sign * (sympy.Integer(whole[2]) + sympy.Rational(int(whole[3]), int(whole[4])))
        return _candidate(text)

    return _number_values(value(gold), value(got), places, decimal=bool(_DECIMAL.fullmatch(got.strip())))


def _tuple(gold: str, got: str, places: int | None) -> bool:
    return _list(gold, got, places)


def _string(gold: str, got: str, places: int | None) -> bool:
    stripped = re.sub(r"^1 match:\s*", "", got.strip())
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"`":
        stripped = stripped[1:-1]
    return stripped == gold


_GRADERS: dict[str, Callable[[str, str, int | None], bool]] = {
    "number": _number,
    "percent": _percent,
    "unit": _unit,
    "expression": _expression,
    "antiderivative": _antiderivative,
    "factored": _factored,
    "set": _set,
    "list": _list,
    "tuple": _tuple,
    "assignment": _assignment,
    "bool": _bool,
    "clock": _clock,
    "factorization": _factorization,
    "base": _base,
    "mixed": _mixed,
    "string": _string,
}
