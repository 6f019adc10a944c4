"""The FastAPI app of ``agentkit serve``: routes, lifespan (agents, thread state, tracing) and factory.

    GET  /                      the chat page (``static/index.html``); its assets under /static
    GET  /healthz               liveness, without auth
    GET  /v1/models             the configured models (the first is also ``agentkit``)
    POST /v1/chat/completions   OpenAI's chat completions, streamed or not
    /mcp                        an MCP ASGI app, when one is given (`create_app(mcp_app=..., ...)`)

``create_app_from_env`` is the factory uvicorn imports in each worker process (``--workers N``).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import ValidationError

from agentkit.errors import ConfigError
from agentkit.server.background import answer_background, background_task
from agentkit.server.conversation import split_turn
from agentkit.server.errors import ApiError, install_error_handlers
from agentkit.server.limits import ConcurrencyLimit, check_api_key, read_body
from agentkit.server.protocol import ChatRequest, completion_body, completion_id, model_list
from agentkit.server.responses import answer_headers, stream_answer, stream_events
from agentkit.server.settings import DEFAULT_ALIAS, Settings
from agentkit.server.threads import open_checkpointer

__all__ = ["CHAT_PATH", "MCP_PATH", "AgentFactory", "check_settings", "create_app", "create_app_from_env"]

logger = logging.getLogger(__name__)

CHAT_PATH = "/v1/chat/completions"
MCP_PATH = "/mcp"  # where `create_app(mcp_app=...)` mounts an MCP server
THREAD_HEADER = "x-agentkit-thread"
_THREAD_NAME = re.compile(r"^[\w.:@/-]{1,200}$")
_ASSET_NAME = re.compile(r"^[\w-][\w.-]*$")
WARM_UP_REQUEST = "What is 1+1?"
WARM_UP_SECONDS = 60.0

# (model spec, checkpointer or None) -> an agent: `invoke`, `ainvoke`, `astream` and `model` as on `Agent`
AgentFactory = Callable[[str, Any], Any]


@dataclass
class _Agents:
    """One model's two agents: one without state (the client sends the history), one on the thread state."""

    stateless: Any
    threaded: Any


@dataclass
class _Server:
    settings: Settings
    factory: AgentFactory | None
    agents: dict[str, _Agents] = field(default_factory=dict)
    created: int = field(default_factory=lambda: int(time.time()))

    def model_ids(self) -> list[str]:
        return [DEFAULT_ALIAS, *self.agents]

    def agents_for(self, model: str) -> _Agents:
        if model == DEFAULT_ALIAS and self.agents:
            return next(iter(self.agents.values()))
        if model not in self.agents:
            raise ApiError(
                404,
                f"the model {model!r} does not exist; this server has {self.model_ids()!r}",
                code="model_not_found",
                param="model",
            )
        return self.agents[model]


