"""Counts by the product rule and by choosing from groups: license plates, codes of letters or digits, outfits,
committees with so many of one group, subsets of a listed set, people split into teams.

Conventions (each stated in the interpretation):

- Letters are the 26 letters A–Z, digits the 10 digits 0–9. A ``license plate`` of letters followed by digits
  allows repeats unless the step says otherwise; a ``k-letter string / word / code`` must say whether letters may
  repeat (``with no repeats``, ``with repetition``), or it declines.
- An ``outfit`` (a ``meal``) is one of each kind named: shirts × pants × shoes; only kinds that are worn (eaten)
  together are read (a ``dress`` may replace a shirt and pants: it declines).
- ``a committee of k from a men and b women with exactly j women`` is C(b, j)·C(a, k − j); ``at least`` /
  ``at most`` sum over j; a bare ``with 2 women`` declines (exactly, or at least?).
- ``subsets of {1, …, n}`` have n elements; ``with k elements`` is C(n, k).
- ``split n people into m unlabeled teams of s`` is n! / ((s!)ᵐ·m!); ``labeled`` (named) teams n! / (s!)ᵐ; teams
  not said to be one or the other decline.

Each count is checked by a second route: listing the cases when there are few, else another formula.
"""

from __future__ import annotations

import itertools
import math
import re

from agentkit.tools.math._core import Operation, Scope, Slots
from agentkit.tools.math._counts import COUNT, count
from agentkit.tools.math._counts import story as _story
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS", "REPEATS", "repeats_said"]

MAX_LENGTH = 200
MAX_PEOPLE = 1000
MAX_LISTED = 200_000
MAX_GROUPS = 60  # people in each of two groups (the check builds the choices person by person)
_HOW = r"(?:how many (?:different |distinct |possible |unique )?)"
_WAYS = (r"(?:how many (?:different |distinct )?ways (?:are there )?(?:to |can (?:i|you|we|one|they) )?|in how many "
         r"(?:different )?ways can (?:i |you |we |one |they )?|(?:the )?number of (?:different )?ways to )")
_ARE = r"(?: (?:are (?:there|possible)|can be (?:made|formed|created|chosen|written)|can (?:i|you|we) (?:make|form))\??)?"
_ALPHABETS = {"letter": 26, "digit": 10}


# -- repeats said or not -----------------------------------------------------------

REPEATS = (
    r"(?P<rep>(?:with |if |where |when |and )?(?:no |without )?(?:repetition|repeats|repeated (?:letters|digits|"
    r"characters|symbols))(?: (?:is |are )?(?:allowed|permitted|not allowed|not permitted))?"
    r"|(?:if |where |when )?(?:the )?(?:letters|digits|characters|symbols|letters and digits|letters or digits|"
    r"characters) (?:can|may|cannot|can't|can not|may not) (?:be )?(?:repeat|repeated|reused|used more than once)"
    r"|(?:if |where |when )?no (?:letter|digit|character|symbol|letter or digit) (?:is |may be |can be )?"
    r"(?:repeated|repeats|used twice|used more than once)"
    r"|with (?:all )?(?:distinct|different) (?:letters|digits|characters|symbols)"
    r"|(?:if |where |when )?all (?:the )?(?:letters|digits|characters|symbols) are (?:different|distinct))")
_NEGATED = re.compile(r"\b(?:no|not|without|cannot|distinct|different)\b|can't", re.IGNORECASE)


def repeats_said(slots: Slots) -> bool | None:
    """True when repeats are allowed, False when not, None when unsaid."""
    text = slots.get("rep")
    return None if text is None else not _NEGATED.search(text)


# -- license plates and codes ---------------------------------------------------------

_GROUP = rf"(?:{COUNT}) (?:letters?|digits?|numbers?)"
_PLATE = (rf"{_HOW}licen[cs]e plates{_ARE} (?:with|using|having|made of|consisting of|consist of|of|that have|"
          r"that consist of) "
          rf"(?P<groups>{_GROUP}(?:,? (?:followed by|then|and then) {_GROUP}){{1,3}}){_ARE}(?:,? {REPEATS})?{_ARE}")


def _plate(slots: Slots, scope: Scope) -> tuple[list[tuple[str, int]], bool]:
    groups = []
    for n, kind in re.findall(rf"({COUNT}) (letter|digit|number)s?", slots["groups"], re.IGNORECASE):
        groups.append(("digit" if kind.lower() == "number" else kind.lower(), count(n, low=1, high=MAX_LENGTH)))
    repeats = repeats_said(slots)
    plan = (groups, True if repeats is None else repeats)
    _fits(plan)
    return plan


