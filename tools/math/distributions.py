"""Identical things shared out or arranged, people split into teams, and subsets of a set written out.

Conventions (each stated in the interpretation):

- ``share n identical candies among k kids`` (the kids are told apart) must say whether a kid may get none:
  ``if some may get none`` is C(n + k − 1, k − 1), ``if each gets at least one`` is C(n − 1, k − 1), ``at least
  m each`` is C(n − k·m + k − 1, k − 1); unsaid, or things not said to be identical, it declines.
- ``non-negative integer solutions of x + y + z = 10`` is the same count with none allowed; ``positive`` with at
  least one each; unsaid which, it declines.
- ``arrange 3 identical red balls and 2 identical blue balls in a row`` is 5! / (3!·2!): every group is said to be
  identical, or the step declines.
- ``split n people into m unlabeled teams of s`` is n! / ((s!)ᵐ·m!); ``labeled`` (named) teams n! / (s!)ᵐ;
  unsaid which, it declines.
- ``subsets of {1, …, n}`` (or ``{1, 2, ..., n}``, or the items written out) ``with k elements`` is C(n, k);
  without a size, 2ⁿ; ``non-empty``, 2ⁿ − 1.

Each count is checked by listing the cases when there are few, else by a recurrence or another formula.
"""

from __future__ import annotations

import itertools
import math
import re

from agentkit.tools.math._core import Operation, Scope, Slots
from agentkit.tools.math._counts import COUNT, count
from agentkit.tools.math._counts import story as _story
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_N = 1000
MAX_PARTS = 100
MAX_LISTED = 200_000
_HOW = r"(?:how many (?:different |distinct |possible )?)"
_WAYS = (r"(?:how many (?:different |distinct )?ways (?:are there )?(?:to |can (?:i|you|we|one|they) )?|in how many "
         r"(?:different )?ways can (?:i |you |we |one |they )?|(?:the )?number of (?:different )?ways to )")


# -- identical things shared out (stars and bars) -----------------------------------------

_THINGS = r"[a-z]+(?: [a-z]+)?"
_WHO = (r"(?:kids|children|people|persons|students|boys|girls|friends|boxes|bins|jars|bags|baskets|people|"
        r"siblings|players|groups|teams|containers|cups|drawers|shelves|urns|piles)")
_NONE_OK = (r"(?:if |where |when |and |with |so that )?(?:some|any|one|a few)(?: of them)? (?:may|can|might|could) "
            r"(?:get|receive|have|be left with|end up with) (?:none|nothing|zero|no \w+|0)"
            r"|(?:if |where |when |and |with |so that )?(?:some |a |any )?(?:kids?|children|child|people|persons?|"
            r"students?|boys?|girls?|friends?|boxes|box|bins?|jars?|bags?|baskets?|siblings?|players?|groups?|teams?|"
            r"containers?|cups?|drawers?|shelves|shelf|urns?|piles?|of them|one) (?:may|can|might|could|is allowed to|"
            r"are allowed to) (?:get|receive|have|be left with|end up with|be) (?:none|nothing|zero(?: \w+)?|no \w+|"
            r"0(?: \w+)?|empty)"
            r"|(?:with |if )?empty (?:boxes|bins|jars|bags|baskets|containers|cups|drawers|shelves|urns|piles) "
            r"(?:are )?allowed")
_AT_LEAST = (rf"(?:if |where |when |and |with |so that )?(?:each|every) (?:kid|child|person|student|boy|girl|friend|"
             rf"box|bin|jar|bag|basket|sibling|player|group|team|container|cup|drawer|shelf|urn|pile|one) "
             rf"(?:gets|receives|has|must get|must receive|must have|should get|is to get|gets|getting) at least "
             rf"(?P<m>{COUNT}|an?)(?: \w+)?|(?:with )?no (?:empty )?(?:boxes|bins|jars|bags|baskets|containers|cups|"
             rf"drawers|shelves|urns|piles)(?: left)? empty|(?:with )?no empty (?:boxes|bins|jars|bags|baskets|"
             rf"containers|cups|drawers|shelves|urns|piles)")
