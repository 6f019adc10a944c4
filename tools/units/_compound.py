"""Quantities people describe instead of writing: a rate for a time, a room's sides, a count of equal parts, a pace.

`rephrase` finds one such description in a chat step and writes it as the product or quotient it means, in
brackets, so that the rest of the step is read by the usual frames (every other word must still be explained):

- a rate for a time: ``a 60 W bulb on for 5 hours`` is ``(60 W * 5 h)``; ``drive at 60 mph for 2.5 hours`` is
  ``(60 mph * 2.5 h)``; the time must be a time and the product something that adds up (`_ACCUMULATED`: energy
  from a power, distance from a speed, a volume or mass from a flow, data from a data rate, charge from a
  current), never an acceleration for a time;
- sides: ``a room 12 ft by 15 ft`` / ``12 by 15 ft`` / ``12 ft x 15 ft x 8 ft`` is ``(12 ft * 15 ft)``, every side a
  length (a bare first number takes the unit of the next);
- equal parts: ``10,000 steps of 0.75 m each`` is ``(10000 * 0.75 m)``, ``a 45 minute meeting 6 times`` is
  ``(6 * 45 minute)``, ``three 20 minute sessions``, ``a 40 minute walk twice``; the count is a whole number; without ``each``, only the counted things named in
  `_COUNTED`;
- a distance at a pace: ``run 10 km at 4:30 per km`` is ``(10 km * (4 min 30 s) / (1 km))`` (``M:SS`` is minutes
  and seconds), or at a speed, ``(10 km / (12 km/h))``;
- a download: ``how long to download 2 GB at 100 Mbit/s`` is ``(2 GB / (100 Mbit/s))``, sizes in bits or bytes.

Each rewrite is checked against the dimensions its words claim before it is offered; the computation itself
is the family's usual exact arithmetic, checked leaf by leaf in base units.

    >>> rephrase("1,500 W for 2 hours is how many kWh")
    ('(1500 W * 2 hours) is how many kWh', ['a rate for a time: their product'])
"""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.units._grammar import Unreadable, parse_quantity

__all__ = ["rephrase"]

_FLAGS = re.IGNORECASE
_Q = r"(?:[^,()]|,(?=\d{3}\b))+?"  # a quantity's words: no comma but a thousands separator
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "a dozen": 12}
_SAID_COUNT = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{'|'.join(_COUNT_WORDS)})"
# things counted in equal parts when "each" is not said; every word here names one part, never a measure
_COUNTED = ("steps|strides|laps|lengths|bags|boxes|bottles|cans|jars|cartons|packs|packets|sacks|pieces|planks"
            "|boards|tiles|bricks|doses|servings|tablets|pills|trips|runs|loads|batches|episodes|sessions|meetings"
            "|classes|lessons|songs|videos|files|calls|shifts|sets|reps|rounds")
_SHARES = r"(?:percent|percents|percentage|pct|per|times|fractions?|halves|thirds|quarters|tenths)"
_EVENT = ("meeting|class|lesson|session|episode|song|video|call|shift|run|walk|lap|trip|commute|drive|ride|workout"
          "|flight|podcast|concert|nap|journey"
          "|lecture|break|nap|show|film|movie|game|match")
_DEVICE = (r"(?:bulb|light|lamp|heater|kettle|oven|microwave|fridge|freezer|fan|tv|television|computer|pc|laptop"
           r"|charger|motor|engine|pump|appliance|device|hair dryer|dryer|washer|toaster|iron|radiator|panel"
           r"|solar panel|car|train|bus|bike|plane|boat)")
_ON = r"(?:on|running|left on|switched on|in use|used|working|going|driving|travelling|traveling|moving|cruising)"
_MOTION = (r"(?:drive|drives|drove|travel|travels|travelled|traveled|go|goes|went|ride|rides|rode|cycle|cycles"
           r"|fly|flies|flew|sail|sails|walk|walks|run|runs|ran|jog|jogs|swim|swims|hike|hikes)")
