"""Check what model-written text claims: find every claim a tool can re-check, re-check it, and repair or re-ask.

    >>> report = check("She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * $2 = $19.")
    >>> [(c.text, c.ok) for c in report.claims]
    [('16 - 3 - 4 = 9', True), ('9 * $2 = $19', False)]
    >>> repair(report.text, report)
    'She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * $2 = $18 [corrected from 19].'

Claims are arithmetic (equalities, chains, calculator annotations, "15% of 80 is
12"), unit conversions, SQL, regex matches, and the final answer when the
question is one the math family answers. Tolerance follows the words: exact for
integers and fractions; a decimal rounded (or cut) to the digits it shows is
accepted, a whole number standing for a fraction only within 1%; "about", "≈",
"roughly" allow 5%.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from agentkit._claims import Found, Reading, find_arithmetic, format_like, last_number, places_shown, prepare
from agentkit._tool_claims import ToolClaim, find_regex, find_sql, find_units
from agentkit.tools._limits import LimitExceeded
from agentkit.tools.math._parser import MathSyntaxError, parse

__all__ = ["APPROX_TOLERANCE", "CheckedClaim", "Report", "check", "reask_message", "repair"]

logger = logging.getLogger(__name__)

ClaimKind = Literal["arithmetic", "units", "sql", "regex", "answer"]
APPROX_TOLERANCE = Fraction(5, 100)  # what "about", "≈", "roughly" allow
WHOLE_NUMBER_TOLERANCE = Fraction(1, 100)  # "100/3 = 33": a whole number standing for a fraction
FLOAT_TOLERANCE = Fraction(1, 10**12)  # "99.00000000000001": a calculator's binary float, printed in full
MAX_TEXT_CHARS = 100_000


@dataclass(frozen=True, kw_only=True)
class CheckedClaim:
    """One claim found in the text and its verdict.

    Attributes:
        kind: ``arithmetic``, ``units``, ``sql``, ``regex`` or ``answer``.
        span: (start, end) characters of the claim in the checked text.
        text: the claim as written, ``text[span[0]:span[1]]``.
        stated: the value the text states (``"$18"``, ``"8 km"``, ``"match"``).
        computed: what the tool computed, or ``None`` when nothing was computed.
        ok: whether the stated value holds within ``tolerance``.
        tolerance: the rule applied, in words (``"exact"``, ``"rounded to 2 decimal places"``).
        detail: how it was checked, or what is wrong.
        stated_spans: where the stated value sits in the text (what `repair` replaces).
        replacement: the computed value written like the stated one, for `repair`.
    """

    kind: ClaimKind
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
        return tuple(c for c in self.claims if not c.ok)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def verified(self) -> bool:
        return bool(self.claims) and self.ok

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "verified": self.verified, "claims": [c.to_dict() for c in self.claims],
                "failed": len(self.failed), "notes": list(self.notes)}


def check(text: str, *, question: str | None = None,
          databases: Mapping[str, str | Path] | None = None) -> Report:
    """Find the checkable claims in ``text`` and re-check each one.

    Args:
        text: model-written text.
        question: the question the text answers; when the math family answers it, the last
            number in the text is checked against the family's result.
        databases: name -> SQLite path; SQL in the text is then checked against these schemas.
    """
    notes: list[str] = []
    if len(text) > MAX_TEXT_CHARS:
        notes.append(f"only the first {MAX_TEXT_CHARS:,} characters were checked")
        text = text[:MAX_TEXT_CHARS]
    claims: list[CheckedClaim] = []
    for found in find_arithmetic(text):
        checked = _judge_found(text, found)
        if checked is None:
            notes.append(f"could not evaluate {text[found.span[0]:found.span[1]]!r}")
        else:
            claims.append(checked)
    work, _ = prepare(text)
    arithmetic_spans = [c.span for c in claims]
    dbs = {str(k): str(v) for k, v in (databases or {}).items()}
    tool_claims = find_units(text, work, notes) + find_sql(text, dbs, notes) + find_regex(text, notes)
    for tc in tool_claims:
        if tc.kind == "units" and any(a < tc.span[1] and tc.span[0] < b for a, b in arithmetic_spans):
            continue
        if tc.ok is not None:
            claims.append(_from_tool(text, tc))
    if question:
        answer = _check_answer(text, question)
        if answer is not None:
            claims.append(answer)
    claims.sort(key=lambda c: (c.span, c.kind))
    return Report(text=text, claims=tuple(claims), notes=tuple(notes))


# -- judging numbers --------------------------------------------------------------------------------

_PARSE_ERRORS = (MathSyntaxError, LimitExceeded, ValueError, TypeError, ArithmeticError, RecursionError,
                 AttributeError)


@lru_cache(maxsize=16384)
def _value(expression: str) -> Fraction | None:
    """The exact value of an expression in the math grammar, or None (not a real number, or not readable)."""
    try:
        expr = parse(expression, implicit=False).expr
        if not expr.is_number:
            return None
        if expr.is_Rational:
            return Fraction(int(expr.p), int(expr.q))
        if expr.is_real is not True:
            return None
        return Fraction(str(expr.evalf(30)))
    except _PARSE_ERRORS:
        return None


def _significant(stated: str) -> int:
    digits = "".join(ch for ch in stated.split("/100")[0] if ch.isdigit()).lstrip("0")
    return len(digits)


def judge(computed: Fraction, shown: Fraction, stated: str, *, approx: bool) -> tuple[bool, str]:
    """Whether ``shown`` (written as ``stated``) states ``computed``, and the tolerance applied, in words."""
    if shown == computed:
        return True, "exact"
    if _significant(stated) >= 15 and abs(shown - computed) <= abs(computed) * FLOAT_TOLERANCE:
        return True, "floating-point rounding (a printed binary float)"
    if approx:
        return abs(shown - computed) <= abs(computed) * APPROX_TOLERANCE, "within 5% (the words say approximately)"
    if "/" in stated.split("/100")[0].lstrip("("):
        return False, "exact (a fraction)"
    places = places_shown(stated)
    ulp = Fraction(1, 10**places)
    error = abs(shown - computed)
    if places == 0:
        if computed.denominator == 1 or abs(computed) < 1:
            return False, "exact (a whole number)"
        # "100/3 = 33" passes; "11/5 = 2" and "1/3*5 = 1" do not: on GSM8K model output a whole number
        # rounded further than 1% from a fraction came with a wrong solution 43 times out of 46
        return (error <= ulp / 2 and error <= abs(computed) * WHOLE_NUMBER_TOLERANCE,
                "a whole number rounded, within 1%")
    rounded = error <= ulp / 2
    cut = places >= 2 and error < ulp and abs(shown) <= abs(computed) and (shown >= 0) == (computed >= 0)
    return rounded or cut, f"rounded to {places} decimal place{'s' if places > 1 else ''}"


def _judge_found(text: str, found: Found) -> CheckedClaim | None:
    # the reading that holds; else, to report, the one that comes closest (the writer's likeliest meaning)
    best: tuple[Fraction, Reading, Fraction, bool, str] | None = None
    for reading in found.readings:
        computed, shown = _value(reading.expression), _value(reading.stated)
        if computed is None or shown is None:
            continue
        ok, tolerance = judge(computed, shown, reading.stated, approx=found.approx)
        if ok:
            best = (Fraction(0), reading, computed, ok, tolerance)
            break
        distance = abs(shown - computed) / max(abs(computed), abs(shown), Fraction(1, 10**9))
        if best is None or distance < best[0]:
            best = (distance, reading, computed, ok, tolerance)
    if best is None:
        return None
    _, reading, computed, ok, tolerance = best
    shown_text = format_like(computed * 100 if reading.percent else computed, found.stated)
    computed_text = shown_text + ("%" if reading.percent else "")
    expression = reading.expression
    detail = f"{found.detail}: {expression} = {computed_text}"
    if not ok:
        detail = f"{found.detail}: {expression} is {computed_text}, not {found.stated}"
    kind: ClaimKind = "answer" if found.kind == "answer" else "arithmetic"
    return CheckedClaim(kind=kind, span=found.span, text=text[found.span[0]:found.span[1]], stated=found.stated,
                        computed=computed_text, ok=ok, tolerance=tolerance, detail=detail,
                        stated_spans=found.stated_spans, replacement=shown_text)


def _check_answer(text: str, question: str) -> CheckedClaim | None:
    """The last number in the text against the math family's own answer to the question."""
    expected = _math_answer(question)
    if expected is None:
        return None
    last = last_number(text)
    if last is None:
        return None
    written, value, span = last
    found = Found(kind="answer", span=span, stated=written, readings=(Reading(expression=expected, stated=value),),
                  stated_spans=(span,), detail="final answer")
    return _judge_found(text, found)


