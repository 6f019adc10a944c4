"""The server through the official ``openai`` client against uvicorn on loopback: answers, streams, errors."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import httpx
import openai
import pytest

from agentkit import Agent
from agentkit.server import create_app
from agentkit.server.app import WARM_UP_REQUEST
from agentkit.server.settings import Settings
from tests.server.conftest import Serve

pytestmark = pytest.mark.timeout(120)


def _client(url: str, key: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0, timeout=30)


@pytest.fixture
def url(serve: Serve) -> str:
    return serve(create_app(Settings(models=("none",), max_body_bytes=20_000)))


def test_a_completion_carries_the_answer_object_and_its_headers(url: str) -> None:
    raw = _client(url).chat.completions.with_raw_response.create(
        model="agentkit", messages=[{"role": "user", "content": "What is 123*456?"}]
    )
    completion = raw.parse()
    assert completion.choices[0].message.content == str(123 * 456)
    assert completion.choices[0].finish_reason == "stop"
    extra = completion.model_extra["agentkit"]
    assert extra["answer"] == str(123 * 456) and extra["route"] == "symbolic" and extra["verified"] is True
    assert extra["steps"][0]["tool"] and extra["steps"][0]["verified"] is True
    assert raw.headers["x-agentkit-route"] == "symbolic"
    assert raw.headers["x-agentkit-verified"] == "true"
    assert completion.usage is not None and completion.usage.total_tokens == 0  # no model ran


def test_an_unverified_answer_says_so_in_the_headers(url: str) -> None:
    raw = _client(url).chat.completions.with_raw_response.create(
        model="none", messages=[{"role": "user", "content": "Write a haiku about autumn leaves."}]
    )
    assert raw.headers["x-agentkit-verified"] == "false"
    assert raw.parse().model_extra["agentkit"]["verified"] is False


def test_a_stream_has_a_role_chunk_deltas_one_finish_reason_and_usage_when_asked(url: str) -> None:
    stream = _client(url).chat.completions.create(
        model="agentkit",
        messages=[{"role": "user", "content": "What is 2**20 - 7?"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == str(2**20 - 7)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finishes[-1] == "stop" and all(f is None for f in finishes[:-1])
    assert chunks[-1].choices == [] and chunks[-1].usage is not None  # the usage chunk comes last
    assert all(c.usage is None for c in chunks[:-1])
    assert chunks[-1].model_extra["agentkit"]["verified"] is True
    finish_chunk = next(c for c in chunks if c.choices and c.choices[0].finish_reason)
    assert finish_chunk.model_extra["agentkit"]["answer"] == text


def test_a_stream_without_include_usage_has_no_usage_chunk_and_ends_with_done(url: str) -> None:
    with httpx.stream(
        "POST",
        f"{url}/v1/chat/completions",
        json={
            "model": "agentkit",
            "stream": True,
            "messages": [{"role": "user", "content": "What is 3/4 + 1/6?"}],
        },
        timeout=30,
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        assert (
            response.headers["x-agentkit-verified"] == "true"
        )  # a symbolic answer is known before the first byte
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    assert all("usage" not in c for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert Fraction(text) == Fraction(3, 4) + Fraction(1, 6)


def test_models_lists_the_configured_models(url: str) -> None:
    assert [m.id for m in _client(url).models.list()] == ["agentkit", "none"]
    assert _client(url).models.retrieve("none").id == "none"


def test_an_unknown_model_is_404_model_not_found(url: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        _client(url).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.code == "model_not_found" and "gpt-4o" in caught.value.message


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"model": "agentkit"}',
        b'{"model": "agentkit", "messages": []}',
        b'{"model": "agentkit", "messages": [{"role": "wizard", "content": "x"}]}',
        b'{"model": "agentkit", "messages": [{"role": "assistant", "content": "x"}]}',
    ],
)
def test_a_bad_body_is_400_with_openais_error_object(url: str, body: bytes) -> None:
    response = httpx.post(
        f"{url}/v1/chat/completions", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["message"]


def test_a_body_over_the_limit_is_413(url: str) -> None:
    with pytest.raises(openai.APIStatusError) as caught:
        _client(url).chat.completions.create(
            model="agentkit", messages=[{"role": "user", "content": "x" * 30_000}]
        )
    assert caught.value.status_code == 413


def test_a_body_over_the_limit_without_a_length_is_413_too(url: str) -> None:
    def chunks() -> Any:
        yield b'{"model": "agentkit", "messages": [{"role": "user", "content": "'
        for _ in range(30):
            yield b"x" * 1000
        yield b'"}]}'

    response = httpx.post(
        f"{url}/v1/chat/completions", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"


def test_with_an_api_key_a_request_without_it_is_401(serve: Serve) -> None:
    url = serve(create_app(Settings(models=("none",), api_key="s3cret")))
    question = [{"role": "user", "content": "What is 7*8?"}]
    with pytest.raises(openai.AuthenticationError):
        _client(url, "wrong").chat.completions.create(model="agentkit", messages=question)
    with pytest.raises(openai.AuthenticationError):
        _client(url, "wrong").models.list()
    assert (
        httpx.post(f"{url}/v1/chat/completions", json={"model": "agentkit", "messages": question}).status_code
        == 401
    )
    answer = _client(url, "s3cret").chat.completions.create(model="agentkit", messages=question)
    assert answer.choices[0].message.content == str(7 * 8)
    assert httpx.get(f"{url}/healthz").json()["status"] == "ok"  # health checks need no key


def test_a_follow_up_is_resolved_from_the_history_the_client_sends(url: str) -> None:
    messages: list[Any] = [{"role": "user", "content": "convert 5 miles to km"}]
    first = _client(url).chat.completions.create(model="agentkit", messages=messages)
    messages += [
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": "and 10 miles?"},
    ]
    second = _client(url).chat.completions.create(model="agentkit", messages=messages)
    value, unit = second.choices[0].message.content.split()
    assert unit == "km" and Fraction(value) == 10 * Fraction("1.609344")  # the international mile
    assert second.model_extra["agentkit"]["verified"] is True


def test_without_history_a_follow_up_has_nothing_to_refer_to(url: str) -> None:
    alone = _client(url).chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": "and 10 miles?"}]
    )
    assert "16.09344" not in alone.choices[0].message.content  # stateless: no other client's turn leaks in


def test_the_page_is_served_at_the_root_and_unknown_assets_are_404(url: str) -> None:
    page = httpx.get(f"{url}/")
    assert page.status_code in (200, 404)  # the page ships with the package (tests/server/test_chat_page.py)
    if page.status_code == 200:
        assert page.headers["content-type"].startswith("text/html") and "<html" in page.text.lower()
    assert httpx.get(f"{url}/static/..%2Fapp.py").status_code == 404
    assert httpx.get(f"{url}/static/no-such-file.js").status_code == 404


def test_a_failing_agent_is_a_500_outside_a_stream_and_an_error_chunk_inside_one(serve: Serve) -> None:
    class Broken:
        model = None

        async def ainvoke(self, text: str, thread_id: str | None = None, **kwargs: Any) -> Any:
            raise RuntimeError("boom")

        async def astream(self, text: str, thread_id: str | None = None, **kwargs: Any) -> Any:
            from agentkit.events import Event

            yield Event(kind="token", data={"text": "partial "})
            raise RuntimeError("boom")

    url = serve(create_app(Settings(models=("broken",)), agent_factory=lambda spec, checkpointer: Broken()))
    question = [{"role": "user", "content": "anything"}]
    with pytest.raises(openai.InternalServerError) as caught:
        _client(url).chat.completions.create(model="agentkit", messages=question)
    assert "boom" not in caught.value.message  # no internals in the response
    with pytest.raises(openai.APIError, match="internal error"):
        list(_client(url).chat.completions.create(model="agentkit", messages=question, stream=True))


def test_the_concurrency_limit_answers_429_at_once(serve: Serve) -> None:
    import asyncio
    import threading

    entered, release = threading.Event(), threading.Event()

    class Slow:
        model = None

        async def ainvoke(self, text: str, thread_id: str | None = None, **kwargs: Any) -> Any:
            if text != WARM_UP_REQUEST:  # the server's own request at start-up goes through
                entered.set()
                await asyncio.to_thread(release.wait, 20)
            return Agent(model="none").invoke(text)

    url = serve(
        create_app(
            Settings(models=("slow",), max_concurrent=1), agent_factory=lambda spec, checkpointer: Slow()
        )
    )
    body = {"model": "agentkit", "messages": [{"role": "user", "content": "What is 2+3?"}]}
    first: dict[str, Any] = {}
    worker = threading.Thread(
        target=lambda: first.update(r=httpx.post(f"{url}/v1/chat/completions", json=body, timeout=30))
    )
    worker.start()
    try:
        assert entered.wait(20)
        second = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=5)
        assert second.status_code == 429 and second.json()["error"]["type"] == "rate_limit_error"
    finally:
        release.set()
        worker.join(30)
    assert first["r"].status_code == 200 and first["r"].json()["choices"][0]["message"]["content"] == str(
        2 + 3
    )


def test_an_mcp_app_given_to_the_server_answers_at_mcp_beside_the_openai_routes(serve: Serve) -> None:
    import anyio
    from mcp import Client

    from agentkit.mcp import build_server, http_app

    mcp_server = build_server(Agent(model="none"))
    url = serve(
        create_app(
            Settings(models=("none",)),
            mcp_app=http_app(mcp_server, path="/"),
            mcp_lifespan=mcp_server.session_manager.run,
        )
    )

    async def session() -> Any:
        async with Client(f"{url}/mcp/") as client:
            return await client.call_tool("ask", {"request": "what is 3 to the power of 9?"})

    result = anyio.run(session)
    assert not result.is_error and result.structured_content["answer"] == str(3**9)
    assert _client(url).chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": "What is 3**9?"}]
    ).choices[0].message.content == str(3**9)


def test_with_tracing_on_the_trace_id_travels_in_a_header_and_in_the_answer(serve: Serve) -> None:
    url = serve(create_app(Settings(models=("none",), traces="file")))
    raw = _client(url).chat.completions.with_raw_response.create(
        model="agentkit", messages=[{"role": "user", "content": "What is 99*99?"}]
    )
    trace_id = raw.parse().model_extra["agentkit"]["trace_id"]
    assert trace_id and len(trace_id) == 32 and int(trace_id, 16)
    assert raw.headers["x-agentkit-trace-id"] == trace_id
