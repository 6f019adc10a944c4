"""Follow-ups: a turn that refers to the previous one, rewritten into a request a tool family reads whole.

Each kind is a closed set of frames that must match the whole turn (after leading connectives such
as "and", "now", "ok"), so every word is accounted for; the rewritten request is then read whole by a family:

    >>> by_reference("now double it", "8.04672 km").text
    '8.04672 km * 2'
    >>> by_reference("in feet?", "8.04672 km").text
    '8.04672 km in feet'

A reference needs one previous value (a number, a quantity, a clock time or an expression; a list only for
a plural: "their sum"); anything else is declined with the reason named. A follow-up that gives the previous
request a new argument ("and 10 miles?") is `agentkit.arguments`'.

Beyond "it": `by_pair` reads "those two", "the first", "the second" against exactly two earlier answers (with
more, which two is unclear); `once_more` carries the previous operation on ("and the second derivative?");
`as_definitions` and `by_binding` read a turn that gives names values and a later one that uses them:

    >>> by_pair("divide the second by the first", [("6", "turn 1's answer"), ("120", "turn 2's answer")]).text
    'divide 120 by 6'
    >>> as_definitions("x = 3, y = 4")
    'let x = 3, y = 4'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["NO_PREVIOUS", "REPRESENTATION", "TRAILING", "Rewrite", "as_definitions", "by_binding", "by_pair",
           "by_reference", "core_of", "is_list", "items_of", "looks_like_follow_up", "names", "normalized",
           "once_more", "plugged", "unresolved", "usable", "without_connectives"]

NO_PREVIOUS = "it refers to an earlier answer, and there is no one verified answer before it to refer to"

_CONNECTIVES = re.compile(
    r"^(?:(?:and|so|ok|okay|now|then|next|also|alright|right|great|cool|nice|thanks|thank you|please|pls"
    r"|can you|could you|would you)\b[\s,]*)+", re.IGNORECASE)
TRAILING = re.compile(r"(?:[\s?.,]|(?<!\d)!|\b(?:please|pls|thanks|thank you|then|now)\b)+$", re.IGNORECASE)  # "3!" stays
_WHATS = re.compile(r"\bwhats\b", re.IGNORECASE)
_REF = r"(?:it|that|this|the result|the answer|this result|that result|that number|the previous (?:answer|result))"
_NUM = r"-?\d+(?:\.\d+)?(?:/\d+)?"
# one operand: a number (perhaps with "!" or unit words) or a number word; never an operator or a percent
_OPERAND = rf"(?:{_NUM}!?(?: [A-Za-z°µ]+){{0,3}}|[a-z]+)"
_ROUNDING = (r"(?P<r>(?:the )?nearest (?:whole number|integer|tenth|hundredth|thousandth|ten|hundred|thousand"
             r"|[a-z]+)|\d+ (?:decimal places?|decimals?|dp|d\.p\.|significant figures?|sig figs?))")

_TIME_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)"


class _Rewritten(str):
    """A rewrite that depends on the value or on more of the frame (told apart by identity, never interned)."""


_SHARED = _Rewritten("{P} / {n}")  # rounded when it says so: "to the nearest cent" is 2 decimals
_LATER = _Rewritten("{n} after {P}")  # read by the clock frames for a clock time, as "{P} + {n}" for anything else
_MORE = _Rewritten("{k} {unit} after {P}")
_NOT_A_CLOCK = {_LATER: "{P} + {n}", _MORE: "{P} + {k} {unit}"}
_CLOCK = re.compile(r"\d{1,2}:\d\d(?: ?[ap]\.?m\.?)?", re.IGNORECASE)
# (frame, rewrite): ``{P}`` is the previous value, ``{n}``/``{u}`` the frame's groups.
_VERBS = [
    (rf"(?:double|twice) {_REF}", "{P} * 2"),
    (rf"triple {_REF}", "{P} * 3"),
    (rf"quadruple {_REF}", "{P} * 4"),
    (rf"(?:halve {_REF}|half of {_REF}|cut {_REF} in half)", "{P} / 2"),
    (rf"(?:square {_REF}|{_REF} squared|what(?:'s| is) {_REF} squared)", "({P})^2"),
    (rf"(?:cube {_REF}|{_REF} cubed|what(?:'s| is) {_REF} cubed)", "({P})^3"),
    (rf"(?:multiply|times) {_REF} by (?P<n>{_OPERAND})", "{P} * {n}"),
    (rf"divide {_REF} by (?P<n>{_OPERAND})", "{P} / {n}"),
    (rf"add (?P<n>{_OPERAND}) to {_REF}", "{P} + {n}"),
    (rf"(?:subtract|take away|take) (?P<n>{_OPERAND}) (?:from|off) {_REF}", "{P} - {n}"),
    (rf"raise {_REF} to the (?:power (?:of )?(?P<n>{_NUM})|(?P<m>\d+)(?:st|nd|rd|th)? power)", "({P})^{n}{m}"),
    (rf"(?:round (?:{_REF} )?|rounded )?(?:to|to the) {_ROUNDING}", "round {P} to {r}"),
    (rf"(?:{_REF} )?(?P<op>plus|minus|times|multiplied by|divided by|over|\+|-|\*|/|×|÷) (?P<n>{_OPERAND})",
     "{P} {op} {n}"),
    (rf"(?P<verb>add|subtract|multiply by|divide by) (?P<n>{_OPERAND})", "{P} {verb} {n}"),
    (rf"negate {_REF}", "-({P})"),
    # the previous result shared ("if I split it between 3 people, how much each to the nearest cent")
    ((rf"(?:if (?:i|we|you) )?(?:split|divide|share) {_REF} (?:evenly )?(?:(?:between|among|by|into|across) )?(?P<n>\d+)"
      r"(?: (?:people|persons|ways|friends|parts|equal parts))?(?:,? how much (?:each|per person|is each share))?"
      r"(?:,? (?:to|rounded to) (?:the nearest cent|(?P<d>\d+) decimal(?: place)?s?))?"), _SHARED),
    # the previous result as the amount of a change to another number ("now increase 150 by that much")
    (rf"(?:increase|raise) (?P<n>{_NUM}) by {_REF}(?: much| amount)?", "{n} + {P}"),
    (rf"(?:decrease|reduce|lower) (?P<n>{_NUM}) by {_REF}(?: much| amount)?", "{n} - {P}"),
    (rf"(?:add|put) {_REF} (?:to|onto) (?P<n>{_NUM})", "{n} + {P}"),
    # more time after a clock time or a duration ("and another 2 hours on top?", "if it runs 20 minutes over")
    ((rf"(?:(?:what )?if it (?:runs|goes|takes|lasts) |(?:add |plus )?(?:another|an extra|a further|an additional) )"
      rf"(?P<n>{_NUM} {_TIME_UNIT})(?: (?:over|longer|more|later|on top|extra))?"), _LATER),
    (rf"(?P<n>{_NUM} {_TIME_UNIT}) (?:over|longer|more|later|on top|extra)", _LATER),
    (rf"(?:add |plus )?(?P<k>{_NUM}) (?:more|extra|additional) (?P<unit>{_TIME_UNIT})(?: (?:on top|later))?", _MORE),
    # a percent added to or taken off the value itself ("add 8% tax to that", "take 15% off it")
    (rf"(?:add|put) (?P<n>{_NUM})% (?:(?:tax|tip|vat|interest|markup) )?(?:to|on|onto) {_REF}", "{P} * (1 + {n}/100)"),
    (rf"increase {_REF} by (?P<n>{_NUM})%", "{P} * (1 + {n}/100)"),
    (rf"(?:take|knock) (?P<n>{_NUM})% off(?: of)? {_REF}", "{P} * (1 - {n}/100)"),
    (rf"(?:decrease|reduce|discount) {_REF} by (?P<n>{_NUM})%", "{P} * (1 - {n}/100)"),
    (rf"(?:evaluate |plug in |substitute )?(?:{_REF} )?at (?P<v>[a-z]) ?= ?(?P<n>{_NUM})", "evaluate {P} at {v} = {n}"),
    (rf"(?:what about |and )?(?:(?:take |find |what(?:'s| is) )?the square root of {_REF}|its square root)",
     "square root of ({P})"),
    (r"(?:what about |what(?:'s| is| are) )?its (?P<op>[a-z]+(?: [a-z]+)?)", "the {op} of {P}"),
    (r"(?:in )?(?P<u>[A-Za-z°][A-Za-z° ]*?) (?:too|as well|also)", "{P} in {u}"),
    # another unit or form, rounded: "in hours, 2 decimals", "as a percentage to 2 decimals"
    ((rf"(?:(?:convert|change|express|what(?:'s| is)) )?(?:{_REF} )?(?P<prep>in|into|as) (?P<u>[^\d,;=]+?)(?P<sep>,?) "
      r"(?P<k>(?:(?:rounded )?to )?(?:\d+ (?:decimal places?|decimals?|dp)|the nearest [a-z]+(?: [a-z]+)?))"),
     "{P} {prep} {u}{sep} {k}"),
    ((rf"(?:(?:convert|change|express|what(?:'s| is)|how much is|(?:the )?same) )?(?:{_REF} )?(?P<prep>in|to|into|as)"
      r" (?P<u>[^\d,;=]+)"),
     "{P} {prep} {u}"),
]
_FRAMES = [(re.compile(frame, re.IGNORECASE), rewrite) for frame, rewrite in _VERBS]
# A list result ("3, 4") is named by a plural: "what's their sum", "sum of those", "add them up".
_PLURAL = (r"(?:them|those|these|their|those numbers|these numbers|the numbers|all of them"
           r"|the (?:new |whole )?list|the new numbers)")
# the operations on a list a plural or "and the median?" may ask for
_LIST_OPS = (r"(?P<op>sum|total|product|mean|average|median|mode|range|gcd|lcm|hcf|greatest common (?:divisor|factor)"
             r"|least common multiple|(?:(?:sample|population) )?(?:standard deviation|variance)|max|min|maximum|minimum)")
_LIST_FRAMES = [(re.compile(frame, re.IGNORECASE), rewrite) for frame, rewrite in [
    (rf"(?:what(?:'s| is| are) )?their {_LIST_OPS}", "the {op} of {L}"),
    (rf"(?:what(?:'s| is| are) )?(?:the )?{_LIST_OPS} of {_PLURAL}", "the {op} of {L}"),
    (rf"(?:what about |how about |what(?:'s| is) )?the {_LIST_OPS}", "the {op} of {L}"),
    (rf"(?:add {_PLURAL} (?:up|together)|sum {_PLURAL}(?: up)?)", "the sum of {L}"),
    (rf"multiply {_PLURAL}(?: together)?", "the product of {L}"),
]]
# a number added to the list, then an operation on it: "add 21 to the list, what's the mean now" ("add 21 to them"
# may add it to each)
_APPENDED = re.compile(
    rf"(?:if (?:i|we|you) )?(?:add|append|include|put) (?P<n>{_NUM}) (?:to|into|in|onto) (?:the list|the numbers"
    rf"|the data|the data set|the set)(?:,|;| -| and| then|, and|, then)? (?:what(?:'s| is| would be) |find |give me |get )?"
    rf"the {_LIST_OPS}(?: now| then)?",
    re.IGNORECASE)
_JOINED = {"sum": " + ", "total": " + ", "product": " * "}  # written out: "1 + 13 + 17 + 221"
_LIST = re.compile(r"-?\d+(?:\.\d+|/\d+)?(?:, -?\d+(?:\.\d+|/\d+)?){1,19}")
_OPERATORS = ("=", "*", "^", "/", "+", "-", "(")
_NAME = re.compile(r"(?<![A-Za-z_])[A-Za-z](?![A-Za-z_(])")
# a one-letter name as an expression's variable ("x*y + x", "3*x**2"), not a unit after a number ("5 m")
_FREE = re.compile(r"(?:^|(?<=[*^/+\-(=,])|(?<=[*^/+\-(=,] ))(?P<n>[A-Za-z])(?![A-Za-z_(])")
_PLUG = re.compile(rf"(?:plug|put|substitute|sub) {_REF} (?:in)?to (?P<e>[^=;,]+)", re.IGNORECASE)
_SLOT = re.compile(r"\b(?:after|before|than|from|of|by|plus|minus|times|over)\s+$", re.IGNORECASE)
_VERB_OPS = {"add": "+", "subtract": "-", "multiply by": "*", "divide by": "/"}
_LEADS = re.compile(r"^(?:(?:and )?(?:what about|how about)\s+)", re.IGNORECASE)
_REFERENCE = re.compile(rf"\b{_REF}\b", re.IGNORECASE)
# a number (perhaps a fraction or a clock time), perhaps with unit words: it needs no parentheses
_PLAIN = re.compile(r"-?\d+(?:\.\d+|/\d+|:\d\d)?(?: [A-Za-z°µ][A-Za-z°µ_ ]*)?")
_NOT_A_VALUE = re.compile(r"[,;=\n]|:(?!\d\d\b)|\b(?:true|false|yes|no)\b", re.IGNORECASE)
# "the lcm", "the total": the previous answer, when the previous request named the same operation
_NAMED = re.compile(r"\bthe (?P<op>lcm|gcd|hcf|sum|total|product|mean|average|median|difference|quotient|remainder"
                    r"|derivative|integral|limit|factorial)\b(?! of)", re.IGNORECASE)
_AGAIN = re.compile(r"\s+(?:back|again)$", re.IGNORECASE)
_QUANTITY = re.compile(r"(?P<n>-?\d+(?:\.\d+)?) (?P<u>[A-Za-z°µ][A-Za-z°µ_²³/^0-9]*)")
_NUMBER_PLACES = {"whole", "integer", "tenth", "hundredth", "thousandth", "ten", "hundred", "thousand", "million",
                  "cent", "unit", "one"}
# A numeral written in another base is a representation, not the number it reads as in decimal.
REPRESENTATION = re.compile(r"\b(?:binary|hex(?:adecimal)?|octal|base[ -]?\d+|roman)\b", re.IGNORECASE)



@dataclass(frozen=True, kw_only=True)
class Rewrite:
    """A follow-up read against the previous turn.

    Attributes:
        text: the request to read instead, whole; ``None`` when the follow-up is declined.
        note: what the rewrite took from the previous turn, for the interpretation
            ("it = 8.04672 km (the previous answer)"); when declined, why.
        items: the list the rewrite made, which "their" and "the new list" name next.
    """

    text: str | None
    note: str
    items: str | None = None  # a list the rewrite made ("3, 5, 7, 9, 21" after "add 21 to the list"), for "the new list"


def normalized(text: str) -> str:
    """``text`` with single spaces, a typed ’ as ' and "whats" as "what's"."""
    return _WHATS.sub("what's", " ".join(text.replace("\u2019", "'").split()))


