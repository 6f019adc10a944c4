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

What a follow-up reads from further back (two earlier answers, the previous operation carried on, names given
values) is `agentkit.earlier`'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["JOINED", "LIST_OPS", "NO_PREVIOUS", "NUM", "QUANTITY", "REF", "REPRESENTATION", "TRAILING", "Rewrite",
           "by_reference", "core_of", "is_list", "items_of", "looks_like_follow_up", "names", "normalized", "plugged",
           "unresolved", "usable", "without_connectives", "wrapped"]

NO_PREVIOUS = "it refers to an earlier answer, and there is no one verified answer before it to refer to"

_CONNECTIVES = re.compile(
    r"^(?:(?:and|so|ok|okay|now|then|next|also|alright|right|great|cool|nice|thanks|thank you|please|pls"
    r"|can you|could you|would you)\b[\s,]*)+", re.IGNORECASE)
TRAILING = re.compile(r"(?:[\s?.,]|(?<!\d)!|\b(?:please|pls|thanks|thank you|then|now)\b)+$", re.IGNORECASE)  # "3!" stays
_WHATS = re.compile(r"\bwhats\b", re.IGNORECASE)
REF = r"(?:it|that|this|the result|the answer|this result|that result|that number|the previous (?:answer|result))"
NUM = r"-?\d+(?:\.\d+)?(?:/\d+)?"
# one operand: a number (perhaps with "!" or unit words) or a number word; never an operator or a percent
_OPERAND = rf"(?:{NUM}!?(?: [A-Za-z°µ]+){{0,3}}|[a-z]+)"
_ROUNDING = (r"(?P<r>(?:the )?nearest (?:whole number|integer|tenth|hundredth|thousandth|ten|hundred|thousand"
             r"|[a-z]+)|\d+ (?:decimal places?|decimals?|dp|d\.p\.|significant figures?|sig figs?))")

# a part of the value itself ("add half of it"), as a factor
_PART = r"(?:half|a half|one half|a third|one third|a quarter|one quarter|a fourth|a fifth|a tenth|\d+(?:\.\d+)?%)"
_PARTS = {"half": "1/2", "a half": "1/2", "one half": "1/2", "a third": "1/3", "one third": "1/3", "a quarter": "1/4",
          "one quarter": "1/4", "a fourth": "1/4", "a fifth": "1/5", "a tenth": "1/10"}
