"""Arithmetic said in words, rewritten into the symbols the one precedence grammar reads.

Spoken operators go through the same grammar as symbols, so ``10 - 2 x 3``, ``10 minus 2 times 3``
and ``10 - 2*3`` all read ``10 − 2 × 3`` = 4. The conventions (collected in the README):

- ``times``, ``multiplied by``, ``×`` and an ``x`` written with spaces between two numbers (``2 x 3``) are ×;
  an ``x`` anywhere else is the variable x (``2x + 3``), and ``2 x + 3`` reads as neither: it declines.
- ``divided by`` and ``over`` are ÷; ``plus``, ``minus``, ``take away`` are + and −; ordinary precedence applies.
- ``to the 8th power`` / ``to the fourth`` is a closed exponent, like ``squared`` (``2 to the 8th power minus 1`` = 255).
- ``to the power of`` / ``raised to`` and ``squared`` / ``cubed`` apply within their parentheses
  (``12 plus (1276 raised to the power of 2)``); after a compound left side
  (``2 + 3 to the power of 2``: (2 + 3)^2 or 2 + 3^2?) decline naming both readings; so does ``to the power of``
  with a compound exponent (``2 to the power of 3 + 1``). Symbols (``2 + 3^2``) are unambiguous and answered.
- The open-ended last operand of a phrase (``the sum of 2 and 3 times 4``, ``divide 10 by 2 + 3``,
  ``the square root of 16 plus 9``) must be a single term, else the step declines naming both readings.
- A date-shaped number (``2026-12-25``, ``12/25/2026``) is not arithmetic: the step is left to the dates family.
- In the grammar itself (`_parser`): ``n!!`` is the double factorial, ``(n!)!`` only when written so; postfix ``!``
  binds tightest (``-3!`` = −6, ``2^3!`` = 2^(3!)); ``a + b%`` / ``a − b%`` = a ± (b% of a), the calculator
  convention; ``log`` without a base is log₁₀ of a number (of an expression it declines), ``ln`` is natural;
  the cube (odd) root of a negative number is the real root, ``(−8)^(1/3)`` declines; ``e`` alone in a
  numeric expression is Euler's number; implicit multiplication after a division (``6/2(1+2)``, ``1/2x``)
  declines naming both readings; ``−7 mod 3`` is floored (result ≥ 0 for a positive modulus).
"""

from __future__ import annotations

import re

from agentkit.tools.math._parser import AmbiguousReading, parse

__all__ = ["DATE_SHAPED", "grouped_fractions", "single_term", "to_symbols"]

DATE_SHAPED = re.compile(
    r"(?<![\d.])(?:[12]\d{3}([-/])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01])\2[12]\d{3})(?![\d.])"
)

_NUMBER_END = r"(?<=[\d)!%²³])"
_NUMBER_START = r"(?=[\d(]|-\d|−\d)"
_INFIX_WORDS: tuple[tuple[str, str], ...] = (
    (r"\s+multiplied\s+by\s+", " * "),
    (r"\s+times\s+", " * "),
    (rf"{_NUMBER_END}\s+[x×]\s+{_NUMBER_START}", " * "),
    (r"\s+divided\s+by\s+", " / "),
    (r"\s+over\s+", " / "),
    (r"\s+plus\s+", " + "),
    (r"\s+(?:minus|take\s+away)\s+", " - "),
)
_LONE_X = re.compile(r"(?<=[\d)])\s+x\s+(?=[-+*/^=)]|$)|(?<=[-+*/^(])\s*x\s+(?=[\d(])", re.I)
_POWER_WORDS = re.compile(r"\s+(?:to\s+the\s+power(?:\s+of)?|raised\s+to(?:\s+the\s+power(?:\s+of)?)?)\s+", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}
# "to the 8th power" / "to the fourth": the exponent is closed by the ordinal, so it reads like "squared"
_ORDINAL_POWER = re.compile(rf"\s+(?:raised\s+)?to\s+the\s+(\d+(?:st|nd|rd|th)|{'|'.join(_ORDINALS)})(?:\s+power)?\b",
                            re.I)
_POSTFIX_WORDS = re.compile(r"\s+(squared|cubed)\b", re.I)


# A fraction written tight (3/5) beside an operator in words ("3/5 divided by 9/10"): a person means the fraction.
_WORD_OPERATOR = r"(?:divided\s+by|over|times|multiplied\s+by|x|×|÷)"
_FRACTION_BEFORE = re.compile(rf"(?<![\w./)^])(\d+/\d+)(?=\s+{_WORD_OPERATOR}\s)", re.I)
_FRACTION_AFTER = re.compile(rf"(\s{_WORD_OPERATOR}\s+-?)(\d+/\d+)(?![\w./(^!%²³])", re.I)


