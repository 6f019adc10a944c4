"""Counts asked as small everyday stories: arranging in a row or around a table, handshakes, diagonals,
subsets, binary strings, PINs, grid paths, triangles from points, distinct roles, derangements, Catalan numbers.

Each story has one standard reading, stated in the interpretation; the count is checked by a second route
(a recurrence, a sum, a product, a direct enumeration for small cases), never the same formula twice.
Conventions:

- ``around a round table``: seatings that differ by a rotation are the same, (n − 1)!; mirror images differ;
- ``shake hands once``: every pair of people shakes hands exactly once, C(n, 2);
- ``an n-digit PIN``: any of the digits 0-9 in each place, repeats allowed, 10ⁿ;
- ``paths from (0,0) to (a,b) moving only right or up``: unit steps on the grid, C(a + b, a);
- ``choose a president and a vice president from n``: distinct roles for distinct people, P(n, k) (only roles
  that one person holds: president, secretary, captain, gold/silver/bronze, first/second/third prize, ...);
- ``triangles from n points, no three collinear``: C(n, 3);
- ``n people line up`` / ``order (rank) n songs`` / ``seat n people in n chairs``: n! (as many chairs as people, else
  it declines); ``ways n runners finish a race``: n!, no ties.
"""

from __future__ import annotations

import math
from itertools import permutations, product

from agentkit.tools.math._core import Operation, Scope, Slots
from agentkit.tools.math._counts import story as _story
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_N = 1000
MAX_POWER = 2000
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12}
_POLYGONS = {"triangle": 3, "quadrilateral": 4, "square": 4, "pentagon": 5, "hexagon": 6, "heptagon": 7,
             "octagon": 8, "nonagon": 9, "decagon": 10, "hendecagon": 11, "dodecagon": 12, "icosagon": 20}
_PEOPLE = (r"(?:(?:different |distinct )?(?:people|persons|guests|friends|students|kids|children|players|runners|"
           r"members|candidates|books|items|things|objects|cards|letters|balls|cars|songs|photos|pictures|paintings|"
           r"trophies|dogs|animals|movies|tasks|flags|runners|athletes|contestants|teams|dishes|toys))")
_WAYS = (r"(?:how many (?:different |distinct )?ways (?:can (?:i|you|we|one) |are there to |to |is it possible to )?"
         r"|in how many ways can (?:i |you |we |one )?|number of ways to |ways to )")
_N = rf"(?P<n>\d+|{'|'.join(_NUMBER_WORDS)})"


def _count(slots: Slots, name: str = "n", *, high: int = MAX_N) -> int:
    text = slots[name].lower()
    n = _NUMBER_WORDS[text] if text in _NUMBER_WORDS else int(text)
    if not 0 <= n <= high:
        raise MathSyntaxError(f"counting with {name} from 0 to {high}")
    return n


def _row_check(n: int) -> int:
    return len(list(permutations(range(n)))) if n <= 7 else math.prod(range(1, n + 1))


def _row(slots: Slots) -> int:
    n = _count(slots)
    if slots.get("m") is not None and int(slots["m"]) != n:
        raise MathSyntaxError(f"{n} people in {slots['m']} chairs: as many chairs as people only")
    return n


