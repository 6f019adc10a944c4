"""A regex's structure in words, from the parse tree of Python's own `re` parser, with a round-trip check.

Each node of the tree gives both its words and a pattern fragment; `explain` returns the words and
the fragments joined into a pattern, and `same_structure` re-parses that pattern to prove that the
words account for every node of the original.
"""

from __future__ import annotations

import json
import re
from re import _constants as C
from re import _parser
from typing import Any

from agentkit.errors import ToolInputError

__all__ = ["Unexplainable", "explain", "same_structure", "parse"]

_FLAG_LETTERS = {re.I: "i", re.M: "m", re.S: "s", re.X: "x", re.A: "a", re.L: "L", re.U: "u"}
_FLAG_NAMES = {re.I: "ignoring case", re.M: "multiline", re.S: "dot matches newline", re.X: "verbose",
               re.A: "ASCII-only classes"}

_CATEGORIES = {
    C.CATEGORY_DIGIT: ("a digit", r"\d"),
    C.CATEGORY_NOT_DIGIT: ("a non-digit", r"\D"),
    C.CATEGORY_SPACE: ("a whitespace character", r"\s"),
    C.CATEGORY_NOT_SPACE: ("a non-whitespace character", r"\S"),
    C.CATEGORY_WORD: ("a word character (letter, digit or underscore)", r"\w"),
    C.CATEGORY_NOT_WORD: ("a non-word character", r"\W"),
}
_SIMPLE = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN, C.CATEGORY}


class Unexplainable(ToolInputError):
    """A valid pattern with a construct the explainer has no words for."""


def parse(pattern: str, flags: int = 0) -> Any:
    """Python's own parse of ``pattern`` (raises `re.error` when it is not a valid regex)."""
    return _parser.parse(pattern, flags)


