"""The selector scaling script: its growth exponents, its synthetic families, one real (short) run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agentkit.tools.base import Context

from agentkit.bench.scaling import FAMILY_COUNTS, LENGTHS, SyntheticFamily, growth


def test_growth_is_the_log_log_slope_between_neighbours() -> None:
    # time doubles when size doubles: k = 1; then stays: k = 0; then x4 for x2: k = 2
    assert growth([(1, 1.0), (2, 2.0), (4, 2.0), (8, 8.0)]) == [1.0, 0.0, 2.0]


def test_a_synthetic_family_recognizes_only_its_keyword() -> None:
    family = SyntheticFamily("synth007")
    whole = family.recognize("synth007 42", Context())
    assert whole is not None and whole.complete and whole.spec == "42"
    inside = family.recognize("please synth007 42 now", Context())
    assert inside is not None and not inside.complete
    assert family.recognize("synth008 42", Context()) is None


def test_one_run_writes_every_point(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "agentkit.bench.scaling", "--out", str(tmp_path), "--repeats",
                           "2"], check=False, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "scaling.json").read_text(encoding="utf-8"))
    assert [row["synthetic_families"] for row in report["families"]] == list(FAMILY_COUNTS)
    assert [row["bytes"] for row in report["length"]] == list(LENGTHS)
    assert report["history"]["requests"] == 2000
    assert (tmp_path / "scaling.png").read_bytes()[:4] == b"\x89PNG"
