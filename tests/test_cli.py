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


def test_ask_shows_each_step_of_a_request_that_was_not_answered(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "What is 2+2, and what is the capital of France?"])
    assert result.exit_code == 1, result.output  # a step nobody answered: the request was not answered
    assert "– partly answered" in result.stdout  # its two questions are independent: one was answered
    assert "✓ What is 2+2  →  4  [math.evaluate]" in result.stdout
    assert "– what is the capital of France?  →  no answer  [none]" in result.stdout
    assert "no tool family recognized the step" in result.stdout
    assert "✗" not in result.stdout  # ✗ means "wrong", and only check says that


def test_ask_json_of_a_request_nobody_answered_carries_an_error_and_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--json", "--model", "none", "What is the capital of France?"])
    assert result.exit_code == 1, result.output
    answer = json.loads(result.stdout)
    assert answer["route"] == "none" and answer["verified"] is False
    assert answer["error"] == answer["answer"] and "no model is configured" in answer["error"]


def test_ask_json_prints_the_answer_object(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--json", "What is 2+2?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["answer"], answer["route"], answer["verified"]) == ("4", "symbolic", True)
    assert answer["fm_calls"] == 0
    assert answer["steps"][0]["tool"] == "math"


def test_ask_json_on_an_empty_request_is_an_answer_with_an_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--json", ""])
    assert result.exit_code == 1, result.output
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
    assert result.exit_code == 1, result.output  # two lines could not be read
    lines = target.read_text(encoding="utf-8").splitlines()
    good, bad_json, no_question = (json.loads(line) for line in lines)
    assert (good["id"], good["line"], good["answer"], good["route"], good["error"]) == ("good", 1, "4", "symbolic", None)
    assert (bad_json["id"], bad_json["line"]) == (None, 2)  # no id of its own: none is made up
    assert bad_json["error"].startswith("line 2 is not valid JSON")
    assert (no_question["id"], no_question["line"]) == ("no-question", 3)
    assert no_question["error"] == 'line 3 has no "question" string'
    assert result.stderr.splitlines()[0] == (
        f"batch: 3 line(s): 1 verified, 0 answered but not verified, 0 not answered, 2 could not be read; "
        f"answers in {target}")


def test_batch_keeps_an_id_that_looks_like_a_line_number_apart_from_the_line(runner: CliRunner,
                                                                             tmp_path: Path) -> None:
    source, target = tmp_path / "q.jsonl", tmp_path / "a.jsonl"
    source.write_text('{"id": 2, "question": "What is 1+1?"}\nnot json\n', encoding="utf-8")
    runner.invoke(main, ["batch", str(source), str(target)])
    first, second = (json.loads(line) for line in target.read_text(encoding="utf-8").splitlines())
    assert (first["id"], first["line"], second["id"], second["line"]) == (2, 1, None, 2)


