"""The contract every tool family keeps, as a mixin its test class inherits (after smolagents' tests).

A family's test class sets ``family`` (an instance), ``examples`` (steps the
family answers whole and verifies), ``non_examples`` (steps it must not answer
whole), ``true_claims`` and ``false_claims`` (for ``check``), and optionally
``follow_ups`` (steps read with a ``Context``) and ``partials`` (steps of which
the family understands only a part, with that part). A test with nothing to check
never passes: the required lists must not be empty, and a test of an optional list the
family leaves empty is skipped, saying so, rather than passing on an empty loop:

    class TestUnitsFamily(ToolFamilyContract):
        family = UnitsFamily()
        examples = ("convert 5 miles to km",)
        ...
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any, ClassVar

import pytest
from agentkit.tools.base import Candidate, Claim, Context, ToolFamily, ToolResult, Verdict
from agentkit.tools.langchain import as_langchain_tool
from langchain_core.tools import BaseTool

__all__ = ["JUNK", "ToolFamilyContract"]

RECOGNIZE_LIMIT_SECONDS = 1.0

# text no family may answer whole: empty, blank, prose, code, binary, huge
JUNK: tuple[str, ...] = (
    "",
    " ",
    "\n\t\r ",
    "hello world",
    "The quick brown fox jumps over the lazy dog.",
    "Привет, мир! مرحبا بالعالم 你好世界 🙂🙃",
    "\x00\x01\x02\x7f\x00",
    bytes(range(256)).decode("utf-8", errors="replace") * 4,
    "__import__('os').system('touch pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "DROP TABLE users; --",
    "?!.,;:()[]{}",
    "(((",
    ")))",
    "x" * 1_000_000,
    "What is " * 125_000,
)


def _label(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


class ToolFamilyContract:
    """Checks every tool family must pass; subclass it and fill in the class attributes."""

    family: ClassVar[Any]
    examples: ClassVar[Sequence[str]] = ()
    non_examples: ClassVar[Sequence[str]] = ()
    follow_ups: ClassVar[Sequence[tuple[str, Context]]] = ()
    partials: ClassVar[Sequence[tuple[str, str]]] = ()
    true_claims: ClassVar[Sequence[Claim]] = ()
    false_claims: ClassVar[Sequence[Claim]] = ()

    # -- helpers ---------------------------------------------------------------

    def declared(self, name: str) -> Sequence[Any]:
        """The optional case list ``name``; the test is skipped, visibly, when the family declares none."""
        cases = getattr(self, name)
        if not cases:
            pytest.skip(f"{type(self).__name__} declares no {name}: {type(self.family).__name__} has none to check")
        return cases

    def test_the_contract_has_cases_to_check(self) -> None:
        for name in ("examples", "non_examples", "true_claims", "false_claims"):
            assert getattr(self, name), f"{type(self).__name__}.{name} is empty: its tests would check nothing"

    def answered(self, text: str, context: Context | None = None) -> Candidate:
        candidate = self.family.recognize(text, context or Context())
        assert candidate is not None and candidate.complete, f"{_label(text)} should be recognized whole"
        return candidate

    def assert_candidate_in_range(self, candidate: Candidate, text: str) -> None:
        assert isinstance(candidate, Candidate), _label(text)
        assert candidate.tool == self.family.name, _label(text)
        assert isinstance(candidate.operation, str) and candidate.operation, _label(text)
        assert 0.0 <= candidate.confidence <= 1.0, (_label(text), candidate.confidence)
        start, end = candidate.span
        assert 0 <= start <= end <= len(text), (_label(text), candidate.span, len(text))
        assert isinstance(candidate.reason, str) and candidate.reason, _label(text)

    # -- the protocol --------------------------------------------------------------

    def test_the_test_class_gives_examples_of_every_kind(self) -> None:
        assert self.examples and self.non_examples and self.true_claims and self.false_claims

    def test_family_satisfies_the_tool_family_protocol(self) -> None:
        assert isinstance(self.family, ToolFamily)
        assert isinstance(self.family.name, str) and self.family.name.isidentifier()

    # -- recognize --------------------------------------------------------------------

    def test_recognize_answers_every_example_whole(self) -> None:
        for text in self.examples:
            candidate = self.answered(text)
            assert candidate.confidence == 1.0, _label(text)

    def test_recognize_is_deterministic(self) -> None:
        for text in [*self.examples, *self.non_examples, *JUNK[:8]]:
            first, second = self.family.recognize(text, Context()), self.family.recognize(text, Context())
            assert first == second, _label(text)

    def test_recognize_does_not_answer_a_non_example_whole(self) -> None:
        for text in self.non_examples:
            candidate = self.family.recognize(text, Context())
            assert candidate is None or not candidate.complete, (_label(text), candidate)

    def test_recognize_declines_junk_quickly_without_raising(self) -> None:
        for text in JUNK:
            start = time.perf_counter()
            candidate = self.family.recognize(text, Context())
            elapsed = time.perf_counter() - start
            assert candidate is None or not candidate.complete, (_label(text), candidate)
            assert elapsed < RECOGNIZE_LIMIT_SECONDS, (_label(text), f"{elapsed:.2f} s")

    def test_candidate_fields_are_in_range(self) -> None:
        for text in [*self.examples, *self.non_examples, *JUNK]:
            candidate = self.family.recognize(text, Context())
            if candidate is not None:
                self.assert_candidate_in_range(candidate, text)

    def test_a_complete_candidate_carries_its_interpretation(self) -> None:
        # the reading a person checks; the graph never verifies a complete candidate without one
        for text, context in [*((t, Context()) for t in self.examples), *self.follow_ups]:
            candidate = self.answered(text, context)
            assert isinstance(candidate.interpretation, str) and candidate.interpretation.strip(), _label(text)

    def test_candidate_span_stays_within_a_follow_up_step(self) -> None:
        for text, context in self.declared("follow_ups"):
            candidate = self.answered(text, context)
            self.assert_candidate_in_range(candidate, text)

    def test_a_partial_candidate_spans_the_part_it_understood(self) -> None:
        for text, understood in self.declared("partials"):
            candidate = self.family.recognize(text, Context())
            assert candidate is not None and not candidate.complete, (_label(text), candidate)
            start, end = candidate.span
            assert text[start:end] == understood, (_label(text), candidate.span)

    def test_candidate_spec_is_json_serializable_for_checkpointed_state(self) -> None:
        for text in [*self.examples, *self.non_examples]:
            candidate = self.family.recognize(text, Context())
            if candidate is not None:
                json.dumps(candidate.spec)

    # -- execute and verify ------------------------------------------------------------

    def test_execute_returns_a_tool_result_that_verify_passes(self) -> None:
        for text in self.examples:
            candidate = self.answered(text)
            result = self.family.execute(candidate)
            assert isinstance(result, ToolResult), _label(text)
            assert (result.tool, result.operation) == (self.family.name, candidate.operation), _label(text)
            assert result.error is None, (_label(text), result.text)
            assert isinstance(result.text, str) and result.text, _label(text)
            verdict = self.family.verify(result)
            assert isinstance(verdict, Verdict), _label(text)
            assert verdict.ok, (_label(text), verdict.detail)

    def test_execute_is_deterministic(self) -> None:
        for text in self.examples:
            candidate = self.answered(text)
            assert self.family.execute(candidate).text == self.family.execute(candidate).text, _label(text)

    def test_result_bindings_are_text_for_checkpointed_state(self) -> None:
        for text in self.examples:
            result = self.family.execute(self.answered(text))
            bindings = dict(result.bindings)
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in bindings.items()), _label(text)
            json.dumps(bindings)

    # -- check --------------------------------------------------------------------------

    def test_check_passes_a_true_claim(self) -> None:
        for claim in self.true_claims:
            verdict = self.family.check(claim)
            assert isinstance(verdict, Verdict), claim
            assert verdict.ok, (claim, verdict.detail)

    def test_check_fails_a_false_claim(self) -> None:
        for claim in self.false_claims:
            verdict = self.family.check(claim)
            assert isinstance(verdict, Verdict), claim
            assert not verdict.ok, (claim, verdict.detail)

    def test_check_returns_a_verdict_on_a_junk_claim_without_raising(self) -> None:
        for text in JUNK[:12]:
            claim = Claim(kind="answer", text=text, span=(0, len(text)), stated=text, expression=text)
            verdict = self.family.check(claim)
            assert isinstance(verdict, Verdict), _label(text)
            assert not verdict.ok, _label(text)
            assert isinstance(verdict.to_dict(), dict)

    # -- as a LangChain tool ----------------------------------------------------------

    def test_the_family_as_a_langchain_tool_answers_an_example(self) -> None:
        tool = as_langchain_tool(self.family)
        assert isinstance(tool, BaseTool)
        text = self.examples[0]
        expected = self.family.execute(self.answered(text)).text
        assert json.loads(tool.invoke({"question": text})) == {
            "result": expected, "operation": self.answered(text).operation, "verified": True}

    def test_the_family_as_a_langchain_tool_declines_a_non_example(self) -> None:
        tool = as_langchain_tool(self.family)
        for text in self.non_examples:
            assert json.loads(tool.invoke({"question": text}))["declined"] is True, _label(text)
