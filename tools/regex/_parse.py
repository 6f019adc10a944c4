"""The regex family's recognizer grammar: quoted slots, phrasings and flags, read into a JSON-ready spec."""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.regex import _chat
from agentkit.tools.regex._slots import ALL as _ALL
from agentkit.tools.regex._slots import BARE as _BARE
from agentkit.tools.regex._slots import KIND as _KIND
from agentkit.tools.regex._slots import MATCHES as _MATCHES
from agentkit.tools.regex._slots import NAMED as _NAMED
from agentkit.tools.regex._slots import PB as _PB
from agentkit.tools.regex._slots import PN as _PN
from agentkit.tools.regex._slots import SINGULAR as _SINGULAR
from agentkit.tools.regex._slots import P as _P
from agentkit.tools.regex._slots import R as _R
from agentkit.tools.regex._slots import S as _S
from agentkit.tools.regex._subjects import read_subject

__all__ = ["FLAG_LETTERS", "read_step"]

# the flags a user may name; JavaScript's g only says "all matches", u and y have no Python meaning
FLAG_LETTERS = "imsxa"
_ANY_FLAG_LETTERS = FLAG_LETTERS + "g"

_MARK = "\x00"
_QUOTED = re.compile(r"\x00(\d+)\x00")
_SLASH = re.compile(r"/((?:[^/\\\n]|\\.)+)/([a-z]*)(?=$|[\s?.,!;:)])")
_BOUNDARY_BEFORE = set(" \t\n(")
# what marks bare text as a regex rather than text to match: an anchor, an escape, a class, a group, a repetition
_META = re.compile(r"[\\^$.|?*+()\[\]{}]")
# signs no algebra or prose has: a class escape, a [class], a leading ^ or final $, a group with (?
_ONLY_REGEX = re.compile(r"\\[dDwWsSbBAZ]|\[[^\]]*\]|^\^|\$$|\(\?")
_REGEX_SIGNS = re.compile(r"^\^|\$$|\\[dDwWsSbB]|\[[^\]]*\]|\(\?|[*+?}]\)?$|\.[*+?]|\)[*+?{]")

# a number written with a sign, a thousands comma or two points is not one run of digits: "numbers" declines
_UNCLEAR_NUMBERS = re.compile(r"\d,\d|-\d|\d\.\d+\.\d")
_ACCENTED = re.compile(r"[^\W\d_a-zA-Z]")  # a letter beyond a-z: "vowels" as [aeiou] may miss it

