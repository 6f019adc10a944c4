"""Motion stories: two of a distance, a speed and a time given, the third asked, as people say it in a chat.

`read` finds the facts and the question of one step and writes it as the grammar's own frame (``speed for D in
T``, ``how far do you travel at S for T``, ``how long does it take to travel D at S``), so the answer is the
family's usual exact computation, checked by its usual reverse computation in base units. The forms:

- the facts: an optional subject (``I``, ``a car``, ``the train``, ``if you``), an optional verb of motion
  (`_VERBS`), then two quantities: the first bare or after ``at``/``for``/``in``/``over`` (``drive 120 km in
  1.5 hours``, ``at 50 km/h for 3 hours``, ``in 4 hours at 70 mph``), or ``a T drive`` / ``a D trip``
  (`_OUTINGS`) for the first; every quantity must read whole, and its dimension says its role: ``at`` only a
  speed, ``in`` only a time, ``for``/``over``/bare a distance or a time (``drive 90 minutes at 60 km/h``); a
  speed after ``at`` may say ``an hour`` for per hour (``at 60 miles an hour``); ``in an hour`` is a time of 1
  hour, ``in half an hour`` 30 minutes; ``a ride of 20 km`` is the distance of the ride;
- the question, before the facts (``how far do I go at ...``, ``average speed if I drive ...``, ``how long to
  walk ...``), after them (``..., how many miles``, ``... takes how many hours``, ``..., what's its speed in
  km/h``) or between the two quantities (``at 80 km/h how far in 2.5 hours``); ``far``/``distance`` ask the
  distance, ``fast``/``speed`` the speed, ``long``/``time`` the time, and ``how many U`` whichever the unit
  measures. The question must ask the quantity the facts leave out; two of one role, or a unit that
  measures the wrong thing, decline;
- the unit asked (``in mph``, ``how many km``), else the natural one: a speed per hour for km or miles (``5 km
  in 25 minutes`` is 12 km/h), per second for metres or feet; a distance in the speed's length; a time in the
  speed's time.

    >>> read("a 3 hour drive at 65 mph, how many miles")["operation"]
    'distance'
"""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.units._grammar import Unreadable, parse_quantity, parse_step

__all__ = ["read"]

_FLAGS = re.IGNORECASE
_PRONOUN = r"(?:i|you|u|we|he|she|they|it|one)"
_SUBJECT = (rf"(?:(?:if|when|say) )?(?:{_PRONOUN}|(?:a|an|the|my|our|his|her|their|your) "
            r"(?:car|train|bus|truck|lorry|bike|bicycle|cyclist|runner|walker|jogger|driver|plane|jet|boat|ship"
            r"|ferry|hiker|swimmer|person|man|woman|kid|child|dog|horse|motorbike|motorcycle|scooter|van|taxi))")
_VERBS = (r"(?:drive|drives|drove|driving|travel|travels|travelled|traveled|travelling|traveling|go|goes|went"
          r"|going|cover|covers|covered|covering|run|runs|ran|running|walk|walks|walked|walking|cycle|cycles"
          r"|cycled|cycling|ride|rides|rode|riding|fly|flies|flew|flying|sail|sails|sailed|sailing|jog|jogs"
          r"|jogged|jogging|hike|hikes|hiked|hiking|bike|bikes|biked|biking|swim|swims|swam|swimming|move|moves|moved|moving|do|does|did"
          r"|doing|commute|commutes|commuted|commuting|average|averages|averaged|averaging|is going|was going|are going|is travelling|is traveling"
          r"|was travelling|was traveling|is moving|is driving)")
_OUTINGS = (r"(?:drive|trip|journey|run|walk|ride|flight|hike|jog|swim|commute|cycle|bike ride|car ride|sail"
            r"|voyage|road trip|route|race)")
