"""The texts that ask a model to translate a step or to plan a request, with the planner's few-shot examples.

The request forms and translation examples belong to the tool families (their
``request_form`` and ``examples``, see `agentkit.tools.base.DescribedFamily`).
All examples are written for this project (none comes from a benchmark) and
are sent as conversation turns, so that the embedded base model sees them as
``Q:``/``A:`` pairs and a chat model sees an ordinary few-shot conversation.
"""

from __future__ import annotations

__all__ = ["PLAN_EXAMPLES", "PLAN_SYSTEM", "TRANSLATE_SYSTEM"]

TRANSLATE_SYSTEM = (
    "Rewrite each question as one formal request that a tool will compute. "
    "Do not compute the answer yourself. Answer with one line in one of these forms:"
)

PLAN_SYSTEM = (
    "Split the request into the steps that answer it, in order, one numbered line each, in the request's own "
    "words. A step may refer to the previous step's result as 'it'."
)
PLAN_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("convert 3 miles to km and square it", "1. convert 3 miles to km\n2. square it"),
    ("What is the gcd of 12 and 18, and is it prime?", "1. What is the gcd of 12 and 18?\n2. Is it prime?"),
    ("Differentiate x**3 + 2*x and evaluate the result at x = 2",
     "1. Differentiate x**3 + 2*x\n2. evaluate it at x = 2"),
)
