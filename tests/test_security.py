"""Bad input through the whole agent: a message or a decline; never a traceback, execution or a hang."""

from __future__ import annotations

import builtins
import time
from pathlib import Path
from typing import Any

import pytest

from agentkit import Agent, Answer
from agentkit.answer import NO_MODEL_MESSAGE

LIMIT_SECONDS = 2.0  # a limit every input must stay under, not a benchmark

BINARY_JUNK = (bytes(range(256)) * 8 + b"\x00\x00\xff\xfe\x00").decode("utf-8", errors="replace")
FIVE_THOUSAND_DIGITS = "1" + "0" * 4999

CODE_INJECTIONS = [
    "__import__('os').system('touch pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "`ls`",
    "exec('1')",
    "eval('2+2')",
    "import os",
    "sympify('x')",
    "What is __import__('os').system('touch pwned')?",
    "Solve __import__('os').system('touch pwned') = 0 for x",
    "What is eval('2+2')?",
]
# fragments of those payloads that survive a tokenizer's re-spacing ("eval ('2+2' )"): seen in eval/exec, they
# would mean user text is being run as code
PAYLOAD_MARKERS = ("pwned", "__class__", "__subclasses__", "lambda", "`", "'1'", "'2+2'", "import os", "'x'")

JUNK = {
    "empty": "",
    "whitespace": " \t\n \r\n ",
    "one megabyte": "What is 2+2? " * 80_660,
    "binary junk": BINARY_JUNK,
    "only NULs": "\x00" * 1000,
    "mixed scripts": "Привет, мир! مرحبا بالعالم 你好世界 🙂🙃 ٣+٤ 三加四",
}

MATH_LIMITS = {
    "tower of tens": "10**10**10",
    "huge factorial": "factorial(10**9)",
    "tower of nines": "What is 9**9**9**9?",
    "10,000-deep nesting": "(" * 10_000 + "1" + ")" * 10_000,
    "300-deep nesting": "What is " + "(" * 300 + "1" + ")" * 300 + "?",
    "tower of twos": "2^(2^(2^(2^(2^10))))",
    "5,000-digit number": FIVE_THOUSAND_DIGITS,
    "5,000-digit sum": f"What is {FIVE_THOUSAND_DIGITS} + 1?",
    "2,500-digit number": "What is " + "9" * 2500 + " + 1?",
    "factorial of a factorial": "What is (2+2)!!!!!!?",
    "tiny power": "What is 2**(-10**10)?",
}

# what a correct answer is, for an input the tool may answer
CORRECT = {
    "300-deep nesting": "1",
    "5,000-digit sum": "1" + "0" * 4998 + "1",
    "2,500-digit number": "1" + "0" * 2500,
}


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none")


def timed(agent: Agent, text: str) -> Answer:
    start = time.perf_counter()
    answer = agent.invoke(text)
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.2f} s"
    return answer


def assert_declined_or_correct(answer: Answer, correct: str | None) -> None:
    """The routing guarantee on bad input: no verified answer unless it is the right one."""
    assert answer.answer.strip(), "the answer must say something"
    assert "Traceback" not in answer.answer
    assert answer.verified == (bool(answer.steps) and all(s.verified for s in answer.steps))
    if answer.route == "symbolic":
        assert correct is not None, f"answered {answer.answer[:80]!r} symbolically"
        assert (answer.answer, answer.verified) == (correct, True)
    else:
        assert answer.verified is False
        assert answer.fm_calls == 0


@pytest.mark.parametrize("text", list(JUNK.values()), ids=list(JUNK))
def test_junk_is_declined_with_a_message(agent: Agent, text: str) -> None:
    answer = timed(agent, text)
    assert_declined_or_correct(answer, None)


@pytest.mark.parametrize("text", ["", " \t\n "], ids=["empty", "whitespace"])
def test_an_empty_request_says_it_is_empty(agent: Agent, text: str) -> None:
    answer = timed(agent, text)
    assert answer.answer == "the request is empty: ask a question"
    assert answer.error == answer.answer


def test_a_megabyte_request_is_refused_as_too_long(agent: Agent) -> None:
    answer = timed(agent, JUNK["one megabyte"])
    assert answer.answer.startswith("the request is too long (1,048,580 characters")
    assert answer.route == "none"


@pytest.mark.parametrize("text", CODE_INJECTIONS)
def test_code_is_never_executed(agent: Agent, text: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    reached: list[str] = []

    def spy(real: Any) -> Any:
        def call(source: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(source, str) and any(marker in source for marker in PAYLOAD_MARKERS):
                reached.append(source)
            return real(source, *args, **kwargs)

        return call

    monkeypatch.setattr(builtins, "eval", spy(builtins.eval))
    monkeypatch.setattr(builtins, "exec", spy(builtins.exec))
    answer = timed(agent, text)
    assert_declined_or_correct(answer, None)
    assert answer.answer.startswith(NO_MODEL_MESSAGE)  # a family may add what it understood
    assert reached == []
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", list(MATH_LIMITS))
def test_math_past_its_limits_is_declined_or_answered_correctly(agent: Agent, name: str) -> None:
    answer = timed(agent, MATH_LIMITS[name])
    assert_declined_or_correct(answer, CORRECT.get(name))


@pytest.mark.parametrize(
    "name", ["tower of tens", "huge factorial", "tower of nines", "tower of twos", "factorial of a factorial",
             "tiny power"],
)
def test_a_result_too_large_to_compute_says_so(agent: Agent, name: str) -> None:
    answer = timed(agent, MATH_LIMITS[name])
    assert "too large" in answer.answer
    assert "no model is configured" in answer.answer


def test_nesting_past_the_parser_depth_says_it_is_nested_too_deeply(agent: Agent) -> None:
    answer = timed(agent, "What is " + "(" * 250 + "1" + ")" * 250 + "?")
    assert "nested too deeply" in answer.answer
    assert answer.verified is False


def test_the_agent_still_answers_correctly_after_bad_input(agent: Agent) -> None:
    for text in [*JUNK.values(), *CODE_INJECTIONS, *MATH_LIMITS.values()]:
        agent.invoke(text)
    answer = agent.invoke("What is the gcd of 12 and 18?")
    assert (answer.answer, answer.route, answer.verified) == ("6", "symbolic", True)


def test_no_source_file_calls_eval_exec_sympify_or_parse_expr() -> None:
    """Static guard: none of the names that evaluate text is even called in the package."""
    import io
    import tokenize
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    forbidden = {"eval", "exec", "sympify", "parse_expr", "compile", "__import__"}
    offenders = []
    for path in [*root.glob("agentkit/**/*.py"), *root.glob("tools/**/*.py"), *root.glob("graphs/**/*.py")]:
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
        for prev, tok, nxt in zip(tokens, tokens[1:], tokens[2:]):
            if tok.type != tokenize.NAME or tok.string not in forbidden or nxt.string != "(":
                continue
            if tok.string == "compile" and prev.string == ".":  # re.compile( is fine; compile( is not
                continue
            offenders.append(f"{path.relative_to(root)}:{tok.start[0]} {tok.string}(")
    assert offenders == []
