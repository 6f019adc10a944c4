"""Questions about one whole number as people ask them: the next or n-th prime, primes in a range, divisor
counts, Euler's totient, perfect squares and numbers, modular inverses, digit sums, trailing zeros of n!.

Each answer is checked by a second, plain computation (a sieve, trial division, a gcd count, the digits
themselves), never by asking sympy again. Conventions:

- ``primes below / less than / under n`` exclude n; ``up to n`` includes it;
- ``primes between a and b`` declines when a or b is itself prime (is it included?);
- ``the inverse of a mod m`` is the x in 0..m-1 with a·x ≡ 1 (mod m); none exists unless gcd(a, m) = 1
  (declined);
- ``digital root`` is the repeated digit sum of a positive number.
"""

from __future__ import annotations

import math
import re

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.numbers import is_probable_prime

__all__ = ["OPERATIONS"]

MAX_SIEVE = 10**6
MAX_INDEX = 10**5
MAX_TRIAL = 10**12
MAX_TOTIENT = 2 * 10**5
MAX_FACTORIAL = 5000
MAX_NUMBER = 10**30

_ASK = (r"(?:(?:what is|what's|whats|what are|calculate|compute|find|give|determine|work out|tell|list|get|show)"
        r"(?: me)? )?(?:the )?")
_N = r"(?P<n>[\d,]+)"
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_BELOW = r"(?P<rel>less than|below|under|smaller than|up to|not exceeding|at most|less than or equal to)"


def _int(text: str, scope: Scope, *, low: int = 0, high: int = MAX_NUMBER) -> int:
    n = int(scope.integer(text.replace(",", "") if _THOUSANDS.fullmatch(text) else text))
    if not low <= n <= high:
        raise MathSyntaxError(f"this question is answered for whole numbers from {low} to {high}")
    return n


def _sieve(limit: int) -> bytearray:
    """``flags[i] == 1`` exactly when i is prime, for 0 <= i <= limit (Eratosthenes)."""
    flags = bytearray([1]) * (limit + 1)
    flags[:2] = b"\x00\x00"[:limit + 1]
    for p in range(2, math.isqrt(limit) + 1):
        if flags[p]:
            flags[p * p::p] = bytes(len(range(p * p, limit + 1, p)))
    return flags


def _simple(name: str, patterns: tuple[str, ...], prepare, compute, verify, interpret, reason: str,
            show=None) -> Operation:
    return Operation(name=name, patterns=phrase(*patterns), prepare=prepare, compute=compute, verify=verify,
                     render=show or (lambda args, value: render(value)), reason=reason, interpret=interpret)


# -- primes near, at and below a number --------------------------------------------------------------

def _verify_next(args: tuple[int, int], p: int) -> str | None:
    n, step = args
    gap = range(n + step, p, step)
    if not is_probable_prime(p) or (p - n) * step <= 0 or any(is_probable_prime(m) for m in gap):
        return f"{p} is not the nearest prime {'after' if step > 0 else 'before'} {n}"
    return None


def _next_args(slots: Slots, scope: Scope) -> tuple[int, int]:
    up = slots["dir"].lower() in ("next", "first", "smallest")
    after = slots["rel"].lower() in ("after", "greater than", "above", "bigger than", "larger than")
    if up != after:
        raise MathSyntaxError("the next prime before / the largest prime after: which is meant?")
    return _int(slots["n"], scope, low=3 if not up else 0, high=10**18), 1 if up else -1


NEXT_PRIME = _simple(
    "next_prime",
    ((rf"{_ASK}(?P<dir>next|first|smallest|previous|largest|biggest|greatest|last) prime(?: number)? "
      rf"(?P<rel>after|greater than|above|bigger than|larger than|before|less than|below|smaller than) {_N}"),),
    _next_args,
    lambda a: int(sympy.nextprime(a[0]) if a[1] > 0 else sympy.prevprime(a[0])),
    _verify_next,
    lambda a: f"the {'next' if a[1] > 0 else 'previous'} prime {'after' if a[1] > 0 else 'before'} {a[0]}",
    "whole step parsed as the nearest prime after or before a whole number",
)


def _verify_nth(k: int, p: int) -> str | None:
    flags = _sieve(p)
    return None if flags[p] and sum(flags) == k else f"a sieve up to {p} does not make it prime number {k}"


