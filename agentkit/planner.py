"""The planner: split a request into steps, mark steps that use an earlier result, and say when to ask a model to split.

    >>> [s.text for s in plan("Let f = 3 - 1. Let w = f*2. Is w prime?")]
    ['Let f = 3 - 1.', 'Let w = f*2.', 'Is w prime?']
    >>> [(s.text, s.uses_previous) for s in plan("What is 2**10, then divide that by 4")]
    [('What is 2**10', False), ('divide that by 4', True)]

A mixed request holds independent questions, some a tool reads and some it does not (`parts`):

    >>> parts("What is 17 times 23, and who wrote Hamlet?", reads=lambda t: "17" in t)
    ['What is 17 times 23', 'who wrote Hamlet?']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from agentkit.retraction import Retraction
from agentkit.tools.base import REFERENCE

__all__ = ["MAX_STEPS", "PlannedStep", "RETRACTED", "UNCLEAR_RETRACTION", "looks_compound", "parts", "plan",
           "steps_from"]

RETRACTED = "the request takes back what it asked and asks nothing in its place"
UNCLEAR_RETRACTION = "the request corrects itself, and which part the correction replaces is unclear"
_RETRACTION = Retraction()
_HAS_VALUE = re.compile(r"\d|`|\"")

MAX_STEPS = 32

# A sentence ends at . ? ! followed by space and a capital letter ("5! + 3" is one sentence, and
# so is "Which is biggest?  (a) 2  (b) 3"; so is "760 torr = ? Pa").
_SENTENCE_END = re.compile(r"(?<=[.?!])(?<!=\?)(?<!= \?)\s+(?=[A-Z])")
_QUESTION_WORDS = (
    r"what|what's|whats|how|is|are|does|do|which|calculate|compute|find|give|determine|evaluate|work out"
    r"|solve|simplify|expand|factor|convert|round|sort|list|differentiate|integrate"
)
# "X, and what is Y", "X; Y", "X, then Y", "X and then Y"
_FOLLOW_UP_VERBS = r"divide|multiply|add|subtract|square|cube|double|halve|triple|negate|take|raise|round|convert"
_COMPOUND = re.compile(
    rf"\s*(?:;|,\s*and\s+then|\band\s+then|,\s*then|,\s*and(?=\s+(?:{_QUESTION_WORDS})\b)"
    rf"|,?\s+and(?=\s+(?:{_FOLLOW_UP_VERBS})\b[^,;]*\b(?:it|that|the result)\b)"
    rf"|\s+then(?=\s+(?:{_FOLLOW_UP_VERBS})\b)"
    rf"|(?:(?<=\bit)|(?<=\bthat))\s+and(?=\s+(?:{_FOLLOW_UP_VERBS})\b))\s+",
    re.IGNORECASE,
)
_LEADING_VERB = re.compile(rf"^(?:{_FOLLOW_UP_VERBS})\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class PlannedStep:
    """One step of a plan.

    Attributes:
        text: the words of this step, as the user wrote them.
        uses_previous: the step refers to the previous step's result ("divide that by 4").
        declined: why the step must not be answered by a tool (a retraction whose target is unclear);
            ``None`` for an ordinary step.
    """

    text: str
    uses_previous: bool = False
    declined: str | None = None


# Quoted material is never split: ```code```, `pattern`, "text", /regex/flags, a [bracketed] class or list
# ("split 'a;b' on [,; ]"), a Python re call written out (re.split(r'\s*;\s*', 'a; b')), and a SQL statement
# after ":" or "?" up to the end ("is this valid Postgres? SELECT 1; DROP TABLE t" is one step).
_QUOTED = re.compile(
    r"```.*?```|`[^`]*`|\"[^\"]*\"|(?<![\w)])/(?:[^/\s\\]|\\.)(?:[^/\\]|\\.)*/[a-z]*|\[[^\[\]\n]*\]"
    r"|\bre\.(?:findall|sub|split|search|match|fullmatch)\(.*\)"
    r"|(?<=[:?])\s*(?i:select|with|insert|update|delete|drop|create|alter|attach|detach|pragma|replace|vacuum)\b.*",
    re.DOTALL,
)


def _split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split at ``separator`` outside quoted spans."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    parts, start = [], 0
    for m in separator.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in quoted):
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _sentences(request: str) -> list[str]:
    return _split(request.strip(), _SENTENCE_END)


def _clauses(sentence: str) -> list[str]:
    return _split(sentence, _COMPOUND) or [sentence]


def plan(request: str) -> list[PlannedStep]:
    """Split ``request`` into steps, deterministically.

    Sentences become steps; within a sentence, "; ", ", then", "and then" and
    ", and <question word>" separate steps. A step that names an earlier result
    ("that", "it", "the result") or starts with a bare verb ("divide by 4") is
    marked ``uses_previous``. Past `MAX_STEPS`, the rest stays in the last step.

    A retraction ("what is 3 + 4? Not really, I meant 3 * 4", "2+2, no wait, 2+3") drops the step it takes
    back and keeps the correction; when the request only takes back, or it is unclear which step the
    correction replaces, the request is one declined step.
    """
    try:
        pieces = _pieces(request)
    except _Unclear as exc:
        return [PlannedStep(text=request.strip(), declined=str(exc))]
    if len(pieces) > MAX_STEPS:
        pieces = pieces[: MAX_STEPS - 1] + [" ".join(pieces[MAX_STEPS - 1 :])]
    steps = []
    for i, piece in enumerate(pieces):
        text = piece.strip()
        uses_previous = i > 0 and bool(REFERENCE.search(text) or _LEADING_VERB.match(text))
        steps.append(PlannedStep(text=text, uses_previous=uses_previous))
    return steps


class _Unclear(ValueError):
    """A retraction the planner cannot resolve; its message is the reason."""


def _pieces(request: str) -> list[str]:
    """The step texts of ``request`` with retracted steps dropped (`Retraction`)."""
    quoted = [m.span() for m in _QUOTED.finditer(request)]
    found = _RETRACTION.find(request, quoted=quoted)
    if found is None:
        return [piece for sentence in _sentences(request) for piece in _clauses(sentence)]
    before = request[: found.start]
    if not found.replacement:
        raise _Unclear(RETRACTED)
    after = _pieces(request[found.end :])
    sentences = _sentences(before)
    if not sentences:  # "I meant 3 * 4" at the start: it corrects an earlier turn; nothing here to drop
        return after
    retracted = _clauses(sentences[-1])
    if len(retracted) > 1 or (_HAS_VALUE.search(retracted[0]) and not _HAS_VALUE.search(found.replacement)):
        raise _Unclear(UNCLEAR_RETRACTION)  # several clauses, or "5 km to miles, sorry I meant feet"
    kept = [piece for sentence in sentences[:-1] for piece in _clauses(sentence)]
    return kept + after


_JOINED = re.compile(r"\b(?:and|then|also|after that)\b|[;,]", re.IGNORECASE)


def looks_compound(text: str) -> bool:
    """Whether one step looks like several: joined clauses with numbers, worth asking a model to split.

        >>> looks_compound("Multiply 6 by 7 and check whether the product is prime")
        True
        >>> looks_compound("What is the capital of France?")
        False
    """
    return bool(_JOINED.search(text)) and any(ch.isdigit() for ch in text)


def steps_from(texts: list[str]) -> list[PlannedStep]:
    """Steps from texts a model wrote as a plan; a later step that names an earlier result uses it.

        >>> [(s.text, s.uses_previous) for s in steps_from(["What is 6 * 7?", "Is it prime?"])]
        [('What is 6 * 7?', False), ('Is it prime?', True)]
    """
    return [PlannedStep(text=t, uses_previous=i > 0 and bool(REFERENCE.search(t))) for i, t in enumerate(texts)]


# Mixed requests. A part starts with a question word after "? ", "; ", ", " or " and " (", and also", "? Also,"):
# each side must be a whole question of its own ("What is 17 times 23, and who wrote Hamlet?"). Not after ". ": a
# statement ("Let a(k) = 2*k.", "Two letters picked from aab.") is what the next question is about.
_ASKS = (r"who|whom|whose|what|what's|whats|when|where|why|which|how|is|are|was|were|do|does|did|can|could"
         r"|will|would|should|name|tell me")
_ALSO = r"(?:(?:and\s+)?also,?\s+|and\s+|plus,?\s+)"
_PART_CUT = re.compile(rf"(?:(?:(?<=\?)\s+|\s*;\s*|\s*,\s*){_ALSO}?|\s+{_ALSO})(?=(?:{_ASKS})\b)", re.IGNORECASE)
_ASKING = re.compile(rf"^(?:{_ASKS})\b", re.IGNORECASE)
# a part a tool reads asks or tells it to compute ("what is ...", "convert ...", "17 times 23"); "Let f = ...",
# "Suppose ..." define what another part asks about
_REQUESTING = re.compile(rf"^(?:(?:{_ASKS}|{_QUESTION_WORDS}|please)\b|[-+(.√]?\d)", re.IGNORECASE)
# words by which a question leans on another one ("the product", "which is larger", "them") or sets how another
# is read ("in degrees", "rounded", "in base 2"): a question with one of them is not a part of its own
_LEANS = re.compile(
    r"\b(?:it|its|this|that|these|those|they|them|their|both|each|either|neither|one|ones|other|others|same"
    r"|former|latter|above|previous|first|second|last|result|results|answer|answers|total|sum|product|difference"
    r"|quotient|remainder|ratio|average|mean|value|values|number|numbers|\w+er\s+than|larger|smaller|bigger"
    r"|greater|higher|lower|more|less|fewer|better|worse|degrees?|radians?|base|binary|hex|hexadecimal|octal"
    r"|decimals?|places|digits?|round|rounded|rounding|significant|exact|exactly|approximate|approximately"
    r"|fractions?|percent|percentage|mod|modulo|units?|metric|imperial|fahrenheit|celsius|kelvin|assume|assuming"
    r"|instead|rather|format|express|notation|scientific|precision|convention|calculate|compute|solve|convert)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![\w'])(?!I\b)[A-Za-z](?![\w'])")  # a one-letter name ("x", "a"), not "I"
_CALL = re.compile(r"\b[A-Za-z]\w*\s*\(")  # "a(-15)": a function a question may define elsewhere


def parts(request: str, *, reads: Callable[[str], bool | None]) -> list[str]:
    """The independent questions of a mixed request, or ``[]`` when it is not certainly one.

    ``reads(text)`` says whether a tool reads ``text`` whole (``True``), no tool understood any of it
    (``False``, an open question), or a tool understood part of it (``None``). A request is cut into parts
    only where the cut is certain: at "? ", "; ", ", ", ", and" or " and " before a question word, where
    every part is a whole request a tool reads ("what is ...", "convert ...", "17 times 23"; not a statement
    such as "Let f = ..." that another part asks about) or an open question, at least one of each; an open
    question has no word that leans on another part or sets how it is read ("the product", "which is
    larger", "in degrees") and names nothing ("x", "a(3)"), a later part names no earlier result ("it",
    "that"), and the request takes nothing back. Anything less stays one request, planned as before.

        >>> parts("What is 12 / 4, and what is the remainder?", reads=lambda t: "12" in t)
        []
        >>> parts("What is 2 + 3 and is it prime?", reads=lambda t: "2" in t)
        []
    """
    quoted = [m.span() for m in _QUOTED.finditer(request)]
    if _RETRACTION.find(request, quoted=quoted) is not None:
        return []
    texts = [t.strip() for t in _split(request.strip(), _PART_CUT)]
    if len(texts) < 2 or len(texts) > MAX_STEPS:
        return []
    read = [reads(t) for t in texts]
    if None in read or True not in read or False not in read or reads(request.strip()):
        return []  # a request a tool reads whole is one request ("run SELECT id, name FROM t": "name" asks nothing)
    for i, (text, by_tool) in enumerate(zip(texts, read)):
        if by_tool and (not _REQUESTING.match(text) or text.endswith(".") or len(plan(text)) != 1
                        or (i and REFERENCE.search(text))):
            return []  # a tool's part is one request, and names no earlier result
        if not by_tool and (not _ASKING.match(text) or _LEANS.search(text) or _CALL.search(text)
                            or _NAME.search(text)):
            return []
        others = {n for j, other in enumerate(texts) if j != i for n in _NAME.findall(other)}
        if by_tool and others & set(_NAME.findall(text)):
            return []  # "what is x + 1" beside a question that may say what x is
    return texts