def core_of(text: str) -> str:
    """``text`` (`normalized`) without leading connectives and trailing punctuation or politeness."""
    return _CONNECTIVES.sub("", TRAILING.sub("", normalized(text))).strip()


def usable(value: str | None, interpretation: str | None = None) -> bool:
    """Whether a previous result can stand for "it": one number, quantity, clock time or expression, and not
    a numeral in another base (its ``interpretation`` names the base)."""
    if value and _LIST.fullmatch(value.strip()):
        return True  # a list of numbers, for a plural ("their sum")
    if not value or len(value) > 80 or not any(c.isdigit() for c in value) or _NOT_A_VALUE.search(value):
        return False
    return not (interpretation and REPRESENTATION.search(interpretation))


def looks_like_follow_up(text: str) -> bool:
    """Whether ``text`` is written as a follow-up (one of the reference frames: "double it", "in feet?"):
    a step like this with no previous answer is declined with `NO_PREVIOUS`."""
    core = core_of(text)
    return any(frame.fullmatch(core) for frame, _ in _FRAMES)


def by_reference(text: str, previous: str | None, *, items: str | None = None, request: str | None = None,
                 source: str = "the previous answer", items_source: str | None = None) -> Rewrite | None:
    """``text`` with "it"/"that" read as ``previous`` (and "they"/"their" as the list ``items``, or ``previous``
    when that is a list); ``None`` when it is not written as a follow-up of them. "the lcm" is "it" too when
    ``request`` (the one ``previous`` answered) asked for an lcm."""
    value = (previous or "").strip()
    if is_list(value):
        items, value, items_source = value, "", source
    core = core_of(text)
    if items and is_list(items) and (appended := _APPENDED.fullmatch(core)) is not None:
        longer = f"{items}, {appended.group('n')}"
        op = appended.group("op").lower()
        read = _JOINED[op].join(i.strip() for i in longer.split(",")) if op in _JOINED else f"the {op} of {_listed(longer)}"
        return Rewrite(text=read, note=f"the list = {items} ({items_source or source}) and {appended.group('n')}",
                       items=longer)
    if items and is_list(items):  # only a plural names a list
        for frame, rewrite in _LIST_FRAMES:
            if (match := frame.fullmatch(core)) is not None:
                op = (match.group("op") if "op" in frame.groupindex else "").lower()
                joined = _JOINED.get(op) or _JOINED.get(rewrite.split(" of ")[0].removeprefix("the "))
                read = joined.join(i.strip() for i in items.split(",")) if joined else rewrite.format(L=_listed(items), op=op)
                return Rewrite(text=read, note=f"they = {items} ({items_source or source})")
    if not value or not usable(value):
        return None
    note = f"it = {value} ({source})"
    wrapped = value if _PLAIN.fullmatch(value) else f"({value})"
    if request and (named := _NAMED.search(core)) and re.search(rf"\b{named.group('op')}\b", request, re.IGNORECASE):
        core = f"{core[:named.start()]}it{core[named.end():]}"  # "is the lcm divisible by 7?" after "... lcm ..."
    for frame, rewrite in _FRAMES:
        match = frame.fullmatch(core)
        if match is not None:
            groups = {k: _VERB_OPS.get((v or "").lower(), (v or "").strip()) for k, v in match.groupdict().items()}
            if any(rewrite is later for later in _NOT_A_CLOCK) and not _CLOCK.fullmatch(value):
                rewrite = _NOT_A_CLOCK[rewrite]
            if rewrite is _SHARED and (groups["d"] or "cent" in core.lower()):
                places = groups["d"] or "2"
                return Rewrite(text=f"round {wrapped} / {groups['n']} to {places} decimals",
                               note=note + ("; to the nearest cent = 2 decimals" if not groups["d"] else ""))
            if "r" in groups and (quantity := _QUANTITY.fullmatch(value)):  # a quantity keeps its unit
                return _rounded(quantity, groups["r"], note)
            return Rewrite(text=rewrite.format(P=value if "({P})" in rewrite else wrapped, **groups), note=note)
    core = _AGAIN.sub("", core)  # "factor it back", "simplify that again"
    found = _REFERENCE.search(core)
    if found is None:
        return None
    if any(c.isdigit() for c in core[: found.start()]) and not _SLOT.search(core[: found.start()]):
        return None  # a number before it may be its antecedent ("what is 5 and is it prime"), unless "it" fills
        # an operator's slot ("90 minutes after that", "log base 10 of that")
    return Rewrite(text=_REFERENCE.sub(lambda _: wrapped, core), note=note)


