"""The model translates, a tool executes: a step in words becomes a request that a tool family accepts whole.

    >>> proposal, usage = propose(model, "Pens cost $3 each; Sam buys 4. What does he pay?", registry=registry)
    >>> proposal
    Proposal(family='math', request='What is 4 * 3?', spec='4 * 3')

The model writes only the formal part (an expression, a quantity and a target
unit, a SELECT query, a pattern and an example), in the form each family gives
as its ``request_form``; the family's ``read_request`` checks its shape with
strict patterns and writes the canonical request around it, which the family's
recognizer then reads like any other step. This module names no family: the
prompt, the few-shot examples and the structured-output schema are built from
the registry's families (see `agentkit.tools.base.DescribedFamily`). A model
that does tool calling answers through native structured output
(`with_structured_output`); any other model, the embedded base model included,
answers one line after the families' examples (``<family>[ on <db>]: <spec>``).
Output that does not fit gives ``None``, never an exception; a provider's own
failure (network, timeout) does propagate. A step that names what a family's
schemas describe (a database, a table) is offered to that family alone, and a
translation with numbers the step lacks is refused (`ungrounded_complaint`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, create_model

from agentkit.models._grounding import about_schemas, foreign_words, grounded_family, ungrounded
from agentkit.models._prompts import PLAN_EXAMPLES, PLAN_SYSTEM, TRANSLATE_SYSTEM
from agentkit.tools import base
from agentkit.tools.base import ToolFamily

__all__ = ["Proposal", "propose", "propose_plan", "ungrounded_complaint"]

MAX_SPEC_CHARS = 2_000
MAX_PLAN_STEPS = 8

Usage = dict[str, int]


@dataclass(frozen=True, kw_only=True)
class Proposal:
    """A model's translation of a step.

    Attributes:
        family: the tool family that should execute it.
        request: canonical request text that family's recognizer accepts whole.
        spec: the formal part as the model wrote it, for the trace.
    """

    family: str
    request: str
    spec: str


class Plan(BaseModel):
    """The steps that answer a request, in order; a step may refer to the previous result as 'it'."""

    steps: list[str] = Field(description="each step one short instruction or question, in the request's words")


def propose(
    model: Any,
    text: str,
    *,
    registry: Iterable[ToolFamily],
    context: str | None = None,
    error: str | None = None,
) -> tuple[Proposal | None, Usage]:
    """Ask ``model`` to translate the step ``text`` into a request for one of the ``registry``'s families.

    Args:
        model: any langchain-core chat model.
        text: the step in the user's words.
        registry: the tool families (a `Registry` or any iterable of families). Those that
            `agentkit.tools.base.translatable` accepts are offered, in order: each with its
            request form, examples and schemas (e.g. attached databases).
        context: results of earlier steps, one ``step -> result`` a line.
        error: what the tool said about the previous attempt; the model is asked to correct it.

    Returns:
        The proposal, or ``None`` when the model's output is empty, malformed or names a family
        not offered; and the tokens used, ``{"input": n, "output": n}``.
    """
    families = list(registry)
    offered = {f.name: f for f in families if base.translatable(f)}
    if not offered:
        return None, _usage(None)
    about = {name: names for name, f in offered.items() if (names := about_schemas(text, base.schemas(f) or {}))}
    if about:  # a question about what a family's schemas describe is offered to those families only
        offered = {name: f for name, f in offered.items() if name in about}
    reader = _Reader(offered, known=[f.name for f in families if hasattr(f, "read_request")])
    system = _translate_system(offered.values(), about=[n for names in about.values() for n in names])
    question = _question(text, context, error)
    schema = _translation_schema(offered.values())
    structured = _structured(model, schema)
    if structured is not None:
        raw, parsed = _invoke_structured(structured, [("system", system), ("human", question)])
        if isinstance(parsed, schema):
            return reader.structured(parsed.model_dump()), _usage(raw)
        return reader.line(_reply_text(raw)), _usage(raw)  # the model answered in text
    messages: list[tuple[str, str]] = [("system", system)]
    for family in offered.values():
        for example_question, answer in base.examples(family):
            messages += [("human", example_question), ("ai", answer)]
    reply = model.invoke([*messages, ("human", question)])
    return reader.line(_reply_text(reply)), _usage(reply)


def propose_plan(model: Any, request: str) -> tuple[list[str] | None, Usage]:
    """Ask ``model`` to split ``request`` into steps, to be routed one by one.

    A plan is refused (``None``) when it is empty or malformed, has more than
    `MAX_PLAN_STEPS` steps, or brings in a number or a word that the request does not
    contain (`agentkit.models._grounding.foreign_words`): a planner may cut the request
    and refer to an earlier step, never change the question.

    Returns:
        The steps, or ``None``; and the tokens used, ``{"input": n, "output": n}``.
    """
    structured = _structured(model, Plan)
    if structured is not None:
        raw, parsed = _invoke_structured(structured, [("system", PLAN_SYSTEM), ("human", request)])
        steps = parsed.steps if isinstance(parsed, Plan) else _numbered(_reply_text(raw))
        return _faithful(steps, request), _usage(raw)
    messages: list[tuple[str, str]] = [("system", PLAN_SYSTEM)]
    for example_request, steps_text in PLAN_EXAMPLES:
        messages += [("human", example_request), ("ai", steps_text)]
    reply = model.invoke([*messages, ("human", request)])
    return _faithful(_numbered(_reply_text(reply)), request), _usage(reply)


# -- asking ------------------------------------------------------------------------------------------------

def ungrounded_complaint(proposal: Proposal, text: str, *, registry: Iterable[ToolFamily],
                         context: str | None = None) -> str | None:
    """Why ``proposal`` is not grounded in the step (`agentkit.models._grounding`), or ``None`` when it is.

    Its numbers must all be in ``text``, its ``context`` (earlier results) or the schemas the families
    describe; a family whose own examples bring numbers of their own is not held to this.
    """
    families = list(registry)
    family = next((f for f in families if f.name == proposal.family), None)
    if family is None or not grounded_family(base.examples(family)):
        return None
    described = [f"{name} {body}" for f in families for name, body in (base.schemas(f) or {}).items()]
    foreign = ungrounded(proposal.spec, [text, context, *described])
    if foreign is None:
        return None
    return (f"the request {proposal.request!r} brings numbers the question does not contain ({foreign}); "
            "use only the numbers and names the question and the schemas give")


def _translate_system(offered: Iterable[ToolFamily], *, about: Sequence[str] = ()) -> str:
    families = list(offered)
    lines = [TRANSLATE_SYSTEM, *(base.request_form(f) or "" for f in families)]
    for family in families:
        if described := base.schemas(family):
            lines.append("Databases: " + " | ".join(f"{name}: {text}" for name, text in described.items()))
    if about:
        lines.append(f"The question is about {', '.join(about)}, described above: write a request over that "
                     "schema in the form above; never arithmetic on numbers the question does not give.")
    return "\n".join(lines)


def _translation_schema(offered: Iterable[ToolFamily]) -> type[BaseModel]:
    """The structured answer's schema, its field descriptions written from the offered families."""
    families = list(offered)
    names = [f.name for f in families]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    forms = []
    for family in families:
        form = base.request_form(family) or family.name
        shown = next((answer.partition(":")[2].strip() for _, answer in base.examples(family)), "")
        forms.append(f"{form}, e.g. '{shown}'" if shown else form)
    extra: dict[str, tuple[list[str], str]] = {}
    for family in families:
        for field, what in base.request_fields(family).items():
            extra.setdefault(field, ([], what))[0].append(family.name)
    fields: dict[str, Any] = {
        "family": (str, Field(description=f"the tool: {listed}")),
        "spec": (str, Field(description="the part after the colon of the chosen tool's form: " + "; ".join(forms))),
    }
    for field, (owners, what) in extra.items():
        fields[field] = (str | None, Field(default=None, description=f"{', '.join(owners)} only: {what}"))
    return create_model(  # type: ignore[call-overload, no-any-return]
        "Translation",
        __doc__="A step translated into a formal specification that a symbolic tool executes. "
                "Do not compute the answer.",
        **fields,
    )


