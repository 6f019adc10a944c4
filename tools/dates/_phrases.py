"""Reading the dates named in a step: ISO and month-name dates, unambiguous numeric dates, holidays, relative days.

Each date found becomes a `Phrase`; the step grammar then sees a marker in its
place (`mark`), so that a template can account for every word of the step.
Numeric dates such as 03/04/2026 are read only when they cannot mean two days
(one field above 12, or both fields equal); otherwise the phrase carries the
problem and the step is declined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

__all__ = ["MARK", "MONTHS", "WEEKDAYS", "Phrase", "find_phrases", "mark", "month_number", "weekday_number"]

MARK = "\ue000"  # a private-use character: stands for one phrase in the marked text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                        "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                          "fri": 4, "sat": 5, "sun": 6}
_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
             "new year's eve": (12, 31), "new years eve": (12, 31), "new year's day": (1, 1),
             "new years day": (1, 1), "halloween": (10, 31)}
_RELATIVE = {"today": 0, "now": 0, "tomorrow": 1, "yesterday": -1, "the day after tomorrow": 2,
             "the day before yesterday": -2}

MONTH_PATTERN = r"(?:" + "|".join(sorted([m.lower() for m in MONTHS] + list(_MONTH_ABBREVIATIONS),
                                         key=len, reverse=True)) + r")\b\.?"
WEEKDAY_PATTERN = r"(?:" + "|".join(sorted([w.lower() for w in WEEKDAYS] + list(_WEEKDAY_ABBREVIATIONS),
                                           key=len, reverse=True)) + r")\b\.?"
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?"
_PHRASE = re.compile(
    r"(?P<iso>(?<![\w/.-])(?P<iy>\d{4})(?P<isep>[-/])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?![\w/-]|\.\d))"
    r"|(?P<num>(?<![\w/.-])(?P<n1>\d{1,2})(?P<nsep>[/.])(?P<n2>\d{1,2})(?P=nsep)(?P<ny>\d{4})(?![\w/-]|\.\d))"
    rf"|(?P<dmy>\b(?:the\s+)?(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{MONTH_PATTERN})(?:,?\s+(?P<y1>\d{{4}})(?!\d))?)"
    rf"|(?P<mdy>\b(?P<m2>{MONTH_PATTERN})\s+(?:the\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y2>\d{{4}})(?!\d))?)"
    r"|(?P<hol>\b(?P<hname>christmas\s+eve|christmas(?:\s+day)?|new\s+year'?s\s+(?:eve|day)|halloween)\b"
    r"(?:,?\s+(?P<hy>\d{4})(?!\d))?)"
    r"|(?P<rel>\b(?:the\s+day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday|today|tomorrow|yesterday|now)\b)"
    rf"|(?P<wk>\b(?P<which>next|last|this\s+coming)\s+(?P<wd>{WEEKDAY_PATTERN}))",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class Phrase:
    """One date named in a step.

    Attributes:
        span: where it is in the step.
        kind: ``"date"`` (a day of a year), ``"relative"`` (a day counted from today),
            ``"yearless"`` (a day of a month with no year), ``"problem"`` (not a date we may read).
        iso: the day, for a date or a relative phrase.
        origin: how the day was found, for an independent check (``{"kind": "offset", ...}``).
        month, day: for a yearless phrase.
        note: for a relative phrase, the convention it followed; for a problem, what is wrong.
    """

    span: tuple[int, int]
    kind: Literal["date", "relative", "yearless", "problem"]
    iso: str = ""
    origin: dict[str, Any] = field(default_factory=dict)
    month: int = 0
    day: int = 0
    note: str = ""


def month_number(word: str) -> int:
    """1..12 for a month's name or abbreviation (any case, an optional dot)."""
    key = word.lower().rstrip(".")
    return _MONTH_ABBREVIATIONS.get(key) or [m.lower() for m in MONTHS].index(key) + 1


def weekday_number(word: str) -> int:
    """0 (Monday) .. 6 (Sunday) for a weekday's name or abbreviation."""
    key = word.lower().rstrip(".")
    if key in _WEEKDAY_ABBREVIATIONS:
        return _WEEKDAY_ABBREVIATIONS[key]
    return [w.lower() for w in WEEKDAYS].index(key)


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _day_of(span: tuple[int, int], year: int, month: int, day: int, words: str) -> Phrase:
    if not 1 <= year <= 9999:
        return Phrase(span=span, kind="problem", note=f"{words!r}: only years 1 to 9999 are read")
    if not 1 <= month <= 12:
        return Phrase(span=span, kind="problem", note=f"{words!r} is not a date: there is no month {month}")
    try:
        found = date(year, month, day)
    except ValueError:
        return Phrase(span=span, kind="problem",
                      note=f"{words!r} is not a date: {MONTHS[month - 1]} {year} has no day {day}")
    return Phrase(span=span, kind="date", iso=found.isoformat(), origin={"kind": "absolute"})


