"""Model calls that end within the request's budget: each failure classified, transient ones retried, all traced.

A provider can hang, throttle (429 with ``Retry-After``), fail (5xx), answer
garbage, be unreachable, or refuse a prompt longer than its context. The graph's
model nodes call the model through `guard`, which

- gives each attempt at most the time left in the request's `agentkit.config.Budget`
  (and never more than `ATTEMPT_SECONDS`), stopping to wait for a hung call at that point;
- retries only what may pass (throttling, a server error, a malformed answer), at most `MAX_RETRIES` times, within the budget's model calls and time,
  honouring ``Retry-After`` when it fits the budget;
- records each retry as a span event ``agentkit.model.retry`` and the attempts as the span
  attribute ``agentkit.model.attempts``;
- raises `ModelCallFailed`, whose message says what went wrong in words (naming the server's
  URL when it was unreachable), so the step's answer can say it honestly.

Provider clients are built with their own retries off (`agentkit.models`), so that every
attempt is one of these, counted and visible.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["ATTEMPT_SECONDS", "MAX_RETRIES", "ContextOverflow", "Failure", "Guarded", "ModelCallFailed", "classify",
           "error_type", "guard"]

ATTEMPT_SECONDS = 60.0
"""The longest one attempt may take, whatever the budget has left."""
MAX_RETRIES = 2
"""Attempts after the first, for a failure that may pass."""
BACKOFF_SECONDS = 0.5
"""The first wait between attempts; it doubles (a ``Retry-After`` replaces it)."""

Kind = Literal["timeout", "unreachable", "rate_limited", "server_error", "bad_response", "context_overflow",
               "refused", "failed"]
_RETRYABLE: frozenset[Kind] = frozenset({"rate_limited", "server_error", "bad_response"})
# a timeout is not retried: a provider that hung once would spend the rest of the request's time again


class ContextOverflow(ValueError):
    """The prompt does not fit the model's context: retrying the same prompt cannot help."""


@dataclass(frozen=True, kw_only=True)
class Failure:
    """One failed attempt, classified: what kind, said in words, and whether another attempt may pass.

    Attributes:
        kind: the class of failure (``timeout``, ``rate_limited``, ``context_overflow``, ...).
        detail: what happened, for a person.
        wait: seconds the provider asked to wait (``Retry-After``), when it did.
    """

    kind: Kind
    detail: str
    wait: float | None = None

    @property
    def retryable(self) -> bool:
        return self.kind in _RETRYABLE


class ModelCallFailed(Exception):
    """The model call failed for good; ``str()`` is the sentence a person reads."""

    def __init__(self, failure: Failure, *, attempts: int, why_stopped: str = "") -> None:
        times = f" ({attempts} attempts{'; ' + why_stopped if why_stopped else ''})" if attempts > 1 else (
            f" ({why_stopped})" if why_stopped else "")
        super().__init__(f"{failure.detail}{times}")
        self.failure, self.attempts = failure, attempts


class _Overdue(TimeoutError):
    pass


def classify(exc: BaseException, *, where: str) -> Failure:
    """What ``exc``, raised by a provider's client, means for the request (``where`` names the model)."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    text = str(exc)
    if isinstance(exc, ContextOverflow) or "context_length_exceeded" in f"{getattr(exc, 'code', '')}" \
            or (status == 400 and "context length" in text.lower()):
        return Failure(kind="context_overflow", detail=f"the request is too long for {where}: {text}")
    if isinstance(exc, _Overdue):
        return Failure(kind="timeout", detail=f"{where} did not answer within {exc.args[0]:.3g} s")
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return Failure(kind="timeout", detail=f"{where} timed out: {text}")
    if status == 429:
        return Failure(kind="rate_limited", detail=f"{where} is rate-limiting requests (HTTP 429)",
                       wait=_retry_after(exc))
    if isinstance(status, int) and status >= 500:
        return Failure(kind="server_error", detail=f"{where} failed with HTTP {status}")
    if isinstance(status, int) and status >= 400:
        return Failure(kind="refused", detail=f"{where} refused the request with HTTP {status}: {text}")
    if isinstance(exc, ConnectionError) or "Connection" in name or "Connect" in name:
        cause = exc.__cause__ or exc.__context__
        return Failure(kind="unreachable", detail=f"could not reach {where}: {cause or text}")
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)) or name in ("BadResponse",
                                                                                 "APIResponseValidationError"):
        return Failure(kind="bad_response", detail=f"{where} gave an answer that could not be read: {text}")
    return Failure(kind="failed", detail=f"{where} failed: {name}: {text}")


def error_type(exc: BaseException) -> str:
    """The span's ``error.type``: the provider's exception class, also behind a `ModelCallFailed`."""
    if isinstance(exc, ModelCallFailed):
        cause = exc.__cause__
        return type(cause).__name__ if cause is not None and not isinstance(cause, _Overdue) else exc.failure.kind
    return type(exc).__name__


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    try:
        return max(0.0, float(headers.get("retry-after")))
    except (TypeError, ValueError):  # absent, or an HTTP date: the usual backoff
        return None


def describe(model: Any) -> str:
    """How an error message names ``model``: its server's URL when it has one."""
    url = getattr(model, "base_url", None) or getattr(model, "openai_api_base", None)
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    if getattr(model, "_llm_type", "") == "agentkit-local":
        return "the embedded model"
    return f"the model {name!r} at {url}" if url else f"the model {name!r}"


@dataclass
class _Tally:
    attempts: int = 0
    failures: list[Failure] = field(default_factory=list)


