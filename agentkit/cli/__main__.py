"""``python -m agentkit.cli``: the ``agentkit`` command line without the installed script."""

from __future__ import annotations

from agentkit.cli import main

main()
