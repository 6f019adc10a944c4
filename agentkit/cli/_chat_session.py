"""One `agentkit chat` session: the agent, its SQLite checkpointer, the current thread and the last answer.

The conversation lives in a LangGraph `SqliteSaver` file (``--state``, by default ``chat.sqlite`` in the
user's state directory), so ``agentkit chat --thread NAME`` picks a thread up again after a restart:
the follow-up readings ("now double it") and names bound earlier ("Let x = 5.") come back with it.
``/trace`` reads the last answer's spans back from its trace file, as ``agentkit traces show`` does.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

__all__ = ["STATE_DIR_ENV", "ChatSession", "default_state_path", "new_thread_name"]

STATE_DIR_ENV = "AGENTKIT_STATE_DIR"


def default_state_path() -> Path:
    """``$AGENTKIT_STATE_DIR/chat.sqlite``, else ``$XDG_STATE_HOME/agentkit/chat.sqlite``, else under
    ``~/.local/state/agentkit`` (the XDG base directory default for state that outlives a run)."""
    explicit = os.environ.get(STATE_DIR_ENV)
    if explicit:
        return Path(explicit) / "chat.sqlite"
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "agentkit" / "chat.sqlite"


def new_thread_name() -> str:
    """A fresh thread name that sorts by time and says when it began: ``chat-20261130-2116-3fa2``."""
    return f"chat-{time.strftime('%Y%m%d-%H%M')}-{secrets.token_hex(2)}"


class ChatSession:
    """The agent a chat talks to, the thread it talks in, and what ``/trace`` needs of the last answer.

    Args:
        state: the SQLite file of the conversations (created with its directory when missing).
        thread: the thread to continue or start.
        model: the ``--model`` value (``None``: the agent's default).
        databases: the ``--db`` values, already parsed to ``{name: path}``.
        tracer_provider: where the agent's spans go (`agentkit.cli._options`).
        traces: the ``--traces`` mode those spans go by: ``file``, ``otlp``, ``console`` or ``none``.
        trace_content: ``--trace-content``.

    Raises:
        agentkit.errors.ConfigError: the model or a database is not usable.
    """

    def __init__(
        self,
        state: Path,
        thread: str,
        *,
        model: str | None,
        databases: dict[str, str],
        tracer_provider: Any,
        traces: str,
        trace_content: bool = False,
    ) -> None:
        from langgraph.checkpoint.sqlite import SqliteSaver

        state.parent.mkdir(parents=True, exist_ok=True)
        self.state = state
        self.thread = thread
        self._connection = sqlite3.connect(state, check_same_thread=False)
        self.checkpointer = SqliteSaver(self._connection)
        self._provider = tracer_provider
        self._traces = traces
        self._databases = databases
        self._trace_content = trace_content
        self.last: Any = None
        self.agent = self._agent(model)

    @property
    def model_name(self) -> str:
        """The model answering now, as a person would name it (``none`` when symbolic only)."""
        model = self.agent.model
        if model is None:
            return "none"
        return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)

    def ask(self, text: str) -> Any:
        """Answer ``text`` in the current thread; the answer is kept for ``/trace``."""
        self.last = self.agent.invoke(text, thread_id=self.thread)
        return self.last

    def use_model(self, model: str) -> None:
        """Answer with ``model`` from now on, in the same thread (``ConfigError`` leaves the old one)."""
        self.agent = self._agent(model)

    def new_thread(self, name: str | None = None) -> str:
        """Start (or switch to) a thread: ``name``, else a fresh one."""
        self.thread = name or new_thread_name()
        self.last = None
        return self.thread

    def turns(self) -> list[dict[str, str]]:
        """The thread's earlier turns as the checkpointer kept them (``request``, ``answer``), oldest first."""
        snapshot = self.agent.graph.get_state({"configurable": {"thread_id": self.thread}})
        return list((snapshot.values or {}).get("history") or [])

    def last_trace(self) -> list[Any]:
        """The spans of the last answer's trace (`agentkit.tracing.files.SpanRecord`), from its trace file.

        Raises:
            LookupError: saying why there are none to show (no answer yet, tracing off, spans sent elsewhere).
        """
        if self.last is None:
            raise LookupError("no answer yet in this thread: ask something first")
        trace_id = self.last.trace_id
        if not trace_id or self._traces == "none":
            raise LookupError("tracing is off (--traces none): the answer has no trace")
        if self._traces != "file":
            where = "the OTLP collector (Jaeger)" if self._traces == "otlp" else "standard error"
            raise LookupError(f"the spans went to {where}: look up trace {trace_id} there")
        from agentkit.tracing.files import read_spans
        from agentkit.tracing.setup import trace_file
        from agentkit.tracing.tree import find_trace

        if hasattr(self._provider, "force_flush"):  # the file's writer thread may still hold the spans
            self._provider.force_flush(5000)
        path = trace_file()
        if path is None:
            raise LookupError("tracing is off (OTEL_SDK_DISABLED): the answer has no trace file")
        return find_trace(read_spans([path]), trace_id)

    def close(self) -> None:
        self._connection.close()

    def _agent(self, model: str | None) -> Any:
        from agentkit import Agent

        return Agent(
            model=model,
            databases=self._databases,
            checkpointer=self.checkpointer,
            tracer_provider=self._provider,
            trace_content=True if self._trace_content else None,
        )