def _rounded(quantity: re.Match[str], rounding: str, note: str) -> Rewrite | None:
    """A quantity rounded in its own unit ("215.278 ft² in ft², 1 decimal"); "the nearest gram" is a whole number
    of grams. ``None`` when it asks for as many decimals as the value shows or more: the value may itself be
    rounded, and rounding cannot give back digits it does not have."""
    number, unit = quantity.group("n"), quantity.group("u")
    places = re.match(r"(\d+) (?:decimal|dp|d\.p\.)", rounding)
    if places is not None:
        if int(places.group(1)) >= len(number.partition(".")[2]):
            return None
        return Rewrite(text=f"{number} {unit} in {unit}, {rounding}", note=note)
    nearest = re.fullmatch(r"(?:the )?nearest (?P<w>[a-z]+)", rounding, re.IGNORECASE)
    if nearest is None or nearest.group("w").lower() in _NUMBER_PLACES:
        return None
    return Rewrite(text=f"{number} {unit} in {nearest.group('w')}s to the nearest whole number", note=note)


def plugged(text: str, previous: str | None, *, source: str = "the previous answer") -> Rewrite | None:
    """"plug that into x^2 + 1": the expression evaluated at its one variable = ``previous``; ``None`` otherwise."""
    match = _PLUG.fullmatch(core_of(text))
    if match is None or not previous or not usable(previous) or is_list(previous):
        return None
    variables = names(match.group("e"))
    if len(variables) != 1:
        return None
    (variable,) = variables
    value = previous.strip()
    return Rewrite(text=f"evaluate {match.group('e')} at {variable} = {value}", note=f"it = {value} ({source})")


