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

from agentkit.tools.math._chat import normalize, numbers_in_words
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
