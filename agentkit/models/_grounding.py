"""Grounded translations: a model's request may bring no number the step, its context or the schemas do not hold.

A translation is the model's reading of the step, and a tool computes it exactly; a number the
model brought in (``12*12*12`` for "How many items are in shop?") would be computed, exactly and
wrongly. So every number of a translation must be one the step (with its context: earlier results,
the offered schemas) states, in digits or in words ("three", "a dozen", "twice", "25%" as 25 or
0.25, "November" as 11); 0 and 1 always are. A family whose own few-shot examples bring numbers of
their own (a pattern's ``{5}``, an example text) is not held to this: its form writes numbers by
design, and its tool checks them.

    >>> ungrounded("12 * 12 * 12", ["How many items are in shop?"])
    '12'
    >>> ungrounded("20 - 4 * 3", ["Pens cost $3 each; Sam buys four and pays with a $20 bill."]) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fractions import Fraction

__all__ = ["about_schemas", "grounded_family", "foreign_words", "ungrounded"]

_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")  # digits inside a name ("col2", "t1") are not a number
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
_WORDS: dict[str, tuple[int | Fraction, ...]] = {
    "two": (2,), "three": (3,), "four": (4,), "five": (5,), "six": (6,), "seven": (7,), "eight": (8,),
    "nine": (9,), "ten": (10,), "eleven": (11,), "twelve": (12,), "thirteen": (13,), "fourteen": (14,),
    "fifteen": (15,), "sixteen": (16,), "seventeen": (17,), "eighteen": (18,), "nineteen": (19,),
    "twenty": (20,), "thirty": (30,), "forty": (40,), "fifty": (50,), "sixty": (60,), "seventy": (70,),
    "eighty": (80,), "ninety": (90,), "hundred": (100,), "thousand": (1000,), "million": (10**6,),
    "dozen": (12,), "pair": (2,), "couple": (2,), "twice": (2,), "double": (2,), "doubled": (2,),
    "both": (2,), "half": (2, Fraction(1, 2)), "halves": (2,), "quarter": (4, Fraction(1, 4)),
    "quarters": (4,), "third": (3,), "thirds": (3,), "triple": (3,), "tripled": (3,), "thrice": (3,),
    "square": (2,), "squared": (2,), "cube": (3,), "cubed": (3,), "percent": (100,), "percentage": (100,),
    "january": (1,), "february": (2,), "march": (3,), "april": (4,), "may": (5,), "june": (6,),
    "july": (7,), "august": (8,), "september": (9,), "october": (10,), "november": (11,), "december": (12,),
}
_ALWAYS = frozenset({Fraction(0), Fraction(1)})


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(_THOUSANDS.sub("", text))


def _known(text: str) -> set[Fraction]:
    known = {Fraction(n) for n in _numbers(text)}
    percents = [Fraction(n) for n in _PERCENT.findall(_THOUSANDS.sub("", text))]
    known |= {p / 100 for p in percents} | ({Fraction(100)} if percents else set())
    for word in _WORD.findall(text):
        known |= {Fraction(n) for n in _WORDS.get(word.lower(), ())}
    return known


def ungrounded(spec: str, sources: Iterable[str | None]) -> str | None:
    """The numbers of ``spec`` that no source holds (comma-separated, in order), or ``None`` when all are held.

    Args:
        spec: the formal part of a translation, as the model wrote it.
        sources: the step, its context (earlier results), the schemas offered.
    """
    known = set(_ALWAYS)
    for source in sources:
        if source:
            known |= _known(source)
    foreign = [n for n in _numbers(spec) if Fraction(n) not in known]
    return ", ".join(dict.fromkeys(foreign)) or None


def grounded_family(examples: Iterable[tuple[str, str]]) -> bool:
    """Whether a family's translations are held to `ungrounded`: all its own examples pass it."""
    return all(ungrounded(answer.partition(":")[2], [question]) is None for question, answer in examples)


_DEFINED = re.compile(r"([A-Za-z_]\w*)\s*\(")


def about_schemas(step: str, described: Mapping[str, str]) -> list[str]:
    """The described names (a schema's key, or a name it defines as ``name(…)``) that ``step`` mentions as words."""
    words = {word.lower() for word in re.findall(r"[A-Za-z_]\w*", step)}
    found = []
    for key, text in described.items():
        names = [key, *_DEFINED.findall(text)]
        found += [name for name in names if name.lower() in words]
    return list(dict.fromkeys(found))


# Words a planner may add when it splits a request in the request's own words: references to an earlier
# step, function words, and verbs that ask for a value without saying which operation. An operation
# ("differentiate", "solve", "round") or a name ("x", "miles") must come from the request itself.
_PLAN_WORDS = frozenset("""
    it its that this those these them they result results previous answer value step first second then next
    the a an of to and or is are was be what which how much many in at by for from with on as
    convert calculate compute find give get show work out
""".split())
_STEM = 5  # "square" and "squared", "convert" and "converted": one word, inflected


def foreign_words(step: str, request: str) -> str | None:
    """The words of a planned ``step`` that ``request`` does not hold (comma-separated), or ``None``.

    A plan is the request cut into steps; a model that brings words of its own (its prompt's example
    "Differentiate x**3 + 2*x" planned for a question about a recurrence) has changed the question, and
    a tool would compute that other question exactly. Inflections count as the same word.

        >>> foreign_words("square it", "take 3 miles in km, squared") is None
        True
        >>> foreign_words("evaluate it at x = 2", "If f(n + 1) = n - 2f(n), compute f(1) + f(2)")
        'evaluate, x'
    """
    held = {w.lower() for w in _WORD.findall(request)}
    stems = {w[:_STEM] for w in held if len(w) >= _STEM}
    foreign = [w for w in _WORD.findall(step)
               if (lw := w.lower()) not in held and lw not in _PLAN_WORDS
               and not (len(lw) >= _STEM and lw[:_STEM] in stems)]
    return ", ".join(dict.fromkeys(foreign)) or None