def is_list(value: str | None) -> bool:
    """Whether ``value`` is a list of numbers ("3, 4"), which only a plural ("their sum") refers to."""
    return bool(value) and _LIST.fullmatch(value.strip()) is not None


def _listed(value: str) -> str:
    """A list as English writes it: "1, 13, 17 and 221"."""
    items = [item.strip() for item in value.split(",")]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def names(text: str) -> set[str]:
    """The one-letter names ``text`` uses as variables ("x = 3, y = 4", "2x + y" -> x, y): beside an operator
    or "=", or right after a digit; never "a" or "I", nor the "x" of "5 x 3"."""
    found = set()
    for m in _NAME.finditer(text):
        before, after = text[: m.start()].rstrip(), text[m.end():].lstrip()
        if text[: m.start()][-1:].isdigit() or before[-1:] in _OPERATORS or after[:1] in _OPERATORS:
            found.add(m.group())
    return found - {"a", "i", "A", "I"}


def unresolved(result: str, earlier: list[str], bindings: Mapping[str, str]) -> str | None:
    """Why ``result`` must not be verified: it is written in names that a turn no tool answered mentioned
    (that turn may have meant to give them values) and that no definition binds; ``None`` when it may."""
    unclear = sorted({m.group("n") for m in _FREE.finditer(result)} & (set(earlier) - set(bindings)))
    if not unclear:
        return None
    return (f"the answer is written in {', '.join(unclear)}, which an earlier turn that could not be answered "
            "mentioned; whether it stands for a value from that turn is unclear")


