"""Plain choices asked in other words: "can 3 books be chosen from 10", committees of k from n people, hands
from a deck, numbers of k digits, and the first places of a race.

Conventions (each stated in the interpretation):

- A group chosen from n (``3 books be chosen from 10``, ``a committee of 4 from 10 people``, ``a team of 5
  from 12 players``) is a combination, C(n, k): its members have no roles. A noun after each number must name
  the same things; a role (``a team and a captain``) is not read here.
- A ``5-card hand`` is 5 of the 52 cards of a standard deck, C(52, 5).
- A ``k-digit number`` does not start with 0: 9·10ᵏ⁻¹ of them, 9·9·8… with no digit repeated. Numbers made
  from listed digits must say whether a digit may repeat; a 0 among them cannot lead.
- ``n runners finish first, second and third`` is P(n, 3) (ties are not counted).

Each count is checked by listing the cases when there are few, else by a product of choices made one by one.
"""

from __future__ import annotations

import itertools
import math
import re

from agentkit.tools.math._core import Operation, Scope, Slots
from agentkit.tools.math._counts import COUNT, count
from agentkit.tools.math._counts import story as _story
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.counting_rules import REPEATS, repeats_said

__all__ = ["OPERATIONS"]

MAX_N = 10_000
MAX_DIGITS = 200
MAX_LISTED = 200_000
_HOW = r"(?:how many (?:different |distinct |possible )?)"
_WAYS = (r"(?:how many (?:different |distinct )?ways (?:are there )?(?:to |can (?:i|you|we|one|they) )?|in how many "
         r"(?:different )?ways can (?:i |you |we |one |they )?|(?:the )?number of (?:different )?ways to )")
_THINGS = ("people", "persons", "students", "players", "books", "cards", "items", "things", "objects", "members",
           "candidates", "employees", "workers", "children", "kids", "friends", "toppings", "flavors", "flavours",
           "songs", "questions", "marbles", "balls", "letters", "numbers", "colors", "colours", "teachers",
           "volunteers", "applicants", "dishes", "courses", "shirts", "movies", "games", "novels", "magazines",
           "paintings", "pictures", "pens", "toys", "fruits", "desserts", "appetizers", "problems", "electives",
           "flowers", "photos", "snacks", "drinks", "ingredients", "classes", "subjects", "puppies", "dogs", "cats",
           "shows", "apps", "stocks", "teams", "guests", "runners", "athletes", "workers", "doctors", "nurses")
_THING = rf"(?:{'|'.join(_THINGS)}|person|book|card|item|thing|object|member|candidate|student|player)"
_GROUP = r"(?:committee|team|group|panel|delegation|jury|subcommittee|selection|set|squad|crew|club|council)"
_CHOSEN = r"(?:chosen|selected|picked|formed|made|elected)"  # not "drawn": cards drawn may be in order


def _singular(noun: str | None) -> str | None:
    if noun is None:
        return None
    noun = noun.lower()
    return {"people": "person", "persons": "person", "children": "child"}.get(noun, noun.removesuffix("s"))


def _choose(slots: Slots, scope: Scope) -> tuple[int, int]:
    n, k = count(slots["n"], high=MAX_N), count(slots["k"], high=MAX_N)
    nouns = {_singular(slots.get(key)) for key in ("knoun", "nnoun") if slots.get(key)}
    if len(nouns) > 1:
        raise MathSyntaxError("the two numbers count different things")
    if k > n:
        raise MathSyntaxError(f"{k} from {n}")
    return n, k


def _choose_check(args: tuple[int, int]) -> int:
    n, k = args
    if math.comb(n, k) <= MAX_LISTED:
        return sum(1 for _ in itertools.combinations(range(n), k))
    return math.perm(n, k) // math.factorial(k)  # ordered choices, each group counted k! times


