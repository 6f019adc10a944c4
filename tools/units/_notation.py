"""A units step's reading in canonical notation, the way a careful calculator shows its input: ``1 imperial gallon → imperial pt``.

Each unit is shown by its symbol where one is plain (``km``, ``°F``, ``kJ``), and a unit with two sizes
always names its system (``US gal``, ``imperial pt``, ``kcal (food Calorie)``); what the family decided
about an unqualified unit follows in brackets, from the spec's ``notes``:

    >>> interpretation({"operation": "convert", "expr": ["q", [["72", [["degree_Fahrenheit", 1]]]]],
    ...                 "target": [[["degree_Celsius", 1]]]})
    '72 °F → °C'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from agentkit.tools.units._compute import format_number
from agentkit.tools.units._display import prefixed_symbol
from agentkit.tools.units._lexicon import UnitSpec

__all__ = ["interpretation"]

_SHOWN = {
    "inch": "in", "foot": "ft", "yard": "yd", "mile": "mi", "nautical_mile": "nmi", "light_year": "ly",
    "astronomical_unit": "au", "angstrom": "Å", "ounce": "oz", "troy_ounce": "troy oz", "pound": "lb",
    "stone": "st", "metric_ton": "t", "short_ton": "short ton (2000 lb)", "long_ton": "long ton (2240 lb)",
    "short_hundredweight": "short cwt (100 lb)", "long_hundredweight": "long cwt (112 lb)",
    "gallon": "US gal", "imperial_gallon": "imperial gal", "quart": "US qt", "imperial_quart": "imperial qt",
    "pint": "US pt", "imperial_pint": "imperial pt", "cup": "US cup", "imperial_cup": "imperial cup (284 mL)",
    "metric_cup": "metric cup (250 mL)", "fluid_ounce": "US fl oz", "imperial_fluid_ounce": "imperial fl oz",
    "gill": "US gill", "imperial_gill": "imperial gill", "tablespoon": "US tbsp", "teaspoon": "US tsp",
    "international_acre": "acre", "hectare": "ha", "minute": "min", "hour": "h", "day": "d", "week": "wk",
    "year": "yr", "year_decade": "decade", "kelvin": "K", "degree_Celsius": "°C", "degree_Fahrenheit": "°F",
    "delta_degree_Celsius": "delta °C", "delta_degree_Fahrenheit": "delta °F", "degree": "° (angle)", "radian": "rad", "knot": "kn", "horsepower": "hp (mechanical)",
    "metric_horsepower": "metric hp (PS)", "calorie": "cal (small calorie)", "kilocalorie": "kcal (food Calorie)",
    "pound_force": "lbf", "kilogram_force": "kgf", "standard_atmosphere": "atm", "millimeter_Hg": "mmHg",
    "kibibyte": "KiB", "mebibyte": "MiB", "gibibyte": "GiB", "tebibyte": "TiB", "kilogram": "kg",
}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_OPERATORS = {"+": "+", "-": "−", "*": "×", "/": "÷"}


def _name(name: str) -> str:
    if name in _SHOWN:
        return _SHOWN[name]
    return prefixed_symbol(name) or name.replace("_", " ")


def unit_text(unit: UnitSpec) -> str:
    """``km/h``, ``m/s²``, ``kg·m²``."""
    def one(name: str, power: int) -> str:
        return _name(name) + (str(power).translate(_SUPERSCRIPT) if power != 1 else "")

    top = "·".join(one(n, p) for n, p in unit if p > 0) or "1"
    bottom = "·".join(one(n, -p) for n, p in unit if p < 0)
    return f"{top}/{bottom}" if bottom else top


def _amount(text: str) -> str:
    number, _ = format_number(Fraction(text))
    return number.replace("-", "−")


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def _expr(node: list[Any], parent: str = "", right: bool = False) -> str:
    kind = node[0]
    if kind == "q":
        return " ".join(f"{_amount(amount)} {unit_text(unit)}" for amount, unit in node[1])
    if kind == "n":
        return _amount(node[1])
    if kind == "neg":
        return f"−({_expr(node[1])})"
    text = f"{_expr(node[1], kind)} {_OPERATORS[kind]} {_expr(node[2], kind, right=True)}"
    if parent and (_PRECEDENCE[kind] < _PRECEDENCE[parent]
                   or (right and _PRECEDENCE[kind] == _PRECEDENCE[parent] and parent in "-/")):
        return f"({text})"
    return text


def interpretation(spec: dict[str, Any]) -> str:
    """The step's reading in canonical notation, with the conventions applied in brackets."""
    operation = spec["operation"]
    if operation in ("clock_shift", "clock_between"):
        head = _clock(spec)
    elif "expr" in spec:
        head = _expr(spec["expr"])
    else:
        parts = {role: _expr(node) for role, node in spec["parts"].items()}
        head = {"speed": "speed for {distance} in {time}", "travel_time": "time for {distance} at {speed}",
                "distance": "distance in {time} at {speed}"}[operation].format(**parts)
    if spec.get("target") and operation != "clock_between":
        head += " → " + " + ".join(unit_text(unit) for unit in spec["target"])
    notes = spec.get("notes") or []
    return f"{head} ({'; '.join(notes)})" if notes else head


def _clock(spec: dict[str, Any]) -> str:
    def time(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    if spec["operation"] == "clock_between":
        units = ", ".join(unit_text(unit) for unit in spec["target"])
        return f"time from {time(spec['start'])} to {time(spec['end'])} (the next one, within 24 h) in {units}"
    delta = spec["delta"]
    sign = "+" if delta >= 0 else "−"
    shown = "; answered on the 12-hour clock with AM/PM, as the step writes it" if spec.get("style") == "12h" else ""
    return f"{time(spec['start'])} {sign} {abs(delta)} min (24-hour clock, wrapping at midnight{shown})"
