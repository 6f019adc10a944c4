"""What a model needs to hand the math family a step: its description, request form, examples, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["DESCRIPTION", "EXAMPLES", "REQUEST_FORM", "read_spec"]

DESCRIPTION = (
    "Exact mathematics with sympy: arithmetic, fractions, powers and roots, gcd/lcm, primes, "
    "rounding, base conversion, equations and systems, derivatives, integrals, limits, polynomials, "
    "sequences, probability. Pass one question in words or symbols, e.g. 'Solve 3*x + 7 = 25 for x'."
)
REQUEST_FORM = "math: <arithmetic expression of numbers only>"
# written for this project (none comes from a benchmark)
EXAMPLES: tuple[tuple[str, str], ...] = (
    (("A baker makes 24 muffins. She sells 15 of them and then bakes 10 more. How many muffins does she "
      "have now?"), "math: 24 - 15 + 10"),
    ("Pens cost $3 each. Sam buys 4 pens and pays with a $20 bill. How much change does he get?",
     "math: 20 - 4 * 3"),
    ("A farm has 12 cows and twice as many sheep as cows. How many animals are on the farm?",
     "math: 12 + 12 * 2"),
    ("Lisa earns $15 an hour. She works 6 hours a day for 5 days. How much money does she earn?",
     "math: 15 * 6 * 5"),
    ("Three friends share 2 pizzas equally. Each pizza has 9 slices. How many slices does each friend get?",
     "math: 2 * 9 / 3"),
    ("A jacket costs $80 and is on sale for 25% off. What is the sale price in dollars?",
     "math: 80 - 80 * 25 / 100"),
)

_MATH = re.compile(r"(?:sqrt|abs|floor|ceiling|[\d.\s+\-*/()^%])+")
_TIMES = re.compile(r"(?<=[\d)])\s*[x×·]\s*(?=[\d(])")
_OPERATOR = re.compile(r"[-+*/^%]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def read_spec(spec: str, detail: Mapping[str, str]) -> str | None:
    """``"$1,200 - 3 × 4 = 1188"`` -> ``"What is 1200 - 3 * 4?"``: an expression of numbers only, or ``None``.

    The model's own result (after ``=``) is never used: the side that holds the arithmetic is kept.
    """
    text = _TIMES.sub(" * ", spec.replace("÷", "/").replace("−", "-").replace("$", "")).rstrip(". ")
    text = _THOUSANDS.sub("", text)
    expression = max(text.split("="), key=lambda side: len(_OPERATOR.findall(side))).strip()
    if not expression or not _MATH.fullmatch(expression) or not re.search(r"\d", expression):
        return None
    return f"What is {expression}?"