_IDENTICAL = r"(?:identical|indistinguishable|identical,? indistinguishable)"
_TAKERS = rf"(?:among|between|to|amongst|into|in) (?P<k>{COUNT}) (?:different |distinct |distinguishable )?{_WHO}"
_SHARES = ((rf"{_WAYS}(?:share|distribute|divide|give|hand out|split|allocate|give out|put|place) (?P<n>{COUNT}) "
           rf"{_IDENTICAL} (?P<things>{_THINGS}) {_TAKERS}"),
           (rf"{_WAYS}(?:can )?(?P<n2>{COUNT}) {_IDENTICAL} (?P<things>{_THINGS}) be (?:shared|distributed|divided|"
           rf"given|handed out|split|allocated|given out|put|placed) {_TAKERS}"))


def _share(slots: Slots, scope: Scope) -> tuple[int, int, int]:
    """(n, k, least each)."""
    n, k = count(slots.get("n") or slots["n2"], high=MAX_N), count(slots["k"], low=1, high=MAX_PARTS)
    if slots.get("none") is not None:
        least = 0
    else:
        m = (slots.get("m") or "1").lower()
        least = 1 if m in ("a", "an") else count(m, high=MAX_N)
    return n, k, least


def _stars(args: tuple[int, int, int]) -> int:
    n, k, least = args
    rest = n - k * least
    return math.comb(rest + k - 1, k - 1) if rest >= 0 else 0


def _shares_counted(args: tuple[int, int, int]) -> int:
    """Ways to give each of k takers at least ``least``, taker by taker (a recurrence over what is held so far)."""
    n, k, least = args
    ways = [1] + [0] * n  # ways[t]: ways for the takers so far to hold t in all
    for _ in range(k):
        running, nxt = 0, [0] * (n + 1)
        for total in range(n + 1):  # nxt[total] = Σ ways[held] over held ≤ total − least
            if total - least >= 0:
                running += ways[total - least]
            nxt[total] = running
        ways = nxt
    return ways[n]


def _share_text(args: tuple[int, int, int]) -> str:
    n, k, least = args
    rule = "some may get none" if least == 0 else f"each gets at least {least}"
    return f"C({n - k * least} + {k} − 1, {k} − 1) ({n} identical things to {k} takers told apart; {rule})"


SHARE = _story(
    "identical_shares",
    tuple(f"{share},? {rule}" for share in _SHARES for rule in (rf"(?P<none>{_NONE_OK})", rf"(?:{_AT_LEAST})")),
    _share, _stars, _shares_counted, _share_text,
    "whole step parsed as identical things shared among takers told apart",
)

_VARS = r"(?P<vars>[a-z](?:_?\d{1,3})?(?:\s*\+\s*[a-z](?:_?\d{1,3})?)*(?:\s*\+\s*(?:\.\.\.|…)\s*\+\s*[a-z]_?\d{1,3})?)"


def _solutions(slots: Slots, scope: Scope) -> tuple[int, int, int]:
    terms = [t.strip() for t in slots["vars"].split("+")]
    if any(t in ("...", "…") for t in terms):
        first, last = re.fullmatch(r"([a-z])_?(\d+)", terms[0]), re.fullmatch(r"([a-z])_?(\d+)", terms[-1])
        if not (first and last and first[1] == last[1] and first[2] == "1" and len(terms) == 4
                and re.fullmatch(rf"{first[1]}_?2", terms[1])):
            raise MathSyntaxError("write the unknowns as x1 + x2 + ... + xk")
        k = int(last[2])
    else:
        if len(set(terms)) != len(terms):
            raise MathSyntaxError("an unknown written twice")
        k = len(terms)
    if not 2 <= k <= MAX_PARTS:
        raise MathSyntaxError(f"between 2 and {MAX_PARTS} unknowns")
    least = 0 if slots["sign"].lower().replace("-", "") in ("nonnegative",) else 1
    return count(slots["n"], high=MAX_N), k, least


SOLUTIONS = _story(
    "integer_solutions",
    ((rf"{_HOW}(?P<sign>non-negative|nonnegative|positive) (?:integer|whole number) solutions (?:are there |does |exist |"
     rf"can be found )?(?:to |for |of )?(?:the equation )?{_VARS}\s*=\s*(?P<n>\d{{1,4}})(?: have)?"),),
    _solutions, _stars, _shares_counted,
    lambda a: f"C({a[0] - a[1] * a[2]} + {a[1]} − 1, {a[1]} − 1) ({a[1]} unknowns, each at least {a[2]}, sum {a[0]})",
    "whole step parsed as integer solutions of a sum of unknowns",
)

# -- identical things in a row ------------------------------------------------------