def create_app(
    settings: Settings | None = None,
    *,
    agent_factory: AgentFactory | None = None,
    mcp_app: Any = None,
    mcp_lifespan: Callable[[], AbstractAsyncContextManager[Any]] | None = None,
) -> FastAPI:
    """The server's ASGI app.

    Args:
        settings: what to serve and how (`Settings`); the defaults serve ``$AGENTKIT_MODEL`` with threads
            kept in memory.
        agent_factory: makes the agent for a model spec: ``factory(spec, checkpointer)``; ``None``
            builds `agentkit.Agent` from ``settings`` (or from ``settings.agent_factory``).
        mcp_app: an ASGI app mounted at ``/mcp`` (the MCP server's streamable-HTTP app, built with
            ``path="/"``). A mounted app's own lifespan does not run, so:
        mcp_lifespan: entered for the app's life, e.g. the MCP server's ``session_manager.run``.
    """
    settings = settings or Settings()
    server = _Server(settings=settings, factory=agent_factory or _named_factory(settings.agent_factory))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            factory = server.factory or _default_factory(settings, stack)
            checkpointer = await stack.enter_async_context(_checkpointer(settings.state))
            if mcp_lifespan is not None:
                await stack.enter_async_context(mcp_lifespan())
            for spec in _specs(settings):
                server.agents[spec] = _Agents(
                    stateless=factory(spec, None), threaded=factory(spec, checkpointer)
                )
            for agents in server.agents.values():
                await _warm_up(agents.stateless)
            yield
            server.agents.clear()

    app = FastAPI(title="agentkit", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None)
    install_error_handlers(app)
    app.add_middleware(
        ConcurrencyLimit,
        limit=settings.max_concurrent,
        running=settings.max_running,
        paths=frozenset({CHAT_PATH}),
    )

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "models": server.model_ids()}

    @app.get("/v1/models")
    async def models(request: Request) -> dict[str, Any]:
        check_api_key(request, settings.api_key)
        return model_list(server.model_ids(), created=server.created)

    @app.get("/v1/models/{model:path}")
    async def model(model: str, request: Request) -> dict[str, Any]:
        check_api_key(request, settings.api_key)
        server.agents_for(model)
        return model_list([model], created=server.created)["data"][0]

    @app.post(CHAT_PATH)
    async def chat_completions(request: Request) -> Response:
        check_api_key(request, settings.api_key)
        chat = _parse(await read_body(request, settings.max_body_bytes))
        agents = server.agents_for(chat.model)
        ident = completion_id()
        task = background_task(chat.messages)
        if task is not None:  # a front end's title or tags: never through the tools
            answer = await answer_background(task, chat.messages, getattr(agents.stateless, "model", None))
            if chat.stream:
                return stream_answer(answer, ident=ident, model=chat.model, include_usage=chat.include_usage)
            return JSONResponse(
                completion_body(answer, model=chat.model, ident=ident), headers=answer_headers(answer)
            )
        turn = split_turn(chat.messages)
        thread = _thread_name(request)
        agent = agents.stateless if thread is None else agents.threaded
        history = turn.history if thread is None else None  # a thread keeps its own history
        if chat.stream:
            return await stream_events(
                agent,
                turn.text,
                thread,
                history,
                ident=ident,
                model=chat.model,
                include_usage=chat.include_usage,
            )
        answer = await agent.ainvoke(turn.text, thread, history=history)
        return JSONResponse(
            completion_body(answer, model=chat.model, ident=ident), headers=answer_headers(answer)
        )

    @app.get("/", response_class=HTMLResponse)
    async def page() -> Response:
        return _asset("index.html")

    @app.get("/static/{name}")
    async def asset(name: str) -> Response:
        return _asset(name)

    if mcp_app is not None:
        app.mount(MCP_PATH, mcp_app)
    return app


def create_app_from_env() -> FastAPI:
    """The app with `Settings.from_env`: the factory ``agentkit serve`` names to uvicorn (one per worker),
    with the MCP server mounted at ``/mcp`` (`mcp_mount`)."""
    settings = Settings.from_env()
    return create_app(settings, **mcp_mount(settings))


def mcp_mount(settings: Settings) -> dict[str, Any]:
    """``create_app``'s MCP arguments for ``agentkit serve``: the tools as an MCP server at ``/mcp/``.

    Its agent answers with the tools alone (an MCP client is itself a model), on the same databases; behind
    the same bearer key as ``/v1``. Empty when the ``mcp`` extra is not installed.
    """
    try:
        from agentkit.mcp.server import build_server, http_app
    except ImportError:
        return {}
    from agentkit import Agent

    server = build_server(Agent(model="none", databases=dict(settings.databases)))
    app = http_app(server, path="/", host=settings.host)  # made first: it creates the session manager
    return {"mcp_app": _KeyGate(app, settings.api_key), "mcp_lifespan": server.session_manager.run}


class _KeyGate:
    """An ASGI app that lets a request through to ``app`` only with the bearer key (when one is set)."""

    def __init__(self, app: Any, api_key: str | None) -> None:
        self.app, self.api_key = app, api_key

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.api_key:
            try:
                check_api_key(Request(scope), self.api_key)
            except ApiError as exc:
                await exc.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)


