"""Units requests as people type them in a chat, rephrased into the sentences the grammar reads whole.

`read` is tried only when the grammar does not read a step as written. It rewrites known chat forms into the
grammar's own frames and leaves every other word in place, so a word it does not know still makes the step
decline. Each convention it applies is named in the reading (the spec's ``notes``). The forms:

- politeness at the edges: ``pls``, ``thanks!``, ``cheers``, ``hi,``;
- a rounding clause at the end: ``to 2 decimal places``, ``, one decimal``, ``(2 decimals)``, ``round to 3 dp``,
  ``and round to 1 decimal place``, ``nearest whole number``, ``nearest tenth`` / ``hundredth`` (1 / 2 places),
  ``round to a whole number``, ``to the nearest km`` (only when km is the one unit asked; ``nearest degree`` only
  for a temperature): the value is rounded half away from
  zero, and the check holds the shown number within half a unit of its last place;
- motion stories (`_motion`): two of a distance, a speed and a time, the third asked (``a 3 hour drive at 65 mph,
  how many miles``, ``average speed if I cycle 30 km in 2 hours``, ``how long to walk 6 km at 5 km/h``);
- ``Q → U``, ``Q -> U``, ``Q = ? U``, ``Q is what in U``, ``Q, how many U is that``, ``Q, what's that in U``,
  ``give me Q in U``, ``what does Q come to in U``, ``the U equivalent of Q``, ``U value of Q``,
  ``how hot / fast / tall / heavy is Q in U``;
- ``5'11"`` and ``5 ft 10 in`` are feet and inches;
- a capital ``C`` or ``F`` standing alone is degrees Celsius or Fahrenheit (``25 C in F``);
- a temperature DIFFERENCE, when the words say so: ``a rise of 10 °C``, ``a 1.5 °C rise``, ``2 degrees of
  warming``, ``the temperature dropped 12 C``, ``the difference between 30 C and 10 C``. The quantity and the
  target become temperature differences (``10 delta °C → delta °F`` is 18, where ``10 °C → °F`` is 50);
- ``(decimal units)`` / ``using SI prefixes`` after a step in bytes says what the family reads anyway (kB = 1000 B);
- clock times (`_clock_chat`): ``add 2 hours to 14:50``, ``it's 8:40 now, what time will it be in 200 minutes``,
  ``half past nine in the morning plus 40 minutes``; a time without AM/PM is read on the 24-hour clock, said so;
- words around a quantity that never change it (`_context`): ``for my oven``, ``body temp``, ``energy of 1 eV``,
  ``I have 250 g of flour``, ``absolute zero``;
- quantities described instead of written (`_compound`): ``a 60 W bulb on for 5 hours``, ``a room 12 ft by 15 ft``,
  ``10,000 steps of 0.75 m each``, ``10 km at 4:30 per km``, ``how long to download 2 GB at 100 Mbit/s``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from agentkit.tools.units import _clock_chat, _compound, _context, _motion
from agentkit.tools.units._grammar import parse_step, parse_units

__all__ = ["MAX_PLACES", "read"]

MAX_PLACES = 12
TEMPERATURES = {"degree_Celsius": "delta_degree_Celsius", "degree_Fahrenheit": "delta_degree_Fahrenheit",
                "kelvin": "kelvin", "delta_degree_Celsius": "delta_degree_Celsius",
                "delta_degree_Fahrenheit": "delta_degree_Fahrenheit"}

_FLAGS = re.IGNORECASE
_POLITE = r"(?:please|pls|plz|thanks(?: a lot)?|thank you(?: very much)?|thx|ty|cheers)"
_LEADING = re.compile(r"^(?:(?:hi|hey|hello|ok|okay|so|quick question)\b[,!:]?\s+|(?:please|pls|plz)\s+)+", _FLAGS)
_TRAILING = re.compile(rf"(?:[\s,.!?]|\b{_POLITE}\b)+$", _FLAGS)

_WORD_PLACES = {"one": 1, "a single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PLACES = rf"(?P<places>\d{{1,2}}|{'|'.join(_WORD_PLACES)}) (?:decimal places?|decimals?|dp|places?)"
_ROUND_WORDS = (r"(?:to|rounded to|rounded off to|correct to|round to|round it to|round that to|give it to"
                r"|round off to|round the answer to|round the result to|rounding to|and round to|and round it to"
                r"|then round to|then round it to|and give it to)")
_AND = r"(?:,?\s*(?:and|then)\s+(?=round|give))"  # "convert 5 km to miles and round to 2 decimal places"
_ROUNDING = [
    re.compile(rf"(?P<inner>.+?)\s*(?:{_AND}|[,;?]\s*)?(?:\(\s*)?{_ROUND_WORDS} (?:the |an? )?{_PLACES}\s*\)?",
               _FLAGS),
    re.compile(rf"(?P<inner>.+?)\s*(?:[,;?]\s*|\(\s*){_PLACES}\s*\)?", _FLAGS),
    re.compile(rf"(?P<inner>.+?)\s*(?:{_AND}|[,;?]\s*)?(?:\(\s*)?(?:{_ROUND_WORDS} )?(?:the |an? )?nearest "
               r"(?P<nearest>whole number|integer|whole degree|degree|tenth|hundredth)\s*\)?", _FLAGS),
    re.compile(rf"(?P<inner>.+?)\s*(?:{_AND}|[,;?]\s*)?(?:\(\s*)?{_ROUND_WORDS} (?:an? )?"
               r"(?P<nearest>whole number|integer)\s*\)?", _FLAGS),
    # "to the nearest km": a whole number of the unit asked, only when it is the one unit asked
    re.compile(rf"(?P<inner>.+?)\s*(?:{_AND}|[,;?]\s*)?(?:\(\s*)?(?:{_ROUND_WORDS} )?(?:the )?nearest "
               r"(?P<unit>[a-z]+(?: [a-z]+)?)\s*\)?", _FLAGS),
]
_NEAREST_PLACES = {"tenth": 1, "hundredth": 2}

_BARE_DEGREE = re.compile(r"(?<![\w°'])(?:degrees? )?([CF])(?![\w°'])", _FLAGS)
_FEET_INCHES = [
    re.compile(r"(?<![\w.])(\d+) ?' ?(\d+(?:\.\d+)?) ?(?:\"|''|”)"),
    re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?(?:ft|feet|foot) (?:and )?(\d+(?:\.\d+)?) ?in\b(?= in | to |$|,)"),
    # "5 foot 9": a height in feet and a whole number of inches under 12, nothing after but the question
    re.compile(r"(?<![\w.])(\d) ?(?:ft|feet|foot) (1[01]|\d)(?=,| in | to |$)"),
]
_SI_NOTE = re.compile(r"\s*(?:\((?:decimal units|si units|si prefixes|si)\)|,? using si (?:prefixes|units))$",
                      _FLAGS)

# "(GB = 10^9 bytes)": the power of ten the family reads anyway, said; any other power declines the step
_POWER_NOTE = re.compile(r"\s*\(\s*(?:1 )?(?P<p>[kMGT])B\s*=\s*(?:10\s*\^\s*|1e)(?P<e>\d{1,2}) ?(?:bytes|B)\s*\)(?=[,?]|$)")
_SI_POWERS = {"k": 3, "M": 6, "G": 9, "T": 12}
_TEMP_UNIT = (r"(?:°\s?[CFK]|K|degrees? (?:celsius|celcius|centigrade|fahrenheit|farenheit)|celsius|celcius"
              r"|centigrade|fahrenheit|farenheit|kelvins?)")
_SUBJECT_WORDS = r"(?:(?:my|the|a|an|our|your|this|that) [a-z]+|it|mine)"
_TEMP = rf"-?\d+(?:\.\d+)?\s?{_TEMP_UNIT}"
_CHANGE = r"(?:rise|drop|fall|change|increase|decrease|difference|gap|swing|jump)"
_MOVED = (r"(?:rose|rises|dropped|drops|fell|falls|went up|went down|goes up|goes down|increased|increases"
          r"|decreased|decreases|changed|changes|warmed up|warmed|cooled down|cooled|climbed|jumped)")
_OFF_BY = r"(?:too (?:hot|cold|warm|cool|high|low)|hotter|colder|warmer|cooler|higher|lower|off)"
_DIFFERENCES = [
    re.compile(rf"(?:{_SUBJECT_WORDS} )?(?:runs|run|ran|is|are|was|reads|read|reading) (?P<t>{_TEMP}) {_OFF_BY}\b",
               _FLAGS),
    re.compile(rf"(?:{_SUBJECT_WORDS} )?(?:runs|run|ran) (?P<t>{_TEMP}) (?:hot|cold|warm|cool|high|low)\b", _FLAGS),
    re.compile(rf"(?:{_SUBJECT_WORDS} )?(?:is|are|was|reads|runs) off by (?P<t>{_TEMP})", _FLAGS),
    re.compile(rf"^(?:(?:it's|it is|its) )?(?P<t>{_TEMP}) (?:hotter|colder|warmer|cooler)(?: today| now| outside)?"
               r"(?: than (?:yesterday|before|usual|normal|average|last week|last year|inside|outside))?\b", _FLAGS),
    re.compile(rf"(?:an? |the )?(?:temperature )?{_CHANGE} (?:in temperature )?of (?P<t>{_TEMP})", _FLAGS),
    re.compile(rf"(?:an? |the )?(?P<t>{_TEMP}) (?:temperature )?(?:{_CHANGE}|of (?:warming|cooling))\b", _FLAGS),
]
_MOVED_BY = re.compile(
    rf"(?:if )?(?:the temperature|temperature|it) {_MOVED}(?: by)? (?P<t>{_TEMP})(?: overnight| today)?,? "
    rf"(?:how (?:much|many) (?P<u>.+?) is that(?: {_CHANGE})?|(?:what(?:'s| is)|whats|how much is) "
    rf"that in (?P<u2>.+)|in (?P<u3>.+))", _FLAGS)
_BETWEEN = re.compile(rf"(?:the )?(?:difference|gap) between (?P<a>{_TEMP}) and (?P<b>{_TEMP})", _FLAGS)


_INTO = r"(?:to|into|in|as)"
_FRAMES = [
    re.compile(r"(?P<q>.+?)\s*(?:→|->|=>|⇒|=\s*\?\s*(?:in )?|=\s*how (?:many|much)"
               r"|is equal to how (?:many|much)|(?:is|are|equals?) what in|makes? how many|come to in) ?(?P<u>.+)",
               _FLAGS),
    re.compile(r"(?P<q>[^,]+?),\s*(?:so )?(?:(?:what(?:'s| is| would be)|whats|how much is"
               r"|how (?:hot|cold|warm|fast|heavy|long|far|big|tall|high) is) (?:that|it|this) "
               rf"{_INTO} (?P<u2>.+)|how (?:hot|cold|warm|fast|heavy|long|far|big|tall|high) (?:in|into) (?P<u4>.+)|how (?:many|much) (?P<u>.+?)(?: (?:is that|is it|are they|is this"
               r"|are those|would that be|does that make|does it make|in total|total|altogether))?"
               rf"|{_INTO} (?P<u3>.+))", _FLAGS),
    re.compile(rf"(?:give me|tell me|show me|i need|i want|write) (?P<q>.+?) {_INTO} (?P<u>.+)", _FLAGS),
    re.compile(r"what (?:does|do|would) (?P<q>.+?) (?:come to|come out to|work out to|equal|make|convert to) "
               rf"{_INTO} (?P<u>.+)", _FLAGS),
    re.compile(r"(?:(?:what(?:'s| is)|whats) )?(?:the )?(?P<u>.+?) (?:equivalent|value) of (?P<q>.+)", _FLAGS),
    re.compile(r"how (?:hot|cold|warm|fast|slow|heavy|tall|long|far|big|high|deep|wide|large) (?:is|are) "
               rf"(?P<q>.+?) {_INTO} (?P<u>.+)", _FLAGS),
]


def read(text: str, previous: str | None = None) -> dict[str, Any] | None:
    """The spec of a chat step the family reads whole after rephrasing it, or None.

    Raises:
        Unreadable: the rephrased step mixes units the family will not convert (as `parse_step`).
    """
    original = step = " ".join(text.replace("’", "'").split())
    step = _TRAILING.sub("", _LEADING.sub("", step))
    clock = _clock_chat.read(step, previous)
    if clock is not None:
        return clock
    notes: list[str] = []
    places, nearest = _rounding(step)
    if places is not None:
        step = places[0]
        notes.append(f"rounded half away from zero to {places[1]} decimal place{'s' * (places[1] != 1)}"
                     if places[1] else "rounded half away from zero to a whole number")
    if "byte" in step.lower() or re.search(r"\d ?[kMGT]B\b", step):
        step = _SI_NOTE.sub("", step)
        power = _POWER_NOTE.search(step)
        if power is not None:
            if int(power["e"]) != _SI_POWERS[power["p"]]:
                return None  # "(GB = 2^30 bytes)" or a wrong power: not the reading the family makes
            step = _TRAILING.sub("", step[:power.start()] + step[power.end():])
            notes.append(f"{power['p']}B = 10^{power['e']} bytes, as the step says")
    for pattern in _FEET_INCHES:
        step = pattern.sub(r"\1 ft \2 inch", step)
    degrees = _BARE_DEGREE.sub(_degree_letter, step)
    if degrees != step:
        step = degrees
        notes.append("C, F: degrees Celsius, Fahrenheit")
    step, difference = _difference(step)
    spec = _parse(step, previous, tried=step == original)
    if spec is None and not difference:
        spec = _motion.read(step)
    if spec is None:
        step, named = _context.rephrase(step)
        step, described = _compound.rephrase(step)
        if described:
            step, renamed = _context.rename(step)
            named += renamed
        spec = _parse(step, previous, tried=False) if named or described else None
        if spec is None and named and not described and not difference:
            spec = _motion.read(step)  # a constant in a motion story ("a marathon at 12 km/h, how long")
        notes += [*named, *described]
    if spec is None or spec["operation"] in ("clock_shift", "clock_between"):
        return None
    if difference and not _as_difference(spec):
        return None
    if difference:
        notes.append("a temperature difference, not a temperature")
    if places is not None:
        if nearest == "degree" and not _temperature_target(spec):
            return None
        if nearest is not None and nearest.startswith("unit:"):
            named = parse_units(nearest[5:])
            if not named or len(named) != 1 or [list(map(list, named[0]))] != [list(map(list, t)) for t in spec.get(
                    "target") or []]:
                return None  # "to the nearest km" rounds only an answer in km
        spec["places"] = places[1]
    spec["notes"] = [*spec.get("notes", []), *notes]
    return spec


def _degree_letter(match: re.Match[str]) -> str:
    """``°C`` for a capital ``C`` alone or ``degrees c``; a lone small ``c`` stays (a cup, in recipes)."""
    spelled = match[0][0] in "dD"
    return "°" + match[1].upper() if spelled or match[1].isupper() else match[0]


def _rounding(step: str) -> tuple[tuple[str, int] | None, str | None]:
    for pattern in _ROUNDING:
        match = pattern.fullmatch(step)
        if match is None:
            continue
        if "unit" in pattern.groupindex:
            return (match["inner"], 0), "unit:" + match["unit"]
        if "nearest" in pattern.groupindex:
            nearest = match["nearest"].lower()
            if nearest in _NEAREST_PLACES:
                return (match["inner"], _NEAREST_PLACES[nearest]), None
            return (match["inner"], 0), ("degree" if "degree" in nearest else "number")
        count = match["places"].lower()
        places = _WORD_PLACES.get(count) or int(count)
        return ((match["inner"], places), None) if places <= MAX_PLACES else (None, None)
    return None, None


def _difference(step: str) -> tuple[str, bool]:
    """The step with a temperature difference written as its quantity, and whether there was one."""
    match = _MOVED_BY.fullmatch(step)
    if match is not None:
        unit = match["u"] or match["u2"] or match["u3"]
        return f"how many {unit} is {match['t']}", True
    match = _BETWEEN.search(step)
    if match is not None:
        gap = _gap(match["a"], match["b"])
        if gap is None:
            return step, False
        return step[:match.start()] + gap + step[match.end():], True
    for pattern in _DIFFERENCES:
        match = pattern.search(step)
        if match is not None:
            return step[:match.start()] + match["t"] + step[match.end():], True
    return step, False


def _gap(first: str, second: str) -> str | None:
    """``|b - a|`` with the unit, for two temperatures written with the same unit; else None."""
    pattern = re.compile(rf"(?P<n>-?\d+(?:\.\d+)?)\s?(?P<u>{_TEMP_UNIT})", _FLAGS)
    a, b = pattern.fullmatch(first), pattern.fullmatch(second)
    if a is None or b is None or a["u"].lower().replace(" ", "") != b["u"].lower().replace(" ", ""):
        return None
    try:
        size = abs(Decimal(b["n"]) - Decimal(a["n"]))
    except InvalidOperation:
        return None
    return f"{size} {a['u']}"


# "a marathon is 42.195 km, how many miles is that": a few words that only name the quantity, a linking verb
_NAMED_QUANTITY = re.compile(
    r"(?P<ctx>(?:[a-z']+ ){1,5}?)(?:is at|are at|runs at|run at|is set at|is set to|are set to|sits at|boils at"
    r"|freezes at|melts at|is rated at|can do|tops out at|is|are|was|weighs|weigh|measures|reads|has|have|holds"
    r"|hold|does|draws|uses)"
    r" (?P<q>.+?)(?: long| tall| high| wide| deep)?,\s*(?:how (?:many|much) (?P<u>.+?)(?: is that)?|(?:what(?:'s| is)"
    r"|whats|how much is|how (?:hot|cold|warm|fast|heavy|long|far|big|tall) is) that in (?P<u2>.+)|in (?P<u3>.+))",
    _FLAGS)
_NOT_A_NAME = re.compile(rf"\b(?:{_CHANGE[3:-1]}|warmer|colder|hotter|cooler|more|less|extra|each|per|too|total"
                         r"|times|twice|half|double|not|no|about|around|roughly|approximately"
                         r"|gold|silver|platinum|palladium|bullion|coin|coins)\b", _FLAGS)  # troy ounces


def _parse(step: str, previous: str | None, *, tried: bool) -> dict[str, Any] | None:
    """``step`` read by the grammar (unless it was ``tried`` already, as written), else through a chat frame."""
    spec = None if tried else parse_step(step, previous)
    if spec is not None:
        return spec
    named = _NAMED_QUANTITY.fullmatch(step)
    if named is not None and not _NOT_A_NAME.search(named["ctx"]):
        unit = named["u"] or named["u2"] or named["u3"]
        spec = parse_step(f"{named['q']} to {unit}", previous)
        if spec is not None and spec["operation"] == "convert":
            return spec
    for frame in _FRAMES:
        match = frame.fullmatch(step)
        if match is None:
            continue
        slots = {k.rstrip("234"): v for k, v in match.groupdict().items() if v}
        if "q" in slots and "u" in slots:
            spec = parse_step(f"{slots['q']} to {slots['u']}", previous)
            if spec is not None and spec["operation"] in ("convert", "arithmetic"):
                return spec
    return None


def _as_difference(spec: dict[str, Any]) -> bool:
    """Rewrite a one-temperature conversion as one between temperature differences; False if it is not one."""
    expr, target = spec.get("expr"), spec.get("target") or []
    if spec["operation"] != "convert" or expr[0] != "q" or len(expr[1]) != 1 or len(target) != 1:
        return False
    (amount, unit), = expr[1]
    if len(unit) != 1 or unit[0][0] not in TEMPERATURES or len(target[0]) != 1:
        return False
    if target[0][0][0] not in TEMPERATURES:
        return False
    spec["expr"] = ["q", [[amount, [[TEMPERATURES[unit[0][0]], 1]]]]]
    spec["target"] = [[[TEMPERATURES[target[0][0][0]], 1]]]
    return True


def _temperature_target(spec: dict[str, Any]) -> bool:
    target = spec.get("target") or []
    return len(target) == 1 and len(target[0]) == 1 and target[0][0][0] in TEMPERATURES
