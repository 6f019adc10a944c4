"""Size and time limits shared by the tool families, so that no input can hang or exhaust the process."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import sympy

from agentkit.errors import LimitExceeded, TimeLimitExceeded

__all__ = ["LimitExceeded", "TimeLimitExceeded", "check_integer", "check_power", "run_with_timeout"]

MAX_INTEGER_DIGITS = 2000
MAX_RESULT_BITS = 200_000  # about 60,000 decimal digits
MAX_SYMBOLIC_EXPONENT = 1000

T = TypeVar("T")


def check_integer(digits: str) -> None:
    if len(digits) > MAX_INTEGER_DIGITS:
        raise LimitExceeded(f"a number with {len(digits)} digits is too long (limit {MAX_INTEGER_DIGITS})")


def _bits(value: sympy.Rational) -> int:
    return max(int(value.p).bit_length(), int(value.q).bit_length(), 1)


def check_power(base: sympy.Basic, exponent: sympy.Basic) -> None:
    """Refuse a power whose exact value would be huge, before sympy tries to compute it."""
    if exponent.is_Rational:
        size = abs(int(exponent.p))
        if base.is_Rational:
            if base in (0, 1, -1):
                return
            if size * _bits(base) > MAX_RESULT_BITS:
                raise LimitExceeded(f"{base}**{exponent} is too large to compute exactly")
        elif size > MAX_SYMBOLIC_EXPONENT and (base.has(sympy.Add) or base.is_number):
            # a power of a sum could be expanded into a huge polynomial; a power of x is just a power
            raise LimitExceeded(f"exponent {exponent} is too large (limit {MAX_SYMBOLIC_EXPONENT})")
    elif exponent.is_number and exponent.is_real:
        if abs(exponent) > MAX_SYMBOLIC_EXPONENT:
            raise LimitExceeded(f"exponent {exponent} is too large (limit {MAX_SYMBOLIC_EXPONENT})")


def _alarm(signum: int, frame: Any) -> None:
    raise TimeLimitExceeded("computation timed out")


def run_with_timeout(fn: Callable[..., T], *args: Any, seconds: float = 1.5) -> T:
    """Run ``fn(*args)`` and stop it after ``seconds``.

    In the main thread a timer signal interrupts the (pure Python) sympy code in
    place, at no cost to a fast call. Elsewhere (a worker thread of an async
    server) the call runs in a forked child process that is killed on time.
    """
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return _run_in_child(fn, args, seconds)


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException as exc:
        conn.send((False, exc))
    finally:
        conn.close()
        os._exit(0)


def _run_in_child(fn: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, fn, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise TimeLimitExceeded("computation timed out")
        ok, value = parent.recv()
    finally:
        process.kill()
        process.join()
        parent.close()
    if ok:
        return value
    raise value
