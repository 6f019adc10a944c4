"""Fair dice and coins: expected value and variance of a roll, probabilities of faces over repeated rolls or flips,
sums and doubles of several dice, as exact fractions.

Conventions (each stated in the interpretation):

- A ``die`` is fair with faces 1 to 6; an ``n-sided die`` / ``dn`` has faces 1 to n; a ``coin`` is fair.
- Several dice are told apart (a first die, a second, …): ``how many ways to roll a sum of 8 with two dice`` counts
  ordered outcomes (2+6 and 6+2 are two ways), each of the sidesᵏ outcomes equally likely.
- Over n rolls or flips, the count of a face must be said: ``exactly k``, ``at least k``, ``at most k``, ``no``,
  ``all``, ``at least one``; a bare ``k sixes in n rolls`` declines unless k = n (exactly k, or at least k?).
- ``k heads in a row`` with no number of flips is k flips, all heads; ``k heads in a row in n flips`` (a run
  somewhere in a longer sequence) declines.
- ``rolling a 7 with two dice`` is a sum of 7; ``doubles`` is two dice showing the same face.
- ``rolling a 5`` with no die named is one roll of a fair six-sided die; ``not rolling a 6`` / ``anything but a 6`` /
  ``a number other than 6`` is every other face of that roll; ``a 5 or higher`` / ``at least a 5`` is faces 5 to 6;
  ``double sixes`` / ``a six on both dice`` is two dice both showing 6.

Every probability and count is computed by a formula (binomial terms, a convolution of the faces) and checked
by listing every equally likely outcome when there are at most 200 000 of them, otherwise by a second formula
(the count's distribution built roll by roll; inclusion–exclusion for sums).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, decimal_text, phrase, terminating
from agentkit.tools.math._counts import COUNT, count
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_SIDES = 1000
MAX_DICE = 100
MAX_ROLLS = 500
MAX_OUTCOMES = 200_000
MAX_CONVOLUTION = 4_000_000

_ASK = r"(?:(?:what is|what's|whats|find|calculate|compute|give me|get|work out) )?(?:the )?"
_PROB = rf"(?:{_ASK}(?:probability|chance|likelihood)|(?:what are )?(?:the )?chances)"
_ADJ = r"(?:(?:fair|standard|regular|ordinary|unbiased|normal|single) )*"
# one die: "die", "cube", "d20", and "a dice" (a plural alone, "the variance of dice", is not one die)
_DIE = rf"(?:{_ADJ}(?:(?P<sides>\d{{1,4}}|[a-z]+)(?:-| )sided )?(?:die|cube)|an? d(?P<d>\d{{1,4}})|a {_ADJ}dice)"
_DICE = rf"(?:{_ADJ}(?:(?P<sides>\d{{1,4}}|[a-z]+)(?:-| )sided )?dice|d(?P<d>\d{{1,4}})s)"
_COIN = r"(?:(?:fair|unbiased|regular|normal|standard) )?coin"
_FACE_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FACE = r"(?P<face>ones?|twos?|threes?|fours?|fives?|six(?:es)?|\d{1,4}(?:'?s)?)"
_QTY = (rf"(?P<q>at least one|at least {COUNT}|at most {COUNT}|exactly {COUNT}|more than {COUNT}|fewer than {COUNT}"
        rf"|less than {COUNT}|no|zero|all|{COUNT}|an?)")


@dataclass(frozen=True, kw_only=True)
class Event:
    """What is asked about independent fair trials.

    Attributes:
        kind: ``"faces"`` (how many trials show a face in ``faces``), ``"sum"`` (the sum of the dice) or
            ``"doubles"`` (two dice alike).
        sides: faces of each die (2 for a coin).
        trials: rolls, flips or dice.
        faces: the faces that count (``"faces"`` only).
        test: the comparison the count or the sum must pass, ``("==", 2)``, ``(">=", 1)``, …
        ask: ``"probability"`` or ``"count"`` (of equally likely ordered outcomes).
        coin: the trials are coin flips (face 1 is heads, 2 is tails).
    """

    kind: str
    sides: int
    trials: int
    faces: frozenset[int] = frozenset()
    test: tuple[str, int] = ("==", 0)
    ask: str = "probability"
    coin: bool = False


_TESTS = {"==": lambda a, b: a == b, ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b,
          ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def _passes(value: int, test: tuple[str, int]) -> bool:
    return _TESTS[test[0]](value, test[1])


# -- reading -----------------------------------------------------------------


def _sides(slots: Slots) -> int:
    text = slots.get("sides") or slots.get("d")
    if text is None:
        return 6
    sides = count(text, low=2, high=MAX_SIDES)
    return sides


def _face(text: str, sides: int) -> int:
    word = text.lower().rstrip("s").rstrip("'")
    word = {"sixe": "six"}.get(word, word)
    if word not in _FACE_WORDS and not word.isdigit():
        raise MathSyntaxError(f"{text!r} is not a face")
    face = _FACE_WORDS[word] if word in _FACE_WORDS else int(word)
    if not 1 <= face <= sides:
        raise MathSyntaxError(f"a die with {sides} sides has no face {face}")
    return face


def _quantity(text: str, trials: int) -> tuple[str, int]:
    q = " ".join(text.lower().split())
    if q in ("no", "zero"):
        return "==", 0
    if q == "all":
        return "==", trials
    if q == "at least one":
        return ">=", 1
    for words, op in (("at least ", ">="), ("at most ", "<="), ("exactly ", "=="), ("more than ", ">"),
                      ("fewer than ", "<"), ("less than ", "<")):
        if q.startswith(words):
            return op, count(q[len(words):], high=trials)
    k = 1 if q in ("a", "an") else count(q, high=trials)
    if k != trials:
        raise MathSyntaxError(f"{k} of {trials}: exactly {k}, or at least {k}? say which")
    return "==", k


def _trials(slots: Slots, high: int) -> int:
    return count(slots.get("n") or slots["n2"], low=1, high=high)


def _coin_face(text: str) -> frozenset[int]:
    return frozenset({1}) if text.lower().startswith("head") else frozenset({2})


def _prepare_faces(slots: Slots, scope: Scope) -> Event:
    if slots.get("coinface"):
        n = _trials(slots, MAX_ROLLS)
        return Event(kind="faces", sides=2, trials=n, faces=_coin_face(slots["coinface"]),
                     test=_quantity(slots["q"], n), coin=True)
    sides = _sides(slots)
    n = _trials(slots, MAX_ROLLS)
    return Event(kind="faces", sides=sides, trials=n, faces=frozenset({_face(slots["face"], sides)}),
                 test=_quantity(slots["q"], n))


def _prepare_in_a_row(slots: Slots, scope: Scope) -> Event:
    k = {"twice": 2, "thrice": 3, "double": 2, "both": 2}.get(slots["k"].lower()) or count(slots["k"], low=1, high=MAX_ROLLS)
    if slots.get("coinface"):
        return Event(kind="faces", sides=2, trials=k, faces=_coin_face(slots["coinface"]), test=("==", k), coin=True)
    sides = _sides(slots)
    return Event(kind="faces", sides=sides, trials=k, faces=frozenset({_face(slots["face"], sides)}), test=("==", k))


_SINGLE = {"even number": lambda f: f % 2 == 0, "odd number": lambda f: f % 2 == 1}
_COMPARED = re.compile(r"number (?P<op>greater than|more than|higher than|larger than|bigger than|less than|lower than|"
                       r"smaller than|of at least|of at most) (?P<k>\d{1,4})")


_AT_LEAST = re.compile(r"(?:(?P<op>at least|at most) an? (?P<k>\d{1,4})|an? (?P<k2>\d{1,4}) or (?P<op2>higher|more|"
                       r"better|above|greater|lower|less|below|fewer))")


def _prepare_single(slots: Slots, scope: Scope) -> Event:
    sides = _sides(slots)
    what = " ".join(slots["what"].lower().split())
    if slots.get("coinface"):
        faces = _coin_face(slots["coinface"])
        return Event(kind="faces", sides=2, trials=1, faces=faces if not slots.get("neg") else frozenset({1, 2}) - faces,
                     test=(">=", 1), coin=True)
    if m := _AT_LEAST.fullmatch(what):
        k = _face(m["k"] or m["k2"], sides)  # a face the die has
        low = (m["op"] or "") == "at least" or (m["op2"] or "") in ("higher", "more", "better", "above", "greater")
        faces = frozenset(f for f in range(1, sides + 1) if (f >= k if low else f <= k))
    elif m := re.fullmatch(r"(?:an? )?(\d{1,4}) or (?:an? )?(\d{1,4})", what):  # one roll showing either face
        faces = frozenset({_face(m[1], sides), _face(m[2], sides)})
        if len(faces) < 2:
            raise MathSyntaxError("the same face named twice")
    elif (what := re.sub(r"^an? ", "", what)) in _SINGLE:
        faces = frozenset(f for f in range(1, sides + 1) if _SINGLE[what](f))
    elif m := _COMPARED.fullmatch(what):
        op = {"of at least": ">=", "of at most": "<="}.get(m["op"], ">" if m["op"].split()[0] in (
            "greater", "more", "higher", "larger", "bigger") else "<")
        faces = frozenset(f for f in range(1, sides + 1) if _passes(f, (op, int(m["k"]))))
    else:
        faces = frozenset({_face(what, sides)})
    if slots.get("neg"):  # not rolling it: every other face of the one roll
        faces = frozenset(range(1, sides + 1)) - faces
    return Event(kind="faces", sides=sides, trials=1, faces=faces, test=(">=", 1))


_CMP = {"at least": ">=", "at most": "<=", "more than": ">", "greater than": ">", "over": ">", "above": ">",
        "less than": "<", "under": "<", "below": "<", "": "=="}


def _prepare_sum(slots: Slots, scope: Scope) -> Event:
    sides = _sides(slots)
    dice = 2 if slots.get("k") is None else count(slots["k"], low=2, high=MAX_DICE)
    test = (_CMP[" ".join((slots.get("cmp") or "").lower().split())], int(slots["s"]))
    if "bare" in slots and test[1] <= sides:
        raise MathSyntaxError(f"rolling a {test[1]} with two dice: a sum of {test[1]}, or one die showing it?")
    ask = "count" if slots.get("ways") is not None else "probability"
    _small_enough(sides, dice)
    if ask == "count" and test[0] != "==":
        raise MathSyntaxError("ways to roll an exact sum only")
    return Event(kind="sum", sides=sides, trials=dice, test=test, ask=ask)


def _prepare_doubles(slots: Slots, scope: Scope) -> Event:
    ask = "count" if slots.get("ways") is not None else "probability"
    return Event(kind="doubles", sides=_sides(slots), trials=2, ask=ask)


# -- computing -----------------------------------------------------------------


def _binomial(event: Event) -> Fraction:
    p = Fraction(len(event.faces), event.sides)
    return sum((math.comb(event.trials, j) * p**j * (1 - p) ** (event.trials - j)
                for j in range(event.trials + 1) if _passes(j, event.test)), Fraction(0))


def _small_enough(sides: int, dice: int) -> None:
    """Sums of many dice with many sides: the convolution grows as (dice·sides)², so it is bounded."""
    if (dice * sides) ** 2 > MAX_CONVOLUTION:
        raise MathSyntaxError(f"sums of {dice} dice with {sides} sides are more than this computes")


def _sum_counts(sides: int, dice: int) -> list[int]:
    """How many ordered outcomes give each sum (index = sum), by convolving one die at a time."""
    counts = [1]
    for _ in range(dice):
        nxt = [0] * (len(counts) + sides)
        for total, ways in enumerate(counts):
            if ways:
                for face in range(1, sides + 1):
                    nxt[total + face] += ways
        counts = nxt
    return counts


def _compute(event: Event) -> int | Fraction:
    if event.kind == "faces":
        return _binomial(event)
    if event.kind == "doubles":
        hits = event.sides
    else:
        hits = sum(w for total, w in enumerate(_sum_counts(event.sides, event.trials)) if _passes(total, event.test))
    return hits if event.ask == "count" else Fraction(hits, event.sides**event.trials)


def _enumerated(event: Event) -> int:
    hits = 0
    for outcome in itertools.product(range(1, event.sides + 1), repeat=event.trials):
        if event.kind == "faces":
            hits += _passes(sum(face in event.faces for face in outcome), event.test)
        elif event.kind == "sum":
            hits += _passes(sum(outcome), event.test)
        else:
            hits += outcome[0] == outcome[1]
    return hits


def _exact_sum_ways(sides: int, dice: int, total: int) -> int:
    """Ordered outcomes of ``dice`` dice summing to ``total``, by inclusion–exclusion."""
    return sum((-1) ** j * math.comb(dice, j) * math.comb(total - j * sides - 1, dice - 1)
               for j in range(dice + 1) if total - j * sides - 1 >= dice - 1)


def _second_route(event: Event) -> Fraction:
    """Without listing outcomes: the count's distribution roll by roll, or inclusion–exclusion for sums."""
    if event.kind == "faces":  # ways[j]: ordered outcomes so far with j trials showing a counted face
        hit, miss = len(event.faces), event.sides - len(event.faces)
        ways = [1]
        for _ in range(event.trials):
            ways = [(ways[j] * miss if j < len(ways) else 0) + (ways[j - 1] * hit if j else 0)
                    for j in range(len(ways) + 1)]
        return Fraction(sum(w for j, w in enumerate(ways) if _passes(j, event.test)), event.sides**event.trials)
    if event.kind == "doubles":
        return Fraction(event.sides * event.sides ** (event.trials - 2), event.sides**event.trials)
    hits = sum(_exact_sum_ways(event.sides, event.trials, s)
               for s in range(event.trials, event.sides * event.trials + 1) if _passes(s, event.test))
    return Fraction(hits, event.sides**event.trials)