_ROUND = r"(?:track|pool|loop|lap|course|circuit|route|block|field|park|lake)"  # "5 laps of a 400 m track"
_MOVING = r"(?:doing|going|moving|travelling|traveling|driving|cruising|flying|sailing|riding|running|walking)"
_DATA_THING = r"(?:file|video|movie|film|game|update|download|backup|album|song|photo|folder|archive|iso|image)"
_GOING = r"(?:running|walking|jogging|cycling|riding|swimming|hiking|driving)"
_OUTING = r"(?:run|race|walk|ride|hike|swim|trip|drive|loop|course|route|journey)"
_WHO = r"(?:if )?(?:i|you|we|he|she|they|a car|a train|a bus|a cyclist|a runner|a plane|a boat|the car|the train)"
_SIDE_NOUN = (r"(?:room|floor|wall|garden|yard|lawn|plot|lot|field|rug|carpet|table|desk|board|sheet|patio|deck"
              r"|kitchen|bedroom|office|tile|window|door|box|tank|pool|court|pitch|terrace|balcony)")
_BY = r"(?: by | x | × | \* )"
_TRANSFER = r"(?:download|upload|transfer|copy|send|move|back up|stream|sync)"
_PACE = re.compile(r"(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?: ?min(?:utes)?)?(?: per | ?/ ?)(?P<u>[a-z]+)", _FLAGS)

_ASK_UNIT = r"(?:,? in (?P<u2>[^,]+))?"
# whole steps: (pattern, what they describe, the note); the rest of the step is the question
_STORIES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"(?:(?:{_WHO} )?{_MOTION} |(?:(?:an?|the|my) [a-z]+ )?{_MOVING} )?(?:at )?(?P<r>{_Q}) for (?P<t>{_Q}),?"
                r" how (?:far|many (?P<u>[^,]+?))"
                r"(?: (?:do|does|did|will|would|can) (?:i|you|we|it|they|he|she) (?:go|get|travel|drive|cover|ride"
                rf"|fly|walk|run|cycle|sail))?(?: in total| altogether)?{_ASK_UNIT}", _FLAGS),
     "rate*time", "a speed for a time: the distance"),
    (re.compile(rf"(?:(?:{_WHO} )?{_MOTION} |{_GOING} )?(?:an? )?(?P<d>{_Q})(?: {_OUTING})? at (?:an? )?(?P<p>{_Q})"
                r"(?: pace)?,? (?:(?:what(?:'s| is)|whats|how long is) (?:my|the|your|their|his|her) "
                r"(?:total |finishing |finish |overall )?time"
                r"|how long (?:does it|will it|would it|did it|will that|does that) take(?: (?:me|you|them|her|him))?"
                r"|how (?:many|much) (?P<u>[^,]+?)(?: (?:does it|will it|would it|did it|will that) take"
                rf"(?: (?:me|you|them|her|him))?)?|total(?: time)?(?: in)?(?: (?P<u3>[^,]+))?){_ASK_UNIT}", _FLAGS),
     "pace", "a distance at a pace (time per distance) or at a speed: the time"),
    (re.compile(rf"how long (?:does it take |will it take |would it take |is it )?(?:(?:me|you|us|her|him|them) )?to "
                rf"{_MOTION} (?:an? )?(?P<d>{_Q})(?: {_OUTING})? at (?:an? )?(?P<p>{_Q})(?: pace)?{_ASK_UNIT}", _FLAGS),
     "pace", "a distance at a pace (time per distance) or at a speed: the time"),
    (re.compile(rf"(?:how long|how (?:many|much) (?P<u>[^,]+?)|(?:the )?time) (?:does it take |will it take "
                rf"|would it take |is it |is needed |needed |it takes |)to {_TRANSFER} (?:an? )?(?P<d>{_Q})"
                rf"(?: {_DATA_THING})? (?:at|over|on|with) (?:an? )?(?P<r>{_Q})(?: connection| link| line)?{_ASK_UNIT}",
                _FLAGS), "transfer", "a size at a data rate: the time"),
    (re.compile(rf"how (?:many (?P<u>[^,]+?)|much (?:energy|power|electricity)(?: in (?P<u3>[^,]+?))?) (?:does|do|will"
                rf"|would|did) (?:an? |the |my )?(?P<r>{_Q})(?: {_DEVICE})? (?:use|consume|draw|need|take) "
                rf"(?:in|over|for|during) (?P<t>{_Q}){_ASK_UNIT}", _FLAGS),
     "rate*time", "a rate for a time: their product"),
]
_FOLLOWS = r"(?=,| is | in | to | uses | use | consumes | draws | equals |$)"
# descriptions inside a step: (pattern, what they describe, the note); the match becomes the bracket
_DESCRIPTIONS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"(?:an? |the )?(?P<r>{_Q})(?: {_DEVICE})?(?: {_ON})? (?:for|over) (?P<t>{_Q}){_FOLLOWS}", _FLAGS),
     "rate*time", "a rate for a time: their product"),
    (re.compile(rf"(?:(?:an? |the |my )?{_SIDE_NOUN} (?:is |measures |measuring |of |that is |that's )?|an? )?"
                rf"(?P<a>{_Q}){_BY}(?P<b>{_Q})(?:{_BY}(?P<c>{_Q}))?(?: {_SIDE_NOUN})?{_FOLLOWS}", _FLAGS),
     "sides", "sides multiplied"),
    (re.compile(rf"{_COUNT} (?P<noun>[a-z]+) (?:of|at|around) (?:an? |the )?(?P<q>{_Q})(?: {_ROUND})?"
                rf"(?P<each> each| apiece)?{_FOLLOWS}", _FLAGS),
     "count", "a count of equal parts: their sum"),
    (re.compile(rf"(?:an? )?(?P<q>{_Q})(?: (?:{_EVENT}))? {_COUNT} times{_FOLLOWS}", _FLAGS),
     "count", "a count of equal parts: their sum"),
    (re.compile(rf"{_COUNT} times (?:an? )?(?P<q>{_Q})(?: (?:{_EVENT}))?{_FOLLOWS}", _FLAGS),
     "count", "a count of equal parts: their sum"),
    (re.compile(rf"(?:an? )?(?P<q>{_Q})(?: (?:{_EVENT}))? (?P<n>twice)(?=,| in |$)", _FLAGS),
     "count", "a count of equal parts: their sum"),
    (re.compile(rf"{_SAID_COUNT} (?P<q>{_Q}) (?:{_EVENT})s{_FOLLOWS}", _FLAGS),
     "count", "a count of equal parts: their sum"),
]
# after the rewrite, a verb of use asks what the bracket comes to
_USES = re.compile(r"\) (?:uses|use|consumes|consume|draws|draw) how (many|much)", _FLAGS)