# an operand in words the families read as symbols: "5 factorial" is 5!, "3 squared" 3^2
_OPERAND_WORDS = ((re.compile(r"(\d+) factorial", re.IGNORECASE), r"\1!"),
                  (re.compile(r"(\d+(?:\.\d+)?) squared", re.IGNORECASE), r"\1^2"),
                  (re.compile(r"(\d+(?:\.\d+)?) cubed", re.IGNORECASE), r"\1^3"))

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
    (rf"(?:double|twice) {REF}", "{P} * 2"),
    (rf"triple {REF}", "{P} * 3"),
    (rf"quadruple {REF}", "{P} * 4"),
    (rf"(?:halve {REF}|half of {REF}|cut {REF} in half)", "{P} / 2"),
    (rf"(?:square {REF}|{REF} squared|what(?:'s| is) {REF} squared)", "({P})^2"),
    (rf"(?:cube {REF}|{REF} cubed|what(?:'s| is) {REF} cubed)", "({P})^3"),
    (rf"(?:multiply|times) {REF} by (?P<n>{_OPERAND})", "{P} * {n}"),
    (rf"divide {REF} by (?P<n>{_OPERAND})", "{P} / {n}"),
    (rf"add (?P<n>{_OPERAND}) to {REF}", "{P} + {n}"),
    (rf"(?:subtract|take away|take) (?P<n>{_OPERAND}) (?:from|off) {REF}", "{P} - {n}"),
    (rf"raise {REF} to the (?:power (?:of )?(?P<n>{NUM})|(?P<m>\d+)(?:st|nd|rd|th)? power)", "({P})^{n}{m}"),
    (rf"(?:round (?:{REF} )?|rounded )?(?:to|to the) {_ROUNDING}", "round {P} to {r}"),
    (rf"(?:{REF} )?(?P<op>plus|minus|times|multiplied by|divided by|over|\+|-|\*|/|×|÷) (?P<n>{_OPERAND})",
     "{P} {op} {n}"),
    (rf"(?P<verb>add|subtract|multiply by|divide by) (?P<n>{_OPERAND})", "{P} {verb} {n}"),
    (rf"negate {REF}", "-({P})"),
    # a part of the value added to it or taken from it ("add half of it", "take away a third of that")
    (rf"add (?P<f>{_PART}) of {REF}(?: (?:to|onto) (?:{REF}|itself))?", "{P} + {P} * {f}"),
    (rf"add (?P<f>{_PART}) of {REF} (?:to|onto) (?P<n>{NUM})", "{n} + {P} * {f}"),
    (rf"(?:subtract|take away) (?P<f>{_PART}) of {REF}(?: from (?:{REF}|itself))?", "{P} - {P} * {f}"),
    # the previous result shared ("if I split it between 3 people, how much each to the nearest cent")
    ((rf"(?:if (?:i|we|you) )?(?:split|divide|share) {REF} (?:evenly )?(?:(?:between|among|by|into|across) )?(?P<n>\d+)"
      r"(?: (?:people|persons|ways|friends|parts|equal parts))?(?:,? how much (?:each|per person|is each share))?"
      r"(?:,? (?:to|rounded to) (?:the nearest cent|(?P<d>\d+) decimal(?: place)?s?))?"), _SHARED),
    # the previous result as the amount of a change to another number ("now increase 150 by that much")
    (rf"(?:increase|raise) (?P<n>{NUM}) by {REF}(?: much| amount)?", "{n} + {P}"),
    (rf"(?:decrease|reduce|lower) (?P<n>{NUM}) by {REF}(?: much| amount)?", "{n} - {P}"),
    (rf"(?:add|put) {REF} (?:to|onto) (?P<n>{NUM})", "{n} + {P}"),
    # more time after a clock time or a duration ("and another 2 hours on top?", "if it runs 20 minutes over")
    ((rf"(?:(?:what )?if it (?:runs|goes|takes|lasts) |(?:add |plus )?(?:another|an extra|a further|an additional) )"
      rf"(?P<n>{NUM} {_TIME_UNIT})(?: (?:over|longer|more|later|on top|extra))?"), _LATER),
    (rf"(?P<n>{NUM} {_TIME_UNIT}) (?:over|longer|more|later|on top|extra)", _LATER),
    (rf"(?:add |plus )?(?P<k>{NUM}) (?:more|extra|additional) (?P<unit>{_TIME_UNIT})(?: (?:on top|later))?", _MORE),
    # a percent added to or taken off the value itself ("add 8% tax to that", "take 15% off it")
    (rf"(?:add|put) (?P<n>{NUM})% (?:(?:tax|tip|vat|interest|markup) )?(?:to|on|onto) {REF}", "{P} * (1 + {n}/100)"),
    (rf"increase {REF} by (?P<n>{NUM})%", "{P} * (1 + {n}/100)"),
    (rf"(?:take|knock) (?P<n>{NUM})% off(?: of)? {REF}", "{P} * (1 - {n}/100)"),
    (rf"(?:decrease|reduce|discount) {REF} by (?P<n>{NUM})%", "{P} * (1 - {n}/100)"),
    (rf"(?:evaluate |plug in |substitute )?(?:{REF} )?at (?P<v>[a-z]) ?= ?(?P<n>{NUM})", "evaluate {P} at {v} = {n}"),
    (rf"(?:what about |and )?(?:(?:take |find |what(?:'s| is) )?the square root of {REF}|its square root)",
     "square root of ({P})"),
    (r"(?:what about |what(?:'s| is| are) )?its (?P<op>[a-z]+(?: [a-z]+)?)", "the {op} of {P}"),
    (r"(?:in )?(?P<u>[A-Za-z°][A-Za-z° ]*?) (?:too|as well|also)", "{P} in {u}"),
    # another unit or form, rounded: "in hours, 2 decimals", "as a percentage to 2 decimals"
    ((rf"(?:(?:convert|change|express|what(?:'s| is)) )?(?:{REF} )?(?P<prep>in|into|as) (?P<u>[^\d,;=]+?)(?P<sep>,?) "
      r"(?P<k>(?:(?:rounded )?to )?(?:\d+ (?:decimal places?|decimals?|dp)|the nearest [a-z]+(?: [a-z]+)?))"),
     "{P} {prep} {u}{sep} {k}"),
    ((rf"(?:(?:convert|change|express|what(?:'s| is)|how much is|(?:the )?same) )?(?:{REF} )?(?P<prep>in|to|into|as)"
      r" (?P<u>[^\d,;=]+)"),
     "{P} {prep} {u}"),
]
_FRAMES = [(re.compile(frame, re.IGNORECASE), rewrite) for frame, rewrite in _VERBS]
# A list result ("3, 4") is named by a plural: "what's their sum", "sum of those", "add them up".
_PLURAL = (r"(?:them|those|these|their|those numbers|these numbers|the numbers|all of them"
           r"|the (?:new |whole )?list|the new numbers)")