_ALIKE = r"(?:identical|indistinguishable|identical looking)"
_GROUP = rf"{COUNT} {_ALIKE} [a-z]+(?: [a-z]+)?"
_PLACES = r"(?: (?:in a (?:row|line)|on a shelf|in a line|side by side|on a (?:pole|flagpole|string)|in order))?"


def _alike(slots: Slots, scope: Scope) -> list[int]:
    pairs = re.findall(rf"({COUNT}) {_ALIKE} ([a-z]+(?: [a-z]+)?)", slots["groups"], re.IGNORECASE)
    names = [name.lower().removesuffix("s") for _, name in pairs]
    if len(pairs) < 2 or len(set(names)) != len(names):
        raise MathSyntaxError("at least two different groups, each named once")
    sizes = [count(n, low=1, high=MAX_N) for n, _ in pairs]
    if sum(sizes) > MAX_N:
        raise MathSyntaxError(f"at most {MAX_N} things")
    return sizes


def _alike_check(sizes: list[int]) -> int:
    if sum(sizes) <= 8:
        items = [i for i, n in enumerate(sizes) for _ in range(n)]
        return len(set(itertools.permutations(items)))
    free, total = sum(sizes), 1
    for n in sizes:  # place each group in the places still free
        total *= math.comb(free, n)
        free -= n
    return total


ALIKE = _story(
    "identical_in_a_row",
    ((rf"{_WAYS}(?:arrange|order|line up|place|put|display|hang) (?P<groups>{_GROUP}(?:, {_GROUP})*,? and {_GROUP})"
     rf"{_PLACES}"),
     (rf"{_WAYS}(?:can )?(?P<groups>{_GROUP}(?:, {_GROUP})*,? and {_GROUP}) be (?:arranged|ordered|lined up|placed|"
     rf"displayed|hung){_PLACES}"),
     (rf"{_HOW}(?:arrangements|orderings|permutations|distinct arrangements) (?:are there )?of "
     rf"(?P<groups>{_GROUP}(?:, {_GROUP})*,? and {_GROUP}){_PLACES}(?: are there| are possible)?")),
    _alike,
    lambda sizes: math.factorial(sum(sizes)) // math.prod(math.factorial(n) for n in sizes),
    _alike_check,
    lambda sizes: f"{sum(sizes)}! / ({'·'.join(f'{n}!' for n in sizes)}) (things of one group are identical)",
    "whole step parsed as identical things of several kinds arranged in a row",
)

# -- people split into teams ----------------------------------------------------------

_UNLABELED = r"(?:unlabeled|unlabelled|unnamed|indistinguishable|identical|unordered)"
_LABELED = r"(?:labeled|labelled|named|distinct|distinguishable|different|numbered)"
_PEOPLE = r"(?:people|persons|students|players|kids|children|friends|workers|employees|members)"


def _teams(slots: Slots, scope: Scope) -> tuple[int, int, int, bool]:
    n, m, s = count(slots["n"], low=1, high=MAX_N), count(slots["m"], low=1, high=MAX_PARTS), count(slots["s"], low=1)
    if m * s != n:
        raise MathSyntaxError(f"{m} teams of {s} are not {n} people")
    return n, m, s, bool(slots.get("labeled"))


def _teams_count(args: tuple[int, int, int, bool]) -> int:
    n, m, s, labeled = args
    ordered = math.factorial(n) // math.factorial(s) ** m
    return ordered if labeled else ordered // math.factorial(m)


def _teams_check(args: tuple[int, int, int, bool]) -> int:
    n, m, s, labeled = args
    if m**n <= MAX_LISTED:  # give every person a team number; keep the assignments with teams of s
        ordered = sum(1 for teams in itertools.product(range(m), repeat=n)
                      if all(teams.count(t) == s for t in range(m)))
    else:
        ordered = math.prod(math.comb(n - i * s, s) for i in range(m))
    return ordered if labeled else ordered // math.factorial(m)


