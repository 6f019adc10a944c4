"""The tool-family contract, instantiated for every built-in family."""

from __future__ import annotations

from agentkit.tools.base import Claim, Context
from agentkit.tools.math import MathFamily

from tests.tools.contract import ToolFamilyContract


def arithmetic(expression: str, stated: str) -> Claim:
    text = f"{expression} = {stated}"
    return Claim(kind="arithmetic", text=text, span=(0, len(text)), stated=stated, expression=expression)


class TestMathFamily(ToolFamilyContract):
    family = MathFamily()
    examples = (
        "What is 2+2?",
        "Solve 2*x = 4 for x",
        "What is the gcd of 12 and 18?",
        "Let x = 5.",
        "What is 7/2?",
    )
    non_examples = (
        "What is the capital of France?",
        "What is the derivative of sin(x) at the meeting?",
        "lorem ipsum 3 + 4 dolor",
        "exec('1')",
        "eval('2+2')",
        "sympify('x')",
        "lambda: 1",
        "import os",
        "`ls`",
    )
    follow_ups = (
        ("divide that by 4", Context(previous="18446744073709551616")),
        ("What is it plus 1?", Context(previous="123456789012")),
    )
    partials = (
        ("lorem ipsum 3 + 4 dolor", "3 + 4"),
        ("What   is   the   thing   2+2   here", "2+2"),
    )
    true_claims = (arithmetic("48/2", "24"), arithmetic("2**10", "1024"), arithmetic("1/3 + 1/6", "0.5"))
    false_claims = (arithmetic("48/2", "25"), arithmetic("2**10", "1000"))

    def test_a_partial_span_is_right_when_the_text_has_single_spaces(self) -> None:
        candidate = self.family.recognize("lorem ipsum 3 + 4 dolor", Context())
        assert candidate is not None and not candidate.complete
        assert candidate.span == (12, 17)