# the operations on a list a plural or "and the median?" may ask for
LIST_OPS = (r"(?P<op>sum|total|product|mean|average|median|mode|range|gcd|lcm|hcf|greatest common (?:divisor|factor)"
             r"|least common multiple|(?:(?:sample|population) )?(?:standard deviation|variance)|max|min|maximum|minimum)")
_LIST_FRAMES = [(re.compile(frame, re.IGNORECASE), rewrite) for frame, rewrite in [
    (rf"(?:what(?:'s| is| are) )?their {LIST_OPS}", "the {op} of {L}"),
    (rf"(?:what(?:'s| is| are) )?(?:the )?{LIST_OPS} of {_PLURAL}", "the {op} of {L}"),
    (rf"(?:what about |how about |what(?:'s| is) )?the {LIST_OPS}", "the {op} of {L}"),
    (rf"(?:add {_PLURAL} (?:up|together)|sum {_PLURAL}(?: up)?)", "the sum of {L}"),
    (rf"multiply {_PLURAL}(?: together)?", "the product of {L}"),
]]
# a number added to the list, then an operation on it: "add 21 to the list, what's the mean now" ("add 21 to them"
# may add it to each)
_APPENDED = re.compile(
    rf"(?:if (?:i|we|you) )?(?:add|append|include|put) (?P<n>{NUM}) (?:to|into|in|onto) (?:the list|the numbers"
    rf"|the data|the data set|the set)(?:,|;| -| and| then|, and|, then)? (?:what(?:'s| is| would be) |find |give me |get )?"
    rf"the {LIST_OPS}(?: now| then)?",
    re.IGNORECASE)
