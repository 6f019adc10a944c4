"""What sqlglot lets through that a dialect rejects: structural checks on the parsed tree and on the tokens.

sqlglot is lenient by design: it reads ``GROUP BY`` with nothing after it, a ``JOIN`` without ``ON`` in
PostgreSQL, and ``a > > 3`` (as the shift ``a >> 3``). "sqlglot parsed it" is not proof of validity, so a
validity answer that no dialect's own compiler confirms says how far it goes (see `SqlEngine._validate`).
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import TokenError
from sqlglot.tokens import TokenType

__all__ = ["ORACLE_DIALECTS", "doubts", "problems"]

# where the dialect's own compiler answers (see _syntax.independent_verdict): a plain "valid" is earned there
ORACLE_DIALECTS = frozenset({"sqlite"})
# an inner JOIN must say ON or USING (CROSS and NATURAL joins aside): the standard, and these dialects' grammars
_JOIN_NEEDS_CONDITION = frozenset({"", "postgres", "redshift", "duckdb", "tsql", "oracle", "bigquery", "presto",
                                   "trino", "athena"})
# a JOIN without a condition is a cross join here
_JOIN_MAY_OMIT_CONDITION = frozenset({"mysql", "sqlite", "spark", "databricks"})
# an outer join (LEFT, RIGHT, FULL) must say ON or USING here; SQLite and Spark read it without one
_OUTER_NEEDS_CONDITION = _JOIN_NEEDS_CONDITION | {"mysql"}
_OUTER_MAY_OMIT_CONDITION = frozenset({"sqlite", "spark", "databricks"})
# a comma before FROM (or a closing parenthesis) is a syntax error here; BigQuery, DuckDB, Snowflake allow some
_NO_TRAILING_COMMA = frozenset({"postgres", "mysql", "tsql", "oracle", "redshift", "sqlite", "presto", "trino",
                                "athena", "materialize", "risingwave", "spark", "databricks", "hive"})
_JOIN_WORDS = frozenset(getattr(TokenType, n) for n in ("JOIN", "APPLY", "STRAIGHT_JOIN") if hasattr(TokenType, n))
_FROM_ENDS = frozenset({TokenType.FROM, TokenType.R_PAREN})


def _joins(statements: list[exp.Expr]) -> list[exp.Join]:
    return [j for s in statements for j in s.find_all(exp.Join)]


def _conditionless(join: exp.Join) -> str | None:
    """"inner" or "outer" for a JOIN written without ON or USING (and not CROSS, NATURAL, LATERAL, UNNEST)."""
    if join.args.get("on") is not None or join.args.get("using") or "pivots" not in join.args:
        return None  # "pivots" is set only where the text said JOIN: "t, u" is a plain cross join
    if (join.args.get("kind") or "").upper() in ("CROSS", "STRAIGHT_JOIN") or join.args.get("method"):
        return None
    if isinstance(join.this, (exp.Lateral, exp.Unnest)):
        return None
    return "outer" if join.args.get("side") else "inner"


def _tokens(sql: str, dialect: str) -> list:
    try:
        return list(Dialect.get_or_raise(dialect).tokenize(sql))
    except TokenError:
        return []


def problems(statements: list[exp.Expr], sql: str, dialect: str) -> list[str]:
    """What makes ``sql`` invalid in ``dialect`` although sqlglot read it; empty when nothing is found."""
    found: list[str] = []
    for group in (g for s in statements for g in s.find_all(exp.Group)):
        if not any(group.args.get(k) for k in ("expressions", "grouping_sets", "cube", "rollup", "totals", "all")):
            found.append("GROUP BY has nothing after it")
    for order in (o for s in statements for o in s.find_all(exp.Order)):
        if not order.expressions:
            found.append("ORDER BY has nothing after it")
    for join in _joins(statements):
        kind = _conditionless(join)
        if kind == "inner" and dialect in _JOIN_NEEDS_CONDITION:
            found.append(f"JOIN {join.this.sql(dialect)} has no ON or USING")
        elif kind == "outer" and dialect in _OUTER_NEEDS_CONDITION:
            found.append(f"{join.args['side'].upper()} JOIN {join.this.sql(dialect)} has no ON or USING")
    tokens = _tokens(sql, dialect)
    for token, after in zip(tokens, tokens[1:]):
        if token.token_type == after.token_type and token.token_type in (TokenType.GT, TokenType.LT) \
                and after.start > token.end + 1:
            found.append(f"'{token.text} {after.text}': two comparison operators in a row")
        if token.token_type == TokenType.COMMA and after.token_type in _FROM_ENDS and dialect in _NO_TRAILING_COMMA:
            found.append(f"a comma before {after.text.upper()}")
    return found


def doubts(statements: list[exp.Expr], sql: str, dialect: str) -> list[str]:
    """Constructs whose validity in ``dialect`` these checks cannot decide."""
    found = []
    for join in _joins(statements):
        kind = _conditionless(join)
        if kind == "inner" and dialect not in _JOIN_NEEDS_CONDITION | _JOIN_MAY_OMIT_CONDITION \
                or kind == "outer" and dialect not in _OUTER_NEEDS_CONDITION | _OUTER_MAY_OMIT_CONDITION:
            found.append(f"whether {dialect} allows a JOIN without ON or USING")
    tokens = _tokens(sql, dialect)
    conditions = sum(1 for t in tokens if t.token_type in (TokenType.ON, TokenType.USING))
    supplied = sum(1 for j in _joins(statements) if j.args.get("on") is not None or j.args.get("using")) > conditions
    if supplied and dialect not in _OUTER_MAY_OMIT_CONDITION:  # Spark's ON TRUE says what the text means there
        found.append("a JOIN condition sqlglot supplied that the text does not have")
    explicit = sum(1 for t in tokens if t.token_type in _JOIN_WORDS)
    written = sum(1 for j in _joins(statements) if "pivots" in j.args)
    if explicit != written:
        found.append("how the JOINs are written (sqlglot's tree does not show every JOIN keyword)")
    return found