def _read(text: str) -> list[Any] | None:
    try:
        return parse_quantity(text.strip())
    except Unreadable:
        return None


def _unit_names(expr: list[Any]) -> list[tuple[str, int]]:
    return [(name, power) for _, unit in expr[1] for name, power in unit] if expr and expr[0] == "q" else []


def _dims(expr: list[Any] | None) -> dict[str, int] | None:
    """The base dimensions of one quantity, information (bits, bytes) counted as its own dimension."""
    if expr is None or expr[0] != "q":
        return None
    from agentkit.tools.units._compute import registry

    dims: dict[str, int] = {}
    for name, power in _unit_names(expr)[:len(expr[1][0][1])]:
        found = {"[information]": 1} if name.endswith(("bit", "byte")) else registry().get_dimensionality(name)
        for dim, exponent in dict(found).items():
            dims[dim] = dims.get(dim, 0) + int(exponent) * power
    return {dim: exponent for dim, exponent in dims.items() if exponent}


_TIME = {"[time]": 1}
# what a rate for a time adds up to: energy (power), distance (speed), volume and mass (flows), data, charge
_ACCUMULATED = [{"[length]": 2, "[mass]": 1, "[time]": -2}, {"[length]": 1}, {"[length]": 3}, {"[mass]": 1},
                {"[information]": 1}, {"[current]": 1, "[time]": 1}]
