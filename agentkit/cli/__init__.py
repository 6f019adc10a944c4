"""The ``agentkit`` command line.

    agentkit.cli.ask       the answering commands: ask, batch, demo
    agentkit.cli.check     check: find the claims in a text and re-check each one
    agentkit.cli.traces    traces summary|show|push: review trace files
    agentkit.cli._options  the options the answering commands share, and the agent they build

Commands are listed by name in `COMMANDS` and imported only when they run (or when their help is
shown), so ``agentkit --help`` and ``agentkit ask --help`` stay instant and a surface's heavy imports
(FastAPI, the MCP SDK, matplotlib) cost nothing to the other commands.
"""

from __future__ import annotations

import importlib

import click

from agentkit.cli.ask import DEMO_QUESTIONS

__all__ = ["COMMANDS", "DEMO_QUESTIONS", "main"]

# command name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "ask": "agentkit.cli.ask:ask_command",
    "batch": "agentkit.cli.ask:batch_command",
    "bench": "agentkit.cli.bench:bench_command",
    "demo": "agentkit.cli.ask:demo_command",
    "check": "agentkit.cli.check:check_command",
    "mcp": "agentkit.cli.mcp:mcp_command",
    "chat": "agentkit.cli.chat:chat_command",
    "serve": "agentkit.cli.serve:serve_command",
    "traces": "agentkit.cli.traces:traces_group",
    "verify": "agentkit.cli.verify:verify_command",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command), f"{target} is not a click command"
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agentkit")
def main() -> None:
    """agentkit: answers from verified symbolic tools first, a foundation model only as the fallback."""