def _verify(event: Event, value: int | Fraction) -> str | None:
    outcomes = event.sides**event.trials
    if outcomes <= MAX_OUTCOMES:
        hits, how = _enumerated(event), "listing every outcome"
        expected = hits if event.ask == "count" else Fraction(hits, outcomes)
    else:
        expected, how = _second_route(event), "a second formula"
        if event.ask == "count":
            expected = expected * outcomes
    return None if expected == value else f"{how} gives {expected}"


def _render(event: Event, value: int | Fraction) -> str:
    return str(value)


def _faces_text(event: Event) -> str:
    if event.coin:
        return "heads" if 1 in event.faces else "tails"
    return "face " + " or ".join(str(f) for f in sorted(event.faces)) if len(event.faces) < 4 else \
        f"faces {sorted(event.faces)}"


def _interpret(event: Event) -> str:
    thing = "a fair coin" if event.coin else f"a fair {event.sides}-sided die (faces 1–{event.sides})"
    op, k = event.test
    if event.kind == "faces":
        shown = {"==": "exactly", ">=": "at least", "<=": "at most", ">": "more than", "<": "fewer than"}[op]
        return (f"P({shown} {k} of {event.trials} independent {'flips' if event.coin else 'rolls'} of {thing} "
                f"show {_faces_text(event)})")
    told = f"{event.trials} fair {event.sides}-sided dice told apart ({event.sides}^{event.trials} equally likely ordered outcomes)"
    if event.kind == "doubles":
        return f"{'P' if event.ask == 'probability' else 'ordered outcomes'}(both of {told} show the same face)"
    return f"{'P' if event.ask == 'probability' else 'ordered outcomes'}(sum {op} {k}, {told})"


