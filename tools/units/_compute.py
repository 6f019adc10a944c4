"""Exact unit arithmetic on pint with `Fraction` magnitudes, the display of results, and the checks.

pint only ever receives unit names from the family's own lexicon, combined
with ``Unit`` objects, never a string to parse. Magnitudes stay exact
fractions throughout; a result is rounded only when it is shown, and the
check then bounds the rounding.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Any

from agentkit.tools._lazy import lazy_import

from agentkit.errors import ToolInputError

pint = lazy_import("pint")

from agentkit.tools.units._lexicon import DEFINITIONS, OFFSET, UnitSpec

__all__ = ["Mismatch", "as_unitspec", "base_value", "dimension", "evaluate", "format_number", "quantity",
           "registry", "round_to", "to_unit", "within_display", "within_places"]

EXACT_DIGITS = 15  # a terminating decimal up to this many significant digits is shown exactly
ROUNDED_DIGITS = 6  # otherwise, this many significant digits
PLAIN_RANGE = (-12, 21)  # decimal exponents shown without scientific notation

_DIMENSIONS = {
    (("[length]", 1),): "length", (("[mass]", 1),): "mass", (("[time]", 1),): "time",
    (("[temperature]", 1),): "temperature", (("[current]", 1),): "electric current",
    (("[substance]", 1),): "amount of substance", (("[length]", 2),): "area", (("[length]", 3),): "volume",
    (("[length]", 1), ("[time]", -1)): "speed", (("[length]", 1), ("[time]", -2)): "acceleration",
    (("[length]", 1), ("[mass]", 1), ("[time]", -2)): "force",
    (("[length]", 2), ("[mass]", 1), ("[time]", -2)): "energy",
    (("[length]", 2), ("[mass]", 1), ("[time]", -3)): "power",
    (("[length]", -1), ("[mass]", 1), ("[time]", -2)): "pressure",
    (("[time]", -1),): "frequency", (("[current]", 1), ("[time]", 1)): "electric charge",
    (("[current]", -1), ("[length]", 2), ("[mass]", 1), ("[time]", -3)): "voltage",
    (("[length]", -3), ("[mass]", 1)): "density", (): "dimensionless number",
}


class UnitsRefusal(ToolInputError):
    """Quantities that do not combine into what was asked (mixed parts of two dimensions, a fractional power)."""


class Mismatch(ToolInputError):
    """Two quantities of different dimensions were to be converted or added; a verified refusal."""

    def __init__(self, verb: str, left: str, right: str) -> None:
        super().__init__(verb, left, right)  # the arguments themselves, so that it pickles across processes
        self.verb, self.left, self.right = verb, left, right

    def __str__(self) -> str:
        return f"cannot {self.verb}: {self.left} vs {self.right}"


def warm_worker() -> None:
    """Build the registry in the tools' worker zygote before it forks (`agentkit.tools._workers`), so that no
    conversion pays for it (about a second) inside its time limit."""
    registry()


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The family's pint registry: exact `Fraction` magnitudes, a calendar decade (pint's is logarithmic)."""
    ureg = pint.UnitRegistry(non_int_type=Fraction)
    for definition in DEFINITIONS:
        ureg.define(definition)
    return ureg


def to_unit(spec: UnitSpec) -> pint.Unit:
    ureg = registry()
    unit = ureg.Unit("dimensionless")
    for name, exponent in spec:
        unit = unit * ureg.Unit(name) ** exponent
    return unit


def quantity(amount: str | Fraction, spec: UnitSpec) -> pint.Quantity:
    return registry().Quantity(Fraction(amount), to_unit(spec))


def dimension(spec: UnitSpec) -> str:
    """The dimension of a unit in words ("mass", "speed"), from pint's definitions of each factor."""
    dims: dict[str, Fraction] = {}
    for name, exponent in spec:
        for dim, power in registry().get_dimensionality(name).items():
            dims[dim] = dims.get(dim, 0) + power * exponent
    return _dimension_words(dims)


def _dimension_words(dims: Any) -> str:
    key = tuple(sorted((d, int(p)) for d, p in dict(dims).items() if p))
    if key in _DIMENSIONS:
        return _DIMENSIONS[key]
    return " * ".join(f"{d.strip('[]')}" + (f"^{p}" if p != 1 else "") for d, p in key)


