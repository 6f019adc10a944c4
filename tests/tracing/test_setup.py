"""Specification of agentkit's traces: the span tree and its gen_ai/agentkit attributes, and the SDK set-up in
`agentkit.tracing.setup` (OTLP JSON Lines files, OTLP/HTTP to a receiver on loopback, a dead collector)."""

from __future__ import annotations

import json
import logging
import re
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import ParseDict
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span as ProtoSpan
from opentelemetry.proto.trace.v1.trace_pb2 import TracesData
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.semconv._incubating.attributes import gen_ai_attributes as gen_ai
from opentelemetry.trace import NoOpTracerProvider, SpanKind, StatusCode

from agentkit import Agent, tracing
from agentkit.tracing.exporters import GuardedExporter
from agentkit.tracing.push import parse_line
from agentkit.tracing.setup import configure, trace_file
from tests.conftest import ScriptedModelFactory
from tests.otlp_receiver import OtlpReceiver

HEX32, HEX16 = re.compile(r"^[0-9a-f]{32}$"), re.compile(r"^[0-9a-f]{16}$")


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in (
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_SDK_DISABLED",
        tracing.CAPTURE_CONTENT_ENV,
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)
    GuardedExporter._warned_targets.clear()
    yield


@pytest.fixture
def provider(tracer_provider: TracerProvider) -> TracerProvider:
    return tracer_provider


def the_span(exporter: InMemorySpanExporter, name: str) -> ReadableSpan:
    found = [s for s in exporter.get_finished_spans() if s.name == name]
    assert len(found) == 1, [s.name for s in exporter.get_finished_spans()]
    return found[0]


# -- the span tree -----------------------------------------------------------------------------------------