def _op(name: str, patterns: tuple[str, ...], prepare, reason: str) -> Operation:
    return Operation(name=name, patterns=phrase(*patterns), prepare=prepare, compute=_compute, verify=_verify,
                     render=_render, reason=reason, interpret=_interpret)


# "of rolling ", "of ", "rolling ": each ends in its own space, so a pattern writes "{_PROB} {_GET}{next}"
_GET = r"(?:of |for )?(?:(?:rolling|getting|throwing|obtaining) )?"
_FLIP = r"(?:of |for )?(?:(?:getting|flipping|tossing|throwing|obtaining) )?"
_WAYS = (r"(?P<ways>how many (?:different )?ways (?:are there )?(?:to |can (?:you|i|we|one) )?|(?:the )?number of ways "
         r"to |in how many ways can (?:you|i|we|one) |ways to )")
_SUM = (r"an? (?:sum|total) (?:of )?(?:(?P<cmp>at least|at most|more than|greater than|over|above|less than|under|below) )?"
        r"(?P<s>\d{1,4})")
_WITH_COIN = rf"(?: (?:with|on|using|flipping|tossing) (?:a |one |the )?{_COIN})?"
_WITH_DICE = rf"(?:with|on|using|when rolling|rolling|from) (?:a pair of |(?P<k>{COUNT}) ){_DICE}"

