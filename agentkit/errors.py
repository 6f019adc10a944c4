"""Every exception agentkit raises, in one tree that separates a developer's mistake from a refused input.

A developer's mistake (a `ConfigError`) raises at once, from the constructor or
the call that received the bad value. A user's or a model's input that a tool
refuses (a `ToolInputError`) never raises out of `Agent.invoke`: the tool
catches it and it becomes a decline or a verdict whose message is meant for
that person. Any other exception inside a tool is a bug: it is logged and
declined, or raised when the agent is strict.

    AgentkitError                    base of everything below
    ├── ConfigError                  a developer's mistake: bad option, unknown model, missing database file
    │   ├── UnknownModelError        a model string no provider understands
    │   ├── UnknownToolError         a tool family name that is not registered ("did you mean …?")
    │   └── DuplicateToolError       two tool families with the same name
    └── ToolInputError               input a tool refuses; the message is for the person or model that sent it
        ├── LimitExceeded            too large to compute
        │   └── TimeLimitExceeded    took too long and was stopped
        └── (family refusals)        math: MathSyntaxError; units: Unreadable, Mismatch;
                                     sql: SqlSyntaxError, SqlUndecided, ReadOnlyRefused, SqlRefusal;
                                     regex: RegexRefusal

`ToolInputError` is not a `ValueError` on purpose: library code (sympy above
all) catches `ValueError` and carries on, which would swallow a limit or a
timer. Third-party exceptions (sympy, pint, sqlglot, sqlite3, regex,
llama.cpp) are translated once, where a tool or a provider calls the library,
with ``raise ToolInputError(...) from exc``. `ConfigError` stays a
`ValueError` (and `UnknownToolError` a `KeyError`) so that code written
against the built-in types keeps working.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = [
    "AgentkitError",
    "ConfigError",
    "DuplicateToolError",
    "LimitExceeded",
    "TimeLimitExceeded",
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


class UnknownToolError(ConfigError, KeyError):
    """A tool family name that is not registered; the message suggests the closest known name."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        super().__init__(f"unknown tool family {name!r}{hint} (known: {', '.join(map(repr, known))})")
        self.name = name

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class DuplicateToolError(ConfigError):
    """Two tool families with the same name."""


class ToolInputError(AgentkitError):
    """Input a tool refuses; the message is meant for the person or the model that sent it."""


class LimitExceeded(ToolInputError):
    """An input or an intermediate result is larger than a tool is allowed to compute."""


class TimeLimitExceeded(LimitExceeded):
    """A computation ran past its time limit and was stopped."""
