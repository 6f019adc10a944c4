"""A model's answer streamed: tokens as they come, a failed check said so, the checked answer last."""

from __future__ import annotations

import openai
import pytest

from agentkit import Agent
from agentkit.server import Settings, create_app
from agentkit.server.streaming import REASK_NOTE
from tests.conftest import ScriptedModelFactory
from tests.server.conftest import Serve

pytestmark = pytest.mark.timeout(120)


def _stream(url: str, text: str) -> tuple[str, dict]:
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
    chunks = list(
        client.chat.completions.create(
            model="agentkit", messages=[{"role": "user", "content": text}], stream=True
        )
    )
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    return content, chunks[-1].model_extra["agentkit"]


def test_a_model_answer_streams_and_its_last_chunk_carries_the_answer_object(
    serve: Serve, scripted_model: ScriptedModelFactory
) -> None:
    model = scripted_model("Crisp leaves drift and fall, the maple lets its colour go.", usage=(30, 12))
    url = serve(
        create_app(
            Settings(models=("scripted",)),
            agent_factory=lambda spec, checkpointer: Agent(model=model, checkpointer=checkpointer),
        )
    )
    content, answer = _stream(url, "Write one line of verse about autumn.")
    assert content == answer["answer"] == "Crisp leaves drift and fall, the maple lets its colour go."
    assert answer["route"] == "model" and answer["fm_calls"] == 1


def test_a_reply_whose_claim_fails_is_followed_by_a_note_and_the_checked_answer(
    serve: Serve, scripted_model: ScriptedModelFactory
) -> None:
    model = scripted_model(
        f"Autumn leaves drift down. Also, 17*3 = {17 * 3 + 1}.",
        f"Autumn leaves drift down. Also 17*3 = {17 * 3}.",
    )
    url = serve(
        create_app(
            Settings(models=("scripted",)),
            agent_factory=lambda spec, checkpointer: Agent(model=model, checkpointer=checkpointer),
        )
    )
    content, answer = _stream(url, "Write a short poem about autumn.")
    assert str(17 * 3 + 1) not in answer["answer"] and str(17 * 3) in answer["answer"]
    assert REASK_NOTE in content  # the wrong reply was on screen: the reader is told it failed
    assert content.endswith(answer["answer"])  # and reads the checked answer last