FACES = _op(
    "dice_faces_probability",
    ((rf"{_PROB} {_GET}{_QTY} {_FACE} (?:in|on|with|out of|from) (?P<n>{COUNT}) (?:rolls|throws)"
     rf"(?: of (?:a |one |the )?{_DIE})?"),
     (rf"{_PROB} {_GET}{_QTY} {_FACE} (?:when|if) (?:rolling|throwing|you roll|i roll|we roll) (?:a |one |the )?"
     rf"{_DIE} (?P<n2>{COUNT}) times"),
     rf"{_PROB} {_GET}{_QTY} {_FACE} (?:when|if) (?:rolling|throwing|you roll|i roll|we roll) (?P<n2>{COUNT}) {_DICE}",
     rf"{_PROB} {_GET}{_QTY} {_FACE} (?:when|if) (?:a |one |the )?{_DIE} is (?:rolled|thrown) (?P<n2>{COUNT}) times",
     rf"{_PROB} {_GET}{_QTY} {_FACE} (?:when|if) (?P<n2>{COUNT}) {_DICE} are (?:rolled|thrown)",
     rf"{_PROB} {_GET}{_QTY} {_FACE} (?:with|on|using|from) (?P<n2>{COUNT}) {_DICE}",
     (rf"{_PROB} {_FLIP}{_QTY} (?P<coinface>heads?|tails?) (?:in|on|with|out of|from) (?P<n>{COUNT}) "
     rf"(?:(?:{_COIN} )?(?:flips|tosses|throws)(?: of (?:a |one )?{_COIN})?)"),
     (rf"{_PROB} {_FLIP}{_QTY} (?P<coinface>heads?|tails?) (?:when|if) (?:flipping|tossing|you flip|you toss|i flip|"
     rf"i toss|we flip|we toss) (?:a |one )?{_COIN} (?P<n2>{COUNT}) times"),
     (rf"{_PROB} {_FLIP}{_QTY} (?P<coinface>heads?|tails?) (?:when|if) (?:flipping|tossing|you flip|you toss|i flip|"
     rf"i toss|we flip|we toss) (?P<n2>{COUNT}) {_COIN}s"),
     (rf"{_PROB} {_FLIP}{_QTY} (?P<coinface>heads?|tails?) (?:when|if) (?:a |one |the )?{_COIN} is (?:flipped|tossed) "
     rf"(?P<n2>{COUNT}) times"),
     rf"{_PROB} {_FLIP}{_QTY} (?P<coinface>heads?|tails?) (?:when|if) (?P<n2>{COUNT}) {_COIN}s are (?:flipped|tossed)"),
    _prepare_faces,
    "whole step parsed as how many of n fair rolls or flips show a face",
)

