"""Size and time limits shared by the tool families, so that no input can hang or exhaust the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sympy

from agentkit.tools._workers import in_worker, pool

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


def run_with_timeout(fn: Callable[..., T], *args: Any, seconds: float = 1.5) -> T:
    """Run ``fn(*args)`` in one of the tools' worker processes and stop it after ``seconds``.

    The same in every thread, the main one included: the worker is killed on time, whatever the library
    code does with exceptions and even inside C code (`agentkit.tools._workers`). ``fn`` and ``args`` must
    pickle (``fn`` a module-level function) and so must the value or exception. Inside a worker (a limited
    computation that itself asks for a limit) ``fn`` runs in place: the outer limit already holds.

    Raises:
        TimeLimitExceeded: ``fn`` ran past ``seconds``.
        LimitExceeded: the worker process died during the call (for example out of memory).
    """
    if in_worker():
        return fn(*args)
    return pool().run(fn, args, seconds)