def evaluate(node: list[Any]) -> pint.Quantity:
    """The exact value of an expression tree from the grammar."""
    kind = node[0]
    if kind == "n":
        return registry().Quantity(Fraction(node[1]), "dimensionless")
    if kind == "q":
        return _mixed(node[1])
    if kind == "neg":
        return -evaluate(node[1])
    left, right = evaluate(node[1]), evaluate(node[2])
    if kind in ("+", "-"):
        if left.dimensionality != right.dimensionality:
            raise Mismatch("add" if kind == "+" else "subtract",
                           _dimension_words(left.dimensionality), _dimension_words(right.dimensionality))
        return left + right if kind == "+" else left - right
    if kind == "/" and right.magnitude == 0:
        raise ZeroDivisionError("division by a zero quantity")
    return left * right if kind == "*" else left / right


def _mixed(parts: list[list[Any]]) -> pint.Quantity:
    first = quantity(*parts[0])
    total = first.magnitude
    for amount, spec in parts[1:]:
        part = quantity(amount, spec)
        if part.dimensionality != first.dimensionality or any(n in OFFSET for n, _ in [*spec, *parts[0][1]]):
            from agentkit.tools.units._display import quantity_text

            raise UnitsRefusal(f"{quantity_text('', parts[0][1]).strip()} and {quantity_text('', spec).strip()} "
                               "cannot form one quantity")
        total += part.to(first.units).magnitude
    return registry().Quantity(total, first.units)


def base_value(node: list[Any]) -> tuple[Fraction, dict[str, Fraction]]:
    """The same expression evaluated in SI base units, leaf by leaf, without pint's arithmetic: the check."""
    kind = node[0]
    if kind == "n":
        return Fraction(node[1]), {}
    if kind == "q":
        values = [quantity(amount, spec).to_base_units() for amount, spec in node[1]]
        return sum((v.magnitude for v in values), Fraction(0)), dict(values[0].dimensionality.items())
    if kind == "neg":
        magnitude, dims = base_value(node[1])
        return -magnitude, dims
    (a, da), (b, db) = base_value(node[1]), base_value(node[2])
    if kind in ("+", "-"):
        if {k: v for k, v in da.items() if v} != {k: v for k, v in db.items() if v}:
            raise UnitsRefusal("dimensions differ")
        return (a + b if kind == "+" else a - b), da
    sign = 1 if kind == "*" else -1
    dims = dict(da)
    for dim, power in db.items():
        dims[dim] = dims.get(dim, 0) + sign * power
    return (a * b if kind == "*" else a / b), {k: v for k, v in dims.items() if v}


def as_unitspec(units: Any) -> UnitSpec:
    """A pint unit container as a unit spec, positive powers first."""
    items = [(name, Fraction(power)) for name, power in dict(units._units).items()]
    if any(power.denominator != 1 for _, power in items):
        raise UnitsRefusal("the result has a fractional power of a unit")
    return [[name, int(power)] for name, power in sorted(items, key=lambda item: item[1] < 0)]


def format_number(value: Fraction) -> tuple[str, bool]:
    """The value as decimal text, and whether that text is exact.

    A terminating decimal of up to `EXACT_DIGITS` significant digits is shown
    exactly; anything else is rounded to `ROUNDED_DIGITS` significant digits.
    """
    with localcontext() as context:
        context.prec = 80
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        terminates = exact * value.denominator == value.numerator
        if terminates and len(exact.normalize().as_tuple().digits) <= EXACT_DIGITS:
            shown, is_exact = exact.normalize(), True
        else:
            context.prec = ROUNDED_DIGITS
            shown, is_exact = (+exact).normalize(), False
    if shown == 0:
        return "0", is_exact
    if PLAIN_RANGE[0] <= shown.adjusted() < PLAIN_RANGE[1]:
        text = format(shown, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = format(shown, "e")
    return text, is_exact


def within_display(value: Fraction, text: str, exact: bool) -> bool:
    """Whether ``text`` shows ``value``: equal when exact, else within rounding to `ROUNDED_DIGITS` digits."""
    shown = Fraction(Decimal(text))
    if exact:
        return shown == value
    return abs(shown - value) <= abs(value) * Fraction(5, 10**ROUNDED_DIGITS)


def round_to(value: Fraction, places: int) -> str:
    """``value`` rounded half away from zero to ``places`` decimals, shown with exactly that many."""
    with localcontext() as context:
        context.prec = 120
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(shown, "f")


def within_places(value: Fraction, text: str, places: int) -> bool:
    """Whether ``text`` has ``places`` decimals and lies within half a unit of its last place of ``value``."""
    if len(text.partition(".")[2]) != places:
        return False
    return abs(Fraction(Decimal(text)) - value) <= Fraction(1, 2 * 10**places)