IN_A_ROW = _op(
    "dice_in_a_row_probability",
    (rf"{_PROB} {_FLIP}(?P<k>{COUNT}) (?P<coinface>heads|tails) in a row{_WITH_COIN}",
     rf"{_PROB} {_FLIP}(?P<coinface>heads|tails) (?P<k>{COUNT}) times in a row{_WITH_COIN}",
     rf"{_PROB} (?:that )?an? {_COIN} (?:lands|comes up|shows) (?:on )?(?P<coinface>heads|tails) (?P<k>{COUNT}) times in a row",
     rf"{_PROB} {_GET}(?P<k>{COUNT}) {_FACE} in a row(?: (?:on|with) (?:a |one |the )?{_DIE})?",
     rf"{_PROB} {_GET}an? {_FACE} (?P<k>{COUNT}) times in a row(?: (?:on|with) (?:a |one |the )?{_DIE})?",
     rf"{_PROB} {_GET}an? {_FACE} (?P<k>twice|thrice) in a row(?: (?:on|with) (?:a |one |the )?{_DIE})?",
     rf"{_PROB} {_FLIP}(?P<coinface>heads|tails) (?P<k>twice|thrice) in a row{_WITH_COIN}",
     # two dice, both showing the face
     rf"{_PROB} {_GET}(?P<k>double) {_FACE}(?: (?:with|on|using|when rolling) (?:a pair of|two|2) dice)?",
     rf"{_PROB} {_GET}an? {_FACE} on (?P<k>both) (?:dice|of (?:the )?(?:two|2) dice)",
     rf"{_PROB} (?:that )?(?P<k>both) (?:dice|of (?:the )?(?:two|2) dice) (?:show|land on|come up) (?:an? )?{_FACE}"),
    _prepare_in_a_row,
    "whole step parsed as k fair rolls or flips in a row, all showing one face",
)

