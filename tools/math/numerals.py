"""How numbers are written: bases, place values, rounding and percentages."""

from __future__ import annotations

import re

import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math._core import Operation, Scope, Slots, decimal_text, phrase, render
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS", "from_digits", "single_term", "to_digits"]

MAX_NUMERAL_CHARS = 1000
MAX_ROUNDING_EXPONENT = 100
MAX_BITS = 12_000  # about 3,600 digits: well inside Python's integer-to-text limit
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_ASK = (r"(?:(?:what is|what's|whats|calculate|compute|find|give|determine|work out|tell|get|show)"
        r"(?: me)? )?(?:the )?")
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}


def single_term(text: str) -> str:
    """The text itself when no + or - joins terms at its top level, so that "15% of 80 + 5" cannot be misread.

    Raises:
        MathSyntaxError: ``80 + 5`` could belong to the sentence's words or to the number.
    """
    depth, previous = 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "+-−" and depth == 0 and (previous.isalnum() or previous in tuple(").%!")):
            raise MathSyntaxError(f"{text.strip()!r} is a sum; say which part the words apply to")
        if not ch.isspace():
            previous = ch
    return text


def _written_size(value: sympy.Expr) -> sympy.Expr:
    """The value itself when its digits can be written out; refuses a number of thousands of digits."""
    if value.is_Rational:
        too_big = max(int(value.p).bit_length(), int(value.q).bit_length()) > MAX_BITS
    else:
        too_big = abs(value) > sympy.Integer(2) ** MAX_BITS
    if too_big:
        raise LimitExceeded(f"a number of more than {MAX_BITS} bits has too many digits to write out")
    return value


# -- numerals in a base ------------------------------------------------------------

def from_digits(text: str, base: int) -> int:
    """The integer a numeral denotes in ``base`` (2..36), every digit checked.

        >>> from_digits("-1c", 16)
        -28
    """
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text)
    if not 2 <= base <= 36:
        raise MathSyntaxError(f"bases run from 2 to 36, got {base}")
    if not digits or len(digits) > MAX_NUMERAL_CHARS:
        raise MathSyntaxError(f"{text!r} is not a numeral of a sensible length")
    value = 0
    for ch in digits.lower():
        digit = _DIGITS.find(ch)
        if not 0 <= digit < base:
            raise MathSyntaxError(f"{ch!r} is not a digit in base {base}")
        value = value * base + digit
    return sign * value


def to_digits(n: int, base: int) -> str:
    """The numeral for n in ``base``, lower-case letters past 9: ``to_digits(-28, 16) == "-1c"``."""
    if n == 0:
        return "0"
    digits, rest = [], abs(n)
    while rest:
        rest, digit = divmod(rest, base)
        digits.append(_DIGITS[digit])
    return ("-" if n < 0 else "") + "".join(reversed(digits))


_BASE_NAMES = {"binary": 2, "octal": 8, "decimal": 10, "denary": 10, "hex": 16, "hexadecimal": 16}
_PREFIXES = {"0b": 2, "0o": 8, "0x": 16}
_BASE = r"(?:binary|octal|decimal|denary|hex|hexadecimal|base \d+)"


def _base(name: str) -> int:
    name = " ".join(name.lower().split())
    base = _BASE_NAMES.get(name) or int(name.removeprefix("base "))
    if not 2 <= base <= 36:
        raise MathSyntaxError(f"bases run from 2 to 36, got {base}")
    return base


def _prepare_convert(slots: Slots, scope: Scope) -> tuple[int, int, str, int]:
    text = slots["num"].strip().lower()
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-").strip()
    target = _base(slots["to"])
    if slots.get("from"):
        source = _base(slots["from"].removeprefix("(").removesuffix(")"))
    elif body[:2] in _PREFIXES:
        source, body = _PREFIXES[body[:2]], body[2:]
    elif re.fullmatch(r"\d+", body):
        source = 10
        if target == 10:
            raise MathSyntaxError("a decimal numeral converted to decimal is probably meant in another base")
    else:
        raise MathSyntaxError(f"say which base {text!r} is written in")
    numeral = sign + body
    return from_digits(numeral, source), source, numeral, target


def _verify_convert(args: tuple[int, int, str, int], text: str) -> str | None:
    _, source, numeral, target = args
    back = from_digits(text, target)
    return None if back == int(numeral, source) else f"{text} in base {target} reads back as {back}"