IN_A_ROW = _story(
    "arrange_in_row",
    ((rf"{_WAYS}(?:arrange|order|line up|seat|place|sit) {_N} {_PEOPLE} "
     r"(?:in a (?:row|line|queue)|on a shelf|in order|side by side)"),
     (rf"(?:how many (?:different |distinct )?ways can |in how many ways can ){_N} {_PEOPLE} "
     r"(?:stand|line up|sit|be arranged|be seated|queue up) in a (?:row|line|queue)"),
     # a line, an order, a ranking: nothing else to place them in
     (rf"{_WAYS}(?:line up|order|rank|arrange) {_N} {_PEOPLE}(?: (?:in a (?:row|line|queue)|in order|on a shelf))?"),
     (rf"(?:(?:the )?number of (?:different )?ways |how many (?:different |distinct )?ways (?:are there )?for ){_N} "
      rf"{_PEOPLE} (?:can |to )(?:line up|be lined up|stand in (?:a )?line|queue up|be arranged in a (?:row|line)"
      r"|sit in a row|stand in a row)"),
     (rf"(?:how many (?:different |distinct )?ways can |in how many (?:different |distinct )?ways can )(?:the )?{_N} "
      rf"{_PEOPLE} (?:line up|be lined up|be ordered|be ranked|be arranged|stand in (?:a )?line|queue up|form a line"
      r"|form a queue)(?: in a (?:row|line|queue)| on a shelf)?"),
     (rf"how many (?:different |distinct |possible )?(?:orders|orderings|arrangements|line-?ups) (?:are there |are possible )?"
      rf"(?:for|of) {_N} {_PEOPLE}(?: (?:in a (?:row|line|queue)|on a shelf))?(?: (?:are|is) (?:there|possible))?"),
     (rf"(?:how many (?:different |distinct |possible )?(?:orders|orderings) can |in how many (?:different )?"
      rf"(?:orders|orderings) can ){_N} {_PEOPLE} (?:stand|line up|sit|be arranged|be placed|be played|be read|be listed"
      r"|be sung|be shown)(?: on a shelf)?(?: in)?"),
     # as many chairs as people: every chair taken
     (rf"{_WAYS}(?:seat|sit|place|arrange) {_N} {_PEOPLE} (?:in|on|into) (?:a row of )?(?P<m>\d+) (?:chairs|seats)"
      r"(?: (?:in a row|side by side))?"),
     (rf"(?:how many (?:different |distinct )?ways can |in how many (?:different |distinct )?ways can ){_N} {_PEOPLE} "
      r"(?:sit|be seated|be placed) (?:in|on) (?:a row of )?(?P<m>\d+) (?:chairs|seats)(?: (?:in a row|side by side))?")),
    lambda s, scope: _row(s),
    math.factorial,
    _row_check,
    lambda n: f"{n}! (every order of {n} distinct things in a row)",
    "whole step parsed as the orderings of n things in a row",
)


FINISHES = _story(
    "race_finishes",
    ((rf"(?:how many (?:different |distinct |possible )?ways can |in how many (?:different |distinct )?ways can ){_N} "
      r"(?:runners|horses|cars|swimmers|racers|athletes|contestants|competitors|drivers) (?:finish|cross the line in)"
      r"(?: (?:a|the) race)?"),
     (rf"how many (?:different |distinct |possible )?(?:finishing orders|orders of finish) (?:are there |are possible )?"
      rf"(?:for|with) {_N} (?:runners|horses|cars|swimmers|racers|athletes|contestants|competitors|drivers)"
      r"(?: in (?:a|the) race)?")),
    lambda s, scope: _count(s),
    math.factorial,
    _row_check,
    lambda n: f"{n}! (every finishing order of {n}, no ties)",
    "whole step parsed as the finishing orders of a race without ties",
)


def _circle_check(n: int) -> int:
    if n <= 7:  # fix the first seat's person: the others' orders are the distinct seatings
        return len({tuple(p) for p in permutations(range(1, n))}) if n > 1 else 1
    return math.factorial(n) // n


AROUND_A_TABLE = _story(
    "arrange_in_circle",
    ((rf"{_WAYS}(?:arrange|seat|sit|place) {_N} {_PEOPLE} (?:around|round|at) (?:a |the )?(?:round |circular )?"
     r"table"),
     (rf"(?:how many (?:different |distinct )?ways can |in how many ways can ){_N} {_PEOPLE} "
     r"(?:sit|be seated|be arranged) (?:around|round|at) (?:a |the )?(?:round |circular )?table")),
    lambda s, scope: max(_count(s), 1),
    lambda n: math.factorial(n - 1),
    _circle_check,
    lambda n: f"({n} − 1)! (seatings that differ by a rotation are the same)",
    "whole step parsed as seatings around a round table",
)

HANDSHAKES = _story(
    "handshakes",
    ((rf"how many handshakes (?:are there |happen |take place |will there be )?(?:if|when|among|between) {_N} "
     r"(?:people|persons|guests|friends|players|students) (?:all |each )?(?:shake hands|shake hands with each other)"
     r"(?: once| exactly once)?(?: with each other| with everyone else)?"),),
    lambda s, scope: _count(s),
    lambda n: math.comb(n, 2),
    lambda n: sum(range(n)),
    lambda n: f"C({n}, 2) (each pair shakes hands once)",
    "whole step parsed as handshakes between every pair",
)


def _polygon(slots: Slots, scope: Scope) -> int:
    if slots.get("shape"):
        return _POLYGONS[slots["shape"].lower()]
    n = _count(slots)
    if n < 3:
        raise MathSyntaxError("a polygon has at least 3 sides")
    return n


