"""`Agent`: the public entry point that plans, routes, executes, validates and composes one request.

    >>> from agentkit import Agent
    >>> answer = Agent(model="none").invoke("What is the gcd of 12 and 18?")
    >>> answer.answer, answer.route, answer.verified
    ('6', 'symbolic', True)
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer
from opentelemetry.trace import TracerProvider

from agentkit.answer import EMPTY_REQUEST, Answer, Step, failure
from agentkit.config import Budget
from agentkit.errors import ConfigError
from agentkit.graphs.deps import Deps
from agentkit.graphs.offload import build_offload_graph
from agentkit.models import resolve_model
from agentkit.selector import DEFAULT_THRESHOLD, Selector
from agentkit.tools.base import ToolFamily, with_databases
from agentkit.tools.registry import BUILTIN_FAMILIES, Registry, default_registry
from agentkit.tracing import capture_content, get_tracer, hex_trace_id, record_invoke

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["MAX_REQUEST_CHARS", "Agent"]

logger = logging.getLogger(__name__)

MAX_REQUEST_CHARS = 100_000
ModelSpec = Union["BaseChatModel", str, None]


class Agent:
    """An agent that answers with verified symbolic tools first and a chat model only as the fallback.

    Args:
        model: ``"none"`` (symbolic only), ``"local"`` (the embedded model), ``"openai:<model>"``,
            ``"anthropic:<model>"``, ``"ollama:<model>"``, an OpenAI-compatible base URL, or any
            langchain-core ``BaseChatModel``. ``None`` means ``$AGENTKIT_MODEL``, else ``local`` when
            it is installed, else ``none``.
        tools: tool families to use: names of built-in families, family objects, or ``None`` for all built-ins.
        threshold: the routing threshold (1.0: a tool answers only a step it parsed whole).
        checkpointer: a LangGraph checkpointer; with one, ``thread_id`` keeps a conversation. When a
            ``thread_id`` is passed and none was given, an in-memory one is used.
        tracer_provider: where spans go; the global provider when omitted.
        budget: per-request limits on model calls, tokens and time (`Budget`); every model loop stops there.
        databases: SQLite files the SQL tool may read, by name: ``{"shop": "shop.sqlite"}``. They are
            opened read-only; a missing file raises `ConfigError` at once.
        clock: returns the current date and time (naive or aware); its date is "today" for the tools.
            Defaults to ``datetime.now``.
        strict: a bug inside a tool family (any exception that is not an `agentkit.errors.ToolInputError`) raises out of
            `invoke` instead of becoming a declined step; for tests and development.
        trace_content: record message content (requests, prompts, replies, tool arguments and results) on
            spans. ``None`` reads ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` once, here.
    """

    def __init__(
        self,
        model: ModelSpec = None,
        *,
        tools: Iterable[str | ToolFamily] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        checkpointer: Checkpointer = None,
        tracer_provider: TracerProvider | None = None,
        databases: Mapping[str, str | Path] | None = None,
        budget: Budget | None = None,
        clock: Callable[[], datetime] | None = None,
        strict: bool = False,
        trace_content: bool | None = None,
    ) -> None:
        self.model = resolve_model(model)
        self.registry = _with_databases(_registry(tools), databases)
        self.selector = Selector(self.registry, threshold=threshold, strict=strict)
        self._tracer = get_tracer(tracer_provider)
        self._checkpointer = checkpointer
        self.budget = budget or Budget()
        self.strict = strict
        self.trace_content = capture_content() if trace_content is None else trace_content
        self._deps = Deps(selector=self.selector, model=self.model, tracer=self._tracer, budget=self.budget,
                          clock=clock or datetime.now, strict=strict, trace_content=self.trace_content)
        self._graph = build_offload_graph(self._deps, checkpointer=checkpointer)
        self._threaded: CompiledStateGraph | None = None
        self._threaded_lock = threading.Lock()

    @property
    def graph(self) -> CompiledStateGraph:
        """The compiled LangGraph graph, for use with any LangGraph tooling."""
        return self._graph

    def _graph_for(self, thread_id: str | None) -> CompiledStateGraph:
        if thread_id is None or self._checkpointer is not None:
            return self._graph
        with self._threaded_lock:  # two threads' first turns must share one in-memory checkpointer
            if self._threaded is None:
                from langgraph.checkpoint.memory import InMemorySaver

                self._threaded = build_offload_graph(self._deps, checkpointer=InMemorySaver())
            return self._threaded

    def invoke(self, text: str, thread_id: str | None = None) -> Answer:
        """Answer one request. Bad input gives an answer with an error message, never an exception.

        Raises:
            TypeError: ``text`` is not a ``str``.
            Exception: with ``strict=True``, a bug inside a tool family, as it was raised.
        """
        start = time.perf_counter()
        if not isinstance(text, str):
            raise TypeError(f"invoke() takes the request as str, got {type(text).__name__!r}")
        with self._tracer.start_as_current_span("invoke_agent agentkit") as span:
            span.set_attributes({"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "agentkit"})
            if thread_id is not None:
                span.set_attribute("gen_ai.conversation.id", str(thread_id))
            problem = _input_problem(text)
            if problem:
                result = failure(problem)
            else:
                config = None
                if thread_id is not None:
                    config = {"configurable": {"thread_id": str(thread_id)}}
                elif self._checkpointer is not None:  # a checkpointer needs a thread: a one-off one
                    config = {"configurable": {"thread_id": f"one-off-{uuid.uuid4().hex}"}}
                try:
                    result = self._graph_for(thread_id).invoke({"request": text}, config)["answer"]
                except Exception as exc:  # a bug must not reach the user as a traceback; it is logged
                    if self.strict:
                        raise
                    logger.exception("the offload graph failed on a request")
                    result = failure(f"internal error ({type(exc).__name__}); the request was not answered")
            record_invoke(span, result, request=text, model=self.model, content=self.trace_content)
            trace_id = hex_trace_id(span)
        return _answer(result, latency_ms=(time.perf_counter() - start) * 1000, trace_id=trace_id)

    async def ainvoke(self, text: str, thread_id: str | None = None) -> Answer:
        """`invoke` without blocking the event loop (the sympy work runs in a worker thread)."""
        return await asyncio.to_thread(self.invoke, text, thread_id)


def _registry(tools: Iterable[str | ToolFamily] | None) -> Registry:
    if tools is None:
        return default_registry()
    tools = list(tools)
    if all(isinstance(t, str) for t in tools):
        return default_registry(tools)  # type: ignore[arg-type]
    registry = Registry()
    for item in tools:
        for family in default_registry([item]) if isinstance(item, str) else [item]:
            registry.add(family)
    return registry


def _with_databases(registry: Registry, databases: Mapping[str, str | Path] | None) -> Registry:
    """The registry with every family that reads databases (``with_databases``) bound to ``databases``.

    When no family in it reads databases, the built-in families that do are added, bound.
    """
    if not databases:
        return registry
    for name, path in databases.items():
        if not Path(path).is_file():
            raise ConfigError(f"database {name!r}: no file at {str(path)!r}")
    paths = {str(name): Path(path) for name, path in databases.items()}
    if any(_reads_databases(family) for family in registry):
        return Registry(with_databases(family, paths) for family in registry)
    built_in = (make() for make in BUILTIN_FAMILIES.values())
    return Registry([*registry, *(with_databases(f, paths) for f in built_in if _reads_databases(f))])


def _reads_databases(family: ToolFamily) -> bool:
    return getattr(family, "with_databases", None) is not None


def _input_problem(text: str) -> str | None:
    if not text.strip():
        return EMPTY_REQUEST
    if len(text) > MAX_REQUEST_CHARS:
        return f"the request is too long ({len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,})"
    return None


def _answer(result: dict[str, Any], *, latency_ms: float, trace_id: str | None) -> Answer:
    return Answer(
        answer=result["answer"],
        route=result["route"],
        verified=result["verified"],
        fm_calls=result["fm_calls"],
        tokens=dict(result["tokens"]),
        latency_ms=latency_ms,
        steps=[Step.from_dict(s) for s in result["steps"]],
        trace_id=trace_id,
        error=result.get("error"),
    )
