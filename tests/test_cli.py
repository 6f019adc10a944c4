"""Specification of the ``agentkit`` command line: ask, batch, demo, help and usage errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from agentkit.cli import DEMO_QUESTIONS, main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_ask_prints_the_answer_its_reading_then_its_route_and_verdict(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "What is the gcd of 12 and 18?"])
    assert result.exit_code == 0, result.output
    first, reading, route = result.stdout.splitlines()[:3]
    assert first == "6"
    assert reading.startswith("  reading: ") and "12" in reading and "18" in reading  # the tool's reading
    assert "route: symbolic" in route and "verified" in route and "model calls: 0" in route


def test_ask_shows_each_step_of_a_request_that_was_not_verified(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "What is 2+2, and what is the capital of France?"])
    assert result.exit_code == 0, result.output
    assert "not verified" in result.stdout
    assert "What is 2+2  →  4  [math.evaluate]" in result.stdout
    assert "no tool family recognized the step" in result.stdout


def test_ask_json_prints_the_answer_object(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--json", "What is 2+2?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["answer"], answer["route"], answer["verified"]) == ("4", "symbolic", True)
    assert answer["fm_calls"] == 0
    assert answer["steps"][0]["tool"] == "math"


def test_ask_json_on_an_empty_request_is_an_answer_with_an_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--json", ""])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["error"] == "the request is empty: ask a question"


def test_batch_answers_every_line_and_keeps_ids_and_errors(runner: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "questions.jsonl", tmp_path / "answers.jsonl"
    source.write_text(
        json.dumps({"id": "good", "question": "What is 2+2?"}) + "\n"
        + "{this is not json\n"
        + json.dumps({"id": "no-question", "text": "What is 2+2?"}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    good, bad_json, no_question = (json.loads(line) for line in lines)
    assert (good["id"], good["answer"], good["route"], good["error"]) == ("good", "4", "symbolic", None)
    assert bad_json["id"] == 2
    assert bad_json["error"].startswith("line 2 is not valid JSON")
    assert no_question["id"] == "no-question"
    assert no_question["error"] == 'line 3 has no "question" string'
    assert "2 line(s) could not be read" in result.stderr


def test_batch_skips_blank_lines(runner: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "questions.jsonl", tmp_path / "answers.jsonl"
    source.write_text('\n{"id": 1, "question": "What is 3+3?"}\n\n', encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["answer"] for line in target.read_text(encoding="utf-8").splitlines()] == ["6"]


def test_batch_reads_standard_input_and_writes_standard_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["batch", "-", "-"], input='{"id": "a", "question": "What is 2**10?"}\n')
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert (line["id"], line["answer"]) == ("a", "1024")


@pytest.mark.parametrize("command", [[], ["ask"], ["batch"], ["demo"]])
def test_help_describes_each_command(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    if command:
        assert "--model" in result.stdout


@pytest.mark.parametrize("command", [["ask", "What is 2+2?"], ["batch", "-", "-"], ["demo"]])
def test_an_unknown_model_is_a_usage_error_not_a_traceback(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command[:1], "--model", "gpt-imaginary", *command[1:]], input="")
    assert result.exit_code == 2
    assert "unknown model 'gpt-imaginary'" in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_demo_asks_every_demo_question(runner: CliRunner) -> None:
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    for question in DEMO_QUESTIONS:
        assert f"? {question}" in result.stdout
    assert "1024; 6" in result.stdout


def test_version_option_reports_the_package_version(runner: CliRunner) -> None:
    from agentkit import __version__

    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_the_installed_console_script_answers_as_json() -> None:
    script = Path(sys.executable).parent / "agentkit"
    assert script.exists(), f"console script not installed next to {sys.executable}"
    completed = subprocess.run([str(script), "ask", "--json", "What is 2+2?"], capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    answer = json.loads(completed.stdout)
    assert (answer["answer"], answer["route"], answer["verified"]) == ("4", "symbolic", True)


def test_ask_reads_a_database_given_with_db(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE items (id INTEGER, name TEXT)")
    result = CliRunner().invoke(main, ["ask", "--json", "--db", f"shop={path}", "what tables are in shop?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert (answer["route"], answer["verified"]) == ("symbolic", True)
    assert "items (id, name)" in answer["answer"]


def test_a_missing_database_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--db", str(tmp_path / "nope.sqlite"), "what tables are in nope?"])
    assert result.exit_code == 2
    assert "no file at" in result.output


def test_help_loads_neither_the_graph_nor_the_tools() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from agentkit.cli import main; "
        "assert CliRunner().invoke(main, ['ask', '--help']).exit_code == 0; "
        "print(sorted(m for m in ('langgraph', 'langchain_core', 'sympy', 'pint', 'sqlglot', 'agentkit.agent') "
        "if m in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.strip() == "[]"


def test_python_dash_m_runs_the_command_line() -> None:
    completed = subprocess.run([sys.executable, "-m", "agentkit.cli", "ask", "--json", "What is 3+4?"],
                               capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["answer"] == "7"
