"""The systems a benchmark compares on the same requests: agentkit, the model alone, and a LangChain ReAct agent.

* ``agentkit``: `agentkit.Agent` (planner, selector, tools, validators).
* ``model-only``: the same chat model answering the request directly: no selector, no tools, no validation.
* ``react``: LangChain's ``create_agent`` with agentkit's tool families bound as LangChain tools
  (`agentkit.tools.langchain`), the way most tool-calling agents are built today. It runs only where the model
  can call tools; otherwise `unavailable` says so and no row is faked.

Each system answers one request (with the earlier turns of its conversation) as a `Reply`: the text, its
route, whether the system marked it verified, model calls, tokens and wall time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SYSTEMS", "Reply", "System", "make_system", "unavailable"]

SYSTEMS = ("agentkit", "model-only", "react")
# what the graph's model node tells the model (graphs/offload.py), so model-only answers as agentkit would ask
ANSWER_SYSTEM = ("You answer one step of a user's request. Be brief and exact; end with the final answer on its "
                 "own line.")
REACT_SYSTEM = ("Answer the user's request. Use a tool when one fits; tools answer computations exactly. End with "
                "the final answer on its own line.")
REACT_RECURSION_LIMIT = 12  # model and tool turns one ReAct answer may take


@dataclass(frozen=True, kw_only=True)
class Reply:
    """One system's answer to one request."""

    text: str
    route: str  # "none" when nothing answered
    verified: bool = False
    model_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: float = 0.0
    error: str | None = None


class System:
    """A system that answers requests; ``history`` is the conversation so far as (question, answer) pairs."""

    name = ""

    def ask(self, question: str, *, history: Sequence[tuple[str, str]] = (), thread: str | None = None,
            database: str | None = None) -> Reply:
        raise NotImplementedError


def unavailable(name: str, model_spec: str) -> str | None:
    """Why ``name`` cannot run with ``model_spec`` ("not run: ..."), or None when it can."""
    if name == "agentkit":
        return None
    if model_spec == "none":
        return f"not run: {name} needs a model (--model local, openai:<model>, ...)"
    if name == "react" and not _can_call_tools(model_spec):
        return f"not run: {model_spec} cannot call tools"
    return None


def _can_call_tools(model_spec: str) -> bool:
    from agentkit.models import resolve_model
    from agentkit.tools.langchain import as_langchain_tools
    from agentkit.tools.registry import default_registry

    model = resolve_model(model_spec)
    try:
        model.bind_tools(as_langchain_tools(default_registry()))
    except NotImplementedError:
        return False
    return True


def make_system(name: str, model_spec: str) -> System:
    """The system ``name`` (one of `SYSTEMS`) around the model ``model_spec``."""
    if name == "agentkit":
        return _AgentkitSystem(model_spec)
    if name == "model-only":
        return _ModelOnly(model_spec)
    if name == "react":
        return _ReAct(model_spec)
    raise ValueError(f"unknown system {name!r}: choose from {', '.join(SYSTEMS)}")


class _AgentkitSystem(System):
    name = "agentkit"

    def __init__(self, model_spec: str) -> None:
        self.model_spec = model_spec
        self._agents: dict[str | None, Any] = {}

    def _agent(self, database: str | None) -> Any:
        if database not in self._agents:
            from agentkit import Agent

            databases = {Path(database).stem: database} if database else None
            self._agents[database] = Agent(model=self.model_spec, databases=databases)
        return self._agents[database]

    def ask(self, question: str, *, history: Sequence[tuple[str, str]] = (), thread: str | None = None,
            database: str | None = None) -> Reply:
        answer = self._agent(database).invoke(question, thread_id=thread)
        return Reply(text=answer.answer, route=answer.route, verified=bool(answer.verified),
                     model_calls=answer.fm_calls, tokens_in=answer.tokens.get("input", 0),
                     tokens_out=answer.tokens.get("output", 0), latency_ms=answer.latency_ms, error=answer.error)