def check_settings(settings: Settings) -> None:
    """Raise `ConfigError` now for what would stop the app at start-up: a model, a database, the factory."""
    from pathlib import Path

    from agentkit.models import resolve_model

    _named_factory(settings.agent_factory)
    for spec in _specs(settings):
        resolve_model(spec)
    for name, path in settings.databases.items():
        if not Path(path).is_file():
            raise ConfigError(f"database {name!r}: no file at {str(path)!r}")


def _parse(body: bytes) -> ChatRequest:
    try:
        return ChatRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise ApiError(400, f"invalid chat request: {problems}") from exc


def _thread_name(request: Request) -> str | None:
    name = request.headers.get(THREAD_HEADER)
    if name is None:
        return None
    if not _THREAD_NAME.match(name):
        raise ApiError(
            400,
            f"the {THREAD_HEADER} header must be 1-200 letters, digits or . : @ / - _",
            param=THREAD_HEADER,
        )
    return name


def _asset(name: str) -> Response:
    """A file of the chat page, from the installed package (``agentkit/server/static``)."""
    resource = files("agentkit.server").joinpath("static", name)
    if not _ASSET_NAME.match(name) or not resource.is_file():
        raise ApiError(404, f"no such page: {name!r}")
    media = {
        "html": "text/html",
        "js": "text/javascript",
        "css": "text/css",
        "svg": "image/svg+xml",
        "png": "image/png",
        "ico": "image/x-icon",
    }.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    return Response(resource.read_bytes(), media_type=media, headers={"cache-control": "no-cache"})


async def _warm_up(agent: Any) -> None:
    """One symbolic request before the server says it is up, so the first client does not wait for the
    tools' worker processes to start; a failure is logged, not fatal (the agent may be a custom one)."""
    try:
        await asyncio.wait_for(agent.ainvoke(WARM_UP_REQUEST), WARM_UP_SECONDS)
    except Exception as exc:  # noqa: BLE001 - start-up goes on; the first real request shows the problem
        logger.warning("the warm-up request failed: %s: %s", type(exc).__name__, exc)


def _specs(settings: Settings) -> tuple[str, ...]:
    if settings.models:
        return settings.models
    import os

    from agentkit.models import ENV_VAR, default_model_spec

    return (os.environ.get(ENV_VAR) or default_model_spec(),)


@asynccontextmanager
async def _checkpointer(state: str) -> AsyncIterator[Any]:
    """The thread state's checkpointer; with no ``state``, threads live in memory for the process's life."""
    if not state:
        from langgraph.checkpoint.memory import InMemorySaver

        yield InMemorySaver()
        return
    async with open_checkpointer(state) as saver:
        yield saver


def _default_factory(settings: Settings, stack: AsyncExitStack) -> AgentFactory:
    """`agentkit.Agent` for each spec, one chat model shared by a spec's two agents, spans as configured."""
    from agentkit import Agent
    from agentkit.models import resolve_model

    provider = _tracer_provider(settings.traces, stack)
    resolved: dict[str, Any] = {}

    def make(spec: str, checkpointer: Any) -> Any:
        if spec not in resolved:
            resolved[spec] = resolve_model(spec)
        return Agent(
            model=resolved[spec],
            databases=dict(settings.databases),
            checkpointer=checkpointer,
            tracer_provider=provider,
            trace_content=True if settings.trace_content else None,
            budget=settings.budget(),
        )

    return make


def _named_factory(target: str | None) -> AgentFactory | None:
    """The ``module:function`` a user named as the agent factory."""
    if not target:
        return None
    module, sep, name = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module), name) if sep else None
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import the agent factory {target!r}: {exc}") from exc
    if not callable(factory):
        raise ConfigError(f"the agent factory must be 'module:function', got {target!r}")
    return factory


def _tracer_provider(traces: str, stack: AsyncExitStack) -> Any:
    if traces == "none":
        from opentelemetry.trace import NoOpTracerProvider

        return NoOpTracerProvider()
    from agentkit.tracing.setup import configure

    provider = configure(traces)  # type: ignore[arg-type]
    if hasattr(provider, "shutdown"):
        stack.callback(provider.shutdown)
    return provider


def _version() -> str:
    from agentkit import __version__

    return __version__
