"""The model translates, a tool executes (route model+tool); the model plans where the rules cannot."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from agentkit.graphs.nodes import UNCHECKED_TRANSLATION
from agentkit.tools.math import MathFamily
from agentkit.tools.sql import SqlFamily

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


# -- a refusal is not an answer; translations are grounded ----------------------------------------------

TRAIN = "A train travels at 60 miles per hour for 2.5 hours. How far does it go?"


def test_a_refused_translation_goes_back_to_the_model_with_the_refusal(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("units: 60 mph to miles", "math: 60 * 2.5")
    answer = Agent(model=model).invoke(TRAIN)
    assert (answer.answer, answer.route, answer.fm_calls, answer.verified) == ("150", "model+tool", 2, False)
    assert "the tool refused 'convert 60 mph to miles': cannot convert: speed vs length" in model.prompt_texts()[1]


def test_after_refusals_the_model_answers_itself_never_with_the_refusal(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("units: 60 mph to miles", "It goes 150 miles.")
    answer = Agent(model=model, budget=Budget(translations=1)).invoke(TRAIN)
    assert (answer.answer, answer.route, answer.fm_calls, answer.verified) == ("It goes 150 miles.", "model", 2, False)
    (step,) = answer.steps
    assert step.tool is None and step.interpretation is None and "translation failed" in step.reason


def test_a_refusal_with_no_budget_left_is_a_clear_decline(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("units: 60 mph to miles")
    answer = Agent(model=model, budget=Budget(model_calls=1)).invoke(TRAIN)
    assert (answer.route, answer.fm_calls, answer.verified) == ("model", 1, False)
    assert answer.answer.startswith("no answer: ") and "cannot convert" not in answer.answer


def test_a_translation_with_numbers_the_question_lacks_never_reaches_a_tool(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("math: 12 * 12 * 12", "math: 12 * 12", "I cannot tell from the question.")
    answer = Agent(model=model).invoke("How many items are in the box?")
    assert (answer.answer, answer.route, answer.fm_calls) == ("I cannot tell from the question.", "model", 3)
    assert answer.steps[0].validation == []  # no tool ran
    assert "brings numbers the question does not contain (12)" in model.prompt_texts()[1]


def test_numbers_from_an_earlier_result_and_in_words_are_grounded(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("math: 3 * 12")
    answer = Agent(model=model).invoke("Three boxes hold a dozen eggs each. How many eggs are there?")
    assert (answer.answer, answer.route, answer.fm_calls) == ("36", "model+tool", 1)


def test_a_question_about_an_attached_database_is_offered_as_a_query(scripted_model: ScriptedModelFactory,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE items (id INTEGER, name TEXT)")
        db.executemany("INSERT INTO items VALUES (?, ?)", [(1, "pen"), (2, "cup"), (3, "hat")])
    model = scripted_model("math: 12 * 12 * 12", "sql on shop: SELECT COUNT(*) FROM items")
    agent = Agent(model=model, tools=[MathFamily(), SqlFamily({"shop": path})])
    answer = agent.invoke("Tell me how many items shop stocks")
    assert (answer.answer.splitlines()[-2:], answer.route, answer.fm_calls) == (["3", "(1 row)"], "model+tool", 2)
    first = model.prompt_texts()[0]
    assert "about shop, items" in first and "shop: items(id, name)" in first and "math:" not in first
