"""``agentkit chat``: a conversation in the terminal, kept in a SQLite checkpointer so a thread outlives the process.

At a terminal, lines are read with prompt-toolkit (editing, and history in a file beside the state file);
from a pipe, each line of standard input is one question. Each answer is printed, then its reading (what a
tool computed) and one dim line: route, verdict, model calls and milliseconds. Lines that start with a
known ``/command`` steer the chat instead (`HELP` lists them).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from agentkit.cli._options import db_option, model_option, trace_options

__all__ = ["HELP", "chat_command"]

HELP = (
    ("/new [NAME]", "start a new thread (or switch to the thread NAME)"),
    ("/trace", "show how the last answer was made: its spans as a tree"),
    ("/model [NAME]", "show the model, or answer with NAME from now on (none, local, openai:<model>, ...)"),
    ("/help", "this list"),
    ("/quit", "leave (Ctrl-D too); the thread stays in the state file"),
)
_COMMANDS = ("/new", "/trace", "/model", "/help", "/quit", "/exit")


@click.command("chat")
@click.option("--thread", help="The thread to resume or start (default: a new one, named at the start).")
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite file that keeps the conversations (default: chat.sqlite in $AGENTKIT_STATE_DIR, "
    "else $XDG_STATE_HOME/agentkit, else ~/.local/state/agentkit).",
)
@model_option
@db_option
@trace_options
def chat_command(
    thread: str | None,
    state: Path | None,
    model: str | None,
    databases: tuple[str, ...],
    traces: str,
    trace_content: bool,
) -> None:
    """Chat with the agent in the terminal; each answer shows its route and verdict.

    \b
    Example:
      agentkit chat                       a new thread; its name is shown, to resume it later
      agentkit chat --thread homework     resume (or start) the thread "homework"
      echo "convert 5 miles to km" | agentkit chat --model none
    \b
    In the chat: /new, /trace, /model NAME, /help, /quit (or Ctrl-D).
    Marks: ✓ verified by a tool · ? not verified · – no answer
    """
    from agentkit.cli._chat_session import ChatSession, default_state_path, new_thread_name
    from agentkit.cli._options import _tracer_provider, parse_databases
    from agentkit.errors import ConfigError

    _model_hint(model)
    state = state or default_state_path()
    try:
        session = ChatSession(
            state,
            thread or new_thread_name(),
            model=model,
            databases=parse_databases(databases),
            tracer_provider=_tracer_provider(traces),
            traces=traces,
            trace_content=trace_content,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:  # the directory cannot be made, or the file is not SQLite
        raise click.UsageError(f"cannot keep the chat in {str(state)!r}: {exc}") from exc
    interactive = sys.stdin.isatty()
    console = _console()
    try:
        if interactive:
            _greet(console, session, resumed=thread is not None)
        typed = state.with_name(state.stem + "-input-history")  # what was typed, for the up arrow
        lines = _prompted_lines(typed) if interactive else _piped_lines()
        for line in lines:
            if not _handle(line.strip(), session, console):
                break
        if interactive:
            console.print(f"thread [bold]{_escape(session.thread)}[/bold] kept: "
                          f"agentkit chat --thread {_escape(session.thread)}", style="dim")
    finally:
        session.close()


def _handle(text: str, session: Any, console: Any) -> bool:
    """Act on one line; ``False`` ends the chat."""
    if not text:
        return True
    word, _, rest = text.partition(" ")
    if word.lower() in _COMMANDS:
        return _command(word.lower(), rest.strip(), session, console)
    if word.startswith("/") and word[1:].isalpha():
        console.print(f"unknown command {_escape(word)}; /help lists the commands", style="yellow")
        return True
    try:
        with console.status("answering…") if console.is_terminal else nullcontext():
            answer = session.ask(text)
    except KeyboardInterrupt:
        console.print("interrupted", style="yellow")
        return True
    print_answer(console, answer)
    return True


def _command(word: str, rest: str, session: Any, console: Any) -> bool:
    from agentkit.errors import ConfigError

    if word in ("/quit", "/exit"):
        return False
    if word == "/help":
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        for name, meaning in HELP:
            table.add_row(f"  [bold]{_escape(name)}[/bold]", _escape(meaning))
        console.print(table)
        console.print("  anything else is a question; Ctrl-D leaves", style="dim")
    elif word == "/new":
        name = session.new_thread(rest or None)
        earlier = len(session.turns())
        console.print(f"thread [bold]{_escape(name)}[/bold] ({_earlier(earlier)})")
    elif word == "/model":
        if rest:
            try:
                session.use_model(rest)
            except ConfigError as exc:
                console.print(f"model unchanged: {_escape(str(exc))}", style="red")
                return True
        console.print(f"model [bold]{_escape(session.model_name)}[/bold]")
    elif word == "/trace":
        _show_trace(session, console)
    return True


def print_answer(console: Any, answer: Any) -> None:
    """The answer's text, its readings (what a tool computed, conventions named) and one dim line."""
    from rich.text import Text

    from agentkit.cli.ask import _mark, _with_error

    answer = _with_error(answer)
    console.print(Text(answer.answer))
    for step in answer.steps:
        if step.interpretation:
            console.print(Text(f"  reading: {step.interpretation}", style="dim"))
    badge = "verified" if answer.verified else ("not answered" if answer.error else "not verified")
    verdict = f"{_mark(answer.verified, answer.error is None)} {badge}"
    calls = f"{answer.fm_calls} model call" + ("" if answer.fm_calls == 1 else "s")
    line = Text(f"  {answer.route} · {verdict} · {calls} · {answer.latency_ms:.1f} ms", style="dim")
    console.print(line)


def _show_trace(session: Any, console: Any) -> None:
    from agentkit.tracing.tree import render_tree

    try:
        spans = session.last_trace()
    except (LookupError, OSError) as exc:
        console.print(_escape(str(exc.args[0] if exc.args else exc)), style="yellow")
        return
    console.print(render_tree(spans))


def _greet(console: Any, session: Any, *, resumed: bool) -> None:
    turns = session.turns() if resumed else []
    head = (f"agentkit chat · model [bold]{_escape(session.model_name)}[/bold] · "
            f"thread [bold]{_escape(session.thread)}[/bold]")
    console.print(head + (f" (resumed, {_earlier(len(turns))})" if turns else " (new)"))
    if turns:
        last = turns[-1]
        said = f"  last: {last.get('request', '')} → {last.get('answer', '')}"
        console.print(_escape(said), style="dim")
    console.print("/help for commands, Ctrl-D to leave", style="dim")


def _earlier(turns: int) -> str:
    return "new" if not turns else f"{turns} earlier turn" + ("" if turns == 1 else "s")


def _prompted_lines(history: Path) -> Iterator[str]:
    """Lines typed at the terminal, with editing and a history file; ends at Ctrl-D."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    prompt = PromptSession(history=FileHistory(str(history)))
    while True:
        try:
            yield prompt.prompt("› ")
        except KeyboardInterrupt:  # Ctrl-C drops the line being typed, as in a shell
            continue
        except EOFError:
            return


def _piped_lines() -> Iterator[str]:
    yield from sys.stdin


def _model_hint(model: str | None) -> None:
    from agentkit.models import ENV_VAR, default_model_hint

    if model is None and not os.environ.get(ENV_VAR):
        hint = default_model_hint()
        if hint:
            click.echo(hint, err=True)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
