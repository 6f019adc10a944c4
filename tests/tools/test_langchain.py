"""The tool families as LangChain tools."""

from __future__ import annotations

import json

from agentkit.tools.langchain import as_langchain_tools
from agentkit.tools.registry import default_registry
from langchain_core.tools import BaseTool


def _math_tool() -> BaseTool:
    (tool,) = [t for t in as_langchain_tools(default_registry()) if t.name == "agentkit_math"]
    return tool


def test_math_family_is_a_langchain_tool_with_one_question_argument() -> None:
    tool = _math_tool()
    assert isinstance(tool, BaseTool)
    assert list(tool.args) == ["question"]


def test_langchain_tool_returns_a_verified_result() -> None:
    reply = json.loads(_math_tool().invoke({"question": "Solve 3*x + 7 = 25 for x"}))
    assert reply == {"result": "6", "operation": "solve", "verified": True}


def test_langchain_tool_declines_what_it_does_not_understand() -> None:
    reply = json.loads(_math_tool().invoke({"question": "What is the capital of France?"}))
    assert reply["declined"] is True
    assert "did not recognize" in reply["reason"]


def test_langchain_tool_declines_a_computation_over_the_limits() -> None:
    reply = json.loads(_math_tool().invoke({"question": "What is 10**10**10?"}))
    assert reply["declined"] is True
    assert "too large" in reply["reason"]
