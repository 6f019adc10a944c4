"""Questions about one whole number (tools/math/primes.py), against values worked out here by plain loops."""

from __future__ import annotations

import math

import pytest
from agentkit.tools.math import MathFamily

from agentkit import Agent


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def primes_upto(n: int) -> list[int]:
    return [m for m in range(2, n + 1) if is_prime(m)]


def trailing_zeros(n: int) -> int:
    digits = str(math.factorial(n))
    return len(digits) - len(digits.rstrip("0"))


def prime_factors(n: int) -> list[int]:
    return [p for p in primes_upto(n) if n % p == 0]


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[MathFamily()])


ANSWERED = [
    ("what's the next prime after 200", str(next(m for m in range(201, 400) if is_prime(m)))),
    ("the previous prime before 90", str(max(primes_upto(89)))),
    ("what is the 15th prime", str(primes_upto(100)[14])),
    ("how many primes are below 200", str(len(primes_upto(199)))),
    ("how many primes are there up to 113", str(len(primes_upto(113)))),
    ("sum of all primes less than 50", str(sum(primes_upto(49)))),
    ("list the primes between 50 and 70", ", ".join(map(str, (p for p in primes_upto(70) if p > 50)))),
    ("smallest prime factor of 323", str(min(prime_factors(323)))),
    ("largest prime factor of 10010", str(max(prime_factors(10010)))),
    ("how many divisors does 360 have", str(sum(360 % d == 0 for d in range(1, 361)))),
    ("number of factors of 97", "2"),
    ("euler's totient of 40", str(sum(math.gcd(k, 40) == 1 for k in range(1, 41)))),
    ("phi(81)", str(sum(math.gcd(k, 81) == 1 for k in range(1, 82)))),
    ("are 21 and 50 coprime", "True"),
    ("is 22 coprime to 121", "False"),
    ("is 1,369 a perfect square", str(37 * 37 == 1369)),
    ("is 1000 a perfect cube", "True"),
    ("is 496 a perfect number", str(sum(d for d in range(1, 496) if 496 % d == 0) == 496)),
    ("is 500 a perfect number", "False"),
    ("inverse of 7 mod 26", str(next(x for x in range(26) if 7 * x % 26 == 1))),
    ("sum of the digits of 40321", str(4 + 0 + 3 + 2 + 1)),
    ("digital root of 65536", str((6 + 5 + 5 + 3 + 6) % 9 or 9)),
    ("how many ones are in the binary representation of 1023", "10"),
    ("how many trailing zeros does 60! have", str(trailing_zeros(60))),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_number_question_is_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


@pytest.mark.parametrize("text", [
    "primes between 19 and 40",  # is 19 included?
    "inverse of 4 mod 12",  # none exists
    "the largest prime after 10",  # contradictory
    "how many primes are below 100000000",  # past the sieve's limit
    "how many positive integers up to 50 are coprime to 60",
])
def test_unclear_or_oversized_number_questions_decline(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


def test_readings_state_the_bounds(agent: Agent) -> None:
    reading = agent.invoke("how many primes are below 200").steps[0].interpretation
    assert reading == "π(199): the number of primes p ≤ 199"
    reading = agent.invoke("list the primes between 50 and 70").steps[0].interpretation
    assert reading == "the primes p with 50 < p < 70"
