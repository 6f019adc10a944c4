"""`agentkit mcp` for real: started as a subprocess by the official client over stdio and over streamable HTTP,
and the HTTP app mounted at /mcp inside another ASGI app, as `agentkit serve` mounts it."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import threading

import anyio
import httpx
import pytest
import uvicorn
from mcp import Client, StdioServerParameters
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from agentkit import Agent
from agentkit.mcp import build_server, http_app

from agentkit.tracing.files import read_spans


def _command(*args: str) -> tuple[str, list[str]]:
    """The installed ``agentkit`` script when there is one, else the same CLI through ``python -m``."""
    script = shutil.which("agentkit")
    return (script, list(args)) if script else (sys.executable, ["-m", "agentkit.cli", *args])


def _shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE items (name TEXT, price INTEGER)")
        db.executemany("INSERT INTO items VALUES (?, ?)", [("pen", 3), ("book", 12)])
    return path


def test_a_stdio_session_with_the_command_a_desktop_client_runs(tmp_path: Path) -> None:
    traces = tmp_path / "traces"
    command, args = _command("mcp", "--model", "none", "--db", f"shop={_shop(tmp_path)}")
    params = StdioServerParameters(command=command, args=args, cwd=tmp_path,
                                   env={"AGENTKIT_TRACES_DIR": str(traces)})

    async def session() -> dict[str, Any]:
        async with Client(params, read_timeout_seconds=60) as client:
            listed = await client.list_tools()
            return {
                "tools": sorted(tool.name for tool in listed.tools),
                "ask": await client.call_tool("ask", {"request": "what is 17 * 23?"}),
                "sql": await client.call_tool("sql", {"request": "sql on shop: SELECT MAX(price) FROM items"}),
                "none": await client.call_tool("ask", {"request": "who wrote Hamlet?"}),
            }

    results = anyio.run(session)
    assert {"ask", "check", "sql"} <= set(results["tools"])
    ask = results["ask"]
    assert not ask.is_error and ask.structured_content["answer"] == str(17 * 23)
    assert ask.structured_content["verified"] and ask.structured_content["trace_id"]
    sql = results["sql"]
    assert not sql.is_error and str(max(3, 12)) in sql.structured_content["answer"].splitlines()  # a one-row table
    assert results["none"].is_error and "no model is configured" in results["none"].content[0].text
    # the server flushed its spans on exit: the answer's trace is in the trace files
    names = _span_names(traces, ask.structured_content["trace_id"])
    assert "invoke_agent agentkit" in names and any(name.startswith("execute_tool") for name in names)


def _span_names(directory: Path, trace_id: str) -> set[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if directory.exists():
            names = {span.name for span in read_spans(sorted(directory.glob("*.jsonl")))
                     if span.trace_id == trace_id}
            if names:
                return names
        time.sleep(0.2)
    return set()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.timeout(120)
def test_the_http_transport_answers_the_official_client(tmp_path: Path) -> None:
    port = _free_port()
    command, args = _command("mcp", "--transport", "http", "--port", str(port), "--model", "none",
                             "--traces", "none")
    process = subprocess.Popen([command, *args], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/mcp"
        _wait_for(port, process)

        async def session() -> Any:
            async with Client(url) as client:
                await client.list_tools()
                return await client.call_tool("units", {"request": "units: 2 kilogram to gram"})

        result = anyio.run(session)
        assert not result.is_error and result.structured_content["answer"] == f"{2 * 1000} g"
        # DNS-rebinding protection: a request naming another host is refused
        refused = httpx.post(url, headers={"Host": "evil.example", "Content-Type": "application/json"},
                             content=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        assert refused.status_code in (400, 403, 421)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"agentkit mcp exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("agentkit mcp --transport http did not start listening")


@pytest.mark.timeout(120)
def test_the_http_app_mounted_at_mcp_inside_another_app() -> None:
    server = build_server(Agent(model="none"))
    mcp_app = http_app(server, path="/")
    host_app = Starlette(routes=[Route("/health", lambda request: PlainTextResponse("ok")),
                                 Mount("/mcp", app=mcp_app)],
                         lifespan=lambda app: server.session_manager.run())
    port = _free_port()
    web = uvicorn.Server(uvicorn.Config(host_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not web.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert web.started

        async def session() -> Any:
            async with Client(f"http://127.0.0.1:{port}/mcp/") as client:
                await client.list_tools()
                return await client.call_tool("ask", {"request": "what is 2 to the power of 16?"})

        result = anyio.run(session)
        assert not result.is_error and result.structured_content["answer"] == str(2**16)
        assert httpx.get(f"http://127.0.0.1:{port}/health").text == "ok"  # the host app's own routes still answer
    finally:
        web.should_exit = True
        thread.join(timeout=30)