_WHAT = (rf"(?P<what>(?:an? )?(?:{_FACE.replace('(?P<face>', '(?:')}|even number|odd number|number (?:greater|more|"
         r"higher|larger|bigger|less|lower|smaller) than \d{1,4}|number of at (?:least|most) \d{1,4})"
         r"|at (?:least|most) an? \d{1,4}|an? \d{1,4} or (?:higher|more|better|above|greater|lower|less|below)"
         r"|(?:an? )?\d{1,4} or (?:an? )?\d{1,4})")
_ON_DIE = (r"(?:(?:on|with|in|from) (?:a |one |the |a single )?(?:roll of (?:a |one |the )?)?"
           rf"|(?:when|if) (?:rolling|throwing|you roll|i roll|we roll) (?:a |one |the |a single )?){_DIE}"
           r"(?: roll| once)?")
_IF_ROLL = rf"(?:if|when) (?:i|you|we) (?:roll|throw) (?:a |one |the |a single )?{_DIE}(?: once)?,? "
_IF_FLIP = rf"(?:if|when) (?:i|you|we) (?:flip|toss) (?:a |one |the )?{_COIN}(?: once)?,? "
# "rolling" with no die named is one roll of a fair six-sided die (said in the reading)
_ROLLING = r"(?:of |for )?(?:rolling|throwing) "
# "getting" names no die: a die must be said after it; "rolling" is a die's
_NOT_VERBS = (r"(?:of |for )?(?P<neg>not (?:{v})|(?:{v}) (?:anything|any number|a number|any face|something) "
              r"(?:but|other than|except(?: for)?|besides)) ")
_NOT = _NOT_VERBS.format(v="rolling|getting|throwing")
_NOT_ROLLING = _NOT_VERBS.format(v="rolling|throwing")
_ON_COIN = (rf"(?: (?:on|with|in|from) (?:a |one |the |a single )?(?:(?:{_COIN} )?(?:flip|toss)(?: of (?:a |one |the )?{_COIN})?"
            rf"|{_COIN}))?(?: once)?")
SINGLE = _op(
    "die_roll_probability",
    (rf"{_PROB} {_GET}{_WHAT} {_ON_DIE}",
     rf"{_PROB} {_ROLLING}{_WHAT}(?: once)?",
     rf"{_PROB} {_NOT}{_WHAT} {_ON_DIE}(?: once)?",
     rf"{_PROB} {_NOT_ROLLING}{_WHAT}(?: once)?",
     rf"{_IF_ROLL}{_PROB} (?:of |for |that )?(?:(?:rolling|getting|throwing|i get|you get|it shows) )?{_WHAT}",
     rf"{_IF_ROLL}{_PROB} {_NOT}{_WHAT}",
     rf"{_PROB} (?:of )?(?:rolling|throwing) (?:a |one |the |a single )?{_DIE} (?:once )?and (?:getting|it showing|seeing) {_WHAT}",
     (rf"{_PROB} (?:of )?(?:flipping|tossing) (?:a |one |the )?{_COIN} (?:once )?and (?:getting|it landing on|it showing|"
      r"seeing) (?P<what>)(?P<coinface>heads|tails|a head|a tail)"),
     rf"{_IF_FLIP}{_PROB} (?:of |for |that )?(?:(?:getting|flipping|i get|you get|it lands on|it shows) )?(?P<what>)"
     r"(?P<coinface>heads|tails|a head|a tail)",
     rf"{_PROB} {_FLIP}(?P<what>)(?P<coinface>heads|tails|a head|a tail){_ON_COIN}",
     (rf"{_PROB} (?:of |for )?(?P<what>)(?P<neg>not (?:getting|flipping|tossing)) (?P<coinface>heads|tails|a head|a tail)"
      rf"{_ON_COIN}"),
     (rf"{_PROB} (?:that |of )?(?P<what>)(?:a |the )?{_COIN} (?:lands|landing|comes up|coming up|shows|showing) "
      r"(?:on )?(?P<coinface>heads|tails)")),
    _prepare_single,
    "whole step parsed as one roll of a fair die and the faces asked for",
)

