"""Counting: combinations (n choose k), arrangements (permutations of k from n) and factorials, in symbols and words.

Conventions (collected in the README):

- ``n choose k``, ``C(n, k)``, ``nCk``, ``binomial(n, k)``, ``combinations of k from n`` and ``how many ways (can I|to)
  pick/choose/select k from n`` are combinations: order does not matter, no repetition.
- ``nPk``, ``P(n, k)``, ``nPr(n, k)``, ``permutations of n (things) taken k at a time`` and ``how many ways
  (can I|to) arrange/order k from n`` are arrangements: order matters, no repetition.
- ``how many ways to arrange n things`` is n!; ``n factorial`` / ``factorial of n`` is n!.
- ``arrangements of the letters of BANANA`` / ``arrangements of MISSISSIPPI`` are the distinct orderings of the
  letters (repeated letters are alike; case is ignored): n! / (r₁! r₂! …).
- ``12!/(10! 2!)``: factorials side by side in a denominator are multiplied (the multinomial notation).
- A noun after the numbers must be a generic word for items (``cards``, ``people``, ``books``...): ``pick 2 aces
  from 52`` is not C(52, 2) (it declines); the same noun may follow n.
"""

from __future__ import annotations

import re
from fractions import Fraction
from math import comb, factorial, perm

import sympy
from agentkit.tools.math._core import PATTERN_SLOT, Operation, Scope, Slots, phrase
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS"]

MAX_N = 10_000

_ASK = r"(?:(?:what is|what's|whats|find|calculate|compute|evaluate|work out) )?(?:the )?"
_NOUNS = ("items", "things", "objects", "elements", "cards", "people", "persons", "books", "toppings", "players",
          "students", "balls", "numbers", "letters", "colors", "colours", "flavors", "flavours", "members",
          "songs", "courses", "shirts", "dishes", "candidates", "questions", "friends", "marbles", "digits")
_SINGULAR = {"people": "person", "persons": "person"}
_NOUN = rf"(?: (?P<{{name}}>{'|'.join(n for n in _NOUNS)}|{'|'.join(n.removesuffix('s') for n in _NOUNS if n.endswith('s'))}|person))?"
_K = r"(?P<k>\d+)" + _NOUN.format(name="knoun")
_N = r"(?P<n>\d+)" + _NOUN.format(name="nnoun")
_WAYS = (r"(?:how many (?:different |distinct )?ways (?:can (?:i|you|we|one) |are there to |to |is it possible to )?"
         r"|in how many (?:different |distinct )?ways can (?:i |you |we |one )?)")
_FROM = r"(?:from|out of|among)(?: a (?:set|group) of)?"

_COMBINATIONS = phrase(
    rf"{_ASK}(?P<n>\d+) choose (?P<k>\d+)",
    rf"{_ASK}(?:c|ncr|binomial|comb)\((?P<n>\d+), ?(?P<k>\d+)\)",
    rf"{_ASK}(?P<n>\d+)c(?P<k>\d+)",
    rf"{_ASK}(?:number of )?combinations of {_K} {_FROM} {_N}",
    rf"{_WAYS}(?:pick|choose|select) {_K} {_FROM} {_N}",
    rf"{_ASK}(?:number of ways|ways) to (?:pick|choose|select) {_K} {_FROM} {_N}",
)
_ARRANGEMENTS = phrase(
    rf"{_ASK}(?:p|npr|perm)\((?P<n>\d+), ?(?P<k>\d+)\)",
    rf"{_ASK}(?P<n>\d+)p(?P<k>\d+)",
    rf"{_ASK}(?:number of )?(?:permutations|arrangements) of {_N} taken {_K} at a time",
    rf"{_ASK}(?:number of )?(?:permutations|arrangements) of {_K} {_FROM} {_N}",
    rf"{_WAYS}(?:arrange|order) {_K} {_FROM} {_N}",
)
_FACTORIALS = phrase(
    rf"{_ASK}(?P<n>\d+) factorial",
    rf"{_ASK}factorial of (?P<n>\d+)",
    rf"{_WAYS}(?:arrange|order) {_N}",
    rf"{_ASK}(?:number of )?(?:permutations|arrangements) of {_N}",
)
_WORD = r"(?P<word>[A-Za-z]{1,20})"
_LETTERS = phrase(
    rf"(?:{_ASK}(?:number of )?|how many )(?:(?:different|distinct) )?(?:arrangements|permutations|orderings) "
    rf"(?:are there )?of the letters (?:of|in) (?:the word )?{_WORD}",
    rf"(?:{_ASK}(?:number of )?|how many )(?:(?:different|distinct) )?(?:arrangements|permutations|orderings) "
    rf"(?:are there )?of (?P<upper>[A-Z]{{2,20}})",
    rf"{_WAYS}(?:arrange|order) the letters (?:of|in) (?:the word )?{_WORD}",
    rf"{_ASK}(?:number of )?ways to arrange the letters (?:of|in) (?:the word )?{_WORD}",
)
_KINDS = (["choose"] * len(_COMBINATIONS) + ["arrange"] * len(_ARRANGEMENTS) + ["factorial"] * len(_FACTORIALS)
          + ["letters"] * len(_LETTERS))


