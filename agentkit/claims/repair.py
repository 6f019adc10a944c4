"""What to do with a text whose claims failed: repair the stated values in place, or re-ask the model."""

from __future__ import annotations

from agentkit.claims.report import Report

__all__ = ["reask_message", "repair"]


def repair(text: str, report: Report) -> str:
    """``text`` with each failed claim's stated value replaced by the computed one, marked as corrected.

    Claims with nowhere to put a value (SQL, regex, a value stated as an expression) are left as
    they are; `reask_message` describes them. Inside a calculator annotation the value is replaced
    without a mark, so that the annotation stays readable.

        >>> from agentkit.claims import check
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
    """A message for the model listing the failed claims and what the tools computed; empty when none failed.

    A claim with a value to compare says what was stated and what was computed; one without
    (SQL that does not parse, a regex match) says what the check found.
    """
    failed = report.failed
    if not failed:
        return ""
    lines = [f"A symbolic check found {len(failed)} wrong claim{'s' if len(failed) > 1 else ''} in your answer:"]
    for claim in failed:
        if claim.replacement is None:
            lines.append(f"- {claim.kind} {claim.text!r}: {claim.detail}")
        else:
            lines.append(f"- {claim.text!r} states {claim.stated}, but the {claim.kind} check computes "
                         f"{claim.computed} ({claim.tolerance}).")
    lines.append("Correct these and any step that depends on them, then give the full answer again.")
    return "\n".join(lines)
