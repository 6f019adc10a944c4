"""Where a benchmark's data set is expected, and a clear stop naming the path when it is not there.

The benchmarks read the shared corpora from one folder, `data_dir`: ``$AGENTKIT_BENCH_DATA``, else
``shared/data`` beside the repository's folder (or a path given on the command line). A missing file
is a person's setup problem, not a bug: it ends the run with one sentence naming what was looked for
and where, not a traceback.

    path = require(data_dir() / "gsm8k" / "test.jsonl", what="GSM8K test set")
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "MissingData", "data_dir", "require"]

ENV_VAR = "AGENTKIT_BENCH_DATA"


def data_dir() -> Path:
    """Where the shared corpora are: ``$AGENTKIT_BENCH_DATA``, else ``<repository>/../shared/data``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


class MissingData(SystemExit):
    """A benchmark's data is not where it was looked for; the message says where (exit status 1)."""


def require(path: str | Path, *, what: str) -> Path:
    """``path`` when it exists; else raise `MissingData` naming it, resolved, and how to point elsewhere."""
    found = Path(path)
    if found.exists():
        return found
    raise MissingData(f"{what} not found at {str(found)!r} (that is {found.resolve()}). The benchmarks read "
                      f"the shared data sets from {data_dir()} (set ${ENV_VAR} to point elsewhere), or give the "
                      "data's path (see --help).")
