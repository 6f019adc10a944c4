"""The units family: golden answers through the agent, the shared contract, and the behaviours that matter."""

from __future__ import annotations

import json
import re

import pytest
from agentkit.tools.base import Claim, Context
from agentkit.tools.math import MathFamily
import agentkit.tools.units as units_module
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
    assert result.text == "12600000 J"
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
    # the recording registry is this process's: compute here, not in the tools' worker processes
    monkeypatch.setattr(units_module, "run_with_timeout", lambda fn, *args, seconds: fn(*args))
    for text in TestUnitsFamily.examples:
        result = family.execute(family.recognize(text, Context()))
        assert family.verify(result).ok, text
    assert seen and all(re.fullmatch(r"[A-Za-z_]+", name) for name in seen), seen


def test_decade_means_ten_years_not_pints_logarithmic_decade(family: UnitsFamily) -> None:
    candidate = family.recognize("How many years are there in thirty-one fifths of a decade?", Context())
    assert family.execute(candidate).text == "62 years"


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
    candidate = family.recognize("convert it to meters", Context(previous="8.04672 km"))
    assert family.execute(candidate).text == "8046.72 m"


def test_the_agent_answers_two_chained_conversions(agent: Agent) -> None:
    answer = agent.invoke("What is 5 miles in km? Convert that to feet.")
    assert (answer.route, answer.verified, answer.answer) == ("symbolic", True, "26400 ft")


def test_answers_and_refusals_come_back_from_a_worker_thread(family: UnitsFamily) -> None:
    # off the main thread the time limit runs the work in a child process: results must cross it intact
    from concurrent.futures import ThreadPoolExecutor

    def ask(text: str) -> tuple[str, bool]:
        result = family.execute(family.recognize(text, Context()))
        return result.text, family.verify(result).ok

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(ask, "convert 5 miles to km").result() == ("8.04672 km", True)
        assert pool.submit(ask, "5 kg to meters").result() == ("cannot convert: mass vs length", False)


# -- unit systems: a property test against exact definitions ------------------------------------------
# The oracle: each unit's size in SI base units, written down from the NIST definitions (SP 811, Handbook
# 44 appendix C), never from the family's lexicon or pint. A phrasing names a unit in one of the ways
# people write it, tagged with the system its words name (None when they name none).

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

_INCH = Fraction("0.0254")  # m
_US_GALLON = 231 * _INCH**3  # m³, = 3.785411784 L
_IMP_GALLON = Fraction("4.54609") / 1000  # m³
_LB = Fraction("0.45359237")  # kg
_G0 = Fraction("9.80665")  # m/s²
SIZES = {  # unit -> (dimension, size in SI base units)
    "L": ("volume", Fraction(1, 1000)), "mL": ("volume", Fraction(1, 10**6)),
    "US gal": ("volume", _US_GALLON), "US qt": ("volume", _US_GALLON / 4), "US pt": ("volume", _US_GALLON / 8),
    "US cup": ("volume", _US_GALLON / 16), "US floz": ("volume", _US_GALLON / 128),
    "imp gal": ("volume", _IMP_GALLON), "imp qt": ("volume", _IMP_GALLON / 4), "imp pt": ("volume", _IMP_GALLON / 8),
    "imp floz": ("volume", _IMP_GALLON / 160),
    "kg": ("mass", Fraction(1)), "g": ("mass", Fraction(1, 1000)), "lb": ("mass", _LB), "oz": ("mass", _LB / 16),
    "troy oz": ("mass", Fraction("31.1034768") / 1000), "short ton": ("mass", 2000 * _LB),
    "long ton": ("mass", 2240 * _LB), "tonne": ("mass", Fraction(1000)),
    "J": ("energy", Fraction(1)), "kJ": ("energy", Fraction(1000)), "cal": ("energy", Fraction("4.184")),
    "kcal": ("energy", Fraction(4184)),
    "W": ("power", Fraction(1)), "kW": ("power", Fraction(1000)),
    "hp": ("power", 550 * 12 * _INCH * _LB * _G0), "PS": ("power", 75 * _G0),
}
# how people write each unit: (words, the system the words name); a unit with two sizes written bare is
# the one of the step's named system, else US customary ("bare" below)
WRITTEN = {
    "L": [("liters", None), ("litres", None), ("L", None)], "mL": [("milliliters", None), ("ml", None)],
    "US gal": [("US gallons", "US"), ("U.S. gallons", "US"), ("American gallons", "US")],
    "US qt": [("US quarts", "US")], "US pt": [("US pints", "US")], "US cup": [("US cups", "US")],
    "US floz": [("US fluid ounces", "US"), ("US fl oz", "US")],
    "imp gal": [("imperial gallons", "imperial"), ("UK gallons", "imperial"), ("British gallons", "imperial")],
    "imp qt": [("imperial quarts", "imperial")], "imp pt": [("imperial pints", "imperial"), ("UK pints", "imperial")],
    "imp floz": [("imperial fluid ounces", "imperial"), ("UK fl oz", "imperial")],
    "kg": [("kilograms", None), ("kg", None)], "g": [("grams", None), ("g", None)],
    "lb": [("pounds", None), ("lbs", None)], "troy oz": [("troy ounces", None)],
    "short ton": [("short tons", None)], "long ton": [("long tons", None)],
    "tonne": [("tonnes", None), ("metric tons", None)],
    "J": [("joules", None), ("J", None)], "kJ": [("kilojoules", None), ("kJ", None)],
    "cal": [("cal", None), ("small calories", None)],
    "kcal": [("kcal", None), ("Cal", None), ("food calories", None), ("kilocalories", None)],
    "W": [("watts", None), ("W", None)], "kW": [("kilowatts", None), ("kW", None)],
    "hp": [("hp", None), ("horsepower", None), ("mechanical horsepower", None)],
    "PS": [("metric horsepower", None), ("PS", None)],
}
BARE = {"gallons": ("US gal", "imp gal"), "quarts": ("US qt", "imp qt"), "pints": ("US pt", "imp pt"),
        "fluid ounces": ("US floz", "imp floz"), "fl oz": ("US floz", "imp floz")}
