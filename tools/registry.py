"""The explicit registry of tool families: built-ins listed by name, no import side effects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from agentkit.tools.base import ToolFamily

from agentkit.errors import ConfigError, DuplicateToolError, UnknownToolError

__all__ = ["Registry", "BUILTIN_FAMILIES", "default_registry", "warm_worker"]


def _math() -> ToolFamily:
    from agentkit.tools.math import MathFamily

    return MathFamily()


def _units() -> ToolFamily:
    from agentkit.tools.units import UnitsFamily

    return UnitsFamily()


def _regex() -> ToolFamily:
    from agentkit.tools.regex import RegexFamily

    return RegexFamily()


def _dates() -> ToolFamily:
    from agentkit.tools.dates import DatesFamily

    return DatesFamily()


def _sql() -> ToolFamily:
    from agentkit.tools.sql import SqlFamily

    return SqlFamily()


# name -> factory; factories import lazily so a family costs nothing until used
BUILTIN_FAMILIES: dict[str, Callable[[], ToolFamily]] = {
    "math": _math,
    "units": _units,
    "sql": _sql,
    "regex": _regex,
    "dates": _dates,
}


class Registry:
    """An ordered set of tool families, looked up by name.

    >>> registry = Registry([MathFamily()])
    >>> registry["math"].name
    'math'
    """

    def __init__(self, families: Iterable[ToolFamily] = ()) -> None:
        self._families: dict[str, ToolFamily] = {}
        for family in families:
            self.add(family)

    def add(self, family: ToolFamily) -> None:
        if not isinstance(family, ToolFamily):
            raise ConfigError(
                f"a tool family needs name, recognize, execute, verify and check; got {type(family).__name__!r}"
            )
        if family.name in self._families:
            raise DuplicateToolError(f"a tool family named {family.name!r} is already registered")
        self._families[family.name] = family

    def __getitem__(self, name: str) -> ToolFamily:
        try:
            return self._families[name]
        except KeyError:
            raise UnknownToolError(name, list(self._families)) from None

    def __iter__(self) -> Iterator[ToolFamily]:
        return iter(self._families.values())

    def __len__(self) -> int:
        return len(self._families)

    def names(self) -> list[str]:
        return list(self._families)


def default_registry(names: Iterable[str] | None = None) -> Registry:
    """The built-in families, all of them or those named (unknown names raise with a suggestion)."""
    chosen = list(BUILTIN_FAMILIES) if names is None else list(names)
    families = []
    for name in chosen:
        if name not in BUILTIN_FAMILIES:
            raise UnknownToolError(name, list(BUILTIN_FAMILIES))
        families.append(BUILTIN_FAMILIES[name]())
    return Registry(families)


def warm_worker() -> None:
    """Import every built-in family in the tools' worker zygote (`agentkit.tools._workers`), so that a worker
    never imports one inside a computation's time limit."""
    for make in BUILTIN_FAMILIES.values():
        make()
