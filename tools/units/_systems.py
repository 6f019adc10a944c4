"""Which system a unit whose size depends on it belongs to (US or imperial gallons, food or small calories), decided once per step.

The lexicon reads a unit that changes with the system as a placeholder (``~gallon``, ``~ounce``,
``~calorie``); `settle` replaces every placeholder of a step by a pint unit, or refuses, and says
what it decided in ``spec["notes"]``:

    >>> spec = {"operation": "convert", "expr": ["q", [["1", [["imperial_gallon", 1]]]]],
    ...         "target": [[["~pint", 1]]]}
    >>> settle(spec, "pints in an imperial gallon", None)["target"]
    [[['imperial_pint', 1]]]

The rules (the family's conventions, written in the module docstring of the package too):

- a system word before a unit ("imperial gallon", "US pints", "UK fl oz") names that unit's system;
  a system named for the whole step ("in the UK", "(imperial)", "using US units") applies to every
  unqualified unit, and so does a system named for any one unit of the step; US and imperial both
  named leave an unqualified unit ambiguous, and the step is declined;
- an unqualified gallon, quart, pint, cup, fluid ounce or gill is US customary;
- "ton" and "hundredweight" need a system (short, long or metric), else the step is declined;
- "ounce" or "oz" of a volume (with a volume elsewhere in the step, and no mass) is a fluid ounce;
  otherwise the avoirdupois ounce; a troy ounce is only read when written so ("troy ounce", "ozt");
- "Cal", "Calorie" (capital C), "kcal" and "food calorie" are the food Calorie, 4184 J; "cal" is the
  small calorie, 4.184 J; the bare word "calorie(s)" is the small calorie beside kcal, the food Calorie in
  a step about food (eating, burning, a diet, a meal), and otherwise declined as ambiguous;
- "hp" and "horsepower" are mechanical horsepower (745.7 W) unless written "metric horsepower" or "PS".
"""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.units._lexicon import SYSTEM_UNITS, UnitSpec

from agentkit.errors import ToolInputError

__all__ = ["Unreadable", "settle", "strip_system"]


class Unreadable(ToolInputError):
    """The step was read whole, but it asks for something the family will not answer (said why)."""


_SYSTEM_NAMES = r"(?:the )?(?:US|USA|United States|America|American|UK|Britain|British|United Kingdom|imperial|metric)"
_SYSTEM_PHRASE = re.compile(
    rf"(?:^(?:in|using|with|for) {_SYSTEM_NAMES}(?: (?:units|measures|measurements|system|customary))?,? "
    rf"|,? (?:in|using|with|for) {_SYSTEM_NAMES}(?: (?:units|measures|measurements|system|customary))?$"
    rf"|,? \((?:{_SYSTEM_NAMES})(?: (?:units|measures|measurements|system|customary))?\)$)",
    re.IGNORECASE)
_FOOD = re.compile(r"\b(?:food|foods|diet|dietary|dieting|eat|eats|ate|eaten|eating|meal|meals|snack|snacks|"
                   r"burn|burns|burned|burnt|burning|nutrition|nutritional|intake)\b", re.IGNORECASE)
_FOOD_UNIT = re.compile(r"\bfood calories?\b", re.IGNORECASE)
_US = {us for us, _, _, _ in SYSTEM_UNITS.values()}
_IMPERIAL = {imperial for _, imperial, _, _ in SYSTEM_UNITS.values() if imperial}
_WORD = {placeholder: words[0] for placeholder, (_, _, words, _) in SYSTEM_UNITS.items()}
_PROBE = {placeholder: us for placeholder, (us, _, _, _) in SYSTEM_UNITS.items()}
_PROBE.update({"~ounce": "ounce", "~horsepower": "horsepower", "~calorie": "calorie", "~cal": "calorie"})
_NEEDS_SYSTEM = {"~ton": "a short ton (2000 lb, US), a long ton (2240 lb, UK) or a metric ton (1000 kg)",
                 "~hundredweight": "a short hundredweight (100 lb, US) or a long hundredweight (112 lb, UK)"}


def strip_system(step: str) -> tuple[str, str | None]:
    """The step without a phrase naming a system for all of it ("in the UK", "(imperial)"), and that system."""
    match = _SYSTEM_PHRASE.search(step)
    if match is None:
        return step, None
    words = match.group().lower()
    system = "metric" if "metric" in words else "imperial" if re.search(r"uk|brit|kingdom|imperial", words) else "US"
    return (step[:match.start()] + step[match.end():]).strip(" ,"), system


