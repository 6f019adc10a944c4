"""Server-side threads (``x-agentkit-thread``): in SQLite by default, in PostgreSQL shared by replicas."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from agentkit.server import Settings, create_app
from tests.server.conftest import Serve

pytestmark = pytest.mark.timeout(180)


def _ask(url: str, text: str, thread: str | None) -> str:
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0, timeout=60)
    headers = {"x-agentkit-thread": thread} if thread else None
    completion = client.chat.completions.create(
        model="agentkit", messages=[{"role": "user", "content": text}], extra_headers=headers
    )
    return completion.choices[0].message.content or ""


def test_a_thread_header_continues_a_conversation_the_client_did_not_resend(
    serve: Serve, tmp_path: Path
) -> None:
    url = serve(create_app(Settings(models=("none",), state=str(tmp_path / "threads.sqlite"))))
    assert _ask(url, "Let x = 17", "alice") is not None
    assert _ask(url, "What is x*3?", "alice") == str(17 * 3)
    assert _ask(url, "What is x*3?", "bob") != str(17 * 3)  # another thread knows no x
    assert _ask(url, "What is x*3?", None) != str(17 * 3)  # nor does a stateless request


def test_a_sqlite_thread_survives_a_restart(serve: Serve, tmp_path: Path) -> None:
    state = str(tmp_path / "threads.sqlite")
    first = serve(create_app(Settings(models=("none",), state=state)))
    _ask(first, "Let y = 250", "carol")
    second = serve(
        create_app(Settings(models=("none",), state=state))
    )  # a new process would read the same file
    assert _ask(second, "What is y - 7?", "carol") == str(250 - 7)


def test_two_replicas_on_one_postgresql_continue_the_same_thread(serve: Serve, postgres_url: str) -> None:
    replica_a = serve(create_app(Settings(models=("none",), state=postgres_url)))
    replica_b = serve(create_app(Settings(models=("none",), state=postgres_url)))
    _ask(replica_a, "Let z = 41", "dave")
    assert _ask(replica_b, "What is z + 1?", "dave") == str(41 + 1)
    _ask(replica_b, "Let w = 9", "dave")
    assert _ask(replica_a, "What is z*w?", "dave") == str(41 * 9)
    assert _ask(replica_a, "What is z + 1?", "erin") != str(41 + 1)


def test_a_bad_thread_name_is_400(serve: Serve, tmp_path: Path) -> None:
    url = serve(create_app(Settings(models=("none",), state=str(tmp_path / "t.sqlite"))))
    with pytest.raises(openai.BadRequestError, match="x-agentkit-thread"):
        _ask(url, "What is 1+1?", "a name with spaces")


def test_a_streamed_turn_continues_its_thread_too(serve: Serve, tmp_path: Path) -> None:
    url = serve(create_app(Settings(models=("none",), state=str(tmp_path / "threads.sqlite"))))
    _ask(url, "Let q = 12", "frank")
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0, timeout=60)
    chunks = client.chat.completions.create(
        model="agentkit",
        messages=[{"role": "user", "content": "What is q**2?"}],
        stream=True,
        extra_headers={"x-agentkit-thread": "frank"},
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == str(12**2)
