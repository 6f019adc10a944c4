"""Number theory on whole numbers: gcd, lcm, remainders, divisibility, primes, factors, integer roots."""

from __future__ import annotations

import math

import sympy
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math import numerals
from agentkit.tools.math._core import Operation, Scope, Slots, phrase, render, split_list
from agentkit.tools.math._parser import MathSyntaxError

__all__ = ["OPERATIONS", "is_probable_prime"]

MAX_LIST = 50
MAX_PRIME_DIGITS = 40
MAX_FACTOR_DIGITS = 30
MAX_DIVISORS_OF = 10**10
MAX_ROOT_DEGREE = 100
TRIAL_DIVISION_BELOW = 10**10
_WITNESSES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)

_ASK = (r"(?:(?:what is|what's|whats|what are|calculate|compute|find|give|determine|work out|tell|list"
        r"|get|show)(?: me)? )?(?:the )?")
_ORDER = {"square": 2, "second": 2, "cube": 3, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
          "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}


def _integer(text: str, scope: Scope) -> int:
    n = int(scope.integer(text))
    if n.bit_length() > numerals.MAX_BITS:
        raise LimitExceeded(f"a whole number of more than {numerals.MAX_BITS} bits is too large here")
    return n


def _integers(text: str, scope: Scope) -> list[int]:
    items = split_list(text)
    if not 2 <= len(items) <= MAX_LIST:
        raise MathSyntaxError(f"expected 2 to {MAX_LIST} numbers, got {len(items)}")
    return [_integer(item, scope) for item in items]


def _bounded(n: int, digits: int) -> int:
    if abs(n) >= 10**digits:
        raise LimitExceeded(f"this needs a number of at most {digits} digits")
    return n


# -- primality, written out so that it checks sympy rather than trusting it -----

def _trial_divisor(n: int) -> int | None:
    """The smallest prime factor of n (n >= 2) by trial division, or None when n is prime."""
    for p in (2, 3):
        if n % p == 0:
            return p if p < n else None
    d = 5
    while d * d <= n:
        if n % d == 0 or n % (d + 2) == 0:
            return d if n % d == 0 else d + 2
        d += 6
    return None


def _witness(a: int, n: int) -> bool:
    """Whether a proves the odd number n > 2 composite (a Miller-Rabin witness)."""
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    x = pow(a, d, n)
    if x in (1, n - 1):
        return False
    for _ in range(s - 1):
        x = x * x % n
        if x == n - 1:
            return False
    return True


def is_probable_prime(n: int) -> bool:
    """Trial division below 10**10, else Miller-Rabin on the first 20 primes (exact below 3.3e24)."""
    if n < 2:
        return False
    if n < TRIAL_DIVISION_BELOW:
        return _trial_divisor(n) is None
    return n % 2 == 1 and not any(_witness(a, n) for a in _WITNESSES)


# -- gcd, lcm, common denominator ----------------------------------------------

def _verify_gcd(items: list[int], g: int) -> str | None:
    if any(a % g for a in items):
        return f"{g} does not divide every number"
    # Bezout: g is an integer combination of the numbers, so every common divisor divides g
    total = items[0]
    for a in items[1:]:
        s, t = _bezout(total, a)
        total = s * total + t * a
    return None if abs(total) == g else f"{g} is not an integer combination of the numbers"


def _bezout(a: int, b: int) -> tuple[int, int]:
    """Integers s, t with s*a + t*b = ±gcd(a, b) (the extended Euclidean algorithm)."""
    old_r, r, old_s, s, old_t, t = a, b, 1, 0, 0, 1
    while r:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
        old_t, t = t, old_t - q * t
    return old_s, old_t


def _prepare_gcd(slots: Slots, scope: Scope) -> list[int]:
    items = _integers(slots["items"], scope)
    if not any(items):
        raise MathSyntaxError("the gcd of zeros is undefined")
    return items


GCD = Operation(
    name="gcd",
    patterns=phrase(
        rf"{_ASK}(?:greatest|highest|largest|biggest) common (?:divisor|factor) of (?P<items>.+)",
        rf"{_ASK}(?:gcd|gcf|hcf|g\.c\.d\.|h\.c\.f\.) of (?P<items>.+)",
        rf"{_ASK}(?:gcd|gcf|hcf)\((?P<items>.+)\)",
    ),
    prepare=_prepare_gcd,
    compute=lambda items: math.gcd(*items),
    verify=_verify_gcd,
    render=lambda items, g: str(g),
    reason="whole step parsed as the greatest common divisor of whole numbers",
)


def _verify_multiple(items: list[int], m: int) -> str | None:
    if m <= 0 or any(m % a for a in items):
        return f"{m} is not a positive common multiple"
    # m is the least one exactly when no prime divides every quotient m/a
    if math.gcd(*(m // abs(a) for a in items)) != 1:
        return f"a smaller common multiple than {m} exists"
    return None


def _prepare_lcm(slots: Slots, scope: Scope) -> list[int]:
    items = _integers(slots["items"], scope)
    if 0 in items:
        raise MathSyntaxError("no least common multiple involves 0")
    return items


LCM = Operation(
    name="lcm",
    patterns=phrase(
        rf"{_ASK}(?:least|lowest|smallest) common multiple of (?P<items>.+)",
        rf"{_ASK}(?:lcm|l\.c\.m\.) of (?P<items>.+)",
        rf"{_ASK}lcm\((?P<items>.+)\)",
    ),
    prepare=_prepare_lcm,
    compute=lambda items: math.lcm(*items),
    verify=_verify_multiple,
    render=lambda items, m: str(m),
    reason="whole step parsed as the least common multiple of whole numbers",
)


def _prepare_denominator(slots: Slots, scope: Scope) -> list[int]:
    items = split_list(slots["items"])
    if not 2 <= len(items) <= MAX_LIST:
        raise MathSyntaxError(f"expected 2 to {MAX_LIST} fractions, got {len(items)}")
    values = [scope.number(item) for item in items]
    if not all(v.is_Rational for v in values):
        raise MathSyntaxError("a common denominator needs fractions")
    return [int(v.q) for v in values]


DENOMINATOR = Operation(
    name="common_denominator",
    patterns=phrase(rf"{_ASK}(?:lowest |least |smallest )?common denominator of (?P<items>.+)"),
    prepare=_prepare_denominator,
    compute=lambda denominators: math.lcm(*denominators),
    verify=_verify_multiple,
    render=lambda denominators, m: str(m),
    reason="whole step parsed as the least common denominator of fractions",
)


# -- remainders and divisibility -----------------------------------------------

def _prepare_remainder(slots: Slots, scope: Scope) -> tuple[int, int]:
    if "mod" in slots:  # "17 mod 5 + 1": where the operator ends is a matter of convention
        numerals.single_term(slots["a"])
        numerals.single_term(slots["b"])
    a, b = _integer(slots["a"], scope), _integer(slots["b"], scope)
    if b <= 0:
        raise MathSyntaxError("the remainder is only unambiguous for a positive divisor")
    return a, b


def _verify_remainder(args: tuple[int, int], r: int) -> str | None:
    a, b = args
    if not 0 <= r < b:
        return f"{r} is not between 0 and {b - 1}"
    return None if sympy.Rational(a - r, b).is_Integer else f"{a} - {r} is not a multiple of {b}"


REMAINDER = Operation(
    name="remainder",
    patterns=phrase(
        rf"{_ASK}remainder (?:when|if) (?P<a>.+?) is divided by (?P<b>.+)",
        rf"{_ASK}remainder (?:of|from|after|for) (?:dividing )?(?P<a>.+?) (?:divided by|by|over|/) "
        r"(?P<mod>)(?P<b>.+)",
        rf"{_ASK}(?P<a>.+?) (?P<mod>mod|modulo) (?P<b>.+)",
        rf"{_ASK}(?P<a>-?\d+)\s*(?P<mod>%)\s*(?P<b>\d+)",
    ),
    prepare=_prepare_remainder,
    compute=lambda args: args[0] % args[1],
    verify=_verify_remainder,
    render=lambda args, r: str(r),
    reason="whole step parsed as the remainder of a whole-number division",
    interpret=lambda args: _signed(f"{args[0]} mod {args[1]}") + (" (floored: result ≥ 0)" if args[0] < 0 else ""),
)


def _signed(text: str) -> str:
    return text.replace("-", "−")


def _prepare_divides(slots: Slots, scope: Scope) -> tuple[int, int]:
    divisor, n = _integer(slots["d"], scope), _integer(slots["n"], scope)
    if divisor == 0:
        raise MathSyntaxError("divisibility by 0 is not meaningful")
    return divisor, n


def _verify_divides(args: tuple[int, int], answer: bool) -> str | None:
    divisor, n = args
    quotient = n // divisor
    return None if (quotient * divisor == n) == answer else "multiplying back disagrees"


DIVIDES = Operation(
    name="divides",
    patterns=phrase(
        r"is (?P<n>.+?) (?:a multiple of|divisible by|evenly divisible by) (?P<d>.+)",
        r"does (?P<d>.+?) (?:divide|evenly divide|go into) (?P<n>.+?)(?: evenly| exactly)?",
        r"is (?P<d>.+?) (?:a factor|a divisor) of (?P<n>.+)",
    ),
    prepare=_prepare_divides,
    compute=lambda args: args[1] % args[0] == 0,
    verify=_verify_divides,
    render=lambda args, answer: render(answer),
    reason="whole step parsed as a divisibility question about whole numbers",
)


def _prepare_parity(slots: Slots, scope: Scope) -> tuple[int, bool]:
    return _integer(slots["n"], scope), slots["kind"].lower() == "even"


def _verify_parity(args: tuple[int, bool], answer: bool) -> str | None:
    n, even = args
    return _verify_divides((2, n), answer == even)


PARITY = Operation(
    name="parity",
    patterns=phrase(r"is (?:the number )?(?P<n>.+?) (?:an )?(?P<kind>even|odd)(?: number)?"),
    prepare=_prepare_parity,
    compute=lambda args: (args[0] % 2 == 0) == args[1],
    verify=_verify_parity,
    render=lambda args, answer: render(answer),
    reason="whole step parsed as an even/odd question about a whole number",
)


# -- primes and factors --------------------------------------------------------

def _prepare_prime(slots: Slots, scope: Scope) -> tuple[int, bool]:
    n = _bounded(_integer(slots["n"], scope), MAX_PRIME_DIGITS)
    composite = slots["kind"].lower() == "composite"
    if n < 0:
        raise MathSyntaxError("primality of a negative number depends on the convention")
    return n, composite


def _compute_prime(args: tuple[int, bool]) -> bool:
    n, composite = args
    if n < 2:
        return False  # 0 and 1 are neither prime nor composite
    return bool(sympy.isprime(n)) != composite


def _verify_prime(args: tuple[int, bool], answer: bool) -> str | None:
    n, composite = args
    prime = answer != composite
    if n < 2:
        return None if not answer else f"{n} is neither prime nor composite"
    if prime:
        return None if is_probable_prime(n) else f"{n} failed the trial-division/Miller-Rabin check"
    # composite: show a divisor or a Miller-Rabin witness
    if n < TRIAL_DIVISION_BELOW:
        return None if _trial_divisor(n) else f"no divisor of {n} was found"
    if n % 2 and not any(_witness(a, n) for a in _WITNESSES):
        return f"no witness that {n} is composite"
    return None


PRIME = Operation(
    name="is_prime",
    patterns=phrase(
        r"is (?:the number )?(?P<n>.+?) (?:a |an )?(?P<kind>prime|composite)(?: number)?(?:,? or not)?",
        # "561 - prime or not?", "97: prime?"; the mark after the number is punctuation, never a minus
        r"(?P<n>\d+)\s*(?:[-–—:,]\s*)?(?:is it )?(?:a )?(?P<kind>prime|composite)(?: number)?(?:,? or not)",
        r"(?P<n>\d+)\s*[-–—:,]\s*(?:is it )?(?:a )?(?P<kind>prime|composite)(?: number)?",
    ),
    prepare=_prepare_prime,
    compute=_compute_prime,
    verify=_verify_prime,
    render=lambda args, answer: render(answer),
    reason="whole step parsed as a primality question about a whole number",
)


def _prepare_factor(slots: Slots, scope: Scope) -> int:
    n = _bounded(_integer(slots["n"], scope), MAX_FACTOR_DIGITS)
    if n < 2:
        raise MathSyntaxError(f"{n} has no prime factors")
    return n


def _verify_factorization(n: int, factors: dict[int, int]) -> str | None:
    product = 1
    for p, e in factors.items():
        if not is_probable_prime(p):
            return f"{p} is not prime"
        product *= p**e
    return None if product == n else f"the factors multiply to {product}, not {n}"


def _verify_prime_factors(n: int, primes: list[int]) -> str | None:
    rest = n
    for p in primes:
        if not is_probable_prime(p):
            return f"{p} is not prime"
        if rest % p:
            return f"{p} does not divide {n}"
        while rest % p == 0:
            rest //= p
    return None if rest == 1 and primes == sorted(set(primes)) else f"{n} has a prime factor not listed"


PRIME_FACTORS = Operation(
    name="prime_factors",
    patterns=phrase(rf"{_ASK}(?:distinct )?prime (?:factors|divisors) of (?P<n>.+)"),
    prepare=_prepare_factor,
    compute=lambda n: sorted(sympy.factorint(n)),
    verify=_verify_prime_factors,
    render=lambda n, primes: render(primes),
    reason="whole step parsed as the distinct prime factors of a whole number",
)

FACTORIZATION = Operation(
    name="factorization",
    patterns=phrase(
        rf"{_ASK}prime (?:factorization|factorisation|decomposition) of (?P<n>.+)",
        r"(?:factorize|factorise|factor) (?P<n>\d+)(?: into primes)?",
    ),
    prepare=_prepare_factor,
    compute=lambda n: dict(sorted(sympy.factorint(n).items())),
    verify=_verify_factorization,
    render=lambda n, factors: " * ".join(str(p) if e == 1 else f"{p}**{e}" for p, e in factors.items()),
    reason="whole step parsed as the prime factorization of a whole number",
)


def _prepare_divisors(slots: Slots, scope: Scope) -> int:
    n = _integer(slots["n"], scope)
    if not 1 <= n <= MAX_DIVISORS_OF:
        raise MathSyntaxError(f"listing divisors needs a whole number from 1 to {MAX_DIVISORS_OF}")
    return n


def _verify_divisors(n: int, divisors: list[int]) -> str | None:
    expected = []
    for d in range(1, math.isqrt(n) + 1):
        if n % d == 0:
            expected.extend({d, n // d})
    return None if divisors == sorted(expected) else "trial division finds a different list of divisors"


DIVISORS = Operation(
    name="divisors",
    patterns=phrase(rf"{_ASK}(?:all )?(?:the )?(?:positive )?(?:factors|divisors) of (?P<n>.+)"),
    prepare=_prepare_divisors,
    compute=lambda n: [int(d) for d in sympy.divisors(n)],
    verify=_verify_divisors,
    render=lambda n, divisors: render(divisors),
    reason="whole step parsed as the positive divisors of a whole number",
)


# -- nearest integer root --------------------------------------------------------

def _prepare_root(slots: Slots, scope: Scope) -> tuple[sympy.Rational, int]:
    word = slots["k"].lower()
    k = _ORDER.get(word) or int(word.rstrip("stndrh") or 0)
    if not 2 <= k <= MAX_ROOT_DEGREE:
        raise MathSyntaxError(f"root degree between 2 and {MAX_ROOT_DEGREE}, got {word!r}")
    x = scope.number(numerals.single_term(slots["n"]))
    if not x.is_Rational or x < 0:
        raise MathSyntaxError("a nearest integer root needs a non-negative rational number")
    return x, k


def _compute_root(args: tuple[sympy.Rational, int]) -> int:
    x, k = args
    a, _ = sympy.integer_nthroot(int(sympy.floor(x)), k)
    # x**(1/k) is nearer a+1 than a when x > (a + 1/2)**k; a tie (x = 2.25, k = 2) rounds up, as round does
    return a + 1 if x * 2**k >= (2 * a + 1) ** k else a


def _verify_root(args: tuple[sympy.Rational, int], r: int) -> str | None:
    x, k = args
    low = sympy.Rational(2 * r - 1, 2) ** k if r > 0 else 0
    high = sympy.Rational(2 * r + 1, 2) ** k
    return None if low <= x <= high else f"{r}**{k} is not the nearest integer power to {x}"


_NEAREST_INTEGER = r"(?:to|rounded to|correct to) the nearest (?:integer|whole number)"

NEAREST_ROOT = Operation(
    name="nearest_root",
    patterns=phrase(
        rf"{_ASK}(?P<k>{'|'.join(_ORDER)}|\d+(?:st|nd|rd|th)) root of (?P<n>.+?),? {_NEAREST_INTEGER}",
        rf"{_ASK}(?P<n>.+?) (?:to the power of |raised to |\*\*|\^)\s*\(?1/(?P<k>\d+)\)?,? "
        rf"{_NEAREST_INTEGER}",
    ),
    prepare=_prepare_root,
    compute=_compute_root,
    verify=_verify_root,
    render=lambda args, r: str(r),
    reason="whole step parsed as a k-th root rounded to the nearest integer",
)

OPERATIONS: tuple[Operation, ...] = (
    GCD, LCM, DENOMINATOR, REMAINDER, PRIME_FACTORS, FACTORIZATION, DIVISORS, PRIME, PARITY, DIVIDES,
    NEAREST_ROOT, *numerals.OPERATIONS,
)