NTH_PRIME = _simple(
    "nth_prime",
    (rf"{_ASK}(?P<n>\d+)(?:st|nd|rd|th) prime(?: number)?",),
    lambda s, scope: _int(s["n"], scope, low=1, high=MAX_INDEX),
    lambda k: int(sympy.prime(k)),
    _verify_nth,
    lambda k: f"prime number {k} (2 is the 1st)",
    "whole step parsed as the n-th prime",
)


def _below_args(slots: Slots, scope: Scope) -> int:
    """The largest number counted: n - 1 for "below n", n for "up to n"."""
    n = _int(slots["n"], scope, low=0, high=MAX_SIEVE)
    inclusive = slots["rel"].lower() in ("up to", "not exceeding", "at most", "less than or equal to")
    return n if inclusive else max(n - 1, 0)


COUNT_PRIMES = _simple(
    "count_primes",
    (rf"how many primes?(?: numbers)? (?:are there )?(?:are )?{_BELOW} {_N}",
     rf"{_ASK}(?:number|count) of primes?(?: numbers)? {_BELOW} {_N}"),
    _below_args,
    lambda m: int(sympy.primepi(m)),
    lambda m, count: None if sum(_sieve(m)) == count else "a sieve counts differently",
    lambda m: f"π({m}): the number of primes p ≤ {m}",
    "whole step parsed as a count of primes below a bound",
)

SUM_PRIMES = _simple(
    "sum_primes",
    (rf"{_ASK}sum of (?:all )?(?:the )?primes?(?: numbers)? {_BELOW} {_N}",),
    _below_args,
    lambda m: int(sum(sympy.primerange(2, m + 1))),
    lambda m, total: None if sum(i for i, f in enumerate(_sieve(m)) if f) == total else "a sieve sums differently",
    lambda m: f"the sum of the primes p ≤ {m}",
    "whole step parsed as a sum of primes below a bound",
)


def _between_args(slots: Slots, scope: Scope) -> tuple[int, int]:
    a, b = sorted((_int(slots["a"], scope, high=MAX_SIEVE), _int(slots["b"], scope, high=MAX_SIEVE)))
    if b - a > 10**5:
        raise MathSyntaxError("a list of primes over a range of at most 100000")
    if is_probable_prime(a) or is_probable_prime(b):
        raise MathSyntaxError(f"primes between {a} and {b}: is a prime end included?")
    return a, b


PRIMES_BETWEEN = _simple(
    "primes_between",
    (rf"{_ASK}(?:all )?(?:the )?primes?(?: numbers)? (?:are there )?between (?P<a>[\d,]+) and (?P<b>[\d,]+)",),
    _between_args,
    lambda ab: [int(p) for p in sympy.primerange(ab[0], ab[1])],
    lambda ab, ps: None if ps == [m for m in range(ab[0], ab[1]) if is_probable_prime(m)] else "trial differs",
    lambda ab: f"the primes p with {ab[0]} < p < {ab[1]}",
    "whole step parsed as the primes between two whole numbers",
)


# -- factors and divisors ----------------------------------------------------------------------------

def _verify_extreme(args: tuple[int, str], value: int) -> str | None:
    n, which = args
    rest, factors = n, []
    for p in sorted(sympy.factorint(n)):
        if not is_probable_prime(p) or rest % p:
            return f"{p} is not a prime factor of {n}"
        while rest % p == 0:
            rest //= p
        factors.append(p)
    if rest != 1:
        return f"the prime factors found do not multiply back to {n}"
    if which == "smallest" and n <= MAX_TRIAL and any(n % d == 0 for d in range(2, min(value, math.isqrt(n) + 1))):
        return f"{n} has a divisor below {value}"
    return None if value == (factors[0] if which == "smallest" else factors[-1]) else "another prime is the answer"


def _extreme_args(slots: Slots, scope: Scope) -> tuple[int, str]:
    which = "smallest" if slots["which"].lower() in ("smallest", "least", "lowest") else "largest"
    return _int(slots["n"], scope, low=2, high=10**30), which


EXTREME_FACTOR = _simple(
    "extreme_prime_factor",
    (rf"{_ASK}(?P<which>smallest|least|lowest|largest|biggest|greatest|highest) prime (?:factor|divisor) of {_N}",),
    _extreme_args,
    lambda a: (min if a[1] == "smallest" else max)(sympy.factorint(a[0])),
    _verify_extreme,
    lambda a: f"the {a[1]} prime factor of {a[0]}",
    "whole step parsed as the smallest or largest prime factor of a whole number",
)


