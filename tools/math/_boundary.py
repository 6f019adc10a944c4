"""Where the math family meets sympy and mpmath: their failures on odd input become one refusal type.

sympy signals input it cannot handle with ordinary built-in exceptions
(``solve`` on an unsupported equation raises ``NotImplementedError``, ``int()``
of a symbolic value ``TypeError``). Those are refusals of the user's input and
are translated here, once, into `SympyFailure`. The same built-in types raised
by the family's own code are bugs and pass through untouched, so that a strict
agent shows them; only arithmetic failures (division by zero, overflow) and
deep recursion are input problems wherever they happen.

    >>> import sympy
    >>> with sympy_boundary():
    ...     int(sympy.Symbol("x"))
    Traceback (most recent call last):
    ...
    agentkit.tools.math._boundary.SympyFailure: sympy could not do this: Cannot convert symbols to int
    >>> with sympy_boundary():
    ...     sympy.Poly(sympy.Symbol("x")**2 - sympy.sqrt(2), sympy.Symbol("x")).count_roots()
    Traceback (most recent call last):
    ...
    agentkit.tools.math._boundary.SympyFailure: sympy could not do this: sign variation counting not supported over EX
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sympy.polys.polyerrors import BasePolynomialError

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["SympyFailure", "guarded", "sympy_boundary"]

T = TypeVar("T")

_LIBRARIES = frozenset({"sympy", "mpmath"})
# what sympy and mpmath raise for input they cannot handle; from the family's own code these are bugs
# (BasePolynomialError: DomainError, PolynomialError, CoercionFailed, ... of sympy's polynomial domains)
_LIBRARY_ERRORS = (ValueError, TypeError, NotImplementedError, BasePolynomialError)


class SympyFailure(ToolInputError):
    """sympy or mpmath could not handle the input; the message says what they reported."""


def _raised_in_library(exc: BaseException) -> bool:
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    return module.partition(".")[0] in _LIBRARIES


@contextmanager
def sympy_boundary() -> Iterator[None]:
    """Translate sympy's and mpmath's failures on the input into `SympyFailure` (or `LimitExceeded`).

    Raises:
        SympyFailure: sympy or mpmath raised on the input, or the arithmetic failed.
        LimitExceeded: the computation recursed too deeply.
    """
    try:
        yield
    except RecursionError as exc:
        raise LimitExceeded("the expression is nested too deeply") from exc
    except ArithmeticError as exc:
        raise SympyFailure(f"sympy could not do this: {exc or type(exc).__name__}") from exc
    except _LIBRARY_ERRORS as exc:
        if not _raised_in_library(exc):
            raise
        raise SympyFailure(f"sympy could not do this: {exc or type(exc).__name__}") from exc


def guarded(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` inside `sympy_boundary` (a plain function, so that it runs in a timed child process too)."""
    with sympy_boundary():
        return fn(*args)