_LENGTH = {"[length]": 1}


def _pace(text: str) -> str | None:
    """``4:30 per km`` (minutes and seconds per a unit of length) as ``(4 min 30 s) / (1 km)``, else None."""
    match = _PACE.fullmatch(text.strip())
    if match is None or _dims(_read(f"1 {match['u']}")) != _LENGTH:
        return None
    return f"({int(match['m'])} min {match['s']} s) / (1 {match['u']})"


def _described(kind: str, match: re.Match[str]) -> str | None:
    """The bracketed quantity a description means, or None when its slots are not what the words claim."""
    slots = {k: v for k, v in match.groupdict().items() if v is not None}
    if kind == "rate*time":
        rate, time = _dims(_read(slots["r"])), _dims(_read(slots["t"]))
        if rate is None or time != _TIME:
            return None
        total = {**rate, "[time]": rate.get("[time]", 0) + 1}
        if {dim: power for dim, power in total.items() if power} not in _ACCUMULATED:
            return None  # not a rate of something that adds up (an acceleration for a time is no distance)
        return f"({slots['r']} * {slots['t']})"
    if kind == "sides":
        sides = [slots[k] for k in "abc" if k in slots]
        if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", sides[0]):
            unit = re.fullmatch(r"\s*[\d.,]+\s*(.+)", sides[1])
            sides[0] = f"{sides[0].strip()} {unit[1]}" if unit else sides[0]
        if any(_dims(_read(side)) != _LENGTH for side in sides):
            return None
        return "(" + " * ".join(side.strip() for side in sides) + ")"
    if kind == "count":
        if "noun" in slots and "each" not in slots and not re.fullmatch(_COUNTED, slots["noun"], _FLAGS):
            return None
        if "noun" in slots and re.fullmatch(_SHARES, slots["noun"], _FLAGS):
            return None  # "10 percent of 5 km each" is a share, not ten parts
        if _dims(_read(slots["q"])) is None:
            return None
        count = slots["n"].lower()
        count = str(_COUNT_WORDS.get(count, 2 if count == "twice" else count)).replace(",", "")
        return f"({count} * {slots['q']})"
    if kind == "pace":
        if _dims(_read(slots["d"])) != _LENGTH:
            return None
        spelled = _pace(slots["p"])
        if spelled is not None:
            return f"({slots['d']} * {spelled})"
        dims = _dims(_read(slots["p"]))
        if dims == {"[time]": 1, "[length]": -1}:
            return f"({slots['d']} * {slots['p']})"
        if dims == {"[length]": 1, "[time]": -1}:
            return f"({slots['d']} / ({slots['p']}))"
        return None
    size, rate = _read(slots["d"]), _read(slots["r"])
    if _dims(size) != {"[information]": 1} or _dims(rate) != {"[information]": 1, "[time]": -1}:
        return None
    return f"({slots['d']} / ({slots['r']}))"


def rephrase(step: str) -> tuple[str, list[str]]:
    """``step`` with the first description it holds written as a bracketed quantity, and the note; else as is."""
    for pattern, kind, note in _STORIES:
        match = pattern.fullmatch(step)
        if match is not None and (quantity := _described(kind, match)) is not None:
            quantity = _THOUSANDS.sub("", quantity)
            unit = match["u2"] or match.groupdict().get("u") or match.groupdict().get("u3")
            if kind == "pace" and unit is None and " * " in quantity:
                unit = "minutes"  # a pace's time, unasked in a unit, in minutes (a pace is written per minute)
            return quantity + (f" in {unit}" if unit else ""), [note]
    starts = [0, *(m.end() for m in re.finditer(r" ", step))]
    for pattern, kind, note in _DESCRIPTIONS:
        for start in starts:
            match = pattern.match(step, start)
            if match is None or (quantity := _described(kind, match)) is None:
                continue
            quantity = _THOUSANDS.sub("", quantity)
            rewritten = _USES.sub(r") is how \1", step[:start] + quantity + step[match.end():])
            return rewritten, [note]
    return step, []
