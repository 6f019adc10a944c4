"""Specification of the routing guarantee and of the registry, with small tool families written here."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import pytest
from agentkit.tools.base import Candidate, Claim, Context, ToolFamily, ToolResult, Verdict
from agentkit.tools.registry import BUILTIN_FAMILIES, Registry, default_registry

from agentkit import Agent
from agentkit.errors import ConfigError, DuplicateToolError, ToolInputError, UnknownToolError
from agentkit.selector import DEFAULT_THRESHOLD, Selector


def candidate(tool: str, *, complete: bool, confidence: float, operation: str = "op") -> Candidate:
    return Candidate(tool=tool, operation=operation, spec={"text": "…"}, confidence=confidence,
                     span=(0, 4), complete=complete, reason=f"{tool} reason")


@dataclass
class ScriptedFamily:
    """A tool family whose recognizer returns a fixed answer (or raises it); it is never executed here."""

    name: str
    answer: Candidate | Exception | None = None
    seen: list[tuple[str, Context]] = field(default_factory=list)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        self.seen.append((text, context))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def execute(self, candidate: Candidate) -> ToolResult:
        raise AssertionError("the selector must not execute anything")

    def verify(self, result: ToolResult) -> Verdict:
        raise AssertionError("the selector must not verify anything")

    def check(self, claim: Claim) -> Verdict:
        raise AssertionError("the selector must not check claims")


def selector(*families: ScriptedFamily, threshold: float = DEFAULT_THRESHOLD) -> Selector:
    return Selector(Registry(families), threshold=threshold)


# -- the routing guarantee ---------------------------------------------------


def test_a_complete_candidate_at_full_confidence_routes_to_its_tool() -> None:
    whole = candidate("alpha", complete=True, confidence=1.0)
    decision = selector(ScriptedFamily("alpha", whole)).select("step", Context(), has_model=True)
    assert decision.route == "symbolic"
    assert decision.chosen == whole
    assert decision.hint is None
    assert decision.reason == "alpha reason"


def test_a_tool_route_does_not_depend_on_whether_a_model_is_configured() -> None:
    whole = candidate("alpha", complete=True, confidence=1.0)
    decision = selector(ScriptedFamily("alpha", whole)).select("step", Context(), has_model=False)
    assert (decision.route, decision.chosen) == ("symbolic", whole)


def test_a_partial_candidate_goes_to_the_model_with_the_partial_kept_as_hint() -> None:
    partial = candidate("alpha", complete=False, confidence=0.4)
    decision = selector(ScriptedFamily("alpha", partial)).select("step", Context(), has_model=True)
    assert decision.route == "model+tool"  # a tool understood part of it: worth translating for that tool
    assert decision.chosen is None
    assert decision.hint == partial
    assert "partial" in decision.reason and "alpha.op" in decision.reason


def test_a_partial_candidate_is_declined_when_no_model_is_configured() -> None:
    partial = candidate("alpha", complete=False, confidence=0.4)
    decision = selector(ScriptedFamily("alpha", partial)).select("step", Context(), has_model=False)
    assert decision.route == "none"
    assert decision.chosen is None
    assert decision.hint == partial


@pytest.mark.parametrize("threshold", [0.1, 0.5, 1.0])
def test_an_incomplete_candidate_never_routes_to_a_tool_even_at_full_confidence(threshold: float) -> None:
    overconfident = candidate("alpha", complete=False, confidence=1.0)
    decision = selector(ScriptedFamily("alpha", overconfident), threshold=threshold).select(
        "step", Context(), has_model=True)
    assert decision.route == "model+tool"
    assert decision.hint == overconfident


def test_a_complete_candidate_below_the_threshold_goes_to_the_model() -> None:
    unsure = candidate("alpha", complete=True, confidence=0.9)
    decision = selector(ScriptedFamily("alpha", unsure)).select("step", Context(), has_model=True)
    assert decision.route == "model+tool"
    assert decision.hint == unsure


def test_a_lower_threshold_admits_a_complete_candidate_that_clears_it() -> None:
    unsure = candidate("alpha", complete=True, confidence=0.9)
    decision = selector(ScriptedFamily("alpha", unsure), threshold=0.8).select(
        "step", Context(), has_model=True)
    assert (decision.route, decision.chosen, decision.threshold) == ("symbolic", unsure, 0.8)


def test_when_no_family_recognizes_the_step_the_decision_says_so() -> None:
    decision = selector(ScriptedFamily("alpha"), ScriptedFamily("beta")).select(
        "step", Context(), has_model=True)
    assert decision.route == "model"
    assert decision.hint is None
    assert decision.candidates == ()
    assert decision.reason == "no tool family recognized the step"


def test_an_empty_registry_routes_everything_to_the_model_or_declines() -> None:
    assert selector().select("step", Context(), has_model=True).route == "model"
    assert selector().select("step", Context(), has_model=False).route == "none"


def test_a_recognizer_that_raises_is_treated_as_a_decline(caplog: pytest.LogCaptureFixture) -> None:
    whole = candidate("beta", complete=True, confidence=1.0)
    broken = ScriptedFamily("alpha", RuntimeError("recognizer bug"))
    with caplog.at_level(logging.ERROR, logger="agentkit.selector"):
        decision = selector(broken, ScriptedFamily("beta", whole)).select("step", Context(), has_model=True)
    assert (decision.route, decision.chosen) == ("symbolic", whole)
    assert decision.candidates == (whole,)
    assert "'alpha'" in caplog.text


def test_a_recognizer_that_raises_alone_leaves_the_step_unrecognized() -> None:
    decision = selector(ScriptedFamily("alpha", ValueError("bad"))).select("step", Context(), has_model=False)
    assert (decision.route, decision.candidates) == ("none", ())


def test_strict_lets_a_recognizer_bug_raise() -> None:
    broken = ScriptedFamily("alpha", RuntimeError("recognizer bug"))
    with pytest.raises(RuntimeError, match="recognizer bug"):
        Selector(Registry([broken]), strict=True).select("step", Context(), has_model=True)


def test_strict_still_counts_a_refusal_as_a_decline(caplog: pytest.LogCaptureFixture) -> None:
    whole = candidate("beta", complete=True, confidence=1.0)
    refusing = ScriptedFamily("alpha", ToolInputError("too large"))
    with caplog.at_level(logging.ERROR, logger="agentkit.selector"):
        decision = Selector(Registry([refusing, ScriptedFamily("beta", whole)]), strict=True).select(
            "step", Context(), has_model=True)
    assert (decision.route, decision.chosen) == ("symbolic", whole)
    assert caplog.text == ""  # a refusal is not a bug: nothing is logged as an error


# -- model+tool or model: is a step worth translating for a tool ---------------


def test_a_step_without_numbers_or_a_hint_goes_to_the_model_alone() -> None:
    decision = selector(ScriptedFamily("alpha")).select("What is the capital of France?", Context(), has_model=True)
    assert decision.route == "model"


@pytest.mark.parametrize("text", ["Sam buys 4 pens at $3 each", "How many rows has the orders table?",
                                  "convert a furlong to metres"])
def test_a_step_with_numbers_or_a_computable_noun_is_worth_translating(text: str) -> None:
    assert selector(ScriptedFamily("alpha")).select(text, Context(), has_model=True).route == "model+tool"


def test_translation_is_judged_on_what_the_model_would_be_given() -> None:
    decision = selector(ScriptedFamily("alpha")).select(
        "Tell me a joke", Context(), has_model=True, model_text="Tell me a joke and then add 2 to 3")
    assert decision.route == "model+tool"


def test_a_step_naming_a_family_of_the_registry_is_worth_translating() -> None:
    assert selector(ScriptedFamily("alpha")).select("Use alpha on this", Context(), has_model=True).route == "model+tool"
    assert selector(ScriptedFamily("beta")).select("Use alpha on this", Context(), has_model=True).route == "model"


def test_a_step_that_reads_like_a_familys_example_question_is_worth_translating() -> None:
    family = ScriptedFamily("reverse")
    family.examples = (("Spell the word 'drawer' backwards.", "reverse: drawer"),)  # type: ignore[attr-defined]
    decision = selector(family).select("Spell the word stressed backwards", Context(), has_model=True)
    assert decision.route == "model+tool"
    assert selector(family).select("Spell your name", Context(), has_model=True).route == "model"


def test_without_a_model_a_translatable_step_is_declined() -> None:
    assert selector(ScriptedFamily("alpha")).select("4 pens at $3", Context(), has_model=False).route == "none"


def test_ties_go_to_the_family_registered_first() -> None:
    a = candidate("alpha", complete=True, confidence=1.0)
    b = candidate("beta", complete=True, confidence=1.0)
    first_alpha = selector(ScriptedFamily("alpha", a), ScriptedFamily("beta", b))
    first_beta = selector(ScriptedFamily("beta", b), ScriptedFamily("alpha", a))
    assert first_alpha.select("step", Context(), has_model=True).chosen == a
    assert first_beta.select("step", Context(), has_model=True).chosen == b


def test_the_most_confident_eligible_candidate_wins_over_registry_order() -> None:
    good = candidate("alpha", complete=True, confidence=0.85)
    better = candidate("beta", complete=True, confidence=0.95)
    decision = selector(ScriptedFamily("alpha", good), ScriptedFamily("beta", better), threshold=0.8).select(
        "step", Context(), has_model=True)
    assert decision.chosen == better


def test_a_complete_candidate_wins_over_a_more_confident_partial_one() -> None:
    partial = candidate("alpha", complete=False, confidence=1.0)
    whole = candidate("beta", complete=True, confidence=0.9)
    families = (ScriptedFamily("alpha", partial), ScriptedFamily("beta", whole))
    decision = selector(*families, threshold=0.9).select("step", Context(), has_model=True)
    assert decision.chosen == whole


def test_the_hint_is_the_most_confident_of_several_partial_candidates() -> None:
    low = candidate("alpha", complete=False, confidence=0.2)
    high = candidate("beta", complete=False, confidence=0.7)
    decision = selector(ScriptedFamily("alpha", low), ScriptedFamily("beta", high)).select(
        "step", Context(), has_model=True)
    assert decision.hint == high
    assert decision.candidates == (low, high)


def test_every_family_sees_the_step_and_its_context() -> None:
    alpha, beta = ScriptedFamily("alpha"), ScriptedFamily("beta")
    context = Context(bindings={"x": "5"}, previous="10")
    selector(alpha, beta).select("What is x*2?", context, has_model=True)
    assert alpha.seen == beta.seen == [("What is x*2?", context)]


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.01, 2.0, math.nan])
def test_a_threshold_outside_zero_to_one_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold must be in"):
        Selector(Registry(), threshold=threshold)


def test_the_agent_refuses_a_bad_threshold_at_construction() -> None:
    with pytest.raises(ValueError, match="threshold"):
        Agent(model="none", threshold=0)


# -- the registry --------------------------------------------------------------


def test_the_registry_keeps_families_in_the_order_they_were_added() -> None:
    registry = Registry([ScriptedFamily("beta"), ScriptedFamily("alpha")])
    assert registry.names() == ["beta", "alpha"]
    assert [f.name for f in registry] == ["beta", "alpha"]
    assert len(registry) == 2
    assert registry["alpha"].name == "alpha"


def test_a_scripted_family_satisfies_the_tool_family_protocol() -> None:
    assert isinstance(ScriptedFamily("alpha"), ToolFamily)


def test_a_duplicate_family_name_raises() -> None:
    registry = Registry([ScriptedFamily("math")])
    with pytest.raises(DuplicateToolError, match="'math' is already registered"):
        registry.add(ScriptedFamily("math"))
    assert len(registry) == 1


def test_an_unknown_family_name_suggests_the_close_one() -> None:
    registry = default_registry()
    with pytest.raises(UnknownToolError, match=r"unknown tool family 'maths'; did you mean 'math'\?") as info:
        registry["maths"]
    assert info.value.name == "maths"


def test_an_unknown_name_with_nothing_close_lists_what_is_known() -> None:
    with pytest.raises(UnknownToolError) as info:
        default_registry()["spreadsheet"]
    assert "did you mean" not in str(info.value)
    assert "known: 'math'" in str(info.value)


def test_default_registry_refuses_an_unknown_built_in_name() -> None:
    with pytest.raises(UnknownToolError, match=r"did you mean 'math'\?"):
        default_registry(["maths"])


def test_the_agent_refuses_an_unknown_tool_name_at_construction() -> None:
    with pytest.raises(UnknownToolError, match=r"did you mean 'math'\?"):
        Agent(model="none", tools=["maths"])


@pytest.mark.parametrize("not_a_family", [object(), "math", 42, ScriptedFamily])
def test_an_object_that_is_not_a_tool_family_raises_type_error(not_a_family: object) -> None:
    with pytest.raises(ConfigError, match="a tool family needs name, recognize, execute, verify and check"):
        Registry([not_a_family])  # type: ignore[list-item]


def test_default_registry_holds_every_built_in_family_in_order() -> None:
    registry = default_registry()
    assert registry.names() == list(BUILTIN_FAMILIES)
    assert all(isinstance(family, ToolFamily) for family in registry)
