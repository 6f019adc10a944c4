"""The dates family: weekdays, days between dates, dates before and after, leap years and month lengths.

    >>> from datetime import date
    >>> from agentkit.tools.base import Context
    >>> family = DatesFamily()
    >>> family.execute(family.recognize("what day of the week is 2027-03-14?", Context())).text
    'Sunday'
    >>> family.execute(family.recognize("what date is it in 3 weeks?", Context(today=date(2026, 11, 30)))).text
    "2026-12-21 (Monday; taking today as 2026-11-30, from the agent's clock)"

Conventions, each said in the answer where it applies:

- a date answer is ISO ``YYYY-MM-DD`` with its weekday in brackets;
- days between two dates are their difference (the end date not counted), or one more when the
  step says "inclusive"; "between" is never negative, "from ... to" and "until" are, for a past date;
- weeks are whole weeks and days: ``"3 weeks and 4 days (25 days; ...)"``;
- adding months or years keeps the day of the month, clamped to the month's last day
  (31 January + 1 month = 28 February), and says so when it clamps;
- "today", "tomorrow", "in 3 weeks", "next Friday" (the first Friday after today) count from the
  agent's clock (`Context.today`), else the system's, and the answer says which date it took;
- a day named without a year ("Christmas", "25 December") is the first one on or after a date the
  step gives; counted from today ("how many days until Christmas") it is declined: which year is
  meant, and so the answer, would rest on the clock alone;
- a numeric date is read only when it cannot mean two days (03/04/2026 is declined; 13/04/2026 is not);
  years 1 to 9999 only; offsets up to 3,660,000 days (or as many weeks, months, years) are computed.

Every complete candidate carries its ``interpretation``: ``weekday of 2027-03-14``,
``2026-11-30 + 90 days``, ``days from 2026-01-01 to 2026-03-01 (end not counted)``,
``2026-11-30 + 3 weeks (today = 2026-11-30 (agent's clock))``.

Every result is checked by an independent route (day numbers, Zeller's congruence, the leap rule in
arithmetic); see `_calendar`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.dates import _model, claims
from agentkit.tools.dates._calendar import compute, recheck
from agentkit.tools.dates._grammar import Unreadable, read_step
from agentkit.tools.dates._phrases import MONTHS, WEEKDAYS

from agentkit.errors import ToolInputError

__all__ = ["MAX_STEP_CHARS", "DatesFamily"]

MAX_STEP_CHARS = 300

_REASONS = {
    "weekday": "whole step parsed as the weekday of a date",
    "date": "whole step parsed as naming one date",
    "shift": "whole step parsed as a date moved by a number of days, weeks, months or years",
    "between": "whole step parsed as the count of days between two dates (their difference unless 'inclusive')",
    "leap": "whole step parsed as whether a year is a leap year",
    "month_length": "whole step parsed as the number of days in a month",
    "year_length": "whole step parsed as the number of days in a year",
}


def _days(count: int) -> str:
    return f"{count} day{'' if abs(count) == 1 else 's'}"


def _weeks(value: dict[str, Any]) -> str:
    weeks, rest = value["weeks"], value["rest"]
    sign = "-" if value["days"] < 0 else ""
    shown = f"{sign}{weeks} week{'' if weeks == 1 else 's'}"
    return shown if rest == 0 else f"{shown} and {_days(rest)}"


def _today_note(spec: dict[str, Any]) -> list[str]:
    return [f"taking today as {spec['today']}, from {spec['clock']}"] if "today" in spec else []


def render(spec: dict[str, Any], value: dict[str, Any]) -> str:
    """A computed value as the answer text: the value, then its conventions in brackets."""
    operation = spec["operation"]
    notes = [note for note in spec["notes"] if "clamped" not in note]
    if operation in ("date", "shift"):
        day = date.fromisoformat(value["date"])
        head, notes = value["date"], [WEEKDAYS[day.weekday()], *notes]
        if value.get("clamped"):
            start = date.fromisoformat(spec["date"])
            notes.append(f"{MONTHS[day.month - 1]} {day.year} has no day {start.day}, "
                         "so the day is clamped to the month's last day")
    elif operation == "weekday":
        head = value["weekday"]
        notes = ([spec["date"]] if "today" in spec else []) + notes
    elif operation == "between":
        head = _days(value["days"]) if spec["unit"] == "days" else _weeks(value)
        if spec["unit"] == "weeks":
            notes.insert(0, _days(value["days"]))
        if value["days"] < 0:
            notes.append(f"{spec['end']} is before {spec['start']}")
        notes.append("inclusive: both dates counted" if spec["inclusive"] else "the difference: the end date not counted")
    elif operation == "leap":
        year = spec["year"]
        head = "yes" if value["leap"] else "no"
        notes.append(f"{year} is divisible by 400" if year % 400 == 0 else
                     f"{year} is divisible by 100 but not by 400" if year % 100 == 0 else
                     f"{year} is divisible by 4 and not by 100" if year % 4 == 0 else f"{year} is not divisible by 4")
    else:
        head = _days(value["days"])
        if value["days"] in (29, 366):
            notes.append(f"{spec['year']} is a leap year")
    notes += _today_note(spec)
    return f"{head} ({'; '.join(notes)})" if notes else head


def interpretation(spec: dict[str, Any]) -> str:
    """The step's reading in canonical notation: ``weekday of 2027-03-14``, ``2026-11-30 + 90 days``,
    ``days from 2026-01-01 to 2026-03-01 (end not counted)``, with ``today = ... (agent's clock)`` when
    a date was counted from today."""
    operation = spec["operation"]
    extras = [note for note in spec["notes"] if not note.startswith("months are") and not note.startswith("years are")]
    if operation == "weekday":
        head = f"weekday of {spec['date']}"
    elif operation == "date":
        head = f"the date {spec['date']}"
    elif operation == "shift":
        head = f"{spec['date']} {'+' if spec['sign'] > 0 else '−'} {spec['count']} {spec['unit']}"
        if spec["unit"] in ("months", "years"):
            extras.append("calendar months, day clamped to the month's end")
    elif operation == "between":
        word = "between" if spec.get("absolute") else "from"
        head = f"{spec['unit']} {word} {spec['start']} {'and' if word == 'between' else 'to'} {spec['end']}"
        extras.append("inclusive: both dates counted" if spec["inclusive"] else "end not counted")
        if spec["unit"] == "weeks":
            extras.append("whole weeks and days")
    elif operation == "leap":
        head = f"leap year {spec['year']} (Gregorian rule)"
    elif operation == "month_length":
        head = f"days in {spec['year']:04d}-{spec['month']:02d}"
    else:
        head = f"days in {spec['year']}"
    if "today" in spec:
        clock = spec["clock"].removeprefix("the ")
        extras.append(f"today = {spec['today']} ({clock})")
    return f"{head} ({'; '.join(extras)})" if extras else head


class DatesFamily:
    """Calendar arithmetic on the Gregorian calendar. Whole steps only; the module docstring gives the conventions."""

    name = "dates"
    description = _model.DESCRIPTION
    request_form = _model.REQUEST_FORM
    examples = _model.EXAMPLES

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's formal line (``2026-11-30 + 90 days``, ``weekday of 2027-03-14``) as a step in words."""
        return _model.read_spec(spec, detail)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if not text or len(text) > MAX_STEP_CHARS or "\ue000" in text:
            return None
        today = context.today
        if isinstance(today, datetime):
            today = today.date()
        clock = "the agent's clock" if today is not None else "the system clock"
        try:
            spec = read_step(text.replace("\u2019", "'"), today or date.today(), clock)
        except Unreadable as exc:
            return Candidate(tool=self.name, operation="unreadable", spec={"operation": "unreadable"},
                             confidence=0.5, span=exc.span, complete=False, reason=str(exc))
        if spec is None:
            return None
        reason = "; ".join([_REASONS[spec["operation"]], *spec["notes"], *_today_note(spec)])
        return Candidate(tool=self.name, operation=spec["operation"], spec=spec, confidence=1.0,
                         span=(0, len(text)), complete=True, reason=reason, interpretation=interpretation(spec))

    def execute(self, candidate: Candidate) -> ToolResult:
        spec = candidate.spec
        try:
            value = compute(spec)
        except ToolInputError as exc:
            return ToolResult(tool=self.name, operation=candidate.operation, spec=spec, text=str(exc),
                              error=type(exc).__name__)
        return ToolResult(tool=self.name, operation=candidate.operation, spec=spec, text=render(spec, value),
                          value=value)

    def verify(self, result: ToolResult) -> Verdict:
        check = f"dates.{result.operation}"
        if result.error or not isinstance(result.value, dict):
            return Verdict(ok=False, check=check, detail=result.text)
        try:
            problem = recheck(result.spec, result.value)
        except ValueError as exc:
            problem = f"the check could not read the result: {exc}"
        if problem is None and result.text != render(result.spec, result.value):
            problem = "the answer text does not show the value"
        return Verdict(ok=problem is None, check=check, detail=problem or "independent check passed")

    def check(self, claim: Claim) -> Verdict:
        """Judge a claim about dates: ``expression`` (a question this family reads whole) answered by
        ``stated``, or, failing that, ``text`` as a statement ("2027-03-14 is a Sunday")."""
        return claims.judge(self, claim)

    def find_claims(self, text: str) -> list[Claim]:
        """Statements about dates in free text: "2027-03-14 is a Sunday", "2100 is not a leap year"."""
        return claims.find_claims(self, text)