_WHO = rf"(?:{_PRONOUN}|(?:a|an|the|my|our|his|her|their|your) [a-z]+)"
_HOW = (rf"(?: (?:do|does|did|will|would|can|could|should|must) {_WHO} (?:{_VERBS}|get|be)"
        rf"| (?:do|does|did|would|will) {_WHO} need(?: to (?:{_VERBS}|be going|be travelling|be traveling))?"
        rf"| (?:is|was|are|were|am) (?:{_PRONOUN}|that|the [a-z]+) {_VERBS}"
        r"| (?:does|will|would|did) (?:it|that|this) take(?: (?:me|you|him|her|them|us))?| is that| is it| was it"
        r"| was that| in total| altogether| on average| total| overall| needed| taken| travelled| traveled"
        r"| covered| driven| gone)*")
# what is asked: (pattern, the role it asks, or None when the unit says which)
_ASKS = [
    ((rf"how far{_HOW}|(?:(?:what(?:'s| is| was)|whats|find) )?(?:the )?(?:total )?distance{_HOW}"
      rf"|how much distance{_HOW}"), "distance"),
    ((rf"how fast{_HOW}|(?:(?:what(?:'s| is| was)|whats|find|calculate) )?"
      rf"(?:(?:the|my|its|his|her|their|your|our) )?"
      rf"(?:average |avg |mean )?speed{_HOW}|(?:at )?what (?:average )?speed{_HOW}"), "speed"),
    ((rf"how long{_HOW}|(?:(?:what(?:'s| is| was)|whats|find) )?(?:the )?(?:total |travel |journey )?time{_HOW}"
      rf"|how much time{_HOW}"), "time"),
    (rf"(?:(?:takes?|took|does it take|will it take) )?how (?:many|much) (?P<unit>[a-z/ ]+?){_HOW}", None),
]
_ASK = "|".join(f"(?:{pattern})" for pattern, _ in _ASKS)
_Q = r"\d(?:[^,]|,(?=\d{3}\b))*?"  # a quantity: starts with a digit, no comma but a thousands separator
_FIRST = (rf"(?:(?P<p1>at|for|in|over|within) |(?:an? |the |my )?{_OUTINGS} of )?(?:an? )?(?P<q1>{_Q})"
          rf"(?P<o1> {_OUTINGS})?")
_SECOND = rf"(?P<p2>at|for|in|over|within) (?:an? |a speed of |an average speed of |an average of )?(?P<q2>{_Q})"
_FACTS = rf"(?:{_SUBJECT} )?(?:{_VERBS} )?{_FIRST},? {_SECOND}"
_UNIT = r"(?:,? in (?P<u>[a-z/ ]+))?"
_TAKES = r"(?:(?:it )?(?:takes?|took|will take|would take|does it take) )?"  # "... takes how long"
_BARE_SECOND = _SECOND.replace("(?P<p2>at|for|in|over|within) ", "(?P<p2>)")
_STEPS = [
    re.compile(rf"(?P<ask>{_ASK}),? (?:(?:if|when|for|to|is|of) )?{_FACTS}{_UNIT}", _FLAGS),
    re.compile(rf"{_FACTS},? (?:so )?{_TAKES}(?P<ask>{_ASK}){_UNIT}", _FLAGS),
    re.compile(rf"(?:{_SUBJECT} )?(?:{_VERBS} )?{_FIRST},? (?P<ask>{_ASK}),? {_SECOND}{_UNIT}", _FLAGS),
    # "at 60 mph, how long to go 90 miles"
    re.compile(rf"{_FIRST},? (?P<ask>{_ASK}) to {_VERBS} {_BARE_SECOND}{_UNIT}", _FLAGS),
    # "how long will a 120 km trip take at 80 km/h"
    re.compile(rf"(?P<ask>how long|how many (?P<unit2>[a-z]+)) (?:will|would|does|did) (?:an? |the |my |your )?"
               rf"{_FIRST} take(?: (?:me|you|him|her|them|us))? {_SECOND}{_UNIT}", _FLAGS),
]
_AN_HOUR = re.compile(r"\b(miles?|kilomet(?:er|re)s?|km|knots?|met(?:er|re)s?) an hour$", _FLAGS)
_AN_HOUR_LONG = re.compile(r"\b(in|for|within) (half )?an hour\b", _FLAGS)  # "in an hour": a time of 1 hour
_ROLE_DIMS = {"distance": {"[length]": 1}, "speed": {"[length]": 1, "[time]": -1}, "time": {"[time]": 1}}
# the prepositions a role may follow (None: bare, or "a 3 hour drive")
_PREPOSITIONS = {"distance": {None, "for", "over"}, "speed": {"at"}, "time": {None, "for", "over", "in", "within"}}
_PER_HOUR = {"kilometer": "km/h", "mile": "mph", "meter": "m/s", "foot": "ft/s"}
_NOTES = {"speed": "a motion story: speed = distance ÷ time", "distance": "a motion story: distance = speed × time",
          "time": "a motion story: time = distance ÷ speed"}


