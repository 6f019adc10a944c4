"""Certificates written and read back: what makes one replayable, and what a reader says when it is not."""

from __future__ import annotations

import json
from fractions import Fraction

from agentkit.tools.base import Candidate, formal_request, read_formal_request
from agentkit.tools.registry import default_registry

from agentkit.tracing.certificates import MAX_CHARS, PREFIX, VERSION, certificate_attributes, read_certificate


def _candidate(spec: object) -> Candidate:
    return Candidate(tool="t", operation="op", spec=spec, confidence=1.0, span=(0, 1), complete=True, reason="")


def test_a_json_spec_is_the_default_formal_request_and_reads_back_exactly() -> None:
    spec = {"operation": "op", "slots": {"expr": "1/3 + 1/6"}, "list": [1, 2.5, None, True]}
    family = default_registry()[default_registry().names()[0]]
    request = formal_request(family, _candidate(spec))
    assert request is not None and json.loads(request) == spec
    again = read_formal_request(family, "op", request)
    assert again is not None and again.spec == spec and again.complete


def test_a_spec_json_cannot_write_gives_no_formal_request_and_a_certificate_that_says_so() -> None:
    assert formal_request(object(), _candidate({"value": Fraction(1, 3)})) is None  # type: ignore[arg-type]
    attributes = certificate_attributes("t", "op", None, "1/3", "t.op")
    assert attributes[PREFIX + "replayable"] is False
    assert "no formal request" in attributes[PREFIX + "not_replayable"]
    certificate = read_certificate("a" * 32, "b" * 16, attributes)
    assert certificate is not None and certificate.problem == attributes[PREFIX + "not_replayable"]


def test_an_oversized_result_is_left_out_not_cut() -> None:
    attributes = certificate_attributes("t", "op", "{}", "9" * (MAX_CHARS + 1), "t.op")
    assert PREFIX + "result" not in attributes and attributes[PREFIX + "replayable"] is False
    assert f"{MAX_CHARS + 1:,} characters" in attributes[PREFIX + "not_replayable"]


def test_a_certificate_of_another_format_is_not_guessed_at() -> None:
    attributes = {**certificate_attributes("t", "op", "{}", "1", "t.op"), PREFIX + "version": VERSION + 1}
    certificate = read_certificate("a" * 32, "b" * 16, attributes)
    assert certificate is not None and f"reads format {VERSION}" in (certificate.problem or "")


def test_a_span_of_a_failed_step_has_no_certificate_to_read() -> None:
    assert read_certificate("a" * 32, "b" * 16, {"gen_ai.tool.name": "t", "agentkit.tool.verified": False}) is None
    older = read_certificate("a" * 32, "b" * 16, {"gen_ai.tool.name": "t", "agentkit.tool.verified": True})
    assert older is not None and "older trace format" in (older.problem or "")
