"""The regex family's rendering and its independent checks, which re-run every result in Python's own `re`."""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

import regex
from agentkit.tools._limits import TimeLimitExceeded, run_with_timeout
from agentkit.tools.regex import _extract
from agentkit.tools.regex._explain import same_structure

__all__ = ["interpret", "recheck", "re_problem", "re_flags", "render_match", "render_found", "render_list", "show",
           "error_text", "timeout_text", "same_answer", "PASSED"]

CHECK_SECONDS = 0.75
_RE_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE, "a": re.ASCII}

PASSED = {
    "match": "Python's re gives the same match",
    "findall": "Python's re finds the same matches at the same places",
    "count": "Python's re counts the same matches",
    "replace": "re-derived match by match with Python's re",
    "split": "Python's re splits the same way",
    "valid": "Python's re and the regex module agree",
    "explain": "the explanation re-assembles into a pattern with the same parse tree",
    **_extract.PASSED,
}


def show(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_list(items: list[Any]) -> str:
    return json.dumps(items, ensure_ascii=False)


def error_text(exc: BaseException) -> str:
    message = getattr(exc, "msg", None) or str(exc)
    position = getattr(exc, "pos", None)
    return f"{message} at position {position}" if position is not None and "position" not in message else message


def timeout_text(seconds: float) -> str:
    return (f"timed out: matching stopped after {seconds} s; the pattern backtracks catastrophically on this "
            "text (nested repetition such as (a+)+ is the usual cause)")


def re_flags(letters: str) -> int:
    flags = 0
    for letter in letters:
        flags |= _RE_FLAGS[letter]
    return flags


def _re_compile(pattern: str, letters: str) -> re.Pattern[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return re.compile(pattern, re_flags(letters))


def re_problem(pattern: str, letters: str) -> str | None:
    """Why Python's `re` rejects ``pattern``, or None when it compiles."""
    try:
        _re_compile(pattern, letters)
    except re.error as exc:
        return error_text(exc)
    except (ValueError, OverflowError, RecursionError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _regex_problem(pattern: str, letters: str) -> str | None:
    flags = 0
    for letter in letters:
        flags |= {"i": regex.I, "m": regex.M, "s": regex.S, "x": regex.X, "a": regex.A}[letter]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            regex.compile(pattern, flags | regex.VERSION0)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        return error_text(exc)
    return None


def _subject(spec: dict[str, Any]) -> str:
    named = spec.get("subject_named")
    return show(spec["subject"]) + (f" ({named})" if named else "")


def interpret(spec: dict[str, Any]) -> str:
    """The request as read, in one line a person checks at a glance: ``pattern ^$ on "" (the empty string)``."""
    op, pattern = spec["operation"], spec["pattern"]
    if not pattern or pattern != pattern.strip() or any(c in pattern for c in "\t\n\r\f\v"):
        pattern = show(pattern)  # whitespace a reader would miss
    flags = f" (flags {spec['flags']})" if spec.get("flags") else ""
    if op == "valid":
        return f"is {pattern} a valid regex (Python re){flags}"
    if op == "explain":
        return f"explain {pattern}{flags}"
    if op in _extract.OPERATIONS:
        return _extract.interpret(spec, pattern, flags)
    subject = _subject(spec)
    if op == "match":
        how = {"full": "full match of pattern", "search": "search for pattern"}.get(spec["mode"], "pattern")
        return f"{how} {pattern} on {subject}{flags}"
    if op == "findall":
        return f"find all {pattern} in {subject}{flags}"
    if op == "count":
        overlap = "overlapping " if spec.get("overlapped") else ""
        return f"count {overlap}matches of {pattern} in {subject}{flags}"
    if op == "replace":
        which = "the first" if spec["first_only"] else "all"
        expects = f", expected to give {show(spec['expected'])}" if spec.get("expected") is not None else ""
        return f"replace {which} {pattern} with {show(spec['replacement'])} in {subject}{flags}{expects}"
    return f"split {subject} on {pattern}{flags}"


def render_match(mode: str, value: dict[str, Any], subject: str) -> str:
    span, groups = value["span"], value["groups"]
    if span is None:
        return "no"
    found = show(subject[span[0]:span[1]])
    if mode == "full" or value["full"]:
        text = "yes"
    elif mode == "search":
        text = f"yes: {found} at offset {span[0]}"
    else:
        text = f"only in part: {found} at offset {span[0]}, not the whole text"
    if groups:
        listed = ", ".join(f"{i} = {'unmatched' if g is None else show(g)}" for i, g in enumerate(groups, 1))
        text += f"; groups: {listed}"
    return text


def render_found(spans: list[list[int]], subject: str, limit: int) -> str:
    if not spans:
        return "no matches"
    texts = ", ".join(show(subject[a:b]) for a, b in spans[:limit])
    noun = "match" if len(spans) == 1 else "matches"
    return f"{len(spans)} {noun}: {texts}" if len(spans) <= limit else f"{len(spans)} matches; the first {limit}: {texts}"


def _re_match(spec: dict[str, Any]) -> dict[str, Any]:
    compiled = _re_compile(spec["pattern"], spec["flags"])
    subject = spec["subject"]
    full = compiled.fullmatch(subject) if spec["mode"] != "search" else None
    part = compiled.search(subject) if full is None and spec["mode"] != "full" else None
    shown = full or part
    return {"full": full is not None, "span": None if shown is None else [shown.start(), shown.end()],
            "groups": [] if shown is None else list(shown.groups())}


def _re_spans(spec: dict[str, Any]) -> list[list[int]]:
    compiled = _re_compile(spec["pattern"], spec["flags"])
    if not spec["overlapped"]:
        return [[m.start(), m.end()] for m in compiled.finditer(spec["subject"])]
    spans, position = [], 0
    while position <= len(spec["subject"]) and (m := compiled.search(spec["subject"], position)):
        spans.append([m.start(), m.end()])
        position = m.start() + 1
    return spans


def _re_replace(spec: dict[str, Any]) -> str:
    """The replacement built again, match by match, from `re`'s matches and its own template expansion."""
    compiled = _re_compile(spec["pattern"], spec["flags"])
    subject, pieces, last = spec["subject"], [], 0
    for number, m in enumerate(compiled.finditer(subject)):
        if spec["first_only"] and number == 1:
            break
        pieces.append(subject[last:m.start()])
        pieces.append(m.expand(spec["replacement"]))
        last = m.end()
    pieces.append(subject[last:])
    return "".join(pieces)


def _re_split(spec: dict[str, Any]) -> list[Any]:
    return _re_compile(spec["pattern"], spec["flags"]).split(spec["subject"])


def _re_chat(spec: dict[str, Any]) -> Any:
    return _extract.recheck_function(spec["operation"])(_re_compile(spec["pattern"], spec["flags"]), spec)


def _in_re(fn: Any, spec: dict[str, Any]) -> Any:
    try:
        return ("ok", fn(spec))
    except TimeLimitExceeded:
        raise
    except (re.error, IndexError, ValueError, OverflowError, RecursionError) as exc:
        return ("error", error_text(exc))


def recheck(spec: dict[str, Any], text: str, value: Any) -> str | None:
    """What is wrong with ``value`` when recomputed independently, or None when it stands."""
    op = spec["operation"]
    if op == "valid":
        other = _regex_problem(spec["pattern"], spec["flags"])
        if (other is None) != (value is None):
            return (f"Python's re and the regex module disagree on whether {spec['pattern']!r} is valid "
                    f"(re: {value or 'valid'}; regex: {other or 'valid'})")
        return None
    if op == "explain":
        try:
            ok = same_structure(spec["pattern"], value, re_flags(spec["flags"]))
        except (re.error, RecursionError) as exc:
            return f"the re-assembled pattern does not parse: {error_text(exc)}"
        return None if ok else "the explanation does not account for the whole pattern"
    fn = {"match": _re_match, "findall": _re_spans, "count": _re_spans, "replace": _re_replace,
          "split": _re_split}.get(op, _re_chat)
    try:
        status, expected = run_with_timeout(_in_re, fn, spec, seconds=CHECK_SECONDS)
    except TimeLimitExceeded:
        return (f"timed out: Python's re ran past {CHECK_SECONDS} s re-checking this pattern (catastrophic "
                "backtracking); the answer is not verified")
    if status == "error":
        return f"Python's re could not re-run it: {expected}"
    if expected != value:
        return f"Python's re gives a different result: {expected!r}"
    if op == "match" and render_match(spec["mode"], expected, spec["subject"]) != text:
        return "the rendered answer does not match the re-checked match"
    if op in _extract.OPERATIONS and _extract.render(spec, expected) != text:
        return "the rendered answer does not match the re-checked one"
    return None


def _polarity(text: str) -> bool | None:
    word = text.strip().lower().split(":")[0].split(";")[0].split(",")[0].split(" ")[0].rstrip(".!")
    return {"yes": True, "true": True, "no": False, "false": False}.get(word)


def same_answer(operation: str, stated: str, computed: str) -> bool:
    """Whether a stated answer says what the tool computed."""
    if operation in ("match", "valid"):
        polarity = _polarity(computed)
        return polarity is not None and _polarity(stated) == polarity
    if operation == "count":
        return stated.strip().rstrip(".") == computed
    stated = stated.strip()
    if stated == computed:
        return True
    try:
        value = json.loads(computed)
    except ValueError:
        return False
    if isinstance(value, list):  # "cat, bat" for ["cat", "bat"]; an item with a comma in it is not read back
        return [item.strip().strip("'\"") for item in stated.strip("[]").split(",")] == value
    return value == stated