CONVERT = Operation(
    name="base_conversion",
    patterns=phrase(
        r"(?:convert |change |express |write )?(?P<num>-?[0-9a-z]+) (?P<from>\(base \d+\)) "
        r"(?:to|into|in) (?P<to>base \d+)",
        rf"{_ASK}(?P<num>-?[0-9a-z]+) (?P<from>\(base \d+\)) (?:in|to|into) (?P<to>base \d+)",
        rf"(?:convert|change|express|write) (?P<num>-?\s*[0-9a-z]+) (?:from (?P<from>{_BASE}) )?"
        rf"(?:to|into|in) (?P<to>{_BASE})",
        rf"{_ASK}(?P<num>-?\s*(?:0[box])?[0-9a-f]+) (?:in|to|into|as) (?P<to>{_BASE})",
        # "binary 101101 to decimal", "convert hex ff to binary": the base named before the numeral
        rf"(?:convert |change |express |write )?(?:the )?(?P<from>{_BASE}) (?:number |numeral )?(?P<num>-?[0-9a-z]+) "
        rf"(?:to|into|in|as) (?P<to>{_BASE})",
        rf"(?:convert |change |express |write )?(?P<num>-?[0-9a-z]+) (?:in |from )?(?P<from>{_BASE}) (?:to|into|in|as) (?P<to>{_BASE})",
    ),
    prepare=_prepare_convert,
    compute=lambda args: to_digits(args[0], args[3]),
    verify=_verify_convert,
    render=lambda args, text: text,
    reason="whole step parsed as a numeral and the bases to convert between",
)

_SUM = re.compile(r"-?\s*[0-9a-z]+(?:\s*[+-]\s*-?\s*[0-9a-z]+)*")
_TERM = re.compile(r"([+-]?)(-?[0-9a-z]+)")

BaseSum = tuple[int, list[tuple[int, str]]]


def _prepare_base_sum(slots: Slots, scope: Scope) -> BaseSum:
    base = _base("base " + slots["base"])
    if not _SUM.fullmatch(slots["expr"].lower()):
        raise MathSyntaxError("expected numerals joined by + and -")
    text = "".join(slots["expr"].lower().split())
    terms = [(-1 if sign == "-" else 1, numeral) for sign, numeral in _TERM.findall(text)]
    for _, numeral in terms:
        from_digits(numeral, base)  # every digit must belong to the base
    return base, terms


def _verify_base_sum(args: BaseSum, text: str) -> str | None:
    base, terms = args
    total = sum(sign * int(numeral, base) for sign, numeral in terms)
    return None if from_digits(text, base) == total else f"{text} in base {base} is not the sum {total}"


BASE_SUM = Operation(
    name="base_arithmetic",
    patterns=phrase(
        r"in base (?P<base>\d+),? (?:what is|what's|calculate|compute|evaluate|find|work out) "
        r"(?P<expr>[-+0-9a-z ]+)",
    ),
    prepare=_prepare_base_sum,
    compute=lambda args: to_digits(sum(sign * from_digits(num, args[0]) for sign, num in args[1]), args[0]),
    verify=_verify_base_sum,
    render=lambda args, text: text,
    reason="whole step parsed as a sum of numerals in one base",
)


# -- place value -------------------------------------------------------------------

_GROUPS = ("thousands", "millions", "billions", "trillions", "quadrillions", "quintillions", "sextillions",
           "septillions", "octillions", "nonillions", "decillions")
_PLACES = {"units": 0, "ones": 0, "tens": 1, "hundreds": 2, "tenths": -1, "hundredths": -2, "thousandths": -3,
           **{group: 3 * (i + 1) for i, group in enumerate(_GROUPS)}}
_PLACE = rf"(?P<place>(?:(?:one )?hundred |ten )?(?:{'|'.join(_PLACES)}))"


def _place(name: str) -> int:
    words = name.lower().split()
    power = _PLACES[words[-1]]
    if len(words) > 1:
        if words[-1] not in _GROUPS:
            raise MathSyntaxError(f"no such place as {name!r}")
        power += 1 if words[-2] == "ten" else 2
    return power


def _prepare_place(slots: Slots, scope: Scope) -> tuple[sympy.Rational, int]:
    power = _place(slots.get("place", "units"))
    value = _written_size(scope.number(slots["n"]))
    if power >= 0 and not value.is_Integer:
        raise MathSyntaxError(f"{slots['n'].strip()!r} is not a whole number")
    if not value.is_Rational:
        raise MathSyntaxError("digits are read off rational numbers only")
    return abs(value), power


def _verify_place(args: tuple[sympy.Rational, int], digit: int) -> str | None:
    value, power = args
    whole, _, fraction = decimal_text(value).partition(".")
    if power < 0:
        text = (fraction + "000")[-1 - power]
    else:
        text = whole[-1 - power] if power < len(whole) else "0"
    return None if text == str(digit) else f"the written-out number shows {text}, not {digit}"


