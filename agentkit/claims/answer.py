"""The final-answer claim: the last number of a text against a tool's own answer to the question.

When a family of the registry answers the whole question (the selector's routing guarantee:
its parse accounts for every word), its verified result, if it is a plain number, is compared
with the last number the text states, under the rules of `agentkit.tools.tolerance`.
"""

from __future__ import annotations

import logging
import weakref
from fractions import Fraction
from functools import lru_cache

from agentkit.claims.report import CheckedClaim
from agentkit.selector import Selector
from agentkit.tools import tolerance
from agentkit.tools.base import Context
from agentkit.tools.claim_text import last_number
from agentkit.tools.registry import Registry, default_registry

__all__ = ["KIND", "check_answer", "tool_answer"]

logger = logging.getLogger(__name__)

KIND = "answer"
_MAX_CACHED = 256
_answers: weakref.WeakKeyDictionary[Registry, dict[str, str | None]] = weakref.WeakKeyDictionary()


def check_answer(text: str, question: str, registry: Registry | None = None) -> CheckedClaim | None:
    """The last number in ``text`` judged against a tool's answer to ``question``; None when there is none."""
    expected = tool_answer(question, registry)
    if expected is None:
        return None
    last = last_number(text)
    if last is None:
        return None
    written, stated, span = last
    computed, shown = tolerance.number(expected), tolerance.number(stated)
    if computed is None or shown is None:
        return None
    judgement = tolerance.judge(computed, shown, stated, approx=False)
    shown_text = tolerance.format_like(computed, written)
    if judgement.ok:
        detail = f"final answer: {expected} = {shown_text}"
    else:
        detail = f"final answer: {expected} is {shown_text}, not {written}"
    return CheckedClaim(kind=KIND, span=span, text=text[span[0]:span[1]], stated=written, computed=shown_text,
                        ok=judgement.ok, tolerance=judgement.rule, detail=detail, stated_spans=(span,),
                        replacement=shown_text)


def tool_answer(question: str, registry: Registry | None = None) -> str | None:
    """A family's verified answer to the whole question, when it is a plain number (as the tool wrote it)."""
    if registry is None:
        return _default_answer(question)
    cached = _answers.setdefault(registry, {})
    if question not in cached:
        if len(cached) >= _MAX_CACHED:
            cached.clear()
        cached[question] = _answer(question, registry)
    return cached[question]


@lru_cache(maxsize=_MAX_CACHED)
def _default_answer(question: str) -> str | None:
    return _answer(question, default_registry())


def _answer(question: str, registry: Registry) -> str | None:
    decision = Selector(registry).select(question, Context(), has_model=False)
    chosen = decision.chosen
    if chosen is None:
        return None
    family = registry[chosen.tool]
    try:
        result = family.execute(chosen)
        if result.error or not family.verify(result).ok:
            return None
    except Exception:
        logger.exception("the %s family failed on the question %r", family.name, question[:80])
        return None
    return result.text if _plain_number(result.text) is not None else None


def _plain_number(text: str) -> Fraction | None:
    return tolerance.number(text)
