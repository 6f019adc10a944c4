"""What a SQL query reads, and whether every table and column it names exists in a database's schema."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

__all__ = ["Problem", "Schema", "check_schema", "references"]

# columns every SQLite rowid table has without declaring them
_ROWID = frozenset({"rowid", "oid", "_rowid_"})


@dataclass(frozen=True, kw_only=True)
class Schema:
    """Tables and their columns, as declared; lookups ignore case, as SQLite's do.

    Attributes:
        tables: table (or view) name -> its column names, in declaration order.
    """

    tables: Mapping[str, tuple[str, ...]]
    _index: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {name.lower(): name for name in self.tables})

    def table(self, name: str) -> str | None:
        """The declared spelling of table ``name``, or None."""
        return self._index.get(name.lower())

    def columns(self, table: str) -> tuple[str, ...]:
        return self.tables[self._index[table.lower()]]

    def named_by(self, noun: str) -> set[str]:
        """The tables a plural noun phrase names: "car makers" -> car_makers (or carmakers, car_maker, ...)."""
        words = noun.lower().split()
        singular = {words[-1]}
        for plural, single in (("ies", "y"), ("es", ""), ("s", "")):
            if words[-1].endswith(plural) and len(words[-1]) > len(plural) + 1:
                singular.add(words[-1][: -len(plural)] + single)
        names = {joiner.join([*words[:-1], last]) for last in singular for joiner in ("_", "")}
        return {t for t in map(self.table, names) if t}


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A name the schema does not have."""

    kind: str  # "table" or "column"
    name: str
    where: str = ""
    suggestions: tuple[str, ...] = ()

    def message(self) -> str:
        text = f"unknown {self.kind} {self.name!r}{self.where}"
        if self.suggestions:
            text += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return text


def _suggest(name: str, known: Iterable[str]) -> tuple[str, ...]:
    by_lower = {k.lower(): k for k in known}
    return tuple(by_lower[m] for m in difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6))


def _aliases(query: exp.Expr) -> set[str]:
    """Output names a clause of ``query`` may use instead of columns: SELECT aliases, or a set operation's names."""
    if isinstance(query, exp.SetOperation):
        return {name.lower() for name in query.named_selects}
    if isinstance(query, exp.Select):
        return {e.alias.lower() for e in query.expressions if isinstance(e, exp.Alias)}
    return set()


def _cte_names(ast: exp.Expr) -> set[str]:
    return {cte.alias_or_name.lower() for cte in ast.find_all(exp.CTE)}


def _outputs(scope: Scope) -> tuple[str, ...] | None:
    """The column names a derived table or CTE offers, or None when a star makes them open."""
    alias = scope.expression.parent
    if isinstance(alias, (exp.CTE, exp.Subquery)) and alias.args.get("alias") is not None:
        declared = alias.args["alias"].columns
        if declared:
            return tuple(c.name for c in declared)
    query = scope.expression
    while isinstance(query, exp.SetOperation):
        query = query.left
    if not isinstance(query, exp.Select):
        return None
    if any(isinstance(e, exp.Star) or (isinstance(e, exp.Column) and e.is_star) for e in query.expressions):
        return None
    return tuple(query.named_selects)


class _Checker:
    def __init__(self, schema: Schema, ctes: set[str]) -> None:
        self.schema = schema
        self.ctes = ctes
        self.problems: list[Problem] = []

    def _source_columns(self, source: exp.Expr | Scope) -> tuple[str, ...] | None:
        """Columns a FROM source offers; None when it is open (a star) or unknown (reported elsewhere)."""
        if isinstance(source, Scope):
            return _outputs(source)
        if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
            table = self.schema.table(source.name)
            return None if table is None else self.schema.tables[table] + tuple(_ROWID)
        return None

    def check_scope(self, scope: Scope) -> None:
        for alias, source in scope.sources.items():
            if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
                if source.name.lower() in self.ctes and not source.db:
                    continue
                if self.schema.table(source.name) is None:
                    self.problems.append(Problem(kind="table", name=source.name,
                                                 suggestions=_suggest(source.name, self.schema.tables)))
        for column in scope.find_all(exp.Column):
            if column.is_star or not isinstance(column.this, exp.Identifier):
                continue
            self._check_column(scope, column)

    def _lookup(self, scope: Scope | None, alias: str) -> exp.Expr | Scope | None:
        while scope is not None:
            for name, source in scope.sources.items():
                if name.lower() == alias.lower():
                    return source
            scope = scope.parent
        return None

    def _check_column(self, scope: Scope, column: exp.Column) -> None:
        name = column.name
        if column.table:
            source = self._lookup(scope, column.table)
            if source is None:
                self.problems.append(Problem(kind="table", name=column.table, where=f" in {column.sql()}",
                                             suggestions=_suggest(column.table, _visible(scope))))
                return
            offered = self._source_columns(source)
            if offered is not None and name.lower() not in {c.lower() for c in offered}:
                self.problems.append(Problem(kind="column", name=name, where=f" in table {column.table!r}",
                                             suggestions=_suggest(name, offered)))
            return
        offered_all: list[str] = []
        current: Scope | None = scope
        while current is not None:
            if current is scope and name.lower() in _aliases(current.expression):
                return  # an output alias of this very query (not of an enclosing UNION)  # an output alias, which SQLite lets WHERE, GROUP BY and ORDER BY use
            for source in current.sources.values():
                offered = self._source_columns(source)
                if offered is None:
                    return  # an open source (a star) or an unknown table (reported already) may offer it
                if name.lower() in {c.lower() for c in offered}:
                    return
                offered_all.extend(offered)
            current = current.parent
        if column.this.quoted:
            return  # SQLite reads a double-quoted name that matches no column as a string literal
        self.problems.append(Problem(kind="column", name=name,
                                     suggestions=_suggest(name, [c for c in offered_all if c not in _ROWID])))


def _visible(scope: Scope | None) -> list[str]:
    names: list[str] = []
    while scope is not None:
        names.extend(scope.sources)
        scope = scope.parent
    return names


def check_schema(ast: exp.Expr, schema: Schema) -> list[Problem]:
    """Every table and column ``ast`` names that ``schema`` lacks, first occurrence of each name only."""
    checker = _Checker(schema, _cte_names(ast))
    for scope in traverse_scope(ast):
        checker.check_scope(scope)
    seen: set[tuple[str, str]] = set()
    unique = []
    for problem in checker.problems:
        key = (problem.kind, problem.name.lower())
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def references(ast: exp.Expr) -> tuple[list[str], list[str]]:
    """The tables a query reads and its columns, ``table.column`` where the table is certain."""
    ctes = _cte_names(ast)
    tables: list[str] = []
    columns: list[str] = []
    for scope in traverse_scope(ast):
        real = {alias.lower(): src.name for alias, src in scope.sources.items()
                if isinstance(src, exp.Table) and isinstance(src.this, exp.Identifier)
                and not (src.name.lower() in ctes and not src.db)}
        for name in real.values():
            if name not in tables:
                tables.append(name)
        only = next(iter(real.values())) if len(scope.sources) == 1 and len(real) == 1 else None
        for column in scope.find_all(exp.Column):
            if column.is_star or not isinstance(column.this, exp.Identifier):
                continue
            if not column.table and column.name.lower() in _aliases(scope.expression):
                continue
            table = real.get(column.table.lower()) if column.table else only
            if column.table and table is None:
                continue  # a column of a subquery or CTE, not of a stored table
            text = f"{table}.{column.name}" if table else column.name
            if text not in columns:
                columns.append(text)
    return tables, columns