def _noun(text: str | None) -> str | None:
    if not text:
        return None
    text = text.lower()
    return _SINGULAR.get(text, text.removesuffix("s"))


def _prepare(slots: Slots, scope: Scope) -> tuple[str, int, int] | tuple[str, str]:
    kind = _KINDS[int(slots[PATTERN_SLOT])]
    if kind == "letters":
        word = slots.get("word") or slots["upper"]
        if "upper" in slots and not word.isupper():
            raise MathSyntaxError(f"arrangements of {word!r}: of things, or of its letters? write it in capitals")
        return kind, word.upper()
    n = int(slots["n"])
    k = int(slots.get("k", n))
    knoun, nnoun = _noun(slots.get("knoun")), _noun(slots.get("nnoun"))
    if knoun and nnoun and knoun != nnoun:
        raise MathSyntaxError(f"{slots['knoun']} from {slots['nnoun']}: two kinds of things")
    if n > MAX_N:
        raise MathSyntaxError(f"counting up to n = {MAX_N}")
    if k > n:
        raise MathSyntaxError(f"cannot take {k} from {n} without repetition")
    return kind, n, k


def _multiset(word: str) -> tuple[int, list[int]]:
    counts: dict[str, int] = {}
    for ch in word:
        counts[ch] = counts.get(ch, 0) + 1
    return len(word), list(counts.values())


def _compute(args: tuple) -> sympy.Integer:
    if args[0] == "letters":
        n, repeats = _multiset(args[1])
        return sympy.factorial(n) / sympy.Mul(*(sympy.factorial(r) for r in repeats))
    kind, n, k = args
    if kind == "choose":
        return sympy.binomial(n, k)
    if kind == "arrange":
        return sympy.ff(n, k)
    return sympy.factorial(n)


def _verify(args: tuple, value: sympy.Integer) -> str | None:
    if args[0] == "letters":  # place each letter's copies in the positions still free, one letter at a time
        free, expected = _multiset(args[1])
        count = 1
        for repeat in expected:
            count *= comb(free, repeat)
            free -= repeat
        return None if int(value) == count else f"placing letters one kind at a time gives {count}"
    kind, n, k = args
    expected = comb(n, k) if kind == "choose" else perm(n, k) if kind == "arrange" else factorial(n)
    return None if int(value) == expected else f"Python's math gives {expected}"


def _interpret(args: tuple) -> str:
    if args[0] == "letters":
        n, repeats = _multiset(args[1])
        below = " ".join(f"{r}!" for r in repeats if r > 1)
        return f"arrangements of the letters {args[1]}: {n}!" + (f" / ({below})" if below else "")
    kind, n, k = args
    if kind == "choose":
        return f"C({n}, {k}) = {n}! / ({k}! ({n} − {k})!) (order does not matter)"
    if kind == "arrange":
        return f"P({n}, {k}) = {n}! / ({n} − {k})! (order matters)"
    return f"{n}!"


COUNT = Operation(
    name="count",
    patterns=(*_COMBINATIONS, *_ARRANGEMENTS, *_FACTORIALS, *_LETTERS),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=lambda args, value: str(value),
    reason="whole step parsed as a count of combinations, arrangements or orderings",
    interpret=_interpret,
)

# "12!/(10! 2!)": factorials side by side in a denominator are a product (the multinomial coefficient's notation)
_FACTORIAL = r"\d{1,4}\s*!"
_TIMES = r"\s*(?:\*|×|·)?\s*"


def _quotient(slots: Slots, scope: Scope) -> tuple[int, list[int]]:
    n = int(slots["n"])
    below = [int(m) for m in re.findall(r"(\d+)\s*!", slots["below"])]
    if max([n, *below]) > MAX_N:
        raise MathSyntaxError(f"factorials up to {MAX_N}!")
    return n, below


def _quotient_check(args: tuple[int, list[int]], value: sympy.Rational) -> str | None:
    n, below = args
    expected = Fraction(factorial(n), 1)
    for m in below:
        expected /= factorial(m)
    return None if value == sympy.Rational(expected.numerator, expected.denominator) else \
        f"Python's math gives {expected}"


QUOTIENT = Operation(
    name="factorial_quotient",
    patterns=(re.compile(rf"(?:(?:what is|what's|whats|find|calculate|compute|evaluate) )?(?P<n>\d{{1,4}})\s*!\s*/\s*"
                         rf"\((?P<below>{_FACTORIAL}(?:{_TIMES}{_FACTORIAL})+)\)", re.IGNORECASE),),
    prepare=_quotient,
    compute=lambda a: sympy.factorial(a[0]) / sympy.Mul(*(sympy.factorial(m) for m in a[1])),
    verify=_quotient_check,
    render=lambda args, value: str(value),
    reason="whole step parsed as a factorial over a product of factorials",
    interpret=lambda a: f"{a[0]}! / ({' × '.join(f'{m}!' for m in a[1])})",
)

OPERATIONS: tuple[Operation, ...] = (COUNT, QUOTIENT)
