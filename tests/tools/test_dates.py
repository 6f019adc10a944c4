"""The dates family: golden answers through the agent, the shared contract, properties, and what it must not take."""

from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta

import pytest
from agentkit.tools.base import Claim, Context, ToolResult
from agentkit.tools.dates import DatesFamily, render
from agentkit.tools.dates._calendar import day_number, zeller
from hypothesis import given, settings
from hypothesis import strategies as st

from agentkit import Agent
from tests.helpers import assert_golden, load_golden
from tests.tools.contract import ToolFamilyContract

CASES = load_golden("dates")
TODAY = date(2026, 11, 30)  # a Monday
FAMILY = DatesFamily()


def dates_claim(expression: str, stated: str, text: str = "") -> Claim:
    text = text or f"{expression}: {stated}"
    return Claim(kind="dates", text=text, span=(0, len(text)), stated=stated, expression=expression)


def statement(text: str) -> Claim:
    return Claim(kind="dates", text=text, span=(0, len(text)), stated="", expression="")


def answer(text: str, today: date = TODAY) -> str | None:
    """The family's verified answer to a step, or None when it declines it or refuses it (never verified)."""
    candidate = FAMILY.recognize(text, Context(today=today))
    if candidate is None or not candidate.complete:
        return None
    result = FAMILY.execute(candidate)
    verdict = FAMILY.verify(result)
    if result.error is not None:
        assert not verdict.ok, (text, result.text)
        return None
    assert verdict.ok, (text, result.text, verdict.detail)
    return result.text


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", clock=lambda: datetime(2026, 11, 30, 9, 15))


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden(agent: Agent, text: str, expected: str) -> None:
    assert_golden(agent, text, expected)


class TestDatesFamily(ToolFamilyContract):
    family = DatesFamily()
    examples = (
        "what day of the week is 2027-03-14?",
        "how many days between 1 Jan 2026 and 1 Mar 2026?",
        "what date is 90 days after 30 Nov 2026?",
        "how many weeks until 25 December 2026 from 30 Nov 2026?",
        "is 2100 a leap year?",
        "how many days in February 2028?",
        "3 months after 31 Jan 2026",
    )
    non_examples = (
        "What is the capital of France?",
        "convert 3 days to hours",
        "what is 30 - 2",
        "what day of the week is 03/04/2026?",
        "what day of the week is 31 February 2026?",
        "how many days in February",
        "how many business days between 1 Jan 2026 and 1 Mar 2026",
        "what is 2026-12-25",
        "import datetime; datetime.date.today()",
    )
    follow_ups = (("what date is it in 3 weeks?", Context(today=TODAY)),
                  ("how many days until 25 December 2026?", Context(today=TODAY)))
    partials = (("what day of the week is 03/04/2026?", "03/04/2026"),
                ("what day of the week is 2027-03-14 at noon?", "2027-03-14"))
    true_claims = (
        dates_claim("what day of the week is 2027-03-14", "Sunday"),
        dates_claim("how many days between 1 Jan 2026 and 1 Mar 2026", "59 days"),
        dates_claim("how many weeks between 2026-11-30 and 2026-12-25", "3.57 weeks"),
        statement("2027-03-14 is a Sunday"),
        statement("there are 59 days between 1 Jan 2026 and 1 Mar 2026"),
        statement("2100 is not a leap year"),
        statement("February 2028 has 29 days"),
        statement("90 days after 30 Nov 2026 is 28 February 2027"),
    )
    false_claims = (
        dates_claim("what day of the week is 2027-03-14", "Monday"),
        dates_claim("how many days between 1 Jan 2026 and 1 Mar 2026", "60"),
        dates_claim("how many weeks between 2026-11-30 and 2026-12-25", "3.4 weeks"),
        statement("4 July 1976 was a Monday"),
        statement("there are 60 days between 1 Jan 2026 and 1 Mar 2026"),
        statement("2100 is a leap year"),
        statement("February 2100 has 29 days"),
        statement("1 month after 2026-01-31 is 2026-03-03"),
    )


# -- conventions said in the answer ---------------------------------------------------

