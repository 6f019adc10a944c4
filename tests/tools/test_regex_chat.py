"""Regex requests as typed in a chat (tools/regex/_parse.py): Python's ``re`` computes every expected value here."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from agentkit.tools.base import Claim, Context
from agentkit.tools.regex import RegexFamily

from agentkit import Agent


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[RegexFamily()])


def found(matches: list[str]) -> str:
    noun = "match" if len(matches) == 1 else "matches"
    return f"{len(matches)} {noun}: " + ", ".join(json.dumps(m) for m in matches)


ANSWERED = [
    ("how many matches does [xyz] have in 'syzygy'", str(len(re.findall(r"[xyz]", "syzygy")))),
    ("is 'world' a full match for [A-Z][a-z]+", "no"),
    ("is 'ab12' matched entirely by [a-z]+\\d+", "yes" if re.fullmatch(r"[a-z]+\d+", "ab12") else "no"),
    ("with re.IGNORECASE does ^abc$ match 'ABC'", "yes"),
    ("split 'x|y;z' on the pattern [|;]", json.dumps(re.split(r"[|;]", "x|y;z"))),
    ("replace all digits with * in 'r2d2'", json.dumps(re.sub(r"\d", "*", "r2d2"))),
    ("strip all the non-digits from '+1 (800) 555'", json.dumps(re.sub(r"\D", "", "+1 (800) 555"))),
    ("how many vowels are in 'Queueing'", str(len(re.findall(r"[aeiou]", "Queueing", re.IGNORECASE)))),
    ("what does re.sub(r'-+', '-', 'a--b---c') return", json.dumps(re.sub(r"-+", "-", "a--b---c"))),
    ("re.split(r'\\s*;\\s*', 'a ; b;c')", json.dumps(re.split(r"\s*;\s*", "a ; b;c"))),
    ("what is re.sub(r'(\\w+) (\\w+)', r'\\2 \\1', 'hello world')",
     json.dumps(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"))),
    ("re.findall(r'\\d{2}', 'a123456')", found(re.findall(r"\d{2}", "a123456"))),
    ("findall [A-Z]\\w+ in 'Alice met Bob'", found(re.findall(r"[A-Z]\w+", "Alice met Bob"))),
    ("find all the numbers in 'take 2 pills 3 times'", found(re.findall(r"\d+(?:\.\d+)?", "take 2 pills 3 times"))),
    ("find all hashtags in 'so #happy #blessed'", found(re.findall(r"#\w+", "so #happy #blessed"))),
    ("re.findall(r'(a)b', 'abab')", json.dumps(re.findall(r"(a)b", "abab"))),  # one group: what it captured
    ("re.search(r'\\d+', 'ab12 345')", json.dumps(re.search(r"\d+", "ab12 345").group(0))),
    ("re.match(r'\\d+', 'ab12')", "no match"),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_chat_regex_request_is_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


def test_readings_show_the_pattern_a_name_stands_for(agent: Agent) -> None:
    reading = agent.invoke("find all hashtags in 'so #happy #blessed'").steps[0].interpretation
    assert reading == 'find all #\\w+ in "so #happy #blessed"'


@pytest.mark.parametrize("text", [
    "re.findall(r'(a)(b)', 'abab')",  # Python returns tuples of the groups: [('a', 'b'), ('a', 'b')]
    "re.findall('\\d+', 'a1b22')",  # a plain literal with a backslash: Python's escapes are not guessed
    "re.sub(r'a', 'b')",  # no text
    "find all the numbers in 'it costs -5 or 1,000'",  # signs and thousands commas: which runs?
    "find all numbers in the price list",  # no quoted text
    "how many matches does aa have in 'aaaa'",  # a bare word: nothing marks it as the pattern
])
def test_unclear_chat_regex_requests_are_not_answered(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


@pytest.mark.parametrize(("text", "says"), [
    ("first match of \\d+ in 'a 12 b 345'", "(re.search)"),
    ("what does \\w+ match at the start of 'hi there'", "(re.match)"),
    ("using (\\d+)-(\\d+), what is group 2 when matching '3-4'", "re.match and re.fullmatch must agree"),
    ("what does (\\d+)px capture in 'a 1px b 2px'", "(re.findall)"),
    ("which words in 'ab cd' match ^a\\w$", "re.search on each word"),
    ("swap 'b, a' into 'a b' with (\\w+), (\\w+) -> \\2 \\1", 'expected to give "a b"'),
])
def test_chat_readings_name_the_matching_function(agent: Agent, text: str, says: str) -> None:
    answer = agent.invoke(text)
    assert answer.verified and says in answer.steps[0].interpretation, answer.steps


@pytest.mark.parametrize(("text", "wrong_text", "wrong_value"), [
    ("first match of \\d+ in 'a 12 b 345'", '"345"', {"span": [7, 10], "text": "345"}),
    ("what is group 1 of (\\d)(\\d) in 'x 12'", '"2"', {"span": [2, 4], "text": "2"}),
    ("what does (\\d+)px capture in 'a 1px b 2px'", '["1"]', ["1"]),
    ("which words in 'ab cd ax' match ^a\\w$", '["ab"]', ["ab"]),
])
def test_the_independent_check_rejects_a_changed_chat_result(text: str, wrong_text: str, wrong_value: object) -> None:
    family = RegexFamily()
    candidate = family.recognize(text, Context())
    result = family.execute(candidate)
    assert family.verify(result).ok, result.text
    assert not family.verify(dataclasses.replace(result, text=wrong_text, value=wrong_value)).ok


def test_a_count_of_a_bare_literal_is_declined_where_overlaps_would_change_it(agent: Agent) -> None:
    assert agent.invoke("count the occurrences of ab in 'abab' with a regex").answer == "2"
    assert not agent.invoke("count the occurrences of aa in 'aaa' with a regex").verified


def test_the_comma_after_a_bare_pattern_is_read_both_ways(agent: Agent) -> None:
    # "(\w)," would match "b," here: which reading was meant is unclear, so the step is declined
    assert not agent.invoke("using (\\w), what is group 1 in 'a b,'").verified
    assert agent.invoke("using (\\w), what is group 1 in 'a b'").answer == '"a"'


@pytest.mark.parametrize(("expression", "stated", "ok"), [
    ("which words in 'cat bat rat' match ^[bc]at$", "cat, bat", True),  # a list as people write it
    ("which words in 'cat bat rat' match ^[bc]at$", "cat", False),
    ("first match of \\d+ in 'a 12 b 3'", "12", True),
    ("first match of \\d+ in 'a 12 b 3'", "3", False),
])
def test_a_claim_about_a_chat_regex_request_is_judged_on_its_value(expression: str, stated: str, ok: bool) -> None:
    text = f"{expression} {stated}"
    claim = Claim(kind="regex", text=text, span=(0, len(text)), stated=stated, expression=expression)
    assert RegexFamily().check(claim).ok is ok