_FROM = rf"(?:from|out of|among) (?:a (?:group|class|set|pool|team|list|menu|selection|choice) of )?(?P<n>{COUNT})(?: (?P<nnoun>{_THING}))?"
CHOOSE = _story(
    "choose_group",
    (rf"{_WAYS}(?:can )?(?P<k>{COUNT}) (?P<knoun>{_THING}) be {_CHOSEN} {_FROM}",
     rf"{_HOW}(?:{_GROUP}s|groups) of (?P<k>{COUNT})(?: (?P<knoun>{_THING}))? (?:can|could) (?:be )?{_CHOSEN} {_FROM}",
     (rf"{_WAYS}(?:choose|pick|select|form|elect) (?:an? |one )?{_GROUP} of (?P<k>{COUNT})(?: (?P<knoun>{_THING}))? "
     rf"{_FROM}"),
     rf"{_WAYS}(?:choose|pick|select) (?P<k>{COUNT})(?: (?P<knoun>{_THING}))? {_FROM}",
     (rf"(?:how many (?:different )?ways (?:are there )?for |(?:the )?number of ways )(?P<k>{COUNT}) (?P<knoun>{_THING}) "
      rf"(?:to be|can be) {_CHOSEN} {_FROM}"),
     (rf"{_HOW}combinations of (?P<k>{COUNT})(?: (?P<knoun>{_THING}))? (?:are there |are possible |can (?:you |i |we )?"
      rf"(?:be )?(?:make|made|form|formed|choose|chosen|pick|picked) )?{_FROM}"),
     (rf"{_WAYS}(?:can )?(?:an? |one |the )?{_GROUP} of (?P<k>{COUNT})(?: (?P<knoun>{_THING}))? be {_CHOSEN} "
      rf"{_FROM}")),
    _choose,
    lambda a: math.comb(a[0], a[1]),
    _choose_check,
    lambda a: f"C({a[0]}, {a[1]}) (a group without roles: order does not matter)",
    "whole step parsed as a group chosen from n, order not mattering",
)

_DECK = (r"(?:a |the )?(?:(?:standard|regular|ordinary|normal|full|well[- ]shuffled|shuffled) )*(?:52[- ]card )?"
         r"(?:deck|pack)(?: of (?:52 )?(?:playing )?cards| of 52)?")
HANDS = _story(
    "hands_from_deck",
    ((rf"{_HOW}(?P<k>{COUNT})(?:-| )card (?:poker )?hands (?:are there|are possible|can be dealt|can be made|"
     rf"exist)(?: from {_DECK})?"),
     rf"{_WAYS}(?:choose|pick|select|draw|deal) (?P<k>{COUNT}) cards (?:from|out of) {_DECK}"),
    lambda s, scope: (52, count(s["k"], low=1, high=52)),
    lambda a: math.comb(52, a[1]),
    _choose_check,
    lambda a: f"C(52, {a[1]}) ({a[1]} of the 52 cards of a standard deck, order not mattering)",
    "whole step parsed as hands from a standard deck",
)


# -- numbers of k digits --------------------------------------------------------


def _numbers(slots: Slots, scope: Scope) -> tuple[tuple[int, ...], int, bool]:
    k = count(slots["k"], low=1, high=MAX_DIGITS)
    if slots.get("digits"):
        digits = tuple(int(d) for d in re.findall(r"\d", slots["digits"]))
        if re.search(r"\d\d", slots["digits"]) or len(set(digits)) != len(digits):
            raise MathSyntaxError("each digit once, one digit each")
        repeats = repeats_said(slots)
        if repeats is None:
            raise MathSyntaxError("may a digit repeat? say which")
    elif slots.get("a") is not None:
        a, b = int(slots["a"]), int(slots["b"])
        if b < a:
            raise MathSyntaxError("digits from a smaller to a larger")
        digits, repeats = tuple(range(a, b + 1)), repeats_said(slots)
        if repeats is None:
            raise MathSyntaxError("may a digit repeat? say which")
    else:
        if k == 1:
            raise MathSyntaxError("is 0 a 1-digit number?")
        digits = tuple(range(10))
        repeats = repeats_said(slots)
        repeats = True if repeats is None else repeats
    if not repeats and k > len(digits):
        raise MathSyntaxError(f"{k} different digits from {len(digits)}")
    return digits, k, repeats


