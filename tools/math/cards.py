"""A standard deck of 52 playing cards: hands that hold so many cards of a kind, and cards drawn one after another.

Conventions (each stated in the interpretation):

- The deck has 4 suits of 13 ranks (ace, 2–10, jack, queen, king); ``face cards`` are the jacks, queens and kings
  (12); ``red`` / ``black`` cards are 26 each; ``the ace of spades`` is one card.
- A ``5-card hand`` is any 5 of the 52 cards, order not mattering. How many of a kind it holds must be said:
  ``exactly 2 aces``, ``at least one ace``, ``no aces``, ``all four aces``; a bare ``2 aces`` declines (exactly,
  or at least?) unless it is every card of the kind.
- ``drawing 2 aces in a row`` is the first two cards drawn both aces. Two or more draws must say ``with`` or
  ``without replacement``; unsaid, the step declines.

Counts are Σ C(c, i)·C(52 − c, h − i) and are checked by building the hands card by card (a recurrence);
probabilities of draws are a product of one draw after another, checked against a ratio of combinations.
"""

from __future__ import annotations

import math
from fractions import Fraction

from agentkit.tools.math._core import Operation, Scope, Slots, phrase
from agentkit.tools.math._counts import COUNT, count
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

DECK = 52
_RANKS = {"ace": 4, "king": 4, "queen": 4, "jack": 4, "two": 4, "three": 4, "four": 4, "five": 4, "six": 4,
          "seven": 4, "eight": 4, "nine": 4, "ten": 4, "2": 4, "3": 4, "4": 4, "5": 4, "6": 4, "7": 4, "8": 4,
          "9": 4, "10": 4, "heart": 13, "spade": 13, "club": 13, "diamond": 13, "face card": 12, "red card": 26,
          "black card": 26, "card": 52}
_SPECIFIC = r"the (?:ace|king|queen|jack|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) of (?:hearts|spades|clubs|diamonds)"
_KIND = (r"(?P<kind>aces?|kings?|queens?|jacks?|twos|threes|fours|fives|sixes|sevens|eights|nines|tens|(?:2|3|4|5|6|7|8|9|10)'?s"
         r"|hearts?|spades?|clubs?|diamonds?|face cards?|red cards?|black cards?|" + _SPECIFIC + ")")
_DECK = (r"(?:a |the )?(?:(?:standard|regular|ordinary|normal|full|well[- ]shuffled|shuffled) )*(?:52[- ]card |"
         r"playing )?(?:deck|pack)(?: of (?:52 )?(?:playing )?cards)?")
_PROB = (r"(?:(?:(?:what is|what's|whats|find|calculate|compute|give me|get|work out) )?(?:the )?(?:probability|chance|likelihood)"
         r"|(?:what are )?(?:the )?chances)")
_QTY = rf"(?P<q>at least one|at least {COUNT}|at most {COUNT}|exactly {COUNT}|no|all (?:four|4|thirteen|13)|{COUNT}|an?)"


def _kind(text: str) -> int:
    word = " ".join(text.lower().split())
    if word.startswith("the "):
        return 1
    word = word.replace("'", "")
    word = {"sixes": "six", "twos": "two"}.get(word, word)
    word = word[:-1] if word.endswith("s") and word[:-1] in _RANKS else word
    if word not in _RANKS:
        raise MathSyntaxError(f"{text!r} is not a kind of card")
    return _RANKS[word]


def _quantity(text: str, kind: int, hand: int) -> tuple[str, int]:
    q = " ".join(text.lower().split())
    if q == "no":
        return "==", 0
    if q.startswith("all "):
        wanted = count(q[4:])
        if wanted != kind:
            raise MathSyntaxError(f"all {wanted}, but there are {kind}")
        return "==", kind
    if q == "at least one":
        return ">=", 1
    for words, op in (("at least ", ">="), ("at most ", "<="), ("exactly ", "==")):
        if q.startswith(words):
            return op, count(q[len(words):], high=hand)
    k = 1 if q in ("a", "an") else count(q, high=hand)
    if k != min(kind, hand) and not (k == 1 and kind == 1):
        raise MathSyntaxError(f"{k} of them: exactly {k}, or at least {k}? say which")
    return "==", k


_TESTS = {"==": lambda a, b: a == b, ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b}


def _hands(kind: int, hand: int, test: tuple[str, int]) -> int:
    return sum(math.comb(kind, i) * math.comb(DECK - kind, hand - i) for i in range(hand + 1)
               if _TESTS[test[0]](i, test[1]))


def _hands_built(kind: int, hand: int, test: tuple[str, int]) -> int:
    """Hands built card by card: ways[(cards taken, of them of the kind)]."""
    ways = {(0, 0): 1}
    for card in range(DECK):
        nxt = dict(ways)
        for (taken, of_kind), n in ways.items():
            if taken < hand:
                key = (taken + 1, of_kind + (card < kind))
                nxt[key] = nxt.get(key, 0) + n
        ways = nxt
    return sum(n for (taken, of_kind), n in ways.items() if taken == hand and _TESTS[test[0]](of_kind, test[1]))


def _prepare_hand(slots: Slots, scope: Scope) -> tuple[int, int, tuple[str, int], str]:
    hand = count(slots["h"], low=1, high=13)
    kind = _kind(slots["kind"])
    if kind == DECK:
        raise MathSyntaxError("every card is a card")
    if slots.get("q") is None:
        if kind != 1:
            raise MathSyntaxError("how many of the kind? say which")
        test = ("==", 1)
    else:
        test = _quantity(slots["q"], kind, hand)
    return kind, hand, test, "probability" if slots.get("p") is not None else "count"


