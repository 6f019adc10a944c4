"""Chat phrasing around arithmetic: the value or a decline, never a wrong value; an unknown word always declines.

Properties over random flat arithmetic (digits or words, symbols or spoken operators) rendered inside random
greetings, politeness and frames written here; the expected value is worked with `fractions.Fraction` by the
test's own precedence fold, never by the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit.tools.math._chat import normalize, numbers_in_words, operator_typo, parts_of_numbers
from tests.helpers import math_answer

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

_GREETINGS = ("", "hi ", "hi! ", "hey, ", "hello ", "hey there, ")
_POLITE = ("", "please ", "pls ")
_FRAMES = ("{}", "what is {}", "whats {}", "what's {}", "how much is {}", "calculate {}", "compute {}",
           "work out {}", "can you tell me what {} is", "what does {} come to", "{} = ?", "{} equals?")
_ENDINGS = ("", "?", " thanks", " thank you", " thx", "? thanks!", " please")
_SYMBOLS = {"+": ("+", " plus "), "-": ("-", " minus "), "*": ("*", " times ", "×"), "/": ("/", " divided by ")}
_UNKNOWN = ("banana", "purple", "zebra", "yesterday", "roughly", "apples")


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    return _ONES[hundreds] + " hundred" + (" " + _words(rest) if rest else "")


def _value(numbers: list[int], ops: list[str]) -> Fraction | None:
    """Flat arithmetic by precedence: × and ÷ folded first, then + and − left to right."""
    terms, signs, current = [], [], Fraction(numbers[0])
    for op, n in zip(ops, numbers[1:]):
        if op == "*":
            current *= n
        elif op == "/":
            if n == 0:
                return None
            current /= n
        else:
            terms.append(current)
            signs.append(op)
            current = Fraction(n)
    terms.append(current)
    total = terms[0]
    for sign, term in zip(signs, terms[1:]):
        total = total + term if sign == "+" else total - term
    return total


@st.composite
def _requests(draw: st.DrawFn) -> tuple[list[str], Fraction | None]:
    size = draw(st.integers(2, 4))
    numbers = draw(st.lists(st.integers(0, 999), min_size=size, max_size=size))
    ops = draw(st.lists(st.sampled_from("+-*/"), min_size=size - 1, max_size=size - 1))
    parts = [_words(numbers[0]) if draw(st.booleans()) else str(numbers[0])]
    for op, n in zip(ops, numbers[1:]):
        parts.append(draw(st.sampled_from(_SYMBOLS[op])).strip() or op)
        parts.append(_words(n) if draw(st.booleans()) else str(n))
    core = " ".join(parts)
    frame = draw(st.sampled_from(_FRAMES))
    text = draw(st.sampled_from(_GREETINGS)) + draw(st.sampled_from(_POLITE)) + frame.format(core)
    text += draw(st.sampled_from(_ENDINGS)) if "?" not in frame else ""
    return text.split(" "), _value(numbers, ops)


def _as_fraction(text: str) -> Fraction:
    return Fraction(text.replace(" ", ""))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_requests())
def test_dressed_arithmetic_gives_the_value_or_declines(request_and_value: tuple[list[str], Fraction | None]) -> None:
    words, expected = request_and_value
    text = " ".join(words)
    answer = math_answer(text)
    if answer is None:
        return
    shown, verified = answer
    if expected is None:
        assert not verified, f"{text!r}: division by zero answered {shown!r}"
        return
    assert verified, f"{text!r}: {shown!r} unverified"
    assert _as_fraction(shown) == expected, f"{text!r}: answered {shown!r}, the value is {expected}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_requests(), st.sampled_from(_UNKNOWN), st.integers(0, 100))
def test_an_unknown_word_anywhere_declines(request_and_value: tuple[list[str], Fraction | None], word: str,
                                           where: int) -> None:
    words, _ = request_and_value
    position = where % (len(words) + 1)
    text = " ".join([*words[:position], word, *words[position:]])
    answer = math_answer(text)
    assert answer is None or not answer[1], f"{text!r}: the word {word!r} is unexplained, yet answered {answer}"


@pytest.mark.parametrize(("text", "expected"), [
    ("twenty-three", "23"),
    ("one hundred five", "105"),
    ("two thousand forty", "2040"),
    ("negative seven point two five", "-7.25"),
    ("a dozen", "12"),
    ("three dozen", "36"),
    ("three quarters", "(3/4)"),
    ("a half", "(1/2)"),
    ("1,250 + 3,875", "1250 + 3875"),
    ("$80 minus $12.50", "80 minus 12.50"),
    ("$2.5k", "2500"),
    ("2.5 million", "2500000"),
])
def test_numbers_as_people_write_them(text: str, expected: str) -> None:
    assert numbers_in_words(text) == expected


@pytest.mark.parametrize("text", [
    "the sum of one hundred and five",  # 105, or 100 and 5 in a list? a list can hold it here
    "add a hundred and twenty to 5",
    "one hundred and five thousand plus 1",  # "and" before a scale word: not the British "and"
    "five twenty",  # not one number
    "twenty third",  # an ordinal, not 20/3
    "two third",
    "1,250, 300",  # thousands separators and list commas together
])
def test_numbers_that_are_not_one_reading_decline(text: str) -> None:
    assert numbers_in_words(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("a hundred and twenty divided by eight", "120 divided by 8"),
    ("one hundred and five", "105"),  # the whole step: no list can hold it
    ("7 times two thousand and twelve", "7 times 2012"),
    ("three hundred and forty-five minus nine", "345 minus 9"),
])
def test_british_and_is_one_number_where_no_list_can_hold_it(text: str, expected: str) -> None:
    assert numbers_in_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("12 tiems 4", "12 times 4"),
    ("12 tmies 4", "12 times 4"),
    ("five mnus three", "5 minus 3"),
    ("81 divdied by 9", "81 divided by 9"),
    ("81 devided by 9", "81 divided by 9"),
    ("7 plsu 8", "7 plus 8"),
    ("6 squared plus 8 squared", "6^2 plus 8^2"),
    ("sqrt of 3 times sqrt of 27", "sqrt(3) times sqrt(27)"),
    ("16 to the half power", "16 to the power of (1/2)"),
    ("8 to the 2/3 power", "8 to the power of (2/3)"),
    ("e to the 3", "e to the power of (3)"),
    ("10 to the -2", "10 to the power of (-2)"),
])
def test_chat_spellings_of_operators_and_powers(text: str, expected: str) -> None:
    assert numbers_in_words(text) == expected


@pytest.mark.parametrize("text", [
    "the tiems of 4",  # a typo only between two numbers
    "2 plus 3 squared",  # not every operand carries its own power word: left to the grammar
    "5 squared minus 4 squared plus 1",
    "sqrt of 2 times 8",
    "2 to the 3rd",  # an ordinal power is the grammar's
])
def test_what_the_chat_spellings_leave_alone(text: str) -> None:
    assert numbers_in_words(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("hi! whats the sum of twelve and 18 thanks", "the sum of 12 and 18"),
    ("can you tell me what 797 plus 19 is", "797 plus 19"),
    ("what does 3 + 4 come to?", "3 + 4"),
    ("10-20 = ?", "10-20"),
    ("solve 3 + 4", "3 + 4"),
])
def test_frames_are_stripped_at_the_edges(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["solve x + 4 = 5", "what is 3 plus 4 lol"])
def test_what_is_not_a_known_frame_stays(text: str) -> None:
    out = normalize(text)
    assert out is None or out.endswith(("5", "lol"))


def _one_edit_typos(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or adjacent swap from ``word`` (written here)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    return out - {word}


_ENGLISH_NEAR_OPERATORS = {"mins", "mines", "mints", "minds", "menus", "tides", "tiles", "time", "timer", "ties",
                           "plum", "plug", "plush", "divides", "divider", "multiplier", "multiplies"}


@pytest.mark.parametrize(("operator", "symbol"), [("times", "*"), ("plus", "+"), ("minus", "-"),
                                                  ("divided", "/"), ("multiplied", "*")])
def test_every_one_edit_typo_of_an_operator_between_numbers_is_that_operator(operator: str, symbol: str) -> None:
    by = " by" if operator in ("divided", "multiplied") else ""
    expected = {"*": 105, "+": 26, "-": 16, "/": Fraction(21, 5)}[symbol]
    checked = 0
    for typo in sorted(_one_edit_typos(operator)):
        if len(typo) < 4 or typo in _ENGLISH_NEAR_OPERATORS or operator_typo(typo) is None:
            continue
        assert numbers_in_words(f"21 {typo}{by} 5") == f"21 {operator}{by} 5"
        got = math_answer(f"21 {typo}{by} 5")
        assert got is not None and Fraction(got[0]) == expected, typo
        checked += 1
    assert checked > 50 * len(operator)  # nearly every typo is read, not a few listed ones


@pytest.mark.parametrize("text", [
    "20 mins 3", "20 mines 3", "4 tiles 6", "3 plum 4", "5 time 3", "20 menus 3",  # English words stay words
    "45 tmies",  # not between two numbers
    "81 divdied 9", "7 multiplied 6",  # "divided"/"multiplied" only with "by"
    "3 tmes by 4",  # "times" takes no "by"
    "8 mxnus 2 plus",
])
def test_words_near_an_operator_that_are_not_typos_decline(text: str) -> None:
    assert math_answer(text) is None


def test_a_typo_near_two_operators_or_short_is_not_read() -> None:
    assert operator_typo("pls") is None  # please, three letters
    assert operator_typo("times") is None and operator_typo("tmies") == "times"
    assert operator_typo("plux") == "plus" and operator_typo("mnus") == "minus"


@pytest.mark.parametrize(("text", "value"), [
    ("can u tell me what 5 times 7 is", "35"),
    ("could u work out 12 x 4 plz", "48"),
    ("r u able to calculate 8 times 9", "72"),
    ("hw much is 13 times 3", "39"),
    ("wats 3 plus 4 thx", "7"),
    ("do u know what 6 times 7 is", "42"),
    ("what do u get if u multiply 3 by 4", "12"),
])
def test_chat_shorthand_frames(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)


@pytest.mark.parametrize("text", ["u 5 times 4", "can u 5 times 4 lol", "r u 8 times 9"])
def test_shorthand_without_its_frame_declines(text: str) -> None:
    assert math_answer(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("1/2 of 1/3 of 90", "15"),
    ("a quarter of half of 120", "15"),
    ("30% of 1/4 of 400", "30"),
    ("two thirds of 50% of 60", "20"),
    ("whats 10 percent of 20% of 500", "10"),
    ("half of half of half of 64", "8"),
    ("5% of 300 plus 5% of 100", "20"),
    ("20% of 60 minus 10% of 30", "9"),
    ("1/2 of 10 plus 1/3 of 9", "8"),
])
def test_a_part_of_a_part_is_a_product(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)


@pytest.mark.parametrize("text", [
    "5% of 200 plus 100",  # (5% of 200) + 100, or 5% of 300? only parallel parts say where each ends
    "100 minus 20% of 50",
    "1/2 of 1/3 of 60 apples",
    "half of 1/3 of 60 people",
    "1/2 of 1/3 or 60",
])
def test_parts_of_numbers_that_do_not_close_decline(text: str) -> None:
    assert math_answer(text) is None


def test_parts_of_numbers_rewrite() -> None:
    assert parts_of_numbers("30% of 1/4 of 200") == "((30/100) * (1/4) * 200)"
    assert parts_of_numbers("30% of 200") is None  # one part of one number: its own operation


@pytest.mark.parametrize(("text", "value"), [
    ("1 + 2 + ... + 20", "210"),
    ("2 + 4 + 6 + ... + 30", "240"),
    ("1 + 3 + 5 + ... + 49", "625"),
    ("whats 1+2+3+...+1000", "500500"),
    ("the sum 5 + 10 + … + 100", "1050"),
    ("1 plus 2 plus ... plus 50", "1275"),
    ("20 + 17 + ... + 2", "77"),
    ("-3 + -1 + ... + 5", "5"),
])
def test_a_sum_with_an_ellipsis_is_an_arithmetic_series(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)
    first, second = (int(t) for t in text.replace("whats ", "").replace("the sum ", "").replace("plus", "+")
                     .split("+")[:2])
    last = int(text.split("+")[-1].replace("plus", "").strip()) if "+" in text else 50
    assert sum(range(first, last + (second - first), second - first)) == int(value)


@pytest.mark.parametrize("text", [
    "1 + ... + 10",  # one term fixes no step
    "1 + 3 + ... + 10",  # 10 is not on 1, 3, 5, ...
    "1 + 2 + 4 + ... + 64",  # not arithmetic
    "1 + 2 + ... + 10.5",
    "1 + 2 + ... + 2",  # the last term before the dots
    "1 + 2 + ... + 10 + 5",
    "5 + 5 + ... + 5",
])
def test_a_sum_with_an_ellipsis_that_is_no_progression_declines(text: str) -> None:
    assert math_answer(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("can u tell me if 89 is prime", "True"),
    ("do you know whether 2026 is odd", "False"),
    ("check if 57 is prime", "False"),
    ("how much is 3 dozen times 2", "72"),
    ("calc 14 * 14", "196"),
    ("16 times 16 is what", "256"),
    ("sqrt of 196", "14"),
])
def test_more_chat_frames(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)


@pytest.mark.parametrize("text", [
    "if 97 is prime",  # no "tell me" / "do you know" before it
    "tell me if 97 is prime then add 3",
    "what is 15 times what",
    "16 times 16 is what banana",
])
def test_more_chat_frames_near_misses_decline(text: str) -> None:
    assert math_answer(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("umm what is 6 times 6", "36"),
    ("what would 11 times 12 be", "132"),
    ("wut is 9 times 9", "81"),
    ("turn 0.75 into a fraction", "3/4"),
])
def test_fillers_and_would_be_frames(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)


@pytest.mark.parametrize(("text", "value"), [("1 + 2 + 3 ... + 12", "78"), ("2 + 4 + 6 + ... 16", "72"),
                                             ("1+2+3...20", "210")])
def test_an_ellipsis_with_a_plus_on_one_side(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)


def test_a_minus_after_bare_dots_is_not_a_term() -> None:
    assert math_answer("5 + 3 ... -1") is None  # the last term -1, or minus 1?


@pytest.mark.parametrize(("text", "value"), [("what's 13 times 13 again", "169"), ("whats 8 times 12 real quick", "96")])
def test_asides_at_the_end_carry_no_meaning(text: str, value: str) -> None:
    assert math_answer(text) == (value, True)
