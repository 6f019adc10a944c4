"""Percent told as a short story: a price with a discount, a markup or VAT, a change from one value to another, the
original before a discount, a score out of a total, successive changes.

Each frame fixes one reading; a story that fits none declines. The words a frame lets through without meaning
are an item's name (``$80 jacket``, ``the rent``: one to three plain words, never a word that could change the
sum, such as ``each``, ``per``, ``tax`` or ``coupon``). Conventions (collected in the README):

- ``$80 jacket with 25% off, what do I pay`` is 80 − 25% of 80; ``marked up 40%, new price`` is the price + 40%;
  ``VAT at 20% on £150, what's the total`` is 150 + 20% of 150 (the tax alone is `everyday`'s ``20% VAT on 150``).
- ``went from A to B, what's the percent increase`` is (B − A) ÷ A × 100, and declines when the numbers move
  against the word (an increase that falls). When A and B are themselves percentages (``a rate went from 4% to
  5%``) the change is relative only when the request says so (``relative to before``); ``percentage points``
  asks for B − A; neither said, it declines (1 point, or 25%?).
- ``if 30% of a number is 27, what's the number`` is 27 ÷ 30 × 100; ``after a 20% discount it costs $48, what was
  the original price`` is 48 ÷ (1 − 20%): the discount is a percentage of the original price.
- ``I scored 42 out of 50, what percent`` is 42 ÷ 50 × 100 (a score above the total declines).
- ``need 75% on a 40 question test, how many right`` is the least whole number of questions reaching 75% of 40.
- ``a 10% increase followed by a 10% decrease on 100`` (``then``, ``and then``; ``X% off Y then another Z% off``;
  ``up 20% and then down 20% from 100``) applies the second change to the result of the first;
  ``40% of 40% of 200`` is 40% of (40% of 200).
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy
from agentkit.tools.math._core import PATTERN_SLOT, Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

_NUMBER = r"\d+(?:\.\d+)?"
_PERCENT = r"(?:\s*%| percent| per cent)"
_MONEY = r"[$£€]?"
# words that would change the sum: never part of an item's name
_MEANINGFUL = (r"(?:and|or|plus|minus|with|without|tax|vat|gst|tip|shipping|delivery|fee|fees|coupon|discount|off|"
               r"per|each|every|a|an|the|of|times|percent|after|before|extra|another|additional|more|less|than|but|"
               r"then|if|not|no|for|sale|total|only|twice|double|half|save|saved|at|is|was|costs?|priced|by|to|from|"
               r"on|in|what|how|much|many|new|old|it|its|that|this|i|we|you|never|triple|fewer|other|some|few|all|both|"
               r"except|average|net|gross|remaining|left|missing|wrong)")
_WORD = rf"(?!{_MEANINGFUL}\b)[a-z]+"
_LABEL = rf"(?:(?:{_WORD} ){{0,2}}{_WORD}|(?:{_WORD} )?(?:pair|set|box|bag|bottle|pack|case|piece|pound|kilo) of {_WORD})"
# what a score counts: never the ones missed ("8 out of 50 wrong" asks the other way round)
_SCORED = r"(?:questions|points|marks|answers|problems|items|shots|free throws|baskets|goals|games|tests|quizzes|words)"
_ART = r"(?:an? |the |my |our |your |his |her |their )?"


def _num(name: str) -> str:
    return rf"{_MONEY}(?P<{name}>{_NUMBER})"


def _pct(name: str) -> str:
    return rf"(?P<{name}>{_NUMBER}){_PERCENT}"


_PAY = (r"(?:so )?(?:(?:what|how much) (?:do|would|will|should|did|must) (?:i|we|you) (?:pay|owe|spend)(?: for it)?|"
        r"(?:what(?:'s| is| will be)|whats) (?:the )?(?:sale |final |new |discounted |reduced )?(?:price|cost)(?: now)?|"
        r"how much (?:is it|does it cost|will it cost)(?: now)?|what does it cost(?: now)?|"
        r"(?:sale |final |new |discounted )?price)")
_NEW_PRICE = (r"(?:so )?(?:(?:what(?:'s| is| will be)|whats) (?:the )?(?:new |selling |final )?price(?: now)?|"
              r"(?:new |selling |final )price|how much (?:is it|does it cost|will it sell for)(?: now)?|"
              r"what does it (?:cost|sell for)(?: now)?)")
_TOTAL = (r"(?:(?:what(?:'s| is)|whats) (?:the )?total(?: price| cost| amount| bill| to pay)?|(?:the )?total|"
          r"how much (?:is it |do i pay |do we pay )?(?:in total|altogether)|how much is the total)")
_TAX = r"(?:vat|tax|sales tax|gst)"
_ORIGINAL = (r"(?:(?:what|how much) (?:was|is|were) (?:the |its |it's )?(?:original|old|starting|full|regular|initial|"
             r"pre-discount|usual) (?:price|cost|value)|what was (?:the price|it) before(?: the (?:discount|increase|markup|sale))?|"
             r"what did it cost before(?: the (?:discount|increase|markup|sale))?|"
             r"how much was it (?:originally|before(?: the (?:discount|increase|markup|sale))?))")
_UP_WORDS = r"(?:increase|rise|raise|markup|mark-up|price rise|price increase|hike|gain)"
_DOWN_WORDS = r"(?:discount|reduction|markdown|decrease|price cut|cut|drop|fall|decline|loss)"
_CHANGE_WORDS = rf"(?:{_UP_WORDS}|{_DOWN_WORDS})"


# -- one story at a time: its kind and the numbers it names --------------------------------------------------------

def _read(text: str) -> sympy.Rational:
    return sympy.Rational(text)


def _prepare(slots: Slots, scope: Scope) -> tuple[str, tuple[sympy.Rational, ...]]:
    kind = _KINDS[int(slots[PATTERN_SLOT])]
    if kind in ("off", "up", "whole", "need", "of"):
        pct, base = _read(slots["pct"]), _read(slots["base"])
        if kind == "whole" and pct == 0:
            raise MathSyntaxError("no number has a 0% part other than 0")
        if kind == "need" and (pct > 100 or base != int(base)):
            raise MathSyntaxError("a test of a whole number of questions, at most 100%")
        return kind, (pct, base)
    if kind == "before":
        pct, price = _read(slots["pct"]), _read(slots["base"])
        down = re.fullmatch(rf"{_DOWN_WORDS}|off", slots["how"], re.IGNORECASE) is not None
        if not down and re.fullmatch(_UP_WORDS, slots["how"], re.IGNORECASE) is None:
            raise MathSyntaxError(f"{slots['how']!r}: a rise or a fall?")
        if down and pct >= 100:
            raise MathSyntaxError("a discount of 100% or more leaves no price to go back from")
        return ("before_off" if down else "before_up"), (pct, price)
    if kind == "score":
        part, whole = _read(slots["part"]), _read(slots["whole"])
        if whole == 0 or part > whole:
            raise MathSyntaxError("a score is a part of a positive total")
        return kind, (part, whole)
    if kind == "successive":
        signs = [1 if re.fullmatch(rf"{_UP_WORDS}|increased|raised|marked up|up", slots[k], re.IGNORECASE) else -1
                 for k in ("how", "how2")]
        p1, p2 = _read(slots["pct"]) * signs[0], _read(slots["pct2"]) * signs[1]
        return kind, (p1, p2, _read(slots["base"]))
    if kind == "nested":
        return kind, (_read(slots["pct"]), _read(slots["pct2"]), _read(slots["base"]))
    return _prepare_between(slots)


def _prepare_between(slots: Slots) -> tuple[str, tuple[sympy.Rational, ...]]:
    old, new = _read(slots["old"]), _read(slots["new"])
    percents = bool(slots.get("old_pct") or slots.get("new_pct"))
    asked = " ".join(slots.get(k, "") for k in ("verb", "kind", "ask", "ask2")).lower()
    if slots.get("points") or slots.get("points2"):
        if not percents:
            raise MathSyntaxError("percentage points are a change between two percentages")
        kind = "points"
    elif percents and not slots.get("relative"):
        raise MathSyntaxError(f"from {old}% to {new}%: a change of {new - old} percentage points, or relative? say which")
    else:
        kind = "change"
    if old == 0:
        raise MathSyntaxError("a change from 0 has no percentage")
    up = re.search(r"increase|rise|raise|rose|up|grow|grew|jump|climb|gain|hike", asked)
    down = re.search(r"decrease|drop|fall|fell|down|declin|cut|reduc|lose|lost|shrank|shrink", asked)
    if (up and down) or (up and new < old) or (down and new > old) or new == old and (up or down):
        raise MathSyntaxError(f"from {old} to {new} does not move the way the words say")
    if kind == "change" and (up or down):
        kind = "size"  # the size of an increase or decrease, its direction said by the words
    return kind, (old, new)


def _compute(args: tuple[str, tuple[sympy.Rational, ...]]) -> sympy.Rational:
    kind, v = args
    if kind == "off":
        return v[1] - v[0] * v[1] / 100
    if kind == "up":
        return v[1] + v[0] * v[1] / 100
    if kind == "whole":
        return v[1] * 100 / v[0]
    if kind == "of":
        return v[0] * v[1] / 100
    if kind == "need":
        return sympy.ceiling(v[0] * v[1] / 100)
    if kind == "before_off":
        return v[1] / (1 - v[0] / 100)
    if kind == "before_up":
        return v[1] / (1 + v[0] / 100)
    if kind == "score":
        return v[0] / v[1] * 100
    if kind == "successive":
        return v[2] * (1 + v[0] / 100) * (1 + v[1] / 100)
    if kind == "nested":
        return v[0] * v[1] * v[2] / 10000
    if kind == "points":
        return v[1] - v[0]
    change = (v[1] - v[0]) / v[0] * 100
    return abs(change) if kind == "size" else change


def _verify(args: tuple[str, tuple[sympy.Rational, ...]], value: sympy.Rational) -> str | None:
    """Apply the percentage back, with Python's fractions, and require the story's own numbers."""
    kind, v = args
    f = [Fraction(int(x.p), int(x.q)) for x in v]
    got = Fraction(int(value.p), int(value.q))
    if kind == "off":
        ok = (f[1] - got) * 100 == f[0] * f[1]
    elif kind == "up":
        ok = (got - f[1]) * 100 == f[0] * f[1]
    elif kind == "whole":
        ok = got * f[0] == f[1] * 100
    elif kind == "of":
        ok = got * 100 == f[0] * f[1]
    elif kind == "need":
        ok = got.denominator == 1 and got * 100 >= f[0] * f[1] > (got - 1) * 100
    elif kind in ("before_off", "before_up"):
        sign = -1 if kind == "before_off" else 1
        ok = got + sign * got * f[0] / 100 == f[1]  # the change applied to the original gives the price
    elif kind == "score":
        ok = got * f[1] == f[0] * 100
    elif kind == "successive":
        first = f[2] + f[2] * f[0] / 100
        ok = first + first * f[1] / 100 == got
    elif kind == "nested":
        ok = got * 100 * 100 == f[0] * f[1] * f[2]
    elif kind == "points":
        ok = f[0] + got == f[1]
    else:
        signed = got if kind == "change" or f[1] >= f[0] else -got
        ok = f[0] + f[0] * signed / 100 == f[1]
    return None if ok else "applying the percentage back does not give the story's numbers"


def _render(args: tuple[str, tuple[sympy.Rational, ...]], value: sympy.Rational) -> str:
    text = render(value, True)
    if args[0] in ("score", "change", "size"):
        return f"({text})%" if "/" in text else f"{text}%"
    if args[0] == "points":
        return f"{text} percentage point{'' if abs(value) == 1 else 's'}"
    return text


def _interpret(args: tuple[str, tuple[sympy.Rational, ...]]) -> str:
    kind, v = args
    t = [render(x, True).replace("-", "−") for x in v]
    return {
        "off": lambda: f"{t[1]} − {t[0]}% of {t[1]}",
        "up": lambda: f"{t[1]} + {t[0]}% of {t[1]}",
        "whole": lambda: f"the number of which {t[1]} is {t[0]}%: {t[1]} ÷ {t[0]} × 100",
        "of": lambda: f"{t[0]}% of {t[1]}",
        "need": lambda: f"the least whole number ≥ {t[0]}% of {t[1]}",
        "before_off": lambda: f"the price before a {t[0]}% discount that gives {t[1]}: {t[1]} ÷ (1 − {t[0]}%)",
        "before_up": lambda: f"the price before a {t[0]}% increase that gives {t[1]}: {t[1]} ÷ (1 + {t[0]}%)",
        "score": lambda: f"{t[0]} as a percentage of {t[1]}",
        "successive": lambda: f"{t[2]} × (1 + {t[0]}%) × (1 + {t[1]}%), the second change on the first's result",
        "nested": lambda: f"{t[0]}% of {t[1]}% of {t[2]}",
        "points": lambda: f"{t[1]}% − {t[0]}%, in percentage points",
        "change": lambda: f"percent change from {t[0]} to {t[1]}: ({t[1]} − {t[0]}) ÷ {t[0]} × 100",
        "size": lambda: f"percent change from {t[0]} to {t[1]}: ({t[1]} − {t[0]}) ÷ {t[0]} × 100",
    }[kind]()


_FROM_TO = (rf"from {_MONEY}(?P<old>{_NUMBER})(?P<old_pct>{_PERCENT})? to {_MONEY}(?P<new>{_NUMBER})"
            rf"(?P<new_pct>{_PERCENT})?")
_MOVED = (r"(?P<verb>went up|went down|went|rose|increased|grew|jumped|climbed|fell|dropped|decreased|declined|"
          r"changed|moved|was raised|was cut|was increased|was reduced|was lowered)")
_RELATIVE = (r"(?P<relative>,? relative to (?:before|the (?:old|original|start(?:ing)?|previous|first) "
             r"(?:value|rate|price|level|one|figure)|what it was|the start))")
_CHANGE_ASKED = (
    rf"(?:(?:what(?:'s| is| was)|whats) the (?:percent|percentage|%) (?P<kind>{_CHANGE_WORDS}|change|growth|fall)"
    r"(?: is that| was that| was it)?"
    rf"|(?:by )?what (?:percent|percentage)(?: (?P<ask>{_CHANGE_WORDS}|change|growth|fall))? (?:is|was) (?:that|it|this)"
    rf"|by (?:what|how many) (?:percent|percentage|%)(?P<points> points| percentage points)? did (?:it|they|the \w+) "
    r"(?P<ask2>increase|rise|go up|grow|decrease|fall|drop|go down|change)"
    rf"{_RELATIVE}?"
    r"|by how many (?P<points2>percentage points|points) did (?:it|the \w+) (?:increase|rise|go up|decrease|fall|drop|go down))"
)

_THEN = r"(?:and |, )?(?:then|after that|followed by)"
_FURTHER = r"(?:an? |another |a further |an extra |an additional |(?:a|an) (?:second|more) )?"
_RESULT = (r"(?:what(?:'s| is| will be) (?:the )?(?:final |new |end )?(?:price|result|value|amount|number|total)(?: now)?|"
           r"what (?:do|would|will) (?:i|you|we) (?:pay|get)|what(?:'s| is) left|(?:how much|what) is it now|"
           r"(?:gives|leaves|makes|is) what|where does it end up|what does it end (?:up )?at)")

_STORIES: tuple[tuple[str, str], ...] = (
    (rf"{_ART}{_num('base')}(?: {_LABEL})?(?:,? (?:with|at|is|was|that is|on sale (?:at|with|for))|,) {_pct('pct')} off(?: sale)?"
     rf"(?:,? {_PAY})?", "off"),
    (rf"(?:what|how much) (?:do|would|will|should) (?:i|we|you) pay for {_ART}{_num('base')} {_LABEL} (?:with|at) "
     rf"{_pct('pct')} off", "off"),
    (rf"{_ART}{_LABEL} (?:costs|is|was|priced at) {_num('base')},? (?:(?:with|and (?:it's|it is|is)|but (?:it's|it is)|at|"
     rf"on sale (?:at|with)|(?:and |but )?(?:it's |it is |is )?on sale (?:for|at)) )?{_pct('pct')} off,? {_PAY}", "off"),
    (rf"(?:(?:what(?:'s| is)|whats) the (?:sale |final |new |discounted |reduced )?price of|how much is|what do i pay for) "
     rf"{_ART}{_num('base')} {_LABEL} (?:after|with) (?:an? )?{_pct('pct')} (?:discount|off|reduction|markdown)", "off"),
    (rf"{_pct('pct')} off {_ART}{_num('base')}(?: {_LABEL})?,? {_PAY}", "off"),
    (rf"{_ART}{_num('base')} {_LABEL} (?:is|was|gets|got) (?:marked up|increased|raised|put up) (?:by )?{_pct('pct')},? "
     rf"{_NEW_PRICE}", "up"),
    (rf"{_ART}{_LABEL} (?:costs|is|was|priced at) {_num('base')},? (?:and )?(?:it |it's |it is )?(?:is |gets )?"
     rf"(?:marked up|increased|raised|put up) (?:by )?{_pct('pct')},? {_NEW_PRICE}", "up"),
    (rf"{_TAX} (?:at|of) {_pct('pct')} on {_ART}{_num('base')},? {_TOTAL}", "up"),
    (rf"{_ART}{_num('base')}(?: {_LABEL})? (?:plus|with|\+|including|incl\.?) (?:an? )?{_pct('pct')} (?:{_TAX}|tip)"
     rf"(?:,? {_TOTAL})?", "up"),
    (rf"(?:(?:what(?:'s| is)|whats) )?(?:the )?total (?:price |cost |bill )?(?:with|including|after) (?:an? )?{_pct('pct')} "
     rf"(?:{_TAX}|tip) on {_ART}{_num('base')}(?: bill| meal| check| order| purchase)?", "up"),
    (rf"(?:an? )?{_pct('pct')} (?:tip|{_TAX}) on {_ART}{_num('base')}(?: bill| meal| check| order| purchase)?,? {_TOTAL}",
     "up"),
    (rf"{_ART}{_LABEL} {_MOVED} {_FROM_TO},? {_CHANGE_ASKED}", "between"),
    (rf"by what (?:percent|percentage) did {_ART}{_LABEL} (?P<ask2>increase|rise|go up|grow|decrease|fall|drop|go down|"
     rf"change) {_FROM_TO}", "between"),
    (rf"(?:what(?:'s| is)|whats) the (?:percent|percentage|%) (?P<kind>{_CHANGE_WORDS}|change|growth|fall) (?:if|when) "
     rf"{_ART}{_LABEL} (?P<verb>goes up|goes down|goes|rises|increases|grows|falls|drops|decreases|declines|changes|moves) "
     rf"{_FROM_TO}", "between"),
    (rf"(?:going )?{_FROM_TO} is (?:an? )?what (?:percent|percentage) (?P<kind>{_CHANGE_WORDS}|change)", "between"),
    (rf"(?:i |we |he |she |they )?got a (?P<verb>raise|pay rise|pay raise|pay cut|rise) {_FROM_TO},? "
     rf"(?:by )?what (?:percent|percentage)(?: (?P<kind>raise|rise|increase|cut|decrease))? (?:is|was) (?:that|it)", "between"),
    (rf"(?:if )?{_pct('pct')} of (?:a |the |some |an unknown )?(?:number|value|amount|quantity) is {_num('base')},? "
     r"(?:(?:what(?:'s| is)|whats|find) (?:the )?(?:number|value|amount|quantity|whole)|what is it)", "whole"),
    (rf"(?:if )?{_pct('pct')} of (?P<name>[a-z]) is {_num('base')},? (?:(?:what(?:'s| is)|whats|find) (?P=name))", "whole"),
    (rf"after (?:an? )?{_pct('pct')} (?P<how>{_CHANGE_WORDS}|off),? {_ART}(?:{_LABEL} )?(?:now )?(?:costs|is|sells for|is priced at) "
     rf"(?:now )?{_num('base')},? {_ORIGINAL}", "before"),
    (rf"{_ART}(?:{_LABEL}|(?:sale |discounted |reduced |new )price) (?:now )?(?:costs|is|sells for|is priced at) {_num('base')} after (?:an? )?{_pct('pct')} "
     rf"(?P<how>{_CHANGE_WORDS}|off),? {_ORIGINAL}", "before"),
    (rf"(?:i |you |he |she |we |they )?(?:scored|got|answered|had|made|get|score) (?P<part>{_NUMBER})(?: out of | of |\s*/\s*)"
     rf"(?P<whole>{_NUMBER})(?: {_SCORED})?(?: right| correct| correctly)?(?: on (?:the|my|a|an|his|her) (?:test|quiz|exam))?,? "
     r"(?:(?:what|which) (?:percent|percentage)(?: is that| is it| was that| did (?:i|you|he|she|we|they) (?:get|score))?"
     r"|(?:what(?:'s| is)|whats) (?:my|his|her|their|your) (?:percentage|percent))", "score"),
    (rf"(?P<part>{_NUMBER}) out of (?P<whole>{_NUMBER})(?: {_SCORED})?(?: right| correct)?,? (?:is |as )(?:what |a )?"
     r"(?:percent|percentage)", "score"),
    (rf"(?:i |you |we )?need (?:to (?:get|score|have) )?(?:at least )?{_pct('pct')} (?:on|in) (?:an? |the |my )?"
     r"(?P<base>\d+)[- ]question (?:test|quiz|exam|paper)(?: to pass)?,? how many(?: questions| answers)? "
     r"(?:(?:do|must|should|would) (?:i|you|we) (?:need to |have to )?(?:get|answer)(?: right| correct| correctly)?|"
     r"(?:right|correct)(?: answers)? do (?:i|you|we) need|do (?:i|you|we) need(?: to get)?(?: right| correct)?)",
     "need"),
    (rf"(?:an? )?{_pct('pct')} (?P<how>{_CHANGE_WORDS}) (?:followed by|and after that) (?:an? )?{_pct('pct2')} "
     rf"(?P<how2>{_CHANGE_WORDS}) (?:on|of|to|applied to) {_ART}{_num('base')}"
     r"(?:,? (?:gives|leaves|makes|is) what|,? what(?:'s| is) the result|,? what do (?:you|i|we) get|,? what(?:'s| is) left)?",
     "successive"),
    (rf"{_MONEY}(?P<base>{_NUMBER}) (?P<how>increased|raised|marked up|decreased|reduced|discounted|marked down) by "
     rf"{_pct('pct')},? (?:and )?then (?P<how2>increased|raised|marked up|decreased|reduced|discounted|marked down) by "
     rf"{_pct('pct2')}", "successive"),
    # "80 with 20% off then another 10% off", "a 10% rise then a 5% fall on 200", "up 20% and then down 20% from 100"
    (rf"{_ART}{_num('base')}(?: {_LABEL})?(?:,? with|,? after|,) {_pct('pct')} (?P<how>off),? {_THEN} {_FURTHER}"
     rf"{_pct('pct2')} (?:more |extra )?(?P<how2>off)(?: that)?(?:,? {_RESULT})?", "successive"),
    (rf"{_pct('pct')} (?P<how>off) {_ART}{_num('base')}(?: {_LABEL})?,? {_THEN} {_FURTHER}{_pct('pct2')} (?P<how2>off)"
     rf"(?: that)?(?:,? {_RESULT})?", "successive"),
    (rf"(?:an? )?{_pct('pct')} (?P<how>{_CHANGE_WORDS}),? {_THEN} {_FURTHER}{_pct('pct2')} (?P<how2>{_CHANGE_WORDS}) "
     rf"(?:on|of|to|applied to|from) {_ART}{_num('base')}(?:,? {_RESULT})?", "successive"),
    (rf"(?P<how>up|down) {_pct('pct')},? {_THEN} (?P<how2>up|down) {_pct('pct2')} (?:from|on|starting (?:from|at)) "
     rf"{_ART}{_num('base')}(?:,? {_RESULT})?", "successive"),
    (rf"{_ART}{_num('base')}(?: {_LABEL})?,? (?:goes |went |is |was )?(?P<how>up|down) (?:by )?{_pct('pct')},? {_THEN} "
     rf"(?:goes |went |is |was )?(?P<how2>up|down) (?:by )?{_pct('pct2')}(?:,? {_RESULT})?", "successive"),
    (rf"{_pct('pct')} of {_pct('pct2')} of {_num('base')}", "nested"),
    # "20% more than 50" is 50 + 20% of 50; "what number is 15% of 60" is 15% of 60
    (rf"{_pct('pct')} (?:more|greater|higher|bigger|larger) than {_num('base')}", "up"),
    (rf"{_pct('pct')} (?:less|lower|smaller|fewer) than {_num('base')}", "off"),
    (rf"what (?:number|value|amount) is {_pct('pct')} of {_num('base')}", "of"),
)
_KINDS = [kind for pattern, kind in _STORIES for _ in phrase(pattern)]

STORY = Operation(
    name="percent_story",
    patterns=tuple(p for pattern, _ in _STORIES for p in phrase(pattern)),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=_render,
    reason="whole step parsed as a percent story with one reading: its numbers and what is asked",
    interpret=_interpret,
)

OPERATIONS: tuple[Operation, ...] = (STORY,)
