"""Span processors: trace files lose no span, whatever the load; a dead collector's losses are counted and said once."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from opentelemetry.sdk.trace import TracerProvider

from agentkit.tracing.exporters import GuardedExporter, JsonLinesSpanExporter
from agentkit.tracing.files import read_spans
from agentkit.tracing.processors import CountingBatchSpanProcessor, FileSpanProcessor
from agentkit.tracing.setup import MAX_QUEUE_SIZE

REQUESTS = 2_100  # more runs than the batch queue holds spans (MAX_QUEUE_SIZE)


def test_a_batch_larger_than_any_queue_has_every_run_in_the_trace_file(tmp_path: Path) -> None:
    assert REQUESTS > MAX_QUEUE_SIZE
    source = tmp_path / "questions.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"q{n}", "question": f"What is {n} + {n + 1}?"}) + "\n" for n in range(REQUESTS)),
        encoding="utf-8",
    )
    env = {**os.environ, "AGENTKIT_TRACES_DIR": str(tmp_path / "traces"), "AGENTKIT_TRACES": "file"}
    done = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "batch", "--model", "none", str(source), str(tmp_path / "answers.jsonl")],
        env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "dropping" not in done.stderr and "lost" not in done.stderr
    answers = [json.loads(line) for line in (tmp_path / "answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(answers) == REQUESTS
    assert all(a["answer"] == str(2 * n + 1) for n, a in enumerate(answers))  # hand-worked: n + (n + 1)
    spans = read_spans(sorted((tmp_path / "traces").glob("*.jsonl")))
    runs = [s for s in spans if s.name.startswith("invoke_agent")]
    assert len(runs) == REQUESTS
    assert {s.trace_id for s in runs} == {a["trace_id"] for a in answers}
    tools = [s for s in spans if s.name.startswith("execute_tool")]
    assert len(tools) == REQUESTS  # and every run's inner spans too


def test_a_full_file_queue_makes_the_writer_wait_and_loses_nothing(tmp_path: Path) -> None:
    exporter = JsonLinesSpanExporter(tmp_path)
    provider = TracerProvider()
    processor = FileSpanProcessor(GuardedExporter(exporter, "files"), max_queued=3)
    provider.add_span_processor(processor)
    tracer = provider.get_tracer("test")
    threads = [threading.Thread(target=lambda n=n: [tracer.start_span(f"s{n}.{i}").end() for i in range(200)])
               for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    processor.force_flush()
    names = [s.name for s in read_spans(tmp_path.glob("*.jsonl"))]
    assert sorted(names) == sorted(f"s{n}.{i}" for n in range(4) for i in range(200))
    with tracer.start_as_current_span("late"):
        pass
    provider.shutdown()
    assert len(read_spans(tmp_path.glob("*.jsonl"))) == 801


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_spans_a_dead_collector_loses_are_counted_and_said_once(tmp_path: Path) -> None:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    exporter = OTLPSpanExporter(endpoint=f"http://127.0.0.1:{_closed_port()}/v1/traces", timeout=0.5)
    said = io.StringIO()
    processor = CountingBatchSpanProcessor(
        GuardedExporter(exporter, "the dead collector", retry_after=60), stream=said,
        max_queue_size=8, max_export_batch_size=4, schedule_delay_millis=50, export_timeout_millis=500,
    )
    provider = TracerProvider()
    provider.add_span_processor(processor)
    tracer = provider.get_tracer("test")
    for number in range(50):
        with tracer.start_as_current_span(f"span {number}"):
            pass
    provider.shutdown()
    provider.shutdown()  # said once, however often it is shut down
    lines = said.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("agentkit: 50 span(s) could not be exported to the dead collector")
    assert "are lost" in lines[0]


def test_nothing_is_said_when_nothing_was_lost(tmp_path: Path) -> None:
    said = io.StringIO()
    provider = TracerProvider()
    provider.add_span_processor(FileSpanProcessor(GuardedExporter(JsonLinesSpanExporter(tmp_path), "files"), stream=said))
    with provider.get_tracer("test").start_as_current_span("root"):
        pass
    provider.shutdown()
    assert said.getvalue() == ""
    assert len(read_spans(tmp_path.glob("*.jsonl"))) == 1


def test_a_forked_child_writes_its_own_spans(tmp_path: Path) -> None:
    provider = TracerProvider()
    provider.add_span_processor(FileSpanProcessor(GuardedExporter(JsonLinesSpanExporter(tmp_path), "files")))
    tracer = provider.get_tracer("test")
    pid = os.fork()
    if pid == 0:  # the child: its writer thread did not survive the fork
        with tracer.start_as_current_span("in the child"):
            pass
        deadline = time.monotonic() + 10  # no flush: the child's own writer must write it
        while not any(f.read_text().endswith("\n") for f in tmp_path.glob("*.jsonl")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os._exit(0)
    assert os.waitpid(pid, 0)[1] == 0
    assert [s.name for s in read_spans(tmp_path.glob("*.jsonl"))] == ["in the child"]
    provider.shutdown()
