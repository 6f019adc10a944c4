"""The server's settings: one frozen object, also readable from environment variables (for ``--workers N``).

uvicorn starts each worker process by importing an app factory by name, so the command line cannot hand
it Python objects: ``agentkit serve`` writes its options into ``AGENTKIT_SERVE_*`` variables
(`Settings.to_env`) and each worker reads them back (`Settings.from_env`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from agentkit.config import Budget
from agentkit.errors import ConfigError

__all__ = [
    "DEFAULT_ALIAS",
    "MAX_BODY_BYTES",
    "MAX_CONCURRENT",
    "MAX_RUNNING",
    "Settings",
    "default_state_path",
]

DEFAULT_ALIAS = "agentkit"  # the model id that names the first configured model
MAX_BODY_BYTES = 1_000_000  # a chat request's body; a longer one is refused with 413
MAX_CONCURRENT = 256  # requests taken at once; one more is refused with 429
MAX_RUNNING = 4  # of those, requests running at once; the others wait (`agentkit.server.limits`)
_PREFIX = "AGENTKIT_SERVE_"


def default_state_path() -> Path:
    """Where server-side threads are kept by default: ``$XDG_STATE_HOME/agentkit/threads.sqlite``."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "agentkit" / "threads.sqlite"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What one server process needs to know.

    Attributes:
        models: model specs (``none``, ``local``, ``openai:gpt-4o-mini`` …), each listed by ``/v1/models``
            under its spec; the first is also ``agentkit``. Empty: ``$AGENTKIT_MODEL`` or the default.
        databases: SQLite files the SQL tool may read, by name.
        state: where server-side threads live: a SQLite file path, or a ``postgresql://`` URL.
        api_key: when set, ``/v1/*`` requires ``Authorization: Bearer <api_key>``.
        traces: where spans go (``file``, ``otlp``, ``console``, ``none``).
        trace_content: record message content on spans.
        max_body_bytes: the largest request body accepted (413 beyond).
        max_concurrent: requests taken at once (429 beyond).
        max_running: of those, requests running at once, the others waiting their turn. Raise it when the
            model is a remote service (its requests mostly wait on the network).
        budget_seconds, budget_model_calls, budget_tokens: the per-request `agentkit.Budget` of the default
            agent (``None``: the Budget's default); a request past one gets an answer that says so.
        agent_factory: ``"module:function"`` making the agent for a model spec (``function(spec, settings,
            checkpointer=None)``), for serving an agent configured in code; ``None``: `agentkit.Agent`.
        host: the address the server listens on; the MCP server mounted at ``/mcp`` refuses requests whose
            ``Host`` header names another host when it is a loopback address (DNS-rebinding protection).
    """

    models: tuple[str, ...] = ()
    databases: Mapping[str, str] = field(default_factory=dict)
    state: str = ""
    api_key: str | None = None
    traces: str = "none"
    trace_content: bool = False
    max_body_bytes: int = MAX_BODY_BYTES
    max_concurrent: int = MAX_CONCURRENT
    max_running: int = MAX_RUNNING
    budget_seconds: float | None = None
    budget_model_calls: int | None = None
    budget_tokens: int | None = None
    agent_factory: str | None = None
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_concurrent", "max_running"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"Settings.{name} must be > 0, got {getattr(self, name)!r}")
        self.budget()  # a bad limit is named now, not in every worker
        if len(set(self.models)) != len(self.models):
            raise ConfigError(f"a model is named twice in {list(self.models)!r}")

    def budget(self) -> Budget:
        """The per-request `Budget`: the default one with the limits set here."""
        limits = {
            "seconds": self.budget_seconds,
            "model_calls": self.budget_model_calls,
            "tokens": self.budget_tokens,
        }
        return Budget(**{name: value for name, value in limits.items() if value is not None})

    @property
    def state_is_postgres(self) -> bool:
        return self.state.startswith(("postgresql://", "postgres://"))

    def to_env(self) -> dict[str, str]:
        """The variables `from_env` reads back (the API key is passed as ``AGENTKIT_API_KEY``)."""
        env = {
            f"{_PREFIX}MODELS": json.dumps(list(self.models)),
            f"{_PREFIX}DATABASES": json.dumps(dict(self.databases)),
            f"{_PREFIX}STATE": self.state,
            f"{_PREFIX}TRACES": self.traces,
            f"{_PREFIX}TRACE_CONTENT": "1" if self.trace_content else "",
            f"{_PREFIX}MAX_BODY_BYTES": str(self.max_body_bytes),
            f"{_PREFIX}MAX_CONCURRENT": str(self.max_concurrent),
            f"{_PREFIX}MAX_RUNNING": str(self.max_running),
            f"{_PREFIX}BUDGET": json.dumps(
                {
                    "seconds": self.budget_seconds,
                    "model_calls": self.budget_model_calls,
                    "tokens": self.budget_tokens,
                }
            ),
            f"{_PREFIX}AGENT_FACTORY": self.agent_factory or "",
            f"{_PREFIX}HOST": self.host,
        }
        if self.api_key:
            env["AGENTKIT_API_KEY"] = self.api_key
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``AGENTKIT_SERVE_*`` and ``AGENTKIT_API_KEY``; anything unset keeps its default."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return env.get(_PREFIX + name, "")

        try:
            budget = json.loads(get("BUDGET") or "{}")
            return cls(
                budget_seconds=budget.get("seconds"),
                budget_model_calls=budget.get("model_calls"),
                budget_tokens=budget.get("tokens"),
                models=tuple(json.loads(get("MODELS") or "[]")),
                databases=json.loads(get("DATABASES") or "{}"),
                state=get("STATE") or str(default_state_path()),
                api_key=env.get("AGENTKIT_API_KEY") or None,
                traces=get("TRACES") or "none",
                host=get("HOST") or "127.0.0.1",
                trace_content=bool(get("TRACE_CONTENT")),
                max_body_bytes=int(get("MAX_BODY_BYTES") or MAX_BODY_BYTES),
                max_concurrent=int(get("MAX_CONCURRENT") or MAX_CONCURRENT),
                max_running=int(get("MAX_RUNNING") or MAX_RUNNING),
                agent_factory=get("AGENT_FACTORY") or None,
            )
        except (ValueError, AttributeError) as exc:  # a JSON or integer variable that does not read
            raise ConfigError(f"the {_PREFIX}* variables do not read: {exc}") from exc