def _question(step: str, context: str | None, error: str | None) -> str:
    parts = [f"Known: {' ; '.join(context.splitlines())}"] if context else []
    parts.append(step.strip())
    if error:
        parts.append(f"(Your last answer was rejected: {error.strip()}. Write a corrected one.)")
    return "\n".join(parts)


def _structured(model: Any, schema: type[BaseModel]) -> Any:
    """The model's native structured-output runnable, or None when it has no tool calling."""
    try:
        return model.with_structured_output(schema, include_raw=True)
    except (NotImplementedError, AttributeError, TypeError, ValueError):
        return None


def _invoke_structured(structured: Any, messages: list[tuple[str, str]]) -> tuple[Any, Any]:
    out = structured.invoke(messages)
    if isinstance(out, dict):
        return out.get("raw"), out.get("parsed")
    return None, out


def _reply_text(reply: Any) -> str:
    if reply is None:
        return ""
    text = getattr(reply, "text", None)
    if isinstance(text, str):
        return text
    return str(getattr(reply, "content", "") or "")


def _usage(reply: Any) -> Usage:
    usage = getattr(reply, "usage_metadata", None) or {}
    return {"input": int(usage.get("input_tokens", 0)), "output": int(usage.get("output_tokens", 0))}


# -- reading -----------------------------------------------------------------------------------------------

