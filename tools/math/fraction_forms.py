"""Fractions as people meet them: mixed numbers, repeating decimals, a part of an hour, a recipe scaled by batches.

Conventions (collected in the README):

- ``11/4 as a mixed number`` is ``2 3/4``; of a sum (``1 2/3 + 2 1/2 as a mixed number``) the form applies to the
  value, so there is one reading. A negative value is ``-2 3/4`` (the sign on the whole); a whole number stays
  whole; a proper fraction is itself (``3/4``). ``2 3/4 as an improper fraction`` is 11/4.
- A repeating decimal is read from what is written: ``0.6 repeating`` / ``0.(6)`` / ``0.6̅`` repeat the digits
  marked; ``0.272727...`` repeats, after the fewest leading digits, the shortest block shown in full at least twice
  to the end (``0.1666...`` = 0.1(6), ``0.1212...`` = 0.(12), ``0.100100...`` = 0.(100)); a block not shown twice
  (``0.12...``) declines. ``0.16 repeating`` declines (the 6, or the 16?) unless every digit is the same.
- ``what fraction of an hour is 25 minutes`` is 25 ÷ 60 = 5/12, with the exact sizes 1 minute = 60 s,
  1 hour = 60 min, 1 day = 24 h, 1 week = 7 days (months and years vary, and decline).
- ``a recipe needs 3/4 cup ... making 2.5 batches, how many cups`` is 3/4 × 2.5, in the unit the recipe used.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.arithmetic import interpretation, read
from agentkit.tools.math.numerals import single_term

__all__ = ["OPERATIONS", "repeating_value"]

MAX_DIGITS = 60
_ASK = r"(?:(?:what is|what's|whats|find|give me|write|express|convert|turn|change|put|make|rewrite) )?(?:the )?"


# -- mixed numbers ---------------------------------------------------------------------------------------------

def _prepare_mixed(slots: Slots, scope: Scope) -> tuple[sympy.Rational, str]:
    parsed = read(slots["x"], scope)
    if not parsed.expr.is_Rational:
        raise MathSyntaxError(f"{slots['x'].strip()!r} is not a rational number")
    return parsed.expr, interpretation(parsed)


def mixed_text(value: sympy.Rational) -> str:
    """``2 3/4`` for 11/4, ``-2 3/4`` for -11/4; a whole number or a proper fraction as itself."""
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(int(value.p)), int(value.q))
    if rest == 0:
        return f"{sign}{whole}"
    if whole == 0:
        return f"{sign}{rest}/{value.q}"
    return f"{sign}{whole} {rest}/{value.q}"


def _verify_mixed(args: tuple[sympy.Rational, str], text: str) -> str | None:
    value = Fraction(int(args[0].p), int(args[0].q))
    m = re.fullmatch(r"(-?)(\d+)(?: (\d+)/(\d+))?|(-?)(\d+)/(\d+)", text)
    if m is None:
        return f"{text!r} is not written as a mixed number"
    if m.group(2):
        whole, part = int(m.group(2)), Fraction(int(m.group(3) or 0), int(m.group(4) or 1))
        sign = -1 if m.group(1) else 1
        ok = part < 1 and sign * (whole + part) == value
    else:
        part = Fraction(int(m.group(6)), int(m.group(7)))
        ok = part < 1 and (-part if m.group(5) else part) == value
    return None if ok else f"{text} is not {value}"


MIXED = Operation(
    name="mixed_number",
    patterns=phrase(
        rf"{_ASK}(?P<x>.+?) (?:into|as|to|in) (?:a )?mixed (?:number|fraction|numeral)(?: form)?",
    ),
    prepare=_prepare_mixed,
    compute=lambda args: mixed_text(args[0]),
    verify=_verify_mixed,
    render=lambda args, text: text,
    reason="whole step parsed as a number to write as a mixed number",
    interpret=lambda args: f"{args[1]} as a mixed number",
)

IMPROPER = Operation(
    name="improper_fraction",
    patterns=phrase(rf"{_ASK}(?P<x>.+?) (?:into|as|to|in) (?:an? )?improper fraction(?: form)?"),
    prepare=lambda slots, scope: _prepare_mixed({"x": single_term(slots["x"])}, scope),
    compute=lambda args: str(args[0]),
    verify=lambda args, text: None if Fraction(text) == Fraction(int(args[0].p), int(args[0].q)) else "not equal",
    render=lambda args, text: text,
    reason="whole step parsed as a number to write as an improper fraction",
    interpret=lambda args: f"{args[1]} as an improper fraction",
)


# -- repeating decimals -------------------------------------------------------------------------------------------

def repeating_value(whole: str, fixed: str, block: str, negative: bool = False) -> Fraction:
    """The value of ``whole.fixed(block)(block)...``: ``repeating_value("0", "1", "6") == Fraction(1, 6)``."""
    value = Fraction(int(whole or "0")) + Fraction(int(fixed or "0"), 10 ** len(fixed))
    value += Fraction(int(block), (10 ** len(block) - 1) * 10 ** len(fixed))
    return -value if negative else value


def _shown_block(digits: str) -> tuple[str, str]:
    """``("", "27")`` for ``272727``: after the fewest leading digits, the shortest block shown twice in full at the end
    (``100100100`` is the block 100, not 1001001 and then zeros)."""
    for start in range(0, len(digits) - 1):
        for size in range(1, (len(digits) - start) // 2 + 1):
            tail = digits[start:]
            if all(tail[i] == tail[i + size] for i in range(len(tail) - size)):
                return digits[:start], tail[:size]
    raise MathSyntaxError(f"0.{digits}...: no block of digits is shown repeating")


def _prepare_repeating(slots: Slots, scope: Scope) -> tuple[Fraction, str, str, str]:
    negative, whole = slots.get("sign") == "-", slots.get("whole") or "0"
    digits = slots.get("digits") or ""
    if len(digits) + len(slots.get("block") or "") > MAX_DIGITS:
        raise MathSyntaxError("too many digits")
    if slots.get("block"):  # 0.1(6), 0.16̅: the block is marked
        fixed, block = digits, re.sub("[\u0304\u0305]", "", slots["block"])
    elif slots.get("dots"):
        fixed, block = _shown_block(digits)
    else:  # "0.6 repeating": one digit, or every digit the same
        if not digits or len(set(digits)) != 1:
            raise MathSyntaxError(f"{whole}.{digits} repeating: which digits repeat? write 0.1(6) or 0.1666...")
        fixed, block = "", digits[0]
    value = repeating_value(whole, fixed, block, negative)
    return value, whole, fixed, block


def _verify_repeating(args: tuple[Fraction, str, str, str], value: sympy.Rational) -> str | None:
    """Long division of the answer must show the fixed digits, then the block twice; a block of nines (0.999... = 1),
    which long division never shows, by the schoolbook shift: x·10^(f+b) − x·10^f = whole+fixed+block − whole+fixed."""
    _, whole, fixed, block = args
    p, q = abs(int(value.p)), int(value.q)
    if set(block) == {"9"}:
        shifted = Fraction(p, q) * 10 ** len(fixed) * (10 ** len(block) - 1)
        ok = shifted == int(whole + fixed + block) - int(whole + fixed)
        return None if ok else f"{value} is not {whole}.{fixed}({block})"
    integer, rest = divmod(p, q)
    shown = []
    for _ in range(len(fixed) + 2 * len(block)):
        rest *= 10
        digit, rest = divmod(rest, q)
        shown.append(str(digit))
    expected = fixed + block * 2
    ok = integer == int(whole) and "".join(shown) == expected
    return None if ok else f"long division of {value} shows {integer}.{''.join(shown)}, not {whole}.{expected}"


_DECIMAL = r"(?P<sign>-)?(?P<whole>\d*)\.(?P<digits>\d*)"
_AS_FRACTION = r"(?: (?:as|to|into|in) (?:a |an )?(?:fraction|common fraction|fraction in lowest terms|ratio of integers))"
REPEATING = Operation(
    name="repeating_decimal",
    patterns=phrase(
        rf"{_ASK}{_DECIMAL}(?P<dots>\.\.\.+|…)(?: repeating| recurring)?{_AS_FRACTION}?",
        rf"{_ASK}{_DECIMAL}\((?P<block>\d+)\)(?: repeating| recurring)?{_AS_FRACTION}?",
        rf"{_ASK}{_DECIMAL}(?P<block>(?:\d[\u0304\u0305])+){_AS_FRACTION}?",
        rf"{_ASK}{_DECIMAL} (?:repeating|recurring|repeated)(?: forever)?{_AS_FRACTION}?",
    ),
    prepare=_prepare_repeating,
    compute=lambda args: sympy.Rational(args[0].numerator, args[0].denominator),
    verify=_verify_repeating,
    render=lambda args, value: str(value),
    reason="whole step parsed as a repeating decimal to write as a fraction",
    interpret=lambda args: f"{'-' if args[0] < 0 else ''}{args[1] or 0}.{args[2]}({args[3]}) repeating, as a fraction",
)


# -- a part of an hour ------------------------------------------------------------------------------------------

_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_STEPS = {"minute": ("second", 60), "hour": ("minute", 60), "day": ("hour", 24), "week": ("day", 7)}
_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)"
_SHORT = {"sec": "second", "min": "minute", "hr": "hour"}


def _unit(word: str) -> str:
    word = word.lower().rstrip("s") if word.lower() not in ("secs", "mins", "hrs") else word.lower()[:-1]
    return _SHORT.get(word, word)


def _prepare_part(slots: Slots, scope: Scope) -> tuple[sympy.Rational, str, str]:
    amount = read(single_term(slots["n"]), scope).expr
    if not amount.is_Rational or amount < 0:
        raise MathSyntaxError("a non-negative amount of time")
    return amount, _unit(slots["small"]), _unit(slots["big"])


def _in_smaller(big: str, small: str) -> int:
    """How many of ``small`` make one ``big``, by the chain week → day → hour → minute → second."""
    size, unit = 1, big
    while unit != small:
        if unit not in _STEPS:
            raise MathSyntaxError(f"a {big} is not made of {small}s")
        unit, factor = _STEPS[unit]
        size *= factor
    return size


def _verify_part(args: tuple[sympy.Rational, str, str], value: sympy.Rational) -> str | None:
    amount, small, big = args
    got = Fraction(int(value.p), int(value.q))
    if _SECONDS[small] > _SECONDS[big]:
        back = got / _in_smaller(small, big)
    else:
        back = got * _in_smaller(big, small)
    return None if back == Fraction(int(amount.p), int(amount.q)) else "the fraction of the whole is not the amount"


PART_OF_TIME = Operation(
    name="fraction_of_time",
    patterns=phrase(
        rf"(?:what|which) (?:fraction|part|portion) of (?:an? |one )?(?P<big>{_UNIT}) is (?P<n>[\d./()+ ]+?) (?P<small>{_UNIT})",
        rf"{_ASK}(?P<n>[\d./()+ ]+?) (?P<small>{_UNIT}) as a fraction of (?:an? |one )?(?P<big>{_UNIT})",
        rf"(?P<n>[\d./()+ ]+?) (?P<small>{_UNIT}) is what (?:fraction|part|portion) of (?:an? |one )?(?P<big>{_UNIT})",
    ),
    prepare=_prepare_part,
    compute=lambda args: args[0] * sympy.Rational(_SECONDS[args[1]], _SECONDS[args[2]]),
    verify=_verify_part,
    render=lambda args, value: str(value),
    reason="whole step parsed as an amount of time as a fraction of a larger unit",
    interpret=lambda args: f"{render(args[0], True)} {args[1]}s ÷ 1 {args[2]} (1 {args[2]} = "
                          f"{sympy.Rational(_SECONDS[args[2]], _SECONDS[args[1]])} {args[1]}s)",
)


# -- a recipe scaled ------------------------------------------------------------------------------------------------

_AMOUNT_UNIT = (r"cups?|teaspoons?|tablespoons?|tsps?|tbsps?|grams?|g|kilograms?|kg|ounces?|oz|pounds?|lbs?|ml|"
                r"milliliters?|millilitres?|liters?|litres?|l|pints?|quarts?|sticks?|eggs?|cloves?|pinch(?:es)?|"
                r"slices?|cans?|packets?")
_FOOD_WORD = (r"(?!(?:and|but|so|for|of|i|we|you|do|is|in|will|"
              r"not|no|never|half|twice|double|triple|extra|more|less|fewer|only|other|another|additional|some|few|many|much|all|both|except|average|net|gross|remaining|left|missing|wrong|minus|plus|times|each|per|every|without|with)\b)[a-z]+")
_FOOD = rf"{_FOOD_WORD}(?: {_FOOD_WORD})?"
_QUANTITY = r"[\d./()+ ]+?"
_SCALE_WORDS = {"double": 2, "triple": 3, "half": sympy.Rational(1, 2), "halve": sympy.Rational(1, 2)}


def _singular(unit: str) -> str:
    unit = unit.lower()
    return unit[:-2] if unit.endswith("ches") else unit.rstrip("s")


def _prepare_recipe(slots: Slots, scope: Scope) -> tuple[sympy.Rational, sympy.Rational, str, bool]:
    slots = {**slots, "unit2": slots.get("unit2") or slots.get("unit3"), "food2": slots.get("food2") or slots.get("food3")}
    if slots.get("food2") is not None and (slots.get("food") or "").lower() != slots["food2"].lower():
        raise MathSyntaxError("the question asks about another food than the recipe's")
    if slots.get("unit2") is not None and _singular(slots["unit"]) != _singular(slots["unit2"]):
        raise MathSyntaxError("the question asks in another unit than the recipe's")
    amount = read(single_term(slots["q"]), scope)
    if slots.get("kw"):
        scale, decimals = sympy.Integer(1) * _SCALE_WORDS[slots["kw"].lower()], False
    else:
        parsed = read(single_term(slots["k"]), scope)
        scale, decimals = parsed.expr, parsed.decimals
    if not (amount.expr.is_Rational and scale.is_Rational) or amount.expr <= 0 or scale <= 0:
        raise MathSyntaxError("positive amounts only")
    return amount.expr, scale, slots["unit"], decimals or amount.decimals


def _verify_recipe(args: tuple[sympy.Rational, sympy.Rational, str, bool], value: sympy.Rational) -> str | None:
    amount, scale = (Fraction(int(v.p), int(v.q)) for v in args[:2])
    return None if Fraction(int(value.p), int(value.q)) / scale == amount else "dividing back by the batches disagrees"


RECIPE = Operation(
    name="recipe_scaled",
    patterns=phrase(
        rf"(?:a |the |my |this )?recipe (?:needs|calls for|uses|takes|requires|asks for) (?P<q>{_QUANTITY}) "
        rf"(?P<unit>{_AMOUNT_UNIT})(?: of (?P<food>{_FOOD}))?,? (?:and |but |so )?(?:i'm|i am|we're|we are|you're|you are|i'll be) "
        rf"(?:making|baking|cooking|doing) (?:(?P<k>{_QUANTITY}) (?:batches|times the recipe|lots)|(?:a |the )?"
        rf"(?P<kw>double|triple|half) (?:batch|recipe|the recipe)),? how (?:many|much) (?:(?P<unit2>{_AMOUNT_UNIT})"
        rf"(?: of {_FOOD})?|(?P<food2>{_FOOD})) (?:is that|do (?:i|we|you) need|will (?:i|we|you) need|in total|total|altogether)"
        r"(?: in total| altogether)?",
        # "a recipe uses 2/3 cup of flour, how much for 3 batches"; "... and I triple it, how much butter"
        rf"(?:if )?(?:a |the |my |this )?recipe (?:needs|calls for|uses|takes|requires|asks for) (?P<q>{_QUANTITY}) "
        rf"(?P<unit>{_AMOUNT_UNIT})(?: of (?P<food>{_FOOD}))?,? (?:(?:and |but |so )?(?:i |we |you )(?P<kw>double|triple|halve) it,? "
        rf"how (?:many|much) (?:(?P<unit2>{_AMOUNT_UNIT})(?: of {_FOOD})?|(?P<food2>{_FOOD}))(?: (?:is that|do (?:i|we|you) need|"
        rf"will (?:i|we|you) need|in total|total|altogether))?|how (?:many|much)(?: (?P<unit3>{_AMOUNT_UNIT})(?: of {_FOOD})?"
        rf"| (?P<food3>{_FOOD}))? (?:for|in|do (?:i|we|you) need for) (?P<k>{_QUANTITY}) batch(?:es)?)",
    ),
    prepare=_prepare_recipe,
    compute=lambda args: args[0] * args[1],
    verify=_verify_recipe,
    render=lambda args, value: render(value, args[3]),
    reason="whole step parsed as a recipe's amount times the number of batches",
    interpret=lambda args: f"{render(args[0], True)} {args[2]} × {render(args[1], True)} batches",
)

OPERATIONS: tuple[Operation, ...] = (REPEATING, MIXED, IMPROPER, PART_OF_TIME, RECIPE)
