"""The instructions the SQL family knows, as regular expressions over lowercased words with `SLOT` where the SQL is.

Each phrase must match an instruction whole (``fullmatch``): a word no phrase accounts for leaves the request
unread. Phrases are built from parts (a dialect, "this query", a database, a table) so that a class of requests
("<dialect> to <dialect>: <SQL>", "is <SQL> valid?", "<SQL> -- is that valid?") is one entry, not one per sentence.
"""

from __future__ import annotations

import re

__all__ = ["COUNT", "DESCRIBE", "DIALECTS", "DIALECT_NAMES", "PHRASES", "SLOT", "polite"]

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

SLOT = "\u27e8sql\u27e9"  # stands for the SQL inside the instruction; never typed by a person

_D = "|".join(sorted((re.escape(k) for k in DIALECTS), key=len, reverse=True))
_NAME = r"[A-Za-z_][\w.-]*"
_NOUN = r"(?:sql\s)?(?:query|queries|statement|sql|code|select)"


def _obj(tag: str) -> str:
    """The phrase that points at the SQL: the slot itself, or "this (mysql) query" when the SQL follows."""
    return (rf"(?:{SLOT}|(?:(?:this|that|these|the\sfollowing|the|my|a)\s)?(?:(?P<{tag}>{_D})(?:\s{_NOUN})?|{_NOUN})"
            rf"|this|that|it|the\sfollowing)")


_DB = rf"(?:the\s)?(?:(?P<db>{_NAME})(?:\s(?:database|db|schema))?|database|db|schema)"
_ON = r"(?:on|against|in|over|with|from|for)"
_IT_IS = r"(?:it's|it\sis|from|source\sis|the\ssource\sis|source)"
_THIS = r"(?:(?:this|the|my)\s)?"


def polite(pattern: str) -> str:
    """``pattern`` with the courtesies around it that carry no meaning: "can you ...", "please", "thanks"."""
    return (rf"(?:(?:(?:can|could|would)\syou|pls|please)\s(?:please\s)?)?{pattern}"
            rf"(?:\s(?:please|pls|thanks|thank\syou|for\sme))?(?:\s{SLOT})?(?:\s(?:please|pls|thanks|thank\syou))?")


