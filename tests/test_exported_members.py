"""The public surface of ``agentkit`` changes only on purpose (after httpx tests/test_exported_members.py)."""

from __future__ import annotations

import importlib.metadata

import agentkit

EXPORTED = [
    "Agent",
    "AgentkitError",
    "Answer",
    "Budget",
    "Candidate",
    "Claim",
    "ConfigError",
    "Context",
    "Decision",
    "DuplicateToolError",
    "Event",
    "PlannedStep",
    "Registry",
    "Report",
    "Selector",
    "Step",
    "ToolFamily",
    "ToolInputError",
    "ToolResult",
    "UnknownModelError",
    "UnknownToolError",
    "Verdict",
    "__version__",
    "check",
    "default_registry",
    "plan",
]


def test_all_lists_exactly_the_public_names() -> None:
    assert agentkit.__all__ == EXPORTED


def test_all_is_sorted_so_a_change_shows_as_one_line() -> None:
    assert agentkit.__all__ == sorted(agentkit.__all__)


def test_every_exported_name_is_importable_from_the_package() -> None:
    # ``from agentkit import *`` takes each name of ``__all__`` with getattr: the lazy loader must answer all
    missing = [name for name in agentkit.__all__ if getattr(agentkit, name, None) is None]
    assert missing == []
    assert set(EXPORTED) <= set(agentkit.__all__)


def test_every_exported_class_says_where_it_is_defined_inside_agentkit() -> None:
    for name in EXPORTED:
        member = getattr(agentkit, name)
        if isinstance(member, type) or callable(member):
            assert member.__module__.startswith("agentkit."), (name, member.__module__)


def test_version_matches_the_installed_distribution() -> None:
    assert agentkit.__version__ == importlib.metadata.version("agentkit")


def test_check_and_report_are_the_claim_judge_at_the_top_level() -> None:
    report = agentkit.check("48/2 = 25")
    assert isinstance(report, agentkit.Report)
    assert not report.ok


def test_budget_is_the_agents_limit_object() -> None:
    assert agentkit.Agent(model="none", budget=agentkit.Budget()).budget == agentkit.Budget()
