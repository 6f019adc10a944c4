"""Where server-side threads (``x-agentkit-thread: NAME``) are kept: a LangGraph checkpointer.

A SQLite file for one machine (the default, under the user's state directory), PostgreSQL for several
replicas behind a load balancer: every replica that points at the same database continues the same
threads. The savers are the async ones, since the app is async; they are opened in the app's lifespan.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from agentkit.errors import ConfigError

__all__ = ["open_checkpointer"]

# one replica at a time creates or migrates the tables (any 64-bit number, the same in every replica)
_SETUP_LOCK = 0x6167656E746B6974


@asynccontextmanager
async def open_checkpointer(state: str) -> AsyncIterator[Any]:
    """An async LangGraph checkpointer on ``state`` (a file path, or a ``postgresql://`` URL), set up for use.

    Raises:
        ConfigError: the database cannot be opened or set up (named in the message).
    """
    if state.startswith(("postgresql://", "postgres://")):
        async with _postgres(state) as saver:
            yield saver
        return
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    path = Path(state).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the directory for the thread state {str(path)!r}: {exc}") from exc
    async with AsyncSqliteSaver.from_conn_string(str(path)) as saver:
        await saver.setup()
        yield saver


@asynccontextmanager
async def _postgres(url: str) -> AsyncIterator[Any]:
    import psycopg
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

    try:
        async with AsyncPostgresSaver.from_conn_string(url) as saver:
            await saver.conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
            try:
                await saver.setup()
            finally:
                await saver.conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))
            yield saver
    except psycopg.OperationalError as exc:
        raise ConfigError(f"cannot use the PostgreSQL thread state: {_without_password(str(exc))}") from exc


def _without_password(message: str) -> str:
    return message.split("\n")[0]
