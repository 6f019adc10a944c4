"""Regex requests as typed in a chat (tools/regex/_parse.py): Python's ``re`` computes every expected value here."""

from __future__ import annotations

import json
import re

import pytest
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
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_chat_regex_request_is_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


def test_readings_show_the_pattern_a_name_stands_for(agent: Agent) -> None:
    reading = agent.invoke("find all hashtags in 'so #happy #blessed'").steps[0].interpretation
    assert reading == 'find all #\\w+ in "so #happy #blessed"'


@pytest.mark.parametrize("text", [
    "re.findall(r'(a)b', 'abab')",  # Python returns the groups: ['a', 'a']
    "re.findall('\\d+', 'a1b22')",  # a plain literal with a backslash: Python's escapes are not guessed
    "re.sub(r'a', 'b')",  # no text
    "find all the numbers in 'it costs -5 or 1,000'",  # signs and thousands commas: which runs?
    "find all numbers in the price list",  # no quoted text
    "how many matches does aa have in 'aaaa'",  # a bare word: nothing marks it as the pattern
])
def test_unclear_chat_regex_requests_are_not_answered(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified
