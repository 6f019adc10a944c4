"""Chat readings of the regex family: what the words around a pattern ask of it, and that words and pattern agree.

A template of `_parse` finds the slots; this module turns the words in them into the spec's operation and
conditions: "extract the year" (one match expected) or "the years" (all of them), "group 2" (which group),
"the lazy pattern" (the pattern must have a lazy repetition), "how many times does the letter s occur
(regex s)" (the letter and the pattern must be the same), "count the vowels ... with [aeiou]" (the pattern
and the noun must find the same), "swap X into Y" (the result must be Y). Where they disagree, the request
has two readings, and the step is declined with the reason.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser
from typing import Any

from agentkit.tools.regex._slots import ALL, BARE, KIND, MATCHES, PB, PN, PN1, SQ, R

__all__ = ["AGREEING", "TEMPLATES", "refine"]

_WHAT = r"(?:what is|what's|whats|what s|tell me|give me|find)"
_WHAT_ARE = r"(?:what are|what're|whats|what's|list|show|give me|tell me)"
_FIRST = r"(?:(?:what is|what's|whats|find|get|give me|show me|show|return|tell me) )?(?:the )?first match"
_ADJ = r"(?P<adj>lazy|non-greedy|nongreedy|ungreedy|reluctant|greedy)"
_GROUP = (r"(?:(?:the )?(?:capture |capturing )?group (?P<g>\d+)"
          r"|the (?:(?P<go>first|second|third|fourth|fifth)|(?P<gn>\d+)(?:st|nd|rd|th))"
          r" (?:capture |capturing )?group)")
_HOW = (r"(?P<how>when matching|when matched against|if matching|when searching|when applied to|when run on"
        r"|in|on|for)")
_BY = r"(?:match|matches|are matched by|fully match)"
_EACH_WORD = (r"(?: \((?:test|testing|tested|check|checking|checked) (?:each|every) word"
              r"(?: separately| individually| on its own| by itself)?\))?")
_PAREN = rf"\((?:the )?{KIND}:? (?:(?P<p>\x00\d+\x00)|(?P<pb>[^\s\x00]+))\)"
_NOUNS = r"(?P<noun>[a-z]+(?: [a-z]+)*?)"
_TO = r"(?:->|→|=>)"
_OV = r"(?P<ov>overlapping |non-overlapping )?"
_SHOW = r"(?:find|list|show|get|give me|return)"
_NOT_TO = r"(?:(?!->|→|=>)[^\x00])"
_REFERENCES = r"(?:\\\d|\\g<\w+>|[^\w\s\x00]|\s)+?"  # "\2 \1", "\3/\2/\1", "\g<last>, \g<first>"


def _both(op: str, extra: dict[str, Any], template: str) -> list[tuple[str, dict[str, Any], str]]:
    """The template with {PAT} a quoted pattern (or "the regex X"), and with {PAT} bare (it must look like one)."""
    return [(op, extra, template.replace("{PAT}", PB)),
            (op, {**extra, "bare": True}, template.replace("{PAT}", BARE))]


# (operation, extra spec, template), tried before the plain forms of `_parse`; the text is always quoted here
_EXTRACT = r"(?:extract|pull out|pull|get|grab)"
_MATCHED = r"(?:match first|first match)"
_LETTER = r"(?P<kind>(?:the )?(?:letter|character|symbol|digit|word) )?(?P<x>[^\s\x00]+)"
TEMPLATES: list[tuple[str, dict[str, Any], str]] = [
    *_both("first", {"mode": "search"}, rf"{_FIRST} (?:of|for) {{PAT}} in {SQ}"),
    *_both("first", {"mode": "search"}, rf"search (?:for )?{{PAT}} in {SQ},? {_WHAT} the first match"),
    *_both("first", {"mode": "search"}, rf"what does {{PAT}} {_MATCHED} in {SQ}"),
    *_both("first", {"mode": "search"}, rf"what does the {_ADJ} (?:{KIND} )?{{PAT}} {_MATCHED} in {SQ}"),
    *_both("findall", {}, rf"what does the {_ADJ} (?:{KIND} )?{{PAT}} match in {SQ}"),
    ("findall", {"bare": True}, rf"what does {BARE} match in {SQ}"),
    *_both("first", {"mode": "start"}, rf"what does {{PAT}} match at the (?:start|beginning) of {SQ}"),
    *_both("extract", {}, rf"{_EXTRACT} {_NOUNS} from {SQ} (?:using|with) {{PAT}}"),
    *_both("extract", {"comma": True}, rf"(?:using|with) {{PAT}}, {_EXTRACT} {_NOUNS} from {SQ}"),
    *_both("group", {"comma": True}, rf"(?:using|with) {{PAT}}, {_WHAT} {_GROUP} {_HOW} {SQ}"),
    *_both("group", {}, rf"{_WHAT} {_GROUP} {_HOW} {SQ} (?:with|against|using|for|by) {{PAT}}"),
    *_both("group", {}, (rf"{_WHAT} {_GROUP} of (?:the first match of )?{{PAT}}"
                         rf" (?P<how>in|on|against|when matching) {SQ}")),
    *_both("captures", {}, rf"(?:with|using) {{PAT}} on {SQ}, {_WHAT_ARE} the captured (?P<noun>[a-z]+)"),
    *_both("captures", {}, (rf"{_WHAT_ARE} the captured (?P<noun>[a-z]+) (?:of|for|by) {{PAT}}"
                            rf" (?:on|in|against) {SQ}")),
    *_both("captures", {}, rf"what does {{PAT}} capture (?:in|from) {SQ}"),
    ("count", {}, rf"how many times (?:does|do) {_LETTER} (?:occur|appear|show up) in {SQ} {_PAREN}"),
    ("count", {}, rf"count (?:the )?{_LETTER} in {SQ} {_PAREN}"),
    *_both("count", {}, rf"count {ALL}{_NOUNS} in {SQ} (?:with|using) {{PAT}}"),
    *_both("count", {}, rf"how many {_NOUNS} are (?:there )?in {SQ} (?:with|using|according to) {{PAT}}"),
    ("count", {}, rf"count {ALL}{MATCHES} of {PB} in {SQ}"),
    # bare: "matches" says the pattern is one; "occurrences of a.c" may be of the text "a.c", unless "with a regex"
    ("count", {"bare": True}, rf"count {ALL}matches of {BARE} in {SQ}"),
    ("count", {"bare": True, "needs_mark": True}, rf"count {ALL}{MATCHES} of {BARE} in {SQ}"),
    *_both("words", {"answer": "count"}, rf"how many (?:of the )?words (?:in|of) {SQ} {_BY} {{PAT}}{_EACH_WORD}"),
    *_both("words", {"answer": "count"}, rf"how many words {_BY} {{PAT}} in {SQ}{_EACH_WORD}"),
    *_both("words", {"answer": "count"}, rf"count {ALL}words (?:in|of) {SQ} that {_BY} {{PAT}}{_EACH_WORD}"),
    *_both("words", {"answer": "list"}, rf"which (?:of the )?words (?:in|of) {SQ} {_BY} {{PAT}}{_EACH_WORD}"),
    *_both("words", {"answer": "list"},
           rf"(?:list|show|find|give me) {ALL}words (?:in|of) {SQ} that {_BY} {{PAT}}{_EACH_WORD}"),
    ("replace", {}, rf"(?:replace|substitute) (?:every|each|any|all) {PN1} in {SQ} (?:with|by) {R}"),
    ("replace", {}, rf"(?:replace|substitute) {ALL}{PN} in {SQ} (?:with|by) {R}"),
    ("replace", {}, rf"(?:replace|substitute) {ALL}(?:{MATCHES} of )?{PB} in {SQ} (?:with|by) {R}"),
    ("replace", {"bare": True}, rf"(?:replace|substitute) {ALL}matches of {BARE} in {SQ} (?:with|by) {R}"),
    ("replace", {"bare": True, "needs_mark": True}, rf"(?:replace|substitute) {ALL}{BARE} in {SQ} (?:with|by) {R}"),
    # "collapse the repeated spaces": the words name pattern and replacement
    ("replace", {"fixed": (" {2,}", " ")},
     (rf"(?:collapse|squeeze|squash|reduce|normalize|normalise|shrink) {ALL}(?:repeated|multiple|consecutive|"
      rf"extra|duplicate|double|runs of) spaces in {SQ} (?:to|into|down to) "
      rf"(?:a single space|single spaces|one space|one)")),
    # "swap 'Doe, John' into 'John Doe' with P -> R": the pattern and the replacement run up to the arrow
    ("replace", {},
     (rf"(?:swap|turn|rewrite|convert|transform|change|reorder|rearrange|reformat) {SQ} (?:into|to) "
      rf"(?P<t>\x00\d+\x00) (?:with|using) (?:(?P<p>\x00\d+\x00)|(?P<pw>{_NOT_TO}+?))\s*{_TO}\s*"
      rf"(?:(?P<r>\x00\d+\x00)|(?P<rw>{_NOT_TO}+?))(?:,? {_WHAT} the result)?")),
    # without the result to check, a bare replacement runs to the end and holds only group references, spaces
    # and punctuation: words after it ("... -> \2 \1 please", ", what's the result") would otherwise run into it
    ("replace", {},
     (rf"(?:swap|rewrite|transform|reorder|rearrange|reformat) {SQ} (?:with|using) (?:(?P<p>\x00\d+\x00)|"
      rf"(?P<pw>{_NOT_TO}+?))\s*{_TO}\s*(?:(?P<r>\x00\d+\x00)|(?P<rw>{_REFERENCES}))")),
    ("match", {"mode": "search", "bare": True}, rf"is there (?:a |any )?match (?:for|of|to) {BARE} in {SQ}"),
    # the plain forms with a bare pattern, where the words fix which slot is the pattern and the text is quoted
    ("match", {"mode": "search", "bare": True}, rf"does {BARE} match (?:anywhere|somewhere) in {SQ}"),
    ("match", {"mode": "full", "bare": True}, rf"does {BARE} (?:fully|exactly|entirely) match {SQ}"),
    ("match", {"mode": "full", "bare": True}, rf"does the (?:whole|entire|full) (?:string |text )?{SQ} match {BARE}"),
    ("match", {"mode": "auto"}, rf"does {SQ} match (?:the )?{KIND} (?:(?P<p>\x00\d+\x00)|(?P<pb>[^\s\x00]+))"),
    ("count", {"bare": True}, rf"how many {_OV}matches (?:of|for) {BARE} (?:are )?(?:there )?in {SQ}"),
    ("count", {"bare": True}, rf"how many {_OV}times does {BARE} match in {SQ}"),
    ("count", {"bare": True, "needs_mark": True}, rf"how many times does {BARE} (?:occur|appear) in {SQ}"),
    ("findall", {"bare": True}, rf"{_SHOW} (?:every|each) match (?:of|for) {BARE} in {SQ}"),
    ("count", {"bare": True}, rf"count how many {_OV}times {BARE} matches in {SQ}"),
    ("count", {"bare": True, "needs_mark": True}, rf"count how many times {BARE} (?:occurs|appears) in {SQ}"),
    ("match", {"mode": "search", "bare": True}, rf"does {SQ} contain (?:a |any )?match(?:es)? (?:for|of|to) {BARE}"),
    ("match", {"mode": "auto", "bare": True}, rf"(?:test|try|check) {BARE} (?:against|on) {SQ}"),
    ("match", {"mode": "auto", "bare": True}, rf"check (?:if|whether) {BARE} matches {SQ}"),
    ("match", {"mode": "auto", "bare": True}, rf"check (?:if|whether) {SQ} matches {BARE}"),
    *_both("match", {"mode": "auto"}, rf"is {SQ} a match (?:for|of|to) {{PAT}}"),
    ("findall", {"bare": True}, rf"what are {ALL}matches (?:of|for) {BARE} in {SQ}"),
    ("replace", {"bare": True, "needs_mark": True},
     (rf"(?:replace|substitute) (?P<first>the first (?:match of |occurrence of )?|{ALL}"
      rf"(?:occurrences of |instances of )?){BARE} in {SQ} (?:with|by) {R}")),
    ("replace", {"bare": True, "needs_mark": True},
     (rf"(?:replace|substitute) (?P<first>the first (?:match of |occurrence of )?|{ALL}(?:{MATCHES} of )?)"
      rf"{BARE} (?:with|by) {R} in {SQ}")),
    ("split", {"bare": True, "needs_mark": True}, rf"split {SQ} (?:on|by|at|using) (?:matches of )?{BARE}"),
    # "explain (a+b)*c" may be algebra: a bare pattern to explain needs a sign only a regex has
    ("explain", {"bare": True, "needs_mark": True, "strong": True},
     rf"(?:explain|describe|break down) (?:the )?{BARE}"),
    ("explain", {"bare": True, "needs_mark": True, "strong": True}, rf"what does {BARE} mean"),
]

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "one": 1, "two": 2, "three": 3,
             "four": 4, "five": 5}
_LAZY = {"lazy", "non-greedy", "nongreedy", "ungreedy", "reluctant", "minimal"}

# nouns that name what a count or a capture finds, with the pattern that finds the same (None: no pattern, the
# noun only says "matches"); a noun not here is a description the family cannot check against the pattern
AGREEING: dict[str, tuple[str, str] | None] = {
    "matches": None, "occurrences": None, "instances": None, "hits": None,
    "vowels": (r"[aeiou]", "i"), "digits": (r"\d", ""), "numbers": (r"\d+(?:\.\d+)?", ""),
    "letters": (r"[^\W\d_]", ""), "spaces": (" ", ""), "words": (r"\w+", ""),
}
# the nouns "with P on S, what are the captured ..." may use: they say what was captured, not how
_CAPTURED = re.compile(r"groups?|values?|names?|words?|numbers?|keys?|digits?|letters?|parts?|strings?|texts?|"
                       r"items?|fields?|tokens?|ids?|codes?|captures?|matches")
_NOT_A_NOUN = re.compile(r"\b(?:and|or|not|except|but|without|no|other|than|all|every|each|any|some)\b")


def refine(op: str, extra: dict[str, Any], slots: dict[str, str | None],
           spec: dict[str, Any]) -> dict[str, Any] | None:
    """``spec`` with the chat conditions of ``extra``/``slots`` added; a ``declined`` spec or None where they fail."""
    if slots.get("adj") and not _adjective_fits(slots["adj"].lower(), spec["pattern"], spec["flags"]):
        return _declined(f"the pattern {spec['pattern']!r} is not {slots['adj'].lower()}: its repetitions say "
                         "otherwise; which one is meant?")
    if op == "extract":
        if _groups(spec["pattern"]) != 0:
            return _declined("the pattern has a group: is the text to extract the whole match or the group's?")
        return _extract(slots.get("noun") or "", spec)
    if op == "group":
        number = slots.get("g") or slots.get("gn") or slots.get("go") or ""
        spec["group"] = int(number) if number.isdigit() else _ORDINALS[number.lower()]
        spec["matching"] = "match" in (slots.get("how") or "").lower()
        return spec if spec["group"] >= 1 else None
    if op == "words":
        spec["answer"] = extra["answer"]
        return spec
    if op == "captures":
        noun = (slots.get("noun") or "groups").lower()
        if noun.startswith("name") and "(?P<" in spec["pattern"]:
            return _declined("'the captured names' with named groups: the groups' names or what they captured?")
        if (_groups(spec["pattern"]) or 0) > 1 and noun not in ("groups", "captures", "values"):
            return _declined(f"the pattern has several groups: which one holds the {noun}?")
        return spec if _CAPTURED.fullmatch(noun) else None
    if slots.get("x") is not None:  # "the letter s ... (regex s)": one string, named and written
        kind = (slots.get("kind") or "").strip().lower().removeprefix("the ")
        if not _same_string(kind, slots["x"], spec["pattern"]):
            return _declined(f"{(kind + ' ') if kind else ''}{slots['x']!r} and the pattern {spec['pattern']!r} "
                             "name different things")
        if kind == "letter":  # "the letter s" in "Sassy": with the capital or without?
            spec["agree"] = [spec["pattern"], spec["flags"] + "i"]
        return spec
    if slots.get("noun") is not None and op == "count":
        noun = " ".join(slots["noun"].lower().split())
        if noun not in AGREEING:
            return None  # a noun the family cannot check against the pattern
        if noun == "vowels" and re.search(r"[^\W\d_a-zA-Z]", spec["subject"] or ""):
            return _declined("'vowels' in a text with accented letters: are é, ü, ... vowels here?")
        spec["agree"] = list(AGREEING[noun]) if AGREEING[noun] else None
    return spec


def _declined(why: str) -> dict[str, Any]:
    return {"operation": "declined", "reason": why}


def _extract(noun: str, spec: dict[str, Any]) -> dict[str, Any] | None:
    """"extract the year": the one match (more than one declines); "extract the years": every match."""
    words = noun.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if words[:2] == ["all", "the"] or words[:1] in (["all"], ["every"]):
        plural, words = True, words[2:] if words[:2] == ["all", "the"] else words[1:]
    else:
        plural = None
    if not words or len(words) > 2 or _NOT_A_NOUN.search(" ".join(words)) or any(not w.isalpha() for w in words):
        return None
    last = words[-1]
    looks_plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    if plural is None:
        plural = looks_plural
    spec["operation"] = "findall" if plural else "first"
    spec["mode"] = "search"
    spec["only"] = not plural  # "the year": one is expected; several leave open which
    return spec


def _adjective_fits(adjective: str, pattern: str, flags: str) -> bool:
    """Whether the pattern's repetitions are what the adjective says: lazy has one, greedy has one and no lazy one."""
    kinds = _repetitions(pattern)
    if kinds is None:
        return False
    if adjective in _LAZY:
        return "lazy" in kinds
    return "greedy" in kinds and "lazy" not in kinds


