"""The model translates, a tool executes: a step in words becomes a request that a tool family accepts whole.

    >>> proposal, usage = propose(model, "Pens cost $3 each; Sam buys 4. What does he pay?", families=["math"])
    >>> proposal
    Proposal(family='math', request='What is 4 * 3?', spec='4 * 3')

The model writes only the formal part (an expression, a quantity and a target
unit, a SELECT query, a pattern and an example); this module checks its shape
with strict patterns and writes the canonical request around it, which the
family's recognizer then reads like any other step. A model that does tool
calling answers through native structured output (`with_structured_output`);
any other model, the embedded base model included, answers one line after a
few examples (``math: 4 * 3``). Output that does not fit gives ``None``, never
an exception; a provider's own failure (network, timeout) does propagate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from agentkit.models._prompts import (
    PLAN_EXAMPLES,
    PLAN_SYSTEM,
    TRANSLATE_EXAMPLES,
    TRANSLATE_FORMS,
    TRANSLATE_SYSTEM,
)

__all__ = ["FAMILIES", "Proposal", "propose", "propose_plan", "schemas_from"]

FAMILIES = ("math", "units", "sql", "regex")
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


class Translation(BaseModel):
    """A step translated into a formal specification that a symbolic tool executes. Do not compute the answer."""

    family: str = Field(description="the tool: math, units, sql or regex")
    spec: str = Field(description="math: an arithmetic expression of numbers only, e.g. '(16 - 3 - 4) * 2'; "
                                  "units: '<number> <unit> to <unit>', e.g. '5 mile to kilometer'; "
                                  "sql: one SQLite SELECT query; regex: a Python regular expression")
    database: str | None = Field(default=None, description="sql only: the database to query")
    example: str | None = Field(default=None, description="regex only: a string the pattern must match")


class Plan(BaseModel):
    """The steps that answer a request, in order; a step may refer to the previous result as 'it'."""

    steps: list[str] = Field(description="each step one short instruction or question, in the request's words")


def propose(
    model: Any,
    step: str,
    *,
    families: Sequence[str],
    context: str | None = None,
    error: str | None = None,
    schemas: Mapping[str, str] | None = None,
) -> tuple[Proposal | None, Usage]:
    """Ask ``model`` to translate ``step`` into a request for one of ``families``.

    Args:
        model: any langchain-core chat model.
        step: the step in the user's words.
        families: the tool families the model may choose (names outside `FAMILIES` are ignored;
            ``sql`` needs ``schemas``).
        context: results of earlier steps, one ``step -> result`` a line.
        error: what the tool said about the previous attempt; the model is asked to correct it.
        schemas: attached databases, name -> tables and columns as text (see `schemas_from`).

    Returns:
        The proposal, or ``None`` when the model's output is empty, malformed or names a family
        not offered; and the tokens used, ``{"input": n, "output": n}``.
    """
    offered = [f for f in dict.fromkeys(families) if f in FAMILIES and (f != "sql" or schemas)]
    if not offered:
        return None, _usage(None)
    system = _translate_system(offered, schemas)
    question = _question(step, context, error)
    structured = _structured(model, Translation)
    if structured is not None:
        raw, parsed = _invoke_structured(structured, [("system", system), ("human", question)])
        if isinstance(parsed, Translation):
            return _build(parsed.family, parsed.spec, offered, schemas, parsed.database, parsed.example), _usage(raw)
        return _parse_line(_reply_text(raw), offered, schemas), _usage(raw)  # the model answered in text
    messages: list[tuple[str, str]] = [("system", system)]
    for family in offered:
        for example_question, answer in TRANSLATE_EXAMPLES[family]:
            messages += [("human", example_question), ("ai", answer)]
    reply = model.invoke([*messages, ("human", question)])
    return _parse_line(_reply_text(reply), offered, schemas), _usage(reply)


def propose_plan(model: Any, request: str) -> tuple[list[str] | None, Usage]:
    """Ask ``model`` to split ``request`` into steps, to be routed one by one.

    A plan is refused (``None``) when it is empty or malformed, has more than
    `MAX_PLAN_STEPS` steps, or brings in a number that the request does not
    contain: a planner may reword, never change the question.

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


def schemas_from(registry: Any) -> dict[str, str]:
    """The attached databases of a registry's ``sql`` family, as ``{name: "table(col, col); ..."}``."""
    if "sql" not in registry.names():
        return {}
    family = registry["sql"]
    out = {}
    for name in getattr(family, "databases", {}) or {}:
        try:
            tables = family.schema(name).tables
        except (OSError, ValueError):
            continue
        out[name] = "; ".join(f"{table}({', '.join(columns)})" for table, columns in tables.items())
    return out


# -- asking ------------------------------------------------------------------------------------------------

