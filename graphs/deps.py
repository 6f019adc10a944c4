"""What every node of the offload graph needs, in one frozen object: `Deps`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from agentkit.graphs.state import OffloadState
from agentkit.tools.base import Context, kind_of
from opentelemetry.trace import Tracer

from agentkit.config import Budget
from agentkit.selector import Selector

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["Deps"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Deps:
    """The agent's parts and settings a node reads; the state holds everything that changes.

    Attributes:
        selector: routes a step (and holds the registry of tool families).
        model: the chat model, or ``None`` (symbolic only).
        tracer: where the nodes' spans go.
        budget: per-request limits on model calls, tokens and time.
        clock: the agent's clock; its date is "today" for the tools.
        strict: a family's bug (anything but `agentkit.errors.ToolInputError`) raises instead of declining.
        trace_content: record message content (prompts, replies, tool arguments and results) on spans.
    """

    selector: Selector
    model: BaseChatModel | None
    tracer: Tracer
    budget: Budget = field(default_factory=Budget)
    clock: Callable[[], datetime] = datetime.now
    strict: bool = False
    trace_content: bool = False

    @property
    def model_name(self) -> str:
        """The model's name for span names (``chat <name>``); ``"none"`` without a model."""
        model = self.model
        if model is None:
            return "none"
        return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)

    def today(self) -> date:
        """The clock's date."""
        return self.clock().date()

    def context(self, state: OffloadState, *, previous: str | None = None) -> Context:
        """The `Context` a family reads a step in: the conversation's bindings, ``previous``, today's date."""
        return Context(bindings=state.get("bindings") or {}, previous=previous, today=self.today())

    def kind_of(self, text: str) -> str | None:
        """What kind of value ``text`` is to the first family that reads it as one value (`kind_of`)."""
        for family in self.selector.registry:
            try:
                found = kind_of(family, text)
            except Exception:  # a family's bug in an optional hook only means it does not know the kind
                logger.exception("tool family %r failed in kind_of", family.name)
                found = None
            if found is not None:
                return found
        return None

    def refused(self, state: OffloadState) -> str | None:
        """Why the request may make no further model call (its budget is spent), or ``None``."""
        return self.budget.allows(fm_calls=state.get("fm_calls", 0), tokens=sum((state.get("tokens") or {}).values()),
                                  deadline=state.get("deadline", float("inf")), now=time.time())
