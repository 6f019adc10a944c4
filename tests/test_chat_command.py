"""`agentkit chat` driven through a real pseudo-terminal (pexpect), and through a pipe.

Expected values come from Python's own arithmetic, not from the agent. The questions are arithmetic:
a fresh tool worker builds the units registry on its first conversion, which can pass the tool's time
limit on a loaded machine (reported; see the units family's ``registry``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

TIMEOUT = 45  # the first answer imports sympy, pint and the graph
_TERMINAL_CODES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|[\x08\r]")


QUESTION, ANSWER = "What is 2**10?", 2**10


def _plain(child: pexpect.spawn) -> str:
    """What the terminal showed before the last match, without its escape codes."""
    return _TERMINAL_CODES.sub("", child.before)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PROMPT_TOOLKIT_NO_CPR="1",  # pexpect does not answer prompt-toolkit's cursor-position request
        AGENTKIT_STATE_DIR=str(tmp_path / "state-dir"),
        AGENTKIT_TRACES_DIR=str(tmp_path / "traces"),
        AGENTKIT_MODEL="none",
        TERM="xterm-256color",
        COLUMNS="120",
    )
    return env


def _spawn(tmp_path: Path, *args: str, traces: str = "none") -> pexpect.spawn:
    command = [sys.executable, "-m", "agentkit.cli", "chat", "--model", "none", "--traces", traces, *args]
    child = pexpect.spawn(command[0], command[1:], env=_env(tmp_path), encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(40, 120))
    child.expect("›")
    return child


def _ask(child: pexpect.spawn, line: str) -> str:
    """Type ``line``; what the terminal showed up to the end of the answer's route-and-verdict line."""
    child.sendline(line)
    child.expect("model calls? · [0-9.]+ ms")
    shown = _TERMINAL_CODES.sub("", child.before + child.after)
    child.expect("›")  # the next prompt: the chat reads keys again
    return shown


def _close(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_chat_answers_a_question_and_its_follow_up_with_route_and_verdict(tmp_path: Path) -> None:
    state = tmp_path / "chat.sqlite"
    child = _spawn(tmp_path, "--state", str(state), "--thread", "trip")
    assert "thread trip (new)" in _plain(child)
    shown = _ask(child, QUESTION)
    assert f"\n{ANSWER}\n" in shown
    assert "reading: 2^10" in shown
    assert "symbolic · ✓ verified · 0 model calls" in shown
    shown = _ask(child, "now double it")
    assert f"\n{ANSWER * 2}\n" in shown
    assert f"reading: it = {ANSWER} (the previous answer)" in shown
    assert "symbolic · ✓ verified" in shown
    child.sendline("/quit")
    assert _close(child) == 0
    assert state.is_file()


def test_a_thread_resumes_after_a_restart_and_new_starts_an_empty_one(tmp_path: Path) -> None:
    state = tmp_path / "chat.sqlite"
    first = _spawn(tmp_path, "--state", str(state), "--thread", "trip")
    _ask(first, QUESTION)
    first.sendeof()  # Ctrl-D leaves like /quit
    assert _close(first) == 0

    second = _spawn(tmp_path, "--state", str(state), "--thread", "trip")
    assert "resumed, 1 earlier turn)" in _plain(second)
    assert f"last: {QUESTION} → {ANSWER}" in _plain(second)  # the last turn is recalled
    shown = _ask(second, "now double it")
    assert f"\n{ANSWER * 2}\n" in shown
    assert "✓ verified" in shown

    second.sendline("/new fresh")
    second.expect(r"thread \S*fresh\S* \(new\)")
    shown = _ask(second, "now double it")  # nothing verified in this thread yet: declined, not guessed
    assert "– not answered" in shown
    assert str(ANSWER * 2) not in shown.split("now double it", 1)[1]
    second.sendline("/quit")
    assert _close(second) == 0


def test_help_trace_and_model_commands(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--state", str(tmp_path / "chat.sqlite"), traces="file")
    child.sendline("/help")
    child.expect("Ctrl-D leaves")
    for command in ("/new", "/trace", "/model", "/help", "/quit"):
        assert command in _plain(child)
    child.sendline("/trace")
    child.expect("no answer yet")
    _ask(child, "What is the gcd of 12 and 18?")
    child.sendline("/trace")
    child.expect("gen_ai.evaluation.result")  # the check's verdict, the tree's last line
    tree = _plain(child)
    assert "invoke_agent agentkit" in tree
    assert "agentkit.offload.route=symbolic" in tree
    assert re.search(r"execute_tool \w+\.gcd", tree)
    assert "agentkit.validation.verdict=pass" in tree
    child.sendline("/model no-such-provider:thing")
    child.expect("model unchanged")
    child.sendline("/model")
    child.expect(r"model \S*none")
    child.sendline("/frobnicate")
    child.expect("unknown command /frobnicate")
    child.sendline("/exit")
    assert _close(child) == 0


def test_piped_lines_are_questions_and_answers_are_printed(tmp_path: Path) -> None:
    lines = f"{QUESTION}\n\nnow double it\n/quit\nWhat is 3**7?\n"
    result = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "chat", "--model", "none", "--traces", "none",
         "--state", str(tmp_path / "chat.sqlite")],
        input=lines, capture_output=True, text=True, env=_env(tmp_path), timeout=TIMEOUT, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == str(ANSWER)
    assert str(ANSWER * 2) in out
    assert str(3**7) not in result.stdout  # /quit ended the chat
    assert sum("✓ verified" in line for line in out) == 2
    assert "\x1b[" not in result.stdout  # no terminal codes into a pipe


def test_the_default_state_file_is_under_the_state_directory(tmp_path: Path) -> None:
    env = _env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "chat", "--traces", "none"],
        input="What is 2+2?\n", capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(2 + 2)
    assert (Path(env["AGENTKIT_STATE_DIR"]) / "chat.sqlite").is_file()


@pytest.mark.parametrize("args", [["--model", "no-such-provider:thing"], ["--db", "missing.sqlite"]])
def test_an_unusable_model_or_database_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agentkit.cli", "chat", "--traces", "none", "--state",
         str(tmp_path / "chat.sqlite"), *args],
        input="", capture_output=True, text=True, env=_env(tmp_path), timeout=TIMEOUT, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Error" in result.stderr


def test_trace_says_why_there_is_nothing_to_show_when_tracing_is_off(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--state", str(tmp_path / "chat.sqlite"))
    _ask(child, QUESTION)
    child.sendline("/trace")
    child.expect("tracing is off")
    child.sendline("/quit")
    assert _close(child) == 0
