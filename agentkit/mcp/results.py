"""What the MCP tools return: a text for the model and the object for the application, or a tool error.

An answer is the answer object (`agentkit.answer.Answer`, schema ``agentkit/answer.schema.json``) as
structured content, with a short text the calling model reads: the answer, whether a symbolic check
verified it, and each step's reading. A request that was not answered whole (a declined step, a request
that failed) is a tool error (``isError``) whose text says why, so the model sees the reason and never an
invented value; its structured content still carries the answer object for the application. A check of a
text is a verdict, never an error: the report of `agentkit.claims.check` with the text repaired.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from mcp.types import CallToolResult, TextContent

from agentkit.answer import Answer
from agentkit.claims import Report, repair

__all__ = ["REPORT_SCHEMA", "answer_result", "answer_schema", "answered_whole", "report_result"]

REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "agentkit check report",
    "description": "Every claim found in the text with its verdict; `repaired` is the text with each wrong value "
                   "replaced by the computed one and marked [corrected from ...].",
    "required": ["ok", "verified", "claims", "failed", "notes", "repaired"],
    "properties": {
        "ok": {"type": "boolean", "description": "No claim failed (true for a text without claims)."},
        "verified": {"type": "boolean", "description": "At least one claim was checked and none failed."},
        "failed": {"type": "integer", "minimum": 0},
        "notes": {"type": "array", "items": {"type": "string"}, "description": "What could not be checked."},
        "repaired": {"type": "string"},
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["ok", "check", "kind", "span", "text", "stated", "computed", "detail"],
                "properties": {
                    "ok": {"type": "boolean"},
                    "check": {"type": "string"},
                    "kind": {"type": "string"},
                    "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
                    "text": {"type": "string"},
                    "stated": {"type": "string"},
                    "computed": {"type": ["string", "null"]},
                    "tolerance": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}
"""The output schema of the ``check`` tool: `Report.to_dict` plus the repaired text."""


@cache
def answer_schema() -> dict[str, Any]:
    """The answer object's JSON Schema, as shipped with the package (the output schema of answering tools)."""
    return json.loads(files("agentkit").joinpath("answer.schema.json").read_text(encoding="utf-8"))


def answered_whole(answer: Answer) -> bool:
    """Every step was answered (by a tool or the model) and the request did not fail."""
    return not answer.error and answer.route != "none" and all(step.route != "none" for step in answer.steps)


def answer_result(answer: Answer) -> CallToolResult:
    """The answer as a tool result; an error result, with the reason, when it was not answered whole."""
    data = answer.to_dict()
    if not answered_whole(answer):
        return CallToolResult(content=[TextContent(type="text", text=f"not answered: {answer.answer}")],
                              structured_content=data, is_error=True)
    return CallToolResult(content=[TextContent(type="text", text=_answer_text(answer))], structured_content=data)


def _answer_text(answer: Answer) -> str:
    if answer.verified:
        status = "verified: every step was computed by a symbolic tool and passed its own check"
    elif answer.route == "model":
        status = "NOT verified: written by a model; its checkable claims were re-checked"
    else:
        status = "NOT verified: a model took part (it translated or answered a step)"
    lines = [answer.answer, status]
    for step in answer.steps:
        tool = f"{step.tool}.{step.operation}" if step.tool else step.route
        reading = f", reading: {step.interpretation}" if step.interpretation else ""
        mark = "verified" if step.verified else "unverified"
        lines.append(f"- {step.text} -> {step.result} ({tool}{reading}; {mark})")
    return "\n".join(lines)


def report_result(report: Report) -> CallToolResult:
    """A check's report as a tool result: the verdicts for the model, the report for the application."""
    data = {**report.to_dict(), "repaired": repair(report.text, report)}
    return CallToolResult(content=[TextContent(type="text", text=_report_text(report, data["repaired"]))],
                          structured_content=data)


def _report_text(report: Report, repaired: str) -> str:
    if not report.claims:
        lines = ["no checkable claims found"]
    else:
        lines = [f"{len(report.claims)} claim(s), {len(report.failed)} wrong"]
    for claim in report.claims:
        if claim.ok:
            lines.append(f"ok    {claim.kind}: {claim.text}")
        else:
            lines.append(f"WRONG {claim.kind}: {claim.text} (stated {claim.stated}, computed {claim.computed}; "
                         f"{claim.detail})")
    lines.extend(f"note: {note}" for note in report.notes)
    if report.failed and repaired != report.text:
        lines.append(f"repaired text: {repaired}")
    return "\n".join(lines)
