"""Follow-ups: a turn that refers to the previous one, rewritten into a request a tool family reads whole.

Three kinds, each a closed set of frames that must match the whole turn (after leading connectives such
as "and", "now", "ok"), so every word is accounted for; the rewritten request is then read whole by a family:

    >>> by_reference("now double it", "8.04672 km").text
    '8.04672 km * 2'
    >>> by_reference("in feet?", "8.04672 km").text
    '8.04672 km in feet'
    >>> by_argument("and 10 miles?", "convert 5 miles to km", kind=lambda t: "length" if t.endswith("miles") else None).text
    'convert 10 miles to km'

A reference needs one previous value (a number, a quantity or an expression: never a list, a truth value
or a binding); an argument replaces the one argument of its kind in the previous request, or the one
number when the new argument is a bare number. Anything else is declined with the reason named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["NO_PREVIOUS", "Rewrite", "by_argument", "by_reference", "is_list", "looks_like_follow_up", "names",
           "numbers_of", "plugged", "subject", "unresolved", "usable", "without_connectives"]

NO_PREVIOUS = "it refers to an earlier answer, and there is no one verified answer before it to refer to"

_CONNECTIVES = re.compile(
    r"^(?:(?:and|so|ok|okay|now|then|next|also|alright|right|great|cool|nice|thanks|thank you|please|pls"
    r"|can you|could you|would you)\b[\s,]*)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s?.,]|(?<!\d)!|\b(?:please|pls|thanks|thank you|then|now)\b)+$", re.IGNORECASE)  # "3!" stays
_REF = r"(?:it|that|this|the result|the answer|this result|that result|that number|the previous (?:answer|result))"
_NUM = r"-?\d+(?:\.\d+)?(?:/\d+)?"
# one operand: a number (perhaps with "!" or unit words) or a number word; never an operator or a percent
_OPERAND = rf"(?:{_NUM}!?(?: [A-Za-z°µ]+){{0,3}}|[a-z]+)"
_ROUNDING = (r"(?P<r>(?:the )?nearest (?:whole number|integer|tenth|hundredth|thousandth|ten|hundred|thousand"
             r"|[a-z]+)|\d+ (?:decimal places?|decimals?|dp|d\.p\.|significant figures?|sig figs?))")

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
    # a percent added to or taken off the value itself ("add 8% tax to that", "take 15% off it")
    (rf"(?:add|put) (?P<n>{_NUM})% (?:(?:tax|tip|vat|interest|markup) )?(?:to|on|onto) {_REF}", "{P} * (1 + {n}/100)"),
    (rf"increase {_REF} by (?P<n>{_NUM})%", "{P} * (1 + {n}/100)"),
    (rf"(?:take|knock) (?P<n>{_NUM})% off(?: of)? {_REF}", "{P} * (1 - {n}/100)"),
    (rf"(?:decrease|reduce|discount) {_REF} by (?P<n>{_NUM})%", "{P} * (1 - {n}/100)"),
    (rf"(?:evaluate |plug in |substitute )?(?:{_REF} )?at (?P<v>[a-z]) ?= ?(?P<n>{_NUM})", "evaluate {P} at {v} = {n}"),
    (rf"(?:what about |and )?(?:(?:take |find |what(?:'s| is) )?the square root of {_REF}|its square root)",
     "square root of ({P})"),
    (r"(?:what about |what(?:'s| is| are) )?its (?P<op>[a-z]+(?: [a-z]+)?)", "the {op} of {P}"),
    (rf"(?:(?:convert|change|express|what(?:'s| is)|how much is|(?:the )?same) )?(?:{_REF} )?(?P<prep>in|to|into|as)"
     r" (?P<u>[^\d,;=]+)",
     "{P} {prep} {u}"),
]
_FRAMES = [(re.compile(frame, re.IGNORECASE), rewrite) for frame, rewrite in _VERBS]
# A list result ("3, 4") is named by a plural: "what's their sum", "sum of those", "add them up".
_PLURAL = r"(?:them|those|these|their|those numbers|these numbers|the numbers|all of them)"
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
_JOINED = {"sum": " + ", "total": " + ", "product": " * "}  # written out: "1 + 13 + 17 + 221"
_LIST = re.compile(r"-?\d+(?:\.\d+|/\d+)?(?:, -?\d+(?:\.\d+|/\d+)?){1,19}")
_NAME = re.compile(r"(?<![A-Za-z_])[A-Za-z](?![A-Za-z_(])")
# a one-letter name as an expression's variable ("x*y + x", "3*x**2"), not a unit after a number ("5 m")
_FREE = re.compile(r"(?:^|(?<=[*^/+\-(=,])|(?<=[*^/+\-(=,] ))(?P<n>[A-Za-z])(?![A-Za-z_(])")
_PLUG = re.compile(rf"(?:plug|put|substitute|sub) {_REF} (?:in)?to (?P<e>[^=;,]+)", re.IGNORECASE)
_SLOT = re.compile(r"\b(?:after|before|than|from|of|by|plus|minus|times|over)\s+$", re.IGNORECASE)
_TRUTH = re.compile(r"true|false|yes|no", re.IGNORECASE)
_VERB_OPS = {"add": "+", "subtract": "-", "multiply by": "*", "divide by": "/"}
_LEADS = re.compile(r"^(?:(?:and )?(?:what about|how about)\s+)", re.IGNORECASE)
_REFERENCE = re.compile(rf"\b{_REF}\b", re.IGNORECASE)
# a number (perhaps a fraction or a clock time), perhaps with unit words: it needs no parentheses
_PLAIN = re.compile(r"-?\d+(?:\.\d+|/\d+|:\d\d)?(?: [A-Za-z°µ][A-Za-z°µ_ ]*)?")
_NOT_A_VALUE = re.compile(r"[,;=\n]|:(?!\d\d\b)|\b(?:true|false|yes|no)\b", re.IGNORECASE)
# A numeral written in another base is a representation, not the number it reads as in decimal.
_REPRESENTATION = re.compile(r"\b(?:binary|hex(?:adecimal)?|octal|base[ -]?\d+|roman)\b", re.IGNORECASE)

# "and 10 miles?", "what about 3 kg?", "and for 7?", "same for 12"
_ARGUMENT_FRAME = re.compile(
    r"(?P<lead>(?:(?:what|how) about|what if it'?s|what if it were|same|the same|same thing|do the same|do it|do|try)"
    r"(?: (?:for|with|of|at|on|in|from))?|for|with|of|at|on|in|from)?\s*(?P<arg>.+)", re.IGNORECASE)
_NUMBER_LIST = re.compile(r"-?\d+(?:\.\d+)?(?:(?:,| and|, and) -?\d+(?:\.\d+)?)+")
_LIST_GAP = re.compile(r",? ?(?:and )?|, ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_ARG_NUMBER = re.compile(r"(?P<lead>\$)?(?P<n>-?\d[\d,]*(?:\.\d+)?)(?P<pct>\s?%)?")
_IN_REQUEST = re.compile(r"(?<![\w.])(?P<lead>\$)?(?P<n>-?\d[\d,]*(?:\.\d+)?)(?P<pct>\s?%)?(?![\w.])")
_WORD = re.compile(r"\s+[^\s\d,;?!.]+")
_WORDS = re.compile(r"(?:\s+[^\s\d,;?!.]+){1,3}")
_NUMBER_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|thousand|million|billion|dozen)\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Rewrite:
    """A follow-up read against the previous turn.

    Attributes:
        text: the request to read instead, whole; ``None`` when the follow-up is declined.
        note: what the rewrite took from the previous turn, for the interpretation
            ("it = 8.04672 km (the previous answer)"); when declined, why.
    """

    text: str | None
    note: str


def _core(text: str) -> str:
    """``text`` without leading connectives and trailing punctuation or politeness."""
    return _CONNECTIVES.sub("", _TRAILING.sub("", " ".join(text.split()))).strip()


def usable(value: str | None, interpretation: str | None = None) -> bool:
    """Whether a previous result can stand for "it": one number, quantity, clock time or expression, and not
    a numeral in another base (its ``interpretation`` names the base)."""
    if value and _LIST.fullmatch(value.strip()):
        return True  # a list of numbers, for a plural ("their sum")
    if not value or len(value) > 80 or not any(c.isdigit() for c in value) or _NOT_A_VALUE.search(value):
        return False
    return not (interpretation and _REPRESENTATION.search(interpretation))


def looks_like_follow_up(text: str) -> bool:
    """Whether ``text`` is written as a follow-up (one of the reference frames: "double it", "in feet?"):
    a step like this with no previous answer is declined with `NO_PREVIOUS`."""
    core = _core(text)
    return any(frame.fullmatch(core) for frame, _ in _FRAMES)


def by_reference(text: str, previous: str | None, *, items: str | None = None,
                 source: str = "the previous answer", items_source: str | None = None) -> Rewrite | None:
    """``text`` with "it"/"that" read as ``previous`` (and "they"/"their" as the list ``items``, or ``previous``
    when that is a list); ``None`` when it is not written as a follow-up of them."""
    value = (previous or "").strip()
    if is_list(value):
        items, value, items_source = value, "", source
    core = _core(text)
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
    for frame, rewrite in _FRAMES:
        match = frame.fullmatch(core)
        if match is not None:
            groups = {k: _VERB_OPS.get((v or "").lower(), (v or "").strip()) for k, v in match.groupdict().items()}
            return Rewrite(text=rewrite.format(P=value if "({P})" in rewrite else wrapped, **groups), note=note)
    found = _REFERENCE.search(core)
    if found is None:
        return None
    if any(c.isdigit() for c in core[: found.start()]) and not _SLOT.search(core[: found.start()]):
        return None  # a number before it may be its antecedent ("what is 5 and is it prime"), unless "it" fills
        # an operator's slot ("90 minutes after that", "log base 10 of that")
    return Rewrite(text=_REFERENCE.sub(lambda _: wrapped, core), note=note)


def numbers_of(request: str, *, kind: Callable[[str], str | None]) -> str | None:
    """The numbers of ``request`` as a list ("gcd of 84 and 120" -> ``"84, 120"``), for "their lcm" or "and the
    median?" after it; ``None`` unless it has two or more, all bare numbers in digits."""
    found = _arguments(request, kind)
    if len(found) < 2 or _NUMBER_WORDS.search(request) or any(what != "number" for _, what, _ in found):
        return None
    if any(request[a:b].startswith("$") for (a, b), _, _ in found):
        return None
    return ", ".join(request[a:b].replace(",", "") for (a, b), _, _ in found)


