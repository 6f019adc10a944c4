"""``agentkit verify``: the certificates of a real trace re-executed by the installed tools.

The traces are written by a real `Agent` through the real OpenTelemetry SDK into trace files
(`agentkit.tracing.setup.configure("file")`); the expected results come from the answers themselves
and, for SQL, from ``sqlite3`` directly.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from agentkit import Agent
from agentkit.cli import main
from agentkit.tracing.setup import configure

QUESTIONS = ("What is 2**10?", "convert 5 miles to km", "Does `^a+$` match aaa?", "what day of the week is 2027-03-14?")


def _trace(directory: Path, questions: tuple[str, ...], **agent: Any) -> tuple[Path, list[Any]]:
    provider = configure("file", directory=directory)
    answers = [Agent(model="none", tracer_provider=provider, **agent).invoke(q) for q in questions]
    provider.shutdown()  # type: ignore[attr-defined]
    (path,) = sorted(directory.glob("*.jsonl"))
    return path, answers


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to every span of an OTLP/JSON trace file, in place."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for resource in data["resourceSpans"]:
            for scope in resource["scopeSpans"]:
                for span in scope["spans"]:
                    change(span)
        lines.append(json.dumps(data))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _verify(*args: str) -> Any:
    return CliRunner().invoke(main, ["verify", *args], env={"COLUMNS": "80"})


def test_a_real_trace_verifies_again_step_by_step(tmp_path: Path) -> None:
    path, answers = _trace(tmp_path, QUESTIONS)
    assert all(a.route == "symbolic" and a.verified for a in answers)
    result = _verify(str(path), "--json")
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.output)
    assert [o["status"] for o in outcomes] == ["verified again"] * len(QUESTIONS)
    # each step's recorded and new result is the answer the agent gave
    assert [o["result"] for o in outcomes] == [a.steps[0].result for a in answers]
    assert [o["recorded_result"] for o in outcomes] == [a.answer for a in answers]
    table = _verify(str(path))
    assert table.exit_code == 0
    assert f"{len(QUESTIONS)} verified again, 0 failed, 0 not replayable" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 80


def test_one_altered_result_fails_and_names_its_step(tmp_path: Path) -> None:
    path, answers = _trace(tmp_path, QUESTIONS)
    assert answers[0].answer == str(2**10)

    def alter(span: dict[str, Any]) -> None:
        for attribute in span.get("attributes", []):
            if attribute["key"] == "agentkit.certificate.result" and attribute["value"]["stringValue"] == "1024":
                attribute["value"]["stringValue"] = "1025"

    _rewrite(path, alter)
    result = _verify(str(path))
    assert result.exit_code == 1, result.output
    assert "3 verified again, 1 failed, 0 not replayable" in result.output
    failed = [o for o in json.loads(_verify(str(path), "--json").output) if o["status"] == "failed"]
    assert len(failed) == 1
    assert failed[0]["operation"] == "evaluate" and failed[0]["interpretation"] == answers[0].steps[0].interpretation
    assert failed[0]["result"] == "1024" and failed[0]["recorded_result"] == "1025"
    assert "1025" in failed[0]["detail"] and "1024" in failed[0]["detail"]
    assert answers[0].steps[0].interpretation in " ".join(result.output.split())


def test_an_altered_request_is_executed_and_fails(tmp_path: Path) -> None:
    path, _ = _trace(tmp_path, ("convert 5 miles to km",))

    def alter(span: dict[str, Any]) -> None:
        for attribute in span.get("attributes", []):
            if attribute["key"] == "agentkit.certificate.request":
                attribute["value"]["stringValue"] = attribute["value"]["stringValue"].replace("5", "6", 1)

    _rewrite(path, alter)
    (outcome,) = json.loads(_verify(str(path), "--json").output)
    assert outcome["status"] == "failed"
    assert outcome["result"] == f"{Decimal(6) * Decimal('1.609344')} km"  # an international mile: 1.609344 km


def test_a_trace_from_before_certificates_says_what_it_cannot_replay(tmp_path: Path) -> None:
    path, _ = _trace(tmp_path, QUESTIONS[:2])

    def strip(span: dict[str, Any]) -> None:
        span["attributes"] = [a for a in span.get("attributes", []) if not a["key"].startswith("agentkit.certificate.")]

    _rewrite(path, strip)
    result = _verify(str(path))
    assert result.exit_code == 0, result.output
    assert "0 verified again, 0 failed, 2 not replayable" in result.output
    outcomes = json.loads(_verify(str(path), "--json").output)
    assert {o["status"] for o in outcomes} == {"not replayable"}
    assert all("older trace format" in o["detail"] for o in outcomes)


def test_a_certificate_too_large_to_keep_is_not_replayable(tmp_path: Path) -> None:
    from agentkit.tracing.certificates import MAX_CHARS

    subject = "a" * (MAX_CHARS + 10)
    path, answers = _trace(tmp_path, (f"Does `^a+$` match {subject}?",))
    assert answers[0].verified
    (outcome,) = json.loads(_verify(str(path), "--json").output)
    assert outcome["status"] == "not replayable"
    assert f"more than {MAX_CHARS:,}" in outcome["detail"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER, total REAL)")
        db.executemany("INSERT INTO orders VALUES (?, ?)", [(1, 9.5), (2, 20.25), (3, 4.0)])
    return path


def test_a_sql_step_replays_against_the_database_given_with_db(tmp_path: Path, shop: Path) -> None:
    path, answers = _trace(
        tmp_path / "traces", ("run on shop: SELECT sum(total) FROM orders",), databases={"shop": shop}
    )
    with sqlite3.connect(shop) as db:
        (total,) = db.execute("SELECT sum(total) FROM orders").fetchone()
    assert answers[0].verified and str(total) in answers[0].answer
    assert str(shop) not in path.read_text(encoding="utf-8")  # the trace names the database, not its file

    without = json.loads(_verify(str(path), "--json").output)
    assert [o["status"] for o in without] == ["not replayable"]
    assert "--db" in without[0]["detail"]

    again = _verify(str(path), "--db", f"shop={shop}", "--json")
    assert again.exit_code == 0, again.output
    assert [o["status"] for o in json.loads(again.output)] == ["verified again"]

    with sqlite3.connect(shop) as db:  # the data changed since the trace: the step fails, with the new sum
        db.execute("UPDATE orders SET total = total + 1 WHERE id = 1")
        (changed,) = db.execute("SELECT sum(total) FROM orders").fetchone()
    changed_run = _verify(str(path), "--db", f"shop={shop}", "--json")
    assert changed_run.exit_code == 1
    (outcome,) = json.loads(changed_run.output)
    assert outcome["status"] == "failed" and str(changed) in outcome["result"]


def test_trace_id_picks_one_run(tmp_path: Path) -> None:
    path, answers = _trace(tmp_path, QUESTIONS)
    chosen = answers[1].trace_id
    outcomes = json.loads(_verify(str(path), "--trace-id", chosen[:10], "--json").output)
    assert [o["trace_id"] for o in outcomes] == [chosen]
    missing = _verify(str(path), "--trace-id", "ffffffffffff")
    assert missing.exit_code == 2 and "no trace" in missing.output


def test_verify_on_a_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.jsonl"
    path.write_bytes(bytes(range(256)))
    result = _verify(str(path))
    assert result.exit_code == 1
    assert "not a trace file" in result.output and "Traceback" not in result.output


def test_a_tampered_certificate_that_writes_is_never_run(tmp_path: Path, shop: Path) -> None:
    path, _ = _trace(tmp_path / "traces", ("run on shop: SELECT count(*) FROM orders",), databases={"shop": shop})

    def tamper(span: dict[str, Any]) -> None:
        for attribute in span.get("attributes", []):
            if attribute["key"] == "agentkit.certificate.request":
                spec = json.loads(attribute["value"]["stringValue"])
                attribute["value"]["stringValue"] = json.dumps({**spec, "sql": "DELETE FROM orders"})

    _rewrite(path, tamper)
    (outcome,) = json.loads(_verify(str(path), "--db", f"shop={shop}", "--json").output)
    assert outcome["status"] == "not replayable" and "could not read the formal request" in outcome["detail"]
    with sqlite3.connect(shop) as db:
        assert db.execute("SELECT count(*) FROM orders").fetchone() == (3,)