_PHRASES: dict[str, list[str]] = {
    "validate": [
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:a\s)?(?:syntactically\s)?(?:valid|correct|legal|proper|well[- ]formed|ok"
        rf"|okay|fine)(?:\s(?P<d>{_D}))?(?:\s(?:syntax|code|query|statement))?",
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:syntactically\s)?(?:valid|correct)\s(?:in|for)\s(?P<d>{_D})",
        rf"(?:check|validate|verify|lint)(?:\sthe\s(?:syntax|validity)(?:\sof)?)?(?:\s{_obj('o')})?"
        rf"(?:\s(?:as|in|for)\s(?P<d>{_D}))?",
        rf"does(?:\s{_obj('o')})?\sparse(?:\s(?:as|in)\s(?P<d>{_D}))?",
        rf"(?:can|does|would)\s(?P<d>{_D})\s(?:parse|accept)(?:\s{_obj('o')})?",
        rf"(?:syntax|validity)\scheck(?:\s(?:of|on|for)\s{_obj('o')})?",
        rf"(?:valid|correct)(?:\s(?P<d>{_D}))?(?:\sor\snot)?",
        # the question after the SQL: "<SQL> -- is that valid?"
        rf"{SLOT}\s(?:(?:is|are)\s(?:that|this|it|these)\s)?(?:valid|correct)(?:\s(?P<d>{_D}))?(?:\sor\snot)?",
    ],
    # "would it run": valid SQLite, and every name in the schema of the database it would run on
    "runnable": [
        rf"(?:would|will|could|can)(?:\s{_obj('o')})?\s(?:run|execute|work)(?:\s(?:ok|okay|fine|as\sis))?"
        rf"(?:\s{_ON}\s{_DB})?",
        rf"{SLOT}\s(?:would|will|could|can)\s(?:it|this|that)\s(?:run|execute|work)(?:\s{_ON}\s{_DB})?",
        rf"(?:is|are)(?:\s{_obj('o')})?\s(?:runnable|executable)(?:\s{_ON}\s{_DB})?",
    ],
    "format": [
        rf"(?:format|reformat|pretty[- ]?print|prettify|beautify|indent|tidy(?:\sup)?|clean\sup)(?:\s{_obj('o')})?"
        rf"(?:\s(?:as|in|for)\s(?P<d>{_D}))?",
        rf"clean\sup\sthe\sformatting(?:\sof)?(?:\s{_obj('o')})?",
        rf"make\s{_obj('o')}\s(?:readable|pretty|more\sreadable)",
    ],
    "transpile": [
        rf"(?:convert|translate|transpile|rewrite|port|turn)(?:\s{_obj('o')})?(?:\sfrom\s(?P<src>{_D}))?"
        rf"\s(?:in)?to\s(?P<dst>{_D})(?:\s(?:sql|syntax|dialect|query))?(?:\sfrom\s(?P<src2>{_D}))?",
        rf"(?:convert|translate|transpile|rewrite|port)\s(?P<src>{_D})\s{SLOT}\s(?:in)?to\s(?P<dst>{_D})",
        rf"(?:convert|translate|transpile|rewrite|port)(?:\s{_obj('o')})?\s(?:for|in|into)\s(?P<dst>{_D})"
        rf"(?:\s\({_IT_IS}\s(?P<src>{_D})\))?",
        rf"(?P<src>{_D})\s(?:to|->|→|into)\s(?P<dst>{_D})",
        rf"how\s(?:do|would|can|should)\s(?:i|you|we)\s(?:write|express|say)(?:\s{_obj('o')})?\sin\s(?P<dst>{_D})",
        rf"what(?:'s|\sis)\sthe\s(?P<dst>{_D})\s(?:version|equivalent)\sof(?:\s{_obj('o')})?"
        rf"(?:\s\({_IT_IS}\s(?P<src>{_D})\))?",
        rf"(?:what(?:'s|\sis)\s)?{SLOT}\s(?:in|as)\s(?P<dst>{_D})(?:\s(?:syntax|dialect))?(?:\s\({_IT_IS}\s(?P<src>{_D})\))?",
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
        SLOT,  # a bare statement: on the only database attached (with several, the answer asks which)
        rf"(?:run|execute|exec)(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
        rf"query\s{_DB}",
        r"query",
        rf"in\ssqlite\swhat(?:'s|\sis)(?:\s{_obj('o')})?",
        rf"what\s(?:does|would)\ssqlite\s(?:return|give|output|say)(?:\sfor(?:\s{_obj('o')})?)?",
        rf"what\s(?:does|would|will)(?:\s{_obj('o')})?\s(?:return|give|output|produce|yield)(?:\s(?:me|us|back))?"
        rf"(?:\s{_ON}\s{_DB})?",
        rf"(?:what(?:'s|\sis)\s)?(?:the\s)?(?:output|result|answer)\s(?:of|to|for)(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
        rf"(?:tell\sme\s)?what\s{SLOT}\s(?:returns|gives|outputs|produces|yields)",
        rf"{SLOT}\s(?:returns|gives|outputs|produces|yields)\swhat",
        rf"what\s(?:comes\sout\sof|is\sreturned\sby|do\s(?:i|we|you)\sget\s(?:from|for|out\sof))(?:\s{_obj('o')})?",
        rf"(?:evaluate|compute|calculate)(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
        rf"{SLOT}\swhat\s(?:comes\sback|does\sit\sreturn|is\sthe\sresult)",
        rf"(?:show|give|get)(?:\sme)?\sthe\s(?:rows|results?|output)\sof(?:\s{_obj('o')})?(?:\s{_ON}\s{_DB})?",
    ],
}
# "on shop:", "in the shop db,", "shop:" in front of a request on a database: only a name that is attached
LOCATOR = re.compile(rf"(?:(?:on|in|for|against|using)\s)?(?:the\s)?(?P<db>{_NAME})(?:\s(?:database|db|schema))?\s")
LOCATOR_AFTER = re.compile(rf"\s(?:on|in|against|using)\s(?:the\s)?(?P<db>{_NAME})(?:\s(?:database|db|schema))?$")

