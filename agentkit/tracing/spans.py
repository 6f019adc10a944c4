"""OpenTelemetry spans for every offload decision, with ``opentelemetry-api`` only (the SDK is the app's).

Span names and attributes follow the GenAI semantic conventions (``gen_ai.*``,
names taken from ``opentelemetry-semantic-conventions``); agentkit's own
attributes live under ``agentkit.*``. Message content (requests, prompts,
replies, tool arguments and results, check explanations) is recorded only when
the caller says so: every ``record_*`` function that could record content takes
``content``. An `agentkit.Agent` decides once, from its ``trace_content`` setting
or, when that is ``None``, from ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT``
(`capture_content`); there is no process-wide switch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from opentelemetry import trace
from opentelemetry.semconv._incubating.attributes import gen_ai_attributes as gen_ai
from opentelemetry.semconv.attributes.error_attributes import ERROR_TYPE
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer, TracerProvider

from agentkit.tools.base import formal_request
from agentkit.tracing.certificates import certificate_attributes
from agentkit.tracing.gaps import step_attributes

__all__ = [
    "CAPTURE_CONTENT_ENV",
    "EVALUATION_EVENT",
    "TRACER_NAME",
    "SpanKind",
    "capture_content",
    "get_tracer",
    "hex_trace_id",
    "model_name",
    "provider_name",
    "record_chat_request",
    "record_chat_response",
    "record_error",
    "record_invoke",
    "record_route",
    "record_tool",
    "record_usage",
    "record_validation",
]

TRACER_NAME = "agentkit"
CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
EVALUATION_EVENT = "gen_ai.evaluation.result"
_ON = {"1", "true", "yes", "on", "span_only", "span_and_event"}


def get_tracer(tracer_provider: TracerProvider | None = None) -> Tracer:
    """agentkit's tracer from ``tracer_provider``, or from the global provider when none is given."""
    from agentkit import __version__

    return trace.get_tracer(TRACER_NAME, __version__, tracer_provider=tracer_provider)


def hex_trace_id(span: Span) -> str | None:
    """The span's trace id as 32 hex characters, or ``None`` when tracing is off (a non-recording span)."""
    context = span.get_span_context()
    return trace.format_trace_id(context.trace_id) if context.is_valid else None


def capture_content() -> bool:
    """Whether ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` asks for message content on spans."""
    return os.environ.get(CAPTURE_CONTENT_ENV, "").strip().lower() in _ON


def _jsonable(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _text_messages(*messages: tuple[str, str]) -> str:
    """Messages in the GenAI conventions' JSON form: ``[{"role", "parts": [{"type": "text", "content"}]}]``"""
    return json.dumps(
        [{"role": role, "parts": [{"type": "text", "content": text}]} for role, text in messages],
        ensure_ascii=False,
    )


def record_error(span: Span, error_type: str, description: str | None = None) -> None:
    """Mark a span as failed: ``error.type`` and an ERROR status."""
    if not span.is_recording():
        return
    span.set_attribute(ERROR_TYPE, error_type)
    span.set_status(Status(StatusCode.ERROR, description or error_type))


def provider_name(model: Any) -> str:
    """``gen_ai.provider.name`` for a langchain-core chat model: its LangSmith provider, else its type."""
    try:
        provider = model._get_ls_params().get("ls_provider")  # langchain-core's own provider name
    except Exception:
        provider = None
    if not provider:
        provider = getattr(model, "_llm_type", None) or type(model).__name__
    return str(provider)


def model_name(model: Any) -> str:
    return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)


def record_invoke(
    span: Span, result: Mapping[str, Any], *, request: str, model: Any = None, content: bool = False
) -> None:
    """The outcome of a run on the ``invoke_agent agentkit`` span (``result`` is the answer as a dict).

    With ``content``, the request and the answer text are recorded too.
    """
    if not span.is_recording():
        return
    tokens = result.get("tokens") or {}
    span.set_attributes(
        {
            gen_ai.GEN_AI_OUTPUT_TYPE: "text",
            gen_ai.GEN_AI_USAGE_INPUT_TOKENS: int(tokens.get("input", 0)),
            gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS: int(tokens.get("output", 0)),
            "agentkit.answer.route": str(result.get("route")),
            "agentkit.answer.verified": bool(result.get("verified")),
            "agentkit.answer.fm_calls": int(result.get("fm_calls", 0)),
            "agentkit.answer.steps": len(result.get("steps") or []),
        }
    )
    if model is not None:
        span.set_attributes(
            {
                gen_ai.GEN_AI_PROVIDER_NAME: provider_name(model),
                gen_ai.GEN_AI_REQUEST_MODEL: model_name(model),
            }
        )
    if result.get("error"):
        record_error(
            span, "invalid_request" if not result.get("steps") else "request_failed", result["error"]
        )
    if content:
        span.set_attributes(
            {
                gen_ai.GEN_AI_INPUT_MESSAGES: _text_messages(("user", request)),
                gen_ai.GEN_AI_OUTPUT_MESSAGES: _text_messages(("assistant", str(result.get("answer")))),
            }
        )