def without_connectives(text: str) -> str | None:
    """``text`` without its leading connectives ("and", "now", "what about"), when it has some: a request
    of its own written as the next turn ("and x cubed minus x?"); ``None`` when there is nothing to drop."""
    stripped = TRAILING.sub("", normalized(text))
    core = _LEADS.sub("", core_of(stripped)).strip()
    return core if core and core != stripped.strip() else None




# -- two earlier answers: "the difference between those two", "divide the second by the first", "their gcd" ---

_TWO = (r"(?:(?:those|these|the) (?:two|2)(?: (?:answers|results|values|numbers))?|both(?: (?:answers|results|values"
        r"|numbers))?|them|those|these)")
# "the first", "the second one": only where an answer can stand ("the first 10 odd numbers" is no answer)
_ORDINAL = re.compile(r"\bthe (?P<o>first|second|1st|2nd)(?: (?:one|answer|result|value|number))?"
                      r"(?=$|[?.]|,|\s+(?:by|to|and|from|divided|times|multiplied|minus|plus|over|is|was|squared|cubed"
                      r"|as|in|than)\b)", re.IGNORECASE)
_ORDINALS = {"first": "first", "1st": "first", "second": "second", "2nd": "second"}
_DIFFERENCE = re.compile(rf"(?:what(?:'s| is) )?(?:(?:the )?difference between {_TWO}|the difference|their difference)"
                         r"(?: in (?P<u>[^\d,;=]+))?", re.IGNORECASE)
