"""Grade a benchmark answer by what it means, not by how it is spelled.

Both sides go through the project's own safe parser, never ``eval``, ``sympify``
or ``parse_expr``, so an answer such as ``__import__('os')`` is only text. Every
grader returns ``False`` rather than raise.

    >>> same_answer("1/2", "0.5")
    True
    >>> same_answer("2, 0.3, 0, -5", "2, 0, 0.3, -5")
    False
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy

from agentkit.tools._limits import run_with_timeout
from agentkit.tools.math._core import split_top_level
from agentkit.tools.math._parser import parse

__all__ = ["equivalent", "gsm8k_number", "same_answer", "same_number"]

# per comparison; a slower one counts as different. Generous: a grader is not on a request's path, and on a
# loaded machine a short limit turned right answers into "wrong verified" ones.
SIMPLIFY_SECONDS = 10.0

_TIME = re.compile(r"(\d{1,2}):(\d{2})\s*([ap])\.?\s*m\.?", re.IGNORECASE)
# A numeral in a base above ten, such as ``52c74`` or ``-59e8``: digits and letters
# mixed in one word. The parser would read ``59e8`` as 5.9e9, so it is compared as text.
_BASE_NUMERAL = re.compile(r"-?(?=[0-9a-z]*[0-9])(?=[0-9a-z]*[a-z])[0-9a-z]+", re.IGNORECASE)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_AMOUNT = re.compile(
    rf"""
    (?P<sign>-?)\s*\$?\s*(?P<sign2>-?)
    (?:(?P<p>\d+)\s*/\s*(?P<q>\d+)|(?P<number>{_NUMBER}))
    (?:\s*%|(?:\s+[A-Za-z][A-Za-z'-]*)*)
    \.?
    """,
    re.VERBOSE,
)


def same_answer(expected: str, got: str) -> bool:
    """Whether ``got`` means the same as a mathematics_dataset answer.

    Numbers compare exactly (a decimal equals the rational it denotes),
    expressions by sympy equivalence, ``True``/``False`` and option letters
    case-insensitively, clock times after normalising, and comma lists
    element by element in order. Text that does not parse compares as
    whitespace-collapsed, case-folded text.

    Args:
        expected: the gold answer, e.g. ``"3*(c + 492227)**2/2"``.
        got: the answer to grade, in the same sympy-str style.

    Returns:
        True when the answers agree; False otherwise, including on any error.

    Example:
        >>> same_answer("2*x + 2", "2*(x + 1)")
        True
    """
    try:
        return _same(expected.strip(), got.strip())
    except Exception:
        return False


def _same(expected: str, got: str) -> bool:
    expected_items, got_items = split_top_level(expected), split_top_level(got)
    if len(expected_items) > 1 or len(got_items) > 1:
        return len(expected_items) == len(got_items) and all(
            _same_item(e.strip(), g.strip()) for e, g in zip(expected_items, got_items)
        )
    return _same_item(expected, got)


def _same_item(expected: str, got: str) -> bool:
    if not expected or not got:
        return False
    if _is_letter(expected) or _is_letter(got):
        return expected.casefold() == got.casefold()
    expected_time, got_time = _clock_time(expected), _clock_time(got)
    if expected_time or got_time:
        return expected_time == got_time
    if _BASE_NUMERAL.fullmatch(expected):
        return _as_text(expected) == _as_text(got)
    expected_expr, got_expr = _parse(expected), _parse(got)
    if expected_expr is None or got_expr is None:
        return _as_text(expected) == _as_text(got)
    return equivalent(expected_expr, got_expr)


def _is_letter(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


def _clock_time(text: str) -> tuple[int, int, str] | None:
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hour, minute, half = match.groups()
    return int(hour), int(minute), half.upper()


def _as_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _parse(text: str) -> sympy.Basic | None:
    # implicit=False: the dataset always writes ``*``, and ``2b`` must not equal ``b2``.
    try:
        return parse(text, implicit=False).expr
    except Exception:
        return None


def equivalent(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Whether two parsed values are equal: structurally, else their difference simplifies to 0 in time."""
    if a == b:
        return True
    if a.is_Rational and b.is_Rational:
        return False  # exact numbers that differ structurally differ in value
    return bool(run_with_timeout(_is_zero, a - b, seconds=SIMPLIFY_SECONDS))


def _is_zero(difference: sympy.Basic) -> bool:
    # expand settles polynomials cheaply; simplify is the slow, general fallback
    return difference == 0 or sympy.expand(difference) == 0 or sympy.simplify(difference) == 0


def gsm8k_number(answer_text: str) -> Fraction | None:
    """The number after ``####`` in a GSM8K gold answer, without thousands commas.

    Example:
        >>> gsm8k_number("She makes 9 * 2 = $18.\\n#### 1,018")
        Fraction(1018, 1)
    """
    _, marker, tail = answer_text.rpartition("####")
    if not marker:
        return None
    try:
        return Fraction(tail.strip().replace(",", ""))
    except (ValueError, ZeroDivisionError):
        return None


def same_number(expected: Fraction, got: str) -> bool:
    """Whether the answer text is exactly the number ``expected``.

    The text must be a single number: an integer (thousands commas allowed), a
    decimal or a fraction ``p/q``, optionally after ``$`` and before a unit
    word or two (``18 dollars``) or ``%``. Anything else, such as a sentence
    or two numbers, is not accepted.

    Example:
        >>> same_number(Fraction(18), "$18.00")
        True
    """
    try:
        value = _amount(got.strip())
        return value is not None and value == expected
    except Exception:
        return False


def _amount(text: str) -> Fraction | None:
    match = _AMOUNT.fullmatch(text)
    if match is None or (match["sign"] and match["sign2"]):
        return None
    if match["number"] is not None:
        value = Fraction(match["number"].replace(",", ""))
    else:
        value = Fraction(int(match["p"]), int(match["q"]))
    return -value if match["sign"] or match["sign2"] else value