class _Reader:
    """Reads a model's answer into a proposal for one of the offered families, through that family's reading."""

    def __init__(self, offered: Mapping[str, ToolFamily], *, known: Sequence[str]) -> None:
        self.offered = {name.lower(): family for name, family in offered.items()}
        names = "|".join(re.escape(name) for name in sorted(known, key=len, reverse=True)) or r"(?!)"
        self.line_form = re.compile(
            rf"(?P<family>{names})(?:\s+on\s+(?P<db>[A-Za-z_][\w.-]*))?\s*:\s*(?P<spec>.+)", re.IGNORECASE)

    def line(self, text: str) -> Proposal | None:
        """A proposal from the first line of a text answer: ``family[ on db]: spec``, or a bare spec.

        The families' shapes (backticked pattern, quantity "to" unit, SELECT, arithmetic) exclude one
        another, so a bare spec is read only when exactly one offered family accepts it.
        """
        line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        match = self.line_form.fullmatch(line)
        if match is not None:
            detail = {"database": match["db"]} if match["db"] else {}
            return self._read(match["family"], match["spec"], detail)
        readings = [p for name in self.offered if (p := self._read(name, line, {})) is not None]
        return readings[0] if len(readings) == 1 else None

    def structured(self, answer: Mapping[str, Any]) -> Proposal | None:
        """A proposal from a structured answer: its family, spec and that family's extra fields."""
        family = self.offered.get(str(answer.get("family") or "").strip().lower())
        if family is None:
            return None
        detail = {field: str(answer.get(field) or "") for field in base.request_fields(family)}
        return self._read(family.name, str(answer.get("spec") or ""), detail)

    def _read(self, name: str, spec: str, detail: Mapping[str, str]) -> Proposal | None:
        family = self.offered.get(name.strip().lower())
        spec = spec.strip()
        if family is None or not spec or len(spec) > MAX_SPEC_CHARS:
            return None
        request = base.read_request(family, spec, detail=detail)
        return None if request is None else Proposal(family=family.name, request=request, spec=spec)


_STEP = re.compile(r"\s*(?P<n>\d+)[.)]\s+(?P<text>\S.*)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbered(text: str) -> list[str] | None:
    """Steps from ``1. …`` lines numbered 1, 2, 3 …; anything else on a line of its own spoils the plan."""
    steps = []
    for line in filter(str.strip, text.splitlines()):
        match = _STEP.fullmatch(line)
        if match is None or int(match["n"]) != len(steps) + 1:
            return None
        steps.append(match["text"].strip())
    return steps or None


def _faithful(steps: Sequence[str] | None, request: str) -> list[str] | None:
    if not steps or len(steps) > MAX_PLAN_STEPS:
        return None
    steps = [s.strip() for s in steps]
    known = {n.lstrip("0") or "0" for n in _NUMBER.findall(request.replace(",", ""))}
    for step in steps:
        if not step or len(step) > len(request) + 40:
            return None
        if any((n.lstrip("0") or "0") not in known for n in _NUMBER.findall(step.replace(",", ""))):
            return None
        if foreign_words(step, request) is not None:
            return None
    return steps