def _fits(plan: tuple[list[tuple[str, int]], bool]) -> None:
    groups, repeats = plan
    for kind, size in _ALPHABETS.items():
        used = sum(n for k, n in groups if k == kind)
        if not repeats and used > size:
            raise MathSyntaxError(f"{used} different {kind}s from {size}")


def _product(plan: tuple[list[tuple[str, int]], bool]) -> int:
    groups, repeats = plan
    if repeats:
        return math.prod(_ALPHABETS[k] ** n for k, n in groups)
    return math.prod(math.perm(_ALPHABETS[kind], sum(n for k, n in groups if k == kind)) for kind in _ALPHABETS)


def _positions(plan: tuple[list[tuple[str, int]], bool]) -> int:
    """Choices multiplied place by place, each place taking what its alphabet has left."""
    groups, repeats = plan
    left, total = dict(_ALPHABETS), 1
    for kind, n in groups:
        for _ in range(n):
            total *= left[kind]
            if not repeats:
                left[kind] -= 1
    return total


def _plate_text(plan: tuple[list[tuple[str, int]], bool]) -> str:
    groups, repeats = plan
    parts = " then ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in groups)
    return (f"{parts}: letters A–Z (26), digits 0–9 (10), "
            f"{'repeats allowed' if repeats else 'no letter or digit repeated'}")


PLATES = _story("license_plates", (_PLATE,), _plate, _product, _positions, _plate_text,
                "whole step parsed as license plates of letters and digits")

_STRING = (rf"{_HOW}(?P<k>{COUNT})(?:-| )(?P<unit>letter|digit|character) (?:strings|words|codes|sequences|passwords|pins|"
           r"pin codes|pin numbers|"
           rf"arrangements|codewords|passcodes){_ARE}(?: (?:from|using|with|out of|of) (?:the )?(?P<n>{COUNT}) "
           rf"(?:letters|digits|characters|symbols)(?: of the (?:english )?alphabet)?| (?:from|using) the (?:english )?"
           rf"alphabet| (?:from|using) the (?P<ten>(?:10 |ten )?digits 0(?:\s*[-–]\s*| to | through )9))?,? {REPEATS}{_ARE}")


def _string(slots: Slots, scope: Scope) -> tuple[int, int, bool]:
    unit = slots["unit"].lower()
    if unit == "character" and not slots.get("n"):
        raise MathSyntaxError("characters from which set?")
    if slots.get("ten") and unit != "digit":
        raise MathSyntaxError(f"{unit}s from the digits 0-9")
    size = count(slots["n"], low=1, high=MAX_PEOPLE) if slots.get("n") else _ALPHABETS[unit]
    k = count(slots["k"], low=1, high=MAX_LENGTH)
    repeats = bool(repeats_said(slots))
    if not repeats and k > size:
        raise MathSyntaxError(f"{k} different symbols from {size}")
    return size, k, repeats


def _string_check(args: tuple[int, int, bool]) -> int:
    size, k, repeats = args
    if size**k <= MAX_LISTED:
        return sum(1 for s in itertools.product(range(size), repeat=k) if repeats or len(set(s)) == k)
    return math.prod(size if repeats else size - i for i in range(k))


STRINGS = _story(
    "symbol_strings", (_STRING,), _string,
    lambda a: a[0] ** a[1] if a[2] else math.perm(a[0], a[1]),
    _string_check,
    lambda a: f"{a[0]}^{a[1]} (repeats allowed)" if a[2] else f"P({a[0]}, {a[1]}) (no symbol repeated, order matters)",
    "whole step parsed as strings of symbols, with or without repeats",
)

# -- outfits and meals --------------------------------------------------------------

_WORN = ("shirts", "t-shirts", "tops", "blouses", "sweaters", "jackets", "coats", "hats", "caps", "ties", "belts",
         "scarves", "pants", "trousers", "jeans", "skirts", "shorts", "shoes", "sneakers", "boots", "socks",
         "pairs of pants", "pairs of shoes", "pairs of socks", "pairs of jeans", "pairs of shorts",
         "pairs of trousers", "pairs of sneakers", "pairs of boots", "pairs of earrings", "necklaces", "watches")
_EATEN = ("appetizers", "starters", "soups", "salads", "main courses", "mains", "entrees", "entrées", "main dishes",
          "desserts", "drinks", "beverages", "side dishes", "sides", "breads", "meats", "cheeses", "sauces")
