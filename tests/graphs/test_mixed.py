"""Mixed requests: a tool answers and verifies its part, the model (or no one) the open part, each with its verdict.

The requests are read from ``tests/fixtures/mixed/requests.txt``; the model is a scripted one, so that its
calls can be counted and its prompts read.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner
from langgraph.checkpoint.memory import InMemorySaver

from agentkit import Agent
from agentkit.answer import NO_MODEL_MESSAGE
from agentkit.cli import main
from tests.conftest import ScriptedModelFactory
from tests.helpers import FIXTURES

_PATH = FIXTURES / "mixed" / "requests.txt"
ONE, OPEN = "ONE", "OPEN"


def _cases() -> list[tuple[str, list[str]]]:
    cases = []
    for number, line in enumerate(_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        request, sep, expected = line.partition("  =>  ")
        if not sep:
            raise ValueError(f"{_PATH.name}:{number}: expected 'request  =>  parts', got {line!r}")
        cases.append((request.strip(), [p.strip() for p in expected.split(" | ")]))
    return cases


CASES = _cases()
MIXED = [case for case in CASES if case[1] != [ONE]]
KEPT_WHOLE = [case[0] for case in CASES if case[1] == [ONE]]


def test_the_fixture_has_both_kinds() -> None:
    assert len(MIXED) >= 8 and len(KEPT_WHOLE) >= 8


def _leading_number(text: str) -> Decimal:
    found = re.match(r"\s*(-?\d+(?:\.\d+)?)", text)
    assert found, f"no number at the start of {text!r}"
    return Decimal(found.group(1))


@pytest.mark.parametrize(("request_text", "expected"), MIXED, ids=[c[0] for c in MIXED])
def test_each_part_has_its_own_verdict_and_the_whole_is_not_verified(request_text: str,
                                                                     expected: list[str]) -> None:
    answer = Agent(model="none").invoke(request_text)
    assert [s.part for s in answer.steps] == list(range(len(expected)))
    for step, want in zip(answer.steps, expected):
        if want == OPEN:
            assert step.route == "none" and step.result is None and not step.verified
        else:
            assert step.route == "symbolic" and step.verified, step
            assert _leading_number(step.result) == Decimal(want)
    assert answer.route == "mixed" and answer.verified is False and answer.fm_calls == 0
    lines = answer.answer.splitlines()
    assert len(lines) == len(expected)
    for line, step, want in zip(lines, answer.steps, expected):
        assert line.startswith(f"{step.text} → ")
        assert line.endswith("(verified)") if want != OPEN else f"not answered: {NO_MODEL_MESSAGE}" in line


@pytest.mark.parametrize("request_text", KEPT_WHOLE)
def test_a_request_that_is_not_certainly_mixed_stays_one_request(request_text: str) -> None:
    answer = Agent(model="none").invoke(request_text)
    assert all(step.part is None for step in answer.steps)
    assert "→" not in answer.answer  # not composed part by part


def test_the_model_answers_only_the_open_part_in_one_call(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("William Shakespeare", usage=(30, 3))
    answer = Agent(model=model).invoke("What is 17 times 23, and who wrote Hamlet?")
    (prompt,) = model.prompt_texts()  # one call: the computation was not the model's
    assert prompt.rstrip().endswith("who wrote Hamlet?") and "17" not in prompt
    assert [(s.part, s.route, s.result, s.verified) for s in answer.steps] == [
        (0, "symbolic", "391", True),
        (1, "model", "William Shakespeare", False),
    ]
    assert answer.answer == ("What is 17 times 23 → 391 (verified)\n"
                             "who wrote Hamlet? → William Shakespeare (not verified)")
    assert answer.verified is False and answer.fm_calls == 1 and answer.tokens == {"input": 30, "output": 3}


def test_a_tool_part_after_the_open_part_is_still_answered(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("in Antarctica")
    answer = Agent(model=model).invoke("Where do emperor penguins live, and what is 2^10?")
    assert [(s.route, s.result, s.verified) for s in answer.steps] == [
        ("model", "in Antarctica", False),
        ("symbolic", "1024", True),
    ]
    (prompt,) = model.prompt_texts()
    assert "2^10" not in prompt  # the model was asked its part, not the rest of the request


def test_a_failed_model_call_leaves_the_tool_part_answered(scripted_model: ScriptedModelFactory) -> None:
    answer = Agent(model=scripted_model(RuntimeError("down"))).invoke("Who wrote Faust? What is 9 * 9?")
    assert [(s.route, s.result, s.verified) for s in answer.steps][1] == ("symbolic", "81", True)
    assert answer.steps[0].result is None and answer.verified is False
    assert answer.answer.splitlines()[1] == "What is 9 * 9? → 81 (verified)"


def test_a_request_kept_whole_goes_to_the_model_whole(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("no")
    Agent(model=model).invoke("What is 5 + 7 and which is larger?")
    assert "What is 5 + 7" in model.prompt_texts()[0]  # not cut: the model sees what "which" refers to


def test_a_mixed_turn_leaves_nothing_for_it_in_the_next_turn() -> None:
    agent = Agent(model="none", checkpointer=InMemorySaver())
    agent.invoke("What is 17 times 23, and who wrote Hamlet?", thread_id="mixed")
    answer = agent.invoke("double it", thread_id="mixed")
    assert not answer.verified and "782" not in answer.answer


def test_the_parts_are_in_the_json_answer_and_the_cli_output() -> None:
    runner = CliRunner()
    request = "What is 6 times 7, and who painted the Mona Lisa?"
    shown = runner.invoke(main, ["ask", "--model", "none", "--traces", "none", request])
    assert shown.exit_code == 1  # one of its questions was not answered
    assert "– partly answered" in shown.output
    assert "What is 6 times 7 → 42 (verified)" in shown.output
    assert f"who painted the Mona Lisa? → not answered: {NO_MODEL_MESSAGE}" in shown.output
    data = json.loads(runner.invoke(main, ["ask", "--json", "--model", "none", "--traces", "none", request]).output)
    assert [(s["part"], s["verified"]) for s in data["steps"]] == [(0, True), (1, False)]
    assert data["verified"] is False


def test_a_plain_request_has_no_parts() -> None:
    answer = Agent(model="none").invoke("What is 2 + 2?")
    assert answer.answer == "4" and answer.steps[0].part is None
