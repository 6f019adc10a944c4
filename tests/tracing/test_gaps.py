"""``agentkit traces gaps``: steps no tool answered that looked like a tool's, grouped by shape, from real traces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from agentkit import Agent
from agentkit.cli import main
from agentkit.tracing.gaps import VOCABULARY, shape, skeleton
from agentkit.tracing.setup import configure

# two phrasings of one shape, one other shape with a number, a step with no number, one a tool answers
DECLINED = ("how many fortnights in 3 years for Alice?", "how many fortnights in 12 years for Bob?",
            "convert 7 furlongs to smoots")
PLAIN = "tell me a story about a dragon"
ANSWERED = "What is 6 * 7?"


def _trace(directory: Path, *, content: bool) -> Path:
    provider = configure("file", directory=directory)
    agent = Agent(model="none", tracer_provider=provider, trace_content=content)
    for question in (*DECLINED, PLAIN, ANSWERED):
        agent.invoke(question)
    provider.shutdown()  # type: ignore[attr-defined]
    return directory


def _gaps(*args: str) -> Any:
    return CliRunner().invoke(main, ["traces", "gaps", *args], env={"COLUMNS": "80"})


def test_shapes_replace_numbers_quotes_identifiers_and_names() -> None:
    assert shape("how many fortnights in 3 years for Alice?") == "how many fortnights in <n> years for <name> ?"
    assert shape("Does `a+b` match user_id 1,250.5?") == "does <q> match <id> <n> ?"
    assert skeleton("Convert 3.5 furlongs to Smoots please") == "convert <n> <w> to <w>"


def test_a_skeleton_keeps_no_word_outside_the_fixed_vocabulary() -> None:
    text = "Is Zanzibar's 42nd ledger entry for patient_77 worth 1,337 rupees?"
    words = [w for w in skeleton(text).replace("?", " ").split() if not w.startswith("<")]
    assert words and all(w in VOCABULARY for w in words)
    for private in ("zanzibar", "ledger", "patient", "1,337", "rupees", "42"):
        assert private not in skeleton(text).lower()


def test_gaps_with_content_group_phrasings_by_shape_with_a_real_example(tmp_path: Path) -> None:
    _trace(tmp_path, content=True)
    result = _gaps(str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["steps"] == len(DECLINED) and report["with_text"] == len(DECLINED)
    groups = {g["shape"]: g for g in report["groups"]}
    fortnights = groups["how many fortnights in <n> years for <name> ?"]
    assert fortnights["count"] == 2 and fortnights["example"] in DECLINED[:2]
    assert fortnights["routes"] == {"none": 2}
    assert groups["convert <n> furlongs to smoots"]["count"] == 1
    assert report["groups"][0] is not None and report["groups"][0]["count"] == 2  # most frequent first
    table = _gaps(str(tmp_path))
    assert table.exit_code == 0
    assert max(len(line) for line in table.output.splitlines()) <= 80
    assert "e.g. how many fortnights" in table.output


def test_gaps_without_content_record_no_word_the_user_chose(tmp_path: Path) -> None:
    _trace(tmp_path, content=False)
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.jsonl"))
    for private in ("fortnights", "Alice", "Bob", "furlongs", "smoots", "dragon"):
        assert private not in written
    report = json.loads(_gaps(str(tmp_path), "--json").output)
    assert report["steps"] == len(DECLINED) and report["with_text"] == 0
    assert {g["shape"]: g["count"] for g in report["groups"]} == {
        "how many <w> in <n> years for <w> ?": 2,
        "convert <n> <w> to <w>": 1,
    }
    assert "--trace-content" in _gaps(str(tmp_path)).output


def test_gaps_name_the_family_that_came_closest(tmp_path: Path) -> None:
    provider = configure("file", directory=tmp_path)
    agent = Agent(model="none", tracer_provider=provider)
    answered = agent.invoke("What is 2 + 3?")  # the family whose step this is, by its own name
    agent.invoke("please compute 2 + 3 for my grandmother's birthday cake recipe")
    provider.shutdown()  # type: ignore[attr-defined]
    (group,) = json.loads(_gaps(str(tmp_path), "--json").output)["groups"]
    assert group["closest"] == answered.steps[0].tool and 0 < group["score"] < 1