PLACE_VALUE = Operation(
    name="place_value",
    patterns=phrase(
        rf"{_ASK}{_PLACE} digit of (?P<n>.+)",
        rf"{_ASK}digit in the {_PLACE} (?:place|position) of (?P<n>.+)",
        rf"{_ASK}{_PLACE} digit in (?P<n>.+)",
        rf"{_ASK}(?:last|final) digit of (?P<n>.+)",
    ),
    prepare=_prepare_place,
    compute=lambda args: int(sympy.floor(args[0] / sympy.Integer(10) ** args[1])) % 10,
    verify=_verify_place,
    render=lambda args, digit: str(digit),
    reason="whole step parsed as one digit of a number at a named place",
)


# -- rounding ----------------------------------------------------------------------

_UNITS = {"integer": 1, "whole number": 1, "one": 1, "unit": 1, "ten": 10, "hundred": 100, "thousand": 10**3,
          "million": 10**6, "billion": 10**9, "tenth": sympy.Rational(1, 10),
          "hundredth": sympy.Rational(1, 100), "thousandth": sympy.Rational(1, 1000)}
_UNIT = (r"(?P<unit>integer|whole number|unit|one|tenth|hundredth|thousandth|\d+(?:\.\d+)?|"
         r"(?:(?:one |a )?(?:hundred |ten )?)?(?:ten|hundred|thousand|million|billion))")
_COUNT = rf"\d+|{'|'.join(_SMALL)}"
_DECIMALS = rf"(?P<dp>{_COUNT}) (?:decimal places?|dps?|d\.p\.|decimals?)"
_FIGURES = rf"(?P<sf>{_COUNT}) (?:significant (?:figures?|digits?)|sig\.? figs?|s\.f\.)"
_TARGET = rf"(?:the nearest {_UNIT}|{_DECIMALS}|{_FIGURES})"


def _count(word: str) -> int:
    return _SMALL[word.lower()] if word.lower() in _SMALL else int(word)


def _unit(slots: Slots, value: sympy.Expr) -> sympy.Rational:
    if slots.get("dp"):
        places = _count(slots["dp"])
        if places > MAX_ROUNDING_EXPONENT:
            raise MathSyntaxError("too many decimal places")
        return sympy.Rational(1, 10**places)
    if slots.get("sf"):
        figures = _count(slots["sf"])
        if not value.is_Rational or not 1 <= figures <= MAX_ROUNDING_EXPONENT:
            raise MathSyntaxError("significant figures of a rational number only, 1 to 100")
        return sympy.Integer(10) ** (_magnitude(abs(value)) - figures + 1)
    words = slots["unit"].lower().split()
    if words[0].isdigit() or "." in words[0]:
        whole, _, fraction = words[0].partition(".")
        unit = sympy.Rational(int(whole + fraction), 10 ** len(fraction))
    elif " ".join(words) in _UNITS:
        unit = sympy.Integer(1) * _UNITS[" ".join(words)]
    else:
        # "one hundred thousand": an optional one/a, a multiplier, then thousand, million or billion
        *prefix, last = [w for w in words if w not in ("one", "a")]
        if len(prefix) > 1 or last not in ("ten", "hundred", "thousand", "million", "billion") or (
                prefix and last not in ("thousand", "million", "billion")):
            raise MathSyntaxError(f"no such unit as {slots['unit']!r}")
        unit = sympy.Integer(_UNITS[prefix[0]] if prefix else 1) * _UNITS[last]
    if unit <= 0:
        raise MathSyntaxError("round to a positive unit")
    return unit


def _magnitude(x: sympy.Rational) -> int:
    """The exponent e with 10**e <= x < 10**(e+1) (x > 0), by exact comparison; 0 for x = 0."""
    if x == 0:
        return 0
    e = len(str(x.p)) - len(str(x.q))
    while sympy.Integer(10) ** e > x:
        e -= 1
    while sympy.Integer(10) ** (e + 1) <= x:
        e += 1
    return e


def _prepare_round(slots: Slots, scope: Scope) -> tuple[sympy.Expr, sympy.Rational]:
    value = _written_size(scope.number(slots["x"]))
    return value, _unit(slots, value)


def _compute_round(args: tuple[sympy.Expr, sympy.Rational]) -> sympy.Rational:
    value, unit = args
    # halves round away from zero, the rule taught in school
    steps = sympy.floor(abs(value) / unit + sympy.Rational(1, 2))
    if not steps.is_Integer:
        raise MathSyntaxError("the number could not be placed between two multiples of the unit")
    return sympy.sign(value) * steps * unit