# (operation, extra spec, template); {S} is a subject slot, tried lazy and greedy to find ambiguity
_TEMPLATES: list[tuple[str, dict[str, Any], str]] = [
    ("match", {"mode": "full"}, rf"does {_PB} (?:fully|exactly|entirely) match {_S}"),
    ("match", {"mode": "full"}, rf"does {_PB} match (?:the )?(?:whole|entire|full) (?:string |text )?(?P<s>{{S}})"),
    ("match", {"mode": "auto"}, rf"does {_PB} match {_S}"),
    ("match", {"mode": "auto"}, rf"does (?:the )?(?:string |text )(?P<s>{{S}}) match {_PB}"),
    # "does ^[A-Z]\w+$ match 'Hello'": a bare pattern (it must look like one) and a quoted or named text
    ("match", {"mode": "auto", "named": True, "bare": True}, rf"does (?P<pb>[^\s\x00]+) match {_S}"),
    ("match", {"mode": "auto", "named": True, "bare": True}, rf"does {_S} match (?P<pb>[^\s\x00]+)"),
    # "does an empty string match `^$`": only a quoted subject or one the words name (see _subjects)
    ("match", {"mode": "auto", "named": True}, rf"does {_S} match {_PB}"),
    ("match", {"mode": "auto"}, rf"(?:test|try|match) {_PB} (?:against|on) {_S}"),
    ("match", {"mode": "auto"}, rf"is {_S} matched by {_PB}"),
    ("match", {"mode": "search"}, rf"does {_S} contain (?:a )?match(?:es)? (?:for|of|to) {_PB}"),
    ("match", {"mode": "search"}, rf"is there (?:a |any )?match (?:for|of|to) {_PB} in {_S}"),
    ("findall", {}, rf"(?:find|list|show|get|extract|give me|return) {_ALL}{_MATCHES} (?:of|for|to) {_PB} in {_S}"),
    ("findall", {}, rf"what are {_ALL}{_MATCHES} (?:of|for|to) {_PB} in {_S}"),
    ("findall", {}, rf"findall {_PB} (?:in|on) {_S}"),
    ("findall", {}, rf"what does {_PB} match in {_S}"),
    ("count", {}, (rf"how many (?P<ov>overlapping |non-overlapping )?{_MATCHES} (?:of|for|to) {_PB}"
                  rf" (?:are there |occur |appear )?in {_S}")),
    ("count", {}, (rf"how many (?P<ov>overlapping |non-overlapping )?times does {_PB} (?:match|occur|appear)"
                  rf" in {_S}")),
    ("count", {}, rf"count {_ALL}(?P<ov>overlapping |non-overlapping )?{_MATCHES} (?:of|for|to) {_PB} in {_S}"),
    ("replace", {}, (rf"(?:replace|substitute) (?P<first>the first (?:match of |occurrence of )?|{_ALL}"
                    rf"(?:{_MATCHES} of )?){_PB} (?:with|by) {_R} in {_S}")),
    ("replace", {}, (rf"in {_S}, (?:replace|substitute) (?P<first>the first (?:match of |occurrence of )?|{_ALL}"
                    rf"(?:{_MATCHES} of )?){_PB} (?:with|by) {_R}")),
    ("replace", {"delete": True}, rf"(?:remove|delete|strip) {_ALL}(?:{_MATCHES} of )?{_PB} (?:from|in) {_S}"),
    ("split", {}, rf"split {_S} (?:on|by|at|using) (?:matches of )?{_PB}"),
    ("split", {}, rf"split (?:on|by|at|using) {_PB}:? {_S}"),
    ("valid", {}, rf"is {_PB} (?:a )?valid(?: regular expression| regexp| regex| pattern)?"),
    ("valid", {}, r"is (?P<pb>\S+) a valid (?:regular expression|regexp|regex)"),
    ("valid", {}, rf"is this (?:a )?valid(?: regular expression| regexp| regex| pattern)?:? {_P}"),
    ("valid", {}, r"is this (?:a )?valid (?:regular expression|regexp|regex|pattern): (?P<pb>.+)"),
    ("valid", {}, rf"is this {_KIND} valid:? {_P}"),
    ("valid", {}, rf"is this {_KIND} valid: (?P<pb>.+)"),
    ("valid", {}, rf"(?:does|will) {_PB} compile"),
    ("valid", {}, rf"(?:validate|check) {_PB}"),
    ("explain", {}, rf"(?:explain|describe|break down|what does) {_PB}(?: mean| match| do)?"),
    ("explain", {}, rf"what is the (?:meaning|structure) of {_PB}"),
    # chat forms: a full match asked in other words, "how many matches does P have", a bare pattern, a name
    ("match", {"mode": "full"}, rf"is {_S} (?:a )?(?:full|complete|exact|whole) match (?:for|of|to) {_PB}"),
    ("match", {"mode": "full"}, rf"is {_S} matched (?:entirely|fully|completely|in full|as a whole) by {_PB}"),
    ("match", {"mode": "full", "bare": True},
     rf"is {_S} (?:a )?(?:full|complete|exact|whole) match (?:for|of|to) {_BARE}"),
    ("match", {"mode": "full", "bare": True}, rf"is {_S} matched (?:entirely|fully|completely|in full) by {_BARE}"),
    ("match", {"mode": "auto", "bare": True}, rf"is {_S} matched by {_BARE}"),
    ("count", {}, rf"how many (?P<ov>overlapping |non-overlapping )?{_MATCHES} does {_PB} (?:have|get|find) in {_S}"),
    ("count", {"bare": True},
     rf"how many (?P<ov>overlapping |non-overlapping )?{_MATCHES} does {_BARE} (?:have|get|find) in {_S}"),
    ("findall", {"bare": True}, rf"findall {_BARE} (?:in|on) {_S}"),
    ("findall", {"bare": True}, (rf"(?:find|list|show|get|extract|give me|return) {_ALL}{_MATCHES} (?:of|for|to) "
                                rf"{_BARE} in {_S}")),
    ("split", {"bare": True}, rf"split {_S} (?:on|by|at|using) (?:the )?{_KIND} (?P<pb>[^\x00]+)"),
    ("findall", {}, rf"(?:find|list|show|get|extract|give me|return|pull out) {_ALL}{_PN} (?:in|from) {_S}"),
    ("count", {}, rf"how many {_PN} are (?:there )?in {_S}"),
    ("count", {}, rf"count {_ALL}{_PN} in {_S}"),
    ("replace", {}, rf"(?:replace|substitute) {_ALL}{_PN} (?:with|by) {_R} in {_S}"),
    ("replace", {"delete": True}, rf"(?:remove|delete|strip)(?: out)? {_ALL}{_PN} (?:from|in) {_S}"),
]


