"""Clock requests as people type them in a chat, rephrased into the clock sentences the grammar reads.

    >>> read("it's 8:40 now, what time will it be in 200 minutes")["notes"]
    ['a time without AM/PM read on the 24-hour clock']

The frames: ``add 2 hours to 14:50``, ``13:45 minus 4 hours``, ``what time is 3:45 pm plus 2 hours``, ``time 90
minutes after 10:45 pm``, ``4 hours from 10 am``, ``30 minutes earlier than 12:15 am``, ``2:50 pm and 25 minutes
later`` (the duration starts with a number or a number word), ``it's 8:40 now, what time will it be in 200
minutes``, ``what time will it be in 90 minutes if it's 10:50``, ``whats the time 48 minutes after 7:25 am``,
``from 8:30 am to 5:15 pm is how many hours``, ``how long from 9:15 to 11:40``, ``minutes between 7:40 and 9:05``,
``convert 7:30 pm to 24 hour time``, and small stories (a shift that starts at a time and lasts a while, a trip
that departs and arrives, an alarm and a bedtime). A flight is read only when the step says the time zone stays
the same. Spoken times (``half past nine in the morning``, see `_spoken_time`) are read only where the step as
written is no clock step.

A time with AM/PM is answered on the 12-hour clock with AM/PM, and the reading says so. A time without AM/PM
(``9:30``) is read on the 24-hour clock, and the reading says so:

- beside a time unmistakably on the 24-hour clock (``between 6:00 and 21:30``), it is on that clock too;
- alone, or beside another time without AM/PM, a shift lands on the same clock face on either clock, so it is
  answered in 24-hour form (``45 minutes before 12:10`` is ``11:25``); the time between two such times is
  answered only when a 12-hour reading gives the same (under 12 hours): ``between 11:40 and 1:15`` declines;
- beside a time with AM/PM (``from 9:15 to 5 pm``) the two readings of the bare one always differ: declined.
"""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.units._grammar import parse_step
from agentkit.tools.units._spoken_time import spoken_times

__all__ = ["read"]

_FLAGS = re.IGNORECASE
_TIME = r"(?:\d{1,2}:\d{2}(?: ?[ap]\.? ?m\.?)?|\d{1,2} ?[ap]\.? ?m\.?|noon|midnight)"
_ANY_TIME = re.compile(rf"(?<![\w:.]){_TIME}(?![\w:])", _FLAGS)
_CLOCK_24 = re.compile(r"(?<![\d:])(?:0\d|1[3-9]|2[0-3]):\d{2}(?! ?[ap]\.? ?m)", _FLAGS)  # "21:30", "06:00"
_HALF_DAY = re.compile(r"\d ?[ap]\.? ?m\b\.?|\b(?:noon|midnight)\b", _FLAGS)
_SUBJECT = r"(?:i|(?:my|the|a|an|our|his|her|their) [a-z]+(?: [a-z]+)?)"
_DONE = (r"(?:end|finish|be done|get done|be over|be ready|done|ready|over|finished|land|arrive|get in"
         r"|get there)")
_SAME_ZONE = re.compile(r"\s*(?:\(same time ?zone\)|,? (?:in the )?same time ?zone)$", _FLAGS)
_FLYING = re.compile(r"\b(?:land|lands|landing|flight|flights|fly|flies|plane)\b", _FLAGS)
_WHAT = (r"(?:what is|what's|whats|what time is|what time's|what time will it be(?: at)?|what time would it be"
         r"|what's the time at|tell me)")
_DURATION = r"(?:\d|an? |half an? |one |two |three |four |five |six |seven |eight |nine |ten )[^,]*?"
_CLOCK_FRAMES = [
    (re.compile(rf"add (?P<d>.+?) to (?P<t>{_TIME})", _FLAGS), "{d} after {t}"),
    (re.compile(rf"(?:{_WHAT} )?(?P<t>{_TIME}) (?:plus|\+|and) (?P<d>.+?)(?: later)?", _FLAGS), "{d} after {t}"),
    (re.compile(rf"(?:{_WHAT} )?(?P<t>{_TIME}) (?:minus|-|−) (?P<d>.+)", _FLAGS), "{d} before {t}"),
    (re.compile(rf"(?:{_WHAT} |(?:the )?time )?(?P<d>{_DURATION}) (?:(?P<after>later than|from)|earlier than) "
                rf"(?P<t>{_TIME})", _FLAGS), "{d} {dir} {t}"),
    (re.compile(rf"(?:(?:the )?time|{_WHAT}) (?P<d>{_DURATION}) (?P<dir>after|before) (?P<t>{_TIME})", _FLAGS),
     "{d} {dir} {t}"),
    (re.compile(rf"(?:if )?(?:it's|it is|its) (?P<t>{_TIME})(?: now)?,? what time (?:will it be|is it going to be|is it) "
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
    (re.compile(rf"what time (?:will it be|is it going to be) (?P<d>{_DURATION}) from now,? if (?:it's|it is|its) "
                rf"(?P<t>{_TIME})(?: now)?", _FLAGS), "{d} after {t}"),
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


def read(step: str, previous: str | None = None) -> dict[str, Any] | None:
    """The spec of a clock step in one of the chat frames, or None; a spoken time only where none is written."""
    if _ANY_TIME.search(step):
        clock = _clock_step(step, previous)
        if clock is not None:
            return clock
    said, notes = spoken_times(step)  # "add 20 minutes to 4 pm" is no spoken "3:40"
    if notes and _ANY_TIME.search(said):
        clock = _clock_step(said, previous)
        if clock is not None:
            return {**clock, "notes": [*notes, *clock.get("notes", [])]}
    return None


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
            if "dir" not in slots and "{dir}" in template:
                slots["dir"] = "after" if "after" in slots else "before"
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
