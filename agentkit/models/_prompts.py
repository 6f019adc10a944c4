"""The texts that ask a model to translate a step or to plan a request, with their few-shot examples.

The examples are written for this project (none comes from a benchmark) and
are sent as conversation turns, so that the embedded base model sees them as
``Q:``/``A:`` pairs and a chat model sees an ordinary few-shot conversation.
Each answer is one line in the form that `agentkit.models.translate` reads.
"""

from __future__ import annotations

__all__ = ["PLAN_EXAMPLES", "PLAN_SYSTEM", "TRANSLATE_EXAMPLES", "TRANSLATE_FORMS", "TRANSLATE_SYSTEM"]

TRANSLATE_SYSTEM = (
    "Rewrite each question as one formal request that a tool will compute. "
    "Do not compute the answer yourself. Answer with one line in one of these forms:"
)
TRANSLATE_FORMS = {
    "math": "math: <arithmetic expression of numbers only>",
    "units": "units: <number> <unit> to <unit>",
    "sql": "sql on <database>: <one SELECT query>",
    "regex": "regex: `<pattern>` matches `<example text>`",
}
TRANSLATE_EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "math": (
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
    ),
    "units": (
        ("How far is 26.2 miles in kilometres?", "units: 26.2 mile to kilometer"),
        ("A recipe needs 250 grams of flour. How many ounces is that?", "units: 250 gram to ounce"),
    ),
    "sql": (
        ("In the library database, how many books are there?", "sql on library: SELECT COUNT(*) FROM books"),
    ),
    "regex": (
        ("Give me a regex for a US zip code.", r"regex: `^\d{5}(?:-\d{4})?$` matches `12345-6789`"),
    ),
}

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
