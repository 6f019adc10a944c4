"""Checking model-written text: every family of the registry finds its claims, and its own `check` judges each.

    >>> report = check("She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * $2 = $19.")
    >>> [(c.text, c.ok) for c in report.claims]
    [('16 - 3 - 4 = 9', True), ('9 * $2 = $19', False)]

Nothing here names a family: a family takes part by having the optional member
``find_claims(text) -> list[Claim]``, and its ``check`` gives the verdict (with the tolerance
rules of `agentkit.tools.tolerance`). Where two families claim overlapping text, the one listed
first in the registry keeps it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from pathlib import Path

from agentkit.claims.answer import check_answer
from agentkit.claims.report import CheckedClaim, Report
from agentkit.tools.base import Claim, ToolFamily, Verdict, find_claims, with_databases
from agentkit.tools.registry import BUILTIN_FAMILIES, Registry

__all__ = ["MAX_TEXT_CHARS", "check"]

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 100_000


def check(text: str, *, question: str | None = None, registry: Registry | None = None,
          databases: Mapping[str, str | Path] | None = None) -> Report:
    """Find the checkable claims in ``text`` and re-check each one with the family that found it.

    Args:
        text: model-written text.
        question: the question the text answers; when a family answers it whole, the last
            number in the text is checked against the family's result.
        registry: the families that find and judge claims; the built-in ones by default (an
            agent passes its own).
        databases: name -> SQLite path, a convenience for the command line: families that take
            databases (``with_databases``) are bound to these. An agent's registry is bound already.
    """
    notes: list[str] = []
    if len(text) > MAX_TEXT_CHARS:
        notes.append(f"only the first {MAX_TEXT_CHARS:,} characters were checked")
        text = text[:MAX_TEXT_CHARS]
    families = list(registry) if registry is not None else _builtin_families(notes)
    if databases:
        families = [with_databases(f, {str(k): Path(v) for k, v in databases.items()}) for f in families]
    claims: list[CheckedClaim] = []
    for family in families:
        taken = [c.span for c in claims]
        for claim, verdict in _judged(family, text, notes):
            if any(a < claim.span[1] and claim.span[0] < b for a, b in taken):
                continue  # an earlier family's claim covers it ("2 hours * 60 = 120 minutes")
            claims.append(_checked(text, claim, verdict))
    if question:
        answer = check_answer(text, question, _registry(registry, families))
        if answer is not None:
            claims.append(answer)
    claims.sort(key=lambda c: (c.span, c.kind))
    return Report(text=text, claims=tuple(claims), notes=tuple(notes))


def _builtin_families(notes: list[str]) -> list[ToolFamily]:
    """The built-in families that can be loaded; a missing one leaves its claims unchecked, with a note."""
    families, missing = _loaded_builtins()
    notes.extend(missing)
    return list(families)


@functools.cache
def _loaded_builtins() -> tuple[tuple[ToolFamily, ...], tuple[str, ...]]:
    """Built once a process: families are stateless readers, and building them compiles their grammars."""
    families, missing = [], []
    for name, factory in BUILTIN_FAMILIES.items():
        try:
            families.append(factory())
        except ImportError as exc:
            missing.append(f"{name} claims were not checked: the {name} family is not available ({exc})")
    return tuple(families), tuple(missing)


def _registry(registry: Registry | None, families: list[ToolFamily]) -> Registry | None:
    """The registry to answer the question with: the caller's, else None (the default, cached)."""
    if registry is not None:
        return registry if list(registry) == families else Registry(families)
    return None


def _judged(family: ToolFamily, text: str, notes: list[str]) -> list[tuple[Claim, Verdict]]:
    """The family's claims in ``text`` with its verdicts; those it cannot judge become notes."""
    judged = []
    try:
        found = find_claims(family, text)
    except Exception:
        logger.exception("the %s family failed to find claims", family.name)
        notes.append(f"{family.name} claims were not checked: the family failed (see the log)")
        return []
    for claim in found:
        try:
            verdict = family.check(claim)
        except Exception:
            logger.exception("the %s family failed on %r", family.name, claim.text[:80])
            notes.append(f"could not check {claim.text[:80]!r}: the {family.name} family failed (see the log)")
            continue
        if not verdict.judged:
            notes.append(verdict.detail)
            continue
        judged.append((claim, verdict))
    return judged


def _checked(text: str, claim: Claim, verdict: Verdict) -> CheckedClaim:
    start, end = claim.span
    return CheckedClaim(kind=claim.kind, span=claim.span, text=text[start:end], stated=claim.stated,
                        computed=verdict.computed, ok=verdict.ok, tolerance=verdict.tolerance, detail=verdict.detail,
                        stated_spans=claim.stated_spans, replacement=verdict.replacement)