def _compile(template: str, subject: str) -> re.Pattern[str]:
    return re.compile(template.replace(" ", r"\s+").replace("{S}", subject), re.IGNORECASE | re.DOTALL)


_ALL_TEMPLATES = [*((op, {**extra, "chat": True}, t) for op, extra, t in _chat.TEMPLATES), *_TEMPLATES]
_COMPILED = [(op, extra, _compile(t, r"\x00\d+\x00|[^\x00]+?"), _compile(t, r"\x00\d+\x00|[^\x00]+"))
             for op, extra, t in _ALL_TEMPLATES]
_QUESTION = re.compile(r"(?:does|do|is|are|how|what|which|will|can)\b", re.IGNORECASE)

# "... with a regex" at the end: the words say the bare pattern is one ("count the occurrences of ab in 'abab'")
_SAYS_REGEX = re.compile(
    r",?\s+(?:with|using|via|by)\s+(?:an?\s+|the\s+)?(?:regex|regexp|regular expression)(?:es|s)?$", re.IGNORECASE)
_BARE_SLOTS = ("pb", "rb", "rw")
_LEADING_FLAG = re.compile(r"^(?:with|using) (?:the )?(?:re\.)?(?:ignorecase|i)(?: flag)?,? ", re.IGNORECASE)
_FLAG_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r",?\s+(?:with\s+)?(?:the\s+)?flags?\s+([a-z]+)$", re.IGNORECASE), ""),
    (re.compile(r",?\s+(?:with\s+)?(?:the\s+)?([a-z])\s+flag$", re.IGNORECASE), ""),
    (re.compile(r",?\s+(?:case[- ]insensitive(?:ly)?|ignoring case|ignore case|without regard to case)$", re.IGNORECASE), "i"),
    (re.compile(r",?\s+(?:with|using)\s+(?:the\s+)?re\.(?:IGNORECASE|I)(?:\s+flag)?$", re.IGNORECASE), "i"),
    (re.compile(r",?\s+(?:with|using)\s+(?:the\s+)?re\.(?:MULTILINE|M)(?:\s+flag)?$", re.IGNORECASE), "m"),
    (re.compile(r",?\s+(?:with|using)\s+(?:the\s+)?re\.(?:DOTALL|S)(?:\s+flag)?$", re.IGNORECASE), "s"),
    (re.compile(r",?\s+(?:in\s+)?multi-?line(?:\s+mode)?$", re.IGNORECASE), "m"),
    (re.compile(r",?\s+(?:with\s+)?dotall(?:\s+mode)?$", re.IGNORECASE), "s"),
]


