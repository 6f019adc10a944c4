"""Small whole numbers as story problems write them: digits, or a word from zero to twenty (``four of them``).

    >>> count("four"), count("12")
    (4, 12)
"""

from __future__ import annotations

from collections.abc import Callable

from agentkit.tools.math._core import Operation, Scope, Slots, phrase
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["COUNT", "ORDINAL", "count", "ordinal", "story"]

WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
# a count: digits (no sign, no decimals) or a number word; longer words first so "fourteen" is not "four"
COUNT = rf"(?:\d{{1,7}}|{'|'.join(sorted(WORDS, key=len, reverse=True))})"
ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(sorted(ORDINALS, key=len, reverse=True))})"


def count(text: str, *, low: int = 0, high: int = 10**6) -> int:
    """The count ``text`` names, between ``low`` and ``high``; else the step declines."""
    word = text.strip().lower()
    if word not in WORDS and not word.isdigit():
        raise MathSyntaxError(f"{text!r} is not a count")
    value = WORDS[word] if word in WORDS else int(word)
    if not low <= value <= high:
        raise MathSyntaxError(f"a count from {low} to {high}, not {value}")
    return value


def ordinal(text: str) -> int:
    """``4th`` / ``fourth`` -> 4; a suffix that does not fit the number (``4rd``) declines."""
    word = text.strip().lower()
    if word in ORDINALS:
        return ORDINALS[word]
    if not word[:-2].isdigit():
        raise MathSyntaxError(f"{text!r} is not an ordinal")
    number = int(word[:-2])
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if word[-2:] != suffix:
        raise MathSyntaxError(f"{text!r} is not an ordinal")
    return number


def story(name: str, patterns: tuple[str, ...], prepare: Callable[[Slots, Scope], object],
          compute: Callable[[object], int], check: Callable[[object], int], interpret: Callable[[object], str],
          reason: str) -> Operation:
    """A counting story's operation: a whole number, checked by ``check`` counting the same thing another way."""
    def verify(args: object, value: int) -> str | None:
        expected = check(args)
        return None if expected == value else f"counted another way: {expected}"

    return Operation(name=name, patterns=phrase(*patterns), prepare=prepare, compute=compute, verify=verify,
                     render=lambda args, value: str(value), reason=reason, interpret=interpret)
