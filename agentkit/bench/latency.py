"""Latency of symbolic answers: in-process through the whole graph (in the main thread and in a worker
thread, as an ASGI server or ``Agent.ainvoke`` runs it), and `agentkit ask` from process start."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

__all__ = ["QUESTIONS", "LatencyReport", "ThreadReport", "by_thread", "in_process", "cold_start"]

QUESTIONS = (
    "What is 2**10?",
    "What is the gcd of 12 and 18?",
    "Solve 3*x + 7 = 25 for x.",
    "Calculate (31 + (-7429)/238)/(48/(-14)).",
    "Is 97 prime?",
    "Subtract 7.5 from 20.",
    "Let h(q) = q**2 - 3. What is h(4)?",
    "Which is bigger: -10414 or -10397?",
)


@dataclass(frozen=True)
class LatencyReport:
    samples: int
    p50_ms: float
    p99_ms: float
    mean_ms: float


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@dataclass(frozen=True)
class ThreadReport:
    """The same questions answered by one agent in the main thread and in a worker thread, in one run."""

    main: LatencyReport
    worker: LatencyReport

    @property
    def ratio(self) -> float:
        """Worker-thread p50 over main-thread p50 (the target is at most 1.5)."""
        return self.worker.p50_ms / self.main.p50_ms


def in_process(rounds: int = 200, *, agent: Any = None) -> LatencyReport:
    """Median and 99th percentile of ``Agent.invoke`` on symbolic questions (after one warm-up round)."""
    agent = agent or _agent()
    return _report([ms for _ in range(rounds) for ms in _round(agent)])


def by_thread(rounds: int = 100) -> ThreadReport:
    """The same questions to one agent in the main thread and in a long-lived worker thread, round by round
    in turn (so that a change in the machine's load weighs on both alike)."""
    agent = _agent()
    main: list[float] = []
    worker: list[float] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="latency-worker") as thread:
        for _ in range(rounds):
            main += _round(agent)
            worker += thread.submit(_round, agent).result()
    return ThreadReport(main=_report(main), worker=_report(worker))


def _round(agent: Any) -> list[float]:
    times = []
    for question in QUESTIONS:
        start = time.perf_counter()
        agent.invoke(question)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _agent() -> Any:
    from agentkit import Agent

    agent = Agent(model="none")
    for question in QUESTIONS:
        answer = agent.invoke(question)
        if answer.route != "symbolic":
            raise RuntimeError(f"benchmark question not answered symbolically: {question!r}")
    return agent


def _report(times: list[float]) -> LatencyReport:
    return LatencyReport(len(times), statistics.median(times), _percentile(times, 0.99), statistics.fmean(times))


def cold_start(runs: int = 5, question: str = "What is 2**10?") -> LatencyReport:
    """Wall time of ``agentkit ask QUESTION`` from process start to printed answer."""
    command = shutil.which("agentkit", path=os.path.dirname(sys.executable)) or shutil.which("agentkit")
    argv = [command, "ask", question] if command else [sys.executable, "-m", "agentkit.cli", "ask", question]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return LatencyReport(len(times), statistics.median(times), max(times), statistics.fmean(times))