def _messages(system: str, question: str, history: Sequence[tuple[str, str]], database: str | None) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    messages: list[Any] = [SystemMessage(system + (_schema_note(database) if database else ""))]
    for asked, answered in history:
        messages += [HumanMessage(asked), AIMessage(answered)]
    messages.append(HumanMessage(question))
    return messages


def _schema_note(database: str) -> str:
    """The database's schema, so a model can write SQL for it (the same text for every system)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        return "\nThe SQLite database has these tables:\n" + "\n".join(row[0] for row in rows)
    finally:
        connection.close()


def _usage(messages: Sequence[Any]) -> tuple[int, int, int]:
    """Model calls, input and output tokens over the AI messages of a run."""
    calls = tokens_in = tokens_out = 0
    for message in messages:
        if getattr(message, "type", "") != "ai":
            continue
        calls += 1
        usage = getattr(message, "usage_metadata", None) or {}
        tokens_in += int(usage.get("input_tokens", 0))
        tokens_out += int(usage.get("output_tokens", 0))
    return calls, tokens_in, tokens_out


def _text(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, str):
        return content.strip()
    return "\n".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content).strip()


class _ModelOnly(System):
    name = "model-only"

    def __init__(self, model_spec: str) -> None:
        from agentkit.models import resolve_model

        self.model = resolve_model(model_spec)

    def ask(self, question: str, *, history: Sequence[tuple[str, str]] = (), thread: str | None = None,
            database: str | None = None) -> Reply:
        started = time.perf_counter()
        try:
            message = self.model.invoke(_messages(ANSWER_SYSTEM, question, history, database))
        except Exception as exc:  # noqa: BLE001 - a provider error or timeout is this request's failure, not the run's
            return Reply(text="", route="none", model_calls=1, error=f"{type(exc).__name__}: {exc}",
                         latency_ms=1000 * (time.perf_counter() - started))
        calls, tokens_in, tokens_out = _usage([message])
        return Reply(text=_text(message), route="model", model_calls=calls, tokens_in=tokens_in,
                     tokens_out=tokens_out, latency_ms=1000 * (time.perf_counter() - started))


class _ReAct(System):
    name = "react"

    def __init__(self, model_spec: str) -> None:
        from langchain.agents import create_agent

        from agentkit.models import resolve_model
        from agentkit.tools.langchain import as_langchain_tools
        from agentkit.tools.registry import default_registry

        self.model = resolve_model(model_spec)
        self._create = create_agent
        self._tools = as_langchain_tools(default_registry())
        self._agents: dict[str | None, Any] = {}

    def _agent(self, database: str | None) -> Any:
        if database not in self._agents:
            tools = self._tools
            if database:
                from agentkit.tools.base import with_databases
                from agentkit.tools.langchain import as_langchain_tools
                from agentkit.tools.registry import default_registry

                registry = default_registry()
                bound = {Path(database).stem: Path(database)}
                tools = as_langchain_tools(with_databases(family, bound) for family in registry)
            self._agents[database] = self._create(self.model, tools, system_prompt=REACT_SYSTEM)
        return self._agents[database]

    def ask(self, question: str, *, history: Sequence[tuple[str, str]] = (), thread: str | None = None,
            database: str | None = None) -> Reply:
        started = time.perf_counter()
        messages = _messages(REACT_SYSTEM, question, history, database)[1:]
        try:
            state = self._agent(database).invoke({"messages": messages},
                                                 config={"recursion_limit": REACT_RECURSION_LIMIT})
        except Exception as exc:  # noqa: BLE001 - a provider or agent error is this request's failure
            return Reply(text="", route="none", error=f"{type(exc).__name__}: {exc}",
                         latency_ms=1000 * (time.perf_counter() - started))
        produced = state["messages"][len(messages):]
        calls, tokens_in, tokens_out = _usage(produced)
        used_tool = any(getattr(m, "type", "") == "tool" for m in produced)
        return Reply(text=_text(produced[-1]) if produced else "", route="model+tool" if used_tool else "model",
                     model_calls=calls, tokens_in=tokens_in, tokens_out=tokens_out,
                     latency_ms=1000 * (time.perf_counter() - started))