def _count_divisors(n: int) -> int:
    return sum(1 if d * d == n else 2 for d in range(1, math.isqrt(n) + 1) if n % d == 0)


DIVISOR_COUNT = _simple(
    "divisor_count",
    (rf"how many (?:positive )?(?:divisors|factors) (?:does|has) {_N}(?: have| got)?",
     rf"{_ASK}(?:number|count) of (?:positive )?(?:divisors|factors) (?:of|for) {_N}"),
    lambda s, scope: _int(s["n"], scope, low=1, high=MAX_TRIAL),
    lambda n: int(sympy.divisor_count(n)),
    lambda n, c: None if _count_divisors(n) == c else "trial division counts differently",
    lambda n: f"d({n}): the number of positive divisors of {n}",
    "whole step parsed as the number of divisors of a whole number",
)


def _totient_args(slots: Slots, scope: Scope) -> int:
    n = _int(slots["n"], scope, low=1, high=MAX_TOTIENT)
    if slots.get("m") and _int(slots["m"], scope, high=MAX_TOTIENT) != n:
        raise MathSyntaxError("integers up to one number coprime to another: not Euler's totient")
    return n


TOTIENT = _simple(
    "totient",
    (rf"{_ASK}(?:euler(?:'s|s)? )?(?:totient|phi)(?: function)?(?: of)?\s*\(?{_N}\)?",
     rf"{_ASK}φ\({_N}\)",
     (rf"how many (?:positive )?integers (?:up to|from 1 to|not exceeding|less than or equal to) {_N} are "
      r"(?:coprime|relatively prime|co-prime) (?:to|with) (?P<m>[\d,]+)")),
    _totient_args,
    lambda n: int(sympy.totient(n)),
    lambda n, t: None if sum(math.gcd(k, n) == 1 for k in range(1, n + 1)) == t else "a gcd count differs",
    lambda n: f"φ({n}): the integers 1..{n} coprime to {n}",
    "whole step parsed as Euler's totient of a whole number",
)


# -- yes/no facts about a number --------------------------------------------------------------------

def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return abs(a)


COPRIME = _simple(
    "coprime",
    (r"are (?P<a>[\d,]+) and (?P<b>[\d,]+) (?:coprime|relatively prime|co-prime)",
     r"is (?P<a>[\d,]+) (?:coprime|relatively prime|co-prime) (?:to|with) (?P<b>[\d,]+)"),
    lambda s, scope: (_int(s["a"], scope, low=1), _int(s["b"], scope, low=1)),
    lambda ab: math.gcd(*ab) == 1,
    lambda ab, yes: None if (_gcd(*ab) == 1) == yes else "Euclid's algorithm disagrees",
    lambda ab: f"gcd({ab[0]}, {ab[1]}) = 1?",
    "whole step parsed as whether two whole numbers are coprime",
)


def _verify_power(args: tuple[int, int], yes: bool) -> str | None:
    n, k = args
    root = round(n ** (1 / k))
    near = [r for r in range(max(root - 2, 0), root + 3) if r**k == n]
    return None if bool(near) == yes else f"no whole {k}-th root check agrees for {n}"


PERFECT_POWER = _simple(
    "perfect_power",
    (rf"is {_N} a perfect (?P<kind>square|cube)",),
    lambda s, scope: (_int(s["n"], scope, high=10**15), 2 if s["kind"].lower() == "square" else 3),
    lambda a: sympy.integer_nthroot(a[0], a[1])[1],
    _verify_power,
    lambda a: f"is {a[0]} = m{'²' if a[1] == 2 else '³'} for a whole m?",
    "whole step parsed as whether a whole number is a perfect square or cube",
)


