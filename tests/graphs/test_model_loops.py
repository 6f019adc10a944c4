"""The model's loops in the graph: answer → validate → re-ask or repair, all within the request's budget."""

from __future__ import annotations

import pytest

from agentkit import Agent
from agentkit.config import Budget
from agentkit.errors import ConfigError
from tests.conftest import ScriptedModelFactory

# no digits and no tool hint: the step goes straight to the model (no translation attempt)
QUESTION = "Tell me something about halving numbers"


def test_model_text_whose_claims_pass_is_kept_but_not_verified_without_a_checked_answer(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("Half of 48 is 24.")
    answer = Agent(model=model).invoke(QUESTION)
    assert (answer.answer, answer.route, answer.fm_calls) == ("Half of 48 is 24.", "model", 1)
    assert answer.verified is False  # the claim passed, but nothing checked the answer to the question
    assert [claim["ok"] for claim in answer.steps[0].validation] == [True]


def test_a_failed_claim_is_sent_back_to_the_model_once(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Half of 48 is 25.", "Sorry: half of 48 is 24.")
    answer = Agent(model=model).invoke(QUESTION)
    assert answer.answer == "Sorry: half of 48 is 24."
    assert answer.fm_calls == 2
    assert "25" in model.prompt_texts()[1] and "24" in model.prompt_texts()[1]  # the re-ask names the claim
    assert all(claim["ok"] for claim in answer.steps[0].validation)


def test_a_model_that_stays_wrong_stops_at_the_budget_and_is_repaired_and_unverified(
    scripted_model: ScriptedModelFactory,
) -> None:
    model = scripted_model("Half of 48 is 25.", "Half of 48 is 25.", "Half of 48 is 25.")
    answer = Agent(model=model, budget=Budget(reasks=1)).invoke(QUESTION)
    assert answer.fm_calls == 2  # the first answer and one re-ask, no more
    assert answer.verified is False
    assert "24" in answer.answer  # the tool's value replaced the wrong one, marked as corrected
    assert any(not claim["ok"] for claim in answer.steps[0].validation)


def test_no_model_call_is_made_past_the_model_call_budget(scripted_model: ScriptedModelFactory) -> None:
    model = scripted_model("Half of 48 is 25.")
    answer = Agent(model=model, budget=Budget(model_calls=0)).invoke(QUESTION)
    assert answer.fm_calls == 0
    assert model.prompts == []
    assert "budget" in answer.answer


def test_a_budget_with_a_negative_limit_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="model_calls"):
        Budget(model_calls=-1)
