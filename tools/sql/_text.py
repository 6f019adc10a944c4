"""How the SQL family reads a request: where the SQL is, and which instruction the words around it give.

The SQL is taken from a triple-backtick block, from single backticks, or from
after a colon or question mark; the words left over (the instruction) must match
one of the phrasings below in full, or the family declines.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["DIALECTS", "DIALECT_NAMES", "Reading", "read_request"]

# words people use for a dialect -> sqlglot's dialect name ("" is sqlglot's generic SQL)
DIALECTS: dict[str, str] = {
    "sql": "", "standard sql": "", "ansi sql": "", "ansi": "",
    "postgres": "postgres", "postgresql": "postgres", "postgre": "postgres", "pg": "postgres",
    "mysql": "mysql", "mariadb": "mysql", "sqlite": "sqlite", "sqlite3": "sqlite", "duckdb": "duckdb",
    "bigquery": "bigquery", "big query": "bigquery", "snowflake": "snowflake", "spark": "spark",
    "spark sql": "spark", "sparksql": "spark", "databricks": "databricks", "hive": "hive", "presto": "presto",
    "trino": "trino", "athena": "athena", "oracle": "oracle", "t-sql": "tsql", "tsql": "tsql",
    "sql server": "tsql", "mssql": "tsql", "ms sql": "tsql", "redshift": "redshift",
    "clickhouse": "clickhouse", "teradata": "teradata", "doris": "doris", "starrocks": "starrocks",
    "drill": "drill", "materialize": "materialize", "risingwave": "risingwave", "exasol": "exasol",
}
# sqlglot's name -> how an answer names it
DIALECT_NAMES: dict[str, str] = {
    "": "SQL", "postgres": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite", "duckdb": "DuckDB",
    "bigquery": "BigQuery", "snowflake": "Snowflake", "spark": "Spark SQL", "databricks": "Databricks",
    "hive": "Hive", "presto": "Presto", "trino": "Trino", "athena": "Athena", "oracle": "Oracle",
    "tsql": "T-SQL", "redshift": "Redshift", "clickhouse": "ClickHouse", "teradata": "Teradata",
    "doris": "Doris", "starrocks": "StarRocks", "drill": "Drill", "materialize": "Materialize",
    "risingwave": "RisingWave", "exasol": "Exasol",
}

MAX_INSTRUCTION_CHARS = 200
SLOT = "\u27e8sql\u27e9"  # stands for the SQL inside the instruction; never typed by a person

_KEYWORD = r"(?:select|with|insert|update|delete|drop|create|alter|attach|detach|pragma|replace|values|explain|" \
           r"truncate|merge|vacuum|begin|commit|rollback|reindex|analyze)\b"
_FENCE = re.compile(r"```[ \t]*(?P<tag>[A-Za-z0-9_-]*)[ \t]*\n(?P<sql>.*?)\n?[ \t]*```|```(?P<inline>[^`\n].*?)```",
                    re.DOTALL)
_AFTER_COLON = re.compile(rf"(?:[:?]\s+|:\s*|\n\s*)(?={_KEYWORD})", re.IGNORECASE)
_BACKTICKS = re.compile(rf"`(?P<sql>\s*{_KEYWORD}[^`]*)`", re.IGNORECASE)
# a statement that writes, written as SQL rather than as a sentence ("delete from the list ..." is not one)
_BARE_WRITE = re.compile(
    r"\s*(?:drop\s+(?:table|view|index|trigger)|delete\s+from\s+[\w\"`\[]+\s*(?:where\b|;|$)|insert\s+(?:or\s+\w+\s+)?"
    r"into\s+[\w\"`\[]+\s*(?:\(|values\b|select\b)|update\s+[\w\"`\[]+\s+set\s+\w+\s*=|attach\s+(?:database\s+)?'"
    r"|detach\s+(?:database\s+)?\w+\s*;?$|alter\s+table|create\s+(?:temp\w*\s+)?(?:table|view|index|trigger)"
    r"|pragma\s+\w+\s*=|replace\s+into|truncate\s+table)",
    re.IGNORECASE,
)

_D = "|".join(sorted((re.escape(k) for k in DIALECTS), key=len, reverse=True))
_NAME = r"[A-Za-z_][\w.-]*"


def _obj(tag: str) -> str:
    """The phrase that points at the SQL: the slot itself, or "this (mysql) query" when the SQL follows."""
    return (rf"(?:{SLOT}|(?:(?:this|that|these|the following|the|my|a)\s)?(?:(?P<{tag}>{_D})\s)?"
            rf"(?:sql\s)?(?:query|queries|statement|sql|code|select)|this|that|it|the following)")


_DB = rf"(?:the\s)?(?:(?P<db>{_NAME})(?:\s(?:database|db|schema))?|database|db|schema)"
_ON = r"(?:on|against|in|over|with|from|for)"

_PHRASES: dict[str, list[str]] = {
    "validate": [
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:a\s)?(?:syntactically\s)?(?:valid|correct|legal|proper)"
        rf"(?:\s(?P<d>{_D}))?(?:\s(?:syntax|code|query|statement))?",
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:syntactically\s)?(?:valid|correct)\s(?:in|for)\s(?P<d>{_D})",
        rf"(?:check|validate|verify|lint)(?:\sthe\s(?:syntax|validity)\sof)?(?:\s{_obj('o')})?"
        rf"(?:\s(?:as|in|for)\s(?P<d>{_D}))?",
        rf"does(?:\s{_obj('o')})?\sparse(?:\s(?:as|in)\s(?P<d>{_D}))?",
    ],
    "format": [
        rf"(?:format|reformat|pretty[- ]?print|prettify|beautify|indent)(?:\s{_obj('o')})?"
        rf"(?:\s(?:as|in|for)\s(?P<d>{_D}))?",
    ],
    "transpile": [
        rf"(?:convert|translate|transpile|rewrite|port)(?:\s{_obj('o')})?(?:\sfrom\s(?P<src>{_D}))?"
        rf"\s(?:in)?to\s(?P<dst>{_D})(?:\s(?:sql|syntax|dialect|query))?",
    ],
    "references": [
        rf"(?:what|which)\s(?:tables(?:\sand\scolumns)?|columns\sand\stables)\s(?:does|do)(?:\s{_obj('o')})?"
        rf"\s(?:read|use|reference|query|touch|access)(?:\sfrom)?",
        rf"(?:list|show|name|give|extract|find)(?:\sme)?(?:\sall)?\sthe\s(?:tables(?:\sand\s(?:the\s)?columns)?|"
        rf"columns\sand\s(?:the\s)?tables)\s(?:in|of|used\sby|read\sby|referenced\sby|that)(?:\s{_obj('o')})?"
        rf"(?:\s(?:reads|uses|references))?",
    ],
    "check": [
        rf"(?:check|validate|verify)(?:\s{_obj('o')})?\s(?:against|on|with|in|for)\s(?:the\sschema\sof\s)?{_DB}",
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:valid|correct)\s(?:against|on|for|in)\s{_DB}",
        rf"does(?:\s{_obj('o')})?\s(?:work|run|fit|match)(?:\s(?:on|against|in|with)\s{_DB})?",
    ],
    "run": [
        rf"(?:run|execute|exec)(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
        rf"query\s{_DB}",
        rf"what\sdoes(?:\s{_obj('o')})?\sreturn(?:\s{_ON}\s{_DB})?",
        rf"(?:show|give|get)(?:\sme)?\sthe\s(?:rows|results?|output)\sof(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
    ],
}
_DESCRIBE: list[str] = [
    rf"(?:what|which)\stables\s(?:are\s(?:there\s)?in|exist\sin|does)\s{_DB}(?:\s(?:have|contain))?",
    rf"(?:list|show|name)(?:\sme)?(?:\sall)?\sthe\stables\s(?:in|of)\s{_DB}",
    rf"describe\s{_DB}",
    rf"(?:describe|show(?:\sme)?|what\sis)\sthe\s(?:schema|structure|tables)\sof\s{_DB}",
    rf"show(?:\sme)?\sthe\sschema\sfor\s{_DB}",
    rf"(?:what|which)\scolumns\sdoes\s(?:the\s)?(?:table\s)?(?P<table>{_NAME})(?:\stable)?\shave\sin\s{_DB}",
    rf"(?:what\sare\sthe\scolumns\sof|describe)\s(?:the\s)?table\s(?P<table>{_NAME})(?:\s(?:in|of)\s{_DB})?",
]
# the SQL may also follow the words in backticks: "is this valid Postgres? `SELECT 1`"
_COMPILED = {op: [re.compile(rf"{p}(?:\s{SLOT})?") for p in pats] for op, pats in _PHRASES.items()}
_COMPILED["describe"] = [re.compile(p) for p in _DESCRIBE]


@dataclass(frozen=True, kw_only=True)
class Reading:
    """What the words of a request ask for.

    Attributes:
        operation: validate, format, transpile, references, check, run, describe.
        sql: the SQL text, as written ("" for describe).
        dialect / target: sqlglot dialect names; ``None`` when the words name none.
        database / table: as named in the request, or ``None``.
    """

    operation: str
    sql: str
    dialect: str | None = None
    target: str | None = None
    database: str | None = None
    table: str | None = None


def _split(text: str) -> tuple[str, str] | None:
    """(instruction with `SLOT` where the SQL was, SQL), or None when no SQL is marked off."""
    fences = list(_FENCE.finditer(text))
    if fences:
        if len(fences) != 1 or text.count("```") != 2:
            return None
        fence = fences[0]
        sql = fence.group("sql") if fence.group("sql") is not None else fence.group("inline")
        tag = (fence.group("tag") or "").lower()
        if tag and tag not in DIALECTS:  # "```SELECT\n..." has no language tag: its first word is SQL
            sql, tag = f"{fence.group('tag')}\n{sql}", ""
        before, after = text[: fence.start()].rstrip(), text[fence.end():]
        before = re.sub(r"[:?]$", "", before)
        return f"{before} {(tag + ' ') if tag and tag != 'sql' else ''}{SLOT}{after}", sql
    if "`" in text:
        quoted = list(_BACKTICKS.finditer(text))
        if len(quoted) == 1 and text.count("`") == 2:
            return text[: quoted[0].start()] + SLOT + text[quoted[0].end():], quoted[0].group("sql")
    colon = _AFTER_COLON.search(text)
    if colon is not None:
        return text[: colon.start()], text[colon.end():]
    return None


def _normalize(instruction: str) -> str:
    words = re.sub(r"[?!:,]|\.(?=\s|$)", " ", instruction.lower())
    return " ".join(words.split())


def _database(name: str | None) -> str | None:
    """A database's name as written; None for the bare words "the database"."""
    return None if name is None or name in ("database", "db", "schema") else name


