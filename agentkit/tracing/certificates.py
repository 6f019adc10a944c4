"""Certificates: what an ``execute_tool`` span keeps so that a later process can check the step again.

A verified step's span carries, under ``agentkit.certificate.*``:

    version      `VERSION`, the format of these attributes
    family       the tool family that executed the step
    operation    the family's operation
    request      the formal request the tool executed, in a form the family reads back
                 (`agentkit.tools.base.formal_request`; by default the family's spec as JSON)
    result       the result text the tool gave
    check        the name of the check it passed (``Verdict.check``)
    replayable   whether the above is whole; when it is not, ``not_replayable`` says why
                 (a request or result longer than `MAX_CHARS` is not cut to a misleading half:
                 it is left out)

The formal request is not the user's words: it is what the tool computed (the interpretation
shows it to people), so it is recorded whether or not message content is; a request naming a
database names it, never its path. `agentkit.tracing.replay` re-executes certificates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_CHARS",
    "PREFIX",
    "VERSION",
    "Certificate",
    "certificate_attributes",
    "read_certificate",
]

VERSION = 1
PREFIX = "agentkit.certificate."
MAX_CHARS = 8192  # request or result longer than this: the certificate says so and is not replayable


@dataclass(frozen=True, kw_only=True)
class Certificate:
    """One ``execute_tool`` span's certificate read back from a trace file.

    ``problem`` is set when the step cannot be replayed (an older trace, a certificate left
    incomplete); the other fields then hold what the span did record.
    """

    trace_id: str
    span_id: str
    family: str
    operation: str
    interpretation: str
    request: str | None
    result: str | None
    check: str
    version: int | None
    problem: str | None = None

    @property
    def step(self) -> str:
        """How the table names the step: ``family.operation`` and its interpretation."""
        head = f"{self.family}.{self.operation}" if self.operation else self.family
        return f"{head}: {self.interpretation}" if self.interpretation else head


def certificate_attributes(
    family: str, operation: str, request: str | None, result: str, check: str
) -> dict[str, Any]:
    """The ``agentkit.certificate.*`` attributes of one verified step (see the module docstring)."""
    attributes: dict[str, Any] = {
        PREFIX + "version": VERSION,
        PREFIX + "family": family,
        PREFIX + "operation": operation,
        PREFIX + "check": check,
    }
    problems = []
    if request is None:
        problems.append("the tool gave no formal request it can read back")
    elif len(request) > MAX_CHARS:
        problems.append(f"the formal request is {len(request):,} characters (more than {MAX_CHARS:,} are not kept)")
    else:
        attributes[PREFIX + "request"] = request
    if len(result) > MAX_CHARS:
        problems.append(f"the result is {len(result):,} characters (more than {MAX_CHARS:,} are not kept)")
    else:
        attributes[PREFIX + "result"] = result
    attributes[PREFIX + "replayable"] = not problems
    if problems:
        attributes[PREFIX + "not_replayable"] = "; ".join(problems)
    return attributes


def read_certificate(
    trace_id: str, span_id: str, attributes: Mapping[str, Any]
) -> Certificate | None:
    """The certificate on a span's attributes; ``None`` for a span that ran no verified tool step.

    An ``execute_tool`` span from before certificates (no ``agentkit.certificate.version``) that the
    tool's check passed gives a certificate whose ``problem`` says the trace is of an older format.
    """
    family = str(attributes.get(PREFIX + "family") or attributes.get("gen_ai.tool.name") or "")
    operation = str(attributes.get(PREFIX + "operation") or attributes.get("agentkit.tool.operation") or "")
    version = attributes.get(PREFIX + "version")
    common = {
        "trace_id": trace_id,
        "span_id": span_id,
        "family": family,
        "operation": operation,
        "interpretation": str(attributes.get("agentkit.interpretation") or ""),
        "request": attributes.get(PREFIX + "request"),
        "result": attributes.get(PREFIX + "result"),
        "check": str(attributes.get(PREFIX + "check") or ""),
    }
    if version is None:
        if attributes.get("agentkit.tool.verified") is not True:
            return None
        return Certificate(
            **common,
            version=None,
            problem="recorded before certificates (an older trace format): no formal request or result to re-run",
        )
    try:
        number = int(version)
    except (TypeError, ValueError):
        number = None
    if number != VERSION:
        return Certificate(
            **common, version=number, problem=f"certificate format {version!r}: this agentkit reads format {VERSION}"
        )
    if attributes.get(PREFIX + "replayable") is not True:
        reason = attributes.get(PREFIX + "not_replayable") or "the certificate is marked not replayable"
        return Certificate(**common, version=number, problem=str(reason))
    if not isinstance(common["request"], str) or not isinstance(common["result"], str) or not family:
        return Certificate(
            **common, version=number, problem="the certificate lacks its family, request or result"
        )
    return Certificate(**common, version=number)
