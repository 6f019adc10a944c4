"""Comparing numbers: ``Which is bigger: 3 or 7/2?``, ``Is n >= -6?``, the closest or k-th biggest of a list, sorting.

A list item is answered as it was written (``-0.1``, ``1/3``, a bound name such as
``z``) and an option by its letter. Every choice is decided with exact sympy
comparisons and checked again with Python fractions (or 60-digit approximations
for irrational values); ties decline, since "the closest" would then be ambiguous.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, split_list
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_ITEMS = 100
_PRECISION = 60  # digits of the approximations the checks use for irrational values
_MARGIN = Fraction(1, 10**45)

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL = r"(?P<order>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_BIG = r"biggest|largest|greatest|highest|max|maximum"
_SMALL = r"smallest|least|lowest|min|minimum"
_OPTIONS = r"(?P<options>\(a\) .+)"
_LEAD = re.compile(r"^(?:the|these) (?:numbers|values)\s*:?\s*", re.IGNORECASE)
_OPTION = re.compile(r"\(([a-z])\)\s*(.*?)\s*(?=\([a-z]\)\s|$)", re.DOTALL)


@dataclass(frozen=True, kw_only=True)
class Item:
    """One thing being compared: how the answer names it, and its exact value."""

    label: str
    value: sympy.Expr


# -- reading the items -------------------------------------------------------

def _real(text: str, scope: Scope) -> sympy.Expr:
    text = text.strip()
    if re.search(r"(?<![\d.])0\d", text) or re.search(r",\S", text):
        raise MathSyntaxError(f"{text!r} looks like digit grouping or a decimal comma")
    value = scope.number(text)
    if not value.is_finite or value.has(sympy.zoo, sympy.nan):
        raise MathSyntaxError(f"{text!r} is not a finite number")
    return value


def _listed(text: str, scope: Scope) -> list[Item]:
    if re.search(r",\S", text):
        raise MathSyntaxError("a comma without a space: digit grouping or a decimal comma?")
    text = re.sub(r",? or ", ", ", _LEAD.sub("", text.strip()))
    items = [Item(label=part, value=_real(part, scope)) for part in split_list(text)]
    return _bounded(items)


def _options(text: str, scope: Scope) -> list[Item]:
    found = _OPTION.findall(text)
    letters = [letter for letter, _ in found]
    if letters != [chr(ord("a") + i) for i in range(len(letters))]:
        raise MathSyntaxError("options must be labelled (a), (b), (c), ... in order")
    if "".join(f"({l}) {t}" for l, t in found).replace(" ", "") != text.replace(" ", ""):
        raise MathSyntaxError("text between the options was not understood")
    return _bounded([Item(label=letter, value=_real(body, scope)) for letter, body in found])


def _items(slots: Slots, scope: Scope) -> list[Item]:
    return _options(slots["options"], scope) if "options" in slots else _listed(slots["items"], scope)


def _bounded(items: list[Item]) -> list[Item]:
    if not 2 <= len(items) <= MAX_ITEMS:
        raise MathSyntaxError(f"between 2 and {MAX_ITEMS} items to compare, got {len(items)}")
    return items


# -- deciding and checking order ---------------------------------------------

def _order(a: sympy.Expr, b: sympy.Expr) -> int:
    """-1, 0 or 1 as a <, =, > b, decided exactly; raises when sympy cannot decide."""
    difference = a - b
    if difference.is_Rational:
        return int(difference.p > 0) - int(difference.p < 0)
    if difference.is_zero:
        return 0
    if difference.is_positive:
        return 1
    if difference.is_negative:
        return -1
    raise MathSyntaxError(f"cannot decide whether {a} or {b} is bigger")


def _approx(value: sympy.Expr) -> Fraction:
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return Fraction(str(sympy.N(value, _PRECISION)))


def _less(a: sympy.Expr, b: sympy.Expr) -> bool:
    """The independent check of a < b: fractions, with a safety margin for approximations."""
    if a.is_Rational and b.is_Rational:
        return _approx(a) < _approx(b)
    return _approx(b) - _approx(a) > _MARGIN * max(1, abs(_approx(a)), abs(_approx(b)))


def _no_ties(items: list[Item], *, repeats: bool = False) -> None:
    """Refuse equal values (unless ``repeats`` and written alike, like ``3, 1, 3``): the order would be ambiguous."""
    ranked = _ranked(items)
    for i, j in zip(ranked, ranked[1:]):
        tie = _order(items[i].value, items[j].value) == 0
        if tie and not (repeats and items[i].label == items[j].label):
            raise MathSyntaxError(f"{items[i].label} and {items[j].label} are equal: the order is ambiguous")


def _ranked(items: list[Item]) -> list[int]:
    """Indices of the items from smallest to biggest (stable for equal values)."""
    return sorted(range(len(items)), key=functools.cmp_to_key(lambda i, j: _order(items[i].value, items[j].value)))


# -- Which is the closest to 25?  (a) -5  (b) -6/5 ---------------------------

def _prepare_closest(slots: Slots, scope: Scope) -> tuple[sympy.Expr, list[Item]]:
    target = _real(slots["target"], scope)
    items = _items(slots, scope)
    best = _closest(target, items)
    for i, item in enumerate(items):
        if i != best and _order(abs(item.value - target), abs(items[best].value - target)) == 0:
            raise MathSyntaxError("two items are equally close: the answer is ambiguous")
    return target, items


def _closest(target: sympy.Expr, items: list[Item]) -> int:
    return min(range(len(items)), key=functools.cmp_to_key(
        lambda i, j: _order(abs(items[i].value - target), abs(items[j].value - target))))


def _verify_closest(args: tuple[sympy.Expr, list[Item]], best: int) -> str | None:
    target, items = args
    distance = abs(items[best].value - target)
    for i, item in enumerate(items):
        if i != best and not _less(distance, abs(item.value - target)):
            return f"{items[best].label} is not strictly closer to {target} than {item.label}"
    return None


_WHICH_CLOSEST = r"(?:what|which) (?:is|number is|value is|one is) (?:the )?(?:closest|nearest) (?:number |value )?to"

CLOSEST = Operation(
    name="closest",
    patterns=phrase(
        rf"{_WHICH_CLOSEST} (?P<target>.+?)[?:]? {_OPTIONS}",
        rf"{_WHICH_CLOSEST} (?P<target>.+?)(?: in| among| out of| from|:) (?P<items>.+)",
        r"which is closer to (?P<target>.+?)[:,]? (?P<items>[^,]+? or [^,]+)",
        r"which of (?P<items>.+?) is (?:the )?(?:closest|nearest|closer) to (?P<target>.+)",
    ),
    prepare=_prepare_closest,
    compute=lambda args: _closest(*args),
    verify=_verify_closest,
    render=lambda args, best: args[1][best].label,
    reason="whole step parsed as a target and the items to find the closest among",
)


# -- What is the third biggest value in 4, 4/11, -4/3? -----------------------

def _prepare_kth(slots: Slots, scope: Scope) -> tuple[int, bool, list[Item]]:
    order_text = slots.get("order", "first").lower()
    k = _ordinal(order_text)
    biggest = re.fullmatch(_BIG, slots["direction"].lower()) is not None
    items = _items(slots, scope)
    if not 1 <= k <= len(items):
        raise MathSyntaxError(f"there is no {order_text} value among {len(items)} items")
    _no_ties(items)
    return k, biggest, items


def _ordinal(text: str) -> int:
    if text in _ORDINALS:
        return _ORDINALS[text]
    k = int(text[:-2])
    suffix = "th" if k % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    if text[-2:] != suffix:
        raise MathSyntaxError(f"{text!r} is not an ordinal")
    return k


def _compute_kth(args: tuple[int, bool, list[Item]]) -> int:
    k, biggest, items = args
    ranked = _ranked(items)
    return (ranked[::-1] if biggest else ranked)[k - 1]


def _verify_kth(args: tuple[int, bool, list[Item]], chosen: int) -> str | None:
    k, biggest, items = args
    value = items[chosen].value
    beyond = sum(1 for i, item in enumerate(items)
                 if i != chosen and (_less(value, item.value) if biggest else _less(item.value, value)))
    if beyond != k - 1:
        return f"{beyond} items are {'bigger' if biggest else 'smaller'} than {items[chosen].label}, not {k - 1}"
    return None


_WHICH = r"(?:what|which) (?:is|number is|value is|one is)"
_RANK = rf"(?:{_ORDINAL} )?(?P<direction>{_BIG}|{_SMALL})(?: value| number)?"

KTH = Operation(
    name="kth_biggest",
    patterns=phrase(
        rf"{_WHICH} the {_RANK}[?:]? {_OPTIONS}",
        rf"(?:{_WHICH}|find|give|determine|calculate) the {_RANK}(?: in| among| of| out of| from|:) (?P<items>.+)",
        rf"which of (?P<items>.+?) is (?:the )?{_RANK}",
    ),
    prepare=_prepare_kth,
    compute=_compute_kth,
    verify=_verify_kth,
    render=lambda args, chosen: args[2][chosen].label,
    reason="whole step parsed as a rank (k-th biggest or smallest) and the items to rank",
)


# -- Which is bigger: -10414 or -10397? --------------------------------------

def _prepare_pick(slots: Slots, scope: Scope) -> tuple[bool, list[Item]]:
    biggest = slots["direction"].lower() in ("bigger", "greater", "larger", "higher", "more")
    items = [Item(label=slots[k].strip(), value=_real(slots[k], scope)) for k in ("a", "b")]
    if _order(items[0].value, items[1].value) == 0:
        raise MathSyntaxError(f"{items[0].label} and {items[1].label} are equal")
    return biggest, items


def _compute_pick(args: tuple[bool, list[Item]]) -> int:
    biggest, items = args
    first_bigger = _order(items[0].value, items[1].value) > 0
    return 0 if first_bigger == biggest else 1


def _verify_pick(args: tuple[bool, list[Item]], chosen: int) -> str | None:
    biggest, items = args
    winner, other = items[chosen].value, items[1 - chosen].value
    ok = _less(other, winner) if biggest else _less(winner, other)
    return None if ok else f"{items[chosen].label} is not the {'bigger' if biggest else 'smaller'} one"


_DIRECTION = r"(?P<direction>bigger|greater|larger|higher|more|smaller|less|lesser|lower)"

PICK = Operation(
    name="compare_pick",
    patterns=phrase(
        rf"which (?:is|number is|value is|one is|is the) {_DIRECTION}(?: number| value)?[:,]? "
        r"(?P<a>[^,]+?),? or (?P<b>[^,]+)",
        rf"which of (?P<a>[^,]+?) and (?P<b>[^,]+?) is (?:the )?{_DIRECTION}",
        rf"(?:which|what) is the {_DIRECTION} of (?P<a>[^,]+?) and (?P<b>[^,]+)",
    ),
    prepare=_prepare_pick,
    compute=_compute_pick,
    verify=_verify_pick,
    render=lambda args, chosen: args[1][chosen].label,
    reason="whole step parsed as two numbers and which of them to pick",
)


# -- Is 0.038 at least 10?  Does 7 = 11/2?  Are 2 and 3 unequal? ------------

_RELATION_WORDS = {
    ">=": r"(?:greater|bigger|larger|more) than or equal to|at least as (?:big|large|great|much) as|at least"
          r"|no less than|not less than|no smaller than|not smaller than",
    "<=": r"(?:less|smaller) than or equal to|at most as (?:big|large|great|much) as|at most|no more than"
          r"|not more than|no greater than|not greater than|no bigger than|not bigger than|no larger than",
    ">": r"(?:greater|bigger|larger|more|higher) than",
    "<": r"(?:less|smaller|lower) than",
    "!=": r"not equal to|unequal to|different from|different to|not the same as",
    "=": r"equal to|the same as",
}
_RELATION_SYMBOLS = {">=": r">=|≥|=>", "<=": r"<=|≤|=<", "!=": r"!=|≠|<>", ">": r">", "<": r"<", "=": r"==|="}
_IS_WORDS = "|".join(f"(?P<w{i}>{words})" for i, words in enumerate(_RELATION_WORDS.values()))
_IS_SYMBOLS = "|".join(f"(?P<s{i}>{symbols})" for i, symbols in enumerate(_RELATION_SYMBOLS.values()))
_ARE = {"equal": "=", "the same": "=", "unequal": "!=", "nonequal": "!=", "non-equal": "!=", "not equal": "!=",
        "different": "!="}


def _relation(slots: Slots) -> str:
    for i, rel in enumerate(_RELATION_WORDS):
        if f"w{i}" in slots:
            return rel
    for i, rel in enumerate(_RELATION_SYMBOLS):
        if f"s{i}" in slots:
            return rel
    return _ARE[" ".join(slots["are"].lower().split())]


def _prepare_relation(slots: Slots, scope: Scope) -> tuple[sympy.Expr, str, sympy.Expr]:
    a, b = _real(slots["a"], scope), _real(slots["b"], scope)
    _order(a, b)  # decline now, rather than fail later, when sympy cannot decide
    return a, _relation(slots), b


_HOLDS = {"<": lambda o: o < 0, "<=": lambda o: o <= 0, ">": lambda o: o > 0, ">=": lambda o: o >= 0,
          "=": lambda o: o == 0, "!=": lambda o: o != 0}


def _verify_relation(args: tuple[sympy.Expr, str, sympy.Expr], holds: bool) -> str | None:
    a, rel, b = args
    # irrational values closer than the margin count as equal: only the exact comparison could part them
    order = -1 if _less(a, b) else 1 if _less(b, a) else 0
    return None if _HOLDS[rel](order) == holds else f"recomputing {a} {rel} {b} with fractions disagrees"


RELATION = Operation(
    name="compare",
    patterns=phrase(
        rf"is (?P<a>.+?) (?:{_IS_WORDS}) (?P<b>.+)",
        rf"(?:is|does) (?P<a>.+?)\s*(?:{_IS_SYMBOLS})\s*(?P<b>.+)",
        r"does (?P<a>.+?) (?:equal|equals) (?P<b>.+)",
        r"are (?P<a>.+?) and (?P<b>.+?) (?P<are>equal|the same|unequal|nonequal|non-equal|not equal|different)",
    ),
    prepare=_prepare_relation,
    compute=lambda args: _HOLDS[args[1]](_order(args[0], args[2])),
    verify=_verify_relation,
    render=lambda args, holds: "True" if holds else "False",
    reason="whole step parsed as a comparison of two numbers",
)


# -- Sort 7, 3194, 3/8 in decreasing order ------------------------------------

_ASCENDING = {"ascending", "increasing"}
_SMALL_END = r"smallest|lowest|least"
_BIG_END = r"largest|biggest|greatest|highest"


def _prepare_sort(slots: Slots, scope: Scope) -> tuple[bool, list[Item]]:
    if "start" in slots:
        start_small = re.fullmatch(_SMALL_END, slots["start"].lower()) is not None
        end_small = re.fullmatch(_SMALL_END, slots["end"].lower()) is not None
        if start_small == end_small:
            raise MathSyntaxError("the order must run from one end to the other")
        descending = not start_small
    else:
        descending = slots.get("direction", "ascending").lower() not in _ASCENDING
    items = _listed(slots["items"], scope)
    _no_ties(items, repeats=True)
    return descending, items


def _compute_sort(args: tuple[bool, list[Item]]) -> list[int]:
    descending, items = args
    ranked = _ranked(items)
    return ranked[::-1] if descending else ranked


def _verify_sort(args: tuple[bool, list[Item]], order: list[int]) -> str | None:
    descending, items = args
    if sorted(order) != list(range(len(items))):
        return "the sorted list is not a rearrangement of the items"
    for i, j in zip(order, order[1:]):
        lower, upper = (items[j], items[i]) if descending else (items[i], items[j])
        if lower.label != upper.label and not _less(lower.value, upper.value):
            return f"{items[i].label} and {items[j].label} are out of order"
    return None


_SORT_VERB = r"(?:sort|order|arrange|put|list|rank|rearrange)"
_DIRECTIONS = "ascending|increasing|descending|decreasing"
_ENDS = f"{_SMALL_END}|{_BIG_END}"

SORT = Operation(
    name="sort",
    patterns=phrase(
        rf"{_SORT_VERB} (?P<items>.+?),? (?:in |into )?(?P<direction>{_DIRECTIONS})(?: order)?",
        rf"{_SORT_VERB} (?P<items>.+?),? from (?:the )?(?P<start>{_ENDS}) to (?:the )?(?P<end>{_ENDS})",
        rf"{_SORT_VERB} in (?P<direction>{_DIRECTIONS}) order:? (?P<items>.+)",
        r"sort (?P<items>.+)",
    ),
    prepare=_prepare_sort,
    compute=_compute_sort,
    verify=_verify_sort,
    render=lambda args, order: ", ".join(args[1][i].label for i in order),
    reason="whole step parsed as a list of numbers to sort and the direction",
)

OPERATIONS = (CLOSEST, KTH, PICK, RELATION, SORT)