def test_a_relative_date_says_which_day_it_took_as_today_in_the_answer_and_the_reason() -> None:
    candidate = FAMILY.recognize("what date is it in 3 weeks?", Context(today=TODAY))
    assert candidate is not None and "taking today as 2026-11-30, from the agent's clock" in candidate.reason
    assert FAMILY.execute(candidate).text.startswith("2026-12-21 (Monday; taking today as 2026-11-30")


def test_without_a_clock_today_is_the_system_date_and_the_answer_says_so() -> None:
    text = answer("what is tomorrow's date?", today=None)
    tomorrow = date.today() + timedelta(days=1)
    assert text is not None and text.startswith(tomorrow.isoformat())
    assert "from the system clock" in text


def test_a_datetime_clock_reading_counts_as_its_date() -> None:
    assert answer("what date is it in 3 weeks?", today=datetime(2026, 11, 30, 23, 59)).startswith("2026-12-21")


def test_month_arithmetic_clamps_to_the_last_day_and_says_so() -> None:
    assert answer("1 month after 31 Jan 2026").startswith("2026-02-28 (Saturday; February 2026 has no day 31")
    assert "clamped" not in answer("1 month after 28 Jan 2026")
    candidate = FAMILY.recognize("1 month after 31 Jan 2026", Context())
    assert "clamped to its last day" in candidate.reason


def test_an_offset_past_the_limit_is_a_clear_refusal_that_is_not_verified() -> None:
    result = FAMILY.execute(FAMILY.recognize("what is 3660001 days after 2026-01-01", Context()))
    assert result.error == "LimitExceeded" and "limit is 3,660,000 days" in result.text
    assert not FAMILY.verify(result).ok
    far = date.fromordinal(3_000_001)
    assert answer("what is 3000000 days after 0001-01-01") == f"{far.isoformat()} ({calendar.day_name[far.weekday()]})"
    out_of_range = FAMILY.execute(FAMILY.recognize("what is 3660000 days after 2026-01-01", Context()))
    assert out_of_range.error == "DateRefusal" and "1 to 9999" in out_of_range.text


# -- the routing guarantee: nothing taken from other families ----------------------------

@pytest.mark.parametrize(("text", "family"), [
    ("convert 3 days to hours", "units"),
    ("how many seconds in 3 days", "units"),
    ("What is 367 minutes after 1:50 PM?", "units"),
    ("what is 30 - 2", "math"),
    ("What is 2026 - 12 - 25?", "math"),
    ("what day of the week is 2027-03-14?", "dates"),
])
def test_the_default_registry_routes_each_step_to_its_own_family(agent: Agent, text: str, family: str) -> None:
    assert agent.invoke(text).steps[0].tool == family


def test_the_agents_clock_reaches_the_family(agent: Agent) -> None:
    result = agent.invoke("what date is it in 3 weeks?")
    assert (result.route, result.verified) == ("symbolic", True)
    assert result.answer.startswith("2026-12-21")


def test_recognize_is_fast() -> None:
    steps = [*TestDatesFamily.examples, *TestDatesFamily.non_examples, "hello world " * 20]
    start = time.perf_counter()
    for _ in range(50):
        for text in steps:
            FAMILY.recognize(text, Context(today=TODAY))
    per_call = (time.perf_counter() - start) / (50 * len(steps))
    assert per_call < 0.002, f"{per_call * 1000:.2f} ms a call"


# -- the independent check ------------------------------------------------------------

@pytest.mark.parametrize(("text", "tamper"), [
    ("what day of the week is 2027-03-14?", {"weekday": "Monday"}),
    ("what date is 90 days after 30 Nov 2026?", {"date": "2027-03-01", "clamped": False}),
    ("1 month after 31 Jan 2026", {"date": "2026-02-28", "clamped": False}),
    ("1 month after 31 Jan 2026", {"date": "2026-03-03", "clamped": False}),
    ("how many days between 1 Jan 2026 and 1 Mar 2026", {"days": 60, "weeks": 8, "rest": 4}),
    ("is 2100 a leap year", {"leap": True}),
    ("how many days in February 2100", {"days": 29}),
])
def test_verify_fails_a_tampered_result(text: str, tamper: dict) -> None:
    result = FAMILY.execute(FAMILY.recognize(text, Context(today=TODAY)))
    value = {**result.value, **tamper}
    forged = ToolResult(tool=result.tool, operation=result.operation, spec=result.spec, text=render(result.spec, value),
                        value=value)
    assert not FAMILY.verify(forged).ok


