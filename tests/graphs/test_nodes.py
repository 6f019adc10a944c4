"""Each node and router of the offload graph alone: a hand-made state, one `Deps`, the updates it returns."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest
from agentkit.graphs import model_nodes, nodes, offload
from agentkit.graphs.deps import Deps
from agentkit.graphs.state import OffloadState, candidate_state
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.registry import Registry, default_registry
from opentelemetry.trace import NoOpTracer

from agentkit.config import Budget
from agentkit.errors import ToolInputError
from agentkit.selector import Selector
from tests.conftest import ScriptedModelFactory

NEW_YEAR = datetime(2027, 1, 1, 9, 30)


@dataclass
class EchoFamily:
    """Reads "echo <word>" whole and answers the word; remembers the context of every step it saw."""

    raises: BaseException | None = None
    check_passes: bool = True
    name: str = "echo"
    seen: list[Context] = field(default_factory=list)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        self.seen.append(context)
        if not text.startswith("echo "):
            return None
        return Candidate(tool=self.name, operation="say", spec={"word": text[5:]}, confidence=1.0,
                         span=(0, len(text)), complete=True, reason="whole step parsed as echo",
                         interpretation=f"echo {text[5:]!r}")

    def execute(self, candidate: Candidate) -> ToolResult:
        if self.raises is not None:
            raise self.raises
        return ToolResult(tool=self.name, operation="say", spec=candidate.spec, text=candidate.spec["word"])

    def verify(self, result: ToolResult) -> Verdict:
        return Verdict(ok=self.check_passes, check="echo.say", detail="" if self.check_passes else "not an echo")

    def check(self, claim: Claim) -> Verdict:
        return Verdict(ok=False, check="echo.claim")


def make_deps(*families: Any, model: Any = None, strict: bool = False, budget: Budget | None = None) -> Deps:
    registry = Registry(families) if families else default_registry()
    return Deps(selector=Selector(registry, strict=strict), model=model, tracer=NoOpTracer(),
                budget=budget or Budget(), clock=lambda: NEW_YEAR, strict=strict)


def state_at(*texts: str, **more: Any) -> OffloadState:
    """A state routed up to its first step: the plan node's output for ``texts``."""
    steps = [{"text": t, "uses_previous": False} for t in texts]
    state: dict[str, Any] = {"request": " ".join(texts), "steps": steps, "index": 0, "records": [], "current": {},
                             "fm_calls": 0, "tokens": {"input": 0, "output": 0}, "deadline": time.time() + 60}
    return {**state, **more}  # type: ignore[return-value]


def routed(family: EchoFamily, text: str = "echo hi", **more: Any) -> OffloadState:
    candidate = family.recognize(text, Context())
    assert candidate is not None
    current = {"text": text, "route": "symbolic", "uses_previous": False, "reason": candidate.reason,
               "validation": [], "verified": False, "result": None, "tool": "echo", "operation": "say",
               "confidence": 1.0, "attempts": 0, "reasks": 0, "candidate": candidate_state(candidate)}
    return {**state_at(text), "current": {**current, **more}}  # type: ignore[return-value]


# -- plan ------------------------------------------------------------------------------------------


def test_plan_splits_the_request_and_starts_the_budget() -> None:
    before = time.time()
    updates = nodes.plan({"request": "What is 2+2? Is 7 prime?"}, make_deps(budget=Budget(seconds=30)))
    assert [s["text"] for s in updates["steps"]] == ["What is 2+2?", "Is 7 prime?"]
    assert (updates["index"], updates["fm_calls"], updates["records"]) == (0, 0, [])
    assert before + 30 <= updates["deadline"] <= time.time() + 30


# -- route -----------------------------------------------------------------------------------------


def test_route_sends_a_whole_parse_to_its_tool_with_the_candidate() -> None:
    current = nodes.route(state_at("echo hi"), make_deps(EchoFamily()))["current"]
    assert (current["route"], current["tool"], current["operation"]) == ("symbolic", "echo", "say")
    assert Candidate(**current["candidate"]).spec == {"word": "hi"}


def test_route_gives_the_family_the_clocks_date_and_the_bindings() -> None:
    family = EchoFamily()
    nodes.route(state_at("echo hi", bindings={"x": "5"}), make_deps(family))
    assert family.seen[-1] == Context(bindings={"x": "5"}, previous=None, today=date(2027, 1, 1))


def test_route_declines_what_no_tool_reads_when_there_is_no_model() -> None:
    current = nodes.route(state_at("What is the capital of France?"), make_deps(EchoFamily()))["current"]
    assert (current["route"], current["result"]) == ("none", None)


def test_route_gives_the_model_the_rest_of_the_request_and_the_selectors_route(
    scripted_model: ScriptedModelFactory,
) -> None:
    state = state_at("Tell me about Paris.", "How many people live there in 2025?")
    current = nodes.route(state, make_deps(EchoFamily(), model=scripted_model()))["current"]
    assert current["route"] == "model+tool"  # the rest has numbers: worth translating for a tool
    assert current["text"] == "Tell me about Paris. How many people live there in 2025?"


# -- tool ------------------------------------------------------------------------------------------


def test_tool_records_a_verified_result_and_moves_to_the_next_step() -> None:
    updates = nodes.tool(routed(EchoFamily()), make_deps(EchoFamily()))
    assert (updates["current"], updates["index"], updates["previous"]) == ({}, 1, "hi")
    (record,) = updates["records"]
    assert (record["result"], record["verified"]) == ("hi", True)


