"""The chat English shared by every family's renderer: number words, question frames, politeness, case and spacing."""

from __future__ import annotations

import random
from fractions import Fraction

__all__ = ["decimal_text", "dress", "number_words", "numeral"]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_DIGITS = _ONES[:10]

# Frames around a request; "{}" is the request. Each keeps the request whole, with nothing that could join it.
_PREFIXES = ("pls ", "please ", "hey, ", "hi! ", "quick question: ", "ok so ")
_SUFFIXES = (" pls", " please", " thanks!", " thx", " thank you")
POLITE = 0.15  # the share of phrasings with a politeness prefix, and again with a suffix


def number_words(n: int, *, hyphen: bool = True) -> str:
    """An integer in words, without "and": ``123`` -> ``one hundred twenty-three``.

    Example:
        >>> number_words(-3)
        'negative three'
    """
    if n < 0:
        return "negative " + number_words(-n, hyphen=hyphen)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _ONES[hundreds] + " hundred" + (" " + number_words(rest, hyphen=hyphen) if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return number_words(thousands, hyphen=hyphen) + " thousand" + (" " + number_words(rest, hyphen=hyphen) if rest else "")
    raise ValueError(f"no words for {n!r} here")


def decimal_text(value: Fraction) -> str | None:
    """The exact decimal digits of ``value`` (``Fraction(5, 2)`` -> ``2.5``), or None when it has none that end."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    for places in range(7):
        scaled = value * 10**places
        if scaled.denominator == 1:
            whole, frac = divmod(int(scaled), 10**places)
            return sign + (f"{whole}.{frac:0{places}d}" if places else str(whole))
    return None


def numeral(value: Fraction, rng: random.Random, *, words: float = 0.35, allow_commas: bool = True) -> str:
    """A non-negative integer or terminating decimal as a person types it: digits, words, or thousands commas.

    Example:
        >>> numeral(Fraction(12), random.Random(1), words=1.0)
        'twelve'
    """
    text = decimal_text(value)
    if text is None or value < 0:
        raise ValueError(f"numeral() takes a non-negative terminating decimal, not {value!r}")
    whole, _, frac = text.partition(".")
    if rng.random() < words and int(whole) < 1_000_000:
        spoken = number_words(int(whole), hyphen=rng.random() < 0.6)
        if frac:
            spoken += " point " + " ".join(_DIGITS[int(d)] for d in frac)
        return spoken
    if allow_commas and len(whole) > 4 and rng.random() < 0.3:
        whole = f"{int(whole):,}"
    if frac and whole == "0" and rng.random() < 0.3:
        whole = ""  # ".5"
    if frac and len(frac) == 1 and rng.random() < 0.15:
        frac += "0"  # "2.50"
    return whole + ("." + frac if frac else "")


def dress(request: str, rng: random.Random, *, frames: tuple[str, ...], caps: bool = True,
          question_mark: bool = True, suffix: bool = True) -> str:
    """``request`` in a question frame, with politeness, a trailing "?" or not, and case as people type.

    Args:
        request: the request's own words (an expression, a conversion, a quoted pattern).
        rng: the randomness.
        frames: templates with one ``{}``; an empty frame is the bare request.
        caps: whether the frame may change case (never the request's own text).
        question_mark: whether a trailing "?" may be added.
        suffix: whether a politeness word may follow.
    """
    frame = rng.choice(frames)
    if caps:
        pick = rng.random()
        if pick < 0.15:
            frame = frame[:1].upper() + frame[1:]
        elif pick < 0.2:
            frame = frame.upper().replace("{}", "{}")
    text = frame.format(request)
    if question_mark and rng.random() < 0.5 and not text.endswith("?"):
        text += "?"
    if rng.random() < POLITE:
        text = rng.choice(_PREFIXES) + text
    if suffix and rng.random() < POLITE:
        text += rng.choice(_SUFFIXES)
    if rng.random() < 0.1:
        text = "  " + text + (" " if suffix else "")
    return text
