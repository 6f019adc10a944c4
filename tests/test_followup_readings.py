"""The readings of follow-ups (`agentkit.followup`, `agentkit.earlier`, `agentkit.arguments`): each frame's rewrite, and the near
misses that must not be rewritten (a rewrite that no family reads whole still declines, but these must not
even be offered)."""

from __future__ import annotations

import pytest

from agentkit import arguments, earlier, followup


def _no_kind(text: str) -> str | None:
    return None


# (follow-up, previous answer, the request it is read as)
REFERENCES = [
    ("now factor it back", "x**2 - 3*x - 10", "factor (x**2 - 3*x - 10)"),
    ("simplify that again", "2*x + x", "simplify (2*x + x)"),
    ("now increase 400 by that much", "12", "400 + 12"),
    ("reduce 90 by that amount", "12", "90 - 12"),
    ("and another 45 minutes on top?", "08:50", "45 minutes after 08:50"),
    ("if it runs 10 minutes over", "16:05", "10 minutes after 16:05"),
    ("and an extra 2 hours?", "95 min", "95 min + 2 hours"),
    ("hex too please", "255", "255 in hex"),
    ("in seconds, 1 decimal", "3.25 min", "3.25 min in seconds, 1 decimal"),
    ("as a percentage to 1 decimal place", "2/7", "2/7 as a percentage to 1 decimal place"),
    ("round it to 1 decimal", "12.345 m", "12.345 m in m, 1 decimal"),
    ("round to the nearest kilogram", "70.3068 kg", "70.3068 kg in kilograms to the nearest whole number"),
    ("split it between 4 people", "90", "90 / 4"),
    ("if we share that among 6 friends, how much each to the nearest cent", "100", "round 100 / 6 to 2 decimals"),
]
NOT_REFERENCES = [
    ("20 minutes", "12:35"),  # a bare duration is not "20 minutes later"
    ("round it to 3 decimals", "12.345 m"),  # no more digits than the value shows: it may itself be rounded
    ("round to the nearest ten", "1133 g"),  # a place, not a unit
    ("what if I add 100 to those", "8"),  # add to each, or add to the list: two readings
]


@pytest.mark.parametrize(("text", "value", "read"), REFERENCES)
def test_a_reference_is_read_as_the_previous_answer(text: str, value: str, read: str) -> None:
    rewrite = followup.by_reference(text, value)
    assert rewrite is not None and rewrite.text == read
    assert rewrite.note.startswith(f"it = {value} (the previous answer)")


@pytest.mark.parametrize(("text", "value"), NOT_REFERENCES)
def test_near_misses_are_not_read_as_a_reference(text: str, value: str) -> None:
    rewrite = followup.by_reference(text, value)
    assert rewrite is None or rewrite.text is None


def test_the_named_operation_is_the_previous_answer_only_when_the_previous_request_asked_for_it() -> None:
    named = followup.by_reference("is the gcd even?", "14", request="the gcd of 28 and 42")
    assert named is not None and named.text == "is 14 even"
    assert followup.by_reference("is the mean even?", "14", request="the gcd of 28 and 42") is None
    assert followup.by_reference("is the gcd of 4 and 6 even?", "14", request="the gcd of 28 and 42") is None


def test_a_number_added_to_the_list_makes_the_new_list() -> None:
    rewrite = followup.by_reference("append 4 to the list and what's the median", None, items="1, 2, 9",
                                    items_source="the numbers of the previous request")
    assert rewrite is not None and rewrite.text == "the median of 1, 2, 9 and 4"
    assert rewrite.items == "1, 2, 9, 4"
    assert rewrite.note == "the list = 1, 2, 9 (the numbers of the previous request) and 4"
    again = followup.by_reference("what's the range of the new list", None, items=rewrite.items)
    assert again is not None and again.text == "the range of 1, 2, 9 and 4"


