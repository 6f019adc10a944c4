"""The units family: golden answers through the agent, the shared contract, and the behaviours that matter."""

from __future__ import annotations

import json
import re

import pytest
from agentkit.tools.base import Claim, Context
from agentkit.tools.math import MathFamily
from agentkit.tools.units import UnitsFamily
from agentkit.tools.units._compute import format_number, registry

from agentkit import Agent
from tests.helpers import assert_golden, load_golden
from tests.tools.contract import ToolFamilyContract

CASES = load_golden("units")


def units_claim(expression: str, stated: str) -> Claim:
    text = f"{expression} = {stated}"
    return Claim(kind="units", text=text, span=(0, len(text)), stated=stated, expression=expression)


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[MathFamily(), UnitsFamily()])


@pytest.fixture(scope="module")
def family() -> UnitsFamily:
    return UnitsFamily()


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden(agent: Agent, text: str, expected: str) -> None:
    assert_golden(agent, text, expected)


class TestUnitsFamily(ToolFamilyContract):
    family = UnitsFamily()
    examples = (
        "convert 5 miles to km",
        "how many seconds in 3 days",
        "3.5 kWh in joules",
        "What is 367 minutes after 1:50 PM?",
        "2 h 30 min + 45 min",
        "how many pints in an imperial gallon",
    )
    non_examples = (
        "What is the capital of France?",
        "12 in to cm",
        "how many days in a year",
        "convert 10 to meters",
        "What is 2+2?",
        "import pint; pint.UnitRegistry()",
    )
    follow_ups = (("convert it to meters", Context(previous="8.04672 kilometer")),)
    partials = (("how many days in a year", "how many days in a year"),)
    true_claims = (
        units_claim("5 miles in km", "8.04672 km"),
        units_claim("5 miles in km", "8.05 kilometers"),
        units_claim("72 °F in Celsius", "22.2 °C"),
        units_claim("3 days in seconds", "259200"),
    )
    false_claims = (
        units_claim("1 mile in km", "2 km"),
        units_claim("5 miles in km", "8 miles"),
        units_claim("5 kg", "5 m"),
        units_claim("72 °F in Celsius", "72 °C"),
    )


def test_units_refuses_inch_reading_of_in(family: UnitsFamily) -> None:
    # pint's own parser reads "3.5 kWh in joules" as kilowatt_hour * inch * joule
    result = family.execute(family.recognize("3.5 kWh in joules", Context()))
    assert result.text == "12600000 joule"
    assert family.recognize("12 in to cm", Context()) is None


def test_pint_only_ever_parses_single_unit_names(
    family: UnitsFamily, monkeypatch: pytest.MonkeyPatch
) -> None:
    ureg = registry()
    seen: list[str] = []
    parse_units = ureg.parse_units

    def recording(text: object, *args: object, **kwargs: object) -> object:
        seen.append(str(text))
        return parse_units(text, *args, **kwargs)

    monkeypatch.setattr(ureg, "parse_units", recording)
    monkeypatch.setattr(ureg, "parse_expression", lambda *a, **k: pytest.fail("pint parsed an expression"))
    for text in TestUnitsFamily.examples:
        result = family.execute(family.recognize(text, Context()))
        assert family.verify(result).ok, text
    assert seen and all(re.fullmatch(r"[A-Za-z_]+", name) for name in seen), seen


def test_decade_means_ten_years_not_pints_logarithmic_decade(family: UnitsFamily) -> None:
    candidate = family.recognize("How many years are there in thirty-one fifths of a decade?", Context())
    assert family.execute(candidate).text == "62 year"


def test_dimension_mismatch_is_a_decline_with_its_reason_never_verified(family: UnitsFamily) -> None:
    result = family.execute(family.recognize("5 kg to meters", Context()))
    assert result.error == "DimensionMismatch" and result.text == "cannot convert: mass vs length"
    verdict = family.verify(result)
    assert not verdict.ok and verdict.detail == "cannot convert: mass vs length"


def test_a_refusal_whose_dimensions_agree_fails_the_check(family: UnitsFamily) -> None:
    from agentkit.tools.units._compute import Mismatch

    candidate = family.recognize("convert 5 miles to km", Context())
    forged = family.execute(candidate).__class__(
        tool="units", operation="convert", spec=candidate.spec, text="cannot convert: length vs length",
        value={"refusal": Mismatch("convert", "length", "length")})
    assert not family.verify(forged).ok


def test_a_tampered_result_fails_the_convert_back_check(family: UnitsFamily) -> None:
    result = family.execute(family.recognize("convert 5 miles to km", Context()))
    amount, unit, _, exact = result.value["parts"][0]
    tampered = result.__class__(tool=result.tool, operation=result.operation, spec=result.spec,
                                text="9.04672 kilometer",
                                value={**result.value, "parts": [[amount + 1, unit, "9.04672", exact]]})
    assert not family.verify(tampered).ok


def test_offset_temperatures_do_not_add_and_the_message_says_why(family: UnitsFamily) -> None:
    result = family.execute(family.recognize("20 °C + 5 °C", Context()))
    assert result.error and "offset" in result.text
    assert not family.verify(result).ok


def test_calendar_and_clock_units_are_declined_with_the_reason(family: UnitsFamily) -> None:
    candidate = family.recognize("how many days in a year", Context())
    assert candidate is not None and not candidate.complete
    assert "calendar" in candidate.reason


def test_spec_is_json_for_checkpointed_state(family: UnitsFamily) -> None:
    steps = ("2 h 30 min + 45 min", "speed for 100 km in 2.5 hours",
             "How many minutes are there between 2:15 AM and 9:04 AM?")
    for text in steps:
        spec = family.recognize(text, Context()).spec
        assert json.loads(json.dumps(spec)) == spec


def test_exact_results_keep_every_digit_and_others_round_to_six() -> None:
    from fractions import Fraction

    assert format_number(Fraction(1721855, 10**12)) == ("0.000001721855", True)
    assert format_number(Fraction(200, 9)) == ("22.2222", False)
    assert format_number(Fraction(47216300000000)) == ("47216300000000", True)


def test_huge_and_overlong_input_is_declined_quickly(family: UnitsFamily) -> None:
    assert family.recognize("convert 1e400 km to m", Context()) is None
    assert family.recognize("1" * 50 + " km to m", Context()) is None
    assert family.recognize("convert 5 km to m " * 100, Context()) is None


def test_follow_up_converts_the_previous_result(family: UnitsFamily) -> None:
    candidate = family.recognize("convert it to meters", Context(previous="8.04672 kilometer"))
    assert family.execute(candidate).text == "8046.72 meter"


def test_the_agent_answers_two_chained_conversions(agent: Agent) -> None:
    answer = agent.invoke("What is 5 miles in km? Convert that to feet.")
    assert (answer.route, answer.verified, answer.answer) == ("symbolic", True, "26400 foot")


def test_answers_and_refusals_come_back_from_a_worker_thread(family: UnitsFamily) -> None:
    # off the main thread the time limit runs the work in a child process: results must cross it intact
    from concurrent.futures import ThreadPoolExecutor

    def ask(text: str) -> tuple[str, bool]:
        result = family.execute(family.recognize(text, Context()))
        return result.text, family.verify(result).ok

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(ask, "convert 5 miles to km").result() == ("8.04672 kilometer", True)
        assert pool.submit(ask, "5 kg to meters").result() == ("cannot convert: mass vs length", False)