PHRASINGS = ("convert {n} {a} to {b}", "how many {b} in {n} {a}", "{n} {a} in {b}", "what is {n} {a} in {b}?",
             "How many {b} are there in {n} {a}?", "{n} {a} = how many {b}", "please convert {n} {a} into {b}")
STEP_SYSTEMS = {"": None, " in the UK": "imperial", " (imperial)": "imperial", " in the US": "US"}
AMOUNTS = st.sampled_from(["1", "2", "3", "5", "12", "0.5", "2.5", "250", "1,000"])


def _answered(text: str) -> Fraction | None:
    """The number the family answered, verified; None for a decline (no candidate, partial, error, failed check)."""
    family = UnitsFamily()
    candidate = family.recognize(text, Context())
    if candidate is None or not candidate.complete:
        return None
    result = family.execute(candidate)
    if result.error:
        return None
    assert family.verify(result).ok, (text, result.text)
    assert candidate.interpretation, text
    return Fraction(Decimal(result.text.split()[0]))


def _close(got: Fraction, want: Fraction) -> bool:
    return abs(got - want) <= abs(want) * Fraction(5, 10**6)


@st.composite
def conversions(draw: st.DrawFn) -> tuple[str, Fraction | None]:
    """A conversion in words, and its value by the oracle (None when it must be declined)."""
    dimension = draw(st.sampled_from(["volume", "mass", "energy", "power"]))
    units = [u for u, (d, _) in SIZES.items() if d == dimension]
    pool = [(w, system, u) for u in units for w, system in WRITTEN.get(u, ())]
    if dimension == "volume":
        pool += [(w, "bare", sizes) for w, sizes in BARE.items()]
        pool += [("ounces", "bare", ("US floz", "imp floz")), ("oz", "bare", ("US floz", "imp floz"))]
    if dimension == "mass":
        pool += [("ounces", None, "oz"), ("oz", None, "oz")]
    (a, sa, ua), (b, sb, ub) = draw(st.sampled_from(pool)), draw(st.sampled_from(pool))
    suffix = draw(st.sampled_from(sorted(STEP_SYSTEMS)))
    named = {s for s in (sa, sb, STEP_SYSTEMS[suffix]) if s in ("US", "imperial")}
    if len(named) > 1 and "bare" in (sa, sb):
        value = None  # both systems named beside a bare unit: ambiguous
    else:
        system = 1 if named == {"imperial"} else 0

        def size(unit: str | tuple[str, str]) -> Fraction:
            return SIZES[unit if isinstance(unit, str) else unit[system]][1]

        amount = draw(AMOUNTS)
        value = Fraction(amount.replace(",", "")) * size(ua) / size(ub)
        text = draw(st.sampled_from(PHRASINGS)).format(n=amount, a=a, b=b) + suffix
        return text, value
    text = draw(st.sampled_from(PHRASINGS)).format(n=draw(AMOUNTS), a=a, b=b) + suffix
    return text, value


