"""``agentkit serve`` as a person runs it: a real process, its options, its workers, a graceful shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.conftest import free_port

pytestmark = pytest.mark.timeout(180)
ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str, tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "agentkit.cli",
        "serve",
        "--port",
        str(port),
        "--traces",
        "none",
        "--no-access-log",
        "--state",
        str(tmp_path / "threads.sqlite"),
        *args,
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"agentkit serve exited {process.returncode}: {process.stdout.read()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("agentkit serve did not answer /healthz within 90 s")


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def _ask(url: str, text: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/chat/completions",
        timeout=60,
        **kwargs,
        json={"model": "agentkit", "messages": [{"role": "user", "content": text}]},
    )


def test_two_workers_answer_with_the_key_they_were_given(tmp_path: Path, processes: list) -> None:
    process, url = _start("--model", "none", "--workers", "2", "--api-key", "k3y", tmp_path=tmp_path)
    processes.append(process)
    assert _ask(url, "What is 19*21?").status_code == 401
    answers = [_ask(url, f"What is {n}*{n + 1}?", headers={"authorization": "Bearer k3y"}) for n in range(6)]
    assert [a.json()["choices"][0]["message"]["content"] for a in answers] == [
        str(n * (n + 1)) for n in range(6)
    ]
    assert [
        m["id"] for m in httpx.get(f"{url}/v1/models", headers={"authorization": "Bearer k3y"}).json()["data"]
    ] == ["agentkit", "none"]


def test_sigterm_lets_the_request_in_flight_finish(tmp_path: Path, processes: list) -> None:
    process, url = _start("--model", "none", "--agent", "tests.server.agents:slow", tmp_path=tmp_path)
    processes.append(process)
    result: dict[str, Any] = {}
    asker = threading.Thread(target=lambda: result.update(response=_ask(url, "What is 6*7?")))
    asker.start()
    time.sleep(0.5)  # the request is in flight (it takes 2 s)
    process.send_signal(signal.SIGTERM)
    asker.join(30)
    assert result["response"].status_code == 200
    assert result["response"].json()["choices"][0]["message"]["content"] == str(6 * 7)
    assert process.wait(30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once it has shut down


def test_a_model_it_cannot_use_is_a_usage_error_before_anything_starts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "serve", "--model", "nonsense-model"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "nonsense-model" in done.stderr and "Traceback" not in done.stderr


def test_help_names_the_options_and_an_example() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "serve", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    for option in ("--host", "--port", "--model", "--workers", "--state", "--api-key", "--db"):
        assert option in done.stdout
    assert "x-agentkit-thread" in done.stdout and "curl" in done.stdout
