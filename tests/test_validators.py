"""agentkit.validators: the golden claims file, repair, re-ask, the report's shape and the check command."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner

from agentkit.bench.validators import perturb
from agentkit.validators import CheckedClaim, Report, check, reask_message, repair
from agentkit.cli.check import check_command
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "validators" / "claims.txt"


@dataclass
class Case:
    line: int
    text: str
    question: str | None = None
    claims: list[list[str]] = field(default_factory=list)


def load_claim_cases() -> list[Case]:
    """The cases of ``fixtures/validators/claims.txt`` (its header documents the format)."""
    cases: list[Case] = []
    for number, line in enumerate(GOLDEN.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(">>> "):
            cases.append(Case(number, line[4:].replace("\\n", "\n")))
        elif line.startswith("question: "):
            cases[-1].question = line.removeprefix("question: ")
        else:
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) not in (3, 4) or parts[1] not in ("ok", "FAIL"):
                raise ValueError(f"claims.txt:{number}: expected 'KIND | ok|FAIL | text [| computed]', got {line!r}")
            cases[-1].claims.append(parts)
    return cases


CASES = load_claim_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"claims:{c.line}" for c in CASES])
def test_golden_claims(case: Case) -> None:
    report = check(case.text, question=case.question)
    got = [[c.kind, "ok" if c.ok else "FAIL", c.text.replace("\n", "\\n"), c.computed] for c in report.claims]
    assert [g[:3] for g in got] == [e[:3] for e in case.claims], report.to_dict()
    for g, e in zip(got, case.claims):
        if len(e) == 4:
            assert g[3] == e[3]


def test_golden_file_holds_not_a_claim_cases_and_failures() -> None:
    assert sum(1 for c in CASES if not c.claims) >= 15
    assert sum(1 for c in CASES for claim in c.claims if claim[1] == "FAIL") >= 10


def test_every_span_points_at_its_claim_text() -> None:
    for case in CASES:
        report = check(case.text, question=case.question)
        for claim in report.claims:
            assert case.text[claim.span[0]:claim.span[1]] == claim.text
            for start, end in claim.stated_spans:
                assert claim.span[0] <= start < end <= max(claim.span[1], end)


def test_report_counts_and_serializes() -> None:
    report = check("We get 48/2 = 25 and 3 + 4 = 7.")
    assert not report.ok and not report.verified
    assert [c.text for c in report.failed] == ["48/2 = 25"]
    data = report.to_dict()
    assert data["failed"] == 1 and data["ok"] is False
    first = data["claims"][0]
    assert first == {"ok": False, "check": "arithmetic.claim", "kind": "arithmetic", "span": [7, 16],
                     "text": "48/2 = 25", "stated": "25", "computed": "24", "tolerance": "exact (a whole number)",
                     "detail": "equality: 48/2 is 24, not 25"}
    json.dumps(data)


def test_text_without_claims_is_ok_but_not_verified() -> None:
    report = check("Paris is the capital of France.")
    assert report.claims == () and report.ok and not report.verified


def test_text_is_never_evaluated_as_code() -> None:
    report = check("__import__('os').system('echo hi') = 0 and 2**10**10**10 = 1")
    assert all(c.kind == "arithmetic" for c in report.claims)
    assert report.claims == () or not report.claims[0].ok


def test_missing_family_leaves_its_claims_unchecked_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "agentkit.tools.units", None)
    report = check("5 miles is 9 km, and 2 + 2 = 4.")
    assert [c.kind for c in report.claims] == ["arithmetic"]
    assert any("units" in note for note in report.notes)


def test_sql_against_a_database_schema(tmp_path) -> None:  # noqa: ANN001
    import sqlite3

    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER, total REAL)")
    good = check("`SELECT id, total FROM orders`", databases={"shop": path})
    bad = check("`SELECT price FROM orders`", databases={"shop": path})
    assert good.verified
    assert not bad.ok and "price" in bad.failed[0].detail


# -- repair -------------------------------------------------------------------------------------------

def test_repair_replaces_the_stated_value_and_marks_it() -> None:
    text = "Each of them gets 48/2 = 25 cards."
    assert repair(text, check(text)) == "Each of them gets 48/2 = 24 [corrected from 25] cards."


def test_repair_keeps_currency_commas_and_decimals() -> None:
    text = "Total: $12,500 + $7,500 = $21,000, and 10/4 = 2.4 each."
    assert repair(text, check(text)) == ("Total: $12,500 + $7,500 = $20,000 [corrected from 21,000], "
                                         "and 10/4 = 2.5 [corrected from 2.4] each.")


def test_repair_fixes_an_annotation_and_the_number_after_it_once() -> None:
    text = "He runs 3*3=<<3*3=10>>10 laps."
    report = check(text)
    assert len(report.failed) == 2
    assert repair(text, report) == "He runs 3*3=<<3*3=9>>9 [corrected from 10] laps."


def test_repair_of_a_chain_step_and_a_percentage() -> None:
    text = "So 2*5 = 11*3 = 33, and 100 - 25 = 70% remain."
    assert repair(text, check(text)) == "So 2*5 = 10 [corrected from 11]*3 = 33, and 100 - 25 = 75 [corrected from 70]% remain."


def test_repair_of_a_unit_conversion() -> None:
    text = "The film lasts 2 hours = 125 minutes."
    assert repair(text, check(text)) == "The film lasts 2 hours = 120 [corrected from 125] minutes."


def test_repair_leaves_correct_text_and_unrepairable_claims_alone() -> None:
    text = "16 - 3 - 4 = 9, and `^\\d+$` matches abc."
    report = check(text)
    assert [c.kind for c in report.failed] == ["regex"]
    assert repair(text, report) == text


# -- re-ask ------------------------------------------------------------------------------------------

def test_reask_message_lists_each_failed_claim_with_the_computed_value() -> None:
    report = check("She earns 9 * $2 = $19, and 15% of 80 is 14; 3 + 4 = 7.")
    message = reask_message(report)
    assert message.startswith("A symbolic check found 2 wrong claims in your answer:")
    assert "'9 * $2 = $19' states $19, but the arithmetic check computes 18" in message
    assert "'15% of 80 is 14' states 14, but the arithmetic check computes 12" in message
    assert "3 + 4 = 7" not in message
    assert message.endswith("then give the full answer again.")


def test_reask_message_for_sql_carries_the_parser_error() -> None:
    message = reask_message(check("```sql\nSELECT name FROM people WHERE\n```"))
    assert "SQL" in message and "does not parse" in message


def test_reask_message_is_empty_when_nothing_failed() -> None:
    assert reask_message(check("48/2 = 24")) == ""
    assert reask_message(Report(text="", claims=())) == ""


def test_checked_claim_is_frozen() -> None:
    claim = check("48/2 = 24").claims[0]
    assert isinstance(claim, CheckedClaim)
    with pytest.raises(AttributeError):
        claim.ok = False  # type: ignore[misc]


# -- the command ------------------------------------------------------------------------------------------

def test_check_command_exit_status_follows_the_verdict() -> None:
    runner = CliRunner()
    wrong = runner.invoke(check_command, ["48/2 = 25"])
    right = runner.invoke(check_command, ["48/2 = 24"])
    assert wrong.exit_code == 1 and "48/2 is 24, not 25" in wrong.output
    assert right.exit_code == 0 and "1 claim(s), 0 wrong" in right.output


def test_check_command_reads_stdin_and_prints_json() -> None:
    result = CliRunner().invoke(check_command, ["-", "--json"], input="9 * $2 = $18\n")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verified"] is True and data["claims"][0]["text"] == "9 * $2 = $18"


def test_check_command_rejects_a_malformed_db_option() -> None:
    result = CliRunner().invoke(check_command, ["1 + 1 = 2", "--db", "nopath"])
    assert result.exit_code == 2 and "NAME=PATH" in result.output


# -- the benchmark's perturbations ------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "how", "expected"), [
    ("120", "times_ten", "1200"), ("2.5", "times_ten", "25"), ("0.25", "times_ten", "2.5"),
    ("7", "swap_digits", None), ("100", "swap_digits", None), ("45", "swap_digits", "54"),
])
def test_perturbations_change_the_value(value: str, how: str, expected: str | None) -> None:
    assert perturb(value, how, random.Random(0)) == expected


def test_off_by_one_moves_by_exactly_one() -> None:
    rng = random.Random(0)
    for value in ("9", "18", "2.5", "0"):
        assert abs(float(perturb(value, "off_by_one", rng)) - float(value)) == 1


def test_repair_rewrites_a_negative_value_with_its_sign() -> None:
    text = "It fell by -12 + 5 = -8 degrees."
    assert repair(text, check(text)) == "It fell by -12 + 5 = -7 [corrected from -8] degrees."