JOINED = {"sum": " + ", "total": " + ", "product": " * "}  # written out: "1 + 13 + 17 + 221"
_MATCHES = re.compile(r'\d+ match(?:es)?: (?P<l>"-?\d+(?:\.\d+)?"(?:, "-?\d+(?:\.\d+)?")+)')  # a search's answer
_LIST = re.compile(r"-?\d+(?:\.\d+|/\d+)?(?:, -?\d+(?:\.\d+|/\d+)?){1,19}")
_OPERATORS = ("=", "*", "^", "/", "+", "-", "(")
_NAME = re.compile(r"(?<![A-Za-z_])[A-Za-z](?![A-Za-z_(])")
# a one-letter name as an expression's variable ("x*y + x", "3*x**2"), not a unit after a number ("5 m")
_FREE = re.compile(r"(?:^|(?<=[*^/+\-(=,])|(?<=[*^/+\-(=,] ))(?P<n>[A-Za-z])(?![A-Za-z_(])")
_PLUG = re.compile(rf"(?:plug|put|substitute|sub) {REF} (?:in)?to (?P<e>[^=;,]+)", re.IGNORECASE)
_SLOT = re.compile(r"\b(?:after|before|than|from|of|by|plus|minus|times|over)\s+$", re.IGNORECASE)
_VERB_OPS = {"add": "+", "subtract": "-", "multiply by": "*", "divide by": "/"}
_LEADS = re.compile(r"^(?:(?:and )?(?:what about|how about)\s+)", re.IGNORECASE)
_REFERENCE = re.compile(rf"\b{REF}\b", re.IGNORECASE)
# a number (perhaps a fraction or a clock time), perhaps with unit words: it needs no parentheses
_PLAIN = re.compile(r"-?\d+(?:\.\d+|/\d+|:\d\d)?(?: [A-Za-z°µ][A-Za-z°µ_ ]*)?")
_NOT_A_VALUE = re.compile(r"[,;=\n]|:(?!\d\d\b)|\b(?:true|false|yes|no)\b", re.IGNORECASE)
# "the lcm", "the total": the previous answer, when the previous request named the same operation
_NAMED = re.compile(r"\bthe (?P<op>lcm|gcd|hcf|sum|total|product|mean|average|median|difference|quotient|remainder"
                    r"|derivative|integral|limit|factorial)\b(?! of)", re.IGNORECASE)