def _proper_divisor_sum(n: int) -> int:
    total = 0
    for d in range(1, math.isqrt(n) + 1):
        if n % d == 0:
            total += d + (n // d if d * d != n else 0)
    return total - n


PERFECT_NUMBER = _simple(
    "perfect_number",
    (rf"is {_N} a perfect number",),
    lambda s, scope: _int(s["n"], scope, low=1, high=MAX_TRIAL),
    lambda n: int(sympy.divisor_sigma(n)) == 2 * n,
    lambda n, yes: None if (_proper_divisor_sum(n) == n) == yes else "the proper divisors sum differently",
    lambda n: f"is {n} the sum of its proper divisors?",
    "whole step parsed as whether a whole number is perfect",
)


def _inverse_args(slots: Slots, scope: Scope) -> tuple[int, int]:
    a, m = _int(slots["a"], scope), _int(slots["m"], scope, low=2)
    if math.gcd(a, m) != 1:
        raise MathSyntaxError(f"{a} has no inverse modulo {m}: they share a factor")
    return a, m


MOD_INVERSE = _simple(
    "mod_inverse",
    (rf"{_ASK}(?:modular |multiplicative )?inverse of (?P<a>[\d,]+) (?:mod|modulo) (?P<m>[\d,]+)",),
    _inverse_args,
    lambda am: pow(am[0], -1, am[1]),
    lambda am, x: None if 0 <= x < am[1] and am[0] * x % am[1] == 1 else f"{am[0]}·{x} is not 1 mod {am[1]}",
    lambda am: f"x with {am[0]}·x ≡ 1 (mod {am[1]}), 0 ≤ x < {am[1]}",
    "whole step parsed as a modular inverse",
)


# -- digits ------------------------------------------------------------------------------------------

def _digit_sum(n: int) -> int:
    total = 0
    while n:
        n, digit = divmod(n, 10)
        total += digit
    return total


DIGIT_SUM = _simple(
    "digit_sum",
    (rf"{_ASK}sum of (?:the |its |all the )?digits (?:of|in) (?P<n>\d+)", rf"{_ASK}digit sum of (?P<n>\d+)"),
    lambda s, scope: _int(s["n"], scope),
    lambda n: sum(int(c) for c in str(n)),
    lambda n, total: None if _digit_sum(n) == total else "dividing by 10 sums differently",
    lambda n: f"the sum of the decimal digits of {n}",
    "whole step parsed as the digit sum of a whole number",
)


def _digital_root(n: int) -> int:
    while n >= 10:
        n = _digit_sum(n)
    return n


DIGITAL_ROOT = _simple(
    "digital_root",
    (rf"{_ASK}digital root of (?P<n>\d+)",),
    lambda s, scope: _int(s["n"], scope, low=1),
    lambda n: 1 + (n - 1) % 9,
    lambda n, r: None if _digital_root(n) == r else "repeated digit sums differ",
    lambda n: f"the repeated digit sum of {n}",
    "whole step parsed as the digital root of a whole number",
)


def _ones(n: int) -> int:
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


BINARY_ONES = _simple(
    "binary_ones",
    ((r"how many (?:1s|1's|ones) (?:are )?(?:there )?in (?:the )?binary (?:representation |expansion |form )?"
      rf"of {_N}"),),
    lambda s, scope: _int(s["n"], scope),
    lambda n: n.bit_count(),
    lambda n, c: None if _ones(n) == c else "clearing low bits counts differently",
    lambda n: f"the number of 1 bits of {n} in binary",
    "whole step parsed as the number of ones in a binary numeral",
)


def _trailing_zeros(n: int) -> int:
    zeros, power = 0, 5
    while power <= n:
        zeros += n // power
        power *= 5
    return zeros


TRAILING_ZEROS = _simple(
    "factorial_trailing_zeros",
    (r"how many (?:trailing )?zeros (?:does|are at the end of|are there at the end of) (?P<n>\d+)!(?: have)?",
     r"how many trailing zeros (?:are there |are )?in (?P<n>\d+)!",
     rf"{_ASK}number of trailing zeros (?:in|of) (?P<n>\d+)!"),
    lambda s, scope: _int(s["n"], scope, high=MAX_FACTORIAL),
    _trailing_zeros,
    lambda n, z: None if len(str(math.factorial(n))) - len(str(math.factorial(n)).rstrip("0")) == z else "differs",
    lambda n: f"the trailing zeros of {n}! (the factors 5 in 1..{n})",
    "whole step parsed as the trailing zeros of a factorial",
)

OPERATIONS: tuple[Operation, ...] = (
    NEXT_PRIME, NTH_PRIME, COUNT_PRIMES, SUM_PRIMES, PRIMES_BETWEEN, EXTREME_FACTOR, DIVISOR_COUNT, TOTIENT,
    COPRIME, PERFECT_POWER, PERFECT_NUMBER, MOD_INVERSE, DIGIT_SUM, DIGITAL_ROOT, BINARY_ONES, TRAILING_ZEROS,
)
