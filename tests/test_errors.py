"""Specification of agentkit's error tree: its shape, refusals apart from bugs, and configuration mistakes."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest
from agentkit.tools import _limits
from agentkit.tools import math as math_family
from agentkit.tools.base import Context
from agentkit.tools.math import MathFamily
from agentkit.tools.math._boundary import SympyFailure
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.regex import RegexRefusal
from agentkit.tools.regex._explain import Unexplainable
from agentkit.tools.registry import Registry, default_registry
from agentkit.tools.sql._readonly import ReadOnlyRefused, SqlRefusal
from agentkit.tools.sql._syntax import SqlSyntaxError, SqlUndecided
from agentkit.tools.units._compute import Mismatch, UnitsRefusal
from agentkit.tools.units._grammar import Unreadable

from agentkit import Agent, errors
from agentkit.config import Budget
from agentkit.errors import (
    AgentkitError,
    ConfigError,
    DuplicateToolError,
    LimitExceeded,
    TimeLimitExceeded,
    ToolInputError,
    UnknownModelError,
    UnknownToolError,
)
from agentkit.models import resolve_model
from agentkit.selector import Selector

TREE = {
    AgentkitError: (Exception,),
    ConfigError: (AgentkitError, ValueError),
    UnknownModelError: (ConfigError,),
    UnknownToolError: (ConfigError, KeyError),
    DuplicateToolError: (ConfigError,),
    ToolInputError: (AgentkitError,),
    LimitExceeded: (ToolInputError,),
    TimeLimitExceeded: (LimitExceeded,),
}

FAMILY_REFUSALS = (MathSyntaxError, SympyFailure, Unreadable, Mismatch, UnitsRefusal, SqlSyntaxError, SqlUndecided,
                   ReadOnlyRefused, SqlRefusal, RegexRefusal, Unexplainable)


@pytest.mark.parametrize("cls", TREE, ids=lambda c: c.__name__)
def test_each_class_has_the_bases_the_tree_draws(cls: type[BaseException]) -> None:
    assert cls.__bases__ == TREE[cls]


def test_all_lists_every_class_and_the_docstring_draws_each() -> None:
    defined = {name for name, obj in vars(errors).items()
               if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == errors.__name__}
    assert set(errors.__all__) == defined == {c.__name__ for c in TREE}
    drawn = (errors.__doc__ or "").split("\n\n")[2]  # the tree, after two paragraphs
    assert drawn.lstrip().startswith("AgentkitError")
    assert all(f"── {name} " in drawn for name in defined - {"AgentkitError"})


@pytest.mark.parametrize("cls", FAMILY_REFUSALS, ids=lambda c: c.__name__)
def test_family_refusals_are_tool_input_errors_and_not_value_errors(cls: type[BaseException]) -> None:
    assert issubclass(cls, ToolInputError) and not issubclass(cls, ValueError)


def test_the_limits_module_reexports_the_limits_of_the_tree() -> None:
    assert _limits.LimitExceeded is LimitExceeded and _limits.TimeLimitExceeded is TimeLimitExceeded


def test_a_limit_is_not_swallowed_by_library_code_that_catches_value_error() -> None:
    def library_step() -> str:  # what sympy does in many places
        try:
            raise TimeLimitExceeded("computation timed out")
        except ValueError:
            return "carried on"

    assert not issubclass(LimitExceeded, ValueError)
    with pytest.raises(TimeLimitExceeded):
        library_step()


def test_a_sympy_failure_inside_a_tool_reaches_the_user_as_a_decline_with_a_message() -> None:
    # sympy's solve raises NotImplementedError on x**x + x = 5 at once (sin(x) + x = 2 takes ~1 s to give up)
    answer = Agent(model="none", strict=True).invoke("Solve x**x + x = 5 for x.")
    assert answer.route == "none" and not answer.verified
    assert "sympy could not do this: could not solve x + x**x - 5" in answer.answer
    assert "Traceback" not in answer.answer


def test_the_math_family_translates_sympys_failure_at_its_boundary() -> None:
    family = MathFamily()
    result = family.execute(family.recognize("Solve x**x + x = 5 for x.", Context()))
    assert result.error == "SympyFailure" and result.text.startswith("sympy could not do this:")


def test_a_bug_inside_the_math_family_is_not_turned_into_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    family = MathFamily()
    candidate = family.recognize("What is the gcd of 12 and 18?", Context())

    def broken(*args: object) -> object:
        raise TypeError("a bug in the family's own code")

    operation = math_family._BY_NAME[candidate.operation]
    monkeypatch.setitem(math_family._BY_NAME, operation.name, dataclasses.replace(operation, compute=broken))
    # the broken table is this process's: compute here, not in the tools' worker processes (which send an
    # exception back as itself: tests/tools/test_limits.py)
    monkeypatch.setattr(math_family, "run_with_timeout", lambda fn, *args, seconds: fn(*args))
    with pytest.raises(TypeError, match="a bug in the family's own code"):
        family.execute(candidate)


def test_registry_add_of_a_non_family_raises_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match="got 'object'"):
        Registry().add(object())  # type: ignore[arg-type]


def test_an_unknown_or_duplicate_tool_is_a_config_error() -> None:
    with pytest.raises(UnknownToolError, match="did you mean 'math'"):
        default_registry()["maths"]
    with pytest.raises(DuplicateToolError, match="'math'"):
        Registry([MathFamily(), MathFamily()])


def test_a_bad_budget_is_a_config_error_with_the_value_given() -> None:
    with pytest.raises(ConfigError, match="-1"):
        Budget(model_calls=-1)


@pytest.mark.parametrize(("spec", "error", "shown"), [
    ("nonsense:foo", UnknownModelError, "'nonsense:foo'"),
    (42, ConfigError, "'int'"),
])
def test_a_bad_model_spec_is_a_config_error_with_the_value_given(spec: object, error: type, shown: str) -> None:
    with pytest.raises(error, match=shown):
        resolve_model(spec)  # type: ignore[arg-type]


def test_a_missing_database_file_is_a_config_error_naming_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(ConfigError, match="missing.sqlite"):
        Agent(model="none", databases={"shop": missing})


def test_a_bad_selector_threshold_is_a_config_error_with_the_value_given() -> None:
    with pytest.raises(ConfigError, match="1.5"):
        Selector(default_registry(), threshold=1.5)
    assert isinstance(ConfigError("x"), ValueError)  # code written against ValueError keeps working
