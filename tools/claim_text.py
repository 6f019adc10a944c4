"""Reading free text for claims: what every claim finder masks first, its tokens, and its last number.

Masking keeps offsets: a GSM8K calculator annotation ``<<48/2=24>>`` is blanked (invisible to a
scan), and what is not a claim (dates, times of day, phone and version numbers, list numbering)
is replaced by a stop character, so that no expression runs through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ANNOTATION", "BLANK", "MASK", "Token", "last_number", "prepare", "tokenize"]

Span = tuple[int, int]

ANNOTATION = re.compile(r"<<([^<>=]*)=([^<>=]*)>>")
BLANK = "\x01"  # stands in for an annotation's characters: invisible to the scan, offsets kept
MASK = "\x02"   # stands in for a masked non-claim (a date, a phone number): stops any expression

_MASKS = [re.compile(p, re.MULTILINE | re.IGNORECASE) for p in (
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",                                    # 2023-01-05
    r"\b\d{1,2}/\d{1,2}/\d{4}\b(?!\s*[=≈])",                         # 01/05/2023
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?",              # 10:30, 7:57 pm
    r"\b\d{1,2}\s?[ap]\.?m\b\.?",                                    # 10am
    r"\(\d{3}\)\s?\d{3}-\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b",  # phone numbers
    r"\bv?\d+\.\d+\.\d+(?:[.-]\w+)*\b|\bv\d+(?:\.\d+)*\b",           # v1.2.3, 1.2.3
    r"^[ \t]*(?:[-*+][ \t]+)?\d+[.)](?=\s)",                         # "1. ", "2) "
    r"#\d+\b",                                                       # #3
)]
_MARKDOWN = re.compile(r"(?<![\w)*])\*\*(?=\S)|(?<=\S)\*\*(?![\w(*-])")  # **bold**: invisible, like an annotation

_TOKEN = re.compile(r"""
    (?P<blank>\x01+)
  | (?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)
  | (?P<op>\*\*|\\times|\\cdot|\\div|[-+*/×·÷^−–()])
  | (?P<eq>~=|=|≈|≅|≃)
  | (?P<pct>%)
  | (?P<cur>[$€£¥])
  | (?P<word>[A-Za-z][A-Za-z']*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    space: bool  # whitespace before it
    newline: bool = False  # a line break before it: no expression continues across one




def prepare(text: str) -> tuple[str, list[tuple[re.Match[str], str, str]]]:
    """The text with annotations blanked and non-claims masked (same length), and the annotations found."""
    annotations = []
    chars = list(text)
    for m in ANNOTATION.finditer(text):
        annotations.append((m, m.group(1), m.group(2)))
        chars[m.start():m.end()] = BLANK * (m.end() - m.start())
    work = "".join(chars)
    for pattern in _MASKS:
        work = pattern.sub(lambda m: MASK * len(m.group()), work)
    work = _MARKDOWN.sub(lambda m: BLANK * len(m.group()), work)
    return work, annotations


def tokenize(work: str) -> list[Token]:
    """The tokens of a prepared text; a number glued to a letter or a mask becomes ``poison``."""
    tokens: list[Token] = []
    space = newline = False
    for m in _TOKEN.finditer(work):
        kind = m.lastgroup or "other"
        if kind == "blank":
            continue
        if kind == "space":
            space = True
            newline = newline or "\n" in m.group()
            continue
        start = m.start()
        glued_before = start > 0 and (work[start - 1].isalnum() or work[start - 1] in "_.")
        if kind == "num" and glued_before:
            kind = "poison"  # v1, A4, x2
        elif kind == "op" and m.group() == "(" and start > 0 and work[start - 1].isalpha():
            kind = "poison"  # f(3)
        elif kind == "other" and m.group() == MASK:
            kind = "poison"
        tokens.append(Token(kind, m.group(), start, m.end(), space, newline))
        space = newline = False
    tokens.append(Token("end", "", len(work), len(work), space, True))
    return tokens


def last_number(text: str) -> tuple[str, str, Span] | None:
    """The last number in the text outside annotations and masked spans: (as written, in the grammar, digit span)."""
    work, _ = prepare(text)
    tokens = tokenize(work)
    for n in range(len(tokens) - 2, -1, -1):
        tok = tokens[n]
        if tok.kind == "num":
            value = tok.text.replace(",", "")
            signed = n > 0 and tokens[n - 1].kind == "op" and tokens[n - 1].text in "-−" and not tok.space
            if signed and (n < 2 or tokens[n - 2].kind != "num" and tokens[n - 2].text != ")"):
                return "-" + tok.text, "-" + value, (tokens[n - 1].start, tok.end)
            return tok.text, value, (tok.start, tok.end)
    return None