def plugged(text: str, previous: str | None, *, source: str = "the previous answer") -> Rewrite | None:
    """"plug that into x^2 + 1": the expression evaluated at its one variable = ``previous``; ``None`` otherwise."""
    match = _PLUG.fullmatch(_core(text))
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


def subject(request: str, result: str, interpretation: str | None = None) -> str | None:
    """The value an answer that is not itself a value was about: the one number of the request, written in
    digits, when ``result`` is a truth value ("is 221 prime?" -> ``"221"``) or a numeral in another base
    ("100 in binary" -> ``"100"``); ``None`` otherwise."""
    about = _TRUTH.fullmatch(result.strip()) or (interpretation and _REPRESENTATION.search(interpretation))
    if not about or _NUMBER_WORDS.search(request):
        return None
    found = [m.group("n") for m in _IN_REQUEST.finditer(request) if not m.group("pct") and not m.group("lead")]
    return found[0] if len(found) == 1 and len(list(_IN_REQUEST.finditer(request))) == 1 else None


def names(text: str) -> set[str]:
    """The one-letter names ``text`` uses as variables ("x = 3, y = 4" -> x, y); never "a" or "I"."""
    return {m.group() for m in _NAME.finditer(text)} - {"a", "i", "A", "I"}


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
    stripped = _TRAILING.sub("", " ".join(text.split()))
    core = _LEADS.sub("", _core(stripped)).strip()
    return core if core and core != stripped.strip() else None


