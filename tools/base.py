"""The tool-family protocol and the value objects that cross it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "REFERENCE",
    "Candidate",
    "Claim",
    "Context",
    "DescribedFamily",
    "ToolFamily",
    "ToolResult",
    "Verdict",
    "describe",
    "examples",
    "find_claims",
    "formal_request",
    "kind_of",
    "read_formal_request",
    "read_request",
    "request_fields",
    "request_form",
    "schemas",
    "translatable",
    "with_databases",
]

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
        interpretation: the formal request the family read, in canonical notation a person checks at a
            glance (``10 − 2 × 3``, ``5!! (double factorial)``, ``1 US gallon → L``), naming any convention
            it applied; empty only for a partial candidate.
    """

    tool: str
    operation: str
    spec: Any
    confidence: float
    span: tuple[int, int]
    complete: bool
    reason: str
    interpretation: str = ""


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
    """The outcome of one check: of a tool's own result, or of a claim in model text.

    For a claim, ``judged=False`` means it could not be judged (``detail`` says why; a report
    notes it, never as a failure); ``computed``, ``tolerance`` (the rule, in words) and
    ``replacement`` (the computed value written like the stated one, for a repair) describe the verdict.
    """

    ok: bool
    check: str
    detail: str = ""
    judged: bool = True
    computed: str | None = None
    tolerance: str = ""
    replacement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "check": self.check, "detail": self.detail}


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A checkable statement found in text, e.g. ``48/2 = 24`` at characters 10..17.

    Attributes:
        kind: what is claimed, in the judging family's words (``"arithmetic"``, ``"units"``).
        approx: the words allow a tolerance ("about", "≈", "roughly"); see `agentkit.tools.tolerance`.
        stated_spans: where the stated value sits in the text, for a repair.
        reading: the finding family's own reading of the claim, opaque to others (like `Candidate.spec`).
    """

    kind: str
    text: str
    span: tuple[int, int]
    stated: str
    expression: str = ""
    approx: bool = False
    stated_spans: tuple[tuple[int, int], ...] = ()
    reading: Any = None


@runtime_checkable
class ToolFamily(Protocol):
    """A family of verified symbolic tools (math, units, SQL, regex).

    ``recognize`` must be pure, deterministic and fast, and must never evaluate
    the text as code. ``execute`` computes within size and time limits.
    ``verify`` re-checks a result by an independent route. ``check`` judges a
    claim found in model output. What else a family may tell (a description, the
    formal line a model should write, examples, ...) is optional: see `DescribedFamily`.
    """

    name: str

    def recognize(self, text: str, context: Context) -> Candidate | None: ...

    def execute(self, candidate: Candidate) -> ToolResult: ...

    def verify(self, result: ToolResult) -> Verdict: ...

    def check(self, claim: Claim) -> Verdict: ...


class DescribedFamily(ToolFamily, Protocol):
    """The optional members through which a family tells the rest of agentkit what it knows.

    None is required: a `ToolFamily` without them still recognizes, executes and is
    checked; it is only not offered where a member is needed (a model translating a
    step needs ``request_form`` and ``read_request``). Read them with the functions
    below (`describe`, `request_form`, ...), which give the default when one is absent.
    Code outside a family's own package never names a family; it asks these members.

    Attributes:
        description: what the family computes, for a model choosing a tool (a LangChain
            tool's description).
        request_form: the one formal line a model should write, with the family's name
            first, e.g. ``"units: <number> <unit> to <unit>"`` or ``"sql on <database>: <one SELECT query>"``.
        examples: question in words -> formal line, few-shot examples for translation.
        request_fields: extra fields of a structured (tool-calling) translation, name -> what
            goes there, e.g. ``{"database": "the database to query"}``; handed to
            ``read_request`` in ``detail``.
    """

    description: str
    request_form: str
    examples: Sequence[tuple[str, str]]
    request_fields: Mapping[str, str]

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's formal spec (what follows ``<family>[ on <db>]:``) as a request that
        ``recognize`` reads whole; ``None`` when it does not fit the form.

        ``detail`` holds ``database`` when the line said ``on <db>``, and the
        ``request_fields`` of a structured answer (``""`` for a field the model left out).
        Strict: never evaluates the spec, never guesses.
        """
        ...

    def find_claims(self, text: str) -> list[Claim]:
        """The claims of this family in free text, to be judged by its ``check``."""
        ...

    def with_databases(self, databases: Mapping[str, Path]) -> ToolFamily:
        """A copy of this family bound to ``databases`` (name -> file)."""
        ...

    def schemas(self) -> Mapping[str, str]:
        """What a model must know to write a request, e.g. ``{"shop": "orders(id, total)"}``."""
        ...

    def kind_of(self, text: str) -> str | None:
        """What kind of value ``text`` is when the family reads it as one value ("10 miles" -> ``"length"``),
        else ``None``; a follow-up ("and 3 feet?") replaces the argument of the same kind (`kind_of` below)."""
        ...

    def formal_request(self, candidate: Candidate) -> str | None:
        """The request ``execute`` would carry out for ``candidate``, as text ``read_formal_request`` reads
        back, for a certificate a later process re-executes; ``None`` when it cannot be written down.
        Without this member the candidate's spec is written as JSON (`formal_request` below)."""
        ...

    def read_formal_request(self, operation: str, request: str) -> Candidate | None:
        """The candidate ``formal_request`` wrote, read back for ``execute``; ``None`` when it does not read."""
        ...


def describe(family: ToolFamily) -> str:
    """The family's ``description``, or a plain sentence naming it."""
    return getattr(family, "description", None) or f"agentkit's verified {family.name} tool"


def request_form(family: ToolFamily) -> str | None:
    """The family's ``request_form``, or ``None`` when it has none."""
    return getattr(family, "request_form", None) or None


def examples(family: ToolFamily) -> tuple[tuple[str, str], ...]:
    """The family's few-shot ``examples`` (question, formal line); none when absent."""
    return tuple(getattr(family, "examples", None) or ())


def request_fields(family: ToolFamily) -> Mapping[str, str]:
    """The family's extra structured fields (name -> description); none when absent."""
    return dict(getattr(family, "request_fields", None) or {})


def read_request(family: ToolFamily, spec: str, *, detail: Mapping[str, str] | None = None) -> str | None:
    """The family's reading of a model's formal ``spec``; ``None`` when it has no ``read_request``."""
    reader = getattr(family, "read_request", None)
    return None if reader is None else reader(spec, detail=dict(detail or {}))


def find_claims(family: ToolFamily, text: str) -> list[Claim]:
    """The family's claims in ``text``; none when it has no ``find_claims``."""
    finder = getattr(family, "find_claims", None)
    return [] if finder is None else list(finder(text))


def kind_of(family: ToolFamily, text: str) -> str | None:
    """What kind of value ``text`` is to the family when it reads it as one value ("10 miles" -> ``"length"``),
    for a follow-up that swaps one argument for another of the same kind; ``None`` when it has no ``kind_of``."""
    reader = getattr(family, "kind_of", None)
    return None if reader is None else reader(text)


def with_databases(family: ToolFamily, databases: Mapping[str, Path]) -> ToolFamily:
    """The family bound to ``databases`` when it takes them, else the family itself."""
    bind = getattr(family, "with_databases", None)
    return family if bind is None else bind(databases)


def schemas(family: ToolFamily) -> Mapping[str, str] | None:
    """The family's ``schemas()``, or ``None`` when it has no such member (an empty mapping means it has
    nothing to describe yet, e.g. no database attached)."""
    get = getattr(family, "schemas", None)
    return None if get is None else dict(get())


def translatable(family: ToolFamily) -> bool:
    """Whether a model may be asked to translate a step for ``family``.

    It needs a ``request_form`` and a ``read_request``; a family with ``schemas`` needs at
    least one (a request names what the schemas describe, e.g. a database).
    """
    if request_form(family) is None or getattr(family, "read_request", None) is None:
        return False
    described = schemas(family)
    return described is None or bool(described)


def formal_request(family: ToolFamily, candidate: Candidate) -> str | None:
    """The formal request ``family`` executes for ``candidate``, as text a later process reads back
    (`read_formal_request`): the family's own ``formal_request``, else its spec as JSON (``None`` when
    the spec holds a value JSON cannot write, such as a sympy object)."""
    writer = getattr(family, "formal_request", None)
    if writer is not None:
        return writer(candidate)
    try:
        return json.dumps(candidate.spec, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None


def read_formal_request(family: ToolFamily, operation: str, request: str) -> Candidate | None:
    """The candidate a formal request (`formal_request`) describes, ready for ``family.execute``; ``None``
    when ``request`` does not read. The family's own ``read_formal_request``, else the JSON spec read back.
    The text is data to the family's own readers, never code."""
    reader = getattr(family, "read_formal_request", None)
    if reader is not None:
        return reader(operation, request)
    try:
        spec = json.loads(request)
    except ValueError:
        return None
    if isinstance(spec, dict) and spec.get("operation", operation) != operation:
        return None  # the spec says another operation than the certificate: neither is believed
    return Candidate(tool=family.name, operation=operation, spec=spec, confidence=1.0, span=(0, 0),
                     complete=True, reason="read back from a certificate's formal request")