def _verify_round(args: tuple[sympy.Expr, sympy.Rational], result: sympy.Rational) -> str | None:
    value, unit = args
    if not (result / unit).is_Integer:
        return f"{result} is not a multiple of {unit}"
    return None if abs(value - result) <= unit / 2 else f"{result} is more than half a unit away from {value}"


ROUND = Operation(
    name="round",
    patterns=phrase(
        rf"round(?: off)? (?P<x>.+?) (?:to|correct to) {_TARGET}",
        rf"{_ASK}(?P<x>.+?),? (?:rounded|rounded off|correct) to {_TARGET}",
        rf"{_ASK}(?P<x>.+?),? to the nearest {_UNIT}",
    ),
    prepare=_prepare_round,
    compute=_compute_round,
    verify=_verify_round,
    render=lambda args, result: decimal_text(result),
    reason="whole step parsed as a number and the unit, decimal places or figures to round it to",
)


# -- percentages -------------------------------------------------------------------

_PERCENT = r"(?:\s*%| percent| per cent)"
_WHAT_PERCENT = r"what (?:percent|percentage|per cent|%)"


def _prepare_percent(slots: Slots, scope: Scope) -> tuple[str, sympy.Rational, sympy.Rational]:
    for text in slots.values():
        single_term(text)
    if "part" in slots:
        kind, a, b = "what", scope.number(slots["part"]), scope.number(slots.get("whole", "1"))
        if b == 0:
            raise MathSyntaxError("a percentage of 0 is undefined")
    else:
        kind = slots.get("change", "of").lower()[:8]  # "increased" -> "increase"
        a, b = scope.number(slots["pct"]), scope.number(slots["base"])
    if not (a.is_Rational and b.is_Rational):
        raise MathSyntaxError("percentages of rational numbers only")
    return kind, a, b


def _compute_percent(args: tuple[str, sympy.Rational, sympy.Rational]) -> sympy.Rational:
    kind, a, b = args
    if kind == "of":
        return a * b / 100  # a% of b
    if kind == "what":
        return a / b * 100  # a is what percent of b
    return b * (1 + a / 100) if kind == "increase" else b * (1 - a / 100)  # b changed by a%


def _verify_percent(args: tuple[str, sympy.Rational, sympy.Rational], result: sympy.Rational) -> str | None:
    kind, a, b = args
    if kind == "of":
        ok = result * 100 == a * b
    elif kind == "what":
        ok = result * b == a * 100
    else:
        change = (result - b) * 100
        ok = change == (a * b if kind == "increase" else -a * b)
    return None if ok else "multiplying back does not give the numbers asked about"


def _percent_text(args: tuple[str, sympy.Rational, sympy.Rational], result: sympy.Rational) -> str:
    text = render(result, True)
    if args[0] != "what":
        return text
    return f"({text})%" if "/" in text else f"{text}%"


PERCENT = Operation(
    name="percent",
    patterns=phrase(
        rf"{_ASK}(?P<pct>[^%]+?){_PERCENT} of (?P<base>.+)",
        rf"{_ASK}{_WHAT_PERCENT} is (?P<part>.+?) (?:out )?of (?P<whole>.+)",
        rf"{_ASK}{_WHAT_PERCENT} of (?P<whole>.+?) is (?P<part>.+)",
        rf"(?P<part>.+?) is {_WHAT_PERCENT} of (?P<whole>.+)",
        rf"{_ASK}(?:express |write )?(?P<part>.+?) as a (?:percent|percentage) of (?P<whole>.+)",
        rf"{_ASK}(?:express |write |convert )?(?P<part>.+?) (?:as|to|in) (?:a )?(?:percent|percentage)",
        rf"(?P<change>increase|decrease) (?P<base>.+?) by (?P<pct>.+?){_PERCENT}",
        rf"{_ASK}(?P<base>.+?) (?P<change>increased|decreased) by (?P<pct>.+?){_PERCENT}",
    ),
    prepare=_prepare_percent,
    compute=_compute_percent,
    verify=_verify_percent,
    render=_percent_text,
    reason="whole step parsed as a percentage of, or change by a percentage of, a number",
    interpret=lambda args: _percent_reading(*args),
)


def _percent_reading(kind: str, a: sympy.Rational, b: sympy.Rational) -> str:
    """``15% of 80``, ``12 as a percentage of 80``, ``80 increased by 15%``."""
    a_text, b_text = (render(v, True).replace("-", "−") for v in (a, b))
    if kind == "of":
        return f"{a_text}% of {b_text}"
    if kind == "what":
        return f"{a_text} as a percentage of {b_text}"
    return f"{b_text} {kind}d by {a_text}%"

OPERATIONS: tuple[Operation, ...] = (CONVERT, BASE_SUM, PLACE_VALUE, ROUND, PERCENT)