_RATIO = re.compile(r"(?:what(?:'s| is) )?(?:the )?ratio of (?P<x>.+?) to (?P<y>.+)", re.IGNORECASE)
_PAIR_OPS = re.compile(rf"(?:what(?:'s| is| are) )?(?:their {_LIST_OPS}|(?:the )?{_LIST_OPS.replace('<op>', '<op2>')}"
                       rf" of {_TWO})", re.IGNORECASE)


def by_pair(text: str, answers: list[tuple[str | None, str]]) -> Rewrite | None:
    """``text`` read against the earlier turns' answers, ``[(value or None, source), ...]`` oldest first, when there
    are exactly two, both verified values: "the difference between those two" (the larger less the smaller),
    "the ratio of the first to the second", "divide the second by the first", "their gcd". ``None`` when it
    names no two answers; a `Rewrite` without ``text`` when it does and which two is unclear (the note says why)."""
    core = core_of(text)
    if not (_DIFFERENCE.fullmatch(core) or _PAIR_OPS.fullmatch(core) or _ORDINAL.search(core)):
        return None
    if not answers:
        return None  # no conversation before it: a request of its own
    if len(answers) != 2:
        turns = "there is 1 earlier turn" if len(answers) == 1 else f"there are {len(answers)} earlier turns"
        return Rewrite(text=None, note=f"it names two earlier answers, and {turns}: which two is unclear")
    missing = [source for value, source in answers if not (value and usable(value) and not is_list(value))]
    if missing:
        return Rewrite(text=None, note=f"it names two earlier answers, and {missing[0].removesuffix(chr(39) + 's answer')}"
                                       " ended in no one verified value")
    (a, a_source), (b, b_source) = answers
    note = f"the first = {a} ({a_source}), the second = {b} ({b_source})"
    wrap = {"first": _wrapped(a), "second": _wrapped(b)}
    if (difference := _DIFFERENCE.fullmatch(core)) is not None:
        target = f" in {difference.group('u').strip()}" if difference.group("u") else ""
        x, y = _QUANTITY.fullmatch(a), _QUANTITY.fullmatch(b)
        if x and y and x.group("u") == y.group("u") and "°" not in a and not target:  # "90.7 kg - 68.0 kg"
            big, small = (b, a) if Fraction(y.group("n")) >= Fraction(x.group("n")) else (a, b)
            return Rewrite(text=f"{big} - {small}", note=f"{note}; the difference is the larger less the smaller")
        return Rewrite(text=f"the difference between {wrap['second']} and {wrap['first']}{target}", note=note)
    if (ops := _PAIR_OPS.fullmatch(core)) is not None:
        op = next(g for g in ops.groups() if g).lower()
        if op in _JOINED:
            return Rewrite(text=f"{wrap['first']}{_JOINED[op]}{wrap['second']}", note=note)
        return Rewrite(text=f"the {op} of {a} and {b}", note=note)
    if not _ORDINAL.search(core):
        return None
    named = _ORDINAL.sub(lambda m: wrap[_ORDINALS[m.group("o").lower()]], core)
    if (ratio := _RATIO.fullmatch(named)) is not None:
        return Rewrite(text=f"{ratio.group('x')} / {ratio.group('y')}", note=note)
    return Rewrite(text=named, note=note)


