"""Every runnable benchmark module has a real ``--help``, and without its data says where it looked, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUNNABLE = {  # module -> arguments that need the data set, and the file it must name
    "units": ([], "mathematics_dataset/dev.jsonl"),
    "regex": ([], "regex/kb13/targ.txt"),
    "local_model": (["--n", "1"], "gsm8k/test.jsonl"),
    "validators": (["speed"], "gsm8k/test.jsonl"),
    "sql": (["{tmp}/spider"], "spider/dev.json"),
}


def _run(module: str, arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGENTKIT_BENCH_DATA": str(cwd / "no-data-here")}  # the shared corpora are elsewhere
    return subprocess.run([sys.executable, "-m", f"agentkit.bench.{module}", *arguments], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("module", sorted(RUNNABLE))
def test_help_is_help(module: str, tmp_path: Path) -> None:
    completed = _run(module, ["--help"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.lower().startswith("usage:") and "Traceback" not in completed.stderr


@pytest.mark.parametrize("module", sorted(RUNNABLE))
def test_missing_data_is_named_not_a_traceback(module: str, tmp_path: Path) -> None:
    arguments, expected = RUNNABLE[module]
    completed = _run(module, [a.format(tmp=tmp_path) for a in arguments], tmp_path)
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert expected in completed.stderr and "not found at" in completed.stderr
