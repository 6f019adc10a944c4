"""`Agent`: the public entry point that plans, routes, executes, validates and composes one request.

    >>> from agentkit import Agent
    >>> answer = Agent(model="none").invoke("What is the gcd of 12 and 18?")
    >>> answer.answer, answer.route, answer.verified
    ('6', 'symbolic', True)

One agent serves many threads and asyncio tasks at once: its parts are immutable or built once under a
lock, and everything a request changes lives in the graph's state (per ``thread_id`` in the
checkpointer). ``invoke`` runs the graph's sync path; ``ainvoke`` and ``astream`` its async path, where a
model call awaits and streams its tokens (`agentkit.events.Event`). The tools' time limits hold in any
thread (`agentkit.tools._workers`). A stateless client's ``history`` is read again by the tools
(`agentkit.graphs.conversation`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Checkpointer
from opentelemetry.trace import TracerProvider

from agentkit.answer import EMPTY_REQUEST, Answer, Step, failure
from agentkit.config import Budget
from agentkit.errors import ConfigError
from agentkit.events import Event
from agentkit.graphs import conversation
from agentkit.graphs.deps import Deps
from agentkit.graphs.offload import build_offload_graph
from agentkit.graphs.stream import run_streamed
from agentkit.models import resolve_model
from agentkit.selector import DEFAULT_THRESHOLD, Selector
from agentkit.tools._workers import pool as tool_workers
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
        tool_workers().prestart()  # the tools' time limits run in worker processes: start them while we get ready
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
        self._replay: CompiledStateGraph | None = None
        self._threaded_lock = threading.Lock()  # the lazily built graphs are built once, whichever thread asks

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

    def invoke(self, text: str, thread_id: str | None = None, *,
               history: Sequence[Mapping[str, Any]] | None = None) -> Answer:
        """Answer one request. Bad input gives an answer with an error message, never an exception.

        Args:
            text: the request.
            thread_id: a conversation kept by the checkpointer; its state wins over ``history``.
            history: the conversation before ``text`` as OpenAI-style messages (``{"role": "user" |
                "assistant" | "system", "content": str}``), as a stateless client sends it. Follow-ups
                are resolved from it as from a thread: the earlier requests are read again by the tools,
                and a reply's value counts only when the tools verify it (`agentkit.graphs.conversation`).

        Raises:
            TypeError: ``text`` is not a ``str``.
            Exception: with ``strict=True``, a bug inside a tool family, as it was raised.
        """
        start = time.perf_counter()
        _check_text(text)
        with self._span(thread_id) as span:
            problem = _input_problem(text, history)
            if problem:
                result = failure(problem)
            else:
                graph, config = self._graph_for(thread_id), self._config(thread_id)
                try:
                    inputs = {"request": text, **self._seed(graph, config, history)}
                    result = graph.invoke(inputs, config)["answer"]
                except Exception as exc:
                    result = self._failed(exc)
            answer = self._finish(span, text, result, start)
        return answer

    async def ainvoke(self, text: str, thread_id: str | None = None, *,
                      history: Sequence[Mapping[str, Any]] | None = None) -> Answer:
        """`invoke` on the graph's async path (``graph.ainvoke``): a model call awaits instead of holding a
        thread; tool work runs in LangGraph's worker threads and the tools' process pool. With a checkpointer
        it must be an async one (``AsyncSqliteSaver``, ``AsyncPostgresSaver``) or the in-memory one."""
        return await self._arun(text, thread_id, history, emit=None)

    async def astream(self, text: str, thread_id: str | None = None, *,
                      history: Sequence[Mapping[str, Any]] | None = None) -> AsyncIterator[Event]:
        """The events of one request as they happen (`agentkit.events.Event`): the plan, each route decision,
        each tool result with its check, the model's tokens as they arrive, each validation, and last exactly
        one ``answer`` event (also on failure: an answer with ``error``). Arguments as for `ainvoke`.

        Leaving the loop early cancels the request.
        """
        _check_text(text)
        queue: asyncio.Queue[Event | None] = asyncio.Queue()

        async def produce() -> None:
            try:
                await self._arun(text, thread_id, history, emit=queue.put_nowait)
            finally:
                queue.put_nowait(None)

        task = asyncio.ensure_future(produce())
        try:
            while (event := await queue.get()) is not None:
                yield event
            await task  # with strict=True, a tool's bug raises here
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _arun(self, text: str, thread_id: str | None, history: Sequence[Mapping[str, Any]] | None,
                    *, emit: Callable[[Event], None] | None) -> Answer:
        start = time.perf_counter()
        _check_text(text)
        with self._span(thread_id) as span:
            problem = _input_problem(text, history)
            if problem:
                result = failure(problem)
            else:
                graph, config = self._graph_for(thread_id), self._config(thread_id)
                try:
                    inputs = {"request": text, **await self._aseed(graph, config, history)}
                    if emit is None:
                        result = (await graph.ainvoke(inputs, config))["answer"]
                    else:
                        result = await run_streamed(graph, inputs, config, emit)
                except Exception as exc:
                    result = self._failed(exc)
            answer = self._finish(span, text, result, start)
        if emit is not None:
            emit(Event("answer", answer.to_dict(), answer))
        return answer

    def _span(self, thread_id: str | None) -> Any:
        span = self._tracer.start_as_current_span("invoke_agent agentkit")
        return _Started(span, thread_id)

    def _config(self, thread_id: str | None) -> dict[str, Any] | None:
        if thread_id is not None:
            return {"configurable": {"thread_id": str(thread_id)}}
        if self._checkpointer is not None:  # a checkpointer needs a thread: a one-off one
            return {"configurable": {"thread_id": f"one-off-{uuid.uuid4().hex}"}}
        return None

    def _seed(self, graph: CompiledStateGraph, config: dict[str, Any] | None,
              history: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
        """The state ``history`` stands for, unless the thread already has one (the thread wins)."""
        pairs = conversation.turns(history or [])
        if not pairs or (graph.checkpointer is not None and config and graph.get_state(config).values):
            return {}
        return conversation.replay(self._replay_graph().invoke, pairs)

    async def _aseed(self, graph: CompiledStateGraph, config: dict[str, Any] | None,
                     history: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
        pairs = conversation.turns(history or [])
        if not pairs or (graph.checkpointer is not None and config and (await graph.aget_state(config)).values):
            return {}
        return await conversation.areplay(self._replay_graph().ainvoke, pairs)

    def _replay_graph(self) -> CompiledStateGraph:
        """The graph that reads a client's earlier requests again: the tools only, no model, no checkpointer."""
        with self._threaded_lock:
            if self._replay is None:
                self._replay = build_offload_graph(dataclasses.replace(self._deps, model=None))
            return self._replay

    def _failed(self, exc: Exception) -> dict[str, Any]:
        if self.strict:
            raise exc
        logger.error("the offload graph failed on a request", exc_info=exc)  # never a traceback to the user
        return failure(f"internal error ({type(exc).__name__}); the request was not answered")

    def _finish(self, span: Any, text: str, result: dict[str, Any], start: float) -> Answer:
        record_invoke(span, result, request=text, model=self.model, content=self.trace_content)
        return _answer(result, latency_ms=(time.perf_counter() - start) * 1000, trace_id=hex_trace_id(span))


class _Started:
    """The agent's ``invoke_agent`` span as a context manager, with its conversation id set."""

    def __init__(self, manager: Any, thread_id: str | None) -> None:
        self._manager, self._thread_id = manager, thread_id

    def __enter__(self) -> Any:
        span = self._manager.__enter__()
        span.set_attributes({"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "agentkit"})
        if self._thread_id is not None:
            span.set_attribute("gen_ai.conversation.id", str(self._thread_id))
        return span

    def __exit__(self, *exc_info: Any) -> Any:
        return self._manager.__exit__(*exc_info)


def _check_text(text: Any) -> None:
    if not isinstance(text, str):
        raise TypeError(f"invoke() takes the request as str, got {type(text).__name__!r}")


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


def _input_problem(text: str, history: Any = None) -> str | None:
    if history is not None and (problem := conversation.history_problem(history)):
        return problem
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
