"""Time limits hold in every thread: catastrophic inputs stop within ~2 s, even where library code swallows
the interruption or sits in C code; a worker that dies or runs over costs only its own call."""

from __future__ import annotations

import operator
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from agentkit import Agent
from agentkit.errors import LimitExceeded, TimeLimitExceeded
from agentkit.tools._limits import run_with_timeout

# measured well under 2 s on this machine (see the report); the bound tolerates a loaded CI runner
BOUND_SECONDS = 5.0

CATASTROPHIC = {
    "tower": "What is 10**10**10?",
    "backtracking": "Does the regex (a+)+$ match '" + "a" * 40 + "b'?",
    "factorial": "What is factorial(10**9)?",
    "quartic": "Find g, given that -g**4 - 230597*g**3/5 +√1522142*g**2/5 - 738028*g/5 - 553512/5 = 0.",
}


@pytest.fixture(scope="module")
def agent() -> Agent:
    agent = Agent(model="none")
    run_with_timeout(operator.add, 1, 1, seconds=30)  # the pool is up: its start is not what is timed
    return agent


def _in_thread(fn: Callable[[], Any]) -> Any:
    out: list[Any] = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out[0]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


@pytest.mark.parametrize("thread", ["main", "worker"])
@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_a_catastrophic_input_is_stopped_in_time_in_any_thread(agent: Agent, name: str, thread: str) -> None:
    def ask() -> tuple[Any, float]:
        return _timed(lambda: agent.invoke(CATASTROPHIC[name]))

    answer, seconds = ask() if thread == "main" else _in_thread(ask)
    assert seconds < BOUND_SECONDS, (name, thread, seconds)
    assert not answer.verified and answer.route == "none"
    assert any(word in answer.answer for word in ("timed out", "too large", "limit")), answer.answer


def _stubborn() -> None:
    """Library code that catches every interruption and carries on."""
    while True:
        try:
            time.sleep(0.01)
        except BaseException:  # noqa: BLE001 - the point of the test
            pass


def _in_c_code() -> int:
    return pow(3, 10**9).bit_length()  # one long multiplication loop in C: no signal handler runs


@pytest.mark.parametrize("fn", [_stubborn, _in_c_code])
def test_a_limit_holds_where_the_code_swallows_the_interruption_or_sits_in_c(fn: Callable[[], Any]) -> None:
    run_with_timeout(operator.add, 1, 1, seconds=30)
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded):
        run_with_timeout(fn, seconds=0.5)
    assert time.perf_counter() - start < BOUND_SECONDS
    assert run_with_timeout(operator.mul, 6, 7, seconds=30) == 42  # a fresh worker took the slot


def test_a_worker_that_dies_fails_its_own_call_only() -> None:
    with pytest.raises(LimitExceeded, match="worker process"):
        run_with_timeout(os._exit, 3, seconds=30)
    assert run_with_timeout(operator.sub, 10, 4, seconds=30) == 6


def test_an_exception_comes_back_as_itself_with_the_workers_traceback() -> None:
    with pytest.raises(ValueError, match="invalid literal") as caught:
        run_with_timeout(int, "not a number", seconds=30)
    assert any("worker process" in note for note in getattr(caught.value, "__notes__", []))


def test_an_argument_that_does_not_pickle_leaves_the_worker_usable() -> None:
    with pytest.raises(Exception):  # noqa: B017 - whichever pickling error the lambda raises
        run_with_timeout(operator.add, lambda: 1, 1, seconds=30)
    assert run_with_timeout(operator.add, 2, 3, seconds=30) == 5


def test_workers_are_not_forked_from_this_threaded_process() -> None:
    assert run_with_timeout(os.getppid, seconds=30) != os.getpid()  # the forkserver is their parent


def test_many_threads_share_the_pool_and_get_their_own_results() -> None:
    pairs = [(i, i * 7919) for i in range(200)]
    with ThreadPoolExecutor(max_workers=8) as threads:
        results = list(threads.map(lambda p: run_with_timeout(operator.add, *p, seconds=30), pairs))
    assert results == [a + b for a, b in pairs]


_SCRIPT = """
import os
from agentkit import Agent
from agentkit.tools import _workers

print("top level ran", flush=True)  # no `if __name__ == "__main__"` guard: a worker must not run this again
print(Agent(model="none").invoke("What is the gcd of 1071 and 462?").answer, flush=True)
print("zygote", _workers.pool()._zygote._process.pid, flush=True)
"""


def test_a_script_without_a_main_guard_runs_once_and_leaves_no_process_behind(tmp_path) -> None:
    import math
    import subprocess
    import sys

    script = tmp_path / "unguarded.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("top level ran") == 1 and str(math.gcd(1071, 462)) in lines
    zygote = int(next(line for line in lines if line.startswith("zygote")).split()[1])
    deadline = time.monotonic() + 5
    while os.path.exists(f"/proc/{zygote}") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{zygote}"), "the zygote outlived its parent"


def test_a_worker_that_died_while_idle_is_replaced_before_the_call() -> None:
    import signal

    from agentkit.tools._workers import pool

    workers = pool()
    with ThreadPoolExecutor(workers.size) as threads:  # every slot holds a live worker, then all are idle
        list(threads.map(lambda _: run_with_timeout(time.sleep, 0.2, seconds=30), range(workers.size)))
    with workers._ready:
        idle = list(workers._idle)
    assert len(idle) == workers.size
    for worker in idle:
        os.kill(worker.pid, signal.SIGKILL)
    time.sleep(0.2)
    assert [run_with_timeout(operator.add, i, 1, seconds=30) for i in range(len(idle) + 1)] == list(
        range(1, len(idle) + 2))


def _pid_and_warmth() -> tuple[int, dict[str, bool]]:
    import importlib

    compute = importlib.import_module("agentkit.tools.units._compute")
    return os.getpid(), {"registry": compute.registry.cache_info().currsize == 1}


def test_workers_start_with_the_caches_a_first_call_would_build_inside_its_limit() -> None:
    import importlib

    importlib.import_module("agentkit.tools.units._compute")  # the parent has the module: the zygote preloads it
    from agentkit.tools._workers import WorkerPool, _preload

    pool = WorkerPool(1, _preload())
    try:
        pid, warmth = pool.run(_pid_and_warmth, (), 30)
    finally:
        pool.close()
    assert pid != os.getpid()
    assert warmth == {"registry": True}  # built by the zygote's warm_worker(), before the worker was forked