def _translate_system(offered: Sequence[str], schemas: Mapping[str, str] | None) -> str:
    lines = [TRANSLATE_SYSTEM, *(TRANSLATE_FORMS[f] for f in offered)]
    if "sql" in offered and schemas:
        lines.append("Databases: " + " | ".join(f"{name}: {text}" for name, text in schemas.items()))
    return "\n".join(lines)


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

_LINE = re.compile(r"(?P<family>math|units|sql|regex)(?:\s+on\s+(?P<db>[A-Za-z_][\w.-]*))?\s*:\s*(?P<spec>.+)",
                   re.IGNORECASE)
_REGEX_SPEC = re.compile(r"`(?P<pattern>[^`]+)`(?:\s+(?:matches|on|for)\s+`(?P<example>[^`]*)`)?\.?")


def _parse_line(text: str, offered: Sequence[str], schemas: Mapping[str, str] | None) -> Proposal | None:
    """A proposal from the first line of a text answer: ``family: spec``, or a bare spec of one family's shape.

    The shapes (backticked pattern, quantity "to" unit, SELECT, arithmetic) exclude one another, so a bare
    spec is read only when exactly one offered family accepts it.
    """
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    match = _LINE.fullmatch(line)
    if match is not None:
        return _family_spec(match["family"].lower(), match["spec"], offered, schemas, match["db"])
    readings = [p for f in offered if (p := _family_spec(f, line, offered, schemas, None)) is not None]
    return readings[0] if len(readings) == 1 else None


def _family_spec(family: str, spec: str, offered: Sequence[str], schemas: Mapping[str, str] | None,
                 database: str | None) -> Proposal | None:
    example = None
    if family == "regex":
        quoted = _REGEX_SPEC.fullmatch(spec.strip())
        if quoted is None:
            return None
        spec, example = quoted["pattern"], quoted["example"]
    return _build(family, spec, offered, schemas, database, example)


def _build(family: str, spec: str, offered: Sequence[str], schemas: Mapping[str, str] | None,
           database: str | None = None, example: str | None = None) -> Proposal | None:
    family = (family or "").strip().lower()
    spec = (spec or "").strip()
    if family not in offered or not spec or len(spec) > MAX_SPEC_CHARS:
        return None
    if family == "math":
        return _math(spec)
    if family == "units":
        return _units(spec)
    if family == "sql":
        return _sql(spec, database, schemas or {})
    return _regex(spec, example)


_MATH = re.compile(r"(?:sqrt|abs|floor|ceiling|[\d.\s+\-*/()^%])+")
_TIMES = re.compile(r"(?<=[\d)])\s*[x×·]\s*(?=[\d(])")
_OPERATOR = re.compile(r"[-+*/^%]")


def _math(spec: str) -> Proposal | None:
    text = _TIMES.sub(" * ", spec.replace("÷", "/").replace("−", "-").replace("$", "")).rstrip(". ")
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    # "16 - 3 - 4 = 9": keep the side that holds the arithmetic; the model's own result is never used
    expression = max(text.split("="), key=lambda side: len(_OPERATOR.findall(side))).strip()
    if not expression or not _MATH.fullmatch(expression) or not re.search(r"\d", expression):
        return None
    return Proposal(family="math", request=f"What is {expression}?", spec=spec)


_UNIT = r"[A-Za-z°µ][\w°µ/*^. -]*?"
_CONVERSION = re.compile(
    rf"(?:convert\s+)?(?P<n>-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?|-?\.\d+)\s*(?P<unit>{_UNIT})\s+"
    rf"(?:to|in|into|->)\s+(?P<target>{_UNIT})\.?",
    re.IGNORECASE,
)


def _units(spec: str) -> Proposal | None:
    match = _CONVERSION.fullmatch(spec)
    if match is None:
        return None
    number = match["n"].replace(",", "")
    request = f"convert {number} {match['unit'].strip()} to {match['target'].strip()}"
    return Proposal(family="units", request=request, spec=spec)


_SELECT = re.compile(r"(?:select|with)\b[^;]*;?", re.IGNORECASE | re.DOTALL)


def _sql(spec: str, database: str | None, schemas: Mapping[str, str]) -> Proposal | None:
    query = spec.strip().strip("`").strip()
    if not _SELECT.fullmatch(query):
        return None
    if database is None:
        if len(schemas) != 1:
            return None
        database = next(iter(schemas))
    known = {name.lower(): name for name in schemas}
    if database.lower() not in known:
        return None
    query = " ".join(query.rstrip(";").split())
    return Proposal(family="sql", request=f"run on {known[database.lower()]}: {query}", spec=spec)


def _regex(pattern: str, example: str | None) -> Proposal | None:
    if "`" in pattern or "\n" in pattern or (example is not None and ("`" in example or "\n" in example)):
        return None
    if example:
        return Proposal(family="regex", request=f"Does `{pattern}` match `{example}`?", spec=pattern)
    return Proposal(family="regex", request=f"Is `{pattern}` a valid regex?", spec=pattern)


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
    return steps