def test_batch_reads_past_a_byte_order_mark(runner: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "q.jsonl", tmp_path / "a.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + b'{"id": "bom", "question": "What is 6*7?"}\n')
    result = runner.invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 0, result.output
    line = json.loads(target.read_text(encoding="utf-8"))
    assert (line["id"], line["answer"], line["error"]) == ("bom", str(6 * 7), None)


def test_a_batch_of_only_bad_lines_exits_1_with_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "q.jsonl", tmp_path / "a.jsonl"
    source.write_text("nope\n[1, 2]\n{\"id\": 3}\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 1
    assert "3 could not be read" in result.stderr and "0 verified" in result.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("how", ["same path", "another spelling", "symlink", "hard link"])
def test_batch_refuses_to_overwrite_its_input(runner: CliRunner, tmp_path: Path, how: str) -> None:
    source = tmp_path / "q.jsonl"
    content = '{"id": 1, "question": "What is 2+2?"}\n'
    source.write_text(content, encoding="utf-8")
    target = {"same path": source, "another spelling": tmp_path / "." / "q.jsonl",
              "symlink": tmp_path / "link.jsonl", "hard link": tmp_path / "hard.jsonl"}[how]
    if how == "symlink":
        target.symlink_to(source)
    if how == "hard link":
        target.hardlink_to(source)
    result = runner.invoke(main, ["batch", str(source), str(target)])
    assert result.exit_code == 2
    assert "would overwrite the questions" in result.output
    assert source.read_text(encoding="utf-8") == content


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
    result = runner.invoke(main, ["demo", "--model", "none"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("agentkit answers each step of a question with a symbolic tool")
    for question in DEMO_QUESTIONS:
        assert f"> {question}" in result.stdout
    assert "1024; 6" in result.stdout
    assert "were computed and checked by a tool" in result.stdout.splitlines()[-2]


def test_the_demo_says_plainly_what_the_model_is_not_for(runner: CliRunner) -> None:
    from tests.fake_provider import FakeProvider

    with FakeProvider(reply="48") as provider:  # a model's wrong answer to the word problem
        result = runner.invoke(main, ["demo", "--model", provider.url, "--traces", "none"])
    assert result.exit_code == 0, result.output
    after = result.stdout.split(f"> {DEMO_QUESTIONS[-1]}")[1]
    assert "? not verified" in after and "cannot be relied on for word problems" in after
    assert "✓ verified" not in after.split("note:")[0]
    assert result.stdout.rstrip().splitlines()[-1].startswith("11 of 12 answers were computed and checked")


def test_ask_through_a_failing_provider_says_what_went_wrong_and_exits_1(runner: CliRunner) -> None:
    from tests.fake_provider import FakeProvider

    with FakeProvider() as provider:
        provider.play("500", "500", "500")
        result = runner.invoke(main, ["ask", "--json", "--traces", "none", "--model", f"openai:fake@{provider.url}",
                                      "Who wrote Hamlet?"])
    assert result.exit_code == 1, result.output
    answer = json.loads(result.stdout)
    assert answer["verified"] is False and answer["route"] == "model"
    assert answer["error"] == (f"model call failed: the model 'fake' at {provider.url} failed with HTTP 500 "
                               "(3 attempts; gave up after 2 retries)")


def test_an_unreachable_model_url_is_named_in_the_answer(runner: CliRunner) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    result = runner.invoke(main, ["ask", "--json", "--traces", "none", "--model", f"openai:fake@{url}",
                                  "Who wrote Hamlet?"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert f"could not reach the model 'fake' at {url}" in error and "refused" in error


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


@pytest.mark.parametrize("command", ["ask", "check", "batch"])
@pytest.mark.parametrize(("content", "message"), [(b"id,name\n1,pen\n", "is not a SQLite database"),
                                                  (b"", "is empty, not a SQLite database")])
def test_a_db_that_is_not_sqlite_is_refused_before_any_question(tmp_path: Path, command: str, content: bytes,
                                                                message: str) -> None:
    path = tmp_path / "shop.sqlite"
    path.write_bytes(content)
    arguments = {"ask": ["x"], "check": ["1 + 1 = 2"], "batch": ["-", "-"]}[command]
    result = CliRunner().invoke(main, [command, "--db", f"shop={path}", *arguments], input="")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("value", ["=x.sqlite", " =x.sqlite", "shop=", "="])
def test_a_db_with_an_empty_name_or_path_is_refused(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["ask", "--db", value, "what tables are there?"])
    assert result.exit_code == 2
    assert "names no file" in result.output or "empty name" in result.output


@pytest.mark.parametrize("form", ["{path}", "shop={path}"])
def test_check_and_ask_take_the_same_db_forms(tmp_path: Path, form: str) -> None:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE items (id INTEGER, name TEXT)")
        connection.executemany("INSERT INTO items VALUES (?, ?)", [(1, "pen"), (2, "ink"), (3, "cap")])
    value = form.format(path=path)
    asked = CliRunner().invoke(main, ["ask", "--json", "--traces", "none", "--db", value, "what tables are in shop?"])
    assert asked.exit_code == 0, asked.output
    checked = CliRunner().invoke(main, ["check", "--db", value, "`SELECT COUNT(*) FROM items` returns 3"])
    assert checked.exit_code == 0, checked.output
    assert "✓" in checked.output


def test_a_bad_agentkit_traces_variable_is_named_as_the_variable(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "What is 2+2?"], env={"AGENTKIT_TRACES": "bogus"})
    assert result.exit_code == 2
    assert "environment variable AGENTKIT_TRACES='bogus' is not a trace mode" in result.stderr
    assert "--traces" not in result.stderr.split("Error:")[1]


def test_the_traces_option_wins_over_the_variable(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--traces", "none", "What is 2+2?"], env={"AGENTKIT_TRACES": "bogus"})
    assert result.exit_code == 0, result.output


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


def test_a_librarys_log_notes_do_not_reach_the_user() -> None:
    # sqlglot notes its fallback parse of REPLACE INTO on its logger; the answer says what was made of it
    result = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "ask", "--model", "none", "--traces", "none",
         "is this valid SQL? REPLACE INTO t (a, b) VALUES (1, 'X')"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert result.stderr == ""
