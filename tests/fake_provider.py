"""A fake OpenAI-compatible provider on loopback that fails on demand: hangs, 500, 429, empty or malformed bodies.

The tests reach it through the real ``openai`` client, as any OpenAI-compatible
server would be reached (``Agent(model="openai:fake@http://127.0.0.1:PORT/v1")``).
Each chat request plays the next entry of the script; when the script is used up,
every request gets an ordinary answer (``reply``), so a test can check that the
process is healthy for the next request.

    with FakeProvider() as provider:
        provider.play("500", "500", "ok")
        Agent(model=f"openai:fake@{provider.url}").invoke("...")
        provider.chat_requests            # 3
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

__all__ = ["BEHAVIOURS", "FakeProvider"]

BEHAVIOURS = ("ok", "hang", "500", "429", "empty", "malformed", "truncated", "bad_tool_call", "overflow")
"""What one chat request can get: an answer, silence, an error status, or a broken body."""


class FakeProvider:
    """A threaded HTTP server speaking the subset of the OpenAI API the agent uses (``/models``, ``/chat/completions``).

    Attributes:
        reply: the text of an ordinary answer.
        retry_after: the ``Retry-After`` header of a 429, in seconds.
        hang_seconds: how long a ``hang`` keeps the request open (the server closes it then).
    """

    def __init__(self, *, reply: str = "The answer is 42.", retry_after: float = 1.0,
                 hang_seconds: float = 30.0) -> None:
        self.reply, self.retry_after, self.hang_seconds = reply, retry_after, hang_seconds
        self._script: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def chat_requests(self) -> int:
        """How many chat requests arrived."""
        return len(self.requests)

    def play(self, *behaviours: str) -> None:
        """The next chat requests get these behaviours, in order (see `BEHAVIOURS`)."""
        unknown = [b for b in behaviours if b not in BEHAVIOURS]
        assert not unknown, f"unknown behaviours {unknown}; known: {BEHAVIOURS}"
        with self._lock:
            self._script = list(behaviours)

    def next_behaviour(self, body: dict[str, Any]) -> str:
        with self._lock:
            self.requests.append(body)
            self.arrivals.append(time.monotonic())
            return self._script.pop(0) if self._script else "ok"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def wait_or_stop(self, seconds: float) -> None:
        self._stop.wait(seconds)


def _completion(text: str, *, tool_call: dict[str, Any] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if tool_call is not None:
        message = {"role": "assistant", "content": None, "tool_calls": [tool_call]}
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "message": message,
                         "finish_reason": "tool_calls" if tool_call else "stop"}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}


def _chunks(text: str) -> Iterator[bytes]:
    for piece in (text[: len(text) // 2], text[len(text) // 2:]):
        chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                 "model": "fake", "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
        yield f"data: {json.dumps(chunk)}\n\n".encode()


def _handler(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, *, headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            behaviour = provider.next_behaviour(body)
            if behaviour == "hang":
                provider.wait_or_stop(provider.hang_seconds)
                self.close_connection = True
                return
            if behaviour == "500":
                self._send(500, b'{"error": {"message": "internal error", "type": "server_error"}}')
            elif behaviour == "429":
                self._send(429, b'{"error": {"message": "rate limited", "type": "rate_limit"}}',
                           headers={"Retry-After": f"{provider.retry_after:g}"})
            elif behaviour == "empty":
                self._send(200, b"")
            elif behaviour == "malformed":
                self._send(200, b'{"id": "chatcmpl-fake", "choices": [{"index": 0, "message": {"role": "assi')
            elif behaviour == "overflow":
                self._send(400, json.dumps({"error": {
                    "message": "This model's maximum context length is 8192 tokens; your messages resulted "
                               "in 9000 tokens.", "type": "invalid_request_error",
                    "code": "context_length_exceeded"}}).encode())
            elif behaviour == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for chunk in _chunks(provider.reply):  # no finish_reason, no [DONE]: the stream is cut
                    self.wfile.write(chunk)
                    self.wfile.flush()
                self.close_connection = True
            elif behaviour == "bad_tool_call":
                call = {"id": "call_1", "type": "function",
                        "function": {"name": body.get("tools", [{}])[0].get("function", {}).get("name", "x")
                                     if body.get("tools") else "Translation",
                                     "arguments": '{"family": "ma'}}
                self._send(200, json.dumps(_completion("", tool_call=call)).encode())
            elif body.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for chunk in _chunks(provider.reply):
                    self.wfile.write(chunk)
                end = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                       "model": "fake", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                self.close_connection = True
            else:
                self._send(200, json.dumps(_completion(provider.reply)).encode())

    return Handler
