"""What a check of model-written text reports: each claim found, with its verdict, and notes on what was not checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["CheckedClaim", "Report"]


@dataclass(frozen=True, kw_only=True)
class CheckedClaim:
    """One claim found in the text and its verdict.

    Attributes:
        kind: what is claimed, as the judging family names it (``arithmetic``, ``units``, ...), or
            ``answer`` for the final answer to the question.
        span: (start, end) characters of the claim in the checked text.
        text: the claim as written, ``text[span[0]:span[1]]``.
        stated: the value the text states (``"$18"``, ``"8 km"``, ``"match"``).
        computed: what the tool computed, or ``None`` when nothing was computed.
        ok: whether the stated value holds within ``tolerance``.
        tolerance: the rule applied, in words (``"exact"``, ``"rounded to 2 decimal places"``);
            see `agentkit.tools.tolerance`.
        detail: how it was checked, or what is wrong.
        stated_spans: where the stated value sits in the text (what `repair` replaces).
        replacement: the computed value written like the stated one, for `repair`; ``None`` when
            there is no value to write (SQL, a regex match).
    """

    kind: str
    span: tuple[int, int]
    text: str
    stated: str
    computed: str | None
    ok: bool
    tolerance: str
    detail: str
    stated_spans: tuple[tuple[int, int], ...] = ()
    replacement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The claim as JSON-ready data; ``ok``, ``check`` and ``detail`` match a step's ``validation`` entries."""
        return {"ok": self.ok, "check": f"{self.kind}.claim", "kind": self.kind, "span": list(self.span),
                "text": self.text, "stated": self.stated, "computed": self.computed, "tolerance": self.tolerance,
                "detail": self.detail}


@dataclass(frozen=True, kw_only=True)
class Report:
    """Every claim found in one text, with its verdict, in order of position.

    ``ok`` means no claim failed (true for a text with no claims); ``verified`` means
    at least one claim was checked and none failed.
    """

    text: str
    claims: tuple[CheckedClaim, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> tuple[CheckedClaim, ...]:
        """The claims that do not hold."""
        return tuple(c for c in self.claims if not c.ok)

    @property
    def ok(self) -> bool:
        """No claim failed."""
        return not self.failed

    @property
    def verified(self) -> bool:
        """At least one claim was checked, and none failed."""
        return bool(self.claims) and self.ok

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"ok": self.ok, "verified": self.verified, "claims": [c.to_dict() for c in self.claims],
                "failed": len(self.failed), "notes": list(self.notes)}
