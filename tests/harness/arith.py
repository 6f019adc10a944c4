"""Arithmetic requests: random expression trees, their exact value by `fractions.Fraction`, and renderings with one reading.

Three renderings, each with exactly one reading:

- ``symbols``: ``+ - * / ^`` and their typographic twins (``− × ÷ x **``), standard precedence, parentheses
  wherever precedence or associativity would otherwise decide; a negative base or a power chain is always
  parenthesized (``(-2)^2``, ``-(2^2)``), a negative right operand too (``2 - (-3)``).
- ``mixed``: the issue's own class, symbols for ``+ -`` and words for ``× ÷`` (``100 - 5 times 3``): the words
  bind as tightly as the symbols they name, so this is 85, and precedence is the one reading.
- ``words``: every operator in words; a compound operand is parenthesized unless reading left to right and reading
  by precedence agree (``two times three plus four``), so that no spoken ambiguity is left.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from tests.harness.words import decimal_text, dress, numeral

__all__ = ["Bin", "Neg", "Num", "generate", "render", "symbolic", "value"]

MAX_SIZE = 10**12  # numerator and denominator bound: a request whose value passes it is skipped

_FRAMES = ("what is {}", "whats {}", "what's {}", "how much is {}", "calculate {}", "compute {}", "evaluate {}",
           "can you tell me what {} is", "{}", "{}", "solve {}", "what does {} come to", "{} = ?")
_WORD_FRAMES = tuple(f for f in _FRAMES if "=" not in f)
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4, "atom": 5}


@dataclass(frozen=True)
class Num:
    """A literal: a non-negative integer or terminating decimal."""

    value: Fraction


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    arg: Num | Neg | Bin


@dataclass(frozen=True)
class Bin:
    """A binary operation; ``^`` has a small non-negative integer literal as its exponent."""

    op: str
    left: Num | Neg | Bin
    right: Num | Neg | Bin


Node = Num | Neg | Bin


def value(node: Node) -> Fraction:
    """The exact value; raises ZeroDivisionError or OverflowError for a request to skip."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Neg):
        return -value(node.arg)
    left, right = value(node.left), value(node.right)
    if node.op == "+":
        result = left + right
    elif node.op == "-":
        result = left - right
    elif node.op == "*":
        result = left * right
    elif node.op == "/":
        result = left / right
    else:
        result = left ** int(right)
    if abs(result.numerator) > MAX_SIZE or result.denominator > MAX_SIZE:
        raise OverflowError("too large for a chat question")
    return result


def _leaf(rng: random.Random) -> Node:
    pick = rng.random()
    if pick < 0.6:
        return Num(Fraction(rng.randint(0, 20)))
    if pick < 0.8:
        return Num(Fraction(rng.randint(21, 2000)))
    if pick < 0.93:
        return Num(Fraction(rng.randint(1, 999), rng.choice((10, 100))))
    return Neg(Num(Fraction(rng.randint(1, 30))))


def _tree(rng: random.Random, depth: int) -> Node:
    if depth == 0 or rng.random() < 0.25:
        return _leaf(rng)
    op = rng.choices("+-*/^n", weights=(5, 5, 5, 4, 2, 1))[0]
    if op == "n":
        inner = _tree(rng, depth - 1)
        return Neg(inner) if not isinstance(inner, Neg) else inner
    if op == "^":
        base = _tree(rng, depth - 1) if rng.random() < 0.3 else _leaf(rng)
        return Bin("^", base, Num(Fraction(rng.randint(0, 4))))
    return Bin(op, _tree(rng, depth - 1), _tree(rng, depth - 1))


def generate(rng: random.Random) -> tuple[Node, Fraction]:
    """A random expression of 1 to 4 operators or so, and its exact value."""
    while True:
        node = _tree(rng, rng.choice((1, 1, 2, 2, 3)))
        if isinstance(node, Num) or (isinstance(node, Neg) and isinstance(node.arg, Num)):
            continue
        try:
            return node, value(node)
        except (ZeroDivisionError, OverflowError):
            continue


def symbolic(node: Node) -> str:
    """The canonical formal line (``10 - 2 * 3``), for reports."""
    return _sym(node, random.Random(0), plain=True)[0]


def _is_literal(node: Node) -> bool:
    return isinstance(node, Num)


def _sym(node: Node, rng: random.Random, *, plain: bool = False, mixed: bool = False,
         spaced: bool = True) -> tuple[str, int]:
    """Text and precedence of ``node`` in symbols (or, ``mixed``, words for × and ÷)."""
    if isinstance(node, Num):
        return (decimal_text(node.value) if plain else numeral(node.value, rng, words=0.15 if mixed else 0.0)), 5
    if isinstance(node, Neg):
        if _is_literal(node.arg):
            inner = decimal_text(node.arg.value)
        else:
            inner = f"({_sym(node.arg, rng, plain=plain, mixed=mixed, spaced=spaced)[0]})"
        minus = "-" if plain or rng.random() < 0.8 else "−"
        return minus + inner, 3
    left, lp = _sym(node.left, rng, plain=plain, mixed=mixed, spaced=spaced)
    right, rp = _sym(node.right, rng, plain=plain, mixed=mixed, spaced=spaced)
    own = _PREC[node.op]
    if node.op == "^":
        if lp < 5 or isinstance(node.left, Neg):
            left = f"({left})"
        if not plain and rng.random() < 0.25:
            return left + "⁰¹²³⁴"[int(node.right.value)], own
    else:
        # A × ÷ chain with a word in it ("6 divided by 2 times 3") is said both ways: group it.
        if lp < own or (mixed and own == 2 and lp == 2):
            left = f"({left})"
        if rp <= own or isinstance(node.right, Neg):
            right = f"({right})"
    sign = _symbol(node, rng, plain=plain, mixed=mixed, left=left, right=right)
    pad = " " if spaced or sign.strip().isalpha() else ""
    return f"{left}{pad}{sign.strip()}{pad}{right}", own


