"""Regex questions: a small pattern from a grammar of our own, a subject string, the truth by stdlib `re`.

The question says which test it asks: "anywhere in" (``re.search``) or "the whole string" (``re.fullmatch``).
A bare "does P match S" is rendered only when both tests agree on S, so it has one reading either way.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from tests.harness.words import dress

__all__ = ["Question", "generate", "render"]

_ALPHABET = "abcxyz019 "
_CLASSES = {r"\d": "0123456789", r"\w": "abcxyz019_", "[a-c]": "abc", "[xyz]": "xyz", "[0-9]": "0123456789",
            "[^a]": "bcxyz019 ", ".": "abcxyz019 "}


@dataclass(frozen=True)
class Question:
    """A pattern, a subject, which test, and the answer ``re`` gives."""

    pattern: str
    subject: str
    whole: bool
    truth: bool
    both_agree: bool


def _atom(rng: random.Random, depth: int) -> tuple[str, list[str]]:
    """A pattern atom and some strings it matches (the sampler for positive subjects)."""
    pick = rng.random()
    if pick < 0.45:
        ch = rng.choice("abcxyz019")
        return ch, [ch]
    if pick < 0.8:
        cls = rng.choice(list(_CLASSES))
        return cls, list(_CLASSES[cls])
    if depth > 0:
        left, ls = _seq(rng, depth - 1, 1, 2)
        right, rs = _seq(rng, depth - 1, 1, 2)
        return f"({left}|{right})", ls + rs
    return "a", ["a"]


def _quantified(rng: random.Random, depth: int) -> tuple[str, list[str]]:
    atom, samples = _atom(rng, depth)
    pick = rng.random()
    if pick < 0.5:
        return atom, samples
    quantifier, counts = rng.choice([("*", (0, 1, 2, 3)), ("+", (1, 2, 3)), ("?", (0, 1)), ("{2}", (2,)),
                                     ("{1,3}", (1, 2, 3)), ("{2,}", (2, 3))])
    made = ["".join(rng.choice(samples) for _ in range(rng.choice(counts))) for _ in range(3)]
    return atom + quantifier, made


def _seq(rng: random.Random, depth: int, low: int, high: int) -> tuple[str, list[str]]:
    parts = [_quantified(rng, depth) for _ in range(rng.randint(low, high))]
    pattern = "".join(p for p, _ in parts)
    samples = ["".join(rng.choice(s) for _, s in parts) for _ in range(3)]
    return pattern, samples


def generate(rng: random.Random) -> Question:
    """A random question whose truth `re` decides."""
    pattern, samples = _seq(rng, 1, 1, 4)
    if rng.random() < 0.2:
        pattern = "^" + pattern
    if rng.random() < 0.2:
        pattern = pattern + "$"
    pick = rng.random()
    if pick < 0.45:
        subject = rng.choice(samples)
        if rng.random() < 0.4:
            subject = "".join(rng.choice("abxz0 ") for _ in range(rng.randint(0, 2))) + subject
    elif pick < 0.9:
        subject = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 7)))
    else:
        subject = ""
    subject = subject.strip(" ") if rng.random() < 0.8 else subject
    whole = rng.random() < 0.5
    searched = re.search(pattern, subject) is not None
    full = re.fullmatch(pattern, subject) is not None
    return Question(pattern, subject, whole, full if whole else searched, searched == full)


def _pattern_text(pattern: str, rng: random.Random, *, last: bool) -> str:
    # Bare only mid-sentence: a trailing "?" would join the last pattern.
    options = [f"`{pattern}`", f"/{pattern}/", f"`{pattern}`"]
    if not last and " " not in pattern and "?" not in pattern:
        options.append(pattern)
    return rng.choice(options)


def _subject_text(subject: str, rng: random.Random) -> str:
    if subject == "":
        return rng.choice(["''", '""', "the empty string", "an empty string"])
    return rng.choice([f"'{subject}'", f'"{subject}"'])  # quotes for text, backticks and slashes for patterns


_SEARCH = ("does the regex {p} match anywhere in {s}", "does {p} find a match in {s}",
           "is there a match for {p} in {s}", "does {s} contain a match for the regex {p}",
           "does the pattern {p} match somewhere in {s}", "would {p} find anything in {s}",
           "does the string {s} contain {p}", "can {p} be found in {s}", "search {s} for {p}: any match")
_WHOLE = ("does the regex {p} match the whole string {s}", "does {p} fully match {s}",
          "does {s} match {p} entirely", "does the pattern {p} match all of {s}",
          "is {s} a full match for {p}", "does {p} match {s} exactly (the whole string)")
_EITHER = ("does {p} match {s}", "does the regex {p} match {s}", "does {s} match the pattern {p}",
           "will {p} match {s}", "is {s} matched by {p}", "regex {p} vs {s}: does it match",
           "does the string {s} match the regex {p}", "test {p} against {s}: match or not")


def render(question: Question, rng: random.Random) -> str:
    """One random English phrasing of the question."""
    frames = _WHOLE if question.whole else _SEARCH
    if question.both_agree and rng.random() < 0.5:
        frames = _EITHER
    frame = rng.choice(frames)
    pattern = _pattern_text(question.pattern, rng, last=frame.endswith("{p}"))
    subject = _subject_text(question.subject, rng)
    if not subject.startswith(("'", '"')):
        frame = frame.replace("the string {s}", "{s}")  # "the empty string", not "the string the empty string"
    text = frame.format(p=pattern, s=subject)
    return dress(text, rng, frames=("{}",), caps=False)


def formal(question: Question) -> str:
    """The canonical formal line, for reports."""
    test = "fullmatch" if question.whole else "search"
    return f"re.{test}({question.pattern!r}, {question.subject!r})"