def _dialect(groups: dict[str, str | None], *names: str) -> str | None:
    for name in names:
        if groups.get(name):
            return DIALECTS[groups[name]]
    return None


def read_request(text: str, databases: Collection[str]) -> Reading | None:
    """The request's reading, when its whole instruction is one of the phrasings; else None."""
    split = _split(text)
    if split is None:
        return _describe(text, databases) if databases else None
    instruction, sql = split
    sql = sql.strip()
    if not sql or len(instruction) > MAX_INSTRUCTION_CHARS:
        return None
    words = _normalize(instruction)
    for operation in ("validate", "format", "transpile", "references", "check", "run"):
        if operation in ("check", "run") and not databases:
            continue
        for pattern in _COMPILED[operation]:
            match = pattern.fullmatch(words)
            if match is None:
                continue
            groups = match.groupdict()
            database = _database(groups.get("db"))
            if operation in ("check", "run"):
                if database is None and len(databases) != 1:
                    continue
                if _dialect(groups, "o") not in (None, "", "sqlite"):
                    continue  # the attached databases are SQLite
            source = _dialect(groups, "d", "o", "src") if operation != "transpile" else _dialect(groups, "src", "o")
            if operation == "validate" and all((groups.get(k) or "sql") == "sql" for k in ("d", "o")):
                source = None  # "valid SQL" names no dialect: the family's default applies
            if operation == "transpile" and groups.get("src") and groups.get("o") \
                    and DIALECTS[groups["src"]] != DIALECTS[groups["o"]]:
                return None
            return Reading(operation=operation, sql=sql, dialect=source,
                           target=_dialect(groups, "dst"), database=database)
    return None


def _describe(text: str, databases: Collection[str]) -> Reading | None:
    words = _normalize(text)
    for pattern in _COMPILED["describe"]:
        match = pattern.fullmatch(words)
        if match is None:
            continue
        database, table = _database(match.group("db")), match.groupdict().get("table")
        known = {d.lower() for d in databases}
        if database is None:
            if len(databases) != 1:
                continue  # "describe the database" needs exactly one attached
        elif database.lower() not in known:
            continue
        return Reading(operation="describe", sql="", database=database, table=table)
    return None


def bare_write(text: str) -> bool:
    """The whole step is a SQL statement that writes (a piece the planner split off after a ';')."""
    return bool(_BARE_WRITE.match(text)) and "```" not in text
