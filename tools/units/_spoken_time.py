"""Clock times as people say them ("half past nine in the morning"), rewritten as the times the grammar reads.

    >>> spoken_times("half past nine in the morning plus 40 minutes")
    ('9:30 am plus 40 minutes', ['half past nine: 9:30', '9:30 in the morning: 9:30 am'])

The forms, a closed set:

- ``half past H``, ``quarter past H``, ``quarter to H``, ``N past H`` (``ten past nine``, ``20 past 4``),
  ``N minutes to H`` (``to`` only with ``quarter`` or the word ``minutes``: "from five to six" is a range),
  ``H o'clock``; H is an hour from 1 to 12, in digits or words;
- a part of the day after a time or an hour (``9 in the morning``, ``nine in the evening``) gives its half: ``in the morning`` (1 to 11: AM), ``in the afternoon`` (12: PM,
  1 to 6: PM), ``in the evening`` (5 to 11: PM). Any other hour with those words ("12 in the morning"), and
  ``at night`` (1 at night is AM, 11 at night PM), are left as written, so the step declines.

A time said without a part of the day stays without AM/PM ("half past nine" is ``9:30``); the caller decides
how such a time is read.
"""

from __future__ import annotations

import re

__all__ = ["spoken_times"]

_HOURS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}
_MINUTES = {"five": 5, "ten": 10, "quarter": 15, "a quarter": 15, "twenty": 20, "twenty-five": 25,
            "twenty five": 25, "half": 30}
_HOUR = rf"(?P<h>{'|'.join(_HOURS)}|1[0-2]|[1-9])(?![:\d])"
_MINUTE_WORD = "|".join(sorted(_MINUTES, key=len, reverse=True))
_FLAGS = re.IGNORECASE
_SAID = [
    (re.compile(rf"\b(?P<m>{_MINUTE_WORD}|[1-5]?\d)(?: minutes?)? past {_HOUR}\b", _FLAGS), 1),
    (re.compile(rf"\b(?P<m>(?:a )?quarter|(?:{_MINUTE_WORD}|[1-5]?\d) minutes?) to {_HOUR}\b", _FLAGS), -1),
    (re.compile(rf"\b{_HOUR} o'?clock\b", _FLAGS), 0),
]
_PART = re.compile(rf"(?<![\w:])(?P<h>{'|'.join(_HOURS)}|1[0-2]|[1-9])(?P<m>:\d{{2}})? in the "
                   r"(?P<part>morning|afternoon|evening)\b", _FLAGS)
_PART_HOURS = {"morning": (range(1, 12), "am"), "afternoon": ((12, 1, 2, 3, 4, 5, 6), "pm"),
               "evening": (range(5, 12), "pm")}


def _number(word: str, table: dict[str, int]) -> int:
    word = word.lower()
    return table[word] if word in table else int(word)


def _said(match: re.Match[str], sign: int) -> str | None:
    hour = _number(match["h"], _HOURS)
    if sign == 0:
        return f"{hour}:00"
    minutes = _number(match["m"].lower().removesuffix("s").removesuffix(" minute"), _MINUTES)
    if not 0 < minutes < 60 or (sign < 0 and minutes == 30):
        return None
    if sign < 0:
        hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
    return f"{hour}:{minutes:02d}"


def spoken_times(step: str) -> tuple[str, list[str]]:
    """``step`` with every spoken clock time as ``H:MM`` (with ``am``/``pm`` where the words say), and notes."""
    notes: list[str] = []
    for pattern, sign in _SAID:
        for match in list(pattern.finditer(step)):
            said = _said(match, sign)
            if said is not None:
                step = step.replace(match[0], said, 1)
                notes.append(f"{match[0]}: {said}")
    for match in list(_PART.finditer(step)):
        hours, half = _PART_HOURS[match["part"].lower()]
        hour = _number(match["h"], _HOURS)
        if hour in hours:
            said = f"{hour}{match['m'] or ''} {half}"
            step = step.replace(match[0], said, 1)
            notes.append(f"{match[0]}: {said}")
    return step, notes
