"""Tokens and numbers for the units family: digits, decimals, ``7/4`` and words ("thirty-one fifths").

Every number becomes an exact `Fraction`; nothing is evaluated. Sizes are
checked here, so no step can ask for a number with a thousand digits.

    >>> tokens = tokenize("three fifths of a km")
    >>> read_amount(tokens, 0)
    (Fraction(3, 5), 4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["MAX_MAGNITUDE", "Token", "read_amount", "read_number", "tokenize"]

MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 60
MAX_MAGNITUDE = Fraction(10) ** MAX_EXPONENT

_TOKEN = re.compile(
    r"""
    (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+(?![A-Za-z]))?|\.\d+)
    |(?P<word>°\s?[A-Za-z]+|(?:(?![²³])[^\W\d_])+(?:[-'](?:(?![²³])[^\W\d_])+)*|[℃℉Ω°])
    |(?P<sym>\*\*|[-+*/^()²³×·⋅−])
    |(?P<space>\s+)
    """,
    re.VERBOSE,
)

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fourteeen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# "second" is left out on purpose: "one second" is a time, never a half.
_DENOMINATORS: dict[str, int] = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
for _word, _n in [("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7), ("eighth", 8),
                  ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("twelth", 12),
                  ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16),
                  ("seventeenth", 17), ("eighteenth", 18), ("nineteenth", 19), ("twentieth", 20),
                  ("thirtieth", 30), ("fortieth", 40), ("fiftieth", 50), ("hundredth", 100),
                  ("thousandth", 1000), ("millionth", 10**6)]:
    _DENOMINATORS[_word] = _DENOMINATORS[_word + "s"] = _n
_DENOMINATORS["eighths"] = 8


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a step: ``kind`` is ``num``, ``word`` or ``sym``; ``start``/``end`` index the text."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token] | None:
    """The tokens of ``text``, or None when it holds a character the units grammar never uses."""
    tokens, position = [], 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        kind = match.lastgroup
        if kind == "space":
            continue
        value = match.group().replace(" ", "") if kind == "word" else match.group()
        tokens.append(Token(kind, value, match.start(), match.end()))
    return tokens if position == len(text) else None


def number_value(text: str) -> Fraction | None:
    """The exact value of a digit token (``1,250.5``, ``3e-4``), None past the size limits."""
    if len(text) > MAX_NUMBER_CHARS:
        return None
    mantissa, _, exponent = text.replace(",", "").lower().partition("e")
    if exponent and abs(int(exponent)) > MAX_EXPONENT:
        return None
    value = Fraction(mantissa) * Fraction(10) ** int(exponent or 0)
    return value if value < MAX_MAGNITUDE else None


def _is(tokens: list[Token], i: int, *words: str) -> bool:
    return i < len(tokens) and tokens[i].lower in words


def read_number(tokens: list[Token], i: int) -> tuple[Fraction, int] | None:
    """A plain number at ``tokens[i]``: digits (``7/4``, ``1 1/2``, ``5 million``) or integer words."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token.kind == "num":
        value = number_value(token.text)
        if value is None:
            return None
        i += 1
        if _adjacent_fraction(tokens, i - 1) and value.denominator == 1:
            denominator = number_value(tokens[i + 1].text)
            if not denominator or denominator.denominator != 1:
                return None
            return value / denominator, i + 2
        mixed = i < len(tokens) and tokens[i].kind == "num" and _adjacent_fraction(tokens, i)
        if value.denominator == 1 and mixed:
            p, q = number_value(tokens[i].text), number_value(tokens[i + 2].text)  # "1 1/2"
            if p is None or not q or p.denominator != 1 or q.denominator != 1 or p >= q:
                return None
            return value + p / q, i + 3
        while _is(tokens, i, *_SCALES) and value * _SCALES[tokens[i].lower] < MAX_MAGNITUDE:
            value *= _SCALES[tokens[i].lower]
            i += 1
        return value, i
    return _read_words(tokens, i)


def _adjacent_fraction(tokens: list[Token], i: int) -> bool:
    """``tokens[i]`` is the numerator of a ``p/q`` written without spaces."""
    return (i + 2 < len(tokens) and tokens[i + 1].text == "/" and tokens[i + 2].kind == "num"
            and tokens[i].end == tokens[i + 1].start and tokens[i + 1].end == tokens[i + 2].start)


def _word_parts(token: Token) -> list[str]:
    return token.lower.split("-") if token.kind == "word" else []


def _read_words(tokens: list[Token], i: int) -> tuple[Fraction, int] | None:
    """An integer in words: "thirty-one", "one hundred and five", "two thousand three hundred"."""
    total, group, seen = 0, 0, False
    while i < len(tokens):
        parts = _word_parts(tokens[i])
        if not parts:
            break
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES and 0 < _ONES[parts[1]] < 10:
            if group % 100:
                return None
            group += _TENS[parts[0]] + _ONES[parts[1]]
        elif len(parts) != 1:
            break
        elif parts[0] in _ONES or parts[0] in _TENS:
            value = _ONES.get(parts[0], _TENS.get(parts[0], 0))
            if group % 100 and (value >= 10 or group % 10):
                return None  # "five six" or "twenty ten" is not one number
            group += value
        elif parts[0] == "hundred" and seen and 0 < group < 10:
            group *= 100
        elif parts[0] in _SCALES and seen and 0 < group < 1000:
            total, group = total + group * _SCALES[parts[0]], 0
        elif parts[0] == "and" and seen and _word_parts_at(tokens, i + 1) and group % 100 == 0:
            pass  # "one hundred and five"
        else:
            break
        seen = True
        i += 1
    if not seen:
        return None
    return Fraction(total + group), i


def _word_parts_at(tokens: list[Token], i: int) -> bool:
    parts = _word_parts(tokens[i]) if i < len(tokens) else []
    return bool(parts) and (parts[0] in _ONES or parts[0] in _TENS)


def read_amount(tokens: list[Token], i: int) -> tuple[Fraction, int] | None:
    """How much of a unit comes next, consuming a trailing "of a"/"of an".

    Accepts a number ("7/4", "2.5"), "a"/"an"/"one", "half a", "a quarter of an",
    a fraction in words ("three fifths of a"), and "<number> and a half".
    """
    if _is(tokens, i, "half"):
        end = i + 1 + _is(tokens, i + 1, "of")
        return (Fraction(1, 2), end + 1) if _is(tokens, end, "a", "an") else None
    if _is(tokens, i, "a", "an") and not _is(tokens, i + 1, *_DENOMINATORS):
        return Fraction(1), i + 1
    if _is(tokens, i, "a", "an"):
        value, i = Fraction(1), i + 1
    else:
        read = read_number(tokens, i)
        if read is None:
            return None
        value, i = read
    if _is(tokens, i, *_DENOMINATORS) and value.denominator == 1 and tokens[i - 1].kind == "word":
        value /= _DENOMINATORS[tokens[i].lower]
        i += 1
        if _is(tokens, i, "of") and _is(tokens, i + 1, "a", "an"):
            i += 2
        return value, i
    if _is(tokens, i, "of") and _is(tokens, i + 1, "a", "an") and value.denominator != 1:
        return value, i + 2  # "7/4 of a gram"
    and_a = _is(tokens, i, "and") and _is(tokens, i + 1, "a", "an", "one")
    if and_a and _is(tokens, i + 2, "half", "quarter"):
        return value + Fraction(1, _DENOMINATORS[tokens[i + 2].lower]), i + 3
    return value, i