_KIND = rf"(?:{'|'.join(sorted(_WORN + _EATEN, key=len, reverse=True))})"
_ITEM = rf"(?:a choice of )?{COUNT} (?:(?:different|kinds of|types of) )?{_KIND}"
_ITEMS = rf"(?P<items>{_ITEM}(?:, {_ITEM})*(?:,? and|,) {_ITEM})"
_WHOLE = r"(?P<whole>outfits|meals|dinners|lunches|menus|combos)"
_EACH = r"(?:,? (?:choosing|picking|wearing|taking|with|using) one (?:of each|from each (?:kind|group|category|course)))?"


def _outfit(slots: Slots, scope: Scope) -> list[int]:
    pairs = re.findall(rf"({COUNT}) (?:(?:different|kinds of|types of) )?({_KIND})", slots["items"], re.IGNORECASE)
    kinds = [k.lower().removeprefix("pairs of ") for _, k in pairs]
    worn = {k.removeprefix("pairs of ") for k in _WORN}
    outfit = slots["whole"].lower() == "outfits"
    if len(set(kinds)) != len(kinds) or not all((k in worn) == outfit for k in kinds):
        raise MathSyntaxError("each kind once, all of them worn (or all eaten) together")
    return [count(n, low=1, high=MAX_PEOPLE) for n, _ in pairs]


def _outfit_check(sizes: list[int]) -> int:
    if math.prod(sizes) <= MAX_LISTED:
        return sum(1 for _ in itertools.product(*(range(n) for n in sizes)))
    total = 1
    for n in sizes:
        total = sum(total for _ in range(n))
    return total


OUTFITS = _story(
    "outfits",
    (rf"{_HOW}{_WHOLE}{_ARE}(?: (?:with|from|using|given)|,? if (?:i|you|we|she|he) (?:have|has)) {_ITEMS}{_EACH}",
     (rf"(?:if )?(?:i|you|we|she|he) (?:have|has|own|owns) {_ITEMS},? how many (?:different |possible )?{_WHOLE} "
     r"(?:can (?:i|you|we|she|he) (?:make|wear|put together|create|choose|order)|are possible|are there)")),
    _outfit,
    math.prod,
    _outfit_check,
    lambda sizes: " × ".join(map(str, sizes)) + " (one of each kind)",
    "whole step parsed as one of each kind chosen together (the product rule)",
)

# -- committees with so many of one group -----------------------------------------------

_GROUPS = {"man": "men", "woman": "women", "boy": "boys", "girl": "girls", "teacher": "teachers",
           "student": "students", "parent": "parents", "junior": "juniors", "senior": "seniors",
           "doctor": "doctors", "nurse": "nurses", "adult": "adults", "child": "children", "engineer": "engineers",
           "manager": "managers", "democrat": "democrats", "republican": "republicans", "freshman": "freshmen",
           "sophomore": "sophomores", "professor": "professors", "lawyer": "lawyers", "player": "players"}
_NOUN = rf"(?:{'|'.join(sorted([*_GROUPS, *_GROUPS.values()], key=len, reverse=True))})"
_BODY = r"(?:committee|team|group|panel|delegation|jury|board|subcommittee|council)"
_FROM = rf"from (?:a group of )?(?P<a>{COUNT}) (?P<ga>{_NOUN}) and (?P<b>{COUNT}) (?P<gb>{_NOUN})"
_HAS = (r"(?:with|if it (?:has|must have|must include|must contain|contains|includes|is to have|is to include)|"
        r"that (?:has|includes|contains)|so that it (?:has|includes|contains)|containing|including|having)")
_QTY = rf"(?P<q>exactly|at least|at most|no more than|no fewer than|no less than) (?P<j>{COUNT}) (?P<gj>{_NOUN})"
_SPLIT = rf"(?P<j1>{COUNT}) (?P<g1>{_NOUN}) and (?P<j2>{COUNT}) (?P<g2>{_NOUN})"
_MADE = r"(?:be )?(?:chosen|formed|selected|picked|made|elected)"


def _plural(noun: str) -> str:
    noun = noun.lower()
    return _GROUPS.get(noun, noun)