def grouped_fractions(text: str) -> str | None:
    """``text`` with each tight fraction beside a spoken operator in parentheses, or None when there is none.

    ``3/5 divided by 9/10`` is (3/5) ÷ (9/10) to a person and 3 ÷ 5 ÷ 9 ÷ 10 by precedence; the caller
    reads the fractions as numbers and says so where the two readings differ.
    """
    grouped = _FRACTION_AFTER.sub(r"\1(\2)", _FRACTION_BEFORE.sub(r"(\1)", text))
    return grouped if grouped != text else None


def _binary_at_top(text: str) -> bool:
    """Whether ``+ - * / × ÷`` joins two terms at the top level of ``text`` (a leading sign does not)."""
    depth, previous = 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "+-−*/×÷" and depth == 0 and previous != "" and (previous.isalnum() or previous in ")%!²³."):
            return True
        if not ch.isspace():
            previous = ch
    return False


def _power_at_top(text: str) -> bool:
    """Whether a power (``^``, ``**``, "to the power of", "to the 4th") stands at the top level of ``text``: a
    power word after it may then raise the power or only its exponent (``2^3 squared``: 64 or 512)."""
    top = text
    while (inner := re.sub(r"\([^()]*\)", "", top)) != top:  # what stands outside every parenthesis
        top = inner
    return "^" in top or "**" in top or bool(_POWER_WORDS.search(top) or _ORDINAL_POWER.search(top))


def single_term(text: str, where: str) -> str:
    """The text in symbols when it is one term; raises when an operator inside it makes the phrase ambiguous.

    Args:
        text: an operand as written, words allowed (``3 times 4``).
        where: the phrase, for the reason (``"the sum of 2 and 3 times 4"``).
    """
    symbols = to_symbols(text)
    parse(symbols)  # not an expression at all: a plain syntax error, so that other phrasings are tried
    if _binary_at_top(symbols):
        raise AmbiguousReading(f"{where.strip()!r} has two readings: the words may apply to {text.strip()!r} "
                              f"as a whole or to its first number only; write it with symbols and parentheses")
    return symbols


def _ambiguous_power(expression: str, word: str) -> AmbiguousReading:
    return AmbiguousReading(f"{expression.strip()!r} has two readings: {word!r} may apply to the whole left side "
                           "or to its last number only (as ^ would); write it with ^ or parentheses")


def to_symbols(text: str) -> str:
    """``text`` with spoken operators replaced by symbols, or raises when the words are ambiguous.

    >>> to_symbols("10 minus 2 times 3")
    '10 - 2 * 3'
    """
    if _LONE_X.search(text):
        raise AmbiguousReading(f"in {text.strip()!r}, x may be the variable x or a times sign; "
                               "write * for times, or 2x for the variable")
    out = text
    for pattern, symbol in _INFIX_WORDS:
        out = re.sub(pattern, symbol, out, flags=re.IGNORECASE)
    for word_pattern, mark in ((_POSTFIX_WORDS, None), (_ORDINAL_POWER, "n"), (_POWER_WORDS, "^")):
        while (m := word_pattern.search(out)) is not None:
            lo, hi = _group(out, m.start(), m.end())  # "12 plus (3 squared)": the words apply inside the group
            left = out[lo:m.start()]
            if _binary_at_top(left) or (mark != "^" and _power_at_top(left)):
                raise _ambiguous_power(text, m.group().strip())
            if mark is None:
                out = out[:lo] + f"({left})" + ("²" if m.group(1).lower() == "squared" else "³") + out[m.end():]
            elif mark == "n":
                word = m.group(1).lower()
                exponent = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
                out = out[:lo] + f"({left})^({exponent})" + out[m.end():]
            else:
                right = out[m.end():hi]
                if _binary_at_top(right):
                    raise _ambiguous_power(text, m.group().strip())
                out = out[:lo] + f"({left})^({right})" + out[hi:]
    return out


def _group(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the innermost parenthesised group holding ``text[start:end]``; the whole text when none."""
    lo, hi, depth = 0, len(text), 0
    for i in range(start - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                lo = i + 1
                break
            depth -= 1
    depth = 0
    for i in range(end, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                hi = i
                break
            depth -= 1
    return lo, hi
