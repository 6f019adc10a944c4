"""Units requests as people type them in a chat, rephrased into the sentences the grammar reads whole.

`read` is tried only when the grammar does not read a step as written. It rewrites known chat forms into the
grammar's own frames and leaves every other word in place, so a word it does not know still makes the step
decline. Each convention it applies is named in the reading (the spec's ``notes``). The forms:

- politeness at the edges: ``pls``, ``thanks!``, ``cheers``, ``hi,``;
- a rounding clause at the end: ``to 2 decimal places``, ``, one decimal``, ``(2 decimals)``, ``round to 3 dp``,
  ``nearest whole number`` (``nearest degree`` only for a temperature): the value is rounded half away from zero;
- ``Q → U``, ``Q -> U``, ``Q = ? U``, ``Q is what in U``, ``Q, how many U is that``, ``Q, what's that in U``,
  ``give me Q in U``, ``what does Q come to in U``, ``the U equivalent of Q``, ``U value of Q``,
  ``how hot / fast / tall / heavy is Q in U``;
- ``5'11"`` and ``5 ft 10 in`` are feet and inches;
- a capital ``C`` or ``F`` standing alone is degrees Celsius or Fahrenheit (``25 C in F``);
- a temperature DIFFERENCE, when the words say so: ``a rise of 10 °C``, ``a 1.5 °C rise``, ``2 degrees of
  warming``, ``the temperature dropped 12 C``, ``the difference between 30 C and 10 C``. The quantity and the
  target become temperature differences (``10 delta °C → delta °F`` is 18, where ``10 °C → °F`` is 50);
- ``(decimal units)`` / ``using SI prefixes`` after a step in bytes says what the family reads anyway (kB = 1000 B);
- clock times: ``add 2 hours to 14:50``, ``13:45 minus 4 hours``, ``it's 8:40 now, what time will it be in 200
  minutes``, ``whats the time 48 minutes after 7:25 am``, ``from 8:30 am to 5:15 pm is how many hours``,
  ``convert 7:30 pm to 24 hour time``. A time without AM/PM (``9:30``) is read only beside a time that is
  unmistakably on the 24-hour clock (``between 6:00 and 21:30``), and the reading says so; alone it declines.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from agentkit.tools.units import _compound, _context
from agentkit.tools.units._grammar import parse_step
from agentkit.tools.units._spoken_time import spoken_times

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
_ROUND_WORDS = r"(?:to|rounded to|rounded off to|correct to|round to|round it to|round that to|give it to)"
_ROUNDING = [
    re.compile(rf"(?P<inner>.+?)\s*(?:[,;?]\s*)?(?:\(\s*)?{_ROUND_WORDS} (?:the )?{_PLACES}\s*\)?", _FLAGS),
    re.compile(rf"(?P<inner>.+?)\s*(?:[,;?]\s*|\(\s*){_PLACES}\s*\)?", _FLAGS),
    re.compile(rf"(?P<inner>.+?)\s*(?:[,;?]\s*)?(?:\(\s*)?(?:{_ROUND_WORDS} )?(?:the )?nearest "
               r"(?P<nearest>whole number|integer|whole degree|degree)\s*\)?", _FLAGS),
]

_BARE_DEGREE = re.compile(r"(?<![\w°'])(?:degrees? )?([CF])(?![\w°'])", _FLAGS)
_FEET_INCHES = [
    re.compile(r"(?<![\w.])(\d+) ?' ?(\d+(?:\.\d+)?) ?(?:\"|''|”)"),
    re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?(?:ft|feet|foot) (?:and )?(\d+(?:\.\d+)?) ?in\b(?= in | to |$|,)"),
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
    re.compile(rf"(?:an? |the )?(?:temperature )?{_CHANGE} (?:in temperature )?of (?P<t>{_TEMP})", _FLAGS),
    re.compile(rf"(?:an? |the )?(?P<t>{_TEMP}) (?:temperature )?(?:{_CHANGE}|of (?:warming|cooling))\b", _FLAGS),
]
_MOVED_BY = re.compile(
    rf"(?:if )?(?:the temperature|temperature|it) {_MOVED}(?: by)? (?P<t>{_TEMP})(?: overnight| today)?,? "
    rf"(?:how (?:much|many) (?P<u>.+?) is that(?: {_CHANGE})?|(?:what(?:'s| is)|whats|how much is) "
    rf"that in (?P<u2>.+)|in (?P<u3>.+))", _FLAGS)
_BETWEEN = re.compile(rf"(?:the )?(?:difference|gap) between (?P<a>{_TEMP}) and (?P<b>{_TEMP})", _FLAGS)

_TIME = r"(?:\d{1,2}:\d{2}(?: ?[ap]\.? ?m\.?)?|\d{1,2} ?[ap]\.? ?m\.?|noon|midnight)"
_ANY_TIME = re.compile(rf"(?<![\w:.]){_TIME}(?![\w:])", _FLAGS)
_CLOCK_24 = re.compile(r"(?<![\d:])(?:0\d|1[3-9]|2[0-3]):\d{2}(?! ?[ap]\.? ?m)", _FLAGS)  # "21:30", "06:00"
_HALF_DAY = re.compile(r"\d ?[ap]\.? ?m\b\.?|\b(?:noon|midnight)\b", _FLAGS)
_SUBJECT = r"(?:i|(?:my|the|a|an|our|his|her|their) [a-z]+(?: [a-z]+)?)"
_DONE = (r"(?:end|finish|be done|get done|be over|be ready|done|ready|over|finished|land|arrive|get in"
         r"|get there)")
_SAME_ZONE = re.compile(r"\s*(?:\(same time ?zone\)|,? (?:in the )?same time ?zone)$", _FLAGS)
_FLYING = re.compile(r"\b(?:land|lands|landing|flight|flights|fly|flies|plane)\b", _FLAGS)
_CLOCK_FRAMES = [
    (re.compile(rf"add (?P<d>.+?) to (?P<t>{_TIME})", _FLAGS), "{d} after {t}"),
    (re.compile(rf"(?:(?:what is|what's|whats) )?(?P<t>{_TIME}) (?:plus|\+) (?P<d>.+)", _FLAGS), "{d} after {t}"),
    (re.compile(rf"(?:(?:what is|what's|whats) )?(?P<t>{_TIME}) (?:minus|-|−) (?P<d>.+)", _FLAGS), "{d} before {t}"),
    (re.compile(rf"(?:it's|it is|its) (?P<t>{_TIME})(?: now)?,? what time (?:will it be|is it going to be|is it) "
                r"in (?P<d>.+)", _FLAGS), "{d} after {t}"),
    (re.compile(rf"(?:what is|what's|whats) the time (?P<d>.+?) (?P<dir>after|before) (?P<t>{_TIME})", _FLAGS),
     "{d} {dir} {t}"),
    (re.compile(rf"(?:from|between) (?P<t1>{_TIME}) (?:to|and|until|till) (?P<t2>{_TIME}),? (?:is )?"
                r"how (?:many|much) (?P<u>.+?)", _FLAGS), "how many {u} between {t1} and {t2}"),
    (re.compile(rf"how long is it (?:from|between) (?P<t1>{_TIME}) (?:to|and|until|till) (?P<t2>{_TIME}),? "
                r"in (?P<u>.+)", _FLAGS), "how many {u} between {t1} and {t2}"),
    (re.compile(rf"how long (?:from|between) (?P<t1>{_TIME}) (?:to|and|until|till) (?P<t2>{_TIME})(?:,? in (?P<u>.+))?",
                _FLAGS), "how many {u} between {t1} and {t2}"),
    (re.compile(rf"(?:the )?(?:number of |total )?(?:(?P<u>minutes|hours|seconds|hours and minutes)|time) "
                rf"(?:between|from) (?P<t1>{_TIME}) (?:to|and|until|till) (?P<t2>{_TIME})(?:,? in (?P<u2>.+))?", _FLAGS),
     "how many {u} between {t1} and {t2}"),
    (re.compile(rf"what time (?:will it be|is it going to be|is it) in (?P<d>.+?),? if (?:it's|it is|its) (?P<t>{_TIME})"
                r"(?: now)?", _FLAGS), "{d} after {t}"),
    (re.compile(rf"convert (?P<t>{_TIME}) (?:to|into) (?P<style>24|12)(?:-| )hour (?:time|clock|format)", _FLAGS),
     "0 minutes after {t}"),
    # small stories: something starts at a time and lasts a while, or starts and ends at two times
    (re.compile(rf"(?:if )?{_SUBJECT} (?:starts?|begins?|leaves|departs|goes in|opens|kicks off)(?: work)? at "
                rf"(?P<t>{_TIME}) and (?:the (?:trip|journey|ride|drive|trek|meeting|show|movie|film|class|game|match"
                r"|shift|lesson|event|talk|race) )?(?:lasts|takes|runs for|runs|needs|will take|works?(?: for)?|is) "
                r"(?P<d>[^,]+?)(?: long)?,? "
                rf"(?:when|what time) (?:does (?:it|she|he|the \w+)|will (?:it|i|she|he)|do i|is it) {_DONE}",
                _FLAGS), "{d} after {t}"),
    (re.compile(rf"{_SUBJECT} (?:needs|takes|lasts) (?P<d>[^,]+?) and (?:goes in|starts|begins|leaves|departs) "
                rf"at (?P<t>{_TIME}),? (?:when|what time) (?:is it|does it|will it be) {_DONE}", _FLAGS),
     "{d} after {t}"),
    (re.compile(rf"{_SUBJECT} (?:departs|leaves|starts|begins) at (?P<t1>{_TIME}) and (?:arrives|ends|finishes|gets in"
                rf"|stops) at (?P<t2>{_TIME}),? how long is the (?:trip|journey|ride|drive|flight|meeting|shift"
                r"|movie|film|show|class|lesson|game|match)(?:,? in (?P<u>minutes|hours))?", _FLAGS),
     "how many {u} between {t1} and {t2}"),
    (re.compile(rf"(?:my )?alarm is (?:set )?(?:at|for) (?P<t2>{_TIME}) and i (?:went|go|will go) to bed at "
                rf"(?P<t1>{_TIME}),? how (?:many (?P<u>minutes|hours)|long) (?:will|did|do|can) i sleep", _FLAGS),
     "how many {u} between {t1} and {t2}"),
]

_INTO = r"(?:to|into|in|as)"
_FRAMES = [
    re.compile(r"(?P<q>.+?)\s*(?:→|->|=>|⇒|=\s*\?\s*(?:in )?|=\s*how (?:many|much)"
               r"|is equal to how (?:many|much)|(?:is|are|equals?) what in|makes? how many|come to in) ?(?P<u>.+)",
               _FLAGS),
    re.compile(r"(?P<q>[^,]+?),\s*(?:so )?(?:(?:what(?:'s| is| would be)|whats|how much is"
               r"|how (?:hot|cold|warm|fast|heavy|long|far|big|tall|high) is) (?:that|it|this) "
               rf"{_INTO} (?P<u2>.+)|how (?:many|much) (?P<u>.+?)(?: (?:is that|is it|are they|is this"
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
    if _ANY_TIME.search(step):
        clock = _clock_step(step, previous)
        if clock is not None:
            return clock
    said, said_notes = spoken_times(step)  # only where the step as written is no clock step ("add 20 min to 4 pm")
    if said_notes and _ANY_TIME.search(said):
        clock = _clock_step(said, previous)
        if clock is not None:
            return {**clock, "notes": [*said_notes, *clock.get("notes", [])]}
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
    if spec is None:
        step, named = _context.rephrase(step)
        step, described = _compound.rephrase(step)
        if described:
            step, renamed = _context.rename(step)
            named += renamed
        spec = _parse(step, previous, tried=False) if named or described else None
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
        spec["places"] = places[1]
    spec["notes"] = [*spec.get("notes", []), *notes]
    return spec


def _clock_step(step: str, previous: str | None) -> dict[str, Any] | None:
    """A clock step in one of the chat frames; a time without AM/PM only beside a 24-hour one (said so).

    A flight is read only when the step says the time zone stays the same.
    """
    style = None
    same_zone = _SAME_ZONE.search(step)
    if same_zone is not None:
        step = step[:same_zone.start()]
    for frame, template in _CLOCK_FRAMES:
        match = frame.fullmatch(step)
        if match is not None:
            if _FLYING.search(step) and same_zone is None:
                return None  # a flight may cross time zones
            slots = {"u": "hours and minutes", **{k: v for k, v in match.groupdict().items() if v}}
            slots["u"] = slots.pop("u2", slots["u"])
            if "style" in slots:
                style = "24h" if slots["style"].startswith("24") else "12h"
            step = template.format(**slots)
            break
    notes = []
    spec = parse_step(step, previous)
    if spec is None:
        spec = parse_step(step, previous, clock24=True)
        if spec is not None and spec["operation"] in ("clock_shift", "clock_between"):
            note = _bare_clock_note(step, spec)
            if note is None:
                return None
            notes.append(note)
    if spec is None or spec["operation"] not in ("clock_shift", "clock_between"):
        return None
    if style is not None:
        spec["style"] = style
    return {**spec, "notes": notes} if notes else spec


def _bare_clock_note(step: str, spec: dict[str, Any]) -> str | None:
    """Why a time without AM/PM may be read on the 24-hour clock here, or None where the readings differ.

    Beside a time unmistakably on the 24-hour clock, it is on that clock too. Alone, or beside another time
    without AM/PM, it is read on the 24-hour clock and the answer is given in that form: a shift lands on the
    same clock face either way; a time between two such times must be the same as on a 12-hour clock (under
    12 hours), else ("between 11:40 and 1:15") the two readings differ and the step is declined. Beside a time
    with AM/PM ("from 9:15 to 5 pm") the two readings of the bare one always differ: declined.
    """
    if _CLOCK_24.search(step):
        return "the other time is on the 24-hour clock, so a time without AM/PM is too"
    if _HALF_DAY.search(step):
        return None
    if spec["operation"] == "clock_between":
        if (spec["end"] - spec["start"]) % 1440 >= 720:
            return None
        return "times without AM/PM read on the 24-hour clock; on a 12-hour clock the answer is the same"
    return "a time without AM/PM read on the 24-hour clock"


def _degree_letter(match: re.Match[str]) -> str:
    """``°C`` for a capital ``C`` alone or ``degrees c``; a lone small ``c`` stays (a cup, in recipes)."""
    spelled = match[0][0] in "dD"
    return "°" + match[1].upper() if spelled or match[1].isupper() else match[0]


def _rounding(step: str) -> tuple[tuple[str, int] | None, str | None]:
    for pattern in _ROUNDING:
        match = pattern.fullmatch(step)
        if match is None:
            continue
        if "nearest" in pattern.groupindex:
            nearest = match["nearest"].lower()
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
    r"|freezes at|melts at|is|are|was|weighs|weigh|measures|reads)"
    r" (?P<q>.+?)(?: long| tall| high| wide| deep)?,\s*(?:how (?:many|much) (?P<u>.+?)(?: is that)?|(?:what(?:'s| is)"
    r"|whats|how much is|how (?:hot|cold|warm|fast|heavy|long|far|big|tall) is) that in (?P<u2>.+)|in (?P<u3>.+))",
    _FLAGS)
_NOT_A_NAME = re.compile(rf"\b(?:{_CHANGE[3:-1]}|warmer|colder|hotter|cooler|more|less|extra|each|per|too|total"
                         r"|times|twice|half|double|not|no|about|around|roughly|approximately)\b", _FLAGS)


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
        slots = {k.rstrip("23"): v for k, v in match.groupdict().items() if v}
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
