"""Probabilities of draws without replacement: ``Two letters picked without replacement from aabc. Prob of sequence ab?``

A draw is a bag (``ammnm`` or ``{z: 2, r: 7}``, or balls of named colours in
chat phrasing) and how many items are taken. The event is either counts of each
letter (``1 m and 1 n``, in any order) or an exact sequence (``sequence pa``).
Counts use binomial coefficients and sequences a product of conditional
probabilities; the check enumerates every ordered draw when that is small, and
otherwise recomputes the value with the other formula (counts from one order's
probability times the number of orders, a sequence from counts divided by it).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase
from agentkit.tools.math._parser import MathSyntaxError, parse

__all__ = ["OPERATIONS"]

MAX_DRAWN = 10
MAX_LETTERS = 500
MAX_COUNT = 10**6
MAX_ENUMERATION = 200_000  # ordered draws the check enumerates one by one

# Bindings left by "Two letters picked without replacement from X." for the question that follows.
# They are ordinary expressions (``2`` and ``a + 9*m``) so that any scope can read them.
SIZE_KEY = "_draw_size"
BAG_KEY = "_draw_bag"

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_BAG = r"(?P<bag>[a-z]+|\{[^{}]*\})"
_SETUP = (rf"(?P<size>{_COUNT}) letters? (?:are |were )?(?:picked|drawn|chosen|selected|taken) "
          rf"without replacement from {_BAG}")
_ASK = r"(?:(?:what is|what's|give|calculate|compute|find|determine|work out) )?(?:the )?(?:prob|probability) of"
_EVENT = r"(?:picking|drawing|getting|choosing|selecting) (?P<event>\d+ [a-z](?:(?:,|,? and) \d+ [a-z])*)"
_SEQUENCE = r"(?:the )?sequence (?P<sequence>[a-z]+)"


@dataclass(frozen=True, kw_only=True)
class Draw:
    """Items taken without replacement from a bag, and the outcome asked about.

    Attributes:
        bag: how many of each kind the bag holds.
        size: how many items are taken.
        counts: the outcome as counts per kind, in any order (``None`` for a sequence).
        sequence: the outcome as an exact order of kinds (``None`` for counts).
    """

    bag: dict[str, int]
    size: int
    counts: dict[str, int] | None = None
    sequence: tuple[str, ...] | None = None


# -- reading the bag and the event -------------------------------------------

def _count(text: str) -> int:
    word = text.lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _bag(text: str) -> dict[str, int]:
    if text.startswith("{"):
        entry = r"\s*([A-Za-z])\s*:\s*(\d{1,7})\s*"
        if not re.fullmatch(rf"\{{{entry}(?:,{entry})*\}}", text):
            raise MathSyntaxError(f"{text!r} is not a bag such as {{a: 2, b: 3}}")
        pairs = re.findall(entry, text[1:-1])
        bag = {letter: int(n) for letter, n in pairs}
        if len(bag) != len(pairs) or any(n < 1 or n > MAX_COUNT for n in bag.values()):
            raise MathSyntaxError("each letter once, with a count between 1 and a million")
        return bag
    if len(text) > MAX_LETTERS:
        raise MathSyntaxError(f"more than {MAX_LETTERS} letters in the bag")
    return dict(Counter(text))


def _draw(size_text: str, bag: dict[str, int]) -> tuple[dict[str, int], int]:
    size = _count(size_text)
    if not 1 <= size <= min(MAX_DRAWN, sum(bag.values())):
        raise MathSyntaxError(f"cannot take {size} items from a bag of {sum(bag.values())} (limit {MAX_DRAWN})")
    return bag, size


def _remembered(scope: Scope) -> tuple[dict[str, int], int]:
    """The draw bound by an earlier "N letters picked without replacement from X." step."""
    notes = getattr(scope, "notes", None) or {}
    values = {key: parse(notes[key]).expr if key in notes else scope.names.get(key) for key in (SIZE_KEY, BAG_KEY)}
    size, bag_expr = values[SIZE_KEY], values[BAG_KEY]
    if size is None or bag_expr is None or not size.is_Integer:
        raise MathSyntaxError("no draw was described before this question")
    bag = {}
    for term, coefficient in bag_expr.as_coefficients_dict().items():
        if not (term.is_Symbol and len(term.name) == 1 and coefficient.is_Integer and coefficient > 0):
            raise MathSyntaxError("the remembered bag is not letters with counts")
        bag[term.name] = int(coefficient)
    return _draw(str(size), bag)


def _event(slots: Slots, bag: dict[str, int], size: int) -> Draw:
    if "sequence" in slots:
        sequence = tuple(slots["sequence"])
        if len(sequence) != size:
            raise MathSyntaxError(f"a sequence of {len(sequence)} letters, but {size} are picked")
        _known(sequence, bag)
        return Draw(bag=bag, size=size, sequence=sequence)
    pairs = re.findall(r"(\d+) ([A-Za-z])\b", slots["event"])
    counts = {letter: int(n) for n, letter in pairs}
    if len(counts) != len(pairs) or any(n < 1 for n in counts.values()):
        raise MathSyntaxError("each letter once, with a positive count")
    if sum(counts.values()) != size:
        raise MathSyntaxError(f"the counts add up to {sum(counts.values())}, but {size} are picked")
    _known(counts, bag)
    return Draw(bag=bag, size=size, counts=counts)


def _known(letters: object, bag: dict[str, int]) -> None:
    missing = sorted(set(letters) - set(bag))  # type: ignore[call-overload]
    if missing:
        raise MathSyntaxError(f"{', '.join(missing)} is not in the bag")


# -- two formulas and an enumeration ------------------------------------------

def _by_counts(bag: dict[str, int], size: int, counts: dict[str, int]) -> Fraction:
    favourable = math.prod(math.comb(bag[letter], n) for letter, n in counts.items())
    return Fraction(favourable, math.comb(sum(bag.values()), size))


def _by_sequence(bag: dict[str, int], sequence: tuple[str, ...]) -> Fraction:
    left, total, probability = dict(bag), sum(bag.values()), Fraction(1)
    for letter in sequence:
        probability *= Fraction(left[letter], total)
        left[letter] -= 1
        total -= 1
        if probability == 0:
            break
    return probability


def _orderings(counts: dict[str, int]) -> int:
    return math.factorial(sum(counts.values())) // math.prod(math.factorial(n) for n in counts.values())


def _compute(draw: Draw) -> sympy.Rational:
    if draw.sequence is not None:
        value = _by_sequence(draw.bag, draw.sequence)
    else:
        value = _by_counts(draw.bag, draw.size, draw.counts or {})
    return sympy.Rational(value.numerator, value.denominator)


def _enumerated(draw: Draw) -> Fraction:
    items = [letter for letter, n in draw.bag.items() for _ in range(n)]
    if draw.sequence is not None:
        wanted = draw.sequence
        hits = sum(1 for taken in itertools.permutations(items, draw.size) if taken == wanted)
    else:
        wanted = tuple(sorted(Counter(draw.counts).elements()))
        hits = sum(1 for taken in itertools.permutations(items, draw.size) if tuple(sorted(taken)) == wanted)
    return Fraction(hits, math.perm(len(items), draw.size))


def _verify(draw: Draw, value: sympy.Rational) -> str | None:
    if math.perm(sum(draw.bag.values()), draw.size) <= MAX_ENUMERATION:
        check, how = _enumerated(draw), "enumerating every ordered draw"
    elif draw.sequence is not None:
        counts = Counter(draw.sequence)
        check, how = _by_counts(draw.bag, draw.size, counts) / _orderings(counts), "counting combinations"
    else:
        one_order = tuple(Counter(draw.counts).elements())
        check = _by_sequence(draw.bag, one_order) * _orderings(draw.counts or {})
        how = "multiplying one order's probability by the number of orders"
    if Fraction(int(value.p), int(value.q)) != check:
        return f"{how} gives {check}, not {value}"
    return None


# -- operations --------------------------------------------------------------

def _prepare_setup(slots: Slots, scope: Scope) -> tuple[dict[str, int], int]:
    return _draw(slots["size"], _bag(slots["bag"]))


def _setup_text(args: tuple[dict[str, int], int], _: object) -> str:
    bag, size = args
    contents = ", ".join(f"{letter}: {n}" for letter, n in sorted(bag.items()))
    return f"{size} letters picked without replacement from {{{contents}}}"


def _setup_bindings(args: tuple[dict[str, int], int], _: object) -> dict[str, str]:
    bag, size = args
    return {SIZE_KEY: str(size), BAG_KEY: " + ".join(f"{n}*{letter}" for letter, n in sorted(bag.items()))}


def _verify_setup(args: tuple[dict[str, int], int], _: object) -> str | None:
    bag, size = args
    return None if 1 <= size <= sum(bag.values()) else "more letters picked than the bag holds"


SETUP = Operation(
    name="draw_setup",
    patterns=phrase(_SETUP),
    prepare=_prepare_setup,
    compute=lambda args: args,
    verify=_verify_setup,
    render=_setup_text,
    binds=_setup_bindings,
    reason="whole step parsed as letters picked without replacement, remembered for the question that follows",
)


def _prepare_probability(slots: Slots, scope: Scope) -> Draw:
    if "bag" in slots:
        bag, size = _draw(slots["size"], _bag(slots["bag"]))
    else:
        bag, size = _remembered(scope)
    return _event(slots, bag, size)


PROBABILITY = Operation(
    name="draw_probability",
    patterns=phrase(
        rf"{_ASK} (?:{_EVENT}|{_SEQUENCE}),? (?:when|if) {_SETUP}",
        rf"{_ASK} (?:{_EVENT}|{_SEQUENCE})",
    ),
    prepare=_prepare_probability,
    compute=_compute,
    verify=_verify,
    render=lambda draw, value: str(value),
    reason="whole step parsed as a draw without replacement and the outcome to find the probability of",
)


# -- probability of drawing 2 red balls from a bag of 3 red and 5 blue without replacement

_BALL = r"(?: balls?| marbles?)?"
_COLOURED = rf"{_COUNT} [a-z]+{_BALL}"
_COLOUR_LIST = rf"{_COLOURED}(?:(?:,|,? and) {_COLOURED})*"
_CONTAINER = r"(?:a|the) (?:bag|box|urn|jar)(?: of| with| containing| that contains| holding)"
_NOT_COLOURS = {"ball", "balls", "marble", "marbles", "and", "of", "with"}


def _coloured(text: str) -> dict[str, int]:
    pairs = re.findall(rf"({_COUNT}) ([a-z]+){_BALL}(?=,|\s+and\s|$)", text, re.IGNORECASE)
    counts = {colour.lower(): _count(n) for n, colour in pairs}
    if len(counts) != len(pairs) or set(counts) & _NOT_COLOURS or any(n < 1 for n in counts.values()):
        raise MathSyntaxError(f"{text!r} is not a list of counts of colours, each colour once")
    return counts


def _prepare_balls(slots: Slots, scope: Scope) -> Draw:
    bag, wanted = _coloured(slots["contents"]), _coloured(slots["wanted"])
    if sum(bag.values()) > MAX_COUNT:
        raise MathSyntaxError("too many balls")
    size = sum(wanted.values())
    _draw(str(size), bag)
    _known(wanted, bag)
    return Draw(bag=bag, size=size, counts=wanted)


BALLS = Operation(
    name="draw_balls_probability",
    patterns=phrase(
        rf"{_ASK} (?:drawing|picking|taking|pulling out|choosing|selecting) (?P<wanted>{_COLOUR_LIST}),? "
        rf"(?:without replacement,? )?(?:from|out of) {_CONTAINER} (?P<contents>{_COLOUR_LIST}),? without replacement",
        rf"{_ASK} (?:drawing|picking|taking|pulling out|choosing|selecting) (?P<wanted>{_COLOUR_LIST}),? "
        rf"without replacement,? (?:from|out of) {_CONTAINER} (?P<contents>{_COLOUR_LIST})",
    ),
    prepare=_prepare_balls,
    compute=_compute,
    verify=_verify,
    render=lambda draw, value: str(value),
    reason="whole step parsed as coloured balls drawn without replacement and the colours wanted",
)

OPERATIONS = (SETUP, PROBABILITY, BALLS)
