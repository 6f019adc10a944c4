"""Every exception agentkit raises, for two audiences.

A developer's mistake raises at once; a user's or a model's bad input never
raises out of `Agent.invoke`: it becomes a verdict or a message in the answer.

    AgentkitError                  base of everything below
    ├── ConfigError                bad configuration: unknown model string, bad option value
    │   └── UnknownModelError      a model name no provider understands
    ├── UnknownToolError           a tool family name that is not registered ("did you mean …?")
    ├── DuplicateToolError         two tool families with the same name
    └── ToolInputError             a tool was given input it cannot use (message meant for the user
        ├── LimitExceeded          or the model): too large, too slow, unparsable
        └── ...                    (translated from sympy, pint, sqlglot, sqlite3 at the tool boundary)
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = [
    "AgentkitError",
    "ConfigError",
    "DuplicateToolError",
    "ToolInputError",
    "UnknownModelError",
    "UnknownToolError",
]


class AgentkitError(Exception):
    """Base class of every agentkit exception."""


class ConfigError(AgentkitError, ValueError):
    """The configuration is wrong: what was expected and what was given are in the message."""


class UnknownModelError(ConfigError):
    """A model string that no provider understands."""


class UnknownToolError(AgentkitError, KeyError):
    """A tool family name that is not registered."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        super().__init__(f"unknown tool family {name!r}{hint} (known: {', '.join(map(repr, known))})")
        self.name = name

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class DuplicateToolError(AgentkitError, ValueError):
    """Two tool families with the same name."""


class ToolInputError(AgentkitError, ValueError):
    """Input a tool cannot use; the message is meant for the person or the model that sent it."""
