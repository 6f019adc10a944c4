"""Follow-ups that give the previous request a new argument: "and 10 miles?", "what about 35%?", "same for 12".

The previous request is re-read whole with the one argument of the new one's kind replaced (a quantity of
the same dimension, a percent, a quoted text, a list of numbers), or its one number when the new argument
is a bare number; a missing or ambiguous argument declines, naming why:

    >>> by_argument("and 10 miles?", "convert 5 miles to km", kind=lambda t: "length" if t.endswith("miles") else None).text
    'convert 10 miles to km'
    >>> by_argument("and for 9?", "what's 22 divided by 7", kind=lambda t: None).text is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from agentkit.followup import REPRESENTATION, TRAILING, Rewrite, core_of, normalized

__all__ = ["by_argument", "by_element", "by_reversal", "numbers_of", "subject"]

# "and 10 miles?", "what about 3 kg?", "and for 7?", "same for 12"
_ARGUMENT_FRAME = re.compile(
    r"(?P<lead>(?:(?:what|how) about|what if it'?s|what if it were|what if there (?:were|was|are|is)"
    r"|what if (?:i|we|you) (?:had|have|used|use|rolled|roll)|(?:the )?same(?: thing)?(?: again)?(?:,? but)?"
    r"|do the same|(?:do )?(?:it |that |this )?again(?:,? but)?|do it|do|try)"
    r"(?: (?:for|with|of|at|on|in|from|after))?|for|with|of|at|on|in|from|after)?\s*(?P<arg>.+)", re.IGNORECASE)
_SLOT = re.compile(r"(?:^|\s)(?:of|at|on|after)$", re.IGNORECASE)  # a preposition that names where the argument is
_PREPOSITION = re.compile(r"(?:^|\s)(?:of|at|on|in|from|after|to)$", re.IGNORECASE)
_NUMBER_LIST = re.compile(r"-?\d+(?:\.\d+)?(?:(?:,| and|, and) -?\d+(?:\.\d+)?)+")
_LIST_GAP = re.compile(r",? ?(?:and )?|, ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_DIGITS = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # "1,250" is one number; "3,4" is two
_ARG_NUMBER = re.compile(rf"(?P<lead>\$)?(?P<n>{_DIGITS})(?P<pct>\s?%)?")
_IN_REQUEST = re.compile(rf"(?<![\w.,])(?P<lead>\$)?(?P<n>{_DIGITS})(?P<pct>\s?%)?(?![\w.]|,\d)")
_WORD = re.compile(r"\s+[^\s\d,;?!.]+")
_WORDS = re.compile(r"(?:\s+[^\s\d,;?!.]+){1,3}")
_NUMBER_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|thousand|million|billion|dozen)\b", re.IGNORECASE)
_TRUTH = re.compile(r"true|false|yes|no", re.IGNORECASE)
_COUNTED = re.compile(rf"(?P<n>{_DIGITS})(?P<words>(?:\s+[A-Za-z]+){{1,2}})")  # "6 books", "5 red balls"
_POSITIONS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}
# "what if the last one were 99", "change the first number to 70", "replace the second one with 5"
_ELEMENT = re.compile(
    r"(?:what if|suppose|if) the (?P<pos>first|second|third|fourth|fifth|last)(?: (?:one|number|value|score))?"
    r" (?:were|was|is|had been|became|changed to) (?P<n>-?\d+(?:\.\d+)?)(?:,? (?:what(?:'s| is| would be) it|then))?"
    r"|(?:change|make|set) the (?P<pos2>first|second|third|fourth|fifth|last)(?: (?:one|number|value|score))?"
    r" (?:to|into) (?P<n2>-?\d+(?:\.\d+)?)"
    r"|(?:replace|swap) the (?P<pos3>first|second|third|fourth|fifth|last)(?: (?:one|number|value|score))?"
    r" (?:with|for) (?P<n3>-?\d+(?:\.\d+)?)", re.IGNORECASE)
_ROUNDING_TAIL = re.compile(r",? (?:to|rounded to|round to) (?:\d+ (?:decimal places?|decimals?|dp|significant figures?)"
                            r"|the nearest (?:whole number|integer|tenth|hundredth|cent))$", re.IGNORECASE)
_BACK = re.compile(r"\bback (?=to\b)", re.IGNORECASE)
_PHRASE_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)")


def by_argument(text: str, request: str, *, kind: Callable[[str], str | None]) -> Rewrite | None:
    """``request`` (the previous turn's) with the one argument of ``text``'s kind replaced by it.

    ``None`` when ``text`` is not a lone new argument ("and 10 miles?"); a `Rewrite` without ``text``
    when the argument to replace is missing or ambiguous (the note says which).
    """
    stripped = TRAILING.sub("", normalized(text))
    core = core_of(stripped)
    frame = _ARGUMENT_FRAME.fullmatch(core)
    if frame is None or (core == stripped.strip() and not frame.group("lead")):
        return None  # no "and", "now", "what about": not written as a follow-up
    arg = frame.group("arg").strip()
    if _NUMBER_LIST.fullmatch(arg):  # "and of 6, 8 and 10?": a new list for the previous request's one list
        return _new_list(arg, request, kind)
    new = _argument(arg, kind)
    if new is None:  # "and 6 books?" (a count of the same things), "now from 0 to 3" (the same phrase, new numbers)
        return (_same_words(arg, request) or _same_phrase(core, request) or _power(arg, request)
                or _target(core, request, kind))
    new_kind, _ = new
    lead = frame.group("lead") or ""
    if new_kind in ("number", "percent") and _PREPOSITION.search(lead):  # "and of 80?" after "20% of 50"
        phrase = f"{_PREPOSITION.search(lead).group().strip()} {arg}"
        if (same := _same_phrase(phrase, request)) is not None:
            return same
    found = _arguments(request, kind)
    if new_kind == "number":
        if len(found) != 1 or _NUMBER_WORDS.search(request):
            return Rewrite(text=None, note=_ambiguous(request, arg, "number", len(found)))
        _, _, (start, end) = found[0]
    else:
        same = [f for f in found if f[1] == new_kind]
        if len(same) != 1:
            return Rewrite(text=None, note=_ambiguous(request, arg, new_kind, len(same)))
        (start, end), _, _ = same[0]
    old = request[start:end]
    slot = _SLOT.search(lead)
    if slot and not re.search(rf"\b{slot.group().strip()}\s+\$?$", request[:start], re.IGNORECASE):
        return Rewrite(text=None, note=f"'{core}' names the argument after '{slot.group().strip()}', and in the previous "
                                       f"request '{request}' {old} is not after it")  # "and of 20%?" after "45% of 300"
    rewritten = request[:start] + arg + request[end:]
    return Rewrite(text=rewritten, note=f"the previous request '{request}' with {arg} in place of {old}")


def by_element(text: str, request: str, *, kind: Callable[[str], str | None]) -> Rewrite | None:
    """``request`` with one number of its one list replaced: "what if the last one were 99" after "average of
    80, 85 and 90". ``None`` when ``text`` does not say so; a `Rewrite` without ``text`` when ``request`` has no
    one list of numbers (or not that many)."""
    match = _ELEMENT.fullmatch(core_of(TRAILING.sub("", " ".join(text.split()))))
    if match is None:
        return None
    groups = match.groupdict()
    position = next(groups[k] for k in ("pos", "pos2", "pos3") if groups[k]).lower()
    new = next(groups[k] for k in ("n", "n2", "n3") if groups[k])
    found = _arguments(request, kind)
    gaps = [request[a[0][1]:b[0][0]] for a, b in pairwise(found)]
    if (len(found) < 2 or _NUMBER_WORDS.search(request) or any(what != "number" for _, what, _ in found)
            or not all(_LIST_GAP.fullmatch(gap) for gap in gaps)):
        return Rewrite(text=None, note=f"'the {position} one' names a number of a list, and the previous request "
                                       f"'{request}' has no one list of numbers")
    index = -1 if position == "last" else _POSITIONS[position]
    if index >= len(found):
        return Rewrite(text=None, note=f"the previous request '{request}' has no {position} number")
    start, end = found[index][0]
    old = request[start:end]
    return Rewrite(text=request[:start] + new + request[end:],
                   note=f"the previous request '{request}' with {new} in place of its {position} number, {old}")


# a power of a number ("9 squared", "9^2", "9 to the 4th power") and a root ("the square root of 81"), for "and cubed?"
_POWER = r"(?:squared|cubed|to the (?:power of \d+|\w+ power|\d+(?:st|nd|rd|th)?))"
_POWERED = re.compile(rf"(?<=\d)(?: {_POWER}\b|\s?(?:\^|\*\*)\s?\d+)", re.IGNORECASE)
_ROOT = r"(?:square|cube|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) root"
_OPERATION = re.compile(r"[-+*/×÷^!%]|\b(?:times|plus|minus|divided|over|and|mod|factorial|percent|squared|cubed|root"
                        r"|power)\b", re.IGNORECASE)
_NEW_POWER = re.compile(rf"(?:(?:what about|how about|what if it'?s|and) )?(?:it )?(?P<p>{_POWER})"
                        rf"|(?:(?:what about|how about|and) )?(?:the |its )?(?P<r>{_ROOT})(?: of it)?", re.IGNORECASE)


def _power(arg: str, request: str) -> Rewrite | None:
    """"and cubed?" after "what's 9 squared", "and the cube root?" after "the square root of 81": the request's one
    power of a number (or one root) given the new one; ``None`` when the request has not exactly one."""
    new = _NEW_POWER.fullmatch(arg)
    if new is None:
        return None
    if new.group("p"):
        found, phrase = list(_POWERED.finditer(request)), f" {new.group('p')}"
    else:
        found, phrase = list(re.finditer(rf"\b{_ROOT}\b", request, re.IGNORECASE)), new.group("r")
    if len(found) != 1 or _NUMBER_WORDS.search(request):
        return None
    start, end = found[0].span()
    rest = request[:start] + request[end:]  # the power (or root) is the request's one operation on its one number
    if len(_IN_REQUEST.findall(rest)) != 1 or _OPERATION.search(rest):
        return None
    return Rewrite(text=request[:start] + phrase + request[end:],
                   note=f"the previous request '{request}' with {phrase.strip()} in place of {found[0].group().strip()}")


_CONVERSION = re.compile(r"(?P<head>(?:(?:convert|change|what(?:'s| is)|how much is) )?(?P<q>-?[\d.,/]+ [^\d]+?)"
                         r" (?P<prep>to|in|into) )(?P<u>[^\d,;=?]+?)(?P<tail>\s*[?.!]?)", re.IGNORECASE)
# "how many pounds is 70 kg": the target unit first
_HOW_MANY = re.compile(r"(?P<head>how many )(?P<u>[^\d,;=?]+?)(?P<mid> (?:is|are|in|make|makes) )"
                       r"(?P<q>-?[\d.,/]+ [^\d?]+?)(?P<tail>\s*[?.!]?)", re.IGNORECASE)
_NEW_TARGET = re.compile(r"(?:(?:what about|how about|and|now) )?(?:(?:to|in|into) )(?P<u>[^\d,;=]+)", re.IGNORECASE)


def _target(core: str, request: str, kind: Callable[[str], str | None]) -> Rewrite | None:
    """"and to ounces?" after "convert 5 kg to lb": the conversion's one target unit replaced by another of the same
    dimension ("convert 5 kg to ounces"), so "and from 10?" next reads the person's 5 kg; ``None`` otherwise."""
    new, conversion = _NEW_TARGET.fullmatch(core), _conversion(request)
    if new is None or conversion is None or len(_IN_REQUEST.findall(request)) != 1:
        return None
    dimension = kind(f"1 {new.group('u')}")
    if dimension is None or dimension != kind(f"1 {conversion.group('u')}") or dimension != kind(conversion.group("q")):
        return None
    start, end = conversion.span("u")
    return Rewrite(text=f"{request.strip()[:start]}{new.group('u')}{request.strip()[end:]}",
                   note=f"the previous request '{request}' with {new.group('u')} in place of {conversion.group('u')}")


_REVERSED = re.compile(r"(?:(?:and|now|ok|what about|how about) )?(?:(?:do it|do that|the same|same) )?(?:(?:the )?other way"
                       r" (?:round|around)|the reverse|in reverse|vice versa|reversed|backwards)", re.IGNORECASE)


def _conversion(request: str) -> re.Match[str] | None:
    """``request`` as one conversion, with its quantity ``q`` and target unit ``u``: "convert 5 kg to lb", "5 kg in
    lb", "how many pounds is 70 kg"; ``None`` otherwise."""
    return _CONVERSION.fullmatch(request.strip()) or _HOW_MANY.fullmatch(request.strip())


def by_reversal(text: str, request: str, *, kind: Callable[[str], str | None]) -> Rewrite | None:
    """"the other way round" after a conversion ("convert 5 kg to lb"): the same number in the target unit, converted
    to the source unit ("convert 5 lb to kg"). ``None`` when ``text`` does not say so; a `Rewrite` without ``text``
    when the previous request is no one conversion (after "20% of 50", the other way round is unclear)."""
    if _REVERSED.fullmatch(core_of(TRAILING.sub("", normalized(text)))) is None:
        return None
    conversion = _conversion(request)
    quantity = re.fullmatch(rf"(?P<n>{_DIGITS}) (?P<words>.+)", conversion.group("q")) if conversion else None
    if conversion is None or quantity is None or len(_IN_REQUEST.findall(request)) != 1:
        return Rewrite(text=None, note=f"'the other way round' is clear after a conversion (its units swapped), and "
                                       f"the previous request '{request}' is not one")
    number, source, target = quantity.group("n"), quantity.group("words").strip(), conversion.group("u").strip()
    dimension = kind(conversion.group("q"))
    if dimension is None or kind(f"{number} {target}") != dimension:
        return Rewrite(text=None, note=f"'the other way round' is clear after a conversion (its units swapped), and "
                                       f"the previous request '{request}' is not one")
    return Rewrite(text=f"convert {number} {target} to {source}",
                   note=f"the previous request '{request}' the other way round: {number} {target} to {source}")


def _same_words(arg: str, request: str) -> Rewrite | None:
    """"and 6 books?" after "how many ways to arrange 4 books": the request's one number counting the same
    words, replaced; ``None`` when ``arg`` is not a number with words, or the request has no such number."""
    match = _COUNTED.fullmatch(arg)
    if match is None or _NUMBER_WORDS.search(request):
        return None
    words = r"\s+".join(re.escape(w) for w in match.group("words").split())
    found = list(re.finditer(rf"(?<![\w.,$])(?P<n>{_DIGITS})\s+{words}\b", request, re.IGNORECASE))
    if len(found) != 1:
        return None
    old = found[0].group()
    start, end = found[0].span()
    return Rewrite(text=request[:start] + arg + request[end:],
                   note=f"the previous request '{request}' with {arg} in place of {old}")


def _same_phrase(phrase: str, request: str) -> Rewrite | None:
    """"now from 0 to 3" after "integrate x^2 from 0 to 6", "and 6 of 24?", "and as x → 0?": the one place
    where the request has the same phrase with other numbers, given the new ones; ``None`` when there is not
    exactly one such place (or the phrase is not numbers and words)."""
    tail = _ROUNDING_TAIL.search(phrase)  # ", to 2 decimals" stays at the end of the rewritten request
    ending = tail.group() if tail else ""
    phrase = _BACK.sub("", phrase[: tail.start()] if tail else phrase)  # "from 92 back to 80": the numbers say it
    parts = _PHRASE_NUMBER.split(phrase)
    numbers, words = parts[1::2], "".join(parts[::2])
    if not numbers or not re.search(r"[^\W\d_]", words) or _NUMBER_WORDS.search(request) or _NUMBER_WORDS.search(words):
        return None
    pattern = "".join(_PHRASE_NUMBER.pattern if i % 2 else r"\s*".join(re.escape(w) for w in part.split(" "))
                      for i, part in enumerate(parts))
    found = list(re.finditer(rf"(?<![\w.^*/$]){pattern}(?![\w.])", request, re.IGNORECASE))
    if len(found) != 1 or found[0].group().lower() == phrase.lower() or found[0].span() == (0, len(request)):
        return None  # the whole request: the turn is a request of its own
    old = found[0].group()
    start, end = found[0].span()
    rest = request[end:].rstrip(" ?.!") if ending else request[end:]
    return Rewrite(text=request[:start] + phrase + rest + ending,
                   note=f"the previous request '{request}' with {phrase} in place of {old}"
                        + (f", and{ending.removeprefix(',')}" if ending else ""))


def _new_list(arg: str, request: str, kind: Callable[[str], str | None]) -> Rewrite:
    """``request`` with its one list of numbers (all its numbers, written as one list) replaced by ``arg``."""
    found = _arguments(request, kind)
    gaps = [request[a[0][1]:b[0][0]] for a, b in pairwise(found)]
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


def numbers_of(request: str, *, kind: Callable[[str], str | None]) -> str | None:
    """The numbers of ``request`` as a list ("gcd of 84 and 120" -> ``"84, 120"``), for "their lcm" or "and the
    median?" after it; ``None`` unless it has two or more, all bare numbers in digits."""
    if _NUMBER_WORDS.search(request) or len(_IN_REQUEST.findall(request)) < 2:
        return None  # decided before `_arguments` asks the families what each number's words mean
    found = _arguments(request, kind)
    if any(what != "number" for _, what, _ in found):
        return None
    if any(request[a:b].startswith("$") for (a, b), _, _ in found):
        return None
    return ", ".join(request[a:b].replace(",", "") for (a, b), _, _ in found)


def subject(request: str, result: str, interpretation: str | None = None) -> str | None:
    """The value an answer that is not itself a value was about: the one number of the request, written in
    digits, when ``result`` is a truth value ("is 221 prime?" -> ``"221"``) or a numeral in another base
    ("100 in binary" -> ``"100"``); ``None`` otherwise."""
    about = _TRUTH.fullmatch(result.strip()) or (interpretation and REPRESENTATION.search(interpretation))
    if not about or _NUMBER_WORDS.search(request):
        return None
    found = [m.group("n") for m in _IN_REQUEST.finditer(request) if not m.group("pct") and not m.group("lead")]
    return found[0] if len(found) == 1 and len(list(_IN_REQUEST.finditer(request))) == 1 else None
