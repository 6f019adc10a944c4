"""`OpenAIChat`: a chat model for any OpenAI-compatible server, over the ``openai`` client alone.

Used when ``langchain-openai`` is not installed but ``openai`` is (agentkit's test
extra installs it): ``openai:<model>@<base_url>`` and ``http://host:port/v1`` then
still work. It does one thing per call and never retries on its own: retries,
time limits and the classification of failures belong to `agentkit.models.calls`,
where the request's `agentkit.config.Budget` is known.

    >>> OpenAIChat(model="qwen", base_url="http://127.0.0.1:8000/v1")   # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import weakref
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, convert_to_openai_messages
from langchain_core.output_parsers.openai_tools import make_invalid_tool_call, parse_tool_call
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field, PrivateAttr

__all__ = ["BadResponse", "OpenAIChat"]


class BadResponse(ValueError):
    """The server answered, but not with a chat completion (empty, malformed, cut short)."""


class OpenAIChat(BaseChatModel):
    """An OpenAI-compatible chat completion endpoint as a langchain-core chat model.

    Attributes:
        model: the model name sent to the server.
        base_url: the server's base URL (``…/v1``); ``None`` is OpenAI's own.
        api_key: the key (self-hosted servers usually ignore it).
        timeout: seconds one call may take unless the caller passes ``timeout=``.
        streaming: ask for a server-sent event stream and assemble it (a stream cut short is a `BadResponse`).
    """

    model: str
    base_url: str | None = None
    api_key: str = Field(default="not-needed", repr=False)
    timeout: float = 60.0
    streaming: bool = False
    _client: Any = PrivateAttr(default=None)
    _async_clients: Any = PrivateAttr(default=None)  # one per event loop: an async client is bound to its loop

    def _async_client(self) -> Any:
        import openai

        loop = asyncio.get_running_loop()
        client = self._async_clients.get(loop)
        if client is None:
            client = openai.AsyncOpenAI(base_url=self.base_url, api_key=self.api_key, max_retries=0,
                                        timeout=self.timeout)
            self._async_clients[loop] = client
        return client

    @property
    def model_name(self) -> str:
        return self.model

    @property
    def _llm_type(self) -> str:
        return "agentkit-openai-compatible"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": self.model, "base_url": self.base_url}

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any) -> Any:
        """The model with ``tools`` offered on every call (what ``with_structured_output`` builds on)."""
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        if tool_choice and tool_choice != "auto":
            name = tool_choice if isinstance(tool_choice, str) and tool_choice not in ("any", "required") else None
            if name is None and len(formatted) == 1:
                name = formatted[0]["function"]["name"]
            kwargs["tool_choice"] = {"type": "function", "function": {"name": name}} if name else "required"
        return self.bind(tools=formatted, **kwargs)

    def model_post_init(self, context: Any) -> None:
        """The client is built here, so that importing ``openai`` is not spent in a request's time budget."""
        import openai

        self._client = openai.OpenAI(base_url=self.base_url, api_key=self.api_key, max_retries=0,
                                     timeout=self.timeout)
        self._async_clients = weakref.WeakKeyDictionary()

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        request: dict[str, Any] = {"model": self.model, "messages": convert_to_openai_messages(messages),
                                   "timeout": float(kwargs.pop("timeout", None) or self.timeout)}
        if stop:
            request["stop"] = stop
        for key in ("tools", "tool_choice", "max_tokens", "temperature"):
            if kwargs.get(key) is not None:
                request[key] = kwargs[key]
        return request

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        if self.streaming:
            return _joined(list(self._stream(messages, stop, run_manager, **kwargs)))
        with _read_as_json():
            return _result(self._client.chat.completions.create(**self._request(messages, stop, kwargs)))

    async def _agenerate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                         **kwargs: Any) -> ChatResult:
        if self.streaming:
            return _joined([chunk async for chunk in self._astream(messages, stop, run_manager, **kwargs)])
        with _read_as_json():
            return _result(await self._async_client().chat.completions.create(**self._request(messages, stop, kwargs)))

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        finished = False
        with _read_as_json():
            for event in self._client.chat.completions.create(**self._request(messages, stop, kwargs), stream=True):
                chunk, done = _chunk(event)
                finished = finished or done
                if chunk is not None:
                    yield chunk
        if not finished:
            raise BadResponse("the server's stream ended before the answer was finished")

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        finished = False
        with _read_as_json():
            request = self._request(messages, stop, kwargs)
            async for event in await self._async_client().chat.completions.create(**request, stream=True):
                chunk, done = _chunk(event)
                finished = finished or done
                if chunk is not None:
                    yield chunk
        if not finished:
            raise BadResponse("the server's stream ended before the answer was finished")


@contextlib.contextmanager
def _read_as_json() -> Iterator[None]:
    """A body or an event that is not JSON becomes a `BadResponse` saying so."""
    try:
        yield
    except json.JSONDecodeError as exc:
        raise BadResponse(f"the server's answer is not JSON ({exc.msg} at character {exc.pos})") from exc


def _result(completion: Any) -> ChatResult:
    """A chat completion as a langchain-core result; tool calls whose arguments are not JSON are kept as invalid."""
    choices = getattr(completion, "choices", None)
    if not choices:
        raise BadResponse("the server's answer holds no choice")
    reply = choices[0].message
    calls, invalid = [], []
    for call in reply.tool_calls or []:
        raw = {"id": call.id, "function": {"name": call.function.name, "arguments": call.function.arguments}}
        try:
            calls.append(parse_tool_call(raw, return_id=True))
        except Exception as exc:  # noqa: BLE001 - arguments that are not JSON: an invalid call, for the parser to refuse
            invalid.append(make_invalid_tool_call(raw, str(exc)))
    usage = completion.usage
    tokens_in = int(getattr(usage, "prompt_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "completion_tokens", 0) or 0)
    message = AIMessage(content=reply.content or "", tool_calls=calls, invalid_tool_calls=invalid,
                        usage_metadata={"input_tokens": tokens_in, "output_tokens": tokens_out,
                                        "total_tokens": tokens_in + tokens_out},
                        response_metadata={"model_name": completion.model, "finish_reason": choices[0].finish_reason})
    return ChatResult(generations=[ChatGeneration(message=message)])


def _chunk(event: Any) -> tuple[ChatGenerationChunk | None, bool]:
    """One stream event as a chunk (``None`` for an event without a choice), and whether it ends the answer."""
    if not event.choices:
        return None, False
    choice = event.choices[0]
    metadata = {"finish_reason": choice.finish_reason} if choice.finish_reason else {}
    message = AIMessageChunk(content=choice.delta.content or "", response_metadata=metadata)
    return ChatGenerationChunk(message=message), choice.finish_reason is not None


def _joined(chunks: list[ChatGenerationChunk]) -> ChatResult:
    """A stream's chunks as one result."""
    if not chunks:
        raise BadResponse("the server's stream held no answer")
    message = chunks[0].message
    for chunk in chunks[1:]:
        message = message + chunk.message
    return ChatResult(generations=[ChatGeneration(message=AIMessage(
        content=message.content, usage_metadata=message.usage_metadata, response_metadata=message.response_metadata))])
