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
]


@pytest.mark.parametrize(("text", "expected"), ANSWERED)
def test_chat_regex_request_is_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


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