class Guarded:
    """A chat model, or a runnable made from one, whose calls go through the budget's limits (see `guard`)."""

    def __init__(self, runnable: Any, *, deadline: float, calls_left: int, span: Any, where: str,
                 tally: _Tally | None = None) -> None:
        self._runnable, self._deadline, self._calls_left = runnable, deadline, calls_left
        self._span, self._where, self._tally = span, where, tally or _Tally()

    @property
    def attempts(self) -> int:
        """Calls made to the provider through this guard (and the runnables made from it)."""
        return self._tally.attempts

    def with_structured_output(self, schema: Any, **kwargs: Any) -> Guarded:
        return Guarded(self._runnable.with_structured_output(schema, **kwargs), deadline=self._deadline,
                       calls_left=self._calls_left, span=self._span, where=self._where, tally=self._tally)

    def __getattr__(self, name: str) -> Any:  # model_name and the like are the model's
        return getattr(self._runnable, name)

    def invoke(self, messages: Any, **kwargs: Any) -> Any:
        while True:
            seconds = self._attempt_seconds()
            try:
                return _within(lambda: self._runnable.invoke(messages, **kwargs), seconds)
            except Exception as exc:  # noqa: BLE001 - every provider failure is classified; unknown ones end it
                time.sleep(self._after_failure(exc))

    async def ainvoke(self, messages: Any, **kwargs: Any) -> Any:
        while True:
            seconds = self._attempt_seconds()
            try:
                return await asyncio.wait_for(self._runnable.ainvoke(messages, **kwargs), seconds)
            except Exception as exc:  # noqa: BLE001 - every provider failure is classified; unknown ones end it
                if isinstance(exc, TimeoutError) and not isinstance(exc, _Overdue):
                    exc = _Overdue(seconds)
                await asyncio.sleep(self._after_failure(exc))

    async def astream(self, messages: Any, **kwargs: Any) -> AsyncIterator[Any]:
        """The model's stream; a failure before the first chunk is retried like `invoke`'s, one after it ends it."""
        while True:
            seconds = self._attempt_seconds()
            stream = self._runnable.astream(messages, **kwargs)
            started = False
            try:
                while True:
                    left = min(ATTEMPT_SECONDS, self._deadline - time.time())
                    if left <= 0:
                        raise _Overdue(seconds)
                    try:
                        chunk = await asyncio.wait_for(stream.__anext__(), left)
                    except StopAsyncIteration:
                        return
                    started = True
                    yield chunk
            except Exception as exc:
                if isinstance(exc, TimeoutError) and not isinstance(exc, _Overdue):
                    exc = _Overdue(seconds)
                if started:  # its text is out already: no second answer after it
                    failure = classify(exc, where=self._where)
                    raise ModelCallFailed(failure, attempts=self._tally.attempts,
                                          why_stopped="the answer stopped midway") from exc
                wait = self._after_failure(exc)
            finally:
                await stream.aclose()
            await asyncio.sleep(wait)

    def _attempt_seconds(self) -> float:
        left = self._deadline - time.time()
        if left <= 0:
            failure = Failure(kind="timeout", detail=f"no time was left in the request's budget to ask {self._where}")
            raise ModelCallFailed(failure, attempts=self._tally.attempts)
        self._tally.attempts += 1
        return min(ATTEMPT_SECONDS, left)

    def _after_failure(self, exc: Exception) -> float:
        """The seconds to wait before the next attempt; raises `ModelCallFailed` when there is none."""
        failure = classify(exc, where=self._where)
        tally = self._tally
        tally.failures.append(failure)
        retries = len(tally.failures) - 1
        wait = failure.wait if failure.wait is not None else BACKOFF_SECONDS * 2 ** retries
        stop = ""
        if not failure.retryable:
            pass
        elif retries >= MAX_RETRIES:
            stop = f"gave up after {MAX_RETRIES} retries"
        elif tally.attempts >= self._calls_left:
            stop = "the request's budget of model calls is used up"
        elif time.time() + wait >= self._deadline:
            asked = f"; it asked to wait {wait:g} s" if failure.wait is not None else ""
            stop = f"the request's time budget does not allow another attempt{asked}"
        if not failure.retryable or stop:
            if self._span is not None:
                self._span.set_attribute("agentkit.model.attempts", tally.attempts)
                self._span.set_attribute("agentkit.model.failure", failure.kind)
            raise ModelCallFailed(failure, attempts=tally.attempts, why_stopped=stop) from exc
        if self._span is not None:
            self._span.add_event("agentkit.model.retry", {"agentkit.model.attempt": tally.attempts,
                                                          "error.type": failure.kind, "agentkit.model.wait_s": wait,
                                                          "agentkit.model.detail": failure.detail[:500]})
            self._span.set_attribute("agentkit.model.attempts", tally.attempts + 1)
        return wait


def guard(model: Any, *, deadline: float, calls_left: int, span: Any = None) -> Guarded:
    """``model`` whose calls end by ``deadline`` (epoch seconds) and make at most ``calls_left`` attempts.

    Example (in a graph node)::

        guarded = guard(deps.model, deadline=state["deadline"], calls_left=..., span=span)
        reply = guarded.invoke(messages)      # or: raises ModelCallFailed, with the reason in words
        spent_calls = guarded.attempts
    """
    return Guarded(model, deadline=deadline, calls_left=max(1, calls_left), span=span, where=describe(model))


def _within(call: Callable[[], Any], seconds: float) -> Any:
    """``call()``, or `_Overdue` after ``seconds``: a hung provider is left behind in its daemon thread.

    The provider's own client timeout ends that thread later; the request does not wait for it.
    """
    box: dict[str, Any] = {}
    done = threading.Event()
    context = contextvars.copy_context()

    def target() -> None:
        try:
            box["value"] = context.run(call)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread as it was
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=target, name="agentkit-model-call", daemon=True).start()
    if not done.wait(seconds):
        raise _Overdue(seconds)
    if "error" in box:
        raise box["error"]
    return box["value"]
