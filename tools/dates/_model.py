"""What a model needs to hand the dates family a step: its description, request form, examples, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Mapping

from agentkit.tools.dates._phrases import MONTHS, WEEKDAY_PATTERN

__all__ = ["DESCRIPTION", "EXAMPLES", "REQUEST_FORM", "read_spec"]

DESCRIPTION = (
    "Exact calendar arithmetic on the Gregorian calendar: 'what day of the week is 2027-03-14?', "
    "'how many days between 1 Jan 2026 and 1 Mar 2026?', 'what date is 90 days after 30 Nov 2026?', "
    "'3 months after 31 Jan 2026', 'is 2100 a leap year?', 'how many days in February 2028?', and dates "
    "counted from today by the agent's clock: 'what date is it in 3 weeks?', 'how many days until Christmas?'. "
    "Pass one question in words; write numeric dates as YYYY-MM-DD."
)
REQUEST_FORM = ("dates: <date> + <n> days|weeks|months|years | <date> - <n> days|weeks|months|years | "
                "weekday of <date> | days from <date> to <date> [inclusive] | leap year <YYYY> | days in <YYYY-MM>"
                "  (<date> is YYYY-MM-DD, today, tomorrow, yesterday, next <weekday> or last <weekday>)")
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("What date is 90 days after 30 November 2026?", "dates: 2026-11-30 + 90 days"),
    ("On which day of the week did 4 July 1976 fall?", "dates: weekday of 1976-07-04"),
    ("How many days are there from New Year's Day 2026 to 1 March 2026?", "dates: days from 2026-01-01 to 2026-03-01"),
)

_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|today|tomorrow|yesterday|(?:next|last) {WEEKDAY_PATTERN})"
_FORMS = [
    (re.compile(rf"(?P<a>{_DATE}) (?P<op>[-+]) (?P<n>\d{{1,15}}) (?P<unit>days?|weeks?|months?|years?)", re.I),
     "{a} {op} {n} {unit}"),
    (re.compile(rf"weekday of (?P<a>{_DATE})", re.I), "what day of the week is {a}"),
    (re.compile(rf"(?P<unit>days|weeks) from (?P<a>{_DATE}) to (?P<b>{_DATE})(?P<incl>,? inclusive)?", re.I),
     "how many {unit} from {a} to {b}{incl}"),
    (re.compile(r"leap year (?P<year>\d{1,4})", re.I), "is {year} a leap year"),
    (re.compile(r"days in (?P<year>\d{4})-(?P<month>\d{2})", re.I), "how many days in {month} {year}"),
    (re.compile(r"days in (?P<year>\d{4})", re.I), "how many days in the year {year}"),
]


def read_spec(spec: str, detail: Mapping[str, str]) -> str | None:
    """``"2026-11-30 + 90 days"`` -> ``"2026-11-30 + 90 days"``; ``"weekday of 2027-03-14"`` ->
    ``"what day of the week is 2027-03-14"``; anything outside the request form gives ``None``."""
    line = " ".join(spec.split())
    line = re.sub(r"^dates\s*:\s*", "", line, flags=re.I).rstrip(".")
    for pattern, words in _FORMS:
        match = pattern.fullmatch(line)
        if match is None:
            continue
        fields = {key: value or "" for key, value in match.groupdict().items()}
        if "month" in fields:
            month = int(fields["month"])
            if not 1 <= month <= 12:
                return None
            fields["month"] = MONTHS[month - 1]
        if fields.get("incl"):
            fields["incl"] = ", inclusive"
        return words.format(**fields)
    return None