def test_the_numbers_a_list_of_matches_lists() -> None:
    assert followup.items_of('2 matches: "14", "3.5"') == "14, 3.5"
    assert followup.items_of('2 matches: "ab", "14"') is None
    assert followup.items_of("14") is None


PAIR = [("12", "turn 1's answer"), ("48", "turn 2's answer")]


@pytest.mark.parametrize(("text", "read"), [
    ("what's the difference between those two", "the difference between 48 and 12"),
    ("the ratio of the first to the second", "12 / 48"),
    ("divide the second by the first", "divide 48 by 12"),
    ("what's their gcd", "the gcd of 12 and 48"),
    ("and the sum of both?", "12 + 48"),
    ("the difference between them in km", "the difference between 48 and 12 in km"),
])
def test_two_earlier_answers_are_the_first_and_the_second(text: str, read: str) -> None:
    rewrite = earlier.by_pair(text, PAIR)
    assert rewrite is not None and rewrite.text == read
    assert rewrite.note.startswith("the first = 12 (turn 1's answer), the second = 48 (turn 2's answer)")


def test_a_pair_is_read_only_from_exactly_two_answers_and_only_where_an_answer_stands() -> None:
    three = earlier.by_pair("divide the second by the first", [*PAIR, ("5", "turn 3's answer")])
    assert three is not None and three.text is None and "there are 3 earlier turns: which two is unclear" in three.note
    one = earlier.by_pair("divide the second by the first", PAIR[:1])
    assert one is not None and one.text is None and "there is 1 earlier turn:" in one.note
    unverified = earlier.by_pair("the difference between them", [PAIR[0], (None, "turn 2's answer")])
    assert unverified is not None and unverified.text is None and "turn 2's answer is not one verified value" in unverified.note
    assert earlier.by_pair("divide the second by the first", []) is None  # no conversation: a request of its own
    assert earlier.by_pair("sum of the first 10 odd numbers", PAIR) is None
    quantities = [("3.5 kg", "turn 1's answer"), ("1.25 kg", "turn 2's answer")]
    rewrite = earlier.by_pair("what's the difference between them", quantities)
    assert rewrite is not None and rewrite.text == "3.5 kg - 1.25 kg"  # the larger less the smaller


def test_the_previous_operation_once_more() -> None:
    second = earlier.once_more("and the second derivative?", "derivative of x^5", "5*x**4")
    assert second is not None and second.text == "differentiate 5*x**4"
    assert earlier.once_more("and the second derivative?", "derivative of x^2*y", "2*x*y") is None  # which variable?
    assert earlier.once_more("and the second derivative?", "second derivative of x^5", "20*x**3") is None
    bounded = earlier.once_more("evaluate that between 0 and 2", "integrate 6x", "3*x**2 + C")
    assert bounded is not None and bounded.text == "integrate 6x from 0 to 2"
    assert earlier.once_more("evaluate that from 0 to 2", "integrate 6x from 0 to 1", "3") is None


@pytest.mark.parametrize(("text", "read"), [
    ("m = 2, n = 9", "let m = 2, n = 9"),
    ("set k = 4", "let k = 4"),
    ("define h(x) = x^2 + 1", "let h(x) = x^2 + 1"),
    ("ok now set b = 10, what is b*c", "let b = 10; what is b*c"),
])
def test_a_turn_that_gives_names_values_is_read_as_definitions(text: str, read: str) -> None:
    assert earlier.as_definitions(text) == read


@pytest.mark.parametrize("text", ["x^2 = 4", "a = 3", "x = y + 1", "x = 3, y = 4 and z is whatever", "2x = 6"])
def test_what_is_not_only_definitions_is_not_read_as_them(text: str) -> None:
    assert earlier.as_definitions(text) is None


def test_a_bound_name_is_written_as_its_value_where_it_stands_as_a_word() -> None:
    rewrite = earlier.by_binding("what's k factorial", {"k": "6"})
    assert rewrite is not None and rewrite.text == "what's 6 factorial" and rewrite.note == "k = 6 (defined earlier)"
    assert earlier.by_binding("convert 5 m to feet", {"m": "3"}) is None  # a unit after a number
    assert earlier.by_binding("what's k factorial", {"j": "6"}) is None
    assert earlier.by_binding("how many n in 'banana'", {"n": "5"}) is None  # a quoted text is data