def test_a_symbolic_run_is_one_tree_of_internal_spans_under_invoke_agent(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    answer = Agent(model="none", tracer_provider=provider).invoke("Let x = 2. What is x+1?")
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == [
        "agentkit.plan",
        "agentkit.route",
        "execute_tool math.define",
        "agentkit.validate",
        "agentkit.route",
        "execute_tool math.evaluate",
        "agentkit.validate",
        "invoke_agent agentkit",
    ]
    root = spans[-1]
    assert root.parent is None
    assert format(root.context.trace_id, "032x") == answer.trace_id
    for span in spans[:-1]:
        assert span.kind == SpanKind.INTERNAL, span.name
        assert span.parent is not None and span.parent.span_id == root.context.span_id, span.name
        assert span.context.trace_id == root.context.trace_id


def test_the_invoke_agent_span_carries_the_outcome_and_token_usage(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=provider).invoke("What is the gcd of 12 and 18?")
    root = the_span(exporter, "invoke_agent agentkit")
    assert root.kind == SpanKind.INTERNAL
    attributes = root.attributes
    assert attributes[gen_ai.GEN_AI_OPERATION_NAME] == "invoke_agent"
    assert attributes[gen_ai.GEN_AI_AGENT_NAME] == "agentkit"
    assert attributes[gen_ai.GEN_AI_USAGE_INPUT_TOKENS] == 0
    assert attributes[gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS] == 0
    assert attributes["agentkit.answer.route"] == "symbolic"
    assert attributes["agentkit.answer.verified"] is True
    assert attributes["agentkit.answer.fm_calls"] == 0
    assert root.status.status_code == StatusCode.UNSET


def test_an_invalid_request_marks_the_invoke_span_as_an_error(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=provider).invoke("   ")
    root = the_span(exporter, "invoke_agent agentkit")
    assert root.attributes["error.type"] == "invalid_request"
    assert root.status.status_code == StatusCode.ERROR


def test_the_tool_span_names_the_tool_and_its_operation(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=provider).invoke("What is the gcd of 12 and 18?")
    tool = the_span(exporter, "execute_tool math.gcd")
    assert tool.attributes[gen_ai.GEN_AI_OPERATION_NAME] == "execute_tool"
    assert tool.attributes[gen_ai.GEN_AI_TOOL_NAME] == "math"
    assert tool.attributes[gen_ai.GEN_AI_TOOL_TYPE] == "function"
    assert tool.attributes["agentkit.tool.operation"] == "gcd"
    assert tool.attributes["agentkit.tool.verified"] is True
    assert gen_ai.GEN_AI_TOOL_CALL_ARGUMENTS not in tool.attributes  # content is off


def test_each_check_is_a_gen_ai_evaluation_result_event_on_the_validate_span(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=provider).invoke("What is the gcd of 12 and 18?")
    validate = the_span(exporter, "agentkit.validate")
    assert validate.attributes["agentkit.validation.verdict"] == "pass"
    (event,) = validate.events
    assert event.name == "gen_ai.evaluation.result"
    assert event.attributes[gen_ai.GEN_AI_EVALUATION_NAME] == "math.gcd"
    assert event.attributes[gen_ai.GEN_AI_EVALUATION_SCORE_LABEL] == "pass"
    assert event.attributes[gen_ai.GEN_AI_EVALUATION_SCORE_VALUE] == 1.0
    assert gen_ai.GEN_AI_EVALUATION_EXPLANATION not in event.attributes  # content is off


def test_the_route_span_records_candidates_scores_threshold_and_the_avoided_model_call(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    Agent(model="none", tracer_provider=provider).invoke("What is the gcd of 12 and 18?")
    route = the_span(exporter, "agentkit.route").attributes
    assert json.loads(route["agentkit.offload.candidates"])[0] == "math.gcd"
    assert list(route["agentkit.offload.scores"])[0] == 1.0
    assert route["agentkit.offload.threshold"] == 1.0
    assert route["agentkit.offload.route"] == "symbolic"
    assert route["agentkit.offload.fm_avoided"] is True
    assert route["agentkit.offload.reason"]


def test_a_model_call_is_a_client_span_with_provider_model_and_usage(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    scripted_model: ScriptedModelFactory,
) -> None:
    answer = Agent(model=scripted_model("Paris", usage=(12, 3)), tracer_provider=provider).invoke(
        "What is the capital of France?"
    )
    chat = the_span(exporter, "chat scripted-model")
    assert chat.kind == SpanKind.CLIENT
    assert chat.attributes[gen_ai.GEN_AI_OPERATION_NAME] == "chat"
    assert chat.attributes[gen_ai.GEN_AI_PROVIDER_NAME] == "scriptedchatmodel"
    assert chat.attributes[gen_ai.GEN_AI_REQUEST_MODEL] == "scripted-model"
    assert (
        chat.attributes[gen_ai.GEN_AI_USAGE_INPUT_TOKENS],
        chat.attributes[gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS],
    ) == (12, 3)
    root = the_span(exporter, "invoke_agent agentkit")
    assert root.attributes[gen_ai.GEN_AI_USAGE_INPUT_TOKENS] == answer.tokens["input"] == 12
    assert root.attributes[gen_ai.GEN_AI_PROVIDER_NAME] == "scriptedchatmodel"
    assert chat.parent is not None and chat.parent.span_id == root.context.span_id


def test_a_failed_model_call_has_error_type_and_an_error_status(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    scripted_model: ScriptedModelFactory,
) -> None:
    answer = Agent(model=scripted_model(TimeoutError("slow")), tracer_provider=provider).invoke(
        "What is the capital of France?"
    )
    assert answer.error is None and "model call failed" in answer.answer
    chat = the_span(exporter, "chat scripted-model")
    assert chat.attributes["error.type"] == "TimeoutError"
    assert chat.status.status_code == StatusCode.ERROR


def test_message_content_is_recorded_only_when_switched_on(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    scripted_model: ScriptedModelFactory,
) -> None:
    Agent(model=scripted_model("Paris is the capital"), tracer_provider=provider).invoke(
        "What is the capital of France?"
    )
    for span in exporter.get_finished_spans():
        assert gen_ai.GEN_AI_INPUT_MESSAGES not in span.attributes
        assert not any("capital" in str(value) for value in span.attributes.values()), span.name
    exporter.clear()

    Agent(model=scripted_model("Paris is the capital"), tracer_provider=provider, trace_content=True).invoke(
        "What is the capital of France?"
    )
    chat = the_span(exporter, "chat scripted-model")
    inputs = json.loads(chat.attributes[gen_ai.GEN_AI_INPUT_MESSAGES])
    assert inputs[-1]["role"] == "user" and "capital of France" in inputs[-1]["parts"][0]["content"]
    outputs = json.loads(chat.attributes[gen_ai.GEN_AI_OUTPUT_MESSAGES])
    assert outputs == [{"role": "assistant", "parts": [{"type": "text", "content": "Paris is the capital"}]}]
    assert json.loads(chat.attributes[gen_ai.GEN_AI_SYSTEM_INSTRUCTIONS])[0]["type"] == "text"
    root = the_span(exporter, "invoke_agent agentkit")
    assert "capital" in root.attributes[gen_ai.GEN_AI_INPUT_MESSAGES]


def test_content_capture_belongs_to_each_agent_not_to_the_process(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    quiet = Agent(model="none", tracer_provider=provider)
    Agent(model="none", tracer_provider=provider, trace_content=True).invoke("What is the gcd of 12 and 18?")
    assert the_span(exporter, "execute_tool math.gcd").attributes[gen_ai.GEN_AI_TOOL_CALL_RESULT] == "6"
    exporter.clear()
    quiet.invoke("What is the gcd of 12 and 18?")
    assert gen_ai.GEN_AI_TOOL_CALL_RESULT not in the_span(exporter, "execute_tool math.gcd").attributes


def test_the_semantic_conventions_variable_switches_content_on(
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(tracing.CAPTURE_CONTENT_ENV, "true")
    Agent(model="none", tracer_provider=provider).invoke("What is the gcd of 12 and 18?")
    tool = the_span(exporter, "execute_tool math.gcd")
    assert tool.attributes[gen_ai.GEN_AI_TOOL_CALL_RESULT] == "6"
    assert json.loads(tool.attributes[gen_ai.GEN_AI_TOOL_CALL_ARGUMENTS])["operation"] == "gcd"
    event = the_span(exporter, "agentkit.validate").events[0]
    assert event.attributes[gen_ai.GEN_AI_EVALUATION_EXPLANATION]


def test_the_library_imports_only_the_opentelemetry_api() -> None:
    """Only the set-up modules (tracing.setup and its exporters, benchmarks) may import the SDK or exporters.

    (Checked in the source: langsmith, under langchain-core, imports the SDK itself when it is installed.)
    """
    import ast

    import agentkit.graphs
    import agentkit.tools

    import agentkit

    roots = [Path(module.__file__ or "").parent for module in (agentkit, agentkit.graphs, agentkit.tools)]
    allowed = {("tracing", "setup.py"), ("tracing", "exporters.py"), ("tracing", "processors.py")}
    offenders = []
    for root in roots:
        for path in root.rglob("*.py"):
            if (path.parent.name, path.name) in allowed or "bench" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                offenders += [
                    f"{path.name}: {n}"
                    for n in names
                    if n.startswith(("opentelemetry.sdk", "opentelemetry.exporter"))
                ]
    assert offenders == []


# -- configure ---------------------------------------------------------------------------------------------


def test_configure_none_is_a_no_op_provider() -> None:
    provider = configure("none")
    assert isinstance(provider, NoOpTracerProvider)
    assert Agent(model="none", tracer_provider=provider).invoke("What is 2+2?").trace_id is None


def test_configure_rejects_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="traces must be one of"):
        configure("jaeger")  # type: ignore[arg-type]


def test_otel_sdk_disabled_turns_tracing_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert isinstance(configure("file", directory=tmp_path), NoOpTracerProvider)


def test_the_service_is_agentkit_unless_otel_service_name_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    provider = configure("file", directory=tmp_path)
    assert provider.resource.attributes["service.name"] == "agentkit"
    provider.shutdown()
    monkeypatch.setenv("OTEL_SERVICE_NAME", "checkout")
    provider = configure("file", directory=tmp_path)
    assert provider.resource.attributes["service.name"] == "checkout"
    provider.shutdown()


def test_console_traces_go_to_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    provider = configure("console")
    Agent(model="none", tracer_provider=provider).invoke("What is 2+2?")
    provider.shutdown()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert '"name": "invoke_agent agentkit"' in captured.err


# -- files -------------------------------------------------------------------------------------------------


def _write_runs(directory: Path, scripted_model: ScriptedModelFactory) -> tuple[Path, list[str]]:
    provider = configure("file", directory=directory)
    symbolic = Agent(model="none", tracer_provider=provider)
    mixed = Agent(
        model=scripted_model("Paris", TimeoutError("down"), usage=(12, 3)), tracer_provider=provider
    )
    answers = [
        symbolic.invoke("Let x = 2. What is x+1?"),
        symbolic.invoke("What is the capital of France?"),
        mixed.invoke("What is 2+2, and what is the capital of France?"),
        mixed.invoke("What is the capital of Peru?"),
    ]
    path = Path(trace_file() or "")
    provider.shutdown()
    return path, [a.trace_id for a in answers if a.trace_id]


def test_the_trace_file_is_named_by_the_utc_date_in_the_traces_directory(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AGENTKIT_TRACES_DIR", str(tmp_path / "elsewhere"))
    provider = configure("file")
    answer = Agent(model="none", tracer_provider=provider).invoke("What is 2+2?")
    provider.shutdown()
    path = Path(trace_file() or "")
    assert path.parent == tmp_path / "elsewhere"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.jsonl", path.name)
    assert answer.trace_id in path.read_text(encoding="utf-8")


def test_every_line_of_a_trace_file_is_otlp_json_traces_data(
    tmp_path: Path,
    scripted_model: ScriptedModelFactory,
) -> None:
    path, trace_ids = _write_runs(tmp_path, scripted_model)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines
    seen_traces, span_ids, parents, kinds = set(), set(), set(), set()
    for line in lines:
        raw = json.loads(line)
        assert set(raw) == {"resourceSpans"}
        for resource_spans in raw["resourceSpans"]:
            for scope_spans in resource_spans["scopeSpans"]:
                for span in scope_spans["spans"]:
                    assert HEX32.match(span["traceId"]), span["traceId"]
                    assert HEX16.match(span["spanId"]), span["spanId"]
                    if "parentSpanId" in span:
                        assert HEX16.match(span["parentSpanId"])
                        parents.add(span["parentSpanId"])
                    assert isinstance(span["kind"], int)  # integer enums, not "SPAN_KIND_INTERNAL"
                    assert isinstance(span["startTimeUnixNano"], str)  # int64 as strings
                    assert int(span["endTimeUnixNano"]) >= int(span["startTimeUnixNano"])
                    assert isinstance(span.get("status", {}).get("code", 0), int)
                    for attribute in span.get("attributes", []):
                        if "intValue" in attribute["value"]:
                            assert isinstance(attribute["value"]["intValue"], str)
                    kinds.add(span["kind"])
                    seen_traces.add(span["traceId"])
                    span_ids.add(span["spanId"])
        # the schema: both the file format (TracesData) and the collector request parse it, nothing unknown
        data = parse_line(line)
        assert isinstance(data, TracesData)
        request = ParseDict(json.loads(json.dumps(_as_proto_json(raw))), ExportTraceServiceRequest())
        assert request.resource_spans == data.resource_spans
        for resource_spans in data.resource_spans:
            for scope_spans in resource_spans.scope_spans:
                assert scope_spans.scope.name == "agentkit"
                for span in scope_spans.spans:
                    assert len(span.trace_id) == 16 and len(span.span_id) == 8
                    assert len(span.parent_span_id) in (0, 8)
    assert parents <= span_ids  # every parent is in the file
    assert set(trace_ids) <= seen_traces
    assert kinds == {ProtoSpan.SPAN_KIND_INTERNAL, ProtoSpan.SPAN_KIND_CLIENT}


def _as_proto_json(raw: dict) -> dict:
    """Protobuf's JSON mapping has bytes in base64: the hex ids converted back (what `parse_line` does)."""
    import base64

    copy = json.loads(json.dumps(raw))
    for resource_spans in copy["resourceSpans"]:
        for scope_spans in resource_spans["scopeSpans"]:
            for span in scope_spans["spans"]:
                for key in ("traceId", "spanId", "parentSpanId"):
                    if span.get(key):
                        span[key] = base64.b64encode(bytes.fromhex(span[key])).decode()
    return copy


# -- OTLP over HTTP ----------------------------------------------------------------------------------------


def test_otlp_http_exports_every_span_to_a_receiver_on_loopback(
    monkeypatch: pytest.MonkeyPatch,
    scripted_model: ScriptedModelFactory,
) -> None:
    with OtlpReceiver() as receiver:
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url)
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        monkeypatch.setenv("OTEL_SERVICE_NAME", "agentkit-test")
        provider = configure("otlp")
        answer = Agent(model=scripted_model("Paris", usage=(5, 1)), tracer_provider=provider).invoke(
            "What is 2+2, and what is the capital of France?"
        )
        provider.shutdown()
    assert receiver.paths and set(receiver.paths) == {"/v1/traces"}
    assert set(receiver.content_types) == {"application/x-protobuf"}
    spans = receiver.spans()
    names = [span.name for span in spans]
    assert "invoke_agent agentkit" in names and "chat scripted-model" in names
    assert {span.trace_id.hex() for span in spans} == {answer.trace_id}
    assert {r["service.name"] for r in receiver.resources()} == {"agentkit-test"}
    chat = next(span for span in spans if span.name == "chat scripted-model")
    assert chat.kind == ProtoSpan.SPAN_KIND_CLIENT
    usage = {kv.key: kv.value.int_value for kv in chat.attributes if kv.key.startswith("gen_ai.usage")}
    assert usage == {"gen_ai.usage.input_tokens": 5, "gen_ai.usage.output_tokens": 1}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _median_ms(agent: Agent, question: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        assert agent.invoke(question).answer == "6"
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@pytest.mark.parametrize("collector", ["refused", "silent"])
def test_a_dead_or_silent_collector_never_fails_or_slows_a_request(
    collector: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    port = silent.getsockname()[1] if collector == "silent" else _closed_port()
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", f"http://127.0.0.1:{port}")
    caplog.set_level(logging.DEBUG)
    provider = configure("otlp")
    plain, traced = Agent(model="none"), Agent(model="none", tracer_provider=provider)
    question = "What is the gcd of 12 and 18?"
    _median_ms(plain, question, 3), _median_ms(traced, question, 3)  # warm-up
    stop = threading.Event()

    def keep_exporting() -> None:  # the collector is busy failing while requests run
        while not stop.is_set():
            provider.force_flush()
            time.sleep(0.01)

    flusher = threading.Thread(target=keep_exporting, daemon=True)
    flusher.start()
    try:
        untraced_ms = statistics.median(_median_ms(plain, question, 10) for _ in range(3))
        traced_ms = statistics.median(_median_ms(traced, question, 10) for _ in range(3))
    finally:
        stop.set()
        flusher.join(10)
        start = time.perf_counter()
        provider.shutdown()
        shutdown_s = time.perf_counter() - start
        silent.close()
    assert traced_ms < untraced_ms + 10, (traced_ms, untraced_ms)
    assert shutdown_s < 5
    warnings = [
        r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("opentelemetry")
    ]
    assert warnings == [], [r.getMessage() for r in warnings]
    ours = [r for r in caplog.records if r.name == "agentkit.tracing.exporters" and r.levelno >= logging.WARNING]
    assert len(ours) == 1
    assert "spans are dropped" in ours[0].getMessage()


def test_grpc_to_a_dead_collector_leaves_requests_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    provider = configure("otlp")
    answer = Agent(model="none", tracer_provider=provider).invoke("What is 2+2?")
    assert answer.answer == "4" and answer.trace_id
    start = time.perf_counter()
    provider.shutdown()
    assert time.perf_counter() - start < 5


def test_an_unsupported_otlp_protocol_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")
    with pytest.raises(ValueError, match="http/json"):
        configure("otlp")


class _Exploding(SpanExporter):
    calls = 0

    def export(self, spans: object) -> SpanExportResult:
        self.calls += 1
        raise ConnectionError("collector on fire")


def test_a_failing_exporter_is_paused_and_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    inner = _Exploding()
    guard = GuardedExporter(inner, "a test collector", retry_after=60)
    for _ in range(5):
        assert guard.export([object()]) is SpanExportResult.FAILURE  # type: ignore[list-item]
    assert inner.calls == 1  # paused after the first failure
    assert guard.dropped == 5
    warnings = [r.getMessage() for r in caplog.records if r.name == "agentkit.tracing.exporters"]
    assert len(warnings) == 1 and "collector on fire" in warnings[0]
    guard.shutdown()
