"""Retractions: where a request takes back what it just asked ("what is 3 + 4? Not really, I meant 3 * 4").

    >>> Retraction().find("what's 2+2, no wait, 2+3").replacement
    '2+3'
    >>> Retraction().find("what is 2+2? sorry for the bother") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Retraction", "RetractionMatch"]

# Markers that take back what came before on their own: "not really", "scratch that", "I meant".
_STRONG = (
    r"not really|no wait|wait no|scratch that|strike that|forget that|ignore that|correction\s*:"
    r"|i meant(?: to (?:say|ask|write|type))?|i mean|make that|let me rephrase|that should be|should have been"
)
# Words that take back only together with a strong marker or right before a new number or expression
# ("what's 2+2, sorry, 2+3"); alone they are politeness ("sorry for the bother").
_WEAK = r"sorry|oops|whoops|wait|no|nope|actually|um+|uh+|er+|hmm+|ah|my bad|typo"
_PUNCT = r"[\s,;:.!?…—–-]*"
_MARKER = re.compile(rf"\b(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))(?!\w){_PUNCT}", re.IGNORECASE)
# Before a marker: the start, punctuation, or a dash set off by spaces.
_BOUNDARY = re.compile(r"(?:^|[?.!,;:…—–(]|\s-+)\s*$")
# A strong marker distinctive enough to need no punctuation before it ("what is 3+4 I meant 3*4").
_FREESTANDING = re.compile(r"i meant|actually i meant|scratch that|strike that|correction", re.IGNORECASE)
# What a replacement with no strong marker must start with: a number or an expression.
_EXPRESSION_START = re.compile(r"[-−+(\d.$£€`\"']|[a-z]\s*[-+*/^]", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class RetractionMatch:
    """One retraction in a request.

    Attributes:
        start: where the marker run begins; ``request[:start]`` holds the retracted words (and anything asked
            before them).
        end: where the replacement begins.
        replacement: the words that replace the retracted ones, stripped; ``""`` when the request only takes back.
    """

    start: int
    end: int
    replacement: str


class Retraction:
    """The retraction vocabulary and where it occurs in a request.

    A run of markers ("no wait,", "sorry, I meant", "correction:") counts when it stands at a clause
    boundary and holds a strong marker, or is made of weak markers followed at once by a number or an
    expression. Markers inside quotes are the quoted text's, never the request's.
    """

    def find(self, text: str, *, quoted: list[tuple[int, int]] | None = None) -> RetractionMatch | None:
        """The first retraction in ``text`` (outside the ``quoted`` spans), or ``None``."""
        spans = quoted or []
        position = 0
        while (found := _MARKER.search(text, position)) is not None:
            position = found.start() + 1
            if any(a <= found.start() < b for a, b in spans):
                continue
            if not (_BOUNDARY.search(text[: found.start()]) or _FREESTANDING.match(found.group())):
                continue
            end, strong = self._run(text, found)
            replacement = text[end:].strip()
            if strong or _EXPRESSION_START.match(replacement):
                return RetractionMatch(start=found.start(), end=end, replacement=replacement)
        return None

    @staticmethod
    def _run(text: str, first: re.Match[str]) -> tuple[int, bool]:
        """Where a run of markers starting at ``first`` ends, and whether it holds a strong one."""
        end, strong = first.end(), bool(first.group("strong"))
        while (more := _MARKER.match(text, end)) is not None:
            end, strong = more.end(), strong or bool(more.group("strong"))
        return end, strong
