"""`agentkit bench` end to end: a user's JSON Lines suite on a real SQLite file, the outputs, the systems.

Gold answers are worked out by hand next to each request; one gold answer is wrong on purpose, so the
verified answer to it must be counted as WRONG-VERIFIED and fail ``--compare``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agentkit.bench.runner import run_bench
from agentkit.bench.suites import Item
from agentkit.bench.systems import unavailable
from tests.conftest import ScriptedChatModel

REQUESTS = [
    {"id": "a", "question": "what is 17 * 23", "answer": "391", "category": "arithmetic"},  # 17*23 = 340+51
    {"id": "b", "question": "is 91 prime?", "answer": "False", "category": "arithmetic"},  # 91 = 7 * 13
    {"id": "c", "question": "what is 12 * 12", "answer": "145", "category": "planted"},  # wrong gold: 144
    {"id": "d", "question": "SELECT count(*) FROM orders", "answer": "SELECT 3", "database": "shop.sqlite",
     "category": "sql"},  # three rows inserted below
    {"id": "e", "question": "who won the 1998 world cup", "answer": "France", "category": "open"},  # no tool
    {"id": "f", "question": "convert 5 miles to km", "answer": "8.04672 km", "kind": "unit", "category": "units",
     "turns": [{"question": "convert 5 miles to km", "answer": "8.04672 km", "kind": "unit"},
               {"question": "and 10 miles?", "answer": "16.09344 km", "kind": "unit"}]},  # 1 mi = 1.609344 km
]


def _bench(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "agentkit.cli", "bench", *args], check=False, cwd=cwd,
                          capture_output=True, text=True, timeout=240, env={**os.environ, **(env or {})})


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    connection = sqlite3.connect(tmp_path / "shop.sqlite")
    connection.executescript("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL);"
                             "INSERT INTO orders VALUES (1, 10.0), (2, 25.5), (3, 4.5);")
    connection.commit()
    connection.close()
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REQUESTS), encoding="utf-8")
    return path


@pytest.mark.timeout(300)
def test_a_user_suite_gives_the_table_json_markdown_and_charts(suite: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _bench(str(suite), "--model", "none", "--out", str(out), "--categories", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "not run: model-only needs a model" in done.stdout
    assert "not run: react needs a model" in done.stdout
    result = json.loads((out / "results.json").read_text(encoding="utf-8"))
    rows = result["suites"][str(suite)]["systems"]["agentkit"]
    assert result["suites"][str(suite)]["requests"] == 7  # 5 single requests and 2 turns
    assert rows["arithmetic"]["correct"] == 2 and rows["arithmetic"]["no_model"] == 2
    assert rows["sql"]["correct"] == 1
    assert rows["units"]["correct"] == 2  # the follow-up is answered in the conversation's thread
    assert rows["open"]["answered"] == 0  # no tool, no model: nothing answered
    assert rows["planted"]["wrong_verified"] == 1  # 144 is verified, the gold says 145
    assert rows["all"]["wrong_verified"] == 1 and rows["all"]["model_calls"] == 0
    assert "| WRONG-VERIFIED |" in (out / "results.md").read_text(encoding="utf-8")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "| arithmetic |" not in summary and "| agentkit | all | 7 |" in summary  # per suite only
    for chart in ("accuracy.png", "model_calls.png", "latency.png"):
        assert (out / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    again = _bench(str(suite), "--systems", "agentkit", "--out", str(tmp_path / "again"), "--compare",
                   str(out / "results.json"), cwd=tmp_path)
    assert again.returncode == 1  # the planted wrong answer marked verified is a regression
    assert "REGRESSION" in again.stdout and "1 wrong answer(s) marked verified" in again.stdout


def test_a_missing_corpus_is_a_message_naming_its_path(tmp_path: Path) -> None:
    done = _bench("gsm8k", "--out", str(tmp_path / "out"), cwd=tmp_path,
                  env={"AGENTKIT_BENCH_DATA": str(tmp_path / "nowhere")})
    assert done.returncode == 1
    assert f"corpus not found: {tmp_path / 'nowhere' / 'gsm8k' / 'test.jsonl'}" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = _bench("gsm8", cwd=tmp_path)
    assert unknown.returncode == 1 and "unknown suite 'gsm8'" in unknown.stderr


class ToolCallingModel(ScriptedChatModel):
    """A scripted model that accepts tools, as a tool-calling provider does."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingModel:
        return self


def test_react_calls_agentkit_tools_and_is_never_marked_verified() -> None:
    model = ToolCallingModel(script=[
        AIMessage(content="", tool_calls=[{"name": "agentkit_math", "args": {"question": "17 * 23"}, "id": "t1"}],
                  usage_metadata={"input_tokens": 50, "output_tokens": 10, "total_tokens": 60}),
        AIMessage(content="The product is\n391", usage_metadata={"input_tokens": 80, "output_tokens": 5,
                                                                 "total_tokens": 85}),
    ])
    item = Item(id="a", question="what is 17 * 23", answer="391")  # 17*23 = 391
    result = run_bench({"mine": [item]}, systems=["react"], model=model)
    (outcome,) = result.outcomes
    assert outcome.correct and not outcome.verified and outcome.route == "model+tool"
    assert (outcome.model_calls, outcome.tokens_in, outcome.tokens_out) == (2, 130, 15)
    tool_reply = json.loads(next(m for m in model.prompts[1] if m.type == "tool").content)
    assert (tool_reply["result"], tool_reply["verified"]) == ("391", True)  # the tool's answer reached the model


def test_a_model_that_cannot_call_tools_says_so(scripted_model: Any) -> None:
    assert unavailable("react", scripted_model("x")) == f"not run: {scripted_model('x')} cannot call tools"
    assert unavailable("react", "none") == "not run: react needs a model (--model local, openai:<model>, ...)"
    assert unavailable("model-only", scripted_model("x")) is None


def test_model_only_answers_with_the_model_alone(scripted_model: Any) -> None:
    model = scripted_model("17 times 23 is\n391", usage=(30, 8))
    result = run_bench({"mine": [Item(id="a", question="what is 17 * 23", answer="391")]}, systems=["model-only"],
                       model=model)
    (outcome,) = result.outcomes
    assert outcome.correct and not outcome.verified and outcome.route == "model"
    assert (outcome.model_calls, outcome.tokens_in, outcome.tokens_out) == (1, 30, 8)
    assert "Be brief and exact" in model.prompt_texts()[0]  # asked as agentkit's model node asks