DIAGONALS = _story(
    "diagonals",
    ((rf"how many diagonals (?:does|do|are there in|are in|has) (?:an? |the )?(?:regular )?"
     rf"(?P<shape>{'|'.join(_POLYGONS)})(?: have)?"),
     (rf"how many diagonals (?:does|do|are there in|are in|has) (?:an? |the )?{_N}(?:-| )(?:sided polygon|gon)"
     r"(?: have)?")),
    _polygon,
    lambda n: n * (n - 3) // 2,
    lambda n: math.comb(n, 2) - n,
    lambda n: f"{n}·({n} − 3)/2 (segments between corners that are not sides)",
    "whole step parsed as the diagonals of a polygon",
)

SUBSETS = _story(
    "subsets",
    (rf"how many subsets (?:does|do) an? (?:set|collection) (?:of|with) {_N} (?:elements|items|members) have",
     (rf"(?:what is |what's )?(?:the )?number of subsets of an? (?:set|collection) (?:of|with) {_N} "
     r"(?:elements|items|members)")),
    lambda s, scope: _count(s, high=MAX_POWER),
    lambda n: 2**n,
    lambda n: sum(math.comb(n, k) for k in range(n + 1)),
    lambda n: f"2^{n} (every subset, the empty set and the whole set included)",
    "whole step parsed as the number of subsets of a set",
)


def _strings_check(args: tuple[int, int | None]) -> int:
    n, k = args
    if n <= 12:
        return sum(1 for bits in product((0, 1), repeat=n) if k is None or sum(bits) == k)
    return math.comb(n, k) if k is not None else math.prod([2] * n)


def _strings(slots: Slots, scope: Scope) -> tuple[int, int | None]:
    n = _count(slots, high=MAX_POWER)
    k = _count(slots, "k") if slots.get("k") else None
    if k is not None and k > n:
        raise MathSyntaxError(f"{k} ones in a string of length {n}")
    return n, k


BINARY_STRINGS = _story(
    "binary_strings",
    ((rf"how many (?:binary strings|bit strings|strings of bits) (?:are there )?of length {_N}"
     rf"(?: (?:have|contain|with) exactly (?P<k>\d+|{'|'.join(_NUMBER_WORDS)}) (?:1s|ones|1's))?"),),
    _strings,
    lambda a: 2 ** a[0] if a[1] is None else math.comb(a[0], a[1]),
    _strings_check,
    lambda a: f"2^{a[0]}" if a[1] is None else f"C({a[0]}, {a[1]}) (the places of the {a[1]} ones)",
    "whole step parsed as a count of binary strings",
)

PINS = _story(
    "pins",
    ((rf"how many (?:different |distinct |possible |unique )?{_N}(?:-| )digit (?:pins|pin codes|pin numbers|"
      r"pin-codes|passcodes)(?: (?:are (?:there|possible)|can (?:be made|be formed|be created|you make|i make|there be)"
      r"|exist|could there be))?"),
     (rf"how many (?:different |distinct |possible |unique )?(?:pins|pin codes|pin numbers|passcodes) (?:are (?:there|"
      rf"possible) |can (?:be made|you make|there be) |exist )?(?:with|of|having) {_N} digits"),
     (rf"how many (?:different |distinct |possible |unique )?{_N}(?:-| )digit codes (?:are (?:there|possible)|can "
     r"(?:be made|you make|there be)|exist)"),),
    lambda s, scope: _count(s, high=MAX_POWER),
    lambda n: 10**n,
    lambda n: math.prod([10] * n),
    lambda n: f"10^{n} (digits 0-9 in each place, repeats allowed)",
    "whole step parsed as the number of n-digit codes",
)


def _grid(slots: Slots, scope: Scope) -> tuple[int, int]:
    if int(slots["x0"]) or int(slots["y0"]):
        raise MathSyntaxError("a grid path starting away from the origin")
    a, b = int(slots["a"]), int(slots["b"])
    if a + b > MAX_N:
        raise MathSyntaxError(f"grid paths of at most {MAX_N} steps")
    return a, b


def _grid_check(ab: tuple[int, int]) -> int:
    a, b = ab
    row = [1] * (b + 1)
    for _ in range(a):
        for j in range(1, b + 1):
            row[j] += row[j - 1]
    return row[b]


GRID_PATHS = _story(
    "grid_paths",
    ((r"how many (?:shortest )?(?:paths|routes|lattice paths) (?:are there )?from \((?P<x0>\d+),\s*(?P<y0>\d+)\) to "
     r"\((?P<a>\d+),\s*(?P<b>\d+)\) (?:if|when) you (?:can )?only (?:move|go|step) (?:right or up|up or right)"),),
    _grid,
    lambda ab: math.comb(ab[0] + ab[1], ab[0]),
    _grid_check,
    lambda ab: f"C({ab[0]} + {ab[1]}, {ab[0]}) (unit steps right or up)",
    "whole step parsed as grid paths moving right or up",
)