def record_route(
    span: Span, decision: Any, *, route: str, fm_avoided: bool, text: str | None = None, content: bool = False
) -> None:
    """Attributes of an ``agentkit.route`` span from a `Decision`.

    For a step no tool answered, given its ``text``: its shape for ``agentkit traces gaps``, with no
    word the user chose unless ``content`` (`agentkit.tracing.gaps.step_attributes`).
    """
    if not span.is_recording():
        return
    if text is not None and route != "symbolic":
        span.set_attributes(step_attributes(text, content=content))
    chosen = decision.chosen or decision.hint
    span.set_attributes(
        {
            "agentkit.offload.route": route,
            "agentkit.offload.tool": chosen.tool if chosen else "",
            "agentkit.offload.operation": chosen.operation if chosen else "",
            "agentkit.offload.candidates": _jsonable(f"{c.tool}.{c.operation}" for c in decision.candidates),
            "agentkit.offload.scores": [float(c.confidence) for c in decision.candidates],
            "agentkit.offload.confidence": float(chosen.confidence) if chosen else 0.0,
            "agentkit.offload.threshold": float(decision.threshold),
            "agentkit.offload.reason": decision.reason,
            "agentkit.offload.fm_avoided": fm_avoided,
        }
    )


def record_tool(
    span: Span,
    candidate: Any,
    result: Any = None,
    verdict: Any = None,
    *,
    content: bool = False,
    family: Any = None,
) -> None:
    """An ``execute_tool`` span: the tool before it runs; its outcome when ``result``/``verdict`` are given.

    ``agentkit.interpretation`` (the reading the tool computes, in canonical notation) is always recorded;
    with ``content``, the tool's arguments and its result text are recorded too. A step whose check passed
    gets a certificate (`agentkit.tracing.certificates`): its formal request, written by ``family``
    (`agentkit.tools.base.formal_request`), and its result, so that ``agentkit verify`` can re-run it.
    """
    if not span.is_recording():
        return
    if result is None:
        span.set_attributes(
            {
                gen_ai.GEN_AI_OPERATION_NAME: "execute_tool",
                gen_ai.GEN_AI_TOOL_NAME: candidate.tool,
                gen_ai.GEN_AI_TOOL_TYPE: "function",
                "agentkit.tool.operation": candidate.operation,
                # the tool's formal request, not the user's words: recorded even without content capture
                "agentkit.interpretation": getattr(candidate, "interpretation", "") or "",
            }
        )
        if content:
            span.set_attribute(
                gen_ai.GEN_AI_TOOL_CALL_ARGUMENTS,
                json.dumps(
                    {"operation": candidate.operation, "spec": candidate.spec},
                    ensure_ascii=False,
                    default=str,
                ),
            )
        return
    if content:
        span.set_attribute(gen_ai.GEN_AI_TOOL_CALL_RESULT, str(result.text))
    if verdict is not None:
        span.set_attribute("agentkit.tool.verified", bool(verdict.ok))
        if verdict.ok and result.error is None:
            span.set_attributes(
                certificate_attributes(
                    str(candidate.tool),
                    str(candidate.operation),
                    formal_request(family, candidate),
                    str(result.text),
                    str(verdict.check),
                )
            )
        if not verdict.ok:
            record_error(
                span,
                result.error or "verification_failed",
                "the tool failed" if result.error else "the tool's own check failed",
            )


