"""Answers as people write them: ``8.04672 km``, ``62.1371 mph``, ``21 °C``, ``3 US gallons``, ``8 US fl oz``.

One function, `quantity_text`, shows every quantity the family answers with. A unit is shown by the
symbol people use where there is one (``km``, ``h``, ``kJ``, ``MiB``, ``°F``), otherwise by its name,
singular or plural by the number (``1 day``, ``2.5 days``, ``3 US gallons``); a unit whose size depends
on the system always names it (``US gal``, ``imperial pints``, ``US fl oz``). Every text shown here is
read back by the family's own lexicon as the same unit (a follow-up reads the previous answer):

    >>> quantity_text("62.1371", [["mile", 1], ["hour", -1]])
    '62.1371 mph'
    >>> quantity_text("1", [["day", 1]]), quantity_text("3", [["gallon", 1]])
    ('1 day', '3 US gallons')
"""

from __future__ import annotations

from agentkit.tools.units._lexicon import UnitSpec

__all__ = ["prefixed_symbol", "quantity_text", "unit_symbol"]

_PREFIX = {"nano": "n", "micro": "µ", "milli": "m", "centi": "c", "deci": "d", "hecto": "h", "kilo": "k",
           "mega": "M", "giga": "G", "tera": "T"}
# base units that take a prefix, and the symbol their prefixed forms are read back by (see the lexicon)
_BASE = {"meter": "m", "gram": "g", "second": "s", "liter": "L", "joule": "J", "watt": "W", "watt_hour": "Wh",
         "newton": "N", "pascal": "Pa", "hertz": "Hz", "volt": "V", "ampere": "A", "ohm": "Ω",
         "electron_volt": "eV", "mole": "mol", "bar": "bar", "byte": "B", "bit": "bit"}
_SYMBOL = {
    "foot": "ft", "yard": "yd", "pound": "lb", "ounce": "oz", "troy_ounce": "troy oz", "nautical_mile": "nmi",
    "light_year": "ly", "astronomical_unit": "au", "angstrom": "Å", "metric_ton": "t", "hectare": "ha",
    "minute": "min", "hour": "h", "kelvin": "K", "degree_Celsius": "°C", "degree_Fahrenheit": "°F",
    "delta_degree_Celsius": "delta °C", "delta_degree_Fahrenheit": "delta °F", "radian": "rad", "calorie": "cal", "kilocalorie": "kcal", "horsepower": "hp", "metric_horsepower": "PS",
    "pound_force": "lbf", "kilogram_force": "kgf", "standard_atmosphere": "atm", "millimeter_Hg": "mmHg",
    "kibibyte": "KiB", "mebibyte": "MiB", "gibibyte": "GiB", "tebibyte": "TiB", "BTU": "BTU", "psi": "psi", "torr": "torr",
    "fluid_ounce": "US fl oz", "imperial_fluid_ounce": "imperial fl oz", "tablespoon": "tbsp",
    "teaspoon": "tsp", "mile": "mi", "gallon": "US gal", "imperial_gallon": "imperial gal",
    "quart": "US qt", "imperial_quart": "imperial qt", "pint": "US pt", "imperial_pint": "imperial pt",
}
# units written as words on their own (a symbol above, if any, shows them inside a compound): (singular, plural)
_WORDS = {
    "inch": ("inch", "inches"), "mile": ("mile", "miles"), "day": ("day", "days"), "week": ("week", "weeks"),
    "fortnight": ("fortnight", "fortnights"), "month": ("month", "months"), "year": ("year", "years"),
    "year_decade": ("decade", "decades"), "century": ("century", "centuries"),
    "millennium": ("millennium", "millennia"), "international_acre": ("acre", "acres"),
    "stone": ("stone", "stone"), "knot": ("knot", "knots"), "bit": ("bit", "bits"), "byte": ("byte", "bytes"),
    "coulomb": ("coulomb", "coulombs"), "arcminute": ("arcminute", "arcminutes"),
    "arcsecond": ("arcsecond", "arcseconds"), "revolution": ("revolution", "revolutions"),
    "degree": ("degree", "degrees"), "short_ton": ("short ton", "short tons"), "long_ton": ("long ton", "long tons"),
    "short_hundredweight": ("short hundredweight", "short hundredweight"),
    "long_hundredweight": ("long hundredweight", "long hundredweight"),
    "gallon": ("US gallon", "US gallons"), "imperial_gallon": ("imperial gallon", "imperial gallons"),
    "quart": ("US quart", "US quarts"), "imperial_quart": ("imperial quart", "imperial quarts"),
    "pint": ("US pint", "US pints"), "imperial_pint": ("imperial pint", "imperial pints"),
    "cup": ("US cup", "US cups"), "imperial_cup": ("imperial cup", "imperial cups"),
    "metric_cup": ("metric cup", "metric cups"), "gill": ("US gill", "US gills"),
    "imperial_gill": ("imperial gill", "imperial gills"),
}
# whole compounds with a symbol of their own
_COMPOUND = {(("mile", 1), ("hour", -1)): "mph", (("kilometer", 1), ("hour", -1)): "km/h"}
_POWER = {2: "²", 3: "³"}
_POWER_WORD = {2: "square", 3: "cubic"}


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("ch", "sh", "s")) else "s")


