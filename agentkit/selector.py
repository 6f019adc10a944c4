"""The routing policy: which step a verified tool answers, and which goes to the model.

The guarantee: a step is routed to a tool only when a recognizer's parse
accounts for the whole step (``Candidate.complete``) with confidence at or above
the threshold. Everything else goes to the model, with the best partial
candidate as a hint, or, when no model is configured, is declined.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

from agentkit.tools.base import Candidate, Context
from agentkit.tools.registry import Registry

__all__ = ["Decision", "Selector", "DEFAULT_THRESHOLD"]

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 1.0


@dataclass(frozen=True, kw_only=True)
class Decision:
    """The selector's choice for one step.

    Attributes:
        route: ``"tool"`` when a candidate cleared the bar, else ``"model"`` or ``"none"``.
        chosen: the candidate routed to a tool, if any.
        hint: the best candidate that did not clear the bar, passed to the model.
        candidates: every candidate any family offered, for the trace.
        reason: the decision in words.
    """

    route: Literal["tool", "model", "none"]
    reason: str
    chosen: Candidate | None = None
    hint: Candidate | None = None
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    threshold: float = DEFAULT_THRESHOLD


class Selector:
    """Asks every family's recognizer about a step and applies the routing guarantee.

    Args:
        registry: the tool families to consult, in priority order for ties.
        threshold: minimum confidence for a tool route (``1.0``: the whole step parsed).
    """

    def __init__(self, registry: Registry, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        self.registry = registry
        self.threshold = threshold

    def candidates(self, text: str, context: Context) -> tuple[Candidate, ...]:
        found = []
        for family in self.registry:
            try:
                candidate = family.recognize(text, context)
            except Exception:  # a recognizer bug must not take the request down; it declines
                logger.exception("recognizer %r failed on a step; treating it as a decline", family.name)
                continue
            if candidate is not None:
                found.append(candidate)
        return tuple(found)

    def select(self, text: str, context: Context, *, has_model: bool) -> Decision:
        candidates = self.candidates(text, context)
        eligible = [c for c in candidates if c.complete and c.confidence >= self.threshold]
        if eligible:
            best = max(eligible, key=lambda c: c.confidence)  # max keeps the first (registry order) on ties
            return Decision(route="tool", chosen=best, candidates=candidates, threshold=self.threshold,
                            reason=best.reason)
        hint = max(candidates, key=lambda c: c.confidence, default=None)
        if hint is None:
            why = "no tool family recognized the step"
        else:
            why = f"best candidate {hint.tool}.{hint.operation} ({hint.confidence:.2f}) is partial: {hint.reason}"
        return Decision(route="model" if has_model else "none", hint=hint, candidates=candidates,
                        threshold=self.threshold, reason=why)