def _committee(slots: Slots, scope: Scope) -> tuple[int, int, int, str, int]:
    """(a, b, size, test, j): j of the second group, compared by test; the groups are ordered so."""
    a, b = count(slots["a"], high=MAX_GROUPS), count(slots["b"], high=MAX_GROUPS)
    ga, gb = _plural(slots["ga"]), _plural(slots["gb"])
    if ga == gb:
        raise MathSyntaxError("two groups of the same people")
    if slots.get("g1"):
        g1, g2, j1, j2 = _plural(slots["g1"]), _plural(slots["g2"]), count(slots["j1"]), count(slots["j2"])
        if {g1, g2} != {ga, gb}:
            raise MathSyntaxError("the counts name other groups than the ones chosen from")
        size = j1 + j2
        if slots.get("k") and count(slots["k"]) != size:
            raise MathSyntaxError(f"{j1} + {j2} is not {slots['k']}")
        j, gj, test = (j2, g2, "==") if g2 == gb else (j1, g1, "==")
    else:
        size, j, gj = count(slots["k"], low=1, high=MAX_PEOPLE), count(slots["j"]), _plural(slots["gj"])
        test = {"exactly": "==", "at least": ">=", "no fewer than": ">=", "no less than": ">=", "at most": "<=",
                "no more than": "<="}[" ".join(slots["q"].lower().split())]
        if gj not in (ga, gb):
            raise MathSyntaxError(f"{gj} are not one of the groups chosen from")
    if gj == ga:
        a, b, ga, gb = b, a, gb, ga
    if size > a + b:
        raise MathSyntaxError(f"{size} people from {a + b}")
    return a, b, size, test, j


def _passes(i: int, test: str, j: int) -> bool:
    return i == j if test == "==" else i >= j if test == ">=" else i <= j


def _committee_count(args: tuple[int, int, int, str, int]) -> int:
    a, b, size, test, j = args
    return sum(math.comb(b, i) * math.comb(a, size - i) for i in range(size + 1) if _passes(i, test, j))


def _committee_check(args: tuple[int, int, int, str, int]) -> int:
    a, b, size, test, j = args
    if math.comb(a + b, size) <= MAX_LISTED:  # people 0..a-1 are the first group, a..a+b-1 the second
        return sum(1 for chosen in itertools.combinations(range(a + b), size)
                   if _passes(sum(p >= a for p in chosen), test, j))
    grid = {(0, 0): 1}  # (people taken, of them from the second group) -> ways, built person by person
    for person in range(a + b):
        nxt = dict(grid)
        for (taken, second), n in grid.items():
            if taken < size:
                key = (taken + 1, second + (person >= a))
                nxt[key] = nxt.get(key, 0) + n
        grid = nxt
    return sum(n for (taken, second), n in grid.items() if taken == size and _passes(second, test, j))


COMMITTEES = _story(
    "committee_with_groups",
    ((rf"{_WAYS}(?:can )?(?:an? |the )?{_BODY} of (?P<k>{COUNT})(?: people| members| persons)? {_MADE} {_FROM},? "
     rf"{_HAS} {_QTY}"),
     (rf"{_WAYS}(?:choose|select|pick|form|elect) (?:an? |the )?{_BODY} of (?P<k>{COUNT})(?: people| members| persons)? "
      rf"{_FROM},? {_HAS} {_QTY}"),
     rf"{_HOW}{_BODY}s of (?P<k>{COUNT})(?: people| members| persons)? can {_MADE} {_FROM},? {_HAS} {_QTY}",
     (rf"{_WAYS}(?:can )?(?:an? |the )?{_BODY} of (?P<k>{COUNT})(?: people| members| persons)? {_MADE} {_FROM},? "
     rf"(?:consisting of|made up of|with|that has|having) {_SPLIT}"),
     rf"{_WAYS}(?:choose|pick|select|form a {_BODY} of) {_SPLIT} {_FROM}",
     rf"{_WAYS}(?:can )?{_SPLIT} {_MADE} {_FROM}",
     (rf"{_HOW}{_BODY}s of (?P<k>{COUNT})(?: people| members| persons)? (?:with|containing|having|that have) {_QTY} "
     rf"can {_MADE} {_FROM}")),
    _committee,
    _committee_count,
    _committee_check,
    lambda a: f"Σ C({a[1]}, i)·C({a[0]}, {a[2]} − i) over i {a[3].replace('==', '=').replace('>=', '≥').replace('<=', '≤')} "
              f"{a[4]} (i of the group of {a[1]}; order does not matter)",
    "whole step parsed as a choice from two groups with so many of one",
)

OPERATIONS: tuple[Operation, ...] = (PLATES, STRINGS, OUTFITS, COMMITTEES)