def by_argument(text: str, request: str, *, kind: Callable[[str], str | None]) -> Rewrite | None:
    """``request`` (the previous turn's) with the one argument of ``text``'s kind replaced by it.

    ``None`` when ``text`` is not a lone new argument ("and 10 miles?"); a `Rewrite` without ``text``
    when the argument to replace is missing or ambiguous (the note says which).
    """
    stripped = _TRAILING.sub("", " ".join(text.split()))
    core = _core(stripped)
    frame = _ARGUMENT_FRAME.fullmatch(core)
    if frame is None or (core == stripped.strip() and not frame.group("lead")):
        return None  # no "and", "now", "what about": not written as a follow-up
    arg = frame.group("arg").strip()
    if _NUMBER_LIST.fullmatch(arg):  # "and of 6, 8 and 10?": a new list for the previous request's one list
        return _new_list(arg, request, kind)
    new = _argument(arg, kind)
    if new is None:
        return None
    new_kind, _ = new
    found = _arguments(request, kind)
    if new_kind == "number":
        if len(found) != 1 or _NUMBER_WORDS.search(request):
            return Rewrite(text=None, note=_ambiguous(request, arg, "number", len(found)))
        span, _, number_span = found[0]
        start, end = number_span
    else:
        same = [f for f in found if f[1] == new_kind]
        if len(same) != 1:
            return Rewrite(text=None, note=_ambiguous(request, arg, new_kind, len(same)))
        (start, end), _, _ = same[0]
        span = (start, end)
    old = request[start:end]
    rewritten = request[:start] + arg + request[end:]
    return Rewrite(text=rewritten, note=f"the previous request '{request}' with {arg} in place of {old}")


