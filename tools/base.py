"""The tool-family protocol and the value objects that cross it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol, runtime_checkable

__all__ = ["REFERENCE", "Candidate", "Claim", "Context", "ToolFamily", "ToolResult", "Verdict"]

# Words by which a step names the previous step's result: "divide that by 4", "is it prime?".
# "that" counts only as an object ("of that", "square that"), never in "such that" or "given that".
REFERENCE = re.compile(
    r"\b(?:it|the result|the answer|this result)\b"
    r"|(?<!such )(?<!given )(?<!so )(?<!assuming )(?<!provided )(?<!note )\bthat\b(?!\s+(?:[A-Za-z]\(|-?\d|[A-Za-z]\s*[-+*/=<>]))",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class Context:
    """What earlier steps of the conversation left for this one.

    Attributes:
        bindings: names bound by definitions, as text: ``{"f": "2", "h(q)": "q**2 - 3"}``.
            Text, not tool objects, so that a checkpointer can store it and any
            family can re-read it with its own parser.
        previous: the previous step's result, for "that", "it", "the result" (see `REFERENCE`); set
            only for a step the planner marked as using it.
        today: the date the agent's clock gives for "today", "next Friday", "in 3 weeks"; ``None``
            means the system clock's date (a family reading relative dates says which date it took).
    """

    bindings: Mapping[str, str] = field(default_factory=dict)
    previous: str | None = None
    today: date | None = None


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A recognizer's reading of a step: what it would compute and how sure it is.

    Attributes:
        tool: the family's name, e.g. ``"math"``.
        operation: what would be done, e.g. ``"solve"``.
        spec: the formal specification the family parsed; opaque to the selector.
        confidence: 0..1; 1.0 means every word of the step was accounted for.
        span: the (start, end) characters of the step that the parse accounts for.
        complete: the parse accounts for the whole step, no content word left over.
        reason: why, in words a person reviewing a trace can follow.
    """

    tool: str
    operation: str
    spec: Any
    confidence: float
    span: tuple[int, int]
    complete: bool
    reason: str


@dataclass(frozen=True, kw_only=True)
class ToolResult:
    """The outcome of executing a candidate.

    Attributes:
        text: the result as a person reads it, the value alone where there is one.
        value: the family's own value (a sympy object, rows, a match), for ``verify``.
        bindings: names this step defines for later steps (text, see `Context`).
        error: set when the tool refused or failed; ``text`` then explains it.
    """

    tool: str
    operation: str
    spec: Any
    text: str
    value: Any = None
    bindings: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """The outcome of one check: of a tool's own result, or of a claim in model text."""

    ok: bool
    check: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "check": self.check, "detail": self.detail}


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A checkable statement found in text, e.g. ``48/2 = 24`` at characters 10..17."""

    kind: Literal["arithmetic", "units", "sql", "regex", "answer"]
    text: str
    span: tuple[int, int]
    stated: str
    expression: str = ""


@runtime_checkable
class ToolFamily(Protocol):
    """A family of verified symbolic tools (math, units, SQL, regex).

    ``recognize`` must be pure, deterministic and fast, and must never evaluate
    the text as code. ``execute`` computes within size and time limits.
    ``verify`` re-checks a result by an independent route. ``check`` judges a
    claim found in model output.
    """

    name: str

    def recognize(self, text: str, context: Context) -> Candidate | None: ...

    def execute(self, candidate: Candidate) -> ToolResult: ...

    def verify(self, result: ToolResult) -> Verdict: ...

    def check(self, claim: Claim) -> Verdict: ...
