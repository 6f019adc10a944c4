"""The n-th Fibonacci number, answered only where the request fixes where the sequence starts.

``the 10th Fibonacci number`` alone has two readings (55 if the sequence starts 1, 1; 34 if it starts 0, 1) and
declines. The start is fixed by ``F1 = F2 = 1`` / ``F(1) = F(2) = 1``, by ``F0 = 0, F1 = 1``, or by ``starting
(with) 1, 1`` / ``0, 1`` (then the n-th term counts from that first term); ``F(10)`` / ``F_10`` named with the
word Fibonacci is the standard F₀ = 0, F₁ = 1. The value comes from fast doubling and is checked by plain
repeated addition.
"""

from __future__ import annotations

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS", "fibonacci"]

MAX_INDEX = 20_000

_ASK = r"(?:(?:what is|what's|whats|find|give me|compute|calculate|tell me) )?(?:the )?"
_F = r"F\s*(?:_\s*)?(?:\(\s*(?P<{0}>\d)\s*\)|(?P<{1}>\d))"
_ONE_ONE = rf"{_F.format('a1', 'a2')}\s*=\s*{_F.format('b1', 'b2')}\s*=\s*(?P<v>1)"
_ONE_AND_ONE = rf"{_F.format('e1', 'e2')}\s*=\s*(?P<w>1),? (?:and )?{_F.format('f1', 'f2')}\s*=\s*1"
_ZERO_ONE = rf"{_F.format('c1', 'c2')}\s*=\s*(?P<z>0),? (?:and )?{_F.format('d1', 'd2')}\s*=\s*1"
_CONVENTION = (rf"(?:,? (?:if|where|when|with|given|given that|taking|assuming) (?:{_ONE_ONE}|{_ONE_AND_ONE}|{_ZERO_ONE})"
               r"|,? (?:starting|beginning|that starts|which starts|if it starts|when it starts) (?:with |from |at )?"
               r"(?P<start>1,? 1|0,? 1))")


def fibonacci(n: int) -> int:
    """F(n) with F(0) = 0, F(1) = 1, by fast doubling: F(2k) = F(k)(2F(k+1) − F(k)), F(2k+1) = F(k)² + F(k+1)²."""
    a, b = 0, 1
    for bit in bin(n)[2:]:
        a, b = a * (2 * b - a), a * a + b * b
        if bit == "1":
            a, b = b, a + b
    return a


def _prepare(slots: Slots, scope: Scope) -> tuple[int, str]:
    n = int(slots["n"])
    if slots.get("v") or slots.get("w"):  # F1 = F2 = 1 / F1 = 1 and F2 = 1: the indices must be 1 and 2
        first = slots.get("a1") or slots.get("a2") or slots.get("e1") or slots.get("e2")
        second = slots.get("b1") or slots.get("b2") or slots.get("f1") or slots.get("f2")
        if (first, second) != ("1", "2"):
            raise MathSyntaxError("the start must name F1 and F2")
        index, said = n, "F(1) = F(2) = 1"
    elif slots.get("z"):
        if (slots.get("c1") or slots.get("c2"), slots.get("d1") or slots.get("d2")) != ("0", "1"):
            raise MathSyntaxError("the start must name F0 and F1")
        index, said = n, "F(0) = 0, F(1) = 1"
    elif slots.get("start"):
        zero = slots["start"].startswith("0")
        index, said = (n - 1, "the sequence 0, 1, 1, 2, … counted from its first term") if zero else (
            n, "the sequence 1, 1, 2, 3, … counted from its first term")
    else:  # F(10) / F_10 with the word Fibonacci: the standard indexing
        index, said = n, "F(0) = 0, F(1) = 1"
    if not 0 <= index <= MAX_INDEX or (slots.get("ordinal") and n < 1):
        raise MathSyntaxError(f"a Fibonacci number of index up to {MAX_INDEX}")
    return index, f"F({index}) with {said}"


def _verify(args: tuple[int, str], value: sympy.Integer) -> str | None:
    index = args[0]
    a, b = 0, 1
    for _ in range(index):  # plain repeated addition, the definition itself
        a, b = b, a + b
    return None if a == int(value) else f"adding up the sequence gives {a}"


FIBONACCI = Operation(
    name="fibonacci",
    patterns=phrase(
        rf"{_ASK}(?P<n>\d+)(?P<ordinal>st|nd|rd|th) (?:fibonacci number|term of the fibonacci sequence|"
        rf"number in the fibonacci sequence|fibonacci term){_CONVENTION}",
        rf"{_ASK}(?:fibonacci number|fibonacci) F\s*(?:_\s*)?(?:\(\s*(?P<n>\d+)\s*\)|(?P<n2>\d+))",
    ),
    prepare=lambda slots, scope: _prepare({**slots, "n": slots.get("n") or slots.get("n2")}, scope),
    compute=lambda args: sympy.Integer(fibonacci(args[0])),
    verify=_verify,
    render=lambda args, value: str(value),
    reason="whole step parsed as a Fibonacci number with its indexing stated",
    interpret=lambda args: args[1],
)

OPERATIONS: tuple[Operation, ...] = (FIBONACCI,)
