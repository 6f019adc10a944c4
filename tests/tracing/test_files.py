"""Specification of trace review from the command line: ``--traces``/``--trace-content`` on the answering
commands, and ``agentkit traces summary|show|push`` on a trace file the test writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from agentkit import Agent, tracing
from agentkit.cli import main
from agentkit.tracing.files import read_spans
from agentkit.tracing.setup import configure
from agentkit.tracing.setup import trace_file as current_trace_file
from agentkit.tracing.summary import summarize
from tests.conftest import ScriptedModelFactory
from tests.otlp_receiver import OtlpReceiver


@pytest.fixture(autouse=True)
def _traces_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AGENTKIT_TRACES_DIR", str(tmp_path / "traces"))
    monkeypatch.delenv("AGENTKIT_TRACES", raising=False)
    monkeypatch.delenv(tracing.CAPTURE_CONTENT_ENV, raising=False)
    return tmp_path / "traces"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def trace_file(tmp_path: Path, scripted_model: ScriptedModelFactory) -> tuple[Path, dict[str, str]]:
    """Four runs: two symbolic, one mixed (math then a model answer with tokens), one the model alone."""
    provider = configure("file", directory=tmp_path / "fixture")
    symbolic = Agent(model="none", tracer_provider=provider)
    model = scripted_model("Paris", "Lima", usage=(12, 3))
    with_model = Agent(model=model, tracer_provider=provider)
    runs = {
        "define": symbolic.invoke("Let x = 2. What is x+1?").trace_id,
        "gcd": symbolic.invoke("What is the gcd of 12 and 18?").trace_id,
        "mixed": with_model.invoke("What is 2+2, and what is the capital of France?").trace_id,
        "model": with_model.invoke("What is the capital of Peru?").trace_id,
    }
    path = Path(current_trace_file() or "")
    provider.shutdown()
    return path, {k: v for k, v in runs.items() if v}


# -- answering commands ------------------------------------------------------------------------------------


def test_ask_writes_its_trace_to_a_file_by_default(runner: CliRunner, _traces_here: Path) -> None:
    result = runner.invoke(main, ["ask", "--json", "What is 2+2?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["trace_id"] and answer["trace_file"]
    path = Path(answer["trace_file"])
    assert path.parent == _traces_here and path.is_file()
    spans = [s for s in read_spans([path]) if s.trace_id == answer["trace_id"]]
    assert {s.name for s in spans} >= {
        "invoke_agent agentkit",
        "agentkit.route",
        "execute_tool math.evaluate",
    }


def test_ask_names_the_trace_and_its_file_under_the_answer(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "What is 2+2?"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "4"
    assert lines[-1].startswith("  trace ") and lines[-1].endswith(".jsonl")


def test_traces_none_writes_nothing(runner: CliRunner, _traces_here: Path) -> None:
    result = runner.invoke(main, ["ask", "--json", "--traces", "none", "What is 2+2?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["trace_id"], answer["trace_file"]) == (None, None)
    assert not _traces_here.exists()


def test_the_traces_mode_can_come_from_the_environment(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENTKIT_TRACES", "none")
    result = runner.invoke(main, ["ask", "--json", "What is 2+2?"])
    assert json.loads(result.stdout)["trace_id"] is None


def test_trace_content_records_the_request(runner: CliRunner, _traces_here: Path) -> None:
    result = runner.invoke(main, ["ask", "--json", "What is the gcd of 12 and 18?"])
    assert "gcd of 12" not in "".join(p.read_text(encoding="utf-8") for p in _traces_here.glob("*.jsonl"))
    result = runner.invoke(main, ["ask", "--json", "--trace-content", "What is the gcd of 12 and 18?"])
    assert result.exit_code == 0, result.output
    root = next(
        s
        for s in read_spans(_traces_here.glob("*.jsonl"))
        if s.trace_id == json.loads(result.stdout)["trace_id"] and s.name.startswith("invoke_agent")
    )
    assert "gcd of 12" in root.attributes["gen_ai.input.messages"]


def test_trace_content_is_a_setting_of_one_command_not_of_the_process(
    runner: CliRunner, _traces_here: Path
) -> None:
    with_content = runner.invoke(main, ["ask", "--json", "--trace-content", "What is the gcd of 12 and 18?"])
    without = runner.invoke(main, ["ask", "--json", "What is the lcm of 4 and 6?"])
    assert with_content.exit_code == 0 and without.exit_code == 0, without.output
    spans = read_spans(_traces_here.glob("*.jsonl"))
    roots = {s.trace_id: s for s in spans if s.name.startswith("invoke_agent")}
    assert "gcd of 12" in roots[json.loads(with_content.stdout)["trace_id"]].attributes["gen_ai.input.messages"]
    assert "gen_ai.input.messages" not in roots[json.loads(without.stdout)["trace_id"]].attributes


def test_batch_answers_carry_their_trace_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "q.jsonl"
    source.write_text(
        '{"id": 1, "question": "What is 3+3?"}\n{"id": 2, "question": "What is 2**10?"}\n', encoding="utf-8"
    )
    result = runner.invoke(main, ["batch", str(source), "-"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len({r["trace_id"] for r in records}) == 2
    text = Path(records[0]["trace_file"]).read_text(encoding="utf-8")
    assert all(r["trace_id"] in text for r in records)


def test_demo_points_at_its_trace_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "agentkit traces summary" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("command", [["ask"], ["batch"], ["demo"]])
def test_help_lists_the_trace_options(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert "--traces [file|otlp|console|none]" in result.stdout
    assert "--trace-content" in result.stdout


def test_the_command_line_loads_no_exporter_before_a_command_runs() -> None:
    # (the SDK itself comes in with langchain-core: langsmith imports it when it is installed)
    code = (
        "import sys, agentkit.cli; "
        "print([m for m in sys.modules if m.startswith(('agentkit.tracing.setup', 'agentkit.tracing.exporters', "
        "'agentkit.tracing.push', 'opentelemetry.exporter', 'opentelemetry.proto', 'google.protobuf', 'grpc'))])"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ},
    )
    assert completed.stdout.strip() == "[]"


# -- traces summary ----------------------------------------------------------------------------------------


def test_summary_json_counts_per_family_and_overall(runner: CliRunner, trace_file: tuple[Path, dict]) -> None:
    path, _ = trace_file
    result = runner.invoke(main, ["traces", "summary", str(path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["files"] == [str(path)]
    assert summary["runs"] == 4
    math = summary["families"]["math"]
    assert (math["steps"], math["without_model"], math["model_calls_avoided"], math["model_calls"]) == (
        4,
        4,
        4,
        0,
    )
    assert math["without_model_share"] == 1.0
    no_tool = summary["families"]["(no tool)"]
    assert (no_tool["steps"], no_tool["without_model"], no_tool["model_calls"]) == (2, 0, 2)
    assert (no_tool["input_tokens"], no_tool["output_tokens"]) == (24, 6)
    overall = summary["overall"]
    assert (overall["steps"], overall["without_model"], overall["model_calls"]) == (6, 4, 2)
    assert overall["without_model_share"] == round(4 / 6, 4)
    assert overall["validations_failed"] == 0
    assert len(summary["slowest"]) == 5
    durations = [s["duration_ms"] for s in summary["slowest"]]
    assert durations == sorted(durations, reverse=True)


def test_summary_prints_a_table(runner: CliRunner, trace_file: tuple[Path, dict]) -> None:
    result = runner.invoke(main, ["traces", "summary", str(trace_file[0])])
    assert result.exit_code == 0, result.output
    assert "Offload decisions in 4 run(s)" in result.stdout
    for word in ("math", "(no tool)", "overall", "Slowest steps", "67%"):
        assert word in result.stdout, word


def test_summary_reads_the_traces_directory_by_default(
    runner: CliRunner,
    trace_file: tuple[Path, dict],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AGENTKIT_TRACES_DIR", str(trace_file[0].parent))
    result = runner.invoke(main, ["traces", "summary", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["runs"] == 4


def test_summary_counts_failed_and_repaired_checks() -> None:
    from agentkit.tracing.files import SpanRecord

    def span(name: str, start: int, **attributes: object) -> SpanRecord:
        return SpanRecord("a" * 32, f"{start:016x}", "", name, 1, start, start + 1, dict(attributes))

    spans = [
        span("invoke_agent agentkit", 0),
        span(
            "agentkit.route",
            1,
            **{
                "agentkit.offload.tool": "math",
                "agentkit.offload.route": "symbolic",
                "agentkit.offload.fm_avoided": True,
            },
        ),
        span("execute_tool math.solve", 2, **{"agentkit.tool.verified": False}),
        span("chat m", 3, **{"gen_ai.usage.input_tokens": 7, "gen_ai.usage.output_tokens": 2}),
        span(
            "agentkit.validate",
            4,
            **{
                "agentkit.validation.verdict": "fail",
                "agentkit.validation.failed": 1,
                "agentkit.validation.route": "model",
            },
        ),
        span("chat m", 5),
        span(
            "agentkit.validate",
            6,
            **{
                "agentkit.validation.verdict": "pass",
                "agentkit.validation.failed": 0,
                "agentkit.validation.route": "model",
            },
        ),
    ]
    row = summarize(spans)["families"]["math"]
    assert (row["validations_failed"], row["validations_repaired"]) == (1, 1)
    assert (row["model_calls"], row["model_calls_avoided"], row["without_model"]) == (2, 0, 0)
    assert row["input_tokens"] == 7


def test_summary_of_a_missing_path_is_an_error_message(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["traces", "summary", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no trace file or directory" in result.stderr
    assert "Traceback" not in result.output


# -- traces show -------------------------------------------------------------------------------------------


def test_show_prints_one_run_as_an_indented_tree(runner: CliRunner, trace_file: tuple[Path, dict]) -> None:
    path, runs = trace_file
    result = runner.invoke(main, ["traces", "show", runs["mixed"], "--path", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert runs["mixed"] in lines[0]
    root = next(line for line in lines if "invoke_agent agentkit" in line)
    route = next(line for line in lines if "agentkit.route" in line)
    chat = next(line for line in lines if "chat scripted-model" in line)
    assert "CLIENT" in chat
    indent = lambda line: len(line) - len(line.lstrip(" │├└─"))
    assert indent(route) > indent(root) and indent(chat) == indent(route)
    assert "agentkit.offload.route=symbolic" in result.stdout
    assert "gen_ai.evaluation.result" in result.stdout
    assert "gen_ai.usage.input_tokens=12" in result.stdout
    assert runs["gcd"] not in result.stdout


def test_show_accepts_a_unique_prefix_of_the_trace_id(
    runner: CliRunner, trace_file: tuple[Path, dict]
) -> None:
    path, runs = trace_file
    result = runner.invoke(main, ["traces", "show", runs["gcd"][:12], "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "execute_tool math.gcd" in result.stdout


def test_show_of_an_unknown_trace_is_an_error_message(
    runner: CliRunner, trace_file: tuple[Path, dict]
) -> None:
    result = runner.invoke(main, ["traces", "show", "f" * 32, "--path", str(trace_file[0])])
    assert result.exit_code == 1
    assert "no trace" in result.stderr


# -- traces push -------------------------------------------------------------------------------------------


def test_push_replays_every_span_into_an_otlp_http_endpoint(
    runner: CliRunner,
    trace_file: tuple[Path, dict],
) -> None:
    path, runs = trace_file
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with OtlpReceiver() as receiver:
        result = runner.invoke(main, ["traces", "push", str(path), "--endpoint", receiver.url])
    assert result.exit_code == 0, result.output
    assert len(receiver.requests) == len(lines)
    assert set(receiver.paths) == {"/v1/traces"}
    pushed = receiver.spans()
    assert len(pushed) == len(read_spans([path]))
    assert {span.trace_id.hex() for span in pushed} == set(runs.values())
    assert f"pushed {len(pushed)} span(s) in {len(lines)} request(s)" in result.stdout


def test_push_to_a_dead_endpoint_is_an_error_message(
    runner: CliRunner, trace_file: tuple[Path, dict]
) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = runner.invoke(
        main, ["traces", "push", str(trace_file[0]), "--endpoint", f"http://127.0.0.1:{port}"]
    )
    assert result.exit_code == 1
    assert "push to" in result.stderr and "failed" in result.stderr
    assert "Traceback" not in result.output
