"""Real answers, from Python and from `agentkit batch`, validated against agentkit/answer.schema.json."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from opentelemetry.sdk.trace import TracerProvider

from agentkit import Agent, Answer
from agentkit.cli import main
from tests.conftest import ScriptedModelFactory


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(files("agentkit").joinpath("answer.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def round_trip(answer: Answer) -> dict[str, Any]:
    """The answer as a JSON client sees it."""
    return json.loads(answer.to_json())


def test_the_schema_is_shipped_inside_the_package_and_is_valid(validator: Draft202012Validator) -> None:
    assert "answer" in validator.schema["required"]


@pytest.mark.parametrize(
    "request_text",
    [
        "What is the gcd of 12 and 18?",
        "Let f = 3 - 1. Let w = f*2. Is w prime?",
        "What is 2**10, then divide that by 4",
        "What is the capital of France?",
        "What is 2+2, and what is the capital of France?",
        "10**10**10",
        "",
        "   ",
        "x" * 200_000,
    ],
    ids=["symbolic", "definitions", "follow-up", "none", "mixed-none", "too-large", "empty", "blank",
         "too-long"],
)
def test_answers_without_a_model_match_the_schema(validator: Draft202012Validator, request_text: str) -> None:
    answer = Agent(model="none").invoke(request_text)
    assert problems(validator, round_trip(answer)) == []
    assert problems(validator, answer.to_dict()) == []


def test_a_model_answer_matches_the_schema(validator: Draft202012Validator,
                                           scripted_model: ScriptedModelFactory) -> None:
    answer = Agent(model=scripted_model("Paris", usage=(12, 3))).invoke("What is the capital of France?")
    assert answer.route == "model"
    assert problems(validator, round_trip(answer)) == []


def test_a_mixed_answer_with_a_model_matches_the_schema(validator: Draft202012Validator,
                                                        scripted_model: ScriptedModelFactory) -> None:
    answer = Agent(model=scripted_model("Paris")).invoke("What is 2+2, and what is the capital of France?")
    assert answer.route == "mixed"
    assert problems(validator, round_trip(answer)) == []


def test_a_failed_model_call_matches_the_schema(validator: Draft202012Validator,
                                                scripted_model: ScriptedModelFactory) -> None:
    answer = Agent(model=scripted_model(RuntimeError("down"))).invoke("What is the capital of France?")
    assert problems(validator, round_trip(answer)) == []


def test_a_traced_answer_carries_a_trace_id_the_schema_accepts(validator: Draft202012Validator) -> None:
    provider = TracerProvider()
    try:
        answer = Agent(model="none", tracer_provider=provider).invoke("What is 2+2?")
    finally:
        provider.shutdown()
    assert answer.trace_id is not None
    assert problems(validator, round_trip(answer)) == []


def test_the_schema_rejects_an_answer_that_breaks_the_contract(validator: Draft202012Validator) -> None:
    data = round_trip(Agent(model="none").invoke("What is 2+2?"))
    assert problems(validator, {**data, "route": "guess"}) != []
    assert problems(validator, {**data, "fm_calls": -1}) != []
    assert problems(validator, {**data, "trace_id": "not-hex"}) != []
    assert problems(validator, {k: v for k, v in data.items() if k != "verified"}) != []


def test_every_batch_line_matches_the_schema_and_keeps_its_id(validator: Draft202012Validator,
                                                              tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(
        "\n".join([
            json.dumps({"id": "q1", "question": "What is 2+2?"}),
            "{not json",
            json.dumps({"id": 7, "prompt": "no question key"}),
            json.dumps({"id": 8, "question": "What is the capital of France?"}),
            json.dumps(["not", "an", "object"]),
        ]) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 1, result.output  # three lines could not be read
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["line"]) for line in lines] == [("q1", 1), (None, 2), (7, 3), (8, 4), (None, 5)]
    for line in lines:
        assert problems(validator, line) == [], line


def test_a_step_carries_its_interpretation_or_null(validator: Draft202012Validator) -> None:
    from tests.graphs.test_interpretation import DoubleFamily

    agent = Agent(model="none", tools=[DoubleFamily()])
    read, unread = round_trip(agent.invoke("double 3")), round_trip(agent.invoke("what is the capital of France"))
    assert read["steps"][0]["interpretation"] == "2 × 3" and unread["steps"][0]["interpretation"] is None
    assert problems(validator, read) == [] and problems(validator, unread) == []
    read["steps"][0]["interpretation"] = 6
    assert problems(validator, read), "a non-string interpretation must not validate"