def _units(spec: dict[str, Any]) -> list[UnitSpec]:
    found: list[UnitSpec] = []

    def walk(node: Any) -> None:
        if isinstance(node, list) and node and node[0] == "q":
            found.extend(unit for _, unit in node[1])
        elif isinstance(node, list) and node and node[0] in ("+", "-", "*", "/", "neg"):
            for child in node[1:]:
                walk(child)

    walk(spec.get("expr"))
    for part in (spec.get("parts") or {}).values():
        walk(part)
    found.extend(spec.get("target") or [])
    return found


def _kind(unit: UnitSpec) -> str:
    """``volume``, ``mass`` or ``other``, from pint's definitions of the (probed) unit names."""
    from agentkit.tools.units._compute import registry  # pint loads only when a step is settled

    dims: dict[str, Any] = {}
    for name, power in unit:
        for dim, exponent in registry().get_dimensionality(_PROBE.get(name, name)).items():
            dims[dim] = dims.get(dim, 0) + exponent * power
    dims = {dim: exponent for dim, exponent in dims.items() if exponent}
    return {(("[length]", 3),): "volume", (("[mass]", 1),): "mass"}.get(tuple(sorted(dims.items())), "other")


def settle(spec: dict[str, Any], step: str, named: str | None) -> dict[str, Any]:
    """Replace the placeholders of ``spec`` in place (see the module docstring) and add ``notes``.

    Args:
        spec: the grammar's spec, its units possibly placeholders.
        step: the step's words, for a food context.
        named: the system the step named for all of it (`strip_system`), if any.

    Raises:
        Unreadable: a unit that stays ambiguous; the reason names the readings.
    """
    units = _units(spec)
    names = {name for unit in units for name, _ in unit}
    if not any(name.startswith("~") for name in names):
        return spec
    notes: list[str] = list(spec.get("notes", []))
    kinds = [_kind(unit) for unit in units if not any(name == "~ounce" for name, _ in unit)]
    fluid = "volume" in kinds and "mass" not in kinds
    for unit in units:
        for pair in unit:
            if pair[0] == "~ounce":
                pair[0] = "~fluid_ounce" if fluid else "ounce"
                notes.append("ounces of a volume: fluid ounces" if fluid else "oz: the avoirdupois ounce")
    names = {name for unit in units for name, _ in unit}
    systems = ({"US"} if names & _US else set()) | ({"imperial"} if names & _IMPERIAL else set())
    if named:
        systems.add(named)
    for unit in units:
        for pair in unit:
            pair[0] = _settle_one(pair[0], systems, notes, step, names)
    spec["notes"] = list(dict.fromkeys(notes))
    return spec


def _settle_one(name: str, systems: set[str], notes: list[str], step: str, names: set[str]) -> str:
    if name in SYSTEM_UNITS:
        word = _WORD[name]
        if len(systems) > 1:
            raise Unreadable(f"the step names both {' and '.join(sorted(systems))} units: "
                             f"which {word} is meant?")
        system = next(iter(systems), None)
        us, imperial, _, _ = SYSTEM_UNITS[name]
        if system is None and name in _NEEDS_SYSTEM:
            raise Unreadable(f"'{word}' is ambiguous: {_NEEDS_SYSTEM[name]}; say which")
        if system == "metric":
            if name == "~ton":
                notes.append("metric, as the step names")
                return "metric_ton"
            if name == "~cup":
                notes.append("metric, as the step names")
                return "metric_cup"
            raise Unreadable(f"a metric {word} is not a unit; a US or an imperial {word}?")
        if system == "imperial" and name == "~cup":
            raise Unreadable("a UK cup is 250 mL in today's recipes or 284 mL (the imperial cup); say which")
        if system is None:
            notes.append("US customary: no system named")
            return us
        notes.append(f"{system}, as the step names")
        return us if system == "US" else imperial
    if name == "~horsepower":
        notes.append("hp: mechanical, 745.7 W")
        return "horsepower"
    if name in ("~calorie", "~cal"):
        if name == "~cal" or "kilocalorie" in names:
            notes.append("cal: the small calorie, 4.184 J")
            return "calorie"
        if _FOOD.search(_FOOD_UNIT.sub("", step)):
            notes.append("calories of food: food Calories")
            return "kilocalorie"
        raise Unreadable("'calories' is ambiguous: the small calorie (cal, 4.184 J) or the food Calorie "
                         "(kcal, 4184 J); write cal or kcal")
    return name