def _yearless(span: tuple[int, int], month: int, day: int, words: str) -> Phrase:
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return Phrase(span=span, kind="problem", note=f"{words!r} is not a day of {MONTHS[month - 1]}")
    return Phrase(span=span, kind="yearless", month=month, day=day)


def _numeric(span: tuple[int, int], first: int, second: int, year: int, words: str) -> Phrase:
    if first > 12 >= second:
        return _day_of(span, year, second, first, words)
    if second > 12 >= first:
        return _day_of(span, year, first, second, words)
    if first == second:
        return _day_of(span, year, first, first, words)
    if first > 12 and second > 12:
        return Phrase(span=span, kind="problem", note=f"{words!r} is not a date")
    return Phrase(span=span, kind="problem",
                  note=f"{words!r} is ambiguous: day {first} of month {second} or day {second} of month {first}; "
                       "write it as YYYY-MM-DD or name the month")


def _relative(span: tuple[int, int], match: re.Match[str], today: date) -> Phrase:
    if match.group("rel"):
        words = " ".join(match.group("rel").lower().split())
        offset = _RELATIVE[words]
        origin = {"kind": "offset", "days": offset, "today": today.isoformat()}
        return Phrase(span=span, kind="relative", iso=(today + timedelta(days=offset)).isoformat(), origin=origin)
    wanted = weekday_number(match.group("wd"))
    direction = -1 if match.group("which").lower() == "last" else 1
    step = (wanted - today.weekday()) * direction % 7 or 7
    found = today + timedelta(days=direction * step)
    name = WEEKDAYS[wanted]
    note = (f"{'last' if direction < 0 else 'next'} {name} is taken as the first {name} "
            f"{'before' if direction < 0 else 'after'} today")
    origin = {"kind": "weekday", "weekday": wanted, "direction": direction, "today": today.isoformat()}
    return Phrase(span=span, kind="relative", iso=found.isoformat(), origin=origin, note=note)


def _read(match: re.Match[str], today: date) -> Phrase:
    span, words = match.span(), match.group(0)
    if match.group("iso"):
        return _day_of(span, int(match.group("iy")), int(match.group("im")), int(match.group("id")), words)
    if match.group("num"):
        return _numeric(span, int(match.group("n1")), int(match.group("n2")), int(match.group("ny")), words)
    if match.group("dmy") or match.group("mdy"):
        day = _digits(match.group("d1") or match.group("d2"))
        month = month_number(match.group("m1") or match.group("m2"))
        year = match.group("y1") or match.group("y2")
        return _day_of(span, int(year), month, day, words) if year else _yearless(span, month, day, words)
    if match.group("hol"):
        month, day = _HOLIDAYS[" ".join(match.group("hname").lower().split())]
        year = match.group("hy")
        return _day_of(span, int(year), month, day, words) if year else _yearless(span, month, day, words)
    return _relative(span, match, today)


def find_phrases(text: str, today: date) -> list[Phrase]:
    """Every date named in ``text``, in order, relative ones counted from ``today``."""
    return [_read(match, today) for match in _PHRASE.finditer(text)]


def mark(text: str, phrases: list[Phrase]) -> tuple[str, list[int]]:
    """``text`` with each phrase replaced by `MARK` and its index, and each marked character's place in ``text``."""
    pieces, places, last = [], [], 0
    for index, phrase in enumerate(phrases):
        start, end = phrase.span
        pieces.append(text[last:start])
        places.extend(range(last, start))
        token = f"{MARK}{index}"
        pieces.append(token)
        places.extend([start] * (len(token) - 1) + [end - 1])
        last = end
    pieces.append(text[last:])
    places.extend(range(last, len(text) + 1))
    return "".join(pieces), places


def resolve_yearless(phrase: Phrase, anchor: date, direction: Literal[1, -1]) -> Phrase:
    """A yearless day as the first such day on or after ``anchor`` (direction 1) or on or before it (-1)."""
    year = anchor.year
    for _ in range(9):  # 29 February may be up to eight years away
        try:
            found = date(year, phrase.month, phrase.day)
        except ValueError:
            found = None
        if found is not None and (found - anchor).days * direction >= 0:
            side = "on or after" if direction > 0 else "on or before"
            note = f"{phrase.day} {MONTHS[phrase.month - 1]} is taken as the first one {side} {anchor.isoformat()}"
            origin = {"kind": "yearless", "month": phrase.month, "day": phrase.day, "direction": direction,
                      "anchor": anchor.isoformat()}
            return Phrase(span=phrase.span, kind="relative", iso=found.isoformat(), origin=origin, note=note)
        year += direction
        if not 1 <= year <= 9999:
            break
    return Phrase(span=phrase.span, kind="problem", note="that day falls outside the years 1 to 9999")