def _quote(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """Replace each quoted item with a marker; None when a quote is left open (the step is incomplete)."""
    items: list[tuple[str, str, str]] = []  # (content, "/" + flags for a slash-quoted item else "", quote)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        at_token = i == 0 or text[i - 1] in _BOUNDARY_BEFORE
        end = -1
        if ch == "`":
            end = text.find("`", i + 1)
            if end < 0:
                return None
            items.append((text[i + 1:end], "", "`"))
            i = end + 1
        elif ch in "\"'" and at_token:
            end = text.find(ch, i + 1)
            while end >= 0 and not (end + 1 == len(text) or text[end + 1] in " \t\n?.,!;:)"):
                end = text.find(ch, end + 1)
            if end < 0:
                if ch == '"':
                    return None
                out.append(ch)
                i += 1
                continue
            items.append((text[i + 1:end], "", ch))
            i = end + 1
        elif ch == "/" and at_token and (m := _SLASH.match(text, i)):
            items.append((m.group(1), "/" + m.group(2), "/"))
            i = m.end()
        else:
            out.append(ch)
            i += 1
            continue
        out.append(f"{_MARK}{len(items) - 1}{_MARK}")
    return "".join(out), items


def _strip_flags(skeleton: str) -> tuple[str, str] | None:
    flags = ""
    changed = True
    while changed:
        changed = False
        for pattern, letters in _FLAG_PHRASES:
            m = pattern.search(skeleton)
            if m and _MARK not in m.group(0):
                named = letters or m.group(1).lower()
                if any(c not in _ANY_FLAG_LETTERS for c in named):
                    return None
                flags += named
                skeleton = skeleton[: m.start()]
                changed = True
    return skeleton, flags


def _declined(why: str) -> dict[str, Any]:
    """A reading the family declines: the words were understood, but they give no single request."""
    return {"operation": "declined", "reason": why}


def _bare(text: str | None) -> bool:
    return text is not None and _MARK not in text


_LITERAL = r"""(?P<raw{0}>[rR]?)(?:'(?P<sq{0}>[^'\n]*)'|"(?P<dq{0}>[^"\n]*)")"""
_CALL = re.compile(
    r"(?:(?:what does|what do|what is|what's|whats|what would)"
    r"(?: the (?:result|output|value|return value) of)? )?re\.(?P<fn>findall|sub|split|search|match)\(\s*"
    + _LITERAL.format(1) + r"\s*,\s*(?:" + _LITERAL.format(2) + r"\s*,\s*)?" + _LITERAL.format(3)
    + r"\s*\)(?: (?:return|returns|give|gives|produce|output|evaluate to|result in))?\s*\??", re.IGNORECASE)
# re.search and re.match give a match object: its text is the answer, and the reading names the function
_CALL_OPERATIONS = {"findall": ("findall", {}), "sub": ("replace", {}), "split": ("split", {}),
                    "search": ("first", {"mode": "search"}), "match": ("first", {"mode": "start"})}


def _capturing_groups(pattern: str) -> int | None:
    """How many capturing groups Python's re sees in ``pattern``; None for an invalid or overlong one."""
    if len(pattern) > 1000:
        return None
    try:
        return re.compile(pattern).groups
    except (re.error, RecursionError, OverflowError):
        return None


def _call_spec(text: str) -> dict[str, Any] | None:
    """``re.findall(r'\\d+', 'a1b22')``, ``re.sub(...)``, ``re.split(...)`` written out: Python's own meaning.

    A literal with a backslash must be a raw string (``r'...'``): a plain one would need Python's escape
    processing, which the family does not guess at.
    """
    m = _CALL.fullmatch(text.strip())
    if m is None:
        return None
    literals = []
    for n in (1, 2, 3):
        value = m[f"sq{n}"] if m[f"sq{n}"] is not None else m[f"dq{n}"]
        if value is not None and "\\" in value and not m[f"raw{n}"]:
            return None
        literals.append(value)
    fn = m["fn"].lower()
    if (fn == "sub") != (literals[1] is not None):
        return None  # re.sub takes pattern, replacement, text; findall and split take pattern, text
    op, extra = _CALL_OPERATIONS[fn]
    groups = _capturing_groups(literals[0])
    if fn == "findall" and groups != 0:
        if groups != 1:
            return None  # re.findall then returns tuples of groups
        op = "captures"  # one group: re.findall returns what it captured
    items = [(value, "", "`") for value in literals if value is not None]
    slots = {"p": f"{_MARK}0{_MARK}", "s": f"{_MARK}{len(items) - 1}{_MARK}", "sn": ""}
    if fn == "sub":
        slots["r"] = f"{_MARK}1{_MARK}"
    items[-1] = (items[-1][0], "", "'")  # the text is a string, whatever quotes it had
    return _spec(op, extra, slots, items, "", "")


def read_step(text: str) -> dict[str, Any] | None:
    """The spec for a whole step, or None when the step is not a regex request read whole.

    >>> read_step("Does `^a+$` match aaa?")["subject"]
    'aaa'
    """
    call = _call_spec(text)
    if call is not None:
        return call
    quoted = _quote(text.strip())
    if quoted is None:
        return None
    skeleton, items = quoted
    punct = trailing = ""
    if skeleton[-1:] in ("?", ".", "!"):
        punct = trailing = skeleton[-1]
        skeleton = skeleton[:-1].rstrip()
        if punct == "?" and _QUESTION.match(skeleton):
            punct = ""  # a question's question mark is punctuation, not part of the text it asks about
    stripped = _strip_flags(skeleton)
    if stripped is None:
        return None
    skeleton, flags = stripped
    if (leading := _LEADING_FLAG.match(skeleton)) is not None:
        skeleton, flags = skeleton[leading.end():], flags + "i"
    marked = _SAYS_REGEX.search(skeleton)  # "count the occurrences of ab in 'abab' with a regex"
    if marked is not None:
        skeleton = skeleton[:marked.start()]
    # a chat form (`_chat`) that does not apply leaves the step to the plain forms after it, as if it were not there
    for op, extra, lazy, greedy in _COMPILED:
        m = lazy.fullmatch(skeleton)
        if m is None:
            continue
        chat = bool(extra.get("chat"))
        other = greedy.fullmatch(skeleton)
        if other is None or other.groupdict() != m.groupdict():
            if chat:
                continue
            return None  # the words could be split two ways: not a whole, unique reading
        at_end = [k for k in _BARE_SLOTS if m.groupdict().get(k) is not None and m.end(k) == len(skeleton)]
        if trailing and at_end and (at_end != ["pb"] or not chat or op in ("explain", "valid")):
            if chat:
                continue
            return None  # a bare pattern or replacement at the very end: is the final punctuation part of it?
        if trailing and at_end:  # a chat form runs both readings and declines where they differ (see __init__)
            extra = {**extra, "alt": trailing}
        spec = _spec(op, {**extra, "marked": True} if marked else extra, m.groupdict(), items, flags, punct, trailing)
        if spec is None and chat:
            continue
        return spec
    return None


def _item(slot: str | None, items: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    m = _QUOTED.fullmatch(slot or "")
    return items[int(m.group(1))] if m else None


def _spec(op: str, extra: dict[str, Any], slots: dict[str, str | None], items: list[tuple[str, str, str]],
          flags: str, punct: str, trailing: str = "") -> dict[str, Any] | None:
    spec: dict[str, Any] = {"operation": op, "mode": extra.get("mode", ""), "subject": None, "subject_alt": None,
                            "replacement": None, "first_only": False, "overlapped": False, "slash": False}
    pattern_quote = ""
    if extra.get("fixed") is not None:  # the words name pattern and replacement ("collapse repeated spaces")
        pattern, slash_flags = extra["fixed"][0], ""
    elif slots.get("pn") is not None:
        name = _SINGULAR.get(slots["pn"].lower(), slots["pn"].lower())
        pattern, named_flags = _NAMED[name]
        flags, slash_flags = flags + named_flags, ""
        found = _item(slots.get("s"), items)
        if found is None:
            return None  # a pattern by name and a bare text: where does the text end?
        if name.endswith("numbers") and _UNCLEAR_NUMBERS.search(found[0]):
            return _declined("'numbers' with signs, thousands commas or versions in the text: which runs count?")
        if name == "vowels" and _ACCENTED.search(found[0]):
            return _declined("'vowels' in a text with accented letters: are é, ü, ... vowels here?")
    elif slots.get("pb") is not None or slots.get("pw") is not None:
        bare = slots.get("pb") if slots.get("pb") is not None else slots["pw"].strip()
        if _MARK in bare or not bare:
            return None
        literal = not _META.search(bare)
        said = extra.get("marked") or slots.get("ov")  # "with a regex", "non-overlapping matches"
        if extra.get("bare") and literal and not said:
            return None  # "does cat match 'cat'": nothing marks the bare word as the pattern
        signs = _ONLY_REGEX if extra.get("strong") else _REGEX_SIGNS
        if extra.get("needs_mark") and not extra.get("marked") and not signs.search(bare):
            return None  # "count the occurrences of a.c": of the text "a.c", or of the regex?
        if extra.get("bare") and literal and read_subject(bare).text != bare:
            return None  # "digits", "a space": words that describe strings, not a pattern written out
        pattern, slash_flags = bare, ""
        if extra.get("comma") or extra.get("alt"):  # "using (\w+), what is ...": is the comma the pattern's?
            spec["pattern_alt"] = pattern + extra.get("alt", ",")
        if op == "count" and literal and not slots.get("ov"):
            spec["overlap_unsaid"] = True  # "how many times does aa occur": with overlaps or without?
    else:
        found = _item(slots.get("p"), items)
        if found is None:
            return None
        pattern, slash_flags = found[0], found[1][1:]
        spec["slash"] = bool(found[1])
        pattern_quote = found[2]
    if any(c not in "imsxg" for c in slash_flags):
        return None  # u, y, d: JavaScript flags with no Python meaning
    flags += slash_flags
    spec["global"] = "g" in flags
    spec["flags"] = "".join(sorted(set(flags) - {"g"}))
    spec["pattern"] = pattern
    if "s" in slots:
        subject = slots["s"]
        found = _item(subject, items)
        if found is not None:
            if found[1]:
                return None  # a slash-quoted subject is a second pattern, not text
            if found[2] == "`" and pattern_quote in "'\"":
                return _declined("the text to match is in backticks and the pattern in quotes: which one is the "
                                 "pattern? Put the pattern in backticks and the text in quotes")
            spec["subject"] = found[0]
        elif _bare(subject) and subject.strip():
            literal = bool((slots.get("sn") or "").strip(" the\t\n"))  # "the string X", "the word X": X as written
            reading = read_subject(subject) if not literal else None
            if reading is not None and reading.text is None:
                return _declined(reading.problem)
            if reading is not None and reading.named:
                spec["subject"], spec["subject_named"] = reading.text, reading.named
            elif extra.get("named"):
                return None  # "does X match `p`" with X bare: which is the text?
            else:
                if pattern_quote in "'\"" and _REGEX_SIGNS.search(subject):
                    if _REGEX_SIGNS.search(pattern) or re.search(r"\s", subject.strip()):
                        return _declined(f"both {pattern!r} and {subject.strip()!r} look like a regex: which one is "
                                         "the pattern? Put the pattern in backticks")
                    if trailing:
                        return None  # is the final punctuation part of the bare pattern?
                    # "does '2023-13-01' match ^\d{4}-\d{2}$": the quoted text is the string, the regex is bare
                    spec["pattern"], spec["subject"], spec["slash"] = subject.strip(), pattern, False
                    return _finish(op, extra, slots, items, spec)
                if pattern_quote in ("'", '"') and _META.search(subject) and not _META.search(pattern):
                    return _declined(f"{pattern!r} is quoted like a text and {subject.strip()!r} has a regex's "
                                     "signs: which one is the pattern? Put the pattern in backticks")
                spec["subject"] = subject.strip()
                if punct:
                    spec["subject_alt"] = spec["subject"] + punct  # "?" might belong to the text: checked at run time
        else:
            return None
    if extra.get("needs_mark") and not extra.get("marked") and _META.search(spec["pattern"]) \
            and spec["pattern"] in (spec["subject"] or ""):
        return None  # "replace a+ in 'a+b' with x": the text holds the pattern as written; which is meant?
    return _finish(op, extra, slots, items, spec)


def _finish(op: str, extra: dict[str, Any], slots: dict[str, str | None], items: list[tuple[str, str, str]],
            spec: dict[str, Any]) -> dict[str, Any] | None:
    """The replacement and the overlap of a spec whose pattern and subject are read."""
    if op == "replace":
        if extra.get("fixed") is not None:
            spec["replacement"] = extra["fixed"][1]
        elif extra.get("delete") or slots.get("rn") is not None:
            spec["replacement"] = ""
        elif slots.get("rb") is not None:
            spec["replacement"] = slots["rb"]
        elif slots.get("rw") is not None:
            spec["replacement"] = slots["rw"].strip()
        else:
            found = _item(slots.get("r"), items)
            if found is None or found[1]:
                return None
            spec["replacement"] = found[0]
        spec["first_only"] = bool((slots.get("first") or "").lower().startswith("the first"))
    if slots.get("ov"):
        spec["overlapped"] = slots["ov"].lower().startswith("overlapping")
    if slots.get("t") is not None:
        found = _item(slots["t"], items)
        if found is None or found[1]:
            return None
        spec["expected"] = found[0]
    return _chat.refine(op, extra, slots, spec)