def _repetitions(pattern: str) -> set[str] | None:
    try:
        tree = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    found: set[str] = set()
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, _parser.SubPattern):
            stack.extend(node.data)
        elif isinstance(node, tuple) and len(node) == 2:
            op, arg = node
            if op is C.MAX_REPEAT:
                found.add("greedy")
            elif op is C.MIN_REPEAT:
                found.add("lazy")
            elif op is C.POSSESSIVE_REPEAT:
                found.add("possessive")
            stack.extend(_children(arg))
    return found


def _children(arg: Any) -> list[Any]:
    if isinstance(arg, _parser.SubPattern):
        return [arg]
    if isinstance(arg, (list, tuple)):
        out: list[Any] = []
        for item in arg:
            out.extend(_children(item) if isinstance(item, (list, tuple)) else
                       ([item] if isinstance(item, _parser.SubPattern) else []))
        return out
    return []


def _groups(pattern: str) -> int | None:
    try:
        return re.compile(pattern).groups
    except (re.error, RecursionError, OverflowError):
        return None


def _same_string(kind: str, x: str, pattern: str) -> bool:
    """Whether "the letter s" and the pattern ``s`` are one string: the pattern is the string as written; a word
    is the pattern ``\\bword\\b`` (the word, not the letters inside other words)."""
    if kind == "word":
        return pattern == rf"\b{re.escape(x)}\b"
    if kind in ("letter", "character", "symbol", "digit") and len(x) != 1:
        return False
    if kind == "letter" and not x.isalpha() or kind == "digit" and not x.isdigit():
        return False
    return pattern in (x, re.escape(x))
