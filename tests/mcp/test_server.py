"""The MCP server through the official client, in memory: tools and schemas, answers, errors with reasons,
the claim check, and hostile input that must execute nothing."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Awaitable, Callable
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import anyio
import jsonschema
import pytest
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult

from agentkit import Agent
from agentkit.mcp import build_server
from agentkit.mcp.results import REPORT_SCHEMA

ANSWER_SCHEMA = json.loads(files("agentkit").joinpath("answer.schema.json").read_text(encoding="utf-8"))
ITEMS = [("pen", 3), ("book", 12), ("lamp", 30)]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE items (name TEXT, price INTEGER)")
        db.executemany("INSERT INTO items VALUES (?, ?)", ITEMS)
    return path


@pytest.fixture
def server(shop: Path) -> MCPServer:
    return build_server(Agent(model="none", databases={"shop": shop}))


def _session(server: MCPServer, body: Callable[[Client], Awaitable[Any]]) -> Any:
    async def run() -> Any:
        async with Client(server) as client:
            return await body(client)

    return anyio.run(run)


def _call(server: MCPServer, tool: str, **arguments: Any) -> CallToolResult:
    async def body(client: Client) -> CallToolResult:
        await client.list_tools()  # so that the client knows, and checks, each tool's output schema
        return await client.call_tool(tool, arguments)

    return _session(server, body)


def _text(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")


def _answer(result: CallToolResult) -> dict[str, Any]:
    assert result.structured_content is not None
    jsonschema.validate(result.structured_content, ANSWER_SCHEMA)
    return result.structured_content


def test_lists_ask_check_and_one_tool_per_family_with_schemas(server: MCPServer) -> None:
    listed = _session(server, lambda client: client.list_tools()).tools
    families = Agent(model="none").registry.names()
    assert sorted(tool.name for tool in listed) == sorted(["ask", "check", *families])
    for tool in listed:
        required = {"check": ["text"]}.get(tool.name, ["request"])
        assert tool.input_schema["required"] == required, tool.name
        assert tool.output_schema == (REPORT_SCHEMA if tool.name == "check" else ANSWER_SCHEMA), tool.name
        assert tool.description and tool.annotations is not None and tool.annotations.read_only_hint


def test_ask_answers_with_the_answer_object_and_a_text_for_the_model(server: MCPServer) -> None:
    result = _call(server, "ask", request="convert 5 miles to km")
    expected = Fraction("5") * Fraction("1.609344")  # the international mile, by definition
    answer = _answer(result)
    assert not result.is_error
    assert Fraction(answer["answer"].removesuffix(" km")) == expected
    assert answer["route"] == "symbolic" and answer["verified"] and answer["fm_calls"] == 0
    text = _text(result)
    assert text.splitlines()[0] == answer["answer"] and "verified" in text
    assert "reading: 5 mi → km" in text


def test_ask_keeps_a_conversation_by_thread_id(server: MCPServer) -> None:
    async def body(client: Client) -> CallToolResult:
        await client.call_tool("ask", {"request": "Let x = 5.", "thread_id": "t1"})
        return await client.call_tool("ask", {"request": "What is x*2?", "thread_id": "t1"})

    result = _session(server, body)
    assert not result.is_error and _answer(result)["answer"] == str(5 * 2)


def test_a_family_tool_takes_its_formal_line(server: MCPServer) -> None:
    result = _call(server, "units", request="units: 3 mile to kilometer")
    assert not result.is_error
    assert Fraction(_answer(result)["answer"].removesuffix(" km")) == 3 * Fraction("1.609344")


def test_a_family_tool_takes_words(server: MCPServer) -> None:
    result = _call(server, "math", request="what is the gcd of 84 and 36?")
    import math

    assert not result.is_error and _answer(result)["answer"] == str(math.gcd(84, 36))


def test_the_sql_tool_reads_an_attached_database(server: MCPServer, shop: Path) -> None:
    result = _call(server, "sql", request="sql on shop: SELECT SUM(price) FROM items WHERE price > 5")
    with sqlite3.connect(shop) as db:
        (expected,) = db.execute("SELECT SUM(price) FROM items WHERE price > 5").fetchone()
    answer = _answer(result)
    assert not result.is_error and answer["verified"]
    assert str(expected) in answer["answer"]


def test_a_request_no_tool_answers_is_a_tool_error_that_says_why(server: MCPServer) -> None:
    result = _call(server, "ask", request="what is the meaning of life?")
    assert result.is_error
    assert "no verified tool matched and no model is configured" in _text(result)
    assert _answer(result)["route"] == "none"


def test_a_family_tool_declines_another_familys_request(server: MCPServer) -> None:
    result = _call(server, "math", request="convert 5 miles to km")
    assert result.is_error and "not answered" in _text(result)
    assert not _answer(result)["verified"]


def test_an_ambiguous_request_is_an_error_naming_the_readings(server: MCPServer) -> None:
    result = _call(server, "math", request="6/2(1+2)")
    assert result.is_error and "ambiguous" in _text(result)


def test_missing_arguments_are_a_tool_error(server: MCPServer) -> None:
    result = _call(server, "ask")
    assert result.is_error and "request" in _text(result)


def test_check_repairs_a_wrong_claim_and_is_a_verdict_not_an_error(server: MCPServer) -> None:
    result = _call(server, "check", text="16 - 3 - 4 = 9 and 48/2 = 25")
    report = result.structured_content
    assert not result.is_error and report is not None
    jsonschema.validate(report, REPORT_SCHEMA)
    assert [(c["text"], c["ok"]) for c in report["claims"]] == [("16 - 3 - 4 = 9", 16 - 3 - 4 == 9),
                                                                ("48/2 = 25", Fraction(48, 2) == 25)]
    assert report["repaired"] == f"16 - 3 - 4 = 9 and 48/2 = {48 // 2} [corrected from 25]"
    assert "1 wrong" in _text(result) and "48/2 = 25" in _text(result)


def test_check_judges_the_final_answer_against_the_question(server: MCPServer) -> None:
    result = _call(server, "check", text="The answer is 41.", question="What is 6 * 7?")
    report = result.structured_content
    assert report is not None and not report["ok"]
    assert report["repaired"] == f"The answer is {6 * 7} [corrected from 41]."


# -- hostile input: nothing is executed, every answer is an error or a verdict ----------------------------

@pytest.mark.parametrize("tool", ["ask", "math"])
def test_python_in_a_request_is_never_run(server: MCPServer, tool: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    result = _call(server, tool, request=f"__import__('os').system('touch {marker}')")
    assert result.is_error
    assert not marker.exists()


def test_python_in_a_checked_text_is_never_run(server: MCPServer, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    result = _call(server, "check", text=f"__import__('os').system('touch {marker}') = 0")
    assert not result.is_error and not marker.exists()


@pytest.mark.parametrize("request_text", ["what is 2**10**10**10?", "math: 9**9**9**9", "factorial(10**9)"])
def test_a_huge_computation_is_refused_quickly(server: MCPServer, request_text: str) -> None:
    start = time.perf_counter()
    result = _call(server, "math", request=request_text)
    assert result.is_error
    assert time.perf_counter() - start < 10


def test_catastrophic_backtracking_is_cut_off(server: MCPServer) -> None:
    subject = "a" * 40 + "!"
    start = time.perf_counter()
    result = _call(server, "regex", request=f"Does `^(a+)+$` match {subject}?")
    assert time.perf_counter() - start < 10
    # `^(a+)+$` matches only strings of a's; the subject ends with "!" (worked by hand): an answer must say no
    assert result.is_error or _answer(result)["answer"].lower().startswith("no")


@pytest.mark.parametrize(("tool", "request_text"), [
    ("sql", "DROP TABLE items"),
    ("sql", "sql on shop: DROP TABLE items"),
    ("sql", "sql on shop: SELECT 1; DROP TABLE items"),
    ("ask", "DELETE FROM items"),
    ("ask", "UPDATE items SET price = 0"),
])
def test_sql_that_writes_is_refused_and_the_database_is_unchanged(
        server: MCPServer, shop: Path, tool: str, request_text: str) -> None:
    result = _call(server, tool, request=request_text)
    assert result.is_error
    with sqlite3.connect(shop) as db:
        assert db.execute("SELECT name, price FROM items ORDER BY rowid").fetchall() == ITEMS


def test_sql_that_writes_in_a_checked_text_is_judged_not_run(server: MCPServer, shop: Path) -> None:
    result = _call(server, "check", text="To clean up, run `DELETE FROM items` and then `DROP TABLE items`.")
    assert not result.is_error
    with sqlite3.connect(shop) as db:
        assert db.execute("SELECT name, price FROM items ORDER BY rowid").fetchall() == ITEMS


def test_an_oversized_request_is_a_tool_error(server: MCPServer) -> None:
    result = _call(server, "ask", request="1+" * 60_000 + "1")
    assert result.is_error
