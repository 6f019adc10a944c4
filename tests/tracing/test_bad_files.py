"""The ``traces`` commands on files that are not trace files, and their tables on an 80-column terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from agentkit import Agent
from agentkit.cli import main
from agentkit.tracing.files import TraceFileError, read_spans
from agentkit.tracing.setup import configure


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "80"})


@pytest.fixture
def real_trace(tmp_path: Path) -> tuple[Path, str]:
    provider = configure("file", directory=tmp_path / "traces")
    agent = Agent(model="none", tracer_provider=provider)
    answer = agent.invoke("What is 2 + 3?")
    agent.invoke("convert 5 miles to km")
    agent.invoke("how many fortnights in 3 years?")
    provider.shutdown()  # type: ignore[attr-defined]
    (path,) = sorted((tmp_path / "traces").glob("*.jsonl"))
    return path, str(answer.trace_id)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (bytes(range(256)) * 4, "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "not UTF-8 text"),
        (b"this is not json\nnor is this\n", "none of its lines is OTLP/JSON"),
        (b'{"resourceSpans": "nope"}\n[1, 2, 3]\n"text"\n', "none of its lines is OTLP/JSON"),
        (b'{"resourceSpans": [{"scopeSpans": [{"spans": [7]}]}]}\n', "none of its lines is OTLP/JSON"),
    ],
)
@pytest.mark.parametrize("command", ["summary", "show", "gaps"])
def test_a_file_that_is_not_a_trace_file_is_a_clear_message(
    tmp_path: Path, content: bytes, says: str, command: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    args = ["traces", "show", "abc", "--path", str(path)] if command == "show" else ["traces", command, str(path)]
    result = _invoke(*args)
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert says in result.output and str(path) in result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert result.exception is None or isinstance(result.exception, SystemExit)  # type: ignore[attr-defined]


def test_bad_lines_among_good_ones_are_skipped_and_counted(real_trace: tuple[Path, str]) -> None:
    path, _ = real_trace
    good = len(read_spans([path]))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n{\"resourceSpans\": 5}\n")
    skipped: list[str] = []
    assert len(read_spans([path], skipped=skipped)) == good
    assert [s.rsplit(":", 2)[0] for s in skipped] == [str(path)] * 2 and len(skipped) == 2
    result = _invoke("traces", "summary", str(path), "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "skipped 2 line(s)" in result.stderr  # type: ignore[attr-defined]
    assert json.loads(result.stdout)["runs"] == 3  # type: ignore[attr-defined]


def test_read_spans_raises_a_trace_file_error_on_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TraceFileError, match="not UTF-8"):
        read_spans([path])


@pytest.mark.parametrize("command", ["summary", "gaps"])
def test_tables_fit_an_80_column_terminal(real_trace: tuple[Path, str], command: str) -> None:
    path, _ = real_trace
    result = _invoke("traces", command, str(path))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    assert lines and max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout  # type: ignore[attr-defined]  # nothing cut to fit


def test_show_of_a_real_trace_still_works(real_trace: tuple[Path, str]) -> None:
    path, trace_id = real_trace
    result = _invoke("traces", "show", trace_id[:8], "--path", str(path))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "agentkit.certificate.result=5" in result.stdout.replace(" ", "")  # type: ignore[attr-defined]
