"""agentkit.claims.check: the golden claims file, the registry it asks, and what it never does."""

from __future__ import annotations

import re
import sqlite3
import sys
from dataclasses import dataclass, field

import pytest
from agentkit.tools.base import Claim, Context, Verdict
from agentkit.tools.math import MathFamily
from agentkit.tools.registry import Registry

from agentkit.claims import check
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "claims" / "claims.txt"


@dataclass
class Case:
    line: int
    text: str
    question: str | None = None
    claims: list[list[str]] = field(default_factory=list)


def load_claim_cases() -> list[Case]:
    """The cases of ``fixtures/claims/claims.txt`` (its header documents the format)."""
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
    spans = 0
    for case in CASES:
        report = check(case.text, question=case.question)
        for claim in report.claims:
            assert case.text[claim.span[0]:claim.span[1]] == claim.text
            for start, end in claim.stated_spans:  # what `repair` replaces: the stated number, in or just after
                spans += 1
                stated = case.text[start:end]
                assert claim.span[0] <= start < end <= len(case.text), (case.text, claim.span, (start, end))
                assert stated.strip() and stated in claim.stated, (case.text, stated, claim.stated)
                assert not case.text[claim.span[1]:start].strip(), (case.text, claim.span, (start, end))
    assert spans >= 20  # the loop checked something


def test_text_without_claims_is_ok_but_not_verified() -> None:
    report = check("Paris is the capital of France.")
    assert report.claims == () and report.ok and not report.verified


def test_text_is_never_evaluated_as_code(tmp_path) -> None:
    marker = tmp_path / "pwned"
    report = check(f"__import__('pathlib').Path({str(marker)!r}).touch() = None, and 2 + 2 = 5")
    assert not marker.exists()  # nothing ran
    assert [(c.text, c.ok) for c in report.claims] == [("2 + 2 = 5", False)]  # the arithmetic was still read


def test_a_claim_too_large_to_compute_is_left_unchecked_with_a_note() -> None:
    report = check("2**10**10**10 = 1")
    assert not any(c.ok for c in report.claims) and not report.verified
    assert report.notes == ("could not evaluate '2**10**10**10 = 1'",)


def test_missing_family_leaves_its_claims_unchecked_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from agentkit.claims import judge

    monkeypatch.setitem(sys.modules, "agentkit.tools.units", None)
    judge._loaded_builtins.cache_clear()  # the built-ins are loaded once a process
    try:
        report = check("5 miles is 9 km, and 2 + 2 = 4.")
    finally:
        judge._loaded_builtins.cache_clear()
    assert [c.kind for c in report.claims] == ["arithmetic"]
    assert any("units" in note for note in report.notes)


def test_sql_against_a_database_schema(tmp_path) -> None:
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER, total REAL)")
    good = check("`SELECT id, total FROM orders`", databases={"shop": path})
    bad = check("`SELECT price FROM orders`", databases={"shop": path})
    assert good.verified
    assert not bad.ok and "price" in bad.failed[0].detail


# -- the registry decides who finds and judges claims ---------------------------------------------------

def test_the_registry_is_honoured_a_family_left_out_finds_nothing() -> None:
    text = "5 miles is 9 km, and 2 + 2 = 5."
    report = check(text, registry=Registry([MathFamily()]))
    assert [(c.kind, c.ok) for c in report.claims] == [("arithmetic", False)]
    assert [c.kind for c in check(text).claims] == ["units", "arithmetic"]


class _Shouting:
    """A family of one's own: claims 'X is loud' and judges it by whether X is in capitals."""

    name = "shouting"

    def recognize(self, text: str, context: Context) -> None:
        return None

    def execute(self, candidate):
        raise AssertionError("not a tool step")

    def verify(self, result):
        raise AssertionError("not a tool step")

    def check(self, claim: Claim) -> Verdict:
        loud = claim.expression.isupper()
        return Verdict(ok=loud, check="shouting.claim", detail=f"{claim.expression} is {'' if loud else 'not '}loud",
                       computed="loud" if loud else "quiet", tolerance="capitals")

    def find_claims(self, text: str) -> list[Claim]:
        found = []
        for m in re.finditer(r"(\w+) is loud", text):
            found.append(Claim(kind="shouting", text=m.group(), span=m.span(), stated="loud", expression=m.group(1)))
        return found


def test_a_custom_family_with_find_claims_gets_its_claims_judged() -> None:
    report = check("HEY is loud, hey is loud, and 2 + 2 = 4.", registry=Registry([_Shouting(), MathFamily()]))
    assert [(c.kind, c.text, c.ok) for c in report.claims] == [
        ("shouting", "HEY is loud", True), ("shouting", "hey is loud", False), ("arithmetic", "2 + 2 = 4", True)]
    assert report.failed[0].computed == "quiet" and report.failed[0].tolerance == "capitals"


def test_a_family_without_find_claims_takes_no_part() -> None:
    class Silent(_Shouting):
        find_claims = None  # type: ignore[assignment]

    assert check("HEY is loud", registry=Registry([Silent()])).claims == ()


def test_a_family_that_fails_leaves_a_note_and_the_others_go_on() -> None:
    class Broken(_Shouting):
        def check(self, claim: Claim) -> Verdict:
            raise RuntimeError("a bug")

    report = check("HEY is loud, 2 + 2 = 4.", registry=Registry([Broken(), MathFamily()]))
    assert [c.kind for c in report.claims] == ["arithmetic"]
    assert any("shouting" in note for note in report.notes)


def test_the_final_answer_comes_from_the_registry() -> None:
    question = "What is 17 times 23?"
    assert [c.kind for c in check("So 391.", question=question).claims] == ["answer"]
    assert check("So 391.", question=question, registry=Registry([_Shouting()])).claims == ()
