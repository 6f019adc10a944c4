"""The public surface of ``agentkit`` changes only on purpose (after httpx tests/test_exported_members.py)."""

from __future__ import annotations

import importlib.metadata

import agentkit

EXPORTED = [
    "Agent",
    "AgentkitError",
    "Answer",
    "Candidate",
    "Claim",
    "ConfigError",
    "Context",
    "Decision",
    "DuplicateToolError",
    "PlannedStep",
    "Registry",
    "Selector",
    "Step",
    "ToolFamily",
    "ToolInputError",
    "ToolResult",
    "UnknownModelError",
    "UnknownToolError",
    "Verdict",
    "__version__",
    "default_registry",
    "plan",
]


def test_all_lists_exactly_the_public_names() -> None:
    assert agentkit.__all__ == EXPORTED


def test_all_is_sorted_so_a_change_shows_as_one_line() -> None:
    assert agentkit.__all__ == sorted(agentkit.__all__)


def test_every_exported_name_is_importable_from_the_package() -> None:
    namespace: dict[str, object] = {}
    exec("from agentkit import *", namespace)  # the star import is what a user's code would do
    missing = [name for name in EXPORTED if not hasattr(agentkit, name)]
    assert missing == []
    assert set(EXPORTED) - {"__version__"} <= set(namespace)


def test_every_exported_class_says_where_it_is_defined_inside_agentkit() -> None:
    for name in EXPORTED:
        member = getattr(agentkit, name)
        if isinstance(member, type) or callable(member):
            assert member.__module__.startswith("agentkit."), (name, member.__module__)


def test_version_matches_the_installed_distribution() -> None:
    assert agentkit.__version__ == importlib.metadata.version("agentkit")
