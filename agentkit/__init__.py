"""agentkit: a LangGraph agent that answers with verified symbolic tools first and a foundation model last."""

from __future__ import annotations

__version__ = "0.1.0"

from agentkit.agent import Agent
from agentkit.answer import Answer, Step
from agentkit.config import Budget
from agentkit.errors import (
    AgentkitError,
    ConfigError,
    DuplicateToolError,
    ToolInputError,
    UnknownModelError,
    UnknownToolError,
)
from agentkit.planner import PlannedStep, plan
from agentkit.selector import Decision, Selector
from agentkit.tools.base import Candidate, Claim, Context, ToolFamily, ToolResult, Verdict
from agentkit.tools.registry import Registry, default_registry
from agentkit.validators import Report, check

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
