"""The ``agentkit check`` command, on top of agentkit.claims: exit status, standard input, JSON, --db."""

from __future__ import annotations

import json

from click.testing import CliRunner

from agentkit.cli.check import check_command


def test_check_command_exit_status_follows_the_verdict() -> None:
    runner = CliRunner()
    wrong = runner.invoke(check_command, ["48/2 = 25"])
    right = runner.invoke(check_command, ["48/2 = 24"])
    assert wrong.exit_code == 1 and "48/2 is 24, not 25" in wrong.output
    assert right.exit_code == 0 and "1 claim(s), 0 wrong" in right.output


def test_check_command_reads_stdin_and_prints_json() -> None:
    result = CliRunner().invoke(check_command, ["-", "--json"], input="9 * $2 = $18\n")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verified"] is True and data["claims"][0]["text"] == "9 * $2 = $18"


def test_check_command_rejects_a_malformed_db_option() -> None:
    result = CliRunner().invoke(check_command, ["1 + 1 = 2", "--db", "nopath"])
    assert result.exit_code == 2 and "NAME=PATH" in result.output