TRIANGLES = _story(
    "triangles_from_points",
    ((rf"how many triangles can (?:be formed|you form|be made|be drawn) (?:from|with|using) {_N} points"
     r"(?:,)? (?:with )?no three (?:of which are |are |being )?collinear"),),
    lambda s, scope: _count(s),
    lambda n: math.comb(n, 3),
    lambda n: n * (n - 1) * (n - 2) // 6,
    lambda n: f"C({n}, 3) (any 3 of the points make a triangle)",
    "whole step parsed as triangles from points in general position",
)

# one person each: a role outside this list ("a team and a captain") may hold several, and declines
_ROLE_NAMES = ("president", "vice president", "vice-president", "secretary", "treasurer", "captain",
               "vice captain", "vice-captain", "chair", "chairperson", "vice chair", "leader", "deputy", "manager",
               "gold", "silver", "bronze", "first place", "second place", "third place", "first prize",
               "second prize", "third prize", "goalkeeper", "editor", "director")
_ROLE = rf"(?:an? |the )?(?:{'|'.join(_ROLE_NAMES)})"
ROLES = _story(
    "distinct_roles",
    ((rf"{_WAYS}(?:choose|pick|select|elect|appoint|award|give out|hand out) (?P<roles>{_ROLE}(?:, {_ROLE})*,? and "
     rf"{_ROLE}) (?:from|among|out of|to) {_N} {_PEOPLE}"),),
    lambda s, scope: _roles(s),
    lambda a: math.perm(a[0], a[1]),
    lambda a: math.prod(range(a[0] - a[1] + 1, a[0] + 1)),
    lambda a: f"P({a[0]}, {a[1]}) ({a[1]} different roles for different people)",
    "whole step parsed as distinct roles given to different people",
)


def _roles(slots: Slots) -> tuple[int, int]:
    words = slots["roles"].lower().replace(", and ", ", ").replace(" and ", ", ").split(", ")
    roles = [w.removeprefix("a ").removeprefix("an ").removeprefix("the ").strip() for w in words]
    if len(set(roles)) != len(roles) or any(r in ("one", "two", "three", "someone", "person") for r in roles):
        raise MathSyntaxError("the roles are not all different")
    n = _count(slots)
    if len(roles) > n:
        raise MathSyntaxError(f"{len(roles)} roles for {n} people")
    return n, len(roles)


def _derangements_check(n: int) -> int:
    if n <= 7:
        return sum(all(p[i] != i for i in range(n)) for p in permutations(range(n)))
    previous, current = 1, 0  # D(0), D(1)
    for m in range(2, n + 1):
        previous, current = current, (m - 1) * (current + previous)
    return current


DERANGEMENTS = _story(
    "derangements",
    ((rf"(?:(?:what is|what's|find) )?(?:the )?(?:number of )?derangements of {_N}(?: items| things| objects"
     r"| letters| elements)?"),),
    lambda s, scope: _count(s),
    lambda n: sum((-1) ** k * math.factorial(n) // math.factorial(k) for k in range(n + 1)),
    _derangements_check,
    lambda n: f"!{n} (orders of {n} things where none stays in its place)",
    "whole step parsed as derangements",
)


def _catalan_check(n: int) -> int:
    values = [1]
    for m in range(1, n + 1):
        values.append(sum(values[i] * values[m - 1 - i] for i in range(m)))
    return values[n]


CATALAN = _story(
    "catalan",
    (r"(?:(?:what is|what's|find) )?(?:the )?catalan number (?:c_?|c\()(?P<n>\d+)\)?",),
    lambda s, scope: _count(s),
    lambda n: math.comb(2 * n, n) // (n + 1),
    _catalan_check,
    lambda n: f"C_{n} = C({2 * n}, {n})/({n} + 1) (C_0 = 1)",
    "whole step parsed as a Catalan number",
)

OPERATIONS: tuple[Operation, ...] = (
    IN_A_ROW, FINISHES, AROUND_A_TABLE, HANDSHAKES, DIAGONALS, SUBSETS, BINARY_STRINGS, PINS, GRID_PATHS, TRIANGLES, ROLES,
    DERANGEMENTS, CATALAN,
)