def test_a_new_argument_of_the_same_words_or_the_same_phrase() -> None:
    books = arguments.by_argument("and 9 books?", "how many ways to arrange 4 books", kind=_no_kind)
    assert books is not None and books.text == "how many ways to arrange 9 books"
    bounds = arguments.by_argument("now from 1 to 5", "integrate 2x from 0 to 3", kind=_no_kind)
    assert bounds is not None and bounds.text == "integrate 2x from 1 to 5"
    assert arguments.by_argument("and 9 pens?", "how many ways to arrange 4 books", kind=_no_kind) is None
    # the phrase twice in the request: which one is unclear
    assert arguments.by_argument("and 2 of 5?", "is 1 of 3 more than 1 of 4", kind=_no_kind) is None


def test_one_number_of_the_previous_list_replaced() -> None:
    rewrite = arguments.by_element("what if the second one were 11", "median of 4, 6 and 8", kind=_no_kind)
    assert rewrite is not None and rewrite.text == "median of 4, 11 and 8"
    missing = arguments.by_element("what if the fourth one were 11", "median of 4, 6 and 8", kind=_no_kind)
    assert missing is not None and missing.text is None and "no fourth number" in missing.note
    no_list = arguments.by_element("what if the last one were 2", "what's 5 plus 3 minus 1", kind=_no_kind)
    assert no_list is not None and no_list.text is None


def test_the_matches_of_a_search_or_a_replacement_counted_or_all_of_them() -> None:
    count = earlier.once_more("how many replacements was that", "replace each space in 'a b c' with _", '"a_b_c"')
    assert count is not None and count.text == "count the spaces in 'a b c'"
    found = earlier.once_more("how many were there?", "find all words in 'to be or not'", '4 matches: ...')
    assert found is not None and found.text == "count the words in 'to be or not'"
    assert earlier.once_more("how many were there?", "mean of 3, 5, 7", "5") is None  # nothing found in a text
    every = earlier.once_more("and all the matches?", "what does \\w+ match first in 'ab cd'", '"ab"')
    assert every is not None and every.text == "what does \\w+ match in 'ab cd'"
    assert earlier.once_more("and all the matches?", "find all words in 'ab cd'", '2 matches: "ab", "cd"') is None


def test_the_same_phrase_reversed_and_rounded() -> None:
    back = arguments.by_argument("and from 50 back to 40, to 1 decimal?", "percent change from 40 to 50", kind=_no_kind)
    assert back is not None and back.text == "percent change from 50 to 40, to 1 decimal"
    assert back.note.endswith("and to 1 decimal")


def _mass(text: str) -> str | None:
    """A stand-in for the units family's ``kind_of``: masses and lengths by their unit word."""
    unit = text.split(" ", 1)[-1].strip()
    if unit in {"kg", "lb", "ounces", "oz", "g"}:
        return "mass"
    if unit in {"km", "miles", "m", "ft", "feet", "yards", "°C", "°F"}:
        return "temperature" if unit.startswith("°") else "length"
    return None


@pytest.mark.parametrize(("text", "previous", "read"), [
    ("and cubed?", "what's 9 squared", "what's 9 cubed"),
    ("what about to the 5th power", "what is 3 cubed", "what is 3 to the 5th power"),
    ("and squared?", "what's 4^3", "what's 4 squared"),
    ("and the cube root?", "what's the square root of 64", "what's the cube root of 64"),
    ("and of 80?", "what's 20% of 50", "what's 20% of 80"),
    ("and from 1?", "integrate x^2 from 0 to 6", "integrate x^2 from 1 to 6"),
    ("and to ounces?", "convert 5 kg to lb", "convert 5 kg to ounces"),
    ("in feet", "what is 3 km in miles", "what is 3 km in feet"),
    ("and in yards?", "how many feet in 3 miles", "how many yards in 3 miles"),
    ("same but for 12", "what's 7 factorial", "what's 12 factorial"),
    ("same thing again but with 4", "what's 7 factorial", "what's 4 factorial"),
    ("again with 7", "what's 5 factorial", "what's 7 factorial"),
])
def test_a_new_power_preposition_target_or_number_for_the_previous_request(text: str, previous: str, read: str) -> None:
    assert arguments.by_argument(text, previous, kind=_mass).text == read


