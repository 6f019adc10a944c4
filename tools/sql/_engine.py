"""The SQL family's heavy half: sqlglot parsing and read-only SQLite, loaded on the first SQL step.

`agentkit.tools.sql.SqlFamily` recognizes requests with plain regular
expressions; this module does the work, so that a request that never touches
SQL never pays for importing sqlglot.
"""

from __future__ import annotations

import difflib
import os
from typing import Any

from agentkit.tools.base import Candidate, Claim, ToolResult, Verdict
from agentkit.tools.sql import MAX_SQL_CHARS
from agentkit.tools.sql import _readonly as ro
from agentkit.tools.sql import _strict as strict
from agentkit.tools.sql._schema import Schema, check_schema, references
from agentkit.tools.sql._syntax import (
    SqlSyntaxError,
    SqlUndecided,
    independent_verdict,
    name_of,
    parse_strict,
    pretty,
    transpile,
)
from sqlglot import exp
from sqlglot.errors import SqlglotError

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["SqlEngine"]

# what can go wrong below the family, translated into a ToolResult at this boundary
# refusals (a file gone since the agent checked it is one), and what sqlglot raises on the input
_TOOL_ERRORS = (ToolInputError, SqlglotError, RecursionError, MemoryError)


class SqlEngine:
    """Execute, verify and check for `SqlFamily`, with its databases and limits."""

    name = "sql"

    def __init__(self, databases: dict[str, str], *, row_limit: int, time_limit: float) -> None:
        self.databases = databases
        self.row_limit = row_limit
        self.time_limit = time_limit
        self._schemas: dict[str, tuple[tuple[float, int], Schema]] = {}

    # execute --------------------------------------------------------------------------------------

    def execute(self, candidate: Candidate) -> ToolResult:
        spec = candidate.spec
        operation = spec["operation"]
        try:
            if len(spec.get("sql") or "") > MAX_SQL_CHARS:
                raise LimitExceeded(f"the SQL is {len(spec['sql']):,} characters long (limit {MAX_SQL_CHARS:,})")
            text, value = getattr(self, f"_{operation}")(spec)
        except _TOOL_ERRORS as exc:
            return ToolResult(tool=self.name, operation=operation, spec=spec, text=_explain(exc),
                              error=type(exc).__name__)
        return ToolResult(tool=self.name, operation=operation, spec=spec, text=text, value=value)

    def _validate(self, spec: dict[str, Any]) -> tuple[str, Any]:
        """Valid or not in the dialect: its own compiler's word where we have it, else sqlglot and `_strict`."""
        if spec.get("runnable"):
            return self._runnable(spec)
        dialect, sql = spec["dialect"] or "", spec["sql"]
        name = name_of(dialect)
        oracle = independent_verdict(sql, dialect) if dialect in strict.ORACLE_DIALECTS else None
        statements = None
        try:
            statements = parse_strict(sql, dialect)
        except SqlSyntaxError as exc:
            if oracle is None or not oracle.valid:
                return f"not valid {name}: {exc}", {"valid": False, "line": exc.line, "column": exc.column}
        except SqlUndecided:
            if oracle is None:
                raise
        found = strict.problems(statements, sql, dialect) if statements is not None else []
        if oracle is not None:  # the dialect's own compiler decides; the structural findings only say where
            if oracle.valid:
                return f"valid {name}", {"valid": True, "by": oracle.by}
            why = "; ".join(found) or f"{oracle.by} says: {oracle.detail}"
            return f"not valid {name}: {why}", {"valid": False, "line": 0, "column": 0, "by": oracle.by}
        if found:
            return f"not valid {name}: {'; '.join(found)}", {"valid": False, "line": 0, "column": 0, "problems": found}
        unsure = strict.doubts(statements, sql, dialect)
        if unsure:
            raise SqlUndecided(f"sqlglot's {name} parser reads it, but these checks cannot decide {'; '.join(unsure)}")
        return f"valid {name} as far as sqlglot's {name} parser and the structural checks go", \
            {"valid": True, "by": "sqlglot"}

    def _runnable(self, spec: dict[str, Any]) -> tuple[str, Any]:
        """Would it run on the database: valid SQLite (as `_validate` judges it), a read, every name in the schema."""
        name, _ = self._database(spec["database"])
        text, value = self._validate({**spec, "dialect": "sqlite", "runnable": False})
        if not value["valid"]:
            return text, {**value, "database": name}
        statements = _read_query(spec["sql"], "not checked")
        problems = check_schema(statements[0], self.schema(name))
        if problems:
            found = [p.message() for p in problems]
            return f"not valid on {name}: " + "; ".join(found), {"valid": False, "database": name, "problems": found}
        return f"valid SQLite, and every table and column it names exists in {name}", {"valid": True, "database": name}

    def _format(self, spec: dict[str, Any]) -> tuple[str, Any]:
        statements = parse_strict(spec["sql"], spec["dialect"])
        return pretty(statements, spec["dialect"]), statements

    def _transpile(self, spec: dict[str, Any]) -> tuple[str, Any]:
        statements = parse_strict(spec["sql"], spec["dialect"])
        return transpile(statements, spec["target"]), statements

    def _references(self, spec: dict[str, Any]) -> tuple[str, Any]:
        statements = parse_strict(spec["sql"], spec["dialect"])
        tables, columns = _union(references(s) for s in statements)
        return f"tables: {', '.join(tables) or 'none'}; columns: {', '.join(columns) or 'none'}", statements

    def _check(self, spec: dict[str, Any]) -> tuple[str, Any]:
        name, _ = self._database(spec["database"])
        statements = _read_query(spec["sql"], "not checked")
        problems = check_schema(statements[0], self.schema(name))
        if not problems:
            return f"OK: every table and column the query names exists in {name}", []
        return "; ".join(p.message() for p in problems), problems

    def _run(self, spec: dict[str, Any]) -> tuple[str, Any]:
        statements = _read_query(spec["sql"], "refused")
        name, path = self._database(spec["database"])
        sql = spec["sql"].strip().rstrip(";")
        problems = check_schema(statements[0], self.schema(name))
        if problems and ro.prepare_error(path, sql, seconds=self.time_limit) is not None:
            # the answer is the schema check's (and SQLite's compiler confirms it in `_verify_run`)
            return f"not run on {name}: " + "; ".join(p.message() for p in problems), problems
        rows = ro.run_query(path, sql, limit=self.row_limit, seconds=self.time_limit)
        return ro.render_table(rows.columns, rows.rows, truncated=rows.truncated, limit=self.row_limit), \
            (rows, statements[0])

    def _count(self, spec: dict[str, Any]) -> tuple[str, Any]:
        """The rows of one table of the schema; a table the schema lacks is refused with the nearest names."""
        name, _ = self._database(spec["database"])
        schema = self.schema(name)
        table = schema.table(spec["table"]) if spec.get("table") else None
        noun = spec.get("noun")
        if noun:  # the table must be the one the noun names ("car makers" -> car_makers), and agree with any named
            named = schema.named_by(noun)
            if len(named) != 1 or (spec.get("table") and named != {table}):
                raise ro.SqlRefusal(f"no one table of {name} is named by {noun!r}" + _did_you_mean(noun, schema.tables))
            table = named.pop()
        if table is None:
            raise ro.SqlRefusal(f"{name} has no table {spec['table']!r}" + _did_you_mean(spec["table"], schema.tables))
        quoted = '"' + table.replace('"', '""') + '"'
        return self._run({**spec, "sql": f"SELECT count(*) FROM {quoted}"})

    def _describe(self, spec: dict[str, Any]) -> tuple[str, Any]:
        name, _ = self._database(spec["database"])
        schema = self.schema(name)
        if spec.get("table"):
            table = schema.table(spec["table"])
            if table is None:
                raise ro.SqlRefusal(f"{name} has no table {spec['table']!r}" + _did_you_mean(spec["table"], schema.tables))
            return f"{table}: {', '.join(schema.tables[table])}", {table: schema.tables[table]}
        count = len(schema.tables)
        if spec.get("names_only"):
            return f"{name} has {count} table{'' if count == 1 else 's'}: {', '.join(schema.tables) or 'none'}", \
                dict(schema.tables)
        listing = "; ".join(f"{t} ({', '.join(cols)})" for t, cols in schema.tables.items())
        return f"{name} has {count} table{'' if count == 1 else 's'}: {listing or 'none'}", dict(schema.tables)

    def _database(self, name: str | None) -> tuple[str, str]:
        if name is None:
            if len(self.databases) != 1:
                raise ro.SqlRefusal(f"say which database: attached are {', '.join(sorted(self.databases)) or 'none'}")
            name = next(iter(self.databases))
        for known, path in self.databases.items():
            if known.lower() == name.lower():
                return known, path
        raise ro.SqlRefusal(f"no database named {name!r} is attached" + _did_you_mean(name, self.databases))

    def schema(self, name: str) -> Schema:
        """The schema of attached database ``name``, read again when its file changes."""
        name, path = self._database(name)
        if not os.path.isfile(path):
            raise ro.SqlRefusal(f"database file not found: {path} (attached as {name!r})")
        stat = os.stat(path)
        stamp = (stat.st_mtime, stat.st_size)
        cached = self._schemas.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, ro.load_schema(path, seconds=self.time_limit))
            self._schemas[path] = cached
        return cached[1]

    # verify ---------------------------------------------------------------------------------------

    def verify(self, result: ToolResult) -> Verdict:
        check = f"sql.{result.operation}"
        if result.error:
            return Verdict(ok=False, check=check, detail=result.text)
        try:
            problem = getattr(self, f"_verify_{result.operation}")(result)
        except _TOOL_ERRORS as exc:
            problem = f"the check could not run: {_explain(exc)}"
        return Verdict(ok=problem is None, check=check, detail=problem or "independent check passed")

    def _verify_validate(self, result: ToolResult) -> str | None:
        dialect, sql = result.spec["dialect"] or "", result.spec["sql"]
        if result.spec.get("runnable"):  # SQLite's compiler, on the database itself, is the second opinion
            _, path = self._database(result.spec["database"])
            complaint = ro.prepare_error(path, sql.strip().rstrip(";"), seconds=self.time_limit)
            if (complaint is None) != result.value["valid"]:
                return f"SQLite's compiler on {result.value['database']} disagrees: {complaint or 'it compiles'}"
            return None
        opinion = independent_verdict(sql, dialect)
        if opinion is not None:
            if opinion.valid != result.value["valid"]:
                return f"{opinion.by} disagrees: it reads the text as {'valid' if opinion.valid else 'invalid'}"
            return None
        if result.value.get("problems"):  # the structural findings must stand on a fresh parse
            again = strict.problems(parse_strict(sql, dialect), sql, dialect)
            return None if again == result.value["problems"] else "a fresh parse does not show the same problems"
        if result.value["valid"]:  # no second parser: sqlglot's reading must round-trip exactly
            statements = parse_strict(sql, dialect)
            again = parse_strict(";\n".join(s.sql(dialect=dialect) for s in statements), dialect)
            if statements != again:
                return "sqlglot's reading does not survive a round trip"
            return "; ".join(strict.problems(statements, sql, dialect)) or None
        return None

    def _verify_format(self, result: ToolResult) -> str | None:
        again = parse_strict(result.text, result.spec["dialect"])
        return None if again == result.value else "the formatted SQL parses to a different query"

    def _verify_transpile(self, result: ToolResult) -> str | None:
        target = result.spec["target"]
        converted = parse_strict(result.text, target)
        if transpile(converted, target) != result.text:
            return f"the {name_of(target)} text does not read back to itself"
        before = _union(references(s) for s in result.value)
        after = _union(references(s) for s in converted)
        if [sorted(x.lower() for x in part) for part in before] != [sorted(x.lower() for x in part) for part in after]:
            return "the converted query reads different tables or columns"
        return None

    def _verify_references(self, result: ToolResult) -> str | None:
        ctes = {c.alias_or_name.lower() for s in result.value for c in s.find_all(exp.CTE)}
        tables = {t.name.lower() for s in result.value for t in s.find_all(exp.Table)
                  if isinstance(t.this, exp.Identifier) and not (t.name.lower() in ctes and not t.db)}
        listed, _ = _union(references(s) for s in result.value)
        return None if tables == {t.lower() for t in listed} else "a plain walk of the tree finds other tables"

    def _verify_check(self, result: ToolResult) -> str | None:
        _, path = self._database(result.spec["database"])
        complaint = ro.prepare_error(path, result.spec["sql"].strip().rstrip(";"), seconds=self.time_limit)
        if not result.value:
            return None if complaint is None else f"SQLite does not compile it: {complaint}"
        if complaint is None:
            return "SQLite compiles the query, so the names reported missing may exist"
        named = complaint.rsplit(":", 1)[-1].strip().rsplit(".", 1)[-1].lower()
        if "no such" in complaint and named in {p.name.lower() for p in result.value}:
            return None
        return f"SQLite reports something else: {complaint}"

    def _verify_run(self, result: ToolResult) -> str | None:
        if isinstance(result.value, list):  # not run: the names the schema check found missing
            return self._verify_check(result)
        rows, statement = result.value
        _, path = self._database(result.spec["database"])
        total = ro.count_rows(path, statement.sql(dialect="sqlite"), seconds=self.time_limit)
        shown = len(rows.rows)
        if (rows.truncated and total > shown) or (not rows.truncated and total == shown):
            return None
        return f"SQLite counts {total} rows, but {shown} were fetched"

    def _verify_count(self, result: ToolResult) -> str | None:
        return self._verify_run(result)

    def _verify_describe(self, result: ToolResult) -> str | None:
        _, path = self._database(result.spec["database"])
        for table, columns in result.value.items():
            found = ro.run_query(path, f'SELECT * FROM "{table.replace(chr(34), chr(34) * 2)}" LIMIT 0',
                                 limit=0, seconds=self.time_limit).columns
            if list(found) != list(columns):
                return f"table {table!r} has columns {found}, not {list(columns)}"
        return None

    # check ----------------------------------------------------------------------------------------

    def check(self, claim: Claim) -> Verdict:
        """Judge SQL found in model output: it must parse, and fit the schema of the one (or named) database."""
        if claim.kind != "sql":
            return Verdict(ok=False, check="sql.claim", detail=f"not a SQL claim ({claim.kind})")
        sql = claim.expression or claim.text
        try:
            statements = parse_strict(sql, "sqlite" if self.databases else "")
            named = claim.stated if claim.stated in self.databases else None
            if named is None and len(self.databases) != 1:
                return Verdict(ok=True, check="sql.claim", detail="the SQL parses")
            name, _ = self._database(named)
            problems = [p for s in statements if isinstance(s, exp.Query) for p in check_schema(s, self.schema(name))]
        except _TOOL_ERRORS as exc:
            return Verdict(ok=False, check="sql.claim", detail=_explain(exc))
        detail = "; ".join(p.message() for p in problems) or f"the SQL parses and fits the schema of {name}"
        return Verdict(ok=not problems, check="sql.claim", detail=detail)


