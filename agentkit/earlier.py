"""Follow-ups that read more of the conversation than the previous result, rewritten into a request a tool
family reads whole (as `agentkit.followup` does for "it"):

- two earlier answers: "the difference between those two" (the larger less the smaller), "the ratio of the
  first to the second", "divide the second by the first", "their gcd", read only when the conversation has
  exactly two earlier turns, both verified values; otherwise declined, saying which two is unclear;
- the previous operation carried on: "and the second derivative?" after a first derivative in one variable,
  "evaluate that from 1 to 2" after an antiderivative, "how many were there?" after a search or a replacement
  in a quoted text, "and all the matches?" after the first one;
- names given values: "x = 3, y = 4", "define f(x) = 3x - 2", "now set x = 10, what's x*y + x" as the
  definitions a tool reads, and a bound name standing as a word ("what's n factorial") as its value.

    >>> by_pair("divide the second by the first", [("6", "turn 1's answer"), ("120", "turn 2's answer")]).text
    'divide 120 by 6'
    >>> as_definitions("x = 3, y = 4")
    'let x = 3, y = 4'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction

from agentkit.followup import (
    JOINED,
    LIST_OPS,
    NUM,
    QUANTITY,
    REF,
    Rewrite,
    core_of,
    is_list,
    names,
    usable,
    wrapped,
)

__all__ = ["as_definitions", "by_binding", "by_pair", "once_more"]

# -- two earlier answers: "the difference between those two", "divide the second by the first", "their gcd" ---

_TWO = (r"(?:(?:those|these|the) (?:two|2)(?: (?:answers|results|values|numbers))?|both(?: (?:answers|results|values"
        r"|numbers))?|them|those|these)")
# "the first", "the second one": only where an answer can stand ("the first 10 odd numbers" is no answer)
_ORDINAL = re.compile(r"\bthe (?P<o>first|second|1st|2nd)(?: (?:one|answer|result|value|number))?"
                      r"(?=$|[?.]|,|\s+(?:by|to|and|from|divided|times|multiplied|minus|plus|over|is|was|squared|cubed"
                      r"|as|in|than)\b)", re.IGNORECASE)
_ORDINALS = {"first": "first", "1st": "first", "second": "second", "2nd": "second"}
_DIFFERENCE = re.compile(rf"(?:what(?:'s| is) )?(?:(?:the )?difference between {_TWO}|the difference|their difference)"
                         r"(?: in (?P<u>[^\d,;=]+))?", re.IGNORECASE)
_RATIO = re.compile(r"(?:what(?:'s| is) )?(?:the )?ratio of (?P<x>.+?) to (?P<y>.+)", re.IGNORECASE)
_PAIR_OPS = re.compile(rf"(?:what(?:'s| is| are) )?(?:their {LIST_OPS}|(?:the )?{LIST_OPS.replace('<op>', '<op2>')}"
                       rf" of {_TWO})", re.IGNORECASE)


def by_pair(text: str, answers: list[tuple[str | None, str]]) -> Rewrite | None:
    """``text`` read against the earlier turns' answers, ``[(value or None, source), ...]`` oldest first, when there
    are exactly two, both verified values: "the difference between those two" (the larger less the smaller),
    "the ratio of the first to the second", "divide the second by the first", "their gcd". ``None`` when it
    names no two answers; a `Rewrite` without ``text`` when it does and which two is unclear (the note says why)."""
    core = core_of(text)
    if not (_DIFFERENCE.fullmatch(core) or _PAIR_OPS.fullmatch(core) or _ORDINAL.search(core)):
        return None
    if not answers:
        return None  # no conversation before it: a request of its own
    if len(answers) != 2:
        turns = "there is 1 earlier turn" if len(answers) == 1 else f"there are {len(answers)} earlier turns"
        return Rewrite(text=None, note=f"it names two earlier answers, and {turns}: which two is unclear")
    missing = [source for value, source in answers if not (value and usable(value) and not is_list(value))]
    if missing:
        return Rewrite(text=None, note=f"it names two earlier answers, and {missing[0]} is not one verified value")
    (a, a_source), (b, b_source) = answers
    note = f"the first = {a} ({a_source}), the second = {b} ({b_source})"
    wrap = {"first": wrapped(a), "second": wrapped(b)}
    if (difference := _DIFFERENCE.fullmatch(core)) is not None:
        target = f" in {difference.group('u').strip()}" if difference.group("u") else ""
        x, y = QUANTITY.fullmatch(a), QUANTITY.fullmatch(b)
        if x and y and x.group("u") == y.group("u") and "°" not in a and not target:  # "90.7 kg - 68.0 kg"
            big, small = (b, a) if Fraction(y.group("n")) >= Fraction(x.group("n")) else (a, b)
            return Rewrite(text=f"{big} - {small}", note=f"{note}; the difference is the larger less the smaller")
        return Rewrite(text=f"the difference between {wrap['second']} and {wrap['first']}{target}", note=note)
    if (ops := _PAIR_OPS.fullmatch(core)) is not None:
        op = next(g for g in ops.groups() if g).lower()
        if op in JOINED:
            return Rewrite(text=f"{wrap['first']}{JOINED[op]}{wrap['second']}", note=note)
        return Rewrite(text=f"the {op} of {a} and {b}", note=note)
    if not _ORDINAL.search(core):
        return None
    named = _ORDINAL.sub(lambda m: wrap[_ORDINALS[m.group("o").lower()]], core)
    if (ratio := _RATIO.fullmatch(named)) is not None:
        return Rewrite(text=f"{ratio.group('x')} / {ratio.group('y')}", note=note)
    return Rewrite(text=named, note=note)


# -- the previous operation once more: "and the second derivative?", "evaluate that from 1 to 2" ------------

_SECOND_DERIVATIVE = re.compile(r"(?:(?:what about|what(?:'s| is)|find|now) )?(?:the |its )?(?:second|2nd) derivative"
                                r"(?: of (?:it|that))?", re.IGNORECASE)
_DIFFERENTIATED = re.compile(r"\b(?:differentiate|derivative of|derive|d/d[a-z])\b", re.IGNORECASE)
_ORDERED = re.compile(r"\b(?:second|third|fourth|2nd|3rd|4th|twice|partial)\b", re.IGNORECASE)
_BOUNDS = re.compile(rf"(?:(?:evaluate|compute|find|take|integrate) (?:{REF} |the integral )?)?(?:from|between) "
                     rf"(?P<a>{NUM}) (?:to|and) (?P<b>{NUM})", re.IGNORECASE)


_HOW_MANY = re.compile(r"how many (?:were there|are there|did it find|(?:of them|matches|replacements|substitutions"
                       r"|changes)(?: (?:was|were|is|are) (?:that|there|made|it))?)", re.IGNORECASE)
# what a text request found or replaced: "find all numbers in 'a1b22'", "replace every vowel in 'banana' with *"
_FOUND = re.compile(r"(?:replace|substitute|find|list|extract|get|show me)(?: all| every| each| the)? (?P<what>[a-z]+)"
                    r" (?:in|from) (?P<text>'[^']*'|\"[^\"]*\")(?: with \S+)?", re.IGNORECASE)
_ALL_MATCHES = re.compile(r"(?:what about |how about )?(?:all (?:the |of the )?matches|every match|all of them)",
                          re.IGNORECASE)
_FIRST_MATCH = ((r"\bmatch first\b", "match"), (r"\bthe first match of\b", "the matches of"))


def once_more(text: str, request: str, result: str, *, source: str = "the previous answer") -> Rewrite | None:
    """A follow-up that carries the previous operation one step on: "and the second derivative?" after a first
    derivative in one variable (the derivative of its result), "evaluate that from 1 to 2" after an
    antiderivative (the previous integral with those bounds), "how many were there?" after a search or a
    replacement in a quoted text (its matches counted), "and all the matches?" after the first one. ``None``
    otherwise."""
    core = core_of(text)
    if _HOW_MANY.fullmatch(core) and (found := _FOUND.fullmatch(request.strip().rstrip("?.!"))):
        what = found.group("what")
        things = what if what.endswith("s") else f"{what}es" if what.endswith(("ch", "sh", "x")) else f"{what}s"
        return Rewrite(text=f"count the {things} in {found.group('text')}",
                       note=f"they = the {things} that '{request}' matched")
    if _ALL_MATCHES.fullmatch(core):
        for first, every in _FIRST_MATCH:
            if len(re.findall(first, request, re.IGNORECASE)) == 1:
                return Rewrite(text=re.sub(first, every, request, flags=re.IGNORECASE),
                               note=f"the previous request '{request}', for every match instead of the first")
        return None
    if _SECOND_DERIVATIVE.fullmatch(core):
        if not _DIFFERENTIATED.search(request) or _ORDERED.search(request) or len(names(result)) != 1:
            return None
        return Rewrite(text=f"differentiate {result}",
                       note=f"the second derivative = the derivative of {result} ({source}, a first derivative)")
    bounds = _BOUNDS.fullmatch(core)
    if bounds is None or not result.rstrip().endswith("+ C") or re.search(r"\b(?:from|between)\b", request):
        return None
    return Rewrite(text=f"{request.rstrip(' ?.')} from {bounds.group('a')} to {bounds.group('b')}",
                   note=f"that = {result} ({source}, of '{request}'), taken from {bounds.group('a')} "
                        f"to {bounds.group('b')}")


# -- names: "x = 3, y = 4", "define f(x) = 3x - 2", "now set x = 10, what's x*y + x", "what's n factorial" -----

_VALUE = r"-?\d+(?:\.\d+)?(?:/\d+)?"
_ASSIGNMENTS = rf"[A-Za-z] ?= ?{_VALUE}(?:(?:,| and|, and) [A-Za-z] ?= ?{_VALUE})*"
_DEFINITIONS = re.compile(
    rf"(?:(?:set|define|make|let) )?(?P<a>{_ASSIGNMENTS})"
    rf"|(?:set|define|make) (?P<f>[a-z]\([a-z]\) ?= ?[^;]+)"
    rf"|(?:set|let|make) (?P<b>{_ASSIGNMENTS})(?:,|;| and| then|, then|, and) (?P<rest>(?:what|how much|find|compute"
    rf"|evaluate|calculate)\b.+)", re.IGNORECASE)


_QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|`[^`]*`")


def as_definitions(text: str) -> str | None:
    """``text`` as the definitions a tool reads ("let x = 3, y = 4"), when it only gives names values: "x = 3,
    y = 4", "define f(x) = 3x - 2", or gives them and asks in the same turn ("now set x = 10, what's x*y + x"
    is "let x = 10; what's x*y + x"); ``None`` otherwise. Only one-letter names, and numbers for their values."""
    match = _DEFINITIONS.fullmatch(core_of(text))
    if match is None or set(re.findall(r"([A-Za-z]) ?=", match.group("a") or match.group("b") or "")) & {"a", "i", "A", "I"}:
        return None
    if match.group("a"):
        return f"let {match.group('a')}"
    if match.group("f"):
        return f"let {match.group('f')}"
    return f"let {match.group('b')}; {match.group('rest')}"


def by_binding(text: str, bindings: Mapping[str, str]) -> Rewrite | None:
    """``text`` with each one-letter name the conversation bound written as its value, where it stands alone as a
    word ("what's n factorial" with n = 7 is "what's 7 factorial"); ``None`` when it uses none. Never a name
    right after a number (a unit: "5 m"), and never "a" or "I"."""
    used: dict[str, str] = {}

    def value(match: re.Match[str]) -> str:
        name = match.group()
        if name not in bindings or name in {"a", "i", "A", "I"} or wrapped(bindings[name].strip()).startswith("("):
            return name
        used[name] = bindings[name].strip()
        return used[name]

    core = core_of(text)
    if _QUOTED.search(core):  # a quoted text is data: "how many n in 'banana'" asks about the letter
        return None
    read = re.sub(r"(?<![\w.'])(?<!\d )[A-Za-z](?![\w'(])", value, core)
    if not used:
        return None
    return Rewrite(text=read, note="; ".join(f"{n} = {v} (defined earlier)" for n, v in sorted(used.items())))