def test_tool_sends_a_failed_check_to_the_model_as_a_hint(scripted_model: ScriptedModelFactory) -> None:
    family = EchoFamily(check_passes=False)
    current = nodes.tool(routed(family), make_deps(family, model=scripted_model()))["current"]
    assert (current["route"], current["verified"]) == ("model", False)
    assert current["hint"] == "echo.say: the tool's own check failed: not an echo"


def test_tool_declines_a_failed_check_without_a_model() -> None:
    family = EchoFamily(check_passes=False)
    current = nodes.tool(routed(family), make_deps(family))["current"]
    assert (current["route"], current["result"]) == ("none", None)


def test_tool_turns_a_family_bug_into_a_failed_step_and_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    family = EchoFamily(raises=RuntimeError("a bug"))
    with caplog.at_level(logging.ERROR, logger="agentkit.graphs.nodes"):
        current = nodes.tool(routed(family), make_deps(family))["current"]
    assert current["error"] == "the echo tool failed: RuntimeError"
    assert "'echo'" in caplog.text


def test_tool_with_strict_lets_a_family_bug_raise() -> None:
    family = EchoFamily(raises=RuntimeError("a bug"))
    with pytest.raises(RuntimeError, match="a bug"):
        nodes.tool(routed(family), make_deps(family, strict=True))


def test_tool_with_strict_still_turns_a_refusal_into_its_message(caplog: pytest.LogCaptureFixture) -> None:
    family = EchoFamily(raises=ToolInputError("that word is too long to echo"))
    with caplog.at_level(logging.ERROR, logger="agentkit.graphs.nodes"):
        current = nodes.tool(routed(family), make_deps(family, strict=True))["current"]
    assert (current["route"], current["error"]) == ("none", "that word is too long to echo")
    assert caplog.text == ""


def test_tool_leaves_a_failed_translation_to_the_router() -> None:
    family = EchoFamily(check_passes=False)
    updates = nodes.tool(routed(family, route="model+tool", attempts=1), make_deps(family))
    assert updates["current"]["route"] == "model+tool"
    assert offload.after_tool({**routed(family), **updates}, make_deps(family)) == "translate"


# -- the model's nodes -----------------------------------------------------------------------------


def test_translate_accepts_a_line_a_family_reads_whole(scripted_model: ScriptedModelFactory) -> None:
    state = state_at("Sam buys 4 pens at $3 each; what does he pay?")
    state["current"] = {"text": state["steps"][0]["text"], "route": "model+tool", "attempts": 0}
    updates = model_nodes.translate(state, make_deps(model=scripted_model("math: 4 * 3", usage=(9, 2))))
    current = updates["current"]
    assert (current["attempts"], current["tool"], current["error"]) == (1, "math", None)
    assert "4 * 3" in current["translation"] and current["candidate"] is not None
    assert offload.after_translate({**state, **updates}, make_deps()) == "tool"
    assert (updates["fm_calls"], updates["tokens"]) == (1, {"input": 9, "output": 2})


def test_ask_model_makes_no_call_once_the_budget_is_spent(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model()
    state = state_at("Tell me a story", fm_calls=2)
    state["current"] = {"text": "Tell me a story", "route": "model"}
    current = model_nodes.ask_model(state, make_deps(model=model, budget=Budget(model_calls=2)))["current"]
    assert "budget of 2 model calls" in current["error"] and model.prompts == []


def test_validate_sends_a_wrong_claim_back_once(scripted_model: ScriptedModelFactory) -> None:
    state = state_at("Tell me about halving")
    state["current"] = {"text": "Tell me about halving", "route": "model", "result": "Half of 48 is 25.",
                        "reasks": 0}
    current = model_nodes.validate(state, make_deps(model=scripted_model()))["current"]
    assert current["reasks"] == 1 and "24" in current["reask"]
    assert offload.after_validate({**state, "current": current}) == "model"


def test_validate_records_a_declined_step_and_ends_the_request() -> None:
    state = state_at("one", "two")
    state["current"] = {"text": "one", "route": "none", "result": None}
    updates = model_nodes.validate(state, make_deps())
    assert (updates["index"], updates["current"], len(updates["records"])) == (2, {}, 1)


# -- compose and the routers -----------------------------------------------------------------------


def test_compose_keeps_only_the_last_turns_of_history() -> None:
    history = [{"request": str(i), "answer": str(i)} for i in range(nodes.MAX_HISTORY)]
    state = state_at("echo hi", history=history, index=1,
                     records=[{"text": "echo hi", "route": "symbolic", "result": "hi", "verified": True}])
    updates = nodes.compose(state, make_deps())
    assert updates["answer"]["answer"] == "hi"
    assert len(updates["history"]) == nodes.MAX_HISTORY
    assert updates["history"][-1] == {"request": "echo hi", "answer": "hi"}


@pytest.mark.parametrize(("route", "node"), [("symbolic", "tool"), ("model+tool", "translate"),
                                             ("model", "model"), ("none", "validate")])
def test_after_route_names_the_node_of_each_route(route: str, node: str) -> None:
    assert offload.after_route({"current": {"route": route}}) == node  # type: ignore[typeddict-item]


def test_after_translate_stops_translating_at_the_budget() -> None:
    state = state_at("x", current={"route": "model+tool", "attempts": 2, "candidate": None})
    assert offload.after_translate(state, make_deps(budget=Budget(translations=2))) == "model"
    assert offload.after_translate(state, make_deps(budget=Budget(translations=3))) == "translate"
