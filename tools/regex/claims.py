"""Regex matches claimed in free text ("`^\\d+$` matches 123", "/a+/ does not match `bbb`"), and their judging.

    >>> from agentkit.tools.regex import RegexFamily
    >>> family = RegexFamily()
    >>> [(c.text, family.check(c).ok) for c in family.find_claims("`^\\\\d+$` matches 12a")]
    [('`^\\\\d+$` matches 12a', False)]

A claim is re-run as the question "does PATTERN match `TEXT`" by the family itself. "Matches" holds
for a full or a search match; "does not match" only when the pattern matches nowhere in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentkit.tools.base import Claim, Context, Verdict

if TYPE_CHECKING:
    from agentkit.tools.regex import RegexFamily

__all__ = ["KIND", "Found", "find_claims", "judge"]

KIND = "regex"

_REGEX_CLAIM = re.compile(
    r"(?P<pattern>`[^`\n]+`|(?<![\w/])/(?:[^/\\\n]|\\.)+/[a-z]*)\s+"
    r"(?P<verb>does\s+not\s+(?:fully\s+)?match|doesn't\s+(?:fully\s+)?match|doesn’t\s+(?:fully\s+)?match|"
    r"won't\s+match|will\s+not\s+match|fails\s+to\s+match|never\s+matches|(?:also\s+)?(?:fully\s+)?matches|"
    r"will\s+match|would\s+match)\s+"
    r"(?P<subject>`[^`\n]*`|\"[^\"\n]*\"|'[^'\n]*'|[^\s`\"',;]+?)(?=[.,;:!?)]*(?:\s|$))"
)
_NEGATIVE = re.compile(r"does|doesn|won|will\s+not|fails|never")


@dataclass(frozen=True, kw_only=True)
class Found:
    """A match claim as read: the pattern as written, the text it is said (not) to match, and which."""

    pattern: str
    subject: str
    negative: bool


def find_claims(text: str) -> list[Claim]:
    """Every "PATTERN matches TEXT" / "PATTERN does not match TEXT" in ``text``, in order of position."""
    found = []
    for m in _REGEX_CLAIM.finditer(text):
        pattern, subject = m.group("pattern"), m.group("subject")
        if subject[0] in "\"'`":
            subject = subject[1:-1]
        if "`" in subject:
            continue
        negative = bool(_NEGATIVE.match(m.group("verb")))
        found.append(Claim(kind=KIND, text=m.group(), span=m.span(), stated="no match" if negative else "match",
                           expression=f"does {pattern} match `{subject}`",
                           reading=Found(pattern=pattern, subject=subject, negative=negative)))
    return found


def judge(family: RegexFamily, claim: Claim) -> Verdict:
    """Re-run a found match claim; a claim the family cannot settle is not judged (``judged=False``)."""
    found: Found = claim.reading
    candidate = family.recognize(claim.expression, Context())
    if candidate is None or not candidate.complete:
        return Verdict(ok=False, judged=False, check="regex.claim",
                       detail=f"regex claim {claim.text!r} was not checked: the question was not understood")
    result = family.execute(candidate)
    verdict = family.verify(result)
    if result.error or not verdict.ok:
        return Verdict(ok=False, judged=False, check="regex.claim",
                       detail=f"regex claim {claim.text!r} was not checked: {result.text}")
    answer = result.text
    partial = answer.startswith("only in part")
    if partial and found.negative:
        return Verdict(ok=False, judged=False, check="regex.claim",
                       detail=f"regex claim {claim.text!r} was not checked: {found.pattern} matches part of the "
                              "text, not all")
    matched = answer.startswith("yes") or partial
    detail = f"{found.pattern} on {found.subject!r}: {answer}" + (" (a search match)" if partial else "")
    return Verdict(ok=matched != found.negative, check="regex.claim", detail=detail,
                   computed="match" if matched else "no match",
                   tolerance="search or full match" if not found.negative else "no match anywhere")
