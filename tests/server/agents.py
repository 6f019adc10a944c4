"""Agent factories for ``agentkit serve --agent tests.server.agents:NAME`` in the command-line tests."""

from __future__ import annotations

import asyncio
from typing import Any

from agentkit import Agent
from agentkit.answer import Answer

SLOW_SECONDS = 2.0


class _Slow:
    """Answers like ``Agent(model="none")``, after ``SLOW_SECONDS``: a request still in flight at shutdown."""

    model = None

    def __init__(self, checkpointer: Any) -> None:
        self.agent = Agent(model="none", checkpointer=checkpointer)

    async def ainvoke(self, text: str, thread_id: str | None = None, **kwargs: Any) -> Answer:
        await asyncio.sleep(SLOW_SECONDS)
        return await self.agent.ainvoke(text, thread_id, **kwargs)


def slow(spec: str, checkpointer: Any) -> _Slow:
    return _Slow(checkpointer)
