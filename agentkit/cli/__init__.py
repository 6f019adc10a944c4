"""The ``agentkit`` command line: ``ask``, ``batch``, ``demo``, ``check`` and ``traces``.

    agentkit.cli.ask       the answering commands: ask, batch, demo
    agentkit.cli.check     check: find the claims in a text and re-check each one
    agentkit.cli.traces    traces summary|show|push: review trace files
    agentkit.cli._options  the options the answering commands share, and the agent they build

Each command imports what it needs (the agent, sympy, the OpenTelemetry SDK) only when it runs,
so ``agentkit --help`` and ``agentkit ask --help`` stay instant.
"""

from __future__ import annotations

import click

from agentkit.cli.ask import DEMO_QUESTIONS, ask_command, batch_command, demo_command
from agentkit.cli.check import check_command
from agentkit.cli.traces import traces_group

__all__ = ["DEMO_QUESTIONS", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agentkit")
def main() -> None:
    """agentkit: answers from verified symbolic tools first, a foundation model only as the fallback."""


for _command in (ask_command, batch_command, demo_command, traces_group, check_command):
    main.add_command(_command)
