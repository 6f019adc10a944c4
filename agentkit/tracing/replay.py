"""Re-running certificates: each verified step of a trace executed again by the installed tools.

``agentkit verify`` reads a trace's certificates (`agentkit.tracing.certificates`), has the family
that executed each step read its formal request back and execute it, re-runs the family's own check,
and compares the new result with the recorded one. Useful after an upgrade of a tool's library, and
for an auditor who does not trust the process that wrote the trace: nothing recorded is believed
except the request itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from agentkit.tracing.certificates import Certificate, read_certificate
from agentkit.tracing.files import SpanRecord

__all__ = ["Outcome", "Status", "certificates", "replay", "replay_all"]

Status = Literal["verified again", "failed", "not replayable"]


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One certificate re-run: its status, the new result (when it ran) and why, in words."""

    certificate: Certificate
    status: Status
    detail: str
    result: str | None = None

    def to_dict(self) -> dict[str, Any]:
        c = self.certificate
        return {
            "trace_id": c.trace_id,
            "span_id": c.span_id,
            "family": c.family,
            "operation": c.operation,
            "interpretation": c.interpretation,
            "check": c.check,
            "recorded_result": c.result,
            "status": self.status,
            "result": self.result,
            "detail": self.detail,
        }


def certificates(spans: Iterable[SpanRecord]) -> list[Certificate]:
    """The certificates of the ``execute_tool`` spans, in the order the steps started."""
    found = []
    for span in sorted(spans, key=lambda s: s.start_ns):
        if not span.name.startswith("execute_tool"):
            continue
        certificate = read_certificate(span.trace_id, span.span_id, span.attributes)
        if certificate is not None:
            found.append(certificate)
    return found


def replay(certificate: Certificate, registry: Any) -> Outcome:
    """Execute ``certificate``'s formal request with the family in ``registry`` and re-run its check."""
    from agentkit.tools.base import read_formal_request, schemas

    if certificate.problem is not None:
        return Outcome(certificate=certificate, status="not replayable", detail=certificate.problem)
    assert certificate.request is not None
    if certificate.family not in set(registry.names()):
        return Outcome(
            certificate=certificate,
            status="not replayable",
            detail=f"no tool family named {certificate.family!r} is installed",
        )
    family = registry[certificate.family]
    try:
        candidate = read_formal_request(family, certificate.operation, certificate.request)
    except Exception as exc:  # noqa: BLE001 (a family's reader must not end the audit of the other steps)
        candidate, why = None, f" ({type(exc).__name__}: {exc})"
    else:
        why = ""
    if candidate is None:
        return Outcome(
            certificate=certificate,
            status="not replayable",
            detail=f"the {certificate.family} family could not read the formal request back{why}",
        )
    try:
        result = family.execute(candidate)
        verdict = family.verify(result)
    except Exception as exc:  # noqa: BLE001 (a request the tools cannot carry out now is a failure, said plainly)
        return Outcome(
            certificate=certificate,
            status="failed",
            detail=f"the tool could not carry out the request: {type(exc).__name__}: {exc}",
        )
    if result.error is not None and schemas(family) == {}:
        return Outcome(
            certificate=certificate,
            status="not replayable",
            result=result.text,
            detail=f"the step reads a database and none was given (pass --db NAME=PATH): {result.text}",
        )
    if result.error is not None:
        return Outcome(
            certificate=certificate, status="failed", result=result.text, detail=f"the tool refused: {result.text}"
        )
    if not verdict.ok:
        return Outcome(
            certificate=certificate,
            status="failed",
            result=result.text,
            detail=f"its check {verdict.check} fails now: {verdict.detail}",
        )
    if result.text != certificate.result:
        return Outcome(
            certificate=certificate,
            status="failed",
            result=result.text,
            detail=f"the tool now gives {result.text!r}; the trace says {certificate.result!r}",
        )
    same_check = not certificate.check or verdict.check == certificate.check
    detail = f"same result; {verdict.check} passed"
    if not same_check:
        detail += f" (the trace names the check {certificate.check!r})"
    return Outcome(certificate=certificate, status="verified again", result=result.text, detail=detail)


def replay_all(spans: Iterable[SpanRecord], registry: Any) -> list[Outcome]:
    """Every certificate in ``spans`` re-run (see `replay`)."""
    return [replay(certificate, registry) for certificate in certificates(spans)]
