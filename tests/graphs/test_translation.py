"""The model translates, a tool executes (route model+tool); the model plans where the rules cannot."""

from __future__ import annotations

from agentkit.graphs.nodes import UNCHECKED_TRANSLATION

from agentkit import Agent
from agentkit.config import Budget
from tests.conftest import ScriptedModelFactory

WORD_PROBLEM = "Sam buys 4 pens at $3 each and pays with a $20 bill. How much change does he get?"


def test_a_word_problem_is_translated_and_the_tool_computes_the_answer(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("math: 20 - 4 * 3", usage=(40, 6))
    answer = Agent(model=model).invoke(WORD_PROBLEM)
    assert (answer.answer, answer.route, answer.fm_calls) == ("8", "model+tool", 1)
    assert answer.tokens == {"input": 40, "output": 6}
    step = answer.steps[0]
    assert (step.tool, step.operation) == ("math", "evaluate")
    assert step.validation[0]["ok"] is True  # the tool's own check of its computation passed
    assert answer.verified is False  # but nothing checked that the translation means what was asked
    assert UNCHECKED_TRANSLATION in step.reason


def test_an_untranslatable_reply_is_asked_again_with_the_complaint(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("I think it is about eight dollars", "math: 20 - 4 * 3")
    answer = Agent(model=model).invoke(WORD_PROBLEM)
    assert (answer.answer, answer.route, answer.fm_calls) == ("8", "model+tool", 2)
    assert "not something a tool accepts" in model.prompt_texts()[1]


def test_after_the_translation_budget_the_model_answers_itself_unverified(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("no idea", "still no idea", "He gets $8 back.")
    answer = Agent(model=model, budget=Budget(translations=2)).invoke(WORD_PROBLEM)
    assert (answer.route, answer.fm_calls, answer.verified) == ("model", 3, False)
    assert answer.answer == "He gets $8 back."


def test_a_question_without_numbers_is_not_translated(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Paris")
    answer = Agent(model=model).invoke("What is the capital of France?")
    assert (answer.answer, answer.route, answer.fm_calls) == ("Paris", "model", 1)


def test_the_model_splits_a_request_the_rules_could_not_and_tools_answer_the_steps(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("1. What is 6 * 7?\n2. Is it prime?")
    answer = Agent(model=model).invoke("Multiply 6 by 7 and check whether the product is prime")
    assert [s.text for s in answer.steps] == ["What is 6 * 7?", "Is it prime?"]
    assert (answer.answer, answer.route, answer.verified, answer.fm_calls) == ("False", "symbolic", True, 1)


def test_the_trace_marks_a_translated_step_unverified_not_passed(scripted_model: ScriptedModelFactory) -> None:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    Agent(model=scripted_model("math: 20 - 4 * 3"), tracer_provider=provider).invoke(WORD_PROBLEM)
    (validate,) = [s for s in exporter.get_finished_spans() if s.name == "agentkit.validate"]
    assert validate.attributes["agentkit.validation.verdict"] == "unverified"
    assert validate.attributes["agentkit.validation.failed"] == 0