def unit_symbol(name: str) -> str | None:
    """The symbol shown for a pint unit name inside a compound, or None when it has none the lexicon reads."""
    if name in _SYMBOL:
        return _SYMBOL[name]
    symbol = prefixed_symbol(name)
    return symbol if symbol is not None and _readable_symbol(symbol, name) else None  # a bare "B" is not read


def prefixed_symbol(name: str) -> str | None:
    """The SI symbol of a base unit or a prefixed one (``kilometer`` -> ``km``), or None."""
    if name in _BASE:
        return _BASE[name]
    for prefix, letter in _PREFIX.items():
        base = name.removeprefix(prefix)
        if base != name and base in _BASE:
            return letter + _BASE[base]
    return None


def _readable_symbol(symbol: str, name: str) -> bool:
    from agentkit.tools.units._lexicon import _SYMBOLS  # the lexicon's own table: shown only if read back

    return _SYMBOLS.get(symbol) == name


def _word(name: str, plural: bool) -> str:
    if name in _WORDS:
        return _WORDS[name][plural]
    word = name.replace("_", " ")  # also a prefixed unit without a symbol the lexicon reads: "kiloliters"
    return _plural(word) if plural else word


def _factor(name: str, power: int) -> str:
    """One factor of a compound unit: a symbol where there is one, else the singular name."""
    shown = unit_symbol(name) or _word(name, plural=False)
    if power == 1:
        return shown
    return shown + (_POWER.get(power) or f"^{power}")


def _unit_text(unit: UnitSpec, plural: bool) -> str:
    key = tuple((name, power) for name, power in unit)
    if key in _COMPOUND:
        return _COMPOUND[key]
    if len(unit) == 1:
        name, power = unit[0]
        if power == 1:
            return _word(name, plural) if name in _WORDS else unit_symbol(name) or _word(name, plural)
        if power in _POWER_WORD and name in _WORDS:  # "square miles", "cubic inches"
            return f"{_POWER_WORD[power]} {_word(name, plural)}"
    top = [_factor(name, power) for name, power in unit if power > 0]
    bottom = [_factor(name, -power) for name, power in unit if power < 0]
    return "/".join(["·".join(top) or "1", *bottom])


def quantity_text(number: str, unit: UnitSpec | None) -> str:
    """``number`` (already shown, ``"8.04672"``) with ``unit`` as people write it; a bare number without one.

    Args:
        number: the amount as the family shows it (`format_number`).
        unit: the unit spec, ``[[pint name, exponent], ...]``; empty or None for a pure number.
    """
    if not unit:
        return number
    plural = number.lstrip("-") != "1"
    return f"{number} {_unit_text(unit, plural)}"