@settings(max_examples=400, deadline=None)
@given(conversions())
def test_a_conversion_in_any_phrasing_is_the_oracles_value_or_a_decline(case: tuple[str, Fraction | None]) -> None:
    text, want = case
    got = _answered(text)
    if want is None:
        assert got is None, f"{text!r} is ambiguous but was answered {got}"
    elif got is not None:
        assert _close(got, want), f"{text!r}: got {got}, the definitions give {float(want)}"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["calories", "tons", "hundredweight"]), st.sampled_from(["kJ", "J", "kg", "pounds"]),
       AMOUNTS, st.sampled_from(PHRASINGS))
def test_a_unit_with_several_sizes_and_no_system_is_never_answered(bare: str, other: str, amount: str,
                                                                     phrasing: str) -> None:
    assert _answered(phrasing.format(n=amount, a=bare, b=other)) is None
    assert _answered(phrasing.format(n=amount, a=other, b=bare)) is None


# golden lines for the system words: question, the oracle's value, what the reading must name
SYSTEM_LINES = [
    ("how many kJ is 250 Cal", 250 * SIZES["kcal"][1] / 1000, "kcal (food Calorie)"),
    ("how many pints in an imperial gallon", Fraction(8), "imperial pt"),
    ("pints in an imperial gallon", Fraction(8), "imperial pt"),
    ("how many pints in a gallon in the UK", Fraction(8), "imperial gal"),
    ("how many pints in a gallon", Fraction(8), "US gal"),
    ("how many US pints in an imperial gallon", _IMP_GALLON / (_US_GALLON / 8), "US pt"),
    ("how many ounces in a cup", Fraction(8), "US fl oz"),
    ("how many oz in a pint", Fraction(16), "US fl oz"),
    ("how many fl oz in a UK pint", Fraction(20), "imperial fl oz"),
    ("8 oz to grams", 8 * _LB / 16 * 1000, "oz"),
    ("how many grams in a troy ounce", Fraction("31.1034768"), "troy oz"),
    ("how many pounds in a long ton", Fraction(2240), "long ton"),
    ("how many kg in a ton (metric)", Fraction(1000), "t"),
    ("100 hp in kW", 100 * SIZES["hp"][1] / 1000, "hp (mechanical)"),
    ("100 metric horsepower in kW", 100 * SIZES["PS"][1] / 1000, "metric hp (PS)"),
    ("how many calories in a kcal", Fraction(1000), "cal (small calorie)"),
    ("convert 3 U.S. gallons to liters", 3 * _US_GALLON * 1000, "US gal"),
]


@pytest.mark.parametrize(("text", "want", "named"), SYSTEM_LINES, ids=[line[0] for line in SYSTEM_LINES])
def test_a_named_system_is_honoured_and_the_reading_names_it(text: str, want: Fraction, named: str) -> None:
    family = UnitsFamily()
    candidate = family.recognize(text, Context())
    assert candidate is not None and candidate.complete, candidate
    assert named in candidate.interpretation, candidate.interpretation
    got = _answered(text)
    assert got is not None and _close(got, want), (text, got, float(want))


@pytest.mark.parametrize("text", ["how many joules in a calorie", "how many kg in a ton", "convert 2 cwt to kg",
                                  "how many cups in a UK pint", "how many US pints in a gallon (imperial)",
                                  "how many grams in a cup", "convert 5 cups to grams", "5 kg to meters"])
def test_an_ambiguous_system_or_a_mismatch_is_declined(text: str) -> None:
    assert _answered(text) is None


def test_the_interpretation_shows_the_reading_in_canonical_notation(family: UnitsFamily) -> None:
    def reading(text: str) -> str:
        return family.recognize(text, Context()).interpretation

    assert reading("how many kJ is 250 Cal") == "250 kcal (food Calorie) → kJ"
    assert reading("72 °F in Celsius") == "72 °F → °C"
    assert reading("2 h 30 min + 45 min") == "2 h 30 min + 45 min"
    assert reading("how many ounces in a cup") == (
        "1 US cup → US fl oz (ounces of a volume: fluid ounces; US customary: no system named)")
    assert reading("what is 100 km / 2.5 h") == "100 km ÷ 2.5 h"