SUMS = _op(
    "dice_sum",
    (rf"{_PROB} {_GET}{_SUM} {_WITH_DICE}",
     (rf"{_PROB} (?:that )?the (?:sum|total) (?:of|on) (?:a pair of |(?P<k>{COUNT}) ){_DICE} is "
     r"(?:(?P<cmp>at least|at most|more than|greater than|over|above|less than|under|below) )?(?P<s>\d{1,4})"),
     rf"{_PROB} {_GET}an? (?P<s>\d{{1,4}})(?P<bare>) (?:with|on|using|when rolling) (?:a pair of|(?P<k>two|2)) {_DICE}",
     rf"{_WAYS}(?:roll|get|throw|make|obtain) {_SUM} {_WITH_DICE}",
     (rf"{_WAYS}(?:roll|get|throw|make|obtain) an? (?P<s>\d{{1,4}})(?P<bare>) (?:with|on|using|when rolling) "
     rf"(?:a pair of|(?P<k>two|2)) {_DICE}")),
    _prepare_sum,
    "whole step parsed as the sum of fair dice told apart",
)

DOUBLES = _op(
    "dice_doubles",
    (rf"{_PROB} {_GET}(?:doubles|a double) (?:with|on|using|when rolling|rolling) (?:a pair of|two|2) {_DICE}",
     rf"{_WAYS}(?:roll|get|throw) (?:doubles|a double) (?:with|on|using) (?:a pair of|two|2) {_DICE}",
     (rf"{_PROB} (?:that )?(?:two|2|both|a pair of) {_DICE} (?:show|land on|come up|give|roll) the same "
     r"(?:number|face|value)")),
    _prepare_doubles,
    "whole step parsed as two fair dice showing the same face",
)

# -- expected value and variance of a roll, or of the sum of several dice -------------------------------

_KIND = (r"(?P<kind>expected value|expectation|expected outcome|expected result|expected score|mean|average|"
         r"average value|mean value|variance|standard deviation|sd)")


def _prepare_moment(slots: Slots, scope: Scope) -> tuple[str, int, int]:
    kind = " ".join(slots["kind"].lower().split())
    kind = "variance" if kind == "variance" else "standard deviation" if kind in ("standard deviation", "sd") \
        else "expected value"
    dice = 1 if slots.get("k") is None else count(slots["k"], low=1, high=MAX_DICE)
    _small_enough(_sides(slots), dice)
    return kind, _sides(slots), dice


def _moment(args: tuple[str, int, int]) -> sympy.Expr:
    kind, sides, dice = args
    mean = sympy.Rational(dice * (sides + 1), 2)
    variance = sympy.Rational(dice * (sides**2 - 1), 12)
    return mean if kind == "expected value" else variance if kind == "variance" else sympy.sqrt(variance)


def _moment_check(args: tuple[str, int, int], value: sympy.Expr) -> str | None:
    """Mean and variance from the distribution of the sum, built face by face."""
    kind, sides, dice = args
    counts = _sum_counts(sides, dice)
    total = sides**dice
    mean = Fraction(sum(s * w for s, w in enumerate(counts)), total)
    variance = Fraction(sum(s * s * w for s, w in enumerate(counts)), total) - mean**2
    expected = {"expected value": mean, "variance": variance, "standard deviation": variance}[kind]
    got = value**2 if kind == "standard deviation" else value
    ok = sympy.nsimplify(got) == sympy.Rational(expected.numerator, expected.denominator) and value >= 0 or (
        kind == "expected value" and value == sympy.Rational(expected.numerator, expected.denominator))
    return None if ok else f"the distribution of the faces gives {expected}"


def _moment_text(args: tuple[str, int, int], value: sympy.Expr) -> str:
    return decimal_text(value) if value.is_Rational and terminating(value) else str(value)


def _moment_interpret(args: tuple[str, int, int]) -> str:
    kind, sides, dice = args
    what = "one roll" if dice == 1 else f"the sum of {dice} rolls"
    formula = {"expected value": f"{dice}·({sides} + 1)/2", "variance": f"{dice}·({sides}² − 1)/12",
               "standard deviation": f"√({dice}·({sides}² − 1)/12)"}[kind]
    return f"{kind} of {what} of a fair {sides}-sided die (faces 1–{sides}): {formula}"