def test_verify_fails_a_relative_day_taken_from_the_wrong_today() -> None:
    result = FAMILY.execute(FAMILY.recognize("what date is next Friday?", Context(today=TODAY)))
    spec = {**result.spec, "date": "2026-12-11"}
    forged = ToolResult(tool=result.tool, operation=result.operation, spec=spec, text=result.text, value=result.value)
    assert not FAMILY.verify(forged).ok


@settings(database=None)
@given(st.dates(min_value=date(1, 3, 1), max_value=date(9999, 12, 31)))
def test_zeller_and_day_numbers_agree_with_the_calendar_module(day: date) -> None:
    assert zeller(day.year, day.month, day.day) == calendar.weekday(day.year, day.month, day.day)
    assert day_number(day.year, day.month, day.day) == day.toordinal() - date(1970, 1, 1).toordinal()


# -- properties: random dates in several phrasings, the right answer or a decline ------------

_MONTH_NAMES = list(calendar.month_name)[1:]


def _phrasings(day: date) -> list[tuple[str, bool]]:
    """(phrasing, may it be declined) for one day."""
    named_year_ok = day.year >= 1000
    numeric_clear = day.day > 12 or day.day == day.month
    month = _MONTH_NAMES[day.month - 1]
    return [
        (day.isoformat(), False),
        (f"{day.day} {month} {day.year}", not named_year_ok),
        (f"{month} {day.day}, {day.year}", not named_year_ok),
        (f"the {day.day}th of {month[:3]} {day.year}", not named_year_ok),
        (f"{day.day:02d}/{day.month:02d}/{day.year}", not (numeric_clear and named_year_ok)),
    ]


_DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=150, deadline=None, database=None)
@given(_DAYS, st.sampled_from(["what day of the week is {}?", "what day was {}", "{} fell on which day of the week?"]))
def test_the_weekday_of_any_date_in_any_phrasing(day: date, template: str) -> None:
    expected = calendar.day_name[calendar.weekday(day.year, day.month, day.day)]
    for phrase, may_decline in _phrasings(day):
        got = answer(template.format(phrase))
        assert got == expected or (got is None and may_decline), (template.format(phrase), got, expected)


@settings(max_examples=150, deadline=None, database=None)
@given(_DAYS, st.integers(min_value=0, max_value=400_000), st.sampled_from(["days", "weeks"]),
       st.sampled_from(["after", "before"]),
       st.sampled_from(["what date is {n} {unit} {dir} {d}?", "{n} {unit} {dir} {d}", "what is {n} {unit} {dir} {d}"]))
def test_a_date_moved_by_days_or_weeks(day: date, n: int, unit: str, direction: str, template: str) -> None:
    days = n * (7 if unit == "weeks" else 1) * (1 if direction == "after" else -1)
    ordinal = day.toordinal() + days
    for phrase, may_decline in _phrasings(day):
        text = template.format(n=n, unit=unit, dir=direction, d=phrase)
        got = answer(text)
        if not 1 <= ordinal <= date.max.toordinal():
            assert got is None, (text, got)  # refused, never answered
            continue
        expected = date.fromordinal(ordinal)
        assert (got is None and may_decline) or got == f"{expected.isoformat()} ({calendar.day_name[expected.weekday()]})", \
            (text, got, expected)


@settings(max_examples=150, deadline=None, database=None)
@given(_DAYS, _DAYS, st.booleans())
def test_the_days_between_two_dates(first: date, second: date, inclusive: bool) -> None:
    expected = abs(second.toordinal() - first.toordinal()) + inclusive
    text = f"how many days between {first.isoformat()} and {second.isoformat()}{', inclusive' if inclusive else ''}?"
    got = answer(text)
    assert got is not None and got.startswith(f"{expected} day"), (text, got, expected)