def _read_query(sql: str, verb: str) -> list[exp.Expr]:
    """The one read-only query ``sql`` holds, or `ReadOnlyRefused` saying why it is something else."""
    try:
        statements = parse_strict(sql, "sqlite")
    except SqlUndecided as exc:
        raise ro.ReadOnlyRefused(f"{verb}: {exc}; only a SELECT it reads exactly can run") from exc
    problem = ro.read_only_problem(statements)
    if problem:
        raise ro.ReadOnlyRefused(f"{verb}: {problem}")
    return statements


def _union(parts: Any) -> tuple[list[str], list[str]]:
    tables: list[str] = []
    columns: list[str] = []
    for part_tables, part_columns in parts:
        tables += [t for t in part_tables if t not in tables]
        columns += [c for c in part_columns if c not in columns]
    return tables, columns


def _did_you_mean(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=1, cutoff=0.6)
    original = {k.lower(): k for k in known}
    return f"; did you mean {original[close[0]]!r}?" if close else ""


def _explain(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the SQL is nested too deeply"
    if isinstance(exc, MemoryError):
        return "the SQL is too large to process"
    message = str(exc) or type(exc).__name__
    if isinstance(exc, SqlSyntaxError):
        return f"the SQL does not parse: {message}"
    if isinstance(exc, SqlglotError):
        return f"sqlglot could not do this: {message.splitlines()[0]}"
    return message
