"""Every math operation in the order the recognizer tries them: specific phrasings first, plain evaluation last."""

from __future__ import annotations

from agentkit.tools.math import (
    algebra,
    arithmetic,
    averages,
    calculus,
    cards,
    choosing,
    comparison,
    counting,
    counting_rules,
    counting_stories,
    definitions,
    descriptive,
    dice,
    distributions,
    everyday,
    extrema,
    fibonacci,
    finance,
    fraction_forms,
    geometry,
    groups,
    numbers,
    percent_stories,
    polynomials,
    primes,
    probability,
    regression,
    sequences,
    series,
    systems,
)
from agentkit.tools.math._core import Operation

__all__ = ["OPERATIONS"]

OPERATIONS: tuple[Operation, ...] = (
    *definitions.OPERATIONS,
    *systems.OPERATIONS,
    *numbers.OPERATIONS,
    *primes.OPERATIONS,
    *comparison.OPERATIONS,
    *counting.OPERATIONS,
    *counting_stories.OPERATIONS,
    *counting_rules.OPERATIONS,
    *distributions.OPERATIONS,
    *choosing.OPERATIONS,
    *descriptive.OPERATIONS,
    *averages.OPERATIONS,
    *regression.OPERATIONS,
    *dice.OPERATIONS,
    *cards.OPERATIONS,
    *probability.OPERATIONS,
    *calculus.OPERATIONS,
    *series.OPERATIONS,
    *extrema.OPERATIONS,
    *polynomials.OPERATIONS,
    *geometry.OPERATIONS,
    *sequences.OPERATIONS,
    *percent_stories.OPERATIONS,
    *finance.OPERATIONS,
    *fraction_forms.OPERATIONS,
    *groups.OPERATIONS,
    *fibonacci.OPERATIONS,
    *everyday.OPERATIONS,
    *algebra.OPERATIONS,
    *arithmetic.OPERATIONS,
)

_names = [op.name for op in OPERATIONS]
assert len(_names) == len(set(_names)), f"duplicate math operation names: {_names}"
