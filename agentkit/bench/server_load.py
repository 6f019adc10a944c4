"""Load on ``agentkit serve`` over loopback: concurrent clients, each answer checked against its own request.

    python -m agentkit.bench.server_load --clients 50 --seconds 30            # starts a server (--model none)
    python -m agentkit.bench.server_load --url http://127.0.0.1:8000 --clients 50 --seconds 30
    python -m agentkit.bench.server_load --model local --streaming --clients 2 --seconds 60  # first token

Each client asks "What is A*B?" with its own random A and B, over and over, and checks that the answer
is A*B: a response that answers another request is counted as crossed, one that answers none as wrong,
a request without a response as lost. With ``--streaming`` the clients stream open questions to the
model instead and the time to the first content delta is reported. Not a test: a measurement to quote.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

__all__ = ["Tally", "main", "run"]

OPEN_QUESTIONS = (
    "Write one sentence about the sea.",
    "Name a colour and say why you like it.",
    "Describe a cat in one sentence.",
    "Say something kind about Mondays.",
)


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, per answered request
    first_tokens: list[float] = field(default_factory=list)  # seconds to the first content delta (streaming)
    sent: int = 0
    errors: int = 0
    wrong: int = 0
    crossed: int = 0
    expected: set[str] = field(default_factory=set)  # every answer some request expects

    def report(self, seconds: float) -> dict[str, float | int]:
        ordered = sorted(self.latencies)
        answered = len(ordered)
        figures: dict[str, float | int] = {
            "requests": self.sent,
            "answered": answered,
            "requests_per_s": round(answered / seconds, 1),
            "p50_ms": round(_quantile(ordered, 0.50) * 1000, 1),
            "p99_ms": round(_quantile(ordered, 0.99) * 1000, 1),
            "errors": self.errors,
            "wrong": self.wrong,
            "crossed": self.crossed,
            "lost": self.sent - answered - self.errors - self.wrong,
        }
        if self.first_tokens:
            first = sorted(self.first_tokens)
            figures["first_token_p50_ms"] = round(_quantile(first, 0.50) * 1000, 1)
            figures["first_token_p99_ms"] = round(_quantile(first, 0.99) * 1000, 1)
        return figures


def _quantile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


class _Connection:
    """One keep-alive HTTP/1.1 connection that posts JSON: a few lines of asyncio instead of a full client, so
    that the load generator spends little of the CPU it shares with the server it measures."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: dict) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        payload = json.dumps(body).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nhost: {self.host}\r\ncontent-type: application/json\r\n{self.extra}"
            f"content-length: {len(payload)}\r\n\r\n"
        )
        self.writer.write(head.encode() + payload)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _symbolic_client(
    connection: _Connection, model: str, stop: float, tally: Tally, rng: random.Random
) -> None:
    while time.perf_counter() < stop:
        a, b = rng.randrange(100, 100_000), rng.randrange(100, 100_000)
        expected = str(a * b)
        tally.expected.add(expected)
        tally.sent += 1
        start = time.perf_counter()
        try:
            status, body = await connection.post(
                "/v1/chat/completions",
                {"model": model, "messages": [{"role": "user", "content": f"What is {a}*{b}?"}]},
            )
            content = json.loads(body)["choices"][0]["message"]["content"] if status == 200 else None
        except (OSError, ValueError, KeyError, asyncio.IncompleteReadError):
            await connection.close()
            connection.writer = None
            content = None
        if content is None:
            tally.errors += 1
        elif content == expected:
            tally.latencies.append(time.perf_counter() - start)
        else:
            tally.wrong += 1
            tally.crossed += content in tally.expected


async def _streaming_client(
    client: httpx.AsyncClient, model: str, stop: float, tally: Tally, rng: random.Random
) -> None:
    while time.perf_counter() < stop:
        tally.sent += 1
        start, first, done = time.perf_counter(), None, False
        body = {
            "model": model,
            "stream": True,
            "messages": [{"role": "user", "content": rng.choice(OPEN_QUESTIONS)}],
        }
        try:
            async with client.stream("POST", "/v1/chat/completions", json=body) as response:
                async for line in response.aiter_lines():
                    if line == "data: [DONE]":
                        done = True
                    elif line.startswith("data: ") and first is None:
                        choices = json.loads(line[6:]).get("choices") or [{}]
                        if choices[0].get("delta", {}).get("content"):
                            first = time.perf_counter() - start
        except httpx.HTTPError:
            done = False
        if not done:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - start)
        if first is not None:
            tally.first_tokens.append(first)


async def run(
    url: str,
    *,
    clients: int,
    seconds: float,
    model: str = "agentkit",
    streaming: bool = False,
    api_key: str | None = None,
    seed: int = 0,
) -> dict[str, float | int]:
    """Run ``clients`` concurrent clients against ``url`` for ``seconds``; the figures of `Tally.report`."""
    tally = Tally()
    headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
    start = time.perf_counter()
    stop = start + seconds
    if streaming:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=300) as client:
            await asyncio.gather(
                *(
                    _streaming_client(client, model, stop, tally, random.Random(seed * 1000 + n))
                    for n in range(clients)
                )
            )
    else:
        connections = [_Connection(url, headers) for _ in range(clients)]
        await asyncio.gather(
            *(
                _symbolic_client(connection, model, stop, tally, random.Random(seed * 1000 + n))
                for n, connection in enumerate(connections)
            )
        )
        for connection in connections:
            await connection.close()
    elapsed = time.perf_counter() - start
    return tally.report(elapsed)


@contextmanager
def _server(model: str, workers: int, max_running: int | None = None) -> Iterator[str]:
    """``agentkit serve`` in a child process on a free loopback port, stopped at the end."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    state = tempfile.mkdtemp(prefix="agentkit-load-")
    command = [
        sys.executable,
        "-m",
        "agentkit.cli",
        "serve",
        "--port",
        str(port),
        "--model",
        model,
        "--workers",
        str(workers),
        "--traces",
        "none",
        "--no-access-log",
        "--state",
        os.path.join(state, "threads.sqlite"),
    ]
    if max_running is not None:
        command += ["--max-running", str(max_running)]
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server exited with status {process.returncode}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start within 120 s")
            time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m agentkit.bench.server_load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", help="an agentkit server to load; default: start one on a free port")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to load (default 30)")
    parser.add_argument(
        "--model", default="none", help="the --model of the server this script starts (default none)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="the --workers of the server this script starts"
    )
    parser.add_argument(
        "--streaming", action="store_true", help="stream open questions; report time to first token"
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of load before measuring (default 2)"
    )
    parser.add_argument(
        "--max-running", type=int, default=None, help="the --max-running of the server this script starts"
    )
    parser.add_argument("--api-key", default=os.environ.get("AGENTKIT_API_KEY"))
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be >= 1 and --seconds > 0")

    def load(url: str) -> dict[str, float | int]:
        options = {"streaming": args.streaming, "api_key": args.api_key}
        if args.warmup > 0:
            asyncio.run(run(url, clients=args.clients, seconds=args.warmup, **options))
        return asyncio.run(run(url, clients=args.clients, seconds=args.seconds, seed=1, **options))

    if args.url:
        figures = load(args.url)
    else:
        with _server(args.model, args.workers, args.max_running) as url:
            figures = load(url)
    print(json.dumps({"clients": args.clients, "seconds": args.seconds, **figures}))
    failed = figures["errors"] or figures["wrong"] or figures["lost"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
