"""`agentkit serve` carries the MCP server at /mcp/: the official MCP client reaches the tools there, behind
the same bearer key as /v1."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import httpx2  # the MCP SDK's own HTTP client
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from agentkit.server.app import create_app, mcp_mount
from agentkit.server.settings import Settings

KEY = "s3cret-for-tests"


def _app(api_key: str | None, tmp_path: Any) -> Any:
    settings = Settings(models=("none",), state=str(tmp_path / "threads.sqlite"), api_key=api_key)
    return create_app(settings, **mcp_mount(settings))


def test_the_tools_answer_the_official_mcp_client_at_mcp(serve: Any, tmp_path: Any) -> None:
    url = serve(_app(None, tmp_path))

    async def session() -> Any:
        async with Client(f"{url}/mcp/") as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            return names, await client.call_tool("ask", {"request": "what is 3 to the power of 13?"})

    names, result = anyio.run(session)
    assert {"ask", "check"} <= names
    assert not result.is_error and result.structured_content["answer"] == str(3**13)
    assert result.structured_content["verified"] is True


def test_the_mcp_mount_wants_the_servers_key_when_one_is_set(serve: Any, tmp_path: Any) -> None:
    url = serve(_app(KEY, tmp_path))
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    headers = {"accept": "application/json, text/event-stream"}
    refused = httpx.post(f"{url}/mcp/", json=body, headers=headers)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_api_key"

    async def session() -> Any:
        async with httpx2.AsyncClient(headers={"authorization": f"Bearer {KEY}"}) as http:
            async with Client(streamable_http_client(f"{url}/mcp/", http_client=http)) as mcp:
                return await mcp.call_tool("ask", {"request": "what is 2 to the power of 20?"})

    result = anyio.run(session)
    assert result.structured_content["answer"] == str(2**20)
