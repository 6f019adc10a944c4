"""The parsed structure of an expression, rendered back in canonical notation (× − ÷, minimal parentheses).

The parser builds a `Node` for every production next to its sympy value, so that what a step
*read* can be shown to a person (``10 − 2 × 3``) even though sympy has already folded it to ``4``.

    >>> binary("-", Node("10"), binary("*", Node("2"), Node("3"))).text
    '10 − 2 × 3'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ATOM", "POSTFIX", "POWER", "PRODUCT", "SUM", "UNARY", "Node", "binary", "call", "postfix", "unary"]

# Binding strength of a rendered node: a node of lower strength is parenthesised where a
# higher one is required.
SUM, PRODUCT, UNARY, POWER, POSTFIX, ATOM = 10, 20, 30, 40, 90, 100

_SYMBOL = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ ", "**": "^", "implicit": ""}
_STRENGTH = {"+": SUM, "-": SUM, "*": PRODUCT, "/": PRODUCT, "implicit": PRODUCT, "**": POWER}


@dataclass(frozen=True, slots=True)
class Node:
    """One rendered production: its text and how tightly it binds.

    Attributes:
        text: canonical notation, e.g. ``"(2 + 3)^2"``.
        strength: one of the module's strengths (``SUM`` .. ``ATOM``).
        percent: the node is ``b%`` itself (for the calculator reading of ``a + b%``).
    """

    text: str
    strength: int = ATOM
    percent: bool = False


def _wrap(node: Node, needed: int, *, strict: bool = False) -> str:
    weaker = node.strength < needed or (strict and node.strength == needed)
    return f"({node.text})" if weaker else node.text


def binary(op: str, left: Node, right: Node) -> Node:
    """``left op right`` with the parentheses the parse implies and no others.

    The grammar is left-associative except for ``**``, so an equal-strength right operand of ``-``,
    ``/`` (or ``+``, ``*``, where only explicit parentheses can put it) keeps its parentheses;
    a negated right operand is parenthesised for reading: ``2 × (−3)``.
    """
    strength = _STRENGTH[op]
    if op == "**":
        # only an atom goes bare on either side of ^: (−2)^2, (3!)^2, 2^(3!), 2^(−3)
        left_text = _wrap(left, ATOM)
        right_text = _wrap(right, ATOM)
        return Node(f"{left_text}^{right_text}", POWER)
    left_text = _wrap(left, strength)
    if left.strength == UNARY and strength == PRODUCT:
        left_text = f"({left_text})"
    right_text = _wrap(right, strength, strict=True)
    if right.strength == UNARY and not right_text.startswith("("):
        right_text = f"({right_text})"
    if op == "implicit":
        if right_text[:1].isdigit() or (left_text[-1:].isalpha() and right_text[:1].isalpha()):
            return Node(f"{left_text} × {right_text}", PRODUCT)
        return Node(f"{left_text}{right_text}", PRODUCT)
    return Node(f"{left_text}{_SYMBOL[op]}{right_text}", strength)


def unary(op: str, operand: Node) -> Node:
    """``−x`` (or ``+x``): binds looser than a power, tighter than a product."""
    sign = "−" if op == "-" else "+"
    return Node(f"{sign}{_wrap(operand, UNARY)}", UNARY)


def postfix(operand: Node, mark: str, *, percent: bool = False) -> Node:
    """``5!``, ``5!!``, ``10%``, ``3²``: the operand parenthesised unless it is an atom."""
    return Node(f"{_wrap(operand, ATOM)}{mark}", POSTFIX, percent)


def call(name: str, args: list[Node]) -> Node:
    """A function applied to arguments: ``gcd(12, 18)``, ``log₁₀(100)``."""
    return Node(f"{name}({', '.join(a.text for a in args)})")