def _char(code: int) -> str:
    ch = chr(code)
    if ch.isascii() and (ch.isalnum() or ch == "_"):
        return ch
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _show(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _times(lo: int, hi: int) -> tuple[str, str]:
    if hi is C.MAXREPEAT or hi == C.MAXREPEAT:
        words = {0: "zero or more times", 1: "one or more times"}.get(lo, f"at least {lo} times")
        return words, {0: "*", 1: "+"}.get(lo, f"{{{lo},}}")
    if (lo, hi) == (0, 1):
        return "optionally", "?"
    if lo == hi:
        return (f"exactly {lo} time{'s' if lo != 1 else ''}", f"{{{lo}}}")
    return f"between {lo} and {hi} times", f"{{{lo},{hi}}}"


def _set(items: list[tuple[Any, Any]], flags: int) -> tuple[str, str]:
    negate = bool(items) and items[0][0] is C.NEGATE
    parts, pattern = [], []
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            parts.append(_show(chr(av)))
            pattern.append(_char(av))
        elif op is C.RANGE:
            parts.append(f"{_show(chr(av[0]))} to {_show(chr(av[1]))}")
            pattern.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY:
            parts.append(_CATEGORIES[av][0])
            pattern.append(_CATEGORIES[av][1])
        else:
            raise Unexplainable(f"cannot explain {op} in a character set")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    if negate:
        words = f"any character except {listed}"
    elif len(parts) == 1 and items[0][0] is C.CATEGORY:
        words = listed
    else:
        words = f"one character: {listed}"
    return words + _case(flags), "[" + ("^" if negate else "") + "".join(pattern) + "]"


def _case(flags: int) -> str:
    return " (any case)" if flags & re.I else ""


def _flag_text(add: int, remove: int) -> str:
    on = "".join(v for k, v in _FLAG_LETTERS.items() if add & k)
    off = "".join(v for k, v in _FLAG_LETTERS.items() if remove & k)
    return on + (f"-{off}" if off else "")


def _node(op: Any, av: Any, flags: int, names: dict[int, str]) -> tuple[str, str]:
    if op is C.NOT_LITERAL:
        return f"any character except {_show(chr(av))}{_case(flags)}", f"[^{_char(av)}]"
    if op is C.ANY:
        return ("any character" if flags & re.S else "any character except a newline"), "."
    if op is C.IN:
        return _set(av, flags)
    if op is C.CATEGORY:
        return _CATEGORIES[av]
    if op is C.AT:
        return _anchor(av, flags)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        words, pattern = _seq(sub, flags, names)
        items = list(sub)
        if not (len(items) == 1 and (items[0][0] in _SIMPLE or items[0][0] is C.SUBPATTERN and items[0][1][0])):
            words, pattern = f"({words})", f"(?:{pattern})"
        elif ", " in words or " or " in words:
            words = f"({words})"
        times, quantifier = _times(lo, hi)
        if op is C.MIN_REPEAT:
            times, quantifier = times + ", as few as possible", quantifier + "?"
        elif op is C.POSSESSIVE_REPEAT:
            times, quantifier = times + ", never giving any back", quantifier + "+"
        return f"{words} {times}", pattern + quantifier
    if op is C.SUBPATTERN:
        group, add, remove, sub = av
        inner = (flags | add) & ~remove
        words, pattern = _seq(sub, inner, names)
        if group is None:
            mode = [f"{'not ' if remove & k else ''}{text}" for k, text in _FLAG_NAMES.items() if (add | remove) & k]
            return f"({', '.join(mode) or 'flags unchanged'}: {words})", f"(?{_flag_text(add, remove)}:{pattern})"
        name = names.get(group)
        label = f"group {group}" + (f" {_show(name)}" if name else "")
        opening = f"(?P<{name}>" if name else "("
        return f"{label} ({words})", opening + pattern + ")"
    if op is C.BRANCH:
        alternatives = [_seq(alt, flags, names) for alt in av[1]]
        words = "either " + ", or ".join(f"({w})" for w, _ in alternatives)
        return words, "(?:" + "|".join(p for _, p in alternatives) + ")"
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, sub = av
        words, pattern = _seq(sub, flags, names)
        negative = op is C.ASSERT_NOT
        where = "followed by" if direction == 1 else "preceded by"
        opening = {(1, False): "(?=", (1, True): "(?!", (-1, False): "(?<=", (-1, True): "(?<!"}[(direction, negative)]
        return f"{'not ' if negative else ''}{where} ({words}), without consuming it", opening + pattern + ")"
    if op is C.GROUPREF:
        return f"the same text as group {av} matched{_case(flags)}", f"(?:\\{av})"
    if op is C.GROUPREF_EXISTS:
        group, yes, no = av
        yes_words, yes_pattern = _seq(yes, flags, names)
        no_words, no_pattern = _seq(no, flags, names) if no is not None else ("nothing", "")
        return (f"if group {group} matched then ({yes_words}), otherwise ({no_words})",
                f"(?({group}){yes_pattern}" + (f"|{no_pattern})" if no is not None else ")"))
    if op is C.ATOMIC_GROUP:
        words, pattern = _seq(av, flags, names)
        return f"atomically, never backtracking into it ({words})", f"(?>{pattern})"
    raise Unexplainable(f"cannot explain the construct {op}")


def _anchor(av: Any, flags: int) -> tuple[str, str]:
    if av is C.AT_BEGINNING:
        return ("the start of a line" if flags & re.M else "the start of the string"), "^"
    if av is C.AT_END:
        words = "the end of a line" if flags & re.M else "the end of the string (or just before a final newline)"
        return words, "$"
    table = {C.AT_BEGINNING_STRING: ("the very start of the string", r"\A"),
             C.AT_END_STRING: ("the very end of the string", r"\Z"),
             C.AT_BOUNDARY: ("a word boundary", r"\b"),
             C.AT_NON_BOUNDARY: ("a position that is not a word boundary", r"\B")}
    if av not in table:
        raise Unexplainable(f"cannot explain the anchor {av}")
    return table[av]


def _seq(sub: Any, flags: int, names: dict[int, str]) -> tuple[str, str]:
    items = list(sub)
    words, pattern = [], []
    i = 0
    while i < len(items):
        op, av = items[i]
        if op is C.LITERAL:
            run = []
            while i < len(items) and items[i][0] is C.LITERAL:
                run.append(items[i][1])
                i += 1
            words.append(f"{_show(''.join(map(chr, run)))}{_case(flags)}")
            pattern.append("".join(_char(c) for c in run))
            continue
        w, p = _node(op, av, flags, names)
        words.append(w)
        pattern.append(p)
        i += 1
    if not words:
        return "nothing (the empty string)", ""
    return ", then ".join(words), "".join(pattern)


def explain(pattern: str, flags: int = 0) -> tuple[str, str]:
    """``pattern``'s structure in words, and the pattern re-assembled from the same walk.

    >>> explain(r"^\\d{3}$")[0]
    'the start of the string, then a digit exactly 3 times, then the end of the string (or just before a final newline)'
    """
    tree = parse(pattern, flags)
    names = {number: name for name, number in tree.state.groupdict.items()}
    words, rebuilt = _seq(tree, tree.state.flags, names)
    named = [text for flag, text in _FLAG_NAMES.items() if tree.state.flags & flag and flag != re.X]
    return (f"{', '.join(named)}: {words}" if named else words), rebuilt


def _plain(node: Any) -> Any:
    if isinstance(node, _parser.SubPattern):
        return [_plain(item) for item in node.data]
    if isinstance(node, (list, tuple)):
        return type(node)(_plain(item) for item in node)
    return node


def same_structure(original: str, rebuilt: str, flags: int = 0) -> bool:
    """Whether ``rebuilt`` parses to the same tree as ``original`` (under the same flags)."""
    first = parse(original, flags)
    second = parse(rebuilt, first.state.flags & ~re.X)
    return _plain(first) == _plain(second)
