"""agentkit: a LangGraph agent that answers with verified symbolic tools first and a foundation model last.

Every public name is imported on first use (PEP 562), so ``import agentkit.cli`` and ``agentkit --help``
do not load LangGraph.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from agentkit.agent import Agent
    from agentkit.answer import Answer, Step
    from agentkit.claims import Report, check
    from agentkit.config import Budget
    from agentkit.errors import (
        AgentkitError,
        ConfigError,
        DuplicateToolError,
        ToolInputError,
        UnknownModelError,
        UnknownToolError,
    )
    from agentkit.events import Event
    from agentkit.planner import PlannedStep, plan
    from agentkit.selector import Decision, Selector
    from agentkit.tools.base import Candidate, Claim, Context, ToolFamily, ToolResult, Verdict
    from agentkit.tools.registry import Registry, default_registry

_SOURCES = {
    "agentkit.agent": ("Agent",),
    "agentkit.answer": ("Answer", "Step"),
    "agentkit.claims": ("Report", "check"),
    "agentkit.config": ("Budget",),
    "agentkit.errors": (
        "AgentkitError", "ConfigError", "DuplicateToolError", "ToolInputError", "UnknownModelError",
        "UnknownToolError",
    ),
    "agentkit.events": ("Event",),
    "agentkit.planner": ("PlannedStep", "plan"),
    "agentkit.selector": ("Decision", "Selector"),
    "agentkit.tools.base": ("Candidate", "Claim", "Context", "ToolFamily", "ToolResult", "Verdict"),
    "agentkit.tools.registry": ("Registry", "default_registry"),
}
_MODULE_OF = {name: module for module, names in _SOURCES.items() for name in names}

__all__ = [
    "Agent",
    "AgentkitError",
    "Answer",
    "Budget",
    "Candidate",
    "Claim",
    "ConfigError",
    "Context",
    "Decision",
    "DuplicateToolError",
    "Event",
    "PlannedStep",
    "Registry",
    "Report",
    "Selector",
    "Step",
    "ToolFamily",
    "ToolInputError",
    "ToolResult",
    "UnknownModelError",
    "UnknownToolError",
    "Verdict",
    "__version__",
    "check",
    "default_registry",
    "plan",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'agentkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
