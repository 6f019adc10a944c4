"""A fifth family defined here, in the test, is offered to the model and executes its proposals: no other file changes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict, describe
from agentkit.tools.langchain import as_langchain_tool
from agentkit.tools.registry import Registry, default_registry
from langchain_core.messages import AIMessage, SystemMessage

from agentkit import Agent
from agentkit.models.translate import Proposal, propose
from tests.conftest import ScriptedModelFactory

_WORD = re.compile(r"[A-Za-z]+")


class ReverseFamily:
    """Reverses one word: the smallest family that tells a model how to ask for it."""

    name = "reverse"
    description = "Reverses one word letter by letter, e.g. 'reverse stressed' gives 'desserts'."
    request_form = "reverse: <one word>"
    examples = (("Spell the word 'drawer' backwards.", "reverse: drawer"),)

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        word = spec.strip().strip("'\"")
        return f"reverse {word}" if _WORD.fullmatch(word) else None

    def recognize(self, text: str, context: Context) -> Candidate | None:
        match = re.fullmatch(r"reverse (?P<word>[A-Za-z]+)", text.strip())
        if match is None:
            return None
        return Candidate(tool=self.name, operation="reverse", spec=match["word"], confidence=1.0,
                         span=(0, len(text)), complete=True, reason="whole step parsed as one word to reverse",
                         interpretation=f"reverse {match['word']!r}")

    def execute(self, candidate: Candidate) -> ToolResult:
        return ToolResult(tool=self.name, operation="reverse", spec=candidate.spec, text=candidate.spec[::-1],
                          value=candidate.spec[::-1])

    def verify(self, result: ToolResult) -> Verdict:
        ok = "".join(reversed(result.value)) == result.spec
        return Verdict(ok=ok, check="reverse.twice", detail="reversed back, it is the word again")

    def check(self, claim: Claim) -> Verdict:
        return Verdict(ok=claim.stated == claim.expression[::-1], check="reverse.claim")


def _registry() -> Registry:
    return Registry([*default_registry(["math"]), ReverseFamily()])


def test_a_custom_family_is_offered_with_its_form_and_examples(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("reverse: stressed")
    proposal, _ = propose(model, "Spell the word stressed backwards.", registry=_registry())
    assert proposal == Proposal(family="reverse", request="reverse stressed", spec="stressed")
    sent = model.prompts[0]
    assert isinstance(sent[0], SystemMessage) and "reverse: <one word>" in str(sent[0].content)
    assert "math: <arithmetic" in str(sent[0].content)  # the built-ins are offered beside it
    assert any(str(m.content) == "reverse: drawer" for m in sent if isinstance(m, AIMessage))


def test_a_custom_familys_strict_reading_refuses_what_does_not_fit(scripted_model: ScriptedModelFactory) -> None:
    proposal, _ = propose(scripted_model("reverse: two words"), "a step", registry=_registry())
    assert proposal is None


def test_a_family_without_a_request_form_is_not_offered(scripted_model: ScriptedModelFactory) -> None:
    class Silent(ReverseFamily):
        request_form = ""  # type: ignore[assignment]

    model = scripted_model("reverse: stressed")
    proposal, _ = propose(model, "a step", registry=Registry([*default_registry(["math"]), Silent()]))
    assert proposal is None
    assert "reverse" not in str(model.prompts[0][0].content)


def test_the_proposal_is_a_request_the_custom_family_executes_and_verifies(
    scripted_model: ScriptedModelFactory,
) -> None:
    registry = _registry()
    proposal, _ = propose(scripted_model("reverse: stressed"), "Spell the word stressed backwards.", registry=registry)
    assert proposal is not None
    family = registry[proposal.family]
    candidate = family.recognize(proposal.request, Context())
    assert candidate is not None and candidate.complete
    result = family.execute(candidate)
    assert (result.text, family.verify(result).ok) == ("desserts", True)


def test_the_agent_executes_a_custom_familys_proposal(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("reverse: stressed")
    answer = Agent(model=model, tools=["math", ReverseFamily()]).invoke("Spell the word stressed backwards")
    assert (answer.answer, answer.route) == ("desserts", "model+tool")
    assert answer.steps[0].tool == "reverse"


def test_a_custom_familys_description_is_its_langchain_description() -> None:
    tool = as_langchain_tool(ReverseFamily())
    assert tool.description == describe(ReverseFamily()) == ReverseFamily.description
    assert tool.name == "agentkit_reverse"