_AGAIN = re.compile(r"\s+(?:back|again)$", re.IGNORECASE)
QUANTITY = re.compile(r"(?P<n>-?\d+(?:\.\d+|/\d+)?) (?P<u>[A-Za-z°µ][A-Za-z°µ_²³/^0-9]*)")
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
                 source: str = "the previous answer", items_source: str | None = None,
                 shown: str | None = None) -> Rewrite | None:
    """``text`` with "it"/"that" read as ``previous`` (and "they"/"their" as the list ``items``, or ``previous``
    when that is a list); ``None`` when it is not written as a follow-up of them. "the lcm" is "it" too when
    ``request`` (the one ``previous`` answered) asked for an lcm. ``shown`` is the text ``previous`` was shown as
    when that rounds it ("215.278 ft²" for "31250000/145161 ft²"): the note names both, the reading uses ``previous``.

        >>> by_reference("now double it", "1000000000/45359237 lb", shown="22.0462 lb").text
        '1000000000/45359237 lb * 2'
    """
    value = (previous or "").strip()
    if is_list(value):
        items, value, items_source = value, "", source
    core = core_of(text)
    if items and is_list(items) and (appended := _APPENDED.fullmatch(core)) is not None:
        longer = f"{items}, {appended.group('n')}"
        op = appended.group("op").lower()
        read = JOINED[op].join(i.strip() for i in longer.split(",")) if op in JOINED else f"the {op} of {_listed(longer)}"
        return Rewrite(text=read, note=f"the list = {items} ({items_source or source}) and {appended.group('n')}",
                       items=longer)
    if items and is_list(items):  # only a plural names a list
        for frame, rewrite in _LIST_FRAMES:
            if (match := frame.fullmatch(core)) is not None:
                op = (match.group("op") if "op" in frame.groupindex else "").lower()
                joined = JOINED.get(op) or JOINED.get(rewrite.split(" of ")[0].removeprefix("the "))
                read = joined.join(i.strip() for i in items.split(",")) if joined else rewrite.format(L=_listed(items), op=op)
                return Rewrite(text=read, note=f"they = {items} ({items_source or source})")
    if not value or not usable(value):
        return None
    note = f"it = {shown} ({source}, exactly {value})" if shown else f"it = {value} ({source})"
    operand = wrapped(value)
    if request and (named := _NAMED.search(core)) and re.search(rf"\b{named.group('op')}\b", request, re.IGNORECASE):
        core = f"{core[:named.start()]}it{core[named.end():]}"  # "is the lcm divisible by 7?" after "... lcm ..."
    for frame, rewrite in _FRAMES:
        match = frame.fullmatch(core)
        if match is not None:
            groups = {k: _VERB_OPS.get((v or "").lower(), (v or "").strip()) for k, v in match.groupdict().items()}
            if groups.get("f"):  # "half" is 1/2, "10%" 10/100
                groups["f"] = _PARTS.get(groups["f"].lower()) or f"{groups['f'].rstrip('%')}/100"
            if groups.get("n"):  # "5 factorial" is 5!
                groups["n"] = _operand(groups["n"])
                if QUANTITY.fullmatch(value) and (power := re.fullmatch(r"(\d+(?:\.\d+)?)\^([23])", groups["n"])):
                    groups["n"] = f"({' * '.join([power.group(1)] * int(power.group(2)))})"  # units reads no ^: (2 * 2)
                if QUANTITY.fullmatch(value) and re.search(r"[!^]", groups["n"]):
                    return Rewrite(text=None, note=f"{note}; an operand with ! or ^ is read with a number, not with a "
                                                   "quantity in a unit")
            if any(rewrite is later for later in _NOT_A_CLOCK) and not _CLOCK.fullmatch(value):
                rewrite = _NOT_A_CLOCK[rewrite]
            if rewrite is _SHARED and (groups["d"] or "cent" in core.lower()):
                places = groups["d"] or "2"
                return Rewrite(text=f"round {operand} / {groups['n']} to {places} decimals",
                               note=note + ("; to the nearest cent = 2 decimals" if not groups["d"] else ""))
            if "r" in groups and (quantity := QUANTITY.fullmatch(value)):  # a quantity keeps its unit
                return _rounded(quantity, groups["r"], note)
            return Rewrite(text=rewrite.format(P=value if "({P})" in rewrite else operand, **groups), note=note)
    core = _AGAIN.sub("", core)  # "factor it back", "simplify that again"
    found = _REFERENCE.search(core)
    if found is None:
        return None
    if any(c.isdigit() for c in core[: found.start()]) and not _SLOT.search(core[: found.start()]):
        return None  # a number before it may be its antecedent ("what is 5 and is it prime"), unless "it" fills
        # an operator's slot ("90 minutes after that", "log base 10 of that")
    return Rewrite(text=_REFERENCE.sub(lambda _: operand, core), note=note)


def _operand(text: str) -> str:
    """An operand with its words written as symbols: "5 factorial" -> "5!", "3 squared" -> "3^2"."""
    for words, symbols in _OPERAND_WORDS:
        if words.fullmatch(text):
            return words.sub(symbols, text)
    return text


def _rounded(quantity: re.Match[str], rounding: str, note: str) -> Rewrite | None:
    """A quantity rounded in its own unit ("215.278 ft² in ft², 1 decimal"); "the nearest gram" is a whole number
    of grams. ``None`` when it asks for as many decimals as the value shows or more: the value may itself be
    rounded, and rounding cannot give back digits it does not have."""
    number, unit = quantity.group("n"), quantity.group("u")
    places = re.match(r"(\d+) (?:decimal|dp|d\.p\.)", rounding)
    if places is not None:
        if "/" not in number and int(places.group(1)) >= len(number.partition(".")[2]):
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


def wrapped(value: str) -> str:
    """``value`` as an operand: a number or a quantity as it is, anything else in parentheses."""
    return value if _PLAIN.fullmatch(value) else f"({value})"


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


def items_of(result: str) -> str | None:
    """The numbers a list-like answer lists ('3 matches: "1", "22", "333"' -> "1, 22, 333"), for "add them up"."""
    match = _MATCHES.fullmatch(result.strip())
    return None if match is None else ", ".join(part.strip('" ') for part in match.group("l").split(","))