_ONE_DIE = rf"(?:a |one |the |a single )?(?:(?:single )?(?:roll|throw) of (?:a |one |the )?)?{_DIE}(?: roll| throw)?"
MOMENTS = Operation(
    name="dice_moments",
    patterns=phrase(
        rf"{_ASK}{_KIND} (?:of|for) (?:the (?:outcome|result|number|value|face) (?:of|on|shown by) )?{_ONE_DIE}",
        rf"{_ASK}{_KIND} (?:of|for|when) (?:rolling|throwing) (?:a |one |a single )?{_DIE}(?: once)?",
        rf"{_ASK}{_KIND} (?:of|for|when) (?:rolling|throwing) (?:a pair of |(?P<k>{COUNT}) ){_DICE}(?: together)?",
        rf"{_ASK}{_KIND} of the (?:sum|total)(?: of the faces)? (?:of|on|when rolling|of rolling|rolling) "
        rf"(?:a pair of |(?P<k>{COUNT}) ){_DICE}",
        rf"{_ASK}(?P<kind>expected|mean|average) (?:sum|total) (?:of|on|when rolling|of rolling|rolling) "
        rf"(?:a pair of |(?P<k>{COUNT}) ){_DICE}",
        rf"{_ASK}(?P<kind>expected|mean|average) (?:roll|outcome|result|value|score|face)(?: of| on| for| when rolling)? "
        rf"{_ONE_DIE}",
    ),
    prepare=_prepare_moment,
    compute=_moment,
    verify=_moment_check,
    render=_moment_text,
    reason="whole step parsed as the expected value or spread of fair die rolls",
    interpret=_moment_interpret,
)

# -- the number of heads in n flips ----------------------------------------------------------


def _prepare_heads(slots: Slots, scope: Scope) -> tuple[str, int]:
    kind = " ".join(slots["kind"].lower().split())
    kind = "variance" if kind == "variance of the" else "standard deviation" if kind in (
        "standard deviation of the", "sd of the") else "expected value"
    return kind, _trials(slots, 10**6)


def _heads(args: tuple[str, int]) -> sympy.Expr:
    kind, n = args
    return sympy.Rational(n, 2) if kind == "expected value" else sympy.Rational(n, 4) if kind == "variance" \
        else sympy.sqrt(sympy.Rational(n, 4))


def _heads_check(args: tuple[str, int], value: sympy.Expr) -> str | None:
    """Mean and variance of a sum of n independent flips, each worth 1 for heads: n times one flip's."""
    kind, n = args
    one = [Fraction(0), Fraction(1)]
    mean = n * sum(one) / 2
    variance = n * (sum(v * v for v in one) / 2 - (sum(one) / 2) ** 2)
    expected = {"expected value": mean, "variance": variance, "standard deviation": variance}[kind]
    got = value**2 if kind == "standard deviation" else value
    return None if got == sympy.Rational(expected.numerator, expected.denominator) else f"one flip at a time gives {expected}"


_N_FLIPS = (rf"(?:in|from|out of|over) (?:(?P<n>{COUNT}) (?:{_COIN} )?(?:flips|tosses)(?: of (?:a |one )?{_COIN})?|"
            rf"(?P<n2>{COUNT}) {_COIN}s)|(?:when|if) (?:flipping|tossing|you flip|you toss) (?:a |one )?{_COIN} "
            rf"(?P<n3>{COUNT}) times")
HEADS = Operation(
    name="coin_heads_moments",
    patterns=phrase(
        rf"{_ASK}(?P<kind>expected|mean|average|variance of the|standard deviation of the|sd of the) number of "
        rf"(?P<face>heads|tails) (?:{_N_FLIPS})",
    ),
    prepare=lambda s, scope: _prepare_heads({**s, "n": s.get("n") or s.get("n2") or s.get("n3")}, scope),
    compute=_heads,
    verify=_heads_check,
    render=_moment_text,
    reason="whole step parsed as the expected value or spread of the number of heads in fair flips",
    interpret=lambda a: f"{a[0]} of the number of heads in {a[1]} fair coin flips (n/2, variance n/4)",
)

OPERATIONS: tuple[Operation, ...] = (HEADS, MOMENTS, FACES, IN_A_ROW, SINGLE, SUMS, DOUBLES)
