"""Equal groups: ``3 boxes of 24 cans, how many cans`` (a product) and ``split $240 evenly between 6 people``
(a share).

The nouns name what is counted; they must agree (the question asks about the items the groups hold), and the
words a frame lets through are only those nouns. Conventions (collected in the README):

- ``A boxes of B cans`` (also ``with B cans each``, ``containing B cans``) asked ``how many cans`` is A × B, for
  whole numbers A and B; a question about any other noun declines.
- ``split X evenly between N people`` (``among``, ``N ways``) asked what each gets is X ÷ N. ``between me and 3
  friends`` or ``with 3 friends`` (is the speaker one of the people?) is not this frame and declines.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_COUNT = 10**12
# plural nouns that are numbers or operations, never what a group holds
_NOT_NOUNS = (r"(?:halves|thirds|quarters|fourths|fifths|sixths|sevenths|eighths|ninths|tenths|hundredths|tens|"
              r"hundreds|thousands|millions|billions|dozens|times|percents|ones|twos|threes|fours|fives|sixes|tenths|"
              r"minus|plus|is|was|has|does|this|thus|us|its|yes|less|pairs of|sets of)")
_PLURAL = rf"(?!{_NOT_NOUNS}\b)[a-z]+s"
_PEOPLE = rf"(?:people|children|men|women|staff|{_PLURAL})"
_WHO = (r"(?:(?:if )?(?:(?:i|we|you|they)(?:'ve got| have| had| bought| buy| got)|(?:he|she)(?: has| had| bought| got)|"
        r"there are) )?")
_COUNTED = (r"(?:is that|are there|do (?:i|we|you|they) have|does (?:he|she) have|in total|total|altogether|"
            r"(?:is that|are there|do (?:i|we|you|they) have) (?:in total|altogether|total))")


def _same_noun(one: str, many: str) -> bool:
    """``box`` / ``boxes``, ``shelf`` / ``shelves``, ``bus`` / ``buses``: the plural of the singular named."""
    one, many = one.lower(), many.lower()
    return many in (one + "s", one + "es", one[:-1] + "ies", one[:-1] + "ves", one[:-2] + "ves")


def _prepare_product(slots: Slots, scope: Scope) -> tuple[int, int, str]:
    if slots.get("one") and not _same_noun(slots["one"], slots["box"]):
        raise MathSyntaxError(f"one {slots['one']} is named, then {slots['box']} are counted")
    item, asked = slots["item"].lower(), (slots.get("item2") or slots["item"]).lower()
    if item != asked:
        raise MathSyntaxError(f"the groups hold {item}; the question asks about {asked}")
    a, b = int(slots["a"]), int(slots["b"])
    if not (0 < a <= MAX_COUNT and 0 <= b <= MAX_COUNT):
        raise MathSyntaxError("counts of groups and items are whole numbers")
    return a, b, f"{a} {slots['box'].lower()} × {b} {item}"


def _verify_product(args: tuple[int, int, str], total: sympy.Integer) -> str | None:
    a, b, _ = args
    back = Fraction(int(total), a)  # each group's share of the total is the group's size
    return None if back == b else f"{total} items in {a} groups is not {b} a group"


PRODUCT = Operation(
    name="equal_groups",
    patterns=phrase(
        rf"{_WHO}(?P<a>\d+) (?P<box>{_PLURAL}) (?:of|with|containing|holding|each (?:with|of|containing|holding)) "
        rf"(?P<b>\d+) (?P<item>{_PEOPLE})(?: each| in each| apiece)?,? (?:so )?how many "
        rf"(?:(?P<item2>{_PEOPLE})(?: {_COUNTED})?|{_COUNTED})",
        # "a box holds 12 eggs, how many eggs in 7 boxes": the group named once, then counted
        rf"(?:an? |each |one )(?P<one>[a-z]+) (?:holds|has|contains|fits|takes|carries|seats) (?P<b>\d+) (?P<item>{_PEOPLE}),? "
        rf"(?:so )?how many (?P<item2>{_PEOPLE}) (?:(?:are |fit )?(?:in|on)|do|would|will|can) (?P<a>\d+) (?P<box>{_PLURAL})"
        r"(?: hold| have| contain| fit| take| carry| seat)?",
    ),
    prepare=_prepare_product,
    compute=lambda args: sympy.Integer(args[0]) * args[1],
    verify=_verify_product,
    render=lambda args, total: str(total),
    reason="whole step parsed as equal groups: a number of groups times the items in each",
    interpret=lambda args: args[2],
)

_SUM = r"[$£€]?(?P<x>\d+(?:\.\d+)?)(?: (?:bill|check|tab|prize|pot|total|cost|dollars|pounds|euros))?"
_EACH = (r"(?:how much (?:does|do|would|will|should) (?:each(?: person| one| of them| of us| friend| kid| child| guest|"
         r" member| roommate| student| worker| player| sibling| winner)?|everyone|"
         r"every person|every one of them) (?:get|receive|pay|have|owe)|how much (?:for|to) each(?: person| one)?|"
         r"(?:what(?:'s| is)|whats) each(?: person's| one's)? share|how much is each share|how much each|how much per person)")


def _prepare_share(slots: Slots, scope: Scope) -> tuple[sympy.Rational, int]:
    total, n = sympy.Rational(slots["x"]), int(slots["n"])
    if not 0 < n <= MAX_COUNT:
        raise MathSyntaxError("a share between a positive whole number of people")
    return total, n


def _verify_share(args: tuple[sympy.Rational, int], share: sympy.Rational) -> str | None:
    total, n = args
    got = Fraction(int(share.p), int(share.q))
    return None if sum([got] * n) == Fraction(int(total.p), int(total.q)) else "the shares do not add up to the total"


SHARE = Operation(
    name="equal_shares",
    patterns=phrase(
        rf"(?:if )?(?:i |we |you |they )?(?:split|divide|share)(?: up)? (?:an? |the )?[$£€]?(?P<x>\d+(?:\.\d+)?)"
        rf"(?: (?:bill|check|tab|prize|pot|total|cost|dollars|pounds|euros))? (?:evenly |equally )?(?:between|among|amongst) "
        rf"(?P<n>\d+) {_PEOPLE}(?: evenly| equally)?,? {_EACH}",
        rf"(?:if )?(?:i |we |you |they )?(?:split|divide|share)(?: up)? (?:an? |the )?[$£€]?(?P<x>\d+(?:\.\d+)?)"
        rf"(?: (?:bill|check|tab|prize|pot|total|cost|dollars|pounds|euros))? (?P<n>\d+) ways(?: evenly| equally)?,? {_EACH}",
        rf"(?:an? |the )?[$£€]?(?P<x>\d+(?:\.\d+)?)(?: (?:bill|check|tab|prize|pot|total|cost|dollars|pounds|euros))? "
        rf"(?:is |gets )?(?:split|divided|shared) (?:evenly |equally )?(?:between|among|amongst) (?P<n>\d+) {_PEOPLE}"
        rf"(?: evenly| equally)?,? {_EACH}",
        rf"(?:if )?(?P<n>\d+) {_PEOPLE} (?:split|share|divide)(?: up)? (?:an? |the )?{_SUM}(?: evenly| equally)?,? {_EACH}",
        rf"{_EACH} if (?:an? |the )?{_SUM} is (?:split|divided|shared) (?:evenly |equally )?(?:between|among|amongst) "
        rf"(?P<n>\d+) {_PEOPLE}",
    ),
    prepare=_prepare_share,
    compute=lambda args: args[0] / args[1],
    verify=_verify_share,
    render=lambda args, share: render(share, True),
    reason="whole step parsed as a total shared equally between a number of people",
    interpret=lambda args: f"{render(args[0], True)} ÷ {args[1]}",
)

OPERATIONS: tuple[Operation, ...] = (PRODUCT, SHARE)