TEAMS = _story(
    "teams",
    ((rf"{_WAYS}(?:split|divide|separate|partition|break|group|put|sort) (?P<n>{COUNT}) {_PEOPLE} (?:up )?into "
     rf"(?P<m>{COUNT}) (?:(?P<unlabeled>{_UNLABELED})|(?P<labeled>{_LABELED})) (?:teams|groups) of (?P<s>{COUNT})"
     rf"(?: each| people each| members each)?"),
     (rf"{_WAYS}(?:split|divide|separate|partition|break|group|put|sort) (?P<n>{COUNT}) {_PEOPLE} (?:up )?into "
     rf"(?P<m>{COUNT}) (?:teams|groups) of (?P<s>{COUNT})(?: each| people each| members each)?,? (?:if|where|when) "
     rf"the (?:teams|groups) are (?:(?P<unlabeled>not labeled|not labelled|unlabeled|unlabelled|indistinguishable|"
     rf"identical|not distinguished|not named)|(?P<labeled>labeled|labelled|distinguishable|named|distinct|different))")),
    _teams, _teams_count, _teams_check,
    lambda a: f"{a[0]}! / (({a[2]}!)^{a[1]}" + ("))" if a[3] else f" · {a[1]}!)") +
              (" (the teams are told apart)" if a[3] else " (the teams are not told apart)"),
    "whole step parsed as people split into teams of equal size",
)

# -- subsets of a set written out ----------------------------------------------------------

_DOTS = r"(?:\.\.\.|…)"
_SET = rf"(?:\{{(?P<items>[^{{}}]{{1,400}})\}}|an? (?P<n0>{COUNT})-element set|an? set (?:of|with) (?P<n1>{COUNT}) elements)"


def _elements(text: str) -> int:
    items = [t.strip() for t in text.split(",")]
    if any(t in ("...", "…") for t in items):
        dots = items.index("..." if "..." in items else "…")
        head, tail = items[:dots], items[dots + 1:]
        if len(tail) != 1 or not head or not all(re.fullmatch(r"-?\d{1,6}", t) for t in head + tail):
            raise MathSyntaxError("a run is written {1, 2, ..., n}")
        values = [int(t) for t in head]
        if any(b - a != 1 for a, b in itertools.pairwise(values)) or int(tail[0]) < values[-1]:
            raise MathSyntaxError("a run of consecutive integers only")
        return int(tail[0]) - values[0] + 1
    if not all(items) or len(set(items)) != len(items):
        raise MathSyntaxError("each element once")
    return len(items)


def _subsets(slots: Slots, scope: Scope) -> tuple[int, int | None, str]:
    n = _elements(slots["items"]) if slots.get("items") else count(slots.get("n0") or slots["n1"])
    if n > MAX_N:
        raise MathSyntaxError(f"at most {MAX_N} elements")
    size = slots.get("k") or slots.get("k0") or slots.get("k1")
    k = count(size, high=n) if size else None
    return n, k, "nonempty" if slots.get("nonempty") else "all"


def _subsets_count(args: tuple[int, int | None, str]) -> int:
    n, k, which = args
    if k is not None:
        return math.comb(n, k)
    return 2**n - (which == "nonempty")


def _subsets_check(args: tuple[int, int | None, str]) -> int:
    n, k, which = args
    if 2**n <= MAX_LISTED:
        sizes = [k] if k is not None else range(1 if which == "nonempty" else 0, n + 1)
        return sum(1 for size in sizes for _ in itertools.combinations(range(n), size))
    row = [1]
    for _ in range(n):
        row = [1] + [a + b for a, b in itertools.pairwise(row)] + [1]
    return row[k] if k is not None else sum(row) - (which == "nonempty")


SUBSETS = _story(
    "subsets_of_listed_set",
    (rf"{_HOW}(?:(?P<nonempty>non-empty|nonempty) )?subsets (?:of|does) (?:the set )?{_SET}(?: have)?",
     (rf"{_HOW}subsets (?:of|does) (?:the set )?{_SET} (?:have|has|contain|with|containing|having|that have|are there "
     rf"with) (?:exactly )?(?P<k>{COUNT}) elements"),
     rf"{_HOW}(?P<k0>{COUNT})-element subsets (?:of|does) (?:the set )?{_SET}(?: have)?",
     rf"{_HOW}subsets of size (?P<k1>{COUNT}) (?:of|does) (?:the set )?{_SET}(?: have)?",
     (rf"{_HOW}subsets (?:with|of size|having) (?:exactly )?(?P<k>{COUNT})(?: elements)? (?:does|do|can be formed from|"
     rf"can be chosen from) (?:the set )?{_SET}(?: have)?")),
    _subsets, _subsets_count, _subsets_check,
    lambda a: (f"C({a[0]}, {a[1]})" if a[1] is not None else f"2^{a[0]}" + (" − 1" if a[2] == "nonempty" else ""))
              + f" (a set of {a[0]} elements)",
    "whole step parsed as subsets of a set written out",
)

OPERATIONS: tuple[Operation, ...] = (SHARE, SOLUTIONS, ALIKE, TEAMS, SUBSETS)
