"""Shared fixtures: a scripted chat model for the graph (after langgraph's libs/prebuilt/tests/model.py), spans in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import Field


class ScriptedChatModel(BaseChatModel):
    """A chat model that plays a script: each call returns the next reply, or raises it if it is an exception.

    Every prompt it receives is kept in ``prompts``, so a test can assert what the
    graph asked and how often. A call past the end of the script fails the test.
    """

    script: list[Any] = Field(default_factory=list)
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    model_name: str = "scripted-model"

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        self.prompts.append(list(messages))
        if not self.script:
            raise AssertionError(f"the scripted model was called more often than scripted: {messages!r}")
        reply = self.script.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def prompt_texts(self) -> list[str]:
        """Each call's messages joined into one text, for substring assertions."""
        return ["\n".join(str(m.content) for m in prompt) for prompt in self.prompts]


ScriptedModelFactory = Callable[..., ScriptedChatModel]


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    """Spans recorded in memory, for assertions on the trace."""
    return InMemorySpanExporter()


@pytest.fixture
def tracer_provider(exporter: InMemorySpanExporter) -> Iterator[TracerProvider]:
    """A tracer provider that sends every span to ``exporter`` at once."""
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider
    provider.shutdown()


@pytest.fixture
def scripted_model() -> ScriptedModelFactory:
    """Make a `ScriptedChatModel`: ``scripted_model("Paris", usage=(12, 3))``, ``scripted_model(OSError())``.

    A string becomes an ``AIMessage`` whose ``usage_metadata`` reports ``usage``
    (input, output tokens); an exception is raised by the call that reaches it.
    """

    def make(*script: str | BaseException, usage: tuple[int, int] = (0, 0)) -> ScriptedChatModel:
        replies: list[Any] = []
        for item in script:
            if isinstance(item, str):
                replies.append(AIMessage(content=item, usage_metadata={
                    "input_tokens": usage[0], "output_tokens": usage[1], "total_tokens": sum(usage)}))
            else:
                replies.append(item)
        return ScriptedChatModel(script=replies)

    return make


@pytest.fixture(autouse=True)
def _trace_files_in_a_temporary_directory(tmp_path_factory: pytest.TempPathFactory,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI writes trace files by default: keep them out of the work tree (subprocesses inherit this)."""
    monkeypatch.setenv("AGENTKIT_TRACES_DIR", str(tmp_path_factory.getbasetemp() / "traces"))


@pytest.fixture(autouse=True)
def _symbolic_only_unless_a_test_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Agent()`` defaults to the embedded model when it is installed; tests choose their model explicitly."""
    monkeypatch.setenv("AGENTKIT_MODEL", "none")