def _symbol(node: Bin, rng: random.Random, *, plain: bool, mixed: bool, left: str, right: str) -> str:
    if plain:
        return {"^": "**"}.get(node.op, node.op)
    digits = left.replace(".", "").isdigit() and right.replace(".", "").isdigit()
    choices = {
        "+": ["+"],
        "-": ["-", "-", "−"],
        "*": ["*", "×"] + (["x"] if digits else []) + (["times", "times", "multiplied by"] if mixed else []),
        "/": ["/", "÷"] + (["divided by", "divided by"] if mixed else []),
        "^": ["^", "**"],
    }[node.op]
    return rng.choice(choices)


_WORD_OPS = {"+": ("plus",), "-": ("minus",), "*": ("times", "multiplied by"), "/": ("divided by",)}


def _words(node: Node, rng: random.Random, *, tail: bool, root: bool = False) -> tuple[str, bool]:
    """Text of ``node`` with word operators, and whether it is compound (needs grouping as an operand)."""
    if isinstance(node, Num):
        return numeral(node.value, rng, words=0.6), False
    if isinstance(node, Neg):
        if _is_literal(node.arg):
            return ("negative " if rng.random() < 0.7 else "-") + numeral(node.arg.value, rng, words=0.6), False
        inner, _ = _words(node.arg, rng, tail=True)
        return f"negative ({inner})", False
    if node.op == "^":
        base, compound = _words(node.left, rng, tail=False)
        if compound or isinstance(node.left, Neg):
            base = f"({base})"
        power = int(node.right.value)
        if power == 2 and rng.random() < 0.6:
            return f"{base} squared", True
        if power == 3 and rng.random() < 0.6:
            return f"{base} cubed", True
        if rng.random() < 0.3:
            return f"{base} raised to the power of {numeral(node.right.value, rng, words=0.5)}", True
        return f"{base} to the power of {numeral(node.right.value, rng, words=0.5)}", True
    if (tail and node.op in "+*" and _is_literal(node.left) and _is_literal(node.right)
            and rng.random() < 0.3):
        noun = "sum" if node.op == "+" else "product"
        return f"the {noun} of {numeral(node.left.value, rng)} and {numeral(node.right.value, rng)}", False
    if node.op == "/" and _is_literal(node.left) and _is_literal(node.right) and rng.random() < 0.3 \
            and node.left.value.denominator == 1 and node.right.value.denominator == 1:
        over = f"{numeral(node.left.value, rng)} over {numeral(node.right.value, rng)}"
        return (over if root else f"({over})"), False
    left, left_compound = _words(node.left, rng, tail=False)
    right, right_compound = _words(node.right, rng, tail=tail)
    # Left to right and by precedence agree only under + and −; under × ÷ a compound left operand is grouped
    # ("6 divided by 2 times 3" is said both ways, "two plus three times four" too).
    if left_compound and _PREC[node.op] != 1:
        left = f"({left})"
    if right_compound or isinstance(node.right, Neg):
        right = f"({right})"
    return f"{left} {rng.choice(_WORD_OPS[node.op])} {right}", True


_IMPERATIVES = {"+": ("add {a} and {b}", "add {b} to {a}", "what is {a} added to {b}"),
                "-": ("subtract {b} from {a}", "take {b} away from {a}", "what is {b} less than {a}"),
                "*": ("multiply {a} by {b}", "multiply {a} and {b}"),
                "/": ("divide {a} by {b}",)}


def _imperative(node: Bin, rng: random.Random) -> str:
    """``subtract 3 from 10`` and its kin: the operands named in a sentence, order by the verb."""
    a, b = (numeral(n.value, rng, words=0.4) for n in (node.left, node.right))
    return rng.choice(_IMPERATIVES[node.op]).format(a=a, b=b)


def render(node: Node, rng: random.Random) -> tuple[str, str]:
    """One random English phrasing of ``node`` and the rendering's name (symbols, mixed, words, imperative)."""
    if (isinstance(node, Bin) and node.op in _IMPERATIVES and _is_literal(node.left) and _is_literal(node.right)
            and rng.random() < 0.3):
        return dress(_imperative(node, rng), rng, frames=("{}",)), "imperative"
    style = rng.choices(("symbols", "mixed", "words"), weights=(4, 3, 3))[0]
    if style == "words":
        text, _ = _words(node, rng, tail=True, root=True)
        return dress(text, rng, frames=_WORD_FRAMES), style
    text, _ = _sym(node, rng, mixed=style == "mixed", spaced=style == "mixed" or rng.random() < 0.7)
    return dress(text, rng, frames=_FRAMES, caps=" x " not in text), style
