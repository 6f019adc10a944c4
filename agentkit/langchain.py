"""agentkit for LangChain users: the agent middleware, and each tool family as a LangChain tool.

    >>> from langchain.agents import create_agent
    >>> from agentkit.langchain import AgentkitMiddleware, as_langchain_tools
    >>> agent = create_agent(model, middleware=[AgentkitMiddleware()])     # doctest: +SKIP

``AgentkitMiddleware`` (`agentkit.middleware`) answers a user turn that agentkit's tools answer whole
before the model is called, and re-checks the claims in whatever the model writes. Names are imported
on first use (PEP 562): importing this module does not import LangChain.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agentkit.middleware import METADATA_KEY, AgentkitMiddleware
    from agentkit.tools.langchain import as_langchain_tool, as_langchain_tools

__all__ = ["METADATA_KEY", "AgentkitMiddleware", "as_langchain_tool", "as_langchain_tools"]

_MODULE_OF = {
    "AgentkitMiddleware": "agentkit.middleware",
    "METADATA_KEY": "agentkit.middleware",
    "as_langchain_tool": "agentkit.tools.langchain",
    "as_langchain_tools": "agentkit.tools.langchain",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'agentkit.langchain' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
