"""The reading is part of the answer: a step's interpretation reaches the answer, the trace and `ask`; a step
without one, or a tool's refusal, is never verified."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentkit import Agent
from agentkit.graphs.nodes import NO_INTERPRETATION
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict


@dataclass
class DoubleFamily:
    """Reads "double <n>" whole and answers 2n, reading it as ``2 × n``.

    ``reading`` overrides the interpretation ("" for none); ``refuses`` makes ``execute`` return a refusal
    (``ToolResult.error``) while ``verify`` would still pass anything it is shown.
    """

    reading: str | None = None
    refuses: bool = False
    name: str = "double"

    def recognize(self, text: str, context: Context) -> Candidate | None:
        words = text.strip(" ?.").split()
        if len(words) != 2 or words[0] != "double" or not words[1].isdigit():
            return None
        n = int(words[1])
        reading = f"2 × {n}" if self.reading is None else self.reading
        return Candidate(tool=self.name, operation="double", spec={"n": n}, confidence=1.0,
                         span=(0, len(text)), complete=True, reason="whole step parsed as double",
                         interpretation=reading)

    def execute(self, candidate: Candidate) -> ToolResult:
        if self.refuses:
            return ToolResult(tool=self.name, operation="double", spec=candidate.spec,
                              text="cannot double: volume vs mass", error="DimensionalityError")
        return ToolResult(tool=self.name, operation="double", spec=candidate.spec, text=str(2 * candidate.spec["n"]))

    def verify(self, result: ToolResult) -> Verdict:
        return Verdict(ok=True, check="double.double", detail="passes whatever it is shown")

    def check(self, claim: Claim) -> Verdict:
        return Verdict(ok=False, check="double.claim")


def test_a_symbolic_step_carries_its_interpretation_through_invoke() -> None:
    answer = Agent(model="none", tools=[DoubleFamily()]).invoke("double 21")
    assert (answer.answer, answer.route, answer.verified) == ("42", "symbolic", True)
    assert answer.steps[0].interpretation == "2 × 21"
    assert answer.to_dict()["steps"][0]["interpretation"] == "2 × 21"


def test_a_step_no_tool_computed_has_no_interpretation() -> None:
    answer = Agent(model="none", tools=[DoubleFamily()]).invoke("what is the capital of France")
    assert answer.route == "none"
    assert answer.steps[0].interpretation is None


@pytest.mark.parametrize("reading", ["", "   "])
def test_a_complete_candidate_without_an_interpretation_is_declined(reading: str) -> None:
    answer = Agent(model="none", tools=[DoubleFamily(reading=reading)]).invoke("double 21")
    assert (answer.route, answer.verified) == ("none", False)
    assert answer.steps[0].result is None and not answer.steps[0].verified
    assert answer.steps[0].reason == NO_INTERPRETATION
    assert NO_INTERPRETATION in answer.answer and "42" not in answer.answer


def test_a_candidate_without_an_interpretation_falls_back_to_the_model(scripted_model) -> None:
    model = scripted_model("forty-two")
    answer = Agent(model=model, tools=[DoubleFamily(reading="")]).invoke("double 21")
    assert (answer.route, answer.verified) == ("model", False)
    assert answer.steps[0].interpretation is None  # the model answered: the tool's reading is not its
    assert NO_INTERPRETATION in model.prompt_texts()[0]


def test_a_refusal_is_declined_with_the_tools_reason_even_if_the_check_would_pass() -> None:
    answer = Agent(model="none", tools=[DoubleFamily(refuses=True)]).invoke("double 21")
    assert (answer.route, answer.verified) == ("none", False)
    step = answer.steps[0]
    assert (step.route, step.verified, step.result) == ("none", False, None)
    assert step.reason == "cannot double: volume vs mass"
    assert answer.answer.startswith("cannot double: volume vs mass")
    assert step.validation[0]["ok"] is False


def test_the_execute_tool_span_records_the_interpretation(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tools=[DoubleFamily()], tracer_provider=tracer_provider, trace_content=False).invoke("double 4")
    (span,) = [s for s in exporter.get_finished_spans() if s.name.startswith("execute_tool")]
    assert span.attributes["agentkit.interpretation"] == "2 × 4"  # recorded even without content capture
    assert span.attributes["agentkit.tool.verified"] is True


def test_ask_prints_the_reading_before_the_route_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from agentkit.cli import ask, main

    monkeypatch.setattr(ask, "build_agent", lambda *a, **k: Agent(model="none", tools=[DoubleFamily()]))
    lines = CliRunner().invoke(main, ["ask", "double 5"]).stdout.splitlines()
    assert lines[:2] == ["10", "  reading: 2 × 5"]
    assert "route: symbolic" in lines[2]
    as_json = CliRunner().invoke(main, ["ask", "--json", "double 5"]).stdout
    assert '"interpretation": "2 × 5"' in as_json