def _new_list(arg: str, request: str, kind: Callable[[str], str | None]) -> Rewrite:
    """``request`` with its one list of numbers (all its numbers, written as one list) replaced by ``arg``."""
    found = _arguments(request, kind)
    gaps = [request[a[0][1]:b[0][0]] for a, b in zip(found, found[1:])]
    if (len(found) < 2 or _NUMBER_WORDS.search(request) or any(what != "number" for _, what, _ in found)
            or not all(_LIST_GAP.fullmatch(gap) for gap in gaps)):
        return Rewrite(text=None, note=f"'{arg}' would replace a list of numbers, and the previous request "
                                       f"'{request}' has no one list of numbers")
    start, end = found[0][0][0], found[-1][0][1]
    old = request[start:end]
    return Rewrite(text=request[:start] + arg + request[end:],
                   note=f"the previous request '{request}' with {arg} in place of {old}")


def _ambiguous(request: str, arg: str, what: str, count: int) -> str:
    things = "numbers" if what == "number" else f"arguments of that kind ({what})"
    if count == 0:
        return f"'{arg}' would replace an argument of the previous request '{request}', which has no {things}"
    if count == 1:  # one number in digits, others in words
        things = "numbers, some in words"
    return (f"'{arg}' would replace an argument of the previous request '{request}', which has several {things}: "
            "which one it replaces is unclear")


def _argument(arg: str, kind: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The kind of a lone new argument: a quantity's dimension, ``"percent"``, ``"number"`` or ``"text"`` (quoted)."""
    if _QUOTED.fullmatch(arg):
        return ("text", arg)
    match = _ARG_NUMBER.fullmatch(arg)
    if match is not None:
        return ("percent" if match.group("pct") else "number", arg)
    if _ARG_NUMBER.match(arg) and (found := kind(arg)) is not None:
        return (found, arg)
    return None


def _arguments(request: str, kind: Callable[[str], str | None]) -> list[tuple[tuple[int, int], str, tuple[int, int]]]:
    """The arguments of ``request``: (span, kind, span of the number alone); a quantity takes its unit words."""
    found = []
    for match in _IN_REQUEST.finditer(request):
        start, end = match.span()
        number_span = match.span("n")
        what = "percent" if match.group("pct") else "number"
        run = _WORDS.match(request, end)
        stops = [w.end() for w in _WORD.finditer(request, end, run.end())] if run else []
        for stop in reversed(stops):  # the longest run of words that makes a quantity
            if what == "number" and (dimension := kind(request[start:stop])) is not None:
                end, what = stop, dimension
                break
        found.append(((start, end), what, number_span))
    found.extend((m.span(), "text", m.span()) for m in _QUOTED.finditer(request))
    return found
