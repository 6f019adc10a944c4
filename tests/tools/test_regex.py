"""The regex family: the shared contract, the golden lines through the agent, limits and independent checks."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from agentkit.tools.base import Claim, Context
from agentkit.tools.math import MathFamily
from agentkit.tools.regex import MAX_SUBJECT_CHARS, RegexFamily
from agentkit.tools.regex._explain import explain, same_structure

from agentkit import Agent
from tests.helpers import assert_golden, load_golden
from tests.tools.contract import ToolFamilyContract

CASES = load_golden("regex")
CATASTROPHIC = "Does `(a+)+$` match " + "a" * 40 + "b?"


def regex_claim(expression: str, stated: str) -> Claim:
    text = f"{expression} {stated}"
    return Claim(kind="regex", text=text, span=(0, len(text)), stated=stated, expression=expression)


class TestRegexFamily(ToolFamilyContract):
    family = RegexFamily()
    examples = (
        r"Does `^\d{3}-\d{4}$` match 555-1234?",
        r"Find all matches of `\d+` in a1b22c333",
        r"Replace `\d` with # in a1b2c3",
        "Split a,b;c on `[,;]`",
        "Is `[a-z` a valid regex?",
        r"Explain `^\d{3}-\d{4}$`",
        "How many overlapping matches of `aa` in aaaa?",
    )
    non_examples = (
        "What is 2+2?",
        "Does it match?",
        "Write a regex for email addresses",
        r"Does \d+ match 123?",
        r"Does `\d+ match 123?",
        "Is this a valid regex: a+?",
        "Does /a/u match a?",
        "match `a`",
    )
    partials = (("Write me a regex like `a+` for my form", "Write me a regex like `a+` for my form"),)
    true_claims = (
        regex_claim(r"Does `^\d{3}-\d{4}$` match 555-1234?", "yes"),
        regex_claim(r"How many matches of `\d` in a1b2?", "2"),
        regex_claim(r"Replace `\d` with # in a1b2", '"a#b#"'),
        regex_claim("Is `(a` a valid regex?", "No, it is missing a parenthesis."),
    )
    false_claims = (
        regex_claim(r"Does `^\d{3}-\d{4}$` match 555-12345?", "yes"),
        regex_claim(r"How many matches of `\d` in a1b2?", "3"),
        regex_claim(r"Replace `\d` with # in a1b2", "a#b2"),
        regex_claim(CATASTROPHIC, "no"),  # true in fact, but the check cannot confirm it in time
    )


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[MathFamily(), RegexFamily()])


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden(agent: Agent, text: str, expected: str) -> None:
    assert_golden(agent, text, expected)


def test_catastrophic_backtracking_times_out_within_two_seconds_and_the_process_stays_healthy(agent: Agent) -> None:
    start = time.perf_counter()
    answer = agent.invoke(CATASTROPHIC)
    assert time.perf_counter() - start < 2.0
    assert "timed out" in answer.answer and not answer.verified
    assert agent.invoke(r"Does `^\d+$` match 123?").answer == "yes"


def test_catastrophic_backtracking_times_out_in_a_worker_thread_too(agent: Agent) -> None:
    for text in (CATASTROPHIC, "Does `(a|aa)+$` match " + "a" * 40 + "b?"):
        start = time.perf_counter()
        answer = asyncio.run(agent.ainvoke(text))
        assert time.perf_counter() - start < 2.0
        assert "timed out" in answer.answer and not answer.verified


def test_the_matching_engine_times_out_where_it_backtracks(agent: Agent) -> None:
    answer = agent.invoke("Does `(a|aa)+$` match " + "a" * 40 + "b?")
    assert answer.answer.startswith("timed out: matching stopped")


@pytest.mark.parametrize(("text", "message"), [
    ("Does `a` match " + "a" * (MAX_SUBJECT_CHARS + 1) + "?", "the text is too long"),
    ("Does `" + "a" * 1001 + "` match a?", "the pattern is too long"),
    ("Replace `` with `" + "x" * 900 + "` in " + "b" * 9000, "the result would be"),
    ("Does `(a` match a?", "not a valid regex: missing ), unterminated subpattern at position 0"),
    ("Replace `(a)` with `\\2` in banana", "bad replacement"),
    ("Replace `a` with $1 in banana", "$-references"),
    (r"Does `\w+` match end.", "ambiguous"),
])
def test_bad_input_gets_a_clear_message_and_no_answer(agent: Agent, text: str, message: str) -> None:
    answer = agent.invoke(text)
    assert answer.route == "none" and not answer.verified
    assert message in answer.answer
    assert "Traceback" not in answer.answer


def test_spec_is_json_serializable_and_round_trips() -> None:
    family = RegexFamily()
    for _, text, _ in CASES:
        candidate = family.recognize(text, Context())
        if candidate is not None:
            assert json.loads(json.dumps(candidate.spec)) == candidate.spec


def test_slash_flags_and_flag_words_are_read() -> None:
    family = RegexFamily()
    assert family.recognize("Does /abc/im match x?", Context()).spec["flags"] == "im"
    assert family.recognize("Does `abc` match x, case-insensitive?", Context()).spec["flags"] == "i"
    assert family.recognize("Does `abc` match x with flags ms?", Context()).spec["flags"] == "ms"


def test_verify_rejects_a_tampered_result() -> None:
    family = RegexFamily()
    result = family.execute(family.recognize(r"Find all matches of `\d+` in a1b22", Context()))
    assert family.verify(result).ok
    forged = dataclasses.replace(result, value=[[1, 2]], text='1 match: "1"')
    assert not family.verify(forged).ok
    replaced = family.execute(family.recognize(r"Replace `\d` with # in a1", Context()))
    assert not family.verify(dataclasses.replace(replaced, value="a1")).ok


def test_valid_is_declined_when_the_two_engines_disagree() -> None:
    family = RegexFamily()
    result = family.execute(family.recognize(r"Is `\p{L}` a valid regex?", Context()))
    verdict = family.verify(result)
    assert not verdict.ok and "disagree" in verdict.detail


def test_explanation_round_trip_notices_a_missing_part() -> None:
    words, rebuilt = explain(r"(\d+)-[a-z]?")
    assert same_structure(r"(\d+)-[a-z]?", rebuilt)
    assert not same_structure(r"(\d+)-[a-z]?", rebuilt[:-1])
    assert "group 1" in words


def test_the_family_has_a_description_for_models() -> None:
    assert "regex" in RegexFamily.description.lower()


# -- properties: random small patterns and subjects, against the stdlib re's truth -------------------------

_PIECES = ("a", "b", "ab", ".", r"\d", r"\s", "[ab]", "[^a]", "a*", "b+", "a?", "(a|b)", r"\w", " ", "x{1,2}")
# phrase -> the string it names (written here from the words' plain meaning, not from the code under test)
_NAMED = {"an empty string": "", "the empty string": "", "a single space": " ", "a tab": "\t", "a newline": "\n"}


@st.composite
def _pattern(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4)))
    return draw(st.sampled_from(("", "^"))) + body + draw(st.sampled_from(("", "$")))


@settings(max_examples=150, deadline=None)
@given(pattern=_pattern(), subject=st.text(alphabet="ab1 x\t", max_size=6))
def test_a_quoted_subject_is_matched_as_written(pattern: str, subject: str) -> None:
    family = RegexFamily()
    candidate = family.recognize(f'Does `{pattern}` match "{subject}"?', Context())
    if '"' in subject or candidate is None:
        return
    result = family.execute(candidate)
    assert family.verify(result).ok
    truth = re.fullmatch(pattern, subject) is not None
    assert result.text.startswith("yes") == truth
    assert json.dumps(subject) in candidate.interpretation


@settings(max_examples=150, deadline=None)
@given(pattern=_pattern(), phrase=st.sampled_from(sorted(_NAMED)),
       frame=st.sampled_from(("Does `{p}` match {s}?", "does `{p}` match {s}", "Does {s} match `{p}`?")))
def test_a_named_subject_is_the_string_it_names(pattern: str, phrase: str, frame: str) -> None:
    family = RegexFamily()
    candidate = family.recognize(frame.format(p=pattern, s=phrase), Context())
    assert candidate is not None and candidate.complete, frame.format(p=pattern, s=phrase)
    subject = _NAMED[phrase]
    result = family.execute(candidate)
    assert family.verify(result).ok
    assert result.text.startswith("yes") == (re.fullmatch(pattern, subject) is not None)
    assert candidate.interpretation.startswith("pattern ") and f" on {json.dumps(subject)} (" in candidate.interpretation


@settings(max_examples=100, deadline=None)
@given(pattern=_pattern(),
       phrase=st.sampled_from(("any digit", "a digit", "a number", "an email address", "whitespace", "digits",
                               "a capital letter", "any string", "a valid phone number", "letters", "nothing",
                               "a blank string", "some text")),
       frame=st.sampled_from(("Does `{p}` match {s}?", "Find all matches of `{p}` in {s}",
                              "How many matches of `{p}` in {s}?", "Replace `{p}` with # in {s}",
                              "Split {s} on `{p}`")))
def test_a_described_subject_is_declined_with_the_reason(pattern: str, phrase: str, frame: str) -> None:
    candidate = RegexFamily().recognize(frame.format(p=pattern, s=phrase), Context())
    assert candidate is None or not candidate.complete
    if candidate is not None:
        assert candidate.reason


@settings(max_examples=100, deadline=None)
@given(pattern=_pattern(), subject=st.text(alphabet="ab1 x", min_size=1, max_size=6))
def test_every_operation_states_what_it_read(pattern: str, subject: str) -> None:
    family = RegexFamily()
    quoted = json.dumps(subject)
    for text, head in ((f"Find all matches of `{pattern}` in {quoted}", "find all "),
                       (f"How many matches of `{pattern}` in {quoted}?", "count matches of "),
                       (f"Replace `{pattern}` with `#` in {quoted}", "replace all "),
                       (f"Split {quoted} on `{pattern}`", "split ")):
        candidate = family.recognize(text, Context())
        assert candidate is not None and candidate.complete, text
        assert candidate.interpretation.startswith(head) and quoted in candidate.interpretation
        result = family.execute(candidate)
        if result.error is None:
            assert family.verify(result).ok
            if head == "count matches of ":
                assert result.text == str(len(list(re.finditer(pattern, subject))))
