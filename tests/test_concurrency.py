"""One `Agent` shared by threads and by asyncio tasks at once: no conversation lost, none crossed.

Each conversation has values of its own (a sum, a definition), and its follow-ups ("now double it",
"what is 3*w + 1?") must come back computed from that conversation's values; the expected answers are
computed here with Python's integers, never hard-coded.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from agentkit import Agent, Answer

THREADS = 8


def _values(seed: int, n: int) -> list[tuple[int, int, int]]:
    """n conversations' (a, b, w): distinct sums, so that a crossed answer cannot pass by coincidence."""
    rng = random.Random(seed)
    seen: set[int] = set()
    out = []
    while len(out) < n:
        a, b, w = rng.randrange(100, 10_000), rng.randrange(100, 10_000), rng.randrange(2, 999)
        if a + b not in seen:
            seen.add(a + b)
            out.append((a, b, w))
    return out


def _turns(a: int, b: int, w: int) -> list[tuple[str, str]]:
    """(request, expected answer) for one conversation: a sum, a follow-up on it, a definition, its use."""
    return [(f"What is {a} + {b}?", str(a + b)), ("now double it", str(2 * (a + b))),
            (f"Let w = {w}", None), ("What is 3*w + 1?", str(3 * w + 1))]  # type: ignore[list-item]


def _converse(agent: Agent, thread_id: str, values: tuple[int, int, int], start: threading.Barrier | None) -> list[str]:
    problems = []
    if start is not None:
        start.wait()  # every conversation's first turn at once: the agent's lazy parts are built under contention
    for request, expected in _turns(*values):
        answer = agent.invoke(request, thread_id=thread_id)
        if expected is not None and (answer.answer != expected or not answer.verified):
            problems.append(f"{thread_id}: {request!r} -> {answer.answer!r}, expected {expected!r}")
    return problems


@pytest.mark.parametrize("trial", range(3))
def test_threads_with_thread_ids_keep_their_own_conversations(trial: int) -> None:
    agent = Agent(model="none")  # a fresh agent each trial: the first turns race to build its threaded graph
    values = _values(trial, THREADS)
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        problems = sum(pool.map(lambda i: _converse(agent, f"t{trial}-{i}", values[i], start), range(THREADS)), [])
    assert problems == []


def test_threads_with_a_sqlite_checkpointer_keep_their_own_conversations(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "threads.sqlite", check_same_thread=False)
    agent = Agent(model="none", checkpointer=SqliteSaver(conn))
    values = _values(7, THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        problems = sum(pool.map(lambda i: _converse(agent, f"s{i}", values[i], None), range(THREADS)), [])
    conn.close()
    assert problems == []


def _products(seed: int, n: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = {(rng.randrange(10, 99_999), rng.randrange(10, 99_999)) for _ in range(n)}
    return [(f"What is {a} * {b}?", str(a * b)) for a, b in pairs]


def test_threads_without_thread_ids_each_get_their_own_answer() -> None:
    agent = Agent(model="none")
    questions = _products(11, 64)
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(lambda q: agent.invoke(q[0]), questions))
    assert [(a.answer, a.verified) for a in answers] == [(expected, True) for _, expected in questions]


async def _aconverse(agent: Agent, thread_id: str, values: tuple[int, int, int]) -> list[str]:
    problems = []
    for request, expected in _turns(*values):
        answer = await agent.ainvoke(request, thread_id=thread_id)
        if expected is not None and (answer.answer != expected or not answer.verified):
            problems.append(f"{thread_id}: {request!r} -> {answer.answer!r}, expected {expected!r}")
    return problems


async def _streamed(agent: Agent, request: str, thread_id: str | None = None) -> Answer:
    events = [event async for event in agent.astream(request, thread_id)]
    assert [e.kind for e in events].count("answer") == 1 and events[-1].kind == "answer"
    return events[-1].answer


def test_asyncio_gather_with_and_without_thread_ids() -> None:
    agent = Agent(model="none")
    values = _values(23, THREADS)
    questions = _products(29, 24)

    async def main() -> tuple[list[list[str]], list[Answer], list[Answer]]:
        conversations = asyncio.gather(*(_aconverse(agent, f"a{i}", v) for i, v in enumerate(values)))
        one_offs = asyncio.gather(*(agent.ainvoke(q) for q, _ in questions))
        streams = asyncio.gather(*(_streamed(agent, q) for q, _ in questions))
        return await asyncio.gather(conversations, one_offs, streams)

    problems, one_offs, streamed = asyncio.run(main())
    assert sum(problems, []) == []
    expected = [(answer, True) for _, answer in questions]
    assert [(a.answer, a.verified) for a in one_offs] == expected
    assert [(a.answer, a.verified) for a in streamed] == expected


def test_threads_and_tasks_at_once_on_one_agent() -> None:
    agent = Agent(model="none", checkpointer=InMemorySaver())
    values = _values(31, 2 * THREADS)

    async def tasks() -> list[list[str]]:
        return await asyncio.gather(*(_aconverse(agent, f"task{i}", values[THREADS + i]) for i in range(THREADS)))

    with ThreadPoolExecutor(THREADS + 1) as pool:
        in_threads = [pool.submit(_converse, agent, f"thread{i}", values[i], None) for i in range(THREADS)]
        in_tasks = pool.submit(lambda: asyncio.run(tasks()))
        problems = sum((f.result() for f in in_threads), []) + sum(in_tasks.result(), [])
    assert problems == []


def test_an_async_sqlite_checkpointer_keeps_conversations_across_ainvoke_and_astream(tmp_path: Path) -> None:
    values = _values(37, 4)

    async def main() -> tuple[list[list[str]], Answer]:
        async with AsyncSqliteSaver.from_conn_string(str(tmp_path / "async.sqlite")) as saver:
            agent = Agent(model="none", checkpointer=saver)
            problems = await asyncio.gather(*(_aconverse(agent, f"q{i}", v) for i, v in enumerate(values)))
            again = await _streamed(agent, "now double it", "q0")  # after "3*w + 1" in conversation q0
            return problems, again

    problems, again = asyncio.run(main())
    w = values[0][2]
    assert sum(problems, []) == []
    assert again.answer == str(2 * (3 * w + 1)) and again.verified