@pytest.mark.parametrize(("text", "previous"), [
    ("and cubed?", "what's 9 squared plus 4 squared"),  # two powers
    ("and cubed?", "what is 5 + 7"),  # no power
    ("and cubed?", "what is 4 squared times 2"),  # the power is not the one operation: 4 cubed times 2, or 32 cubed?
    ("and the cube root?", "the square root of 16 plus the square root of 9"),
    ("and to meters?", "convert 5 kg to lb"),  # another dimension: not the same conversion
    ("and of 80?", "what's 20% of 50% of 90"),  # two places after "of": unclear
    ("same but for 12", "how many ways to choose 3 from 10"),  # two numbers
])
def test_a_new_argument_with_no_one_place_is_not_read(text: str, previous: str) -> None:
    rewrite = arguments.by_argument(text, previous, kind=_mass)
    assert rewrite is None or rewrite.text is None


def test_the_other_way_round_swaps_the_units_of_a_conversion_only() -> None:
    assert arguments.by_reversal("the other way round", "convert 5 kg to lb", kind=_mass).text == "convert 5 lb to kg"
    assert arguments.by_reversal("and vice versa?", "20 °C in °F", kind=_mass).text == "convert 20 °F to °C"
    assert arguments.by_reversal("the reverse", "how many miles is 8 km", kind=_mass).text == "convert 8 miles to km"
    assert arguments.by_reversal("ok other way around?", "3 feet in m", kind=_mass).text == "convert 3 m to feet"
    for request in ("what's 20% of 50", "convert 5 kg to lb and oz", "how many ways is 3 m", "5 kg + 3 kg to lb"):
        assert arguments.by_reversal("the other way round", request, kind=_mass).text is None
    assert arguments.by_reversal("round it", "convert 5 kg to lb", kind=_mass) is None


@pytest.mark.parametrize(("text", "value", "read"), [
    ("divide it by 5 factorial", "10", "10 / 5!"),
    ("multiply that by 3 squared", "7", "7 * 3^2"),
    ("add half of it", "12", "12 + 12 * 1/2"),
    ("add 10% of that", "40", "40 + 40 * 10/100"),
    ("take away a third of it", "9 kg", "9 kg - 9 kg * 1/3"),
    ("add a quarter of it to 100", "8", "100 + 8 * 1/4"),
    ("now double it", "1000000000/45359237 lb", "1000000000/45359237 lb * 2"),
])
def test_an_operand_in_words_or_a_part_of_the_value(text: str, value: str, read: str) -> None:
    assert followup.by_reference(text, value).text == read


def test_an_operand_with_a_factorial_declines_with_a_quantity_and_a_square_is_written_out() -> None:
    assert followup.by_reference("divide it by 3!", "1.609344 km").text is None
    assert followup.by_reference("multiply it by 2 squared", "1.609344 km").text == "1.609344 km * (2 * 2)"
    assert followup.by_reference("divide it by 3 cubed", "6 km").text == "6 km / (3 * 3 * 3)"


def test_a_rounded_value_is_named_as_shown_and_read_exactly() -> None:
    rewrite = followup.by_reference("round it to 4 decimals", "31250000/145161 ft²", shown="215.278 ft²")
    assert rewrite.text == "31250000/145161 ft² in ft², 4 decimals"
    assert rewrite.note == "it = 215.278 ft² (the previous answer, exactly 31250000/145161 ft²)"