def _wrapped(value: str) -> str:
    return value if _PLAIN.fullmatch(value) else f"({value})"


# -- the previous operation once more: "and the second derivative?", "evaluate that from 1 to 2" ------------

_SECOND_DERIVATIVE = re.compile(r"(?:(?:what about|what(?:'s| is)|find|now) )?(?:the |its )?(?:second|2nd) derivative"
                                r"(?: of (?:it|that))?", re.IGNORECASE)
_DIFFERENTIATED = re.compile(r"\b(?:differentiate|derivative of|derive|d/d[a-z])\b", re.IGNORECASE)
_ORDERED = re.compile(r"\b(?:second|third|fourth|2nd|3rd|4th|twice|partial)\b", re.IGNORECASE)
_BOUNDS = re.compile(rf"(?:(?:evaluate|compute|find|take|integrate) (?:{_REF} |the integral )?)?(?:from|between) "
                     rf"(?P<a>{_NUM}) (?:to|and) (?P<b>{_NUM})", re.IGNORECASE)


_HOW_MANY = re.compile(r"how many (?:were there|are there|did it find|(?:of them|matches|replacements|substitutions"
                       r"|changes)(?: (?:was|were|is|are) (?:that|there|made|it))?)", re.IGNORECASE)
# what a text request found or replaced: "find all numbers in 'a1b22'", "replace every vowel in 'banana' with *"
_FOUND = re.compile(r"(?:replace|substitute|find|list|extract|get|show me)(?: all| every| each| the)? (?P<what>[a-z]+)"
                    r" (?:in|from) (?P<text>'[^']*'|\"[^\"]*\")(?: with \S+)?", re.IGNORECASE)
_ALL_MATCHES = re.compile(r"(?:what about |how about )?(?:all (?:the |of the )?matches|every match|all of them)",
                          re.IGNORECASE)
_FIRST_MATCH = ((r"\bmatch first\b", "match"), (r"\bthe first match of\b", "the matches of"))