@settings(database=None)
@given(st.integers(min_value=1, max_value=9999))
def test_leap_years_agree_with_the_calendar_module(year: int) -> None:
    assert answer(f"is {year} a leap year?").startswith("yes" if calendar.isleap(year) else "no")
    length = answer(f"how many days in February {year}?")
    expected = f"{calendar.monthrange(year, 2)[1]} days"
    if year > 99:
        assert length is not None and length.startswith(expected)
    else:  # "February 5" or "February 32" reads as a day of February: declined, never answered wrong
        assert length is None or length.startswith(expected)


# -- claims, and a model's formal line ------------------------------------------------------

def test_find_claims_finds_statements_about_named_dates() -> None:
    text = ("The meeting is on 2027-03-14, which is a Sunday. 2100 is not a leap year, and there are 60 days "
            "between 1 Jan 2026 and 1 Mar 2026. Tomorrow is a Friday.")
    found = FAMILY.find_claims(text)
    assert [(c.text, FAMILY.check(c).ok) for c in found] == [
        ("2100 is not a leap year", True),
        ("there are 60 days between 1 Jan 2026 and 1 Mar 2026", False),
    ]
    assert all(text[c.span[0]:c.span[1]] == c.text for c in found)
    assert [c.text for c in FAMILY.find_claims("4 July 1976 was a Sunday.")] == ["4 July 1976 was a Sunday"]


def test_a_claim_that_is_not_about_dates_is_not_judged() -> None:
    verdict = FAMILY.check(statement("the sky is blue"))
    assert not verdict.ok and not verdict.judged


@pytest.mark.parametrize(("line", "words"), [
    ("dates: 2026-11-30 + 90 days", "2026-11-30 + 90 days"),
    ("2026-12-25 - 2 weeks", "2026-12-25 - 2 weeks"),
    ("dates: weekday of 2027-03-14", "what day of the week is 2027-03-14"),
    ("dates: days from 2026-01-01 to 2026-03-01 inclusive", "how many days from 2026-01-01 to 2026-03-01, inclusive"),
    ("dates: leap year 2100", "is 2100 a leap year"),
    ("dates: days in 2028-02", "how many days in February 2028"),
    ("dates: today + 3 weeks", "today + 3 weeks"),
])
def test_read_request_turns_the_formal_line_into_a_step_read_whole(line: str, words: str) -> None:
    assert FAMILY.read_request(line, detail={}) == words
    candidate = FAMILY.recognize(words, Context(today=TODAY))
    assert candidate is not None and candidate.complete


@pytest.mark.parametrize("line", ["dates: 03/04/2026 + 1 day", "dates: days in 2028-13", "2 + 2", "weekday of Christmas"])
def test_read_request_refuses_a_line_outside_the_form(line: str) -> None:
    assert FAMILY.read_request(line, detail={}) is None


def test_every_example_translates_to_a_line_that_answers_the_question() -> None:
    for question, line in FAMILY.examples:
        words = FAMILY.read_request(line, detail={})
        assert words is not None and answer(words) == answer(question), (question, line)


@pytest.mark.parametrize(("text", "reading"), [
    ("what day of the week is 2027-03-14?", "weekday of 2027-03-14"),
    ("what date is 90 days after 30 Nov 2026?", "2026-11-30 + 90 days"),
    ("how many days from 2026-01-01 to 2026-03-01", "days from 2026-01-01 to 2026-03-01 (end not counted)"),
    ("how many days from 2026-01-01 to 2026-03-01, inclusive",
     "days from 2026-01-01 to 2026-03-01 (inclusive: both dates counted)"),
    ("what date is it in 3 weeks?", "2026-11-30 + 3 weeks (today = 2026-11-30 (agent's clock))"),
    ("is 2100 a leap year?", "leap year 2100 (Gregorian rule)"),
    ("how many days in February 2028?", "days in 2028-02"),
])
def test_every_complete_candidate_says_its_reading(text: str, reading: str) -> None:
    candidate = DatesFamily().recognize(text, Context(today=TODAY))
    assert candidate is not None and candidate.complete and candidate.interpretation == reading


@pytest.mark.parametrize("text", ["how many days until Christmas", "how many days since 25 December",
                                  "how many weeks until new year's day"])
def test_a_day_without_a_year_counted_from_today_is_declined_naming_the_year(text: str) -> None:
    candidate = DatesFamily().recognize(text, Context(today=TODAY))
    assert candidate is not None and not candidate.complete and "names no year" in candidate.reason