@lru_cache(maxsize=256)
def _math_answer(question: str) -> str | None:
    """The math family's verified numeric answer to the whole question, as an expression; else None."""
    from agentkit.tools.base import Context
    from agentkit.tools.math import MathFamily

    family = MathFamily()
    try:
        candidate = family.recognize(question, Context())
        if candidate is None or not candidate.complete:
            return None
        result = family.execute(candidate)
        if result.error or not family.verify(result).ok:
            return None
    except Exception:  # noqa: BLE001 - a family bug leaves the answer unchecked
        logger.exception("the math family failed on the question %r", question[:80])
        return None
    return result.text if _value(result.text) is not None else None


def _from_tool(text: str, tc: ToolClaim) -> CheckedClaim:
    return CheckedClaim(kind=tc.kind, span=tc.span, text=text[tc.span[0]:tc.span[1]], stated=tc.stated,  # type: ignore[arg-type]
                        computed=tc.computed, ok=bool(tc.ok), tolerance=tc.tolerance, detail=tc.detail,
                        stated_spans=tc.stated_spans, replacement=tc.replacement)


# -- repair and re-ask ---------------------------------------------------------------------------------

def repair(text: str, report: Report) -> str:
    """``text`` with each failed claim's stated value replaced by the computed one, marked as corrected.

    Claims with nowhere to put a value (SQL, regex, a value stated as an expression) are left as
    they are; `reask_message` describes them. Inside a calculator annotation the value is replaced
    without a mark, so that the annotation stays readable.

        >>> text = "48/2 = 25"
        >>> repair(text, check(text))
        '48/2 = 24 [corrected from 25]'
    """
    edits: dict[tuple[int, int], str] = {}
    for claim in report.failed:
        if claim.replacement is None:
            continue
        for start, end in claim.stated_spans:
            if (start, end) in edits or any(a < end and start < b for a, b in edits):
                continue
            old = text[start:end]
            if _inside_annotation(text, start):
                edits[(start, end)] = claim.replacement
            else:
                edits[(start, end)] = f"{claim.replacement} [corrected from {old}]"
    for (start, end), new in sorted(edits.items(), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _inside_annotation(text: str, position: int) -> bool:
    opened = text.rfind("<<", 0, position)
    return opened >= 0 and text.find(">>", opened) >= position and text.rfind(">>", 0, position) < opened


def reask_message(report: Report) -> str:
    """A message for the model listing the failed claims and what the tools computed; empty when none failed."""
    failed = report.failed
    if not failed:
        return ""
    lines = [f"A symbolic check found {len(failed)} wrong claim{'s' if len(failed) > 1 else ''} in your answer:"]
    for claim in failed:
        if claim.kind in ("sql", "regex"):
            lines.append(f"- {claim.kind.upper() if claim.kind == 'sql' else 'regex'} {claim.text!r}: {claim.detail}")
        else:
            lines.append(f"- {claim.text!r} states {claim.stated}, but the {claim.kind} check computes "
                         f"{claim.computed} ({claim.tolerance}).")
    lines.append("Correct these and any step that depends on them, then give the full answer again.")
    return "\n".join(lines)
