"""What a request must pass before the agent sees it: the bearer token, the body size, the concurrency limit.

The concurrency limit is an ASGI middleware, so that a streamed response holds its place until its last
byte is sent: it counts requests being answered, not requests being started. Of those, only a few run at
once (``running``) and the rest wait their turn: the agent's work is CPU-bound Python, and on two cores
one worker answered 159.7 symbolic requests/s with 4 running at once against 95.9 with no waiting line
(README, "Serve").
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

from agentkit.server.errors import ApiError, error_body

__all__ = ["ConcurrencyLimit", "check_api_key", "read_body"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def check_api_key(request: Request, api_key: str | None) -> None:
    """Nothing when no key is configured or the request bears it; else 401."""
    if not api_key:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401, "missing bearer token: send 'Authorization: Bearer <key>'", code="invalid_api_key"
        )
    if not secrets.compare_digest(token.strip().encode(), api_key.encode()):
        raise ApiError(401, "incorrect API key", code="invalid_api_key")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to be longer than ``limit`` bytes."""
    too_large = ApiError(
        413,
        f"the request body is larger than the server's limit of {limit:,} bytes",
        code="request_too_large",
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


class ConcurrencyLimit:
    """At most ``limit`` requests to ``paths`` taken at once (one more gets 429 at once), of which ``running``
    run while the others wait in line."""

    def __init__(self, app: ASGIApp, *, limit: int, running: int, paths: frozenset[str]) -> None:
        self.app, self.limit, self.paths = app, limit, paths
        self.active = 0
        self.running = running
        self._turns: asyncio.Semaphore | None = None  # made on first use, in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            await _send_json(
                send,
                429,
                error_body(
                    429,
                    f"the server is answering {self.limit} requests, its limit; retry shortly",
                    code="too_many_requests",
                ),
            )
            return
        if self._turns is None:
            self._turns = asyncio.Semaphore(self.running)
        self.active += 1  # one event loop per process: no lock needed
        try:
            async with self._turns:
                await self.app(scope, receive, send)
        finally:
            self.active -= 1


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"retry-after", b"1"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
