"""Computing a dates spec with `datetime.date`, and checking it again by plain arithmetic on the Gregorian calendar.

The two routes share nothing: `compute` uses `datetime.date` and `timedelta`;
`recheck` counts days with its own day numbers (days since 1970-01-01, after
Howard Hinnant's ``days_from_civil``), finds weekdays with Zeller's congruence
and leap years with the rule of 4, 100 and 400.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from agentkit.tools.dates._grammar import MAX_OFFSET
from agentkit.tools.dates._phrases import MONTHS, WEEKDAYS

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["DateRefusal", "compute", "day_number", "is_leap", "month_days", "recheck", "zeller"]


class DateRefusal(ToolInputError):
    """A date calculation the family refuses: a result outside the years 1 to 9999."""


# -- the first route: datetime --------------------------------------------------------

def _last_day(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _shift(spec: dict[str, Any]) -> dict[str, Any]:
    start, count, unit, sign = date.fromisoformat(spec["date"]), spec["count"], spec["unit"], spec["sign"]
    if count > MAX_OFFSET[unit]:
        raise LimitExceeded(f"{count:,} {unit} is too far: the limit is {MAX_OFFSET[unit]:,} {unit}")
    if unit in ("days", "weeks"):
        try:
            moved = start + timedelta(days=sign * count * (7 if unit == "weeks" else 1))
        except OverflowError as exc:
            raise DateRefusal("the result falls outside the years 1 to 9999") from exc
        return {"date": moved.isoformat(), "clamped": False}
    months = start.year * 12 + start.month - 1 + sign * count * (12 if unit == "years" else 1)
    year, month = divmod(months, 12)
    if not 1 <= year <= 9999:
        raise DateRefusal("the result falls outside the years 1 to 9999")
    day = min(start.day, _last_day(year, month + 1))
    return {"date": date(year, month + 1, day).isoformat(), "clamped": day != start.day}


def _between(spec: dict[str, Any]) -> dict[str, Any]:
    days = (date.fromisoformat(spec["end"]) - date.fromisoformat(spec["start"])).days
    if spec["absolute"]:
        days = abs(days)
    if spec["inclusive"]:
        days += -1 if days < 0 else 1
    weeks, rest = divmod(abs(days), 7)
    return {"days": days, "weeks": weeks, "rest": rest}


def compute(spec: dict[str, Any]) -> dict[str, Any]:
    """The value of a spec, computed with `datetime.date`.

    Raises:
        LimitExceeded: an offset beyond `MAX_OFFSET`.
        DateRefusal: a result outside the years 1 to 9999.
    """
    operation = spec["operation"]
    if operation == "weekday":
        return {"weekday": WEEKDAYS[date.fromisoformat(spec["date"]).weekday()]}
    if operation == "date":
        return {"date": spec["date"]}
    if operation == "shift":
        return _shift(spec)
    if operation == "between":
        return _between(spec)
    year = spec["year"]
    if operation == "leap":
        return {"leap": (date(year, 3, 1) - date(year, 2, 28)).days == 2}
    if operation == "month_length":
        return {"days": _last_day(year, spec["month"])}
    last = date(year, 12, 31)
    return {"days": (last - date(year, 1, 1)).days + 1}


# -- the second route: arithmetic -----------------------------------------------------

def is_leap(year: int) -> bool:
    """The Gregorian rule: every 4th year, except centuries not divisible by 400."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_days(year: int, month: int) -> int:
    """How many days a month has, from a table and `is_leap`."""
    return (31, 29 if is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def day_number(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 (negative before), by Howard Hinnant's ``days_from_civil``."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def zeller(year: int, month: int, day: int) -> int:
    """The weekday, 0 for Monday to 6 for Sunday, by Zeller's congruence."""
    if month < 3:
        month, year = month + 12, year - 1
    century, within = divmod(year, 100)
    h = (day + 13 * (month + 1) // 5 + within + within // 4 + century // 4 + 5 * century) % 7  # 0 = Saturday
    return (h + 5) % 7


def _parts(iso: str) -> tuple[int, int, int]:
    year, month, day = (int(part) for part in iso.split("-"))
    if not (1 <= month <= 12 and 1 <= day <= month_days(year, month) and 1 <= year <= 9999):
        raise ValueError(f"{iso} is not a day of the calendar")
    return year, month, day


def _origin_problem(iso: str, origin: dict[str, Any]) -> str | None:
    """Whether a day found from today (or from a yearless phrase) is the one its words name."""
    kind = origin.get("kind")
    if kind in (None, "absolute"):
        return None
    found = day_number(*_parts(iso))
    if kind == "offset":
        ok = found - day_number(*_parts(origin["today"])) == origin["days"]
    elif kind == "weekday":
        distance = (found - day_number(*_parts(origin["today"]))) * origin["direction"]
        ok = zeller(*_parts(iso)) == origin["weekday"] and 1 <= distance <= 7
    else:
        year, month, day = _parts(iso)
        distance = (found - day_number(*_parts(origin["anchor"]))) * origin["direction"]
        earlier = year - origin["direction"]
        nearer = 1 <= earlier <= 9999 and (month != 2 or day != 29 or is_leap(earlier)) and \
            (day_number(earlier, month, day) - day_number(*_parts(origin["anchor"]))) * origin["direction"] >= 0
        ok = (month, day) == (origin["month"], origin["day"]) and distance >= 0 and not nearer
    return None if ok else f"{iso} is not the day its words name"


def recheck(spec: dict[str, Any], value: dict[str, Any]) -> str | None:
    """An independent check of ``value`` for ``spec``: a problem in words, or ``None`` when it holds."""
    for key, origin in spec.get("origins", {}).items():
        problem = _origin_problem(spec[key], origin)
        if problem:
            return problem
    operation = spec["operation"]
    if operation == "weekday":
        expected = WEEKDAYS[zeller(*_parts(spec["date"]))]
        return None if value["weekday"] == expected else f"Zeller's congruence gives {expected}"
    if operation == "date":
        return None if value["date"] == spec["date"] else "the date changed"
    if operation == "shift":
        return _recheck_shift(spec, value)
    if operation == "between":
        days = day_number(*_parts(spec["end"])) - day_number(*_parts(spec["start"]))
        if spec["absolute"]:
            days = abs(days)
        if spec["inclusive"]:
            days = days + 1 if days >= 0 else days - 1
        if value["days"] != days:
            return f"counting day numbers gives {days} days"
        if value["weeks"] * 7 + value["rest"] != abs(days) or not 0 <= value["rest"] < 7:
            return "the weeks and days do not add up"
        return None
    year = spec["year"]
    if operation == "leap":
        return None if value["leap"] == is_leap(year) else "the rule of 4, 100 and 400 disagrees"
    expected = month_days(year, spec["month"]) if operation == "month_length" else 365 + is_leap(year)
    return None if value["days"] == expected else f"the calendar's table gives {expected} days"


def _recheck_shift(spec: dict[str, Any], value: dict[str, Any]) -> str | None:
    start, result = _parts(spec["date"]), _parts(value["date"])
    count, unit, sign = spec["count"], spec["unit"], spec["sign"]
    if unit in ("days", "weeks"):
        moved = day_number(*result) - day_number(*start)
        wanted = sign * count * (7 if unit == "weeks" else 1)
        return None if moved == wanted and not value["clamped"] else f"the result is {moved} days away, not {wanted}"
    index = start[0] * 12 + start[1] - 1 + sign * count * (12 if unit == "years" else 1)
    year, month = index // 12, index % 12 + 1
    day = min(start[2], month_days(year, month))
    if result != (year, month, day):
        return f"counting months gives {year:04d}-{month:02d}-{day:02d}"
    if value["clamped"] != (day != start[2]):
        return f"whether {MONTHS[month - 1]} {year} has day {start[2]} was misjudged"
    return None
