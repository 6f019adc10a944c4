"""Every tool family as LangChain tools (`BaseTool`), for a tool-calling model or any other LangGraph agent."""

from __future__ import annotations

import json
from collections.abc import Iterable

from agentkit.tools.base import Context, ToolFamily, describe
from langchain_core.tools import BaseTool, StructuredTool

__all__ = ["as_langchain_tool", "as_langchain_tools"]


def as_langchain_tool(family: ToolFamily) -> BaseTool:
    """One family as a LangChain tool that takes a question and returns a JSON verdict.

    The tool's description is the family's own (``description``, see
    `agentkit.tools.base.describe`). The tool answers only what the family's
    recognizer parses whole and its own check passes; otherwise it says it
    declined and why, so the calling model can rephrase or answer another way.
    """

    def run(question: str) -> str:
        candidate = family.recognize(question, Context())
        if candidate is None or not candidate.complete:
            reason = candidate.reason if candidate else f"the {family.name} tool did not recognize the request"
            return json.dumps({"declined": True, "reason": reason})
        result = family.execute(candidate)
        verdict = family.verify(result)
        if result.error or not verdict.ok:
            return json.dumps({"declined": True, "reason": result.text if result.error else verdict.detail})
        return json.dumps({"result": result.text, "operation": result.operation, "verified": True})

    return StructuredTool.from_function(
        func=run,
        name=f"agentkit_{family.name}",
        description=describe(family),
    )


def as_langchain_tools(families: Iterable[ToolFamily]) -> list[BaseTool]:
    """Every family in ``families`` (a `Registry` works) as a LangChain tool."""
    return [as_langchain_tool(family) for family in families]
