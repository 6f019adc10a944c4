"""Where a benchmark's data set is expected, and a clear stop naming the path when it is not there.

The benchmarks read the shared corpora from ``../shared/data`` beside the repository (or a
path given on the command line). A missing file is a person's setup problem, not a bug: it
ends the run with one sentence naming what was looked for and where, not a traceback.

    path = require("../shared/data/gsm8k/test.jsonl", what="GSM8K test set")
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["MissingData", "require"]


class MissingData(SystemExit):
    """A benchmark's data is not where it was looked for; the message says where (exit status 1)."""


def require(path: str | Path, *, what: str) -> Path:
    """``path`` when it exists; else raise `MissingData` naming it, resolved, and how to point elsewhere."""
    found = Path(path)
    if found.exists():
        return found
    raise MissingData(f"{what} not found at {str(found)!r} (that is {found.resolve()}). The benchmarks read "
                      "the shared data sets from ../shared/data beside the repository: run from the repository's "
                      "folder, or give the data's path (see --help).")