def once_more(text: str, request: str, result: str, *, source: str = "the previous answer") -> Rewrite | None:
    """A follow-up that carries the previous operation one step on: "and the second derivative?" after a first
    derivative in one variable (the derivative of its result), "evaluate that from 1 to 2" after an
    antiderivative (the previous integral with those bounds), "how many were there?" after a search or a
    replacement in a quoted text (its matches counted), "and all the matches?" after the first one. ``None``
    otherwise."""
    core = core_of(text)
    if _HOW_MANY.fullmatch(core) and (found := _FOUND.fullmatch(request.strip().rstrip("?.!"))):
        what = found.group("what")
        things = what if what.endswith("s") else f"{what}es" if what.endswith(("ch", "sh", "x")) else f"{what}s"
        return Rewrite(text=f"count the {things} in {found.group('text')}",
                       note=f"they = the {things} the previous request '{request}' matched")
    if _ALL_MATCHES.fullmatch(core):
        for first, every in _FIRST_MATCH:
            if len(re.findall(first, request, re.IGNORECASE)) == 1:
                return Rewrite(text=re.sub(first, every, request, flags=re.IGNORECASE),
                               note=f"the previous request '{request}', for every match instead of the first")
        return None
    if _SECOND_DERIVATIVE.fullmatch(core):
        if not _DIFFERENTIATED.search(request) or _ORDERED.search(request) or len(names(result)) != 1:
            return None
        return Rewrite(text=f"differentiate {result}",
                       note=f"the second derivative = the derivative of {result} ({source}, a first derivative)")
    bounds = _BOUNDS.fullmatch(core)
    if bounds is None or not result.rstrip().endswith("+ C") or re.search(r"\b(?:from|between)\b", request):
        return None
    return Rewrite(text=f"{request.rstrip(' ?.')} from {bounds.group('a')} to {bounds.group('b')}",
                   note=f"that = {result} ({source}, of '{request}'), taken from {bounds.group('a')} "
                        f"to {bounds.group('b')}")


# -- names: "x = 3, y = 4", "define f(x) = 3x - 2", "now set x = 10, what's x*y + x", "what's n factorial" -----

_VALUE = r"-?\d+(?:\.\d+)?(?:/\d+)?"
_ASSIGNMENTS = rf"[A-Za-z] ?= ?{_VALUE}(?:(?:,| and|, and) [A-Za-z] ?= ?{_VALUE})*"
_DEFINITIONS = re.compile(
    rf"(?:(?:set|define|make|let) )?(?P<a>{_ASSIGNMENTS})"
    rf"|(?:set|define|make) (?P<f>[a-z]\([a-z]\) ?= ?[^;]+)"
    rf"|(?:set|let|make) (?P<b>{_ASSIGNMENTS})(?:,|;| and| then|, then|, and) (?P<rest>(?:what|how much|find|compute"
    rf"|evaluate|calculate)\b.+)", re.IGNORECASE)
_MATCHES = re.compile(r'\d+ match(?:es)?: (?P<l>"-?\d+(?:\.\d+)?"(?:, "-?\d+(?:\.\d+)?")+)')


def as_definitions(text: str) -> str | None:
    """``text`` as the definitions a tool reads ("let x = 3, y = 4"), when it only gives names values: "x = 3,
    y = 4", "define f(x) = 3x - 2", or gives them and asks in the same turn ("now set x = 10, what's x*y + x"
    is "let x = 10; what's x*y + x"); ``None`` otherwise. Only one-letter names, and numbers for their values."""
    match = _DEFINITIONS.fullmatch(core_of(text))
    if match is None or set(re.findall(r"([A-Za-z]) ?=", match.group("a") or match.group("b") or "")) & {"a", "i", "A", "I"}:
        return None
    if match.group("a"):
        return f"let {match.group('a')}"
    if match.group("f"):
        return f"let {match.group('f')}"
    return f"let {match.group('b')}; {match.group('rest')}"


def by_binding(text: str, bindings: Mapping[str, str]) -> Rewrite | None:
    """``text`` with each one-letter name the conversation bound written as its value, where it stands alone as a
    word ("what's n factorial" with n = 7 is "what's 7 factorial"); ``None`` when it uses none. Never a name
    right after a number (a unit: "5 m"), and never "a" or "I"."""
    used: dict[str, str] = {}

    def value(match: re.Match[str]) -> str:
        name = match.group()
        if name not in bindings or name in {"a", "i", "A", "I"} or not _PLAIN.fullmatch(bindings[name].strip()):
            return name
        used[name] = bindings[name].strip()
        return used[name]

    core = core_of(text)
    read = re.sub(r"(?<![\w.'])(?<!\d )[A-Za-z](?![\w'(])", value, core)
    if not used:
        return None
    return Rewrite(text=read, note="; ".join(f"{n} = {v} (defined earlier)" for n, v in sorted(used.items())))


def items_of(result: str) -> str | None:
    """The numbers a list-like answer lists ('3 matches: "1", "22", "333"' -> "1, 22, 333"), for "add them up"."""
    match = _MATCHES.fullmatch(result.strip())
    return None if match is None else ", ".join(part.strip('" ') for part in match.group("l").split(","))
