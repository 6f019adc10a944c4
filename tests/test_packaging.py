"""Packaging: every package directory is listed in pyproject.toml, so a wheel installs what an editable install sees."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> tuple[set[str], dict[str, str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    return set(config["packages"]), config["package-dir"]


def test_every_package_directory_is_listed_in_pyproject() -> None:
    packages, roots = _declared()
    found = set()
    for dotted, directory in roots.items():
        for init in (ROOT / directory).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / directory).parts
            found.add(".".join((dotted, *relative)))
    assert {"agentkit", "agentkit.tools", "agentkit.graphs"} <= found  # the walk saw the three roots
    assert sorted(found - packages) == []
    assert sorted(packages - found) == []
