"""Shared test helpers: the golden-file reader (after sqlglot's tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
DECLINE = "DECLINE"


def load_golden(family: str) -> list[tuple[str, str, str]]:
    """Every ``input  =>  expected`` line of ``fixtures/<family>/*.txt`` as (case id, input, expected)."""
    cases = []
    for path in sorted((FIXTURES / family).glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            text, sep, expected = line.partition("  =>  ")
            if not sep:
                raise ValueError(f"{path.name}:{number}: expected 'input  =>  answer', got {line!r}")
            cases.append((f"{path.stem}:{number}", text.strip(), expected.strip()))
    return cases


def run_math(text: str, bindings: dict[str, str] | None = None):  # -> ToolResult | None
    """Recognize, execute and verify one step with the math family; ``None`` when it declines."""
    from agentkit.tools.base import Context
    from agentkit.tools.math import MathFamily

    family = MathFamily()
    candidate = family.recognize(text, Context(bindings=bindings or {}))
    if candidate is None or not candidate.complete:
        return None
    result = family.execute(candidate)
    assert family.verify(result).ok, result.text
    return result


def assert_golden(agent, text: str, expected: str) -> None:
    """One golden line through an agent: a verified symbolic answer equal to ``expected``, or a decline."""
    answer = agent.invoke(text)
    if expected == DECLINE:
        assert answer.route != "symbolic" or not answer.verified, f"should decline, answered {answer.answer!r}"
    else:
        assert (answer.route, answer.verified) == ("symbolic", True), answer.steps
        assert answer.answer == expected.replace("\\n", "\n")


def math_answer(text: str, **bindings: str) -> tuple[str, bool] | None:
    """The math family's answer text and verdict, or None when it declines the step."""
    from agentkit.tools.base import Context
    from agentkit.tools.math import MathFamily

    family = MathFamily()
    candidate = family.recognize(text, Context(bindings=bindings))
    if candidate is None or not candidate.complete:
        return None
    result = family.execute(candidate)
    return result.text, family.verify(result).ok
