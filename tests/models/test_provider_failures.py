"""A provider that fails, met through the real ``openai`` client on loopback: each failure ends within the
request's Budget, is said in words (route and verdict honest), is retried only when that may help and at most
`MAX_RETRIES` times, leaves its retries in the trace, and the next request is answered as usual."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentkit import Agent
from agentkit.config import Budget
from agentkit.models import resolve_model
from agentkit.models.calls import MAX_RETRIES
from agentkit.models.openai_chat import OpenAIChat
from tests.fake_provider import FakeProvider

QUESTION = "Who wrote Hamlet?"  # no tool reads it: the model answers it alone
SECONDS = 3.0
SLACK = 1.5  # the graph's own steps, span export and the client's work, on a loaded machine


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    with FakeProvider(retry_after=0.3, hang_seconds=20) as fake:
        yield fake


def _agent(provider: FakeProvider, tracer_provider: TracerProvider, *, streaming: bool = False,
           seconds: float = SECONDS) -> Agent:
    model = resolve_model(f"openai:fake@{provider.url}")
    assert isinstance(model, OpenAIChat)  # langchain-openai is not installed here: agentkit's own client
    if streaming:
        model = model.model_copy(update={"streaming": True})
    agent = Agent(model=model, budget=Budget(seconds=seconds), tracer_provider=tracer_provider)
    agent.invoke("What is 1 + 1?")  # first-use imports are not the provider's time
    return agent


def _retries(exporter: InMemorySpanExporter) -> list[dict[str, object]]:
    return [dict(event.attributes or {}) for span in exporter.get_finished_spans() if span.name == "chat fake"
            for event in span.events if event.name == "agentkit.model.retry"]


def _timed(agent: Agent, text: str = QUESTION) -> tuple[object, float]:
    start = time.monotonic()
    answer = agent.invoke(text)
    return answer, time.monotonic() - start


def _healthy_next(agent: Agent, provider: FakeProvider) -> None:
    provider.play()
    answer = agent.invoke(QUESTION)
    assert (answer.answer, answer.route, answer.error) == (provider.reply, "model", None)


@pytest.mark.parametrize(("behaviour", "said"), [
    ("500", "failed with HTTP 500"),
    ("malformed", "gave an answer that could not be read: the server's answer is not JSON"),
    ("empty", "gave an answer that could not be read: the server's answer is not JSON"),
])
def test_a_failure_that_may_pass_is_retried_a_bounded_number_of_times_then_said(
        provider: FakeProvider, tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
        behaviour: str, said: str) -> None:
    agent = _agent(provider, tracer_provider, seconds=10 * SECONDS)  # time enough: the retry bound is what stops
    provider.play(*[behaviour] * 10)
    answer, elapsed = _timed(agent)
    assert elapsed < 10 * SECONDS
    attempts = MAX_RETRIES + 1
    assert provider.chat_requests == attempts
    assert answer.answer == (f"model call failed: the model 'fake' at {provider.url} {said}"
                             + answer.answer.split(said)[1])
    assert f"({attempts} attempts; gave up after {MAX_RETRIES} retries)" in answer.answer
    assert (answer.route, answer.verified, answer.fm_calls) == ("model", False, attempts)
    assert answer.steps[0].result is None
    assert [event["agentkit.model.attempt"] for event in _retries(exporter)] == list(range(1, attempts))
    _healthy_next(agent, provider)


def test_one_server_error_then_an_answer_is_the_answer(provider: FakeProvider, tracer_provider: TracerProvider,
                                                       exporter: InMemorySpanExporter) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("500")
    answer = agent.invoke(QUESTION)
    assert (answer.answer, answer.route, answer.verified, answer.fm_calls) == (provider.reply, "model", False, 2)
    assert [event["error.type"] for event in _retries(exporter)] == ["server_error"]


def test_a_hung_provider_ends_within_the_time_budget(provider: FakeProvider, tracer_provider: TracerProvider,
                                                     exporter: InMemorySpanExporter) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("hang")
    answer, elapsed = _timed(agent)
    assert SECONDS - 0.5 < elapsed < SECONDS + SLACK
    assert provider.chat_requests == 1  # a timeout is not retried: it would spend the time again
    assert answer.answer.startswith(f"model call failed: the model 'fake' at {provider.url} did not answer within")
    assert (answer.route, answer.verified) == ("model", False)
    chat = next(span for span in exporter.get_finished_spans() if span.name == "chat fake")
    assert chat.attributes["agentkit.model.failure"] == "timeout"
    _healthy_next(agent, provider)


def test_a_429_waits_as_retry_after_asks_then_succeeds(provider: FakeProvider, tracer_provider: TracerProvider,
                                                       exporter: InMemorySpanExporter) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("429")
    answer = agent.invoke(QUESTION)
    assert (answer.answer, answer.fm_calls) == (provider.reply, 2)
    assert provider.arrivals[1] - provider.arrivals[0] >= provider.retry_after
    (retry,) = _retries(exporter)
    assert (retry["error.type"], retry["agentkit.model.wait_s"]) == ("rate_limited", provider.retry_after)


def test_a_retry_after_longer_than_the_budget_is_not_waited_for(provider: FakeProvider,
                                                                 tracer_provider: TracerProvider) -> None:
    provider.retry_after = 60
    agent = _agent(provider, tracer_provider)
    provider.play("429")
    answer, elapsed = _timed(agent)
    assert elapsed < 1.0 and provider.chat_requests == 1
    assert answer.answer == (f"model call failed: the model 'fake' at {provider.url} is rate-limiting requests "
                             "(HTTP 429) (the request's time budget does not allow another attempt; it asked to "
                             "wait 60 s)")


def test_retries_stop_at_the_budgets_model_calls(provider: FakeProvider, exporter: InMemorySpanExporter,
                                                 tracer_provider: TracerProvider) -> None:
    model = resolve_model(f"openai:fake@{provider.url}")
    agent = Agent(model=model, budget=Budget(model_calls=2, seconds=SECONDS), tracer_provider=tracer_provider)
    provider.play("500", "500", "500")
    answer = agent.invoke(QUESTION)
    assert provider.chat_requests == 2 and answer.fm_calls == 2
    assert "the request's budget of model calls is used up" in answer.answer


def test_a_stream_cut_short_is_not_an_answer(provider: FakeProvider, tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider, streaming=True, seconds=10 * SECONDS)
    provider.play("truncated", "truncated", "truncated")
    answer = agent.invoke(QUESTION)
    assert "the server's stream ended before the answer was finished" in answer.answer
    assert (answer.route, answer.verified, answer.steps[0].result) == ("model", False, None)
    assert provider.chat_requests == MAX_RETRIES + 1
    _healthy_next(agent, provider)


def test_a_context_overflow_is_said_once_and_not_retried(provider: FakeProvider,
                                                         tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("overflow", "overflow", "overflow")
    answer = agent.invoke(QUESTION)
    assert provider.chat_requests == 1
    assert answer.answer.startswith(f"model call failed: the request is too long for the model 'fake' at "
                                    f"{provider.url}: ")
    assert "maximum context length" in answer.answer and answer.fm_calls == 1


WORD_PROBLEM = "Janet's ducks lay 16 eggs per day. She eats three. How many are left?"


def test_an_invalid_tool_call_is_no_translation_and_nothing_is_verified(provider: FakeProvider,
                                                                        tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("bad_tool_call", "bad_tool_call")  # both translations; then the model answers in words
    answer = agent.invoke(WORD_PROBLEM)
    assert [request.get("tools") is not None for request in provider.requests] == [True, True, False]
    assert answer.route == "model" and answer.verified is False
    assert not any(step.verified for step in answer.steps)
    assert answer.answer == provider.reply


def test_an_overflow_while_translating_does_not_ask_again(provider: FakeProvider,
                                                          tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider)
    provider.play("overflow", "overflow", "overflow")
    answer = agent.invoke(WORD_PROBLEM)
    assert provider.chat_requests == 1  # not the second translation, not the model's own answer
    assert "too long for the model 'fake'" in answer.answer and answer.verified is False


def test_an_unreachable_server_is_named_and_not_retried(tracer_provider: TracerProvider) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    agent = Agent(model=f"openai:fake@{url}", budget=Budget(seconds=SECONDS), tracer_provider=tracer_provider)
    answer, elapsed = _timed(agent)
    assert elapsed < SECONDS
    assert answer.answer.startswith(f"model call failed: could not reach the model 'fake' at {url}: ")
    assert "Connection refused" in answer.answer and answer.fm_calls == 1


def test_the_async_path_is_guarded_too(provider: FakeProvider, tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider, seconds=10 * SECONDS)
    provider.play("500", "500", "500")
    answer = asyncio.run(agent.ainvoke(QUESTION))
    assert provider.chat_requests == MAX_RETRIES + 1
    assert "failed with HTTP 500" in answer.answer and answer.verified is False
    agent = _agent(provider, tracer_provider)
    provider.play("hang")
    answer, elapsed = _timed_async(agent)
    assert elapsed < SECONDS + SLACK
    assert "did not answer within" in answer.answer
    provider.play()
    assert asyncio.run(agent.ainvoke(QUESTION)).answer == provider.reply


def _timed_async(agent: Agent) -> tuple[object, float]:
    start = time.monotonic()
    answer = asyncio.run(agent.ainvoke(QUESTION))
    return answer, time.monotonic() - start


def test_a_provider_that_fails_while_translating_is_not_asked_again_in_that_request(
        provider: FakeProvider, tracer_provider: TracerProvider) -> None:
    agent = _agent(provider, tracer_provider, seconds=10 * SECONDS)
    provider.play(*["500"] * 10)
    answer = agent.invoke(WORD_PROBLEM)
    assert provider.chat_requests == MAX_RETRIES + 1  # one translation's attempts, then no more
    assert f"the model 'fake' at {provider.url} failed with HTTP 500" in answer.answer
    assert answer.verified is False and answer.fm_calls == MAX_RETRIES + 1
    _healthy_next(agent, provider)
