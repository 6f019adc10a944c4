"""The first match, a group, the captures and the words a pattern matches: run in `regex`, re-derived in `re`.

Conventions, which each interpretation states:

- ``first``: the leftmost match, as ``re.search`` finds it (mode ``search``), or a match that starts at the
  start of the text, as ``re.match`` finds it (mode ``start``); ``only`` asks for the one match there is.
- ``group``: group N of the first match (``re.search``); when the words say "matching", ``re.match`` and
  ``re.fullmatch`` must give the same group, or the step is declined.
- ``captures``: group 1 of every match, as ``re.findall`` gives it for a pattern of one group; a pattern of
  several groups only when it matches once (its groups).
- ``words``: the text split at whitespace, each word tested with ``re.search``; declined when
  ``re.fullmatch``, or words taken as runs of ``\\w``, would give another answer.

The checks compute again by other means: ``finditer`` where the run used ``search``, ``findall`` where it used
``finditer``, a hand-made tokenization where it used ``str.split``.
"""

from __future__ import annotations

import json
import re
from itertools import islice
from typing import Any

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["OPERATIONS", "PASSED", "interpret", "recheck_function", "render", "run"]

OPERATIONS = ("first", "group", "captures", "words")
MAX_ITEMS = 10_000

PASSED = {
    "first": "Python's re finds the same first match (finditer)",
    "group": "Python's re gives the same group (finditer)",
    "captures": "Python's re.findall gives the same captures",
    "words": "Python's re gives the same words, tested one by one",
}


class Ambiguous(ToolInputError):
    """The words allow two readings that give different answers."""


