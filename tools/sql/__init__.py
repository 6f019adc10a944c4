"""The SQL family: check, format, transpile and explain SQL with sqlglot; query attached SQLite files read-only.

    >>> from agentkit.tools.base import Context
    >>> family = SqlFamily()
    >>> family.execute(family.recognize("convert this MySQL query to DuckDB: SELECT `a` FROM t", Context())).text
    'SELECT "a" FROM t'
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.sql import _attached, _model, claims
from agentkit.tools.sql._text import bare_write, read_request

from agentkit.errors import ToolInputError

# sqlglot logs a note when it falls back to a generic parse ("contains unsupported syntax"); the family says
# what it made of the statement in its own answer, so that note would reach the user as a stray line
logging.getLogger("sqlglot").setLevel(logging.ERROR)

if TYPE_CHECKING:
    from agentkit.tools.sql._engine import SqlEngine
    from agentkit.tools.sql._schema import Schema

__all__ = ["SqlFamily", "DEFAULT_DIALECT", "MAX_SQL_CHARS", "ROW_LIMIT", "TIME_LIMIT_SECONDS"]

# how a statement that only reads begins: "would it run" is asked of these alone
_QUERY = re.compile(r"\s*\(*\s*(?:select|with|values)\b", re.IGNORECASE)
MAX_STEP_CHARS = 60_000
MAX_SQL_CHARS = 20_000
ROW_LIMIT = 20
TIME_LIMIT_SECONDS = 2.0
# the dialect a validity question that names none is checked in: SQLite's own compiler is then the judge
DEFAULT_DIALECT = "sqlite"

_REASONS = {
    "validate": "whole step parsed as a syntax check of the quoted SQL",
    "format": "whole step parsed as a request to format the quoted SQL",
    "transpile": "whole step parsed as a dialect conversion of the quoted SQL",
    "references": "whole step parsed as a question about the tables and columns the SQL reads",
    "check": "whole step parsed as a schema check of the SQL against an attached database",
    "run": "whole step parsed as a read-only query on an attached database",
    "describe": "whole step parsed as a question about an attached database's schema",
    "count": "whole step parsed as a question about the number of rows in a table of an attached database",
}
class SqlFamily:
    """SQL with sqlglot, and read-only SQLite for the databases attached by name.

    Args:
        databases: name -> path of an SQLite file, e.g. ``{"shop": "shop.sqlite"}``. Files are only ever
            opened read-only; nothing this family does can change them.
        row_limit: at most this many rows are shown for a query.
        time_limit: seconds a query may run before SQLite is told to stop it.
    """

    name = "sql"
    description = (
        "SQL with sqlglot and read-only SQLite: check a query's syntax in a dialect (with line and column), "
        "format it, convert it between dialects, list the tables and columns it reads; with databases attached, "
        "check a query against the schema, run a read-only SELECT, describe the tables. Pass one request with "
        "the SQL in backticks or after a colon, e.g. 'convert this MySQL query to DuckDB: SELECT ...'."
    )
    request_form = _model.REQUEST_FORM
    request_fields = _model.REQUEST_FIELDS
    examples = _model.EXAMPLES

    def __init__(self, databases: Mapping[str, str | Path] | None = None, *, row_limit: int = ROW_LIMIT,
                 time_limit: float = TIME_LIMIT_SECONDS) -> None:
        self.databases = {str(k): str(v) for k, v in (databases or {}).items()}
        self.row_limit = row_limit
        self.time_limit = time_limit
        self._engine: SqlEngine | None = None

    # recognize ------------------------------------------------------------------------------------

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if len(text) > MAX_STEP_CHARS:
            return None
        reading = read_request(text.strip(), self.databases)
        if reading is None:
            if bare_write(text):  # e.g. what a planner split off after "; ": never run, only a hint
                spec = {"operation": "run", "sql": text.strip(), "dialect": "sqlite", "database": None,
                        "target": None, "table": None}
                return Candidate(tool=self.name, operation="run", spec=spec, confidence=0.5, span=(0, len(text)),
                                 complete=False, reason="a bare SQL statement that writes; this tool only reads")
            return None
        spec = {"operation": reading.operation, "sql": reading.sql, "dialect": reading.dialect,
                "target": reading.target, "database": reading.database, "table": reading.table}
        if reading.noun:
            spec["noun"] = reading.noun
        if reading.runnable:
            spec["runnable"] = True
        if reading.names_only:
            spec["names_only"] = True
        query = not bare_write(reading.sql) and (not reading.runnable or _QUERY.match(reading.sql))
        if (reading.operation == "run" or reading.runnable) and not query:  # never run, only a hint
            why = "that writes" if bare_write(reading.sql) else "that is not a query (SELECT or WITH)"
            return Candidate(tool=self.name, operation="run", spec=spec, confidence=0.5, span=(0, len(text)),
                             complete=False, reason=f"a SQL statement {why}; this tool only reads")
        on_database = reading.operation in ("run", "check", "describe", "count") or reading.runnable
        why = self._choose(spec) if on_database and reading.database is None and len(self.databases) > 1 else None
        if why is not None:
            names, first = " or ".join(sorted(self.databases)), min(self.databases)
            ask = (f"which database should it run on: {names}? (say e.g. 'run on {first}: ...')" if reading.sql
                   else f"which database do you mean: {names}? (say e.g. '... in {first}')")
            ask = f"{why}; {ask}" if why else ask
            return Candidate(tool=self.name, operation=reading.operation, spec=spec, confidence=0.5,
                             span=(0, len(text)), complete=False, reason=ask)
        if reading.operation == "validate" and reading.dialect is None:
            spec["dialect"], spec["default_dialect"] = DEFAULT_DIALECT, True
        return self._candidate(spec, text, _REASONS[reading.operation])

    def _choose(self, spec: dict[str, Any]) -> str | None:
        """Bind ``spec`` to the one attached database it can mean (see `_attached`): None when it did, else why not
        ("" when there is nothing to say beyond the question which)."""
        schemas = {}
        for name in self.databases:
            try:
                schemas[name] = self.schema(name)
            except (OSError, ValueError, ToolInputError):
                return ""  # a database that cannot be read might be the one meant
        if spec.get("sql"):
            tables = _attached.tables_read(spec["sql"])
        elif spec.get("table"):
            tables = frozenset({spec["table"].lower()})
        elif spec.get("noun"):  # "how many singers are in the database": the one database with one such table
            held = sorted(n for n, schema in schemas.items() if len(schema.named_by(spec["noun"])) == 1)
            tables = frozenset(schemas[held[0]].named_by(spec["noun"])) if len(held) == 1 else None
        else:
            tables = None
        if tables is None:
            return ""
        chosen = [min(self.databases)] if not tables else _attached.holding(tables, schemas)
        if len(chosen) != 1:
            return _attached.why_not(tables, chosen)
        spec["database"], spec["chosen"] = chosen[0], _attached.why(tables, chosen[0])
        return None

    def _candidate(self, spec: dict[str, Any], text: str, reason: str) -> Candidate:
        return Candidate(tool=self.name, operation=spec["operation"], spec=spec, confidence=1.0,
                         span=(0, len(text)), complete=True, reason=reason,
                         interpretation=_model.interpret(spec, self.databases))

    # the work itself, in agentkit.tools.sql._engine --------------------------------------------

    @property
    def engine(self) -> SqlEngine:
        if self._engine is None:
            from agentkit.tools.sql._engine import SqlEngine

            self._engine = SqlEngine(self.databases, row_limit=self.row_limit, time_limit=self.time_limit)
        return self._engine

    def execute(self, candidate: Candidate) -> ToolResult:
        return self.engine.execute(candidate)

    def verify(self, result: ToolResult) -> Verdict:
        return self.engine.verify(result)

    def check(self, claim: Claim) -> Verdict:
        """Judge SQL: it must parse, and fit the schema of the database ``stated`` names (or the one bound)."""
        if isinstance(claim.reading, claims.Found):
            return claims.judge(self, claim)
        return self.engine.check(claim)

    def find_claims(self, text: str) -> list[Claim]:
        """SQL in free text: fenced code, inline code, a line of its own (see `agentkit.tools.sql.claims`)."""
        return claims.find_claims(self, text)

    # what a model needs to write a request, see agentkit.tools.base.DescribedFamily -------------------

    def with_databases(self, databases: Mapping[str, str | Path]) -> SqlFamily:
        """A copy of this family, with its limits, bound to ``databases`` (name -> SQLite file)."""
        return SqlFamily(databases, row_limit=self.row_limit, time_limit=self.time_limit)

    def schemas(self) -> dict[str, str]:
        """The attached databases as ``{name: "table(col, col); ..."}``; one that cannot be read is left out."""
        out = {}
        for name in self.databases:
            try:
                out[name] = _model.schema_text(self.schema(name).tables)
            except (OSError, ValueError, ToolInputError):
                continue
        return out

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's SELECT on an attached database as ``"run on <db>: <query>"``; see `_model.read_spec`."""
        return _model.read_spec(spec, detail, self.databases)

    def read_formal_request(self, operation: str, request: str) -> Candidate | None:
        """A certificate's formal request (the spec as JSON, `agentkit.tools.base.formal_request`) read back
        for ``execute``: an operation of this family only, and never a statement that writes."""
        try:
            spec = json.loads(request)
        except ValueError:
            return None
        if not isinstance(spec, dict) or operation not in _REASONS or spec.get("operation") != operation:
            return None
        if bare_write(str(spec.get("sql") or "")):
            return None
        return Candidate(tool=self.name, operation=operation, spec=spec, confidence=1.0, span=(0, 0),
                         complete=True, reason="read back from a certificate's formal request")

    def schema(self, name: str) -> Schema:
        """The schema of the attached database ``name`` (cached while the file is unchanged)."""
        return self.engine.schema(name)