_T = rf"(?:the\s)?(?:table\s)?(?P<table>{_NAME})(?:\stable)?"
_IN_DB = rf"(?:\s(?:\((?:(?:in|of|on|from)\s)?|(?:in|of|on|from)\s){_DB}\)?)?"
_WORDS = r"(?!(?:rows|records|entries|tables|columns)\b)[a-z][a-z_]*(?:\s[a-z][a-z_]*){0,2}"
_TABLES = r"(?:tables|table\snames|table\slist|list\sof\stables)"
_COLUMNS = r"(?:columns|fields|column\snames|attributes)"
_SHAPE = r"(?:schema|structure|layout|definition)"  # of a table: its columns; of a database: its tables
_ONLY_TABLES = rf"(?:(?:just|only)\s(?:the\s)?(?P<only>{_TABLES})|(?P<only2>{_TABLES})\sonly|{_TABLES}|(?:which|what)\stables)"
_BY_COLUMN = r"(?:column[- ]?wise|by\scolumns?|in\sterms\sof\s(?:its\s)?columns|\((?:its\s)?(?:columns|fields)\))"
_ORGANISED = r"(?:organi[sz]ed|structured|laid\sout|set\sup|arranged)"
_DESCRIBE: list[str] = [
    # "what's in the shop database, table names only", "how is shop organised, which tables"
    rf"(?:what's|whats|what\sis)\sin\s{_DB}\s{_ONLY_TABLES}",
    rf"how\sis\s{_DB}\s{_ORGANISED}(?:\s{_ONLY_TABLES})?",
    rf"what\sdoes\s{_DB}\slook\slike(?:\s{_ONLY_TABLES})?",
    # "what's in the orders table, column-wise", "what does the orders table look like (columns)"
    rf"(?:what's|whats|what\sis)\sin\s{_T}\s{_BY_COLUMN}{_IN_DB}",
    rf"what\sdoes\s{_T}\slook\slike(?:\s{_BY_COLUMN})?{_IN_DB}",
    rf"how\sis\s{_T}\s{_ORGANISED}(?:\s{_BY_COLUMN})?{_IN_DB}",
    rf"(?:what|which)\stables\s(?:are\s(?:there\s)?(?:in|on)|exist\sin|does|do)\s{_DB}(?:\s(?:have|contain))?",
    rf"(?:list|show|name|give|enumerate|get|tell)(?:\sme)?(?:\sall)?(?:\sthe)?(?:\snames\sof\s(?:all\s)?the)?"
    rf"\s{_TABLES}(?:\s(?:in|of|for|on)\s{_DB})?",
    rf"(?:(?:list|show|name|give|get)(?:\sme)?\s|what\sare\s)?(?P<db>{_NAME})'s\s{_TABLES}",
    rf"{_TABLES}\s(?:in|of|on)\s{_DB}",
    rf"{_DB}\s{_ONLY_TABLES}(?:\s(?:exist|are\sthere))?",
    rf"{_DB}\s{_SHAPE}",
    rf"(?:the\s)?{_SHAPE}\s(?:of|for)\s{_DB}",
    r"(?:what|which)\stables(?:\s(?:are\sthere|exist))?",
    rf"describe\s{_DB}",
    rf"(?:describe|show(?:\sme)?|what\sis)\sthe\s(?:schema|structure|tables)\sof\s{_DB}",
    rf"show(?:\sme)?\sthe\sschema\sfor\s{_DB}",
    rf"(?:what|which)\s{_COLUMNS}\s(?:does|do)\s{_T}\shave{_IN_DB}",
    rf"(?:what|which)\s{_COLUMNS}\sare\s(?:there\s)?in\s{_T}{_IN_DB}",
    rf"(?:list|show|give|name|get)(?:\sme)?(?:\sall)?\sthe\s{_COLUMNS}\s(?:of|in|for)\s{_T}{_IN_DB}",
    rf"(?:the\s)?{_COLUMNS}\s(?:of|in)\s{_T}{_IN_DB}",
    rf"what\sare\sthe\s{_COLUMNS}\sof\s{_T}{_IN_DB}",
    rf"describe\s(?:the\s)?table\s(?P<table>{_NAME}){_IN_DB}",
    rf"describe\sthe\s(?P<table>{_NAME})\stable{_IN_DB}",
    rf"{_T}\s(?:has|have)\swhich\s{_COLUMNS}",
    rf"{_T}(?:\s{_COLUMNS}|\swhich\s{_COLUMNS}|\s{_SHAPE})",
    rf"(?:list|show|give|name|get)(?:\sme)?\s{_T}\s{_COLUMNS}{_IN_DB}",
    rf"(?:(?:list|show|give|name|get)(?:\sme)?\s|what\sare\s)?(?P<table>{_NAME})'s\s{_COLUMNS}{_IN_DB}",
    rf"(?:the\s)?{_SHAPE}\s(?:of|for)\s(?:the\s)?(?:table\s)?(?P<table>{_NAME})(?:\stable)?{_IN_DB}",
    rf"(?:list|show|give|name)(?:\sme)?\s(?P<table>{_NAME})'s\s{_COLUMNS}{_IN_DB}",
    rf"(?:describe|show(?:\sme)?|what\sis|what's)\sthe\s(?:schema|structure|columns|layout)\sof\s(?:the\s)?(?:table\s)?"
    rf"(?P<table>{_NAME})(?:\stable)?",
]
# row counts of a table that must exist: "how many rows are in singer?", "how many rows does the singer table have"
_COUNT: list[str] = [
    rf"how\smany\s(?:rows|records|entries)\s(?:are\s(?:there\s)?in|does)\s{_T}(?:\shave|\scontain)?{_IN_DB}",
    rf"(?:count|number\sof)\s(?:the\s)?(?:rows|records|entries)\s(?:in|of)\s{_T}{_IN_DB}",
    rf"how\sbig\sis\s{_T}{_IN_DB}",
    # a noun for the table: "how many concerts are there in shop", "count the car makers in shop"
    rf"how\smany\s(?P<noun>{_WORDS})\s(?:are|were|is)(?:\s(?:there|recorded|stored|listed|registered))?\sin\s{_DB}",
    rf"how\smany\s(?P<noun>{_WORDS})\s(?:does|do)\s{_DB}\s(?:have|contain|hold|list)",
    rf"(?:count|number\sof)\s(?:the\s)?(?:all\s)?(?P<noun>{_WORDS})\s(?:in|on)\s{_DB}",
    rf"how\smany\s(?P<noun>{_WORDS})\s(?:are|were)(?:\sthere)?\sin\s(?:the\s)?(?P<table>{_NAME})\stable{_IN_DB}",
]

PHRASES = {op: [re.compile(polite(p)) for p in pats] for op, pats in _PHRASES.items()}
DESCRIBE = [re.compile(polite(p)) for p in _DESCRIBE]
COUNT = [re.compile(polite(p)) for p in _COUNT]