def test_a_claim_of_fluid_ounces_in_a_cup_is_judged_as_a_volume(family: UnitsFamily) -> None:
    assert family.check(units_claim("1 cup", "8 ounces")).ok
    assert not family.check(units_claim("1 cup", "9 ounces")).ok


# -- answers as people write them, and read back ------------------------------------------------------

from agentkit.tools.units._display import quantity_text
from agentkit.tools.units._grammar import parse_quantity
from agentkit.tools.units._lexicon import _NAMES, _SYMBOLS

# every unit the lexicon reads by itself (placeholders settle to the units below), in any compound shown
_SHOWN_UNITS = sorted({name for name in (*_NAMES.values(), *_SYMBOLS.values()) if not name.startswith("~")}
                      | {"gallon", "imperial_gallon", "quart", "imperial_quart", "pint", "imperial_pint", "cup",
                         "fluid_ounce", "imperial_fluid_ounce", "gill", "imperial_gill", "ounce", "calorie"})
_SHOWN_AMOUNTS = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**4)


@pytest.mark.parametrize(("text", "expected"), [
    ("convert 5 miles to km", "8.04672 km"), ("100 km/h in mph", "62.1371 mph"), ("69.8 °F in °C", "21 °C"),
    ("90 minutes in hours", "1.5 h"), ("4 GiB in MiB", "4096 MiB"), ("11.356235352 liters in gallons", "3 US gallons"),
    ("how many ounces in a cup", "8 US fl oz"), ("250 kcal in kJ", "1046 kJ"), ("24 hours in days", "1 day"),
    ("36 hours in days", "1.5 days"), ("how many square feet in an acre", "43560 ft²"),
    ("9.81 m/s^2 in ft/s^2", "32.185 ft/s²"), ("convert 1.75 hours to hours and minutes", "1 h 45 min"),
    ("3 m * 4 m", "12 m²"), ("how far do you travel in 2 hours at 60 mph", "120 miles"),
])
def test_an_answer_is_written_as_people_write_it(family: UnitsFamily, text: str, expected: str) -> None:
    result = family.execute(family.recognize(text, Context()))
    assert (result.text, family.verify(result).ok) == (expected, True)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SHOWN_UNITS), st.sampled_from([-2, -1, 1, 2, 3])),
                min_size=1, max_size=3, unique_by=lambda pair: pair[0]), _SHOWN_AMOUNTS)
def test_every_answer_shown_is_read_back_as_the_same_quantity(unit: list[tuple[str, int]], amount: Fraction) -> None:
    unit = sorted(([name, power] for name, power in unit), key=lambda pair: pair[1] < 0)
    if all(power < 0 for _, power in unit) or (unit != [unit[0][:1] + [1]] and any(
            name in ("degree_Celsius", "degree_Fahrenheit") for name, _ in unit)):
        return  # a unit on its own is never only a denominator; offset temperatures never compound
    number, _ = format_number(amount)
    text = quantity_text(number, unit)
    read = parse_quantity(text)
    expected = Fraction(Decimal(number))
    negative = read is not None and read[0] == "neg"
    if negative:
        read = read[1]
    assert read is not None and read[0] == "q" and len(read[1]) == 1, (unit, text, read)
    (shown_amount, shown_unit), = read[1]
    assert (-1 if negative else 1) * Fraction(shown_amount) == expected, (text, read)
    assert _size(shown_unit) == _size(unit), (unit, text, shown_unit)


def _size(unit: list[list]) -> object:
    from agentkit.tools.units._compute import quantity

    return quantity(1, unit).to_base_units()


@settings(max_examples=200, deadline=None)
@given(conversions())
def test_a_follow_up_reads_the_previous_answer_back(case: tuple[str, Fraction | None]) -> None:
    from agentkit.tools.units._compute import dimension, evaluate, quantity

    family = UnitsFamily()
    candidate = family.recognize(case[0], Context())
    if candidate is None or not candidate.complete:
        return
    result = family.execute(candidate)
    if result.error:
        return
    (_, unit, number, _), = result.value["parts"]
    shown = quantity(Fraction(Decimal(number)), unit).to_base_units().magnitude
    assert evaluate(parse_quantity(result.text)).to_base_units().magnitude == shown, result.text
    target = {"volume": "mL", "mass": "g", "energy": "J", "power": "W"}[dimension(unit)]
    follow = family.recognize(f"convert it to {target}", Context(previous=result.text))
    assert follow is not None and follow.complete, (result.text, follow)
    assert family.verify(family.execute(follow)).ok