def _numbers_count(args: tuple[tuple[int, ...], int, bool]) -> int:
    digits, k, repeats = args
    n, leading = len(digits), len(digits) - (0 in digits)
    if repeats:
        return leading * n ** (k - 1)
    return leading * math.perm(n - 1, k - 1)


def _numbers_check(args: tuple[tuple[int, ...], int, bool]) -> int:
    digits, k, repeats = args
    if len(digits) ** k <= MAX_LISTED:
        return sum(1 for s in itertools.product(digits, repeat=k)
                   if s[0] != 0 and (repeats or len(set(s)) == k))
    total, left = 1, len(digits)
    for place in range(k):  # choices place by place: the first place without 0, the others what is left
        choices = left - (0 in digits) if place == 0 else left
        total *= choices
        if not repeats:
            left -= 1
    return total


NUMBERS = _story(
    "k_digit_numbers",
    (rf"{_HOW}(?P<k>{COUNT})(?:-| )digit (?:numbers|positive integers|integers|whole numbers)(?: are there| exist)?",
     (rf"{_HOW}(?P<k>{COUNT})(?:-| )digit (?:numbers|positive integers|integers|whole numbers)(?: are there| exist)?"
     rf"(?: (?:have|with|that have|contain))?,? {REPEATS}"),
     (rf"{_HOW}(?P<k>{COUNT})(?:-| )digit (?:numbers|positive integers|integers|whole numbers) (?:can (?:be )?(?:formed|"
     rf"made|written|created)|are possible|are there) (?:from|using|with) (?:the digits )?(?P<digits>\d(?:(?:,|,? and) "
     rf"\d)+),? {REPEATS}"),
     (rf"{_HOW}(?P<k>{COUNT})(?:-| )digit (?:numbers|positive integers|integers|whole numbers) (?:can (?:be )?(?:formed|"
     rf"made|written|created)|are possible|are there) (?:from|using|with) (?:the digits )?(?P<a>\d) (?:to|through|-) "
     rf"(?P<b>\d),? {REPEATS}")),
    _numbers,
    _numbers_count,
    _numbers_check,
    lambda a: (f"{a[1]}-digit numbers from the digits {', '.join(map(str, a[0]))}, "
               f"{'repeats allowed' if a[2] else 'no digit repeated'}, not starting with 0"),
    "whole step parsed as numbers of k digits",
)

# -- the first places of a race -----------------------------------------------------

_PLACES = ("first", "second", "third", "fourth", "fifth")
_RUNNERS = r"(?:runners|horses|people|players|swimmers|contestants|teams|cars|racers|athletes|competitors|students)"


def _podium(slots: Slots, scope: Scope) -> tuple[int, int]:
    places = re.findall(r"first|second|third|fourth|fifth", slots["places"].lower())
    if tuple(places) != _PLACES[: len(places)]:
        raise MathSyntaxError("the places in order from first")
    n = count(slots["n"], low=1, high=MAX_N)
    if len(places) > n:
        raise MathSyntaxError(f"{len(places)} places for {n}")
    return n, len(places)


PODIUM = _story(
    "race_places",
    ((rf"{_WAYS}(?:can )?(?P<n>{COUNT}) {_RUNNERS} (?:finish|place|come|end up) (?:in )?"
     r"(?P<places>first(?:, (?:second|third|fourth))*,? and (?:second|third|fourth|fifth))(?: places?)?"),),
    _podium,
    lambda a: math.perm(a[0], a[1]),
    lambda a: math.prod(range(a[0] - a[1] + 1, a[0] + 1)),
    lambda a: f"P({a[0]}, {a[1]}) (different people in the first {a[1]} places, no ties)",
    "whole step parsed as the first places of a race",
)

OPERATIONS: tuple[Operation, ...] = (CHOOSE, HANDS, NUMBERS, PODIUM)