def _show(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _subject(spec: dict[str, Any]) -> str:
    return _show(spec["subject"])


def interpret(spec: dict[str, Any], pattern: str, flags: str) -> str:
    """The reading, with the matching function it stands for."""
    op, subject = spec["operation"], _subject(spec)
    if op == "first":
        if spec["mode"] == "start":
            return f"match of pattern {pattern} at the start of {subject} (re.match){flags}"
        what = "the one match" if spec.get("only") else "the first match"
        return f"{what} of {pattern} in {subject} (re.search){flags}"
    if op == "group":
        also = "; re.match and re.fullmatch must agree" if spec.get("matching") else ""
        return f"group {spec['group']} of the first match of {pattern} in {subject} (re.search{also}){flags}"
    if op == "captures":
        return f"the captured groups of every match of {pattern} in {subject} (re.findall){flags}"
    verb = "count the words" if spec.get("answer") == "count" else "the words"
    return f"{verb} of {subject} (split at whitespace) that {pattern} matches (re.search on each word){flags}"


def render(spec: dict[str, Any], value: Any) -> str:
    op = spec["operation"]
    if op in ("first", "group"):
        if value is None:
            return "no match"
        if value["text"] is None:
            return f"group {spec['group']} did not take part in the match"
        return _show(value["text"])
    if op == "captures":
        return json.dumps(value, ensure_ascii=False)
    return str(len(value)) if spec.get("answer") == "count" else json.dumps(value, ensure_ascii=False)


def run(compiled: Any, spec: dict[str, Any], subject: str, seconds: float) -> Any:
    """The value of a chat operation in the `regex` engine (``compiled``), every call under ``seconds``."""
    op = spec["operation"]
    if op == "first":
        if spec["mode"] == "start":
            m = compiled.match(subject, timeout=seconds)
        else:
            m = compiled.search(subject, timeout=seconds)
            if spec.get("only") and len(list(islice(compiled.finditer(subject, timeout=seconds), 2))) > 1:
                raise Ambiguous("the pattern matches more than once: which match is meant? Ask for the first "
                                "match or for all of them")
        return None if m is None else {"span": [m.start(), m.end()], "text": m.group(0)}
    if op == "group":
        if spec["group"] > compiled.groups:
            raise Ambiguous(f"the pattern has {compiled.groups} group(s), not a group {spec['group']}")
        m = compiled.search(subject, timeout=seconds)
        value = None if m is None else {"span": [m.start(), m.end()], "text": m.group(spec["group"])}
        if spec.get("matching"):
            for other in (compiled.match(subject, timeout=seconds), compiled.fullmatch(subject, timeout=seconds)):
                if other is not None and (m is None or other.group(spec["group"]) != m.group(spec["group"])):
                    raise Ambiguous("re.search, re.match and re.fullmatch give different groups here: say "
                                    "'the first match' or 'the whole text'")
            if m is not None and m.start() != 0:
                raise Ambiguous("the first match is not at the start of the text: re.search finds it, re.match "
                                "does not; say 'search' or 'the first match'")
        return value
    if op == "captures":
        return _captures([m.groups() for m in _limited(compiled.finditer(subject, timeout=seconds))], compiled.groups)
    words = subject.split()
    found = [w for w in words if compiled.search(w, timeout=seconds) is not None]
    full = [w for w in words if compiled.fullmatch(w, timeout=seconds) is not None]
    runs = re.findall(r"\w+", subject)
    by_runs = [w for w in runs if compiled.search(w, timeout=seconds) is not None]
    if _answer(spec, found) != _answer(spec, full) or _answer(spec, found) != _answer(spec, by_runs):
        raise Ambiguous("the answer depends on whether a word must match whole, or on where a word ends "
                        "(punctuation); anchor the pattern with ^ and $ or quote plain words")
    return found


def _answer(spec: dict[str, Any], words: list[str]) -> Any:
    return len(words) if spec.get("answer") == "count" else words


def _limited(matches: Any) -> Any:
    for number, m in enumerate(matches):
        if number >= MAX_ITEMS:
            raise LimitExceeded(f"more than {MAX_ITEMS:,} matches")
        yield m


def _captures(groups: list[tuple[Any, ...]], count: int) -> list[str]:
    if count == 0:
        raise Ambiguous("the pattern has no group to capture")
    if count > 1 and len(groups) != 1:
        raise Ambiguous(f"the pattern has {count} groups and matches {len(groups)} times: which group is meant?")
    values = [g[0] for g in groups] if count == 1 else list(groups[0])
    if any(v is None for v in values):
        raise Ambiguous("a group did not take part in a match: is that an empty capture or none?")
    return values


# -- the re-derivations in Python's re, by other calls than the run's ------------------------------------------

def _re_first(compiled: re.Pattern[str], spec: dict[str, Any]) -> Any:
    subject = spec["subject"]
    if spec["mode"] == "start":  # the leftmost match, when it starts at 0, is the one re.match finds there
        m = next(compiled.finditer(subject), None)
        m = m if m is not None and m.start() == 0 else None
    else:
        found = list(islice(compiled.finditer(subject), 2))
        if spec.get("only") and len(found) > 1:
            return "more than one match"
        m = found[0] if found else None
    return None if m is None else {"span": [m.start(), m.end()], "text": subject[m.start():m.end()]}


def _re_group(compiled: re.Pattern[str], spec: dict[str, Any]) -> Any:
    m = next(compiled.finditer(spec["subject"]), None)
    if m is None:
        return None
    start, end = m.span(spec["group"])
    return {"span": [m.start(), m.end()], "text": None if start < 0 else spec["subject"][start:end]}


def _re_captures(compiled: re.Pattern[str], spec: dict[str, Any]) -> Any:
    found = compiled.findall(spec["subject"])
    if compiled.groups == 1:
        return found
    return list(found[0]) if len(found) == 1 else None


def _re_words(compiled: re.Pattern[str], spec: dict[str, Any]) -> Any:
    words = re.findall(r"\S+", spec["subject"])
    return [w for w in words if compiled.search(w)]


def recheck_function(operation: str) -> Any:
    """The `re` re-derivation of a chat operation, called with a compiled `re` pattern and the spec."""
    return {"first": _re_first, "group": _re_group, "captures": _re_captures, "words": _re_words}[operation]