def _dims(text: str) -> tuple[list[Any], dict[str, int]] | None:
    """One quantity read whole, and its base dimensions; None when it is not one quantity."""
    from agentkit.tools.units._compute import registry

    try:
        expr = parse_quantity(text.strip(), settled=False)
    except Unreadable:
        return None
    if expr is None or expr[0] != "q":
        return None
    found = []
    for _, unit in expr[1]:  # every part of a mixed quantity ("1 hour 15 minutes") of one dimension
        dims: dict[str, int] = {}
        for name, power in unit:
            for dim, exponent in dict(registry().get_dimensionality(name)).items():
                dims[dim] = dims.get(dim, 0) + int(exponent) * power
        found.append({dim: exponent for dim, exponent in dims.items() if exponent})
    return (expr, found[0]) if all(dims == found[0] for dims in found) else None


def _role(dims: dict[str, int]) -> str | None:
    return next((role for role, wanted in _ROLE_DIMS.items() if wanted == dims), None)


def read(step: str) -> dict[str, Any] | None:
    """The spec of a motion story (a speed, distance or travel-time frame of the grammar), or None."""
    step = _AN_HOUR_LONG.sub(lambda m: f"{m[1]} {'30 minutes' if m[2] else '1 hour'}", step)
    for pattern in _STEPS:
        match = pattern.fullmatch(step)
        if match is not None:
            return _spec(match)
    return None


def _spec(match: re.Match[str]) -> dict[str, Any] | None:
    given: dict[str, tuple[str, list[Any]]] = {}
    for quantity, preposition in ((match["q1"], match["p1"]), (match["q2"], match["p2"] or None)):
        if preposition == "at":  # "60 miles an hour" is a speed: a length per hour
            quantity = _AN_HOUR.sub(r"\1 per hour", quantity)
        read_ = _dims(quantity)
        role = _role(read_[1]) if read_ else None
        if role is None or role in given or preposition not in _PREPOSITIONS[role]:
            return None
        given[role] = (quantity.strip(), read_[0])
    if match["o1"] is not None and match["p1"] is not None:
        return None  # "at a 3 hour drive" says nothing
    asked = next(role for role in _ROLE_DIMS if role not in given)
    unit = match["u"]
    named = re.fullmatch(_ASK, match["ask"], _FLAGS)
    said = next((role for pattern, role in _ASKS if re.fullmatch(pattern, match["ask"], _FLAGS)), None)
    if named is None:
        return None
    if named["unit"] is not None:
        if unit is not None:
            return None  # "how many km ... in miles" asks twice
        unit = named["unit"].strip()
        unit_dims = _dims(f"1 {unit}")
        said = _role(unit_dims[1]) if unit_dims else None
    if said != asked:
        return None
    if unit is not None and (_role(_dims(f"1 {unit}")[1]) if _dims(f"1 {unit}") else None) != asked:
        return None  # "how far ... in kg": the unit measures something else
    if asked == "speed":
        if unit is None:
            name = given["distance"][1][1][0][1][0][0] if len(given["distance"][1][1]) == 1 else None
            unit = _PER_HOUR.get(name) if name and len(given["distance"][1][1][0][1]) == 1 else None
        text = f"speed for {given['distance'][0]} in {given['time'][0]}"
    elif asked == "distance":
        text = f"how far do you travel at {given['speed'][0]} for {given['time'][0]}"
    else:
        text = f"how long does it take to travel {given['distance'][0]} at {given['speed'][0]}"
    spec = parse_step(text + (f" in {unit}" if unit else ""))
    if spec is None or spec["operation"] not in ("speed", "distance", "travel_time"):
        return None
    spec["notes"] = [*spec.get("notes", []), _NOTES[asked]]
    return spec
