"""Unit conversions: a value and a unit pair from a small table of exact factors (NIST SP 811 / Handbook 44 definitions).

Every factor is exact: the international inch is 0.0254 m, the avoirdupois pound 0.45359237 kg, the US gallon
231 cubic inches, the imperial gallon 4.54609 L. Units whose names have two readings are always named with their
system ("US gallon", "imperial pint", "US fluid ounce", "nautical mile", "metric ton"); a bare "ounce" only ever
names a mass, next to another mass.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from tests.harness.words import decimal_text, dress, numeral

__all__ = ["UNITS", "Unit", "convert", "generate", "render"]

_INCH = Fraction(254, 10000)
_POUND = Fraction(45359237, 10**8)
_US_GALLON = 231 * _INCH**3 * 1000  # litres
_IMP_GALLON = Fraction(454609, 10**5)


@dataclass(frozen=True)
class Unit:
    """A unit: its dimension, its size in the dimension's base unit, and the names people type.

    ``offset`` is for temperatures: base (kelvin) = value × factor + offset.
    """

    key: str
    dimension: str
    factor: Fraction
    names: tuple[str, ...]
    offset: Fraction = Fraction(0)


def _u(key: str, dimension: str, factor: Fraction | int | str, *names: str, offset: Fraction = Fraction(0)) -> Unit:
    return Unit(key, dimension, Fraction(factor), names, offset)


UNITS: tuple[Unit, ...] = (
    _u("m", "length", 1, "m", "meters", "metres", "meter"),
    _u("km", "length", 1000, "km", "kilometers", "kilometres", "kms"),
    _u("cm", "length", "0.01", "cm", "centimeters", "centimetres"),
    _u("mm", "length", "0.001", "mm", "millimeters", "millimetres"),
    _u("in", "length", _INCH, "inches", "inch"),
    _u("ft", "length", 12 * _INCH, "ft", "feet", "foot"),
    _u("yd", "length", 36 * _INCH, "yd", "yards", "yard"),
    _u("mi", "length", 63360 * _INCH, "miles", "mile", "mi"),
    _u("nmi", "length", 1852, "nautical miles", "nautical mile"),
    _u("g", "mass", 1, "g", "grams", "gram"),
    _u("kg", "mass", 1000, "kg", "kilograms", "kilos", "kilogram"),
    _u("mg", "mass", "0.001", "mg", "milligrams"),
    _u("lb", "mass", _POUND * 1000, "lb", "lbs", "pounds", "pound"),
    _u("oz", "mass", _POUND * 1000 / 16, "oz", "ounces", "ounce"),
    _u("st", "mass", _POUND * 1000 * 14, "stone"),
    _u("t", "mass", 10**6, "metric tons", "tonnes", "metric ton"),
    _u("L", "volume", 1, "L", "liters", "litres", "liter", "litre"),
    _u("mL", "volume", "0.001", "mL", "ml", "milliliters", "millilitres"),
    _u("gal_us", "volume", _US_GALLON, "US gallons", "US gallon", "US gal"),
    _u("gal_imp", "volume", _IMP_GALLON, "imperial gallons", "imperial gallon", "UK gallons"),
    _u("qt_us", "volume", _US_GALLON / 4, "US quarts", "US quart"),
    _u("pt_us", "volume", _US_GALLON / 8, "US pints", "US pint"),
    _u("pt_imp", "volume", _IMP_GALLON / 8, "imperial pints", "imperial pint", "UK pints"),
    _u("floz_us", "volume", _US_GALLON / 128, "US fluid ounces", "US fl oz"),
    _u("floz_imp", "volume", _IMP_GALLON / 160, "imperial fluid ounces", "imperial fl oz", "UK fl oz"),
    _u("C", "temperature", 1, "°C", "degrees Celsius", "degrees C", "celsius", "Celsius",
       offset=Fraction(27315, 100)),
    _u("F", "temperature", Fraction(5, 9), "°F", "degrees Fahrenheit", "degrees F", "fahrenheit", "Fahrenheit",
       offset=Fraction(27315, 100) - Fraction(160, 9)),
    _u("K", "temperature", 1, "kelvin", "K"),
    _u("s", "time", 1, "seconds", "second", "s", "secs"),
    _u("min", "time", 60, "minutes", "minute", "min", "mins"),
    _u("h", "time", 3600, "hours", "hour", "h", "hrs"),
    _u("d", "time", 86400, "days", "day"),
    _u("wk", "time", 604800, "weeks", "week"),
)

_FRAMES = ("convert {v} {a} to {b}", "{v} {a} to {b}", "{v} {a} in {b}", "how many {b} in {v} {a}",
           "how many {b} is {v} {a}", "how many {b} are in {v} {a}", "what is {v} {a} in {b}",
           "whats {v} {a} in {b}", "{v} {a} = ? {b}", "{v} {a} is how many {b}", "convert {v} {a} into {b}",
           "can you convert {v} {a} to {b}", "how many {b} are there in {v} {a}", "{v} {a} equals how many {b}",
           "{v} {a} → {b}", "{v} {a} in {b} please")


def convert(amount: Fraction, source: Unit, target: Unit) -> Fraction:
    """The exact value of ``amount`` ``source`` in ``target``."""
    base = amount * source.factor + source.offset
    return (base - target.offset) / target.factor


def generate(rng: random.Random) -> tuple[Fraction, Unit, Unit, Fraction]:
    """A random conversion: amount, source, target (same dimension, different units) and the exact result."""
    source = rng.choice(UNITS)
    target = rng.choice([u for u in UNITS if u.dimension == source.dimension and u.key != source.key])
    pick = rng.random()
    if pick < 0.5:
        amount = Fraction(rng.randint(1, 100))
    elif pick < 0.8:
        amount = Fraction(rng.randint(1, 9999), rng.choice((10, 100)))
    elif pick < 0.9:
        amount = Fraction(rng.randint(101, 100000))
    else:
        amount = Fraction(1)
    if source.dimension == "temperature" and rng.random() < 0.3:
        amount = -amount if source.key != "K" else amount
    return amount, source, target, convert(amount, source, target)


def _amount_text(amount: Fraction, unit_name: str, rng: random.Random) -> str:
    if amount == 1 and rng.random() < 0.4 and not unit_name.startswith(("°", "degrees")) and len(unit_name) > 3:
        return ("an" if unit_name[0] in "aeiouAEIOU" else "a")
    if amount < 0:
        return "-" + decimal_text(-amount) if rng.random() < 0.7 else "minus " + decimal_text(-amount)
    return numeral(amount, rng, words=0.2)


def render(amount: Fraction, source: Unit, target: Unit, rng: random.Random) -> str:
    """One random English phrasing of the conversion."""
    a, b = rng.choice(source.names), rng.choice(target.names)
    if len(b) <= 2 and b not in ("°C", "°F") and rng.random() < 0.5:
        b = rng.choice(target.names[1:] or target.names)
    v = _amount_text(amount, a, rng)
    if v.startswith("minus"):
        v = v.replace("minus", "negative")
    frame = rng.choice(_FRAMES)
    glue = " "
    if v[-1].isdigit() and (a.startswith("°") or (len(a) <= 3 and a.isalpha())) and rng.random() < 0.5:
        glue = ""  # "20°C", "100km"
    text = frame.replace(" {a}", glue + "{a}").format(v=v, a=a, b=b)
    return dress(text, rng, frames=("{}",), caps=False)


def formal(amount: Fraction, source: Unit, target: Unit) -> str:
    """The canonical formal line, ``5 mi → km``, for reports."""
    return f"{decimal_text(amount)} {source.key} → {target.key}"