def record_chat_request(
    span: Span, model: Any, messages: Sequence[tuple[str, str]], *, content: bool = False
) -> None:
    """A ``chat <model>`` CLIENT span before the call: operation, provider, model; with ``content``, prompts."""
    if not span.is_recording():
        return
    span.set_attributes(
        {
            gen_ai.GEN_AI_OPERATION_NAME: "chat",
            gen_ai.GEN_AI_PROVIDER_NAME: provider_name(model),
            gen_ai.GEN_AI_REQUEST_MODEL: model_name(model),
        }
    )
    if content and messages:
        system = [text for role, text in messages if role == "system"]
        if system:
            span.set_attribute(
                gen_ai.GEN_AI_SYSTEM_INSTRUCTIONS,
                json.dumps([{"type": "text", "content": t} for t in system], ensure_ascii=False),
            )
        span.set_attribute(
            gen_ai.GEN_AI_INPUT_MESSAGES,
            _text_messages(*(("user" if r == "human" else r, t) for r, t in messages if r != "system")),
        )


def record_chat_response(span: Span, reply: Any, *, content: bool = False) -> None:
    """A ``chat`` span after the call: token usage, response model, id, finish reason; with ``content``, the reply."""
    if not span.is_recording():
        return
    usage = getattr(reply, "usage_metadata", None) or {}
    span.set_attributes(
        {
            gen_ai.GEN_AI_USAGE_INPUT_TOKENS: int(usage.get("input_tokens", 0)),
            gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS: int(usage.get("output_tokens", 0)),
        }
    )
    metadata = getattr(reply, "response_metadata", None) or {}
    response_model = metadata.get("model_name") or metadata.get("model")
    if response_model:
        span.set_attribute(gen_ai.GEN_AI_RESPONSE_MODEL, str(response_model))
    if getattr(reply, "id", None):
        span.set_attribute(gen_ai.GEN_AI_RESPONSE_ID, str(reply.id))
    finish = metadata.get("finish_reason") or metadata.get("stop_reason") or metadata.get("done_reason")
    if finish:
        span.set_attribute(gen_ai.GEN_AI_RESPONSE_FINISH_REASONS, [str(finish)])
    if content:
        text = (
            reply.text
            if isinstance(getattr(reply, "text", None), str)
            else str(getattr(reply, "content", ""))
        )
        output = [
            {
                "role": "assistant",
                "parts": [{"type": "text", "content": text}],
                **({"finish_reason": str(finish)} if finish else {}),
            }
        ]
        span.set_attribute(gen_ai.GEN_AI_OUTPUT_MESSAGES, json.dumps(output, ensure_ascii=False))


def record_usage(span: Span, usage: Mapping[str, Any]) -> None:
    """Token usage on a ``chat`` span from agentkit's ``{"input": n, "output": n}``."""
    if span.is_recording():
        span.set_attributes(
            {
                gen_ai.GEN_AI_USAGE_INPUT_TOKENS: int(usage.get("input", 0)),
                gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS: int(usage.get("output", 0)),
            }
        )


def record_validation(span: Span, step: Mapping[str, Any], *, content: bool = False) -> None:
    """An ``agentkit.validate`` span: verdict, claim counts, a ``gen_ai.evaluation.result`` per claim.

    With ``content``, each claim's explanation is recorded too.
    """
    if not span.is_recording():
        return
    claims = list(step.get("validation") or [])
    failed = [c for c in claims if not c.get("ok")]
    span.set_attributes(
        {
            # pass: verified; fail: a check failed; unverified: nothing failed, but nothing verified it either
            "agentkit.validation.verdict": "pass" if step.get("verified") else ("fail" if failed else "unverified"),
            "agentkit.validation.claims": len(claims),
            "agentkit.validation.failed": len(failed),
            "agentkit.validation.route": str(step.get("route")),
        }
    )
    for claim in claims:
        ok = bool(claim.get("ok"))
        attributes: dict[str, Any] = {
            gen_ai.GEN_AI_EVALUATION_NAME: str(claim.get("check", "")),
            gen_ai.GEN_AI_EVALUATION_SCORE_LABEL: "pass" if ok else "fail",
            gen_ai.GEN_AI_EVALUATION_SCORE_VALUE: 1.0 if ok else 0.0,
        }
        if content and claim.get("detail"):
            attributes[gen_ai.GEN_AI_EVALUATION_EXPLANATION] = str(claim["detail"])
        span.add_event(EVALUATION_EVENT, attributes)
