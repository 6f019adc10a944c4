"""The chat page at ``/`` in a real headless Chromium (Debian's, driven by Playwright), against the real server.

The server is `agentkit.server.app.create_app` on uvicorn on a loopback port (``serve``), answering with
``--model none``. Expected values come from Python's `decimal` (the international mile is exactly
1.609344 km), not from the agent.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from agentkit.server.app import create_app
from agentkit.server.settings import Settings
from tests.server.conftest import Serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MILE_KM = Decimal("1.609344")
WAIT_MS = 60_000

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason="Debian's chromium is not installed at /usr/bin/chromium")


def _km(miles: int, factor: int = 1) -> str:
    return f"{(miles * MILE_KM * factor).normalize()} km"


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_url(serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AGENTKIT_TRACES_DIR", str(tmp_path / "traces"))
    return _warm(serve(create_app(Settings(models=("none",), traces="file", state=str(tmp_path / "threads.sqlite")))))


def _warm(url: str) -> str:
    """``url`` once its tool worker has answered a conversion: a fresh worker builds the units registry on its
    first one, which can pass the tool's time limit on a loaded machine (reported; not the page's concern)."""
    import httpx

    body = {"model": "agentkit", "messages": [{"role": "user", "content": "convert 1 mile to km"}]}
    for _ in range(5):
        if httpx.post(f"{url}/v1/chat/completions", json=body, timeout=60).headers["x-agentkit-verified"] == "true":
            return url
    pytest.fail("the server never answered a unit conversion within the tool's time limit")


def _open(browser: Any, url: str, width: int = 1000) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_selector("#model[data-loaded=true]")
    return page


def _ask(page: Any, text: str) -> tuple[Any, Any]:
    """Type ``text``, press Enter; the finished reply and the completion request the page sent."""
    before = page.locator(".reply").count()
    with page.expect_request("**/v1/chat/completions") as request:
        page.fill("#question", text)
        page.press("#question", "Enter")
    reply = page.locator(".reply").nth(before)
    page.wait_for_function(
        "(n) => { const r = document.querySelectorAll('.reply')[n]; return r && r.dataset.status !== 'streaming'; }",
        arg=before,
    )
    return reply, request.value


def test_a_question_streams_to_a_verified_answer_and_a_follow_up_is_answered_from_the_history(
    browser: Any, page_url: str, tmp_path: Path
) -> None:
    page = _open(browser, page_url)
    assert page.locator("#model option").all_inner_texts() == ["agentkit", "none"]  # from GET /v1/models

    with page.expect_response("**/v1/chat/completions") as response_info:
        reply, request = _ask(page, "convert 5 miles to km")
    response = response_info.value
    assert response.headers["content-type"].startswith("text/event-stream")
    assert json.loads(request.post_data)["stream"] is True
    assert reply.get_attribute("data-status") == "done"
    assert reply.locator(".content").inner_text().strip() == _km(5)
    assert reply.locator(".badge.verified").inner_text() == "✓ verified"
    assert reply.locator(".badge.route").inner_text() == "symbolic"
    assert reply.locator(".badge.calls").inner_text() == "0 model calls"
    assert reply.locator(".badge.latency").inner_text().endswith(" ms")

    how = reply.locator("details.how")
    assert not how.locator(".field-reading").first.is_visible()  # folded until asked
    how.locator("summary").click()
    assert how.locator(".field-reading").inner_text() == "5 mi → km"
    assert how.locator(".field-tool").inner_text().endswith(".convert")
    assert "✓" in how.locator("ul.checks").inner_text()
    assert how.locator(".trace-id").inner_text() == response.headers["x-agentkit-trace-id"]

    follow_up, request = _ask(page, "now double it")
    sent = json.loads(request.post_data)["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]  # the whole conversation, statelessly
    assert sent[1]["content"] == _km(5)
    assert "x-agentkit-thread" not in request.headers
    assert follow_up.locator(".content").inner_text().strip() == _km(5, 2)
    assert follow_up.locator(".badge.verified").inner_text() == "✓ verified"

    assert how.locator(".field-reading").is_visible()  # a new reply leaves the earlier fold-out open
    page.screenshot(path=str(tmp_path / "chat_page.png"), full_page=True)

    page.reload()  # the conversation is kept in the browser
    page.wait_for_selector("#model[data-loaded=true]")
    assert page.locator(".reply .content").all_inner_texts() == [_km(5), _km(5, 2)]
    assert page.locator(".reply .badge.verified").count() == 2
    page.click("#new")
    assert page.locator(".reply").count() == 0
    assert page.errors == []


def test_html_in_a_question_is_shown_as_text_and_injects_nothing(browser: Any, page_url: str) -> None:
    page = _open(browser, page_url)
    attack = '<img src=x onerror="window.pwned=1"><b id="injected">bold</b> what is 2+2?'
    reply, _ = _ask(page, attack)
    assert page.locator("#log li.user .text").inner_text() == attack
    assert page.locator("#injected").count() == 0
    assert page.locator("#log img, #log script").count() == 0
    assert page.evaluate("window.pwned") is None
    assert reply.get_attribute("data-status") in ("done", "error")
    assert page.errors == []


def test_the_markdown_renderer_escapes_before_it_formats(browser: Any, page_url: str) -> None:
    page = _open(browser, page_url)
    source = ("**Result** is `<i>x</i>` & <script>window.pwned=1</script>\n\n- one **two**\n- three\n\n"
              "1. first\n2. second\n\n```python\n<b>not bold</b> **not strong**\n```\nafter")
    shape = page.evaluate(
        """(source) => {
            const box = document.createElement("div");
            box.innerHTML = renderMarkdown(source);
            const tags = [...box.querySelectorAll("*")].map((n) => n.tagName.toLowerCase());
            return {tags, strong: [...box.querySelectorAll("strong")].map((n) => n.textContent),
                    code: box.querySelector("p code").textContent, pre: box.querySelector("pre").textContent,
                    items: [...box.querySelectorAll("li")].map((n) => n.textContent), text: box.textContent};
        }""",
        source,
    )
    assert set(shape["tags"]) <= {"p", "strong", "code", "ul", "ol", "li", "pre", "br"}
    assert shape["strong"] == ["Result", "two"]
    assert shape["code"] == "<i>x</i>"
    assert shape["pre"] == "<b>not bold</b> **not strong**"
    assert shape["items"] == ["one two", "three", "first", "second"]
    assert "<script>window.pwned=1</script>" in shape["text"]
    assert shape["text"].endswith("after")


def test_the_page_fits_a_360_pixel_screen(browser: Any, page_url: str, tmp_path: Path) -> None:
    page = _open(browser, page_url, width=360)
    reply, _ = _ask(page, "What is the gcd of 12 and 18?")
    assert reply.locator(".content").inner_text().strip() == str(math.gcd(12, 18))
    reply.locator("details.how summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for control in ("#question", "#send", "#stop", "#model"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, control
    assert page.locator("label[for=question]").count() == 1 and page.locator("label[for=model]").count() == 1
    assert page.locator("#log").get_attribute("aria-live") == "polite"
    page.screenshot(path=str(tmp_path / "chat_page_360.png"), full_page=True)


class _SlowWriter(BaseChatModel):
    """A chat model that writes ``reply`` one word every ``delay`` seconds, streamed (``_astream``)."""

    reply: str
    delay: float

    @property
    def _llm_type(self) -> str:
        return "slow-writer"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        for index, word in enumerate(self.reply.split(" ")):
            await asyncio.sleep(self.delay)
            yield ChatGenerationChunk(message=AIMessageChunk(content=(" " if index else "") + word))


def _model_server(serve: Serve, reply: str, delay: float) -> str:
    from agentkit import Agent

    def factory(spec: str, checkpointer: Any) -> Any:
        return Agent(model=_SlowWriter(reply=reply, delay=delay), checkpointer=checkpointer)

    return _warm(serve(create_app(Settings(models=("writer",), traces="none"), agent_factory=factory)))


def test_a_model_reply_appears_as_it_is_written_and_is_marked_not_verified(browser: Any, serve: Serve) -> None:
    words = ["Paris", "is", "the", "capital", "of", "France,", "on", "the", "Seine."]
    page = _open(browser, _model_server(serve, " ".join(words), delay=0.15))
    page.fill("#question", "What is the capital of France?")
    page.press("#question", "Enter")
    page.wait_for_function(  # part of the reply is shown while the rest is still being written
        "() => { const r = document.querySelector('.reply'); return r && r.dataset.status === 'streaming'"
        " && r.textContent.includes('capital'); }"
    )
    assert page.locator("#stop").is_enabled() and page.locator("#send").is_disabled()
    page.wait_for_selector(".reply[data-status=done]")
    reply = page.locator(".reply")
    assert reply.locator(".content").inner_text().split() == words
    assert reply.locator(".badge.route").inner_text() == "model"
    assert reply.locator(".badge.unverified").inner_text() == "? not verified"
    assert reply.locator(".badge.calls").inner_text() == "1 model call"
    assert reply.locator(".badge.verified").count() == 0
    assert page.errors == []


def test_stop_ends_a_reply_and_the_stopped_exchange_is_not_sent_again(browser: Any, serve: Serve) -> None:
    page = _open(browser, _model_server(serve, " ".join(["word"] * 200), delay=0.1))
    page.fill("#question", "Tell me a long story")
    page.press("#question", "Enter")
    page.wait_for_function("() => document.querySelector('.reply .content').textContent.includes('word')")
    page.click("#stop")
    page.wait_for_selector(".reply[data-status=stopped]")
    assert 0 < page.locator(".reply .content").inner_text().count("word") < 200
    assert page.locator("#send").is_enabled() and page.locator("#stop").is_disabled()
    assert page.locator(".reply .badge").count() == 0  # no verdict for an answer that never came

    _, request = _ask(page, "convert 5 miles to km")
    assert json.loads(request.post_data)["messages"] == [{"role": "user", "content": "convert 5 miles to km"}]
    assert page.locator(".reply").nth(1).locator(".content").inner_text().strip() == _km(5)
    assert page.errors == []


def test_a_repaired_claim_replaces_the_text_as_streamed(browser: Any, serve: Serve) -> None:
    page = _open(browser, _model_server(serve, "Half of 48 is easy: 48 / 2 = 25", delay=0.01))
    reply, _ = _ask(page, "Tell me something about the number 48")
    shown = reply.locator(".content").inner_text()
    assert reply.get_attribute("data-status") == "done"
    assert f"48 / 2 = {48 // 2}" in shown  # the computed value, not the model's, marked as a repair
    assert "corrected from 25" in shown
    assert "= 25" not in shown
    assert reply.locator(".badge.verified").count() == 0


def test_with_an_api_key_the_page_asks_for_it_once_and_keeps_it(browser: Any, serve: Serve, tmp_path: Path) -> None:
    url = serve(create_app(Settings(models=("none",), traces="none", api_key="s3cret-key")))
    page = _open(browser, url)
    assert page.locator("#keyform").is_visible()  # GET /v1/models said 401
    assert page.locator("#model option").all_inner_texts() == ["agentkit"]
    page.fill("#apikey", "s3cret-key")
    page.click("#keyform button")
    page.wait_for_function("() => document.querySelectorAll('#model option').length === 2")
    assert page.locator("#keyform").is_hidden()
    reply, request = _ask(page, "What is 2**10?")
    assert request.headers["authorization"] == "Bearer s3cret-key"
    assert reply.locator(".content").inner_text().strip() == str(2**10)
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('#model option').length === 2")
    assert page.locator("#keyform").is_hidden()


def test_a_wrong_api_key_is_said_in_the_reply(browser: Any, serve: Serve) -> None:
    url = serve(create_app(Settings(models=("none",), traces="none", api_key="right-key")))
    page = _open(browser, url)
    page.evaluate("localStorage.setItem('agentkit.apiKey', 'wrong-key')")
    reply, _ = _ask(page, "What is 2**10?")
    assert reply.get_attribute("data-status") == "error"
    import httpx

    said = httpx.get(f"{url}/v1/models", headers={"authorization": "Bearer wrong-key"}).json()["error"]["message"]
    assert reply.locator("[role=alert]").inner_text() == said  # the server's own words
    assert reply.locator(".badge").count() == 0
    assert page.locator("#keyform").is_visible()
