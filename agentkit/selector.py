"""The routing policy: which step a verified tool answers, which the model translates for a tool, which it answers.

The guarantee: a step is routed to a tool only when a recognizer's parse
accounts for the whole step (``Candidate.complete``) with confidence at or above
the threshold. Everything else goes to the model, with the best partial
candidate as a hint, or, when no model is configured, is declined. A step for
the model is worth translating into a tool's request (``"model+tool"``) when a
tool understood part of it, when it has numbers or names something tools compute
on, or when it names a family of the registry or reads like one of a family's
example questions; otherwise the model answers it (``"model"``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Literal

from agentkit.errors import ConfigError, ToolInputError
from agentkit.tools.base import Candidate, Context, examples
from agentkit.tools.registry import Registry

__all__ = ["DEFAULT_THRESHOLD", "MODEL_ROUTES", "Decision", "Route", "Selector"]

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 1.0

Route = Literal["symbolic", "model+tool", "model", "none"]
"""How one step is answered: a tool alone, the model translating for a tool, the model alone, or not at all."""

MODEL_ROUTES: tuple[Route, ...] = ("model+tool", "model")
"""The routes on which the model works on the step."""

# a step worth translating: it has numbers, or names something tools compute on
_COMPUTATIONAL = re.compile(
    r"\d|\b(?:regular expression|pattern|query|table|database|convert|how many|how much)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]{4,}")  # content words, roughly: four letters or more


@dataclass(frozen=True, kw_only=True)
class Decision:
    """The selector's choice for one step.

    Attributes:
        route: ``"symbolic"`` when a candidate cleared the bar; else ``"model+tool"`` (worth translating
            for a tool) or ``"model"``, or ``"none"`` when no model is configured.
        chosen: the candidate routed to a tool, if any.
        hint: the best candidate that did not clear the bar, passed to the model.
        candidates: every candidate any family offered, for the trace.
        reason: the decision in words.
    """

    route: Route
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
        strict: a recognizer that raises anything but `ToolInputError` raises out of `select` instead of
            counting as a decline (for tests and development: a bug is seen, not hidden).
    """

    def __init__(self, registry: Registry, *, threshold: float = DEFAULT_THRESHOLD, strict: bool = False) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0, 1], got {threshold!r}")
        self.registry = registry
        self.threshold = threshold
        self.strict = strict

    def candidates(self, text: str, context: Context) -> tuple[Candidate, ...]:
        """Every family's reading of ``text``; a family that raises declines (unless `strict`)."""
        found = []
        for family in self.registry:
            try:
                candidate = family.recognize(text, context)
            except ToolInputError:
                logger.debug("recognizer %r refused a step", family.name)
                continue
            except Exception:  # a recognizer bug must not take the request down; it declines
                if self.strict:
                    raise
                logger.exception("recognizer %r failed on a step; treating it as a decline", family.name)
                continue
            if candidate is not None:
                found.append(candidate)
        return tuple(found)

    def select(self, text: str, context: Context, *, has_model: bool, model_text: str | None = None) -> Decision:
        """Route one step.

        Args:
            text: the step.
            context: what earlier steps left for it.
            has_model: a model is configured (else a step no tool answers is declined).
            model_text: what the model would be given for this step when no tool answers it (the step and
                the rest of the request after it); whether it is worth translating is judged on it.
                Defaults to ``text``.

        Returns:
            The `Decision`.
        """
        candidates = self.candidates(text, context)
        eligible = [c for c in candidates if c.complete and c.confidence >= self.threshold]
        if eligible:
            best = max(eligible, key=lambda c: c.confidence)  # max keeps the first (registry order) on ties
            return Decision(route="symbolic", chosen=best, candidates=candidates, threshold=self.threshold,
                            reason=best.reason)
        hint = max(candidates, key=lambda c: c.confidence, default=None)
        if hint is None:
            why = "no tool family recognized the step"
        else:
            why = f"best candidate {hint.tool}.{hint.operation} ({hint.confidence:.2f}) is partial: {hint.reason}"
        route: Route = "none"
        if has_model:
            worth = hint is not None or self._worth_translating(text if model_text is None else model_text)
            route = "model+tool" if worth else "model"
        return Decision(route=route, hint=hint, candidates=candidates, threshold=self.threshold, reason=why)

    def _worth_translating(self, text: str) -> bool:
        """Numbers or computing words, a family's name, or half the content words of a family's example question."""
        if _COMPUTATIONAL.search(text):
            return True
        lowered = text.lower()
        named, words = set(re.findall(r"[a-z]+", lowered)), set(_WORD.findall(lowered))
        for family in self.registry:
            if family.name.lower() in named:
                return True
            for question, _ in examples(family):
                asked = set(_WORD.findall(question.lower()))
                if asked and 2 * len(asked & words) >= len(asked):
                    return True
        return False