def _hand_value(args: tuple[int, int, tuple[str, int], str]) -> int | Fraction:
    kind, hand, test, ask = args
    hits = _hands(kind, hand, test)
    return hits if ask == "count" else Fraction(hits, math.comb(DECK, hand))


def _hand_check(args: tuple[int, int, tuple[str, int], str], value: int | Fraction) -> str | None:
    kind, hand, test, ask = args
    hits = _hands_built(kind, hand, test)
    expected = hits if ask == "count" else Fraction(hits, math.comb(DECK, hand))
    return None if expected == value else f"building the hands card by card gives {expected}"


def _hand_text(args: tuple[int, int, tuple[str, int], str]) -> str:
    kind, hand, (op, k), ask = args
    shown = {"==": "exactly", ">=": "at least", "<=": "at most"}[op]
    count_text = f"Σ C({kind}, i)·C({DECK - kind}, {hand} − i) over i {op.replace('==', '=')} {k}"
    what = f"{hand}-card hands from 52 with {shown} {k} of the {kind} cards of the kind"
    return f"{count_text}: {what}" + (f", over C(52, {hand})" if ask == "probability" else "")


_HOLDS = r"(?:contain|contains|have|has|include|includes|hold|holds|with|containing|that contain|that have|having)"
HANDS = Operation(
    name="card_hands",
    patterns=phrase(
        rf"how many (?:different |distinct |possible )?(?P<h>{COUNT})(?:-| )card (?:poker )?hands(?: from {_DECK})? "
        rf"(?:are there |can be (?:dealt|formed|made|chosen) )?(?:that )?{_HOLDS} (?:{_QTY} )?{_KIND}",
        rf"{_PROB}(?P<p>) (?:that |of )?an? (?P<h>{COUNT})(?:-| )card (?:poker )?hand(?: from {_DECK})? "
        rf"(?:{_HOLDS}|(?:being dealt|dealt) with) (?:{_QTY} )?{_KIND}",
    ),
    prepare=_prepare_hand,
    compute=_hand_value,
    verify=_hand_check,
    render=lambda args, value: str(value),
    reason="whole step parsed as hands from a standard deck holding so many cards of a kind",
    interpret=_hand_text,
)


# -- cards drawn one after another ------------------------------------------------------


def _prepare_draw(slots: Slots, scope: Scope) -> tuple[int, int, bool] | tuple[int, int, bool, str]:
    kind = _kind(slots["kind"])
    if slots.get("neg"):  # one card that is not of the kind: the other cards of the deck
        if slots.get("deck") is None:
            raise MathSyntaxError("not drawing it from which deck?")
        if kind == DECK:
            raise MathSyntaxError("every card is a card")
        return DECK - kind, 1, False, "not"
    if slots.get("deck") is None and slots["kind"].lower().startswith(("red", "black")):
        raise MathSyntaxError("red and black cards of which deck?")
    n_text = (slots.get("n") or ("one" if kind == 1 else "")).lower()
    if not n_text:
        raise MathSyntaxError("how many cards? say which")
    drawn = 1 if n_text in ("a", "an", "one") else count(n_text, low=1, high=kind)
    said = (slots.get("rep") or slots.get("rep2") or "").lower()
    if drawn > 1 and not said:
        raise MathSyntaxError("with or without replacement? say which")
    if kind == DECK:
        raise MathSyntaxError("every card is a card")
    return kind, drawn, said == "with"


def _draw_value(args: tuple) -> Fraction:
    kind, drawn, replaced = args[:3]
    value = Fraction(1)
    for i in range(drawn):
        value *= Fraction(kind, DECK) if replaced else Fraction(kind - i, DECK - i)
    return value


def _draw_check(args: tuple, value: Fraction) -> str | None:
    kind, drawn, replaced = args[:3]
    expected = Fraction(kind**drawn, DECK**drawn) if replaced else Fraction(math.comb(kind, drawn), math.comb(DECK, drawn))
    return None if expected == value else f"a ratio of counts gives {expected}"


def _draw_text(args: tuple) -> str:
    kind, drawn, replaced = args[:3]
    if args[3:]:
        return f"P(one card drawn from 52 is not of the kind: {kind} of the 52 cards are not)"
    how = "with replacement" if replaced else "without replacement"
    return f"P(the first {drawn} cards drawn {how} from 52 are all among {kind} cards of the kind)"


_DRAW = r"(?:of )?(?:drawing|picking|getting|pulling|selecting|choosing|being dealt|dealing)"
_REP = r"(?P<rep>with|without) replacement"
DRAWS = Operation(
    name="card_draws",
    patterns=phrase(
        rf"{_PROB} {_DRAW} (?:(?P<n>{COUNT}|an?) )?{_KIND}(?: in a row| one after (?:the )?other)?(?:,? {_REP})?"
        rf"(?: (?:from|out of) (?P<deck>{_DECK}))?(?:,? (?P<rep2>with|without) replacement)?",
        (rf"{_PROB} (?:of |that )?(?P<neg>not (?:drawing|picking|getting|pulling|selecting|choosing|being dealt)|"
         r"(?:drawing|picking|getting|pulling) (?:anything|any card|a card) (?:but|other than|except(?: for)?|besides)|"
         rf"(?:drawing|picking|getting|pulling) a (?:card )?(?:that is|that's) not) an? {_KIND} (?:from|out of) "
         rf"(?P<deck>{_DECK})"),
    ),
    prepare=_prepare_draw,
    compute=_draw_value,
    verify=_draw_check,
    render=lambda args, value: str(value),
    reason="whole step parsed as cards drawn one after another from a standard deck",
    interpret=_draw_text,
)

OPERATIONS: tuple[Operation, ...] = (HANDS, DRAWS)
