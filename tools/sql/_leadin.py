"""A question written before a statement ("largest capacity? SELECT max(Capacity) FROM stadium"), read with it.

The convention: the statement is the request. It runs read-only, and its SQL is the interpretation; the words
before it may only describe what it computes. They are accepted when they end in ``:`` or ``?`` (or frame the
statement as "what <noun> does <SQL> give"), hold at most `MAX_WORDS` words, and each word is one of:

- a word that carries no request of its own ("what", "is", "the", "list", "show", "sqlite");
- a word naming something the statement names: a table, a column, a function or a literal, compared by stem
  ("cities" ~ ``city``, "rooms" ~ ``room_count``, "type" ~ ``typeof``, "how old" ~ ``Age``), or a one-letter
  code the statement compares with ("left-handers" ~ ``hand = 'L'``);
- a word of `_NEEDS` whose meaning the statement has ("largest": ``max()`` or ``ORDER BY ... DESC``; "how many":
  ``count()``; "more than": a ``>``); a number must be one the statement holds. A word for an end that does not
  say of what ("largest", "first") needs a word naming the column the statement takes the end of.

The statement may narrow what the words ask (a ``WHERE`` they do not mention): it is the request, and the
interpretation shows it. What it computes must still be what they ask: each aggregate it selects needs a word
asking for it, a ``GROUP BY`` a word for the groups ("per", "each", "by"), a ``LIMIT`` a word for the end it
keeps or its number, ``count(DISTINCT x)`` a word for x.

A word that asks for something else ("explain", "fix", "convert", "valid"), extends the statement ("and", "also",
"then") or negates ("not", "without"), and a word that names nothing in the statement (a filter the SQL lacks:
"how many singers from France? SELECT count(*) FROM singer"), leave the request unread. Which end "oldest"
means depends on the column (the largest age, the smallest year); a column that is neither an age nor a date
leaves it unread.

    >>> described("what's the largest stadium capacity?", "SELECT max(Capacity) FROM stadium")
    True
    >>> described("what's the smallest stadium capacity?", "SELECT max(Capacity) FROM stadium")
    False
    >>> described("how many singers from france?", "SELECT count(*) FROM singer")
    False
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_WORDS", "described"]

MAX_WORDS = 14

# words that carry no request of their own
_FREE = frozenset("""
what which who whom whose where when how is are was were be been being do does did will can the a an of in on at to
for from with by all any some there it its this that these those they them their me my i we us our you your have has
had get give gives given show list tell find return returns returned produce produces output yield yields result
results value values row rows record records entry entries data sqlite sql query much only just exactly currently
stored kept please pls thanks come comes back here got
""".split())  # noqa: SIM905
# words that ask for something other than the statement's rows, extend it, or negate: never a description
_REFUSED = frozenset("""
explain explanation why fix fixed wrong error errors bug broken fail fails failing rewrite convert translate transpile
format reformat optimize optimise optimized optimised faster slow slower speed efficient improve simplify correct
correctly debug change modify add remove delete drop insert update replace valid validate check syntax parse plan
index instead should could would and also plus then but except excluding exclude without not no never nor or else
besides otherwise isn't aren't doesn't don't didn't won't can't means meaning
""".split())  # noqa: SIM905
_NUMBER_WORDS = {
    **{w: str(i) for i, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))},
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "dozen": "12",
}
# a word (or two) -> what the statement must hold for the word to describe it (any one of them)
_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("how many", "number of"), ("count", "sum")),
    **dict.fromkeys(("count", "counts", "tally"), ("count",)),
    **dict.fromkeys(("total", "sum", "combined", "altogether"), ("sum",)),  # "total number of": see _COUNTED
    **dict.fromkeys(("average", "avg", "mean"), ("avg",)),
    **dict.fromkeys(("largest", "biggest", "highest", "greatest", "maximum", "max", "most", "longest", "heaviest",
                     "tallest", "top", "best"), ("max", "desc")),
    **dict.fromkeys(("smallest", "lowest", "least", "fewest", "minimum", "min", "shortest", "lightest", "cheapest",
                     "worst"), ("min", "asc")),
    # which end is "oldest" depends on the column: the largest age, but the smallest year or date
    "oldest": ("up:age", "down:date"),
    "youngest": ("down:age", "up:date"),
    **dict.fromkeys(("newest", "latest", "recent", "recently"), ("down:age", "up:date", "up:other")),
    "earliest": ("up:age", "down:date", "down:other"),
    "first": ("min", "asc"),
    "last": ("max", "desc"),
    **dict.fromkeys(("at least",), ("gte",)),
    **dict.fromkeys(("at most",), ("lte",)),
    **dict.fromkeys(("more", "over", "above", "greater", "exceeding", "exceeds", "bigger", "larger", "higher",
                     "older", "after", "later", "longer"), ("gt", "gte")),
    **dict.fromkeys(("less", "fewer", "under", "below", "smaller", "lower", "younger", "before", "earlier",
                     "shorter", "cheaper"), ("lt", "lte")),
    **dict.fromkeys(("than",), ("gt", "gte", "lt", "lte")),
    **dict.fromkeys(("between",), ("between",)),
    **dict.fromkeys(("distinct", "different", "unique"), ("distinct",)),
    **dict.fromkeys(("per", "each", "every", "grouped", "breakdown"), ("group",)),
    **dict.fromkeys(("sorted", "ordered", "order", "sort", "ranked", "rank", "alphabetical", "alphabetically",
                     "ascending"), ("asc", "desc")),
    **dict.fromkeys(("descending",), ("desc",)),
}
# words of `_NEEDS` that are also the names of things ("orders"): a name when the statement has it
_NOUNS_TOO = frozenset({"order", "ordered", "sort", "rank", "ranked", "first", "last"})
# a word that names a column by another word ("how old": Age)
_ALSO: dict[str, set[str]] = {"old": {"age"}, "aged": {"age"}, "won": {"win", "winner"}, "lost": {"lose", "loser"}}
# words for an end of some column's values that do not say which column
_ENDS = frozenset({"largest", "biggest", "highest", "greatest", "maximum", "max", "most", "longest", "heaviest",
                   "tallest", "top", "best", "smallest", "lowest", "least", "fewest", "minimum", "min", "shortest",
                   "lightest", "cheapest", "worst", "first", "last"})
_IMPLIED: dict[str, set[str]] = {**dict.fromkeys(("heaviest", "lightest"), {"weight"}),
                                 **dict.fromkeys(("tallest",), {"height"}),
                                 **dict.fromkeys(("cheapest",), {"price", "cost"})}
_UNCLASSED = frozenset({"up:other", "down:other"})  # "latest" met by an end of a column neither age nor date
# dialects other than SQLite's own: a request that names one asks about the SQL, not its rows
_DIALECTS = frozenset({"postgres", "postgresql", "mysql", "mariadb", "tsql", "t-sql", "oracle", "bigquery",
                       "snowflake", "duckdb", "spark", "hive", "presto", "trino", "redshift", "clickhouse",
                       "databricks", "athena", "teradata", "mssql", "ansi", "dialect"})
_GROUPED = frozenset({"per", "each", "every", "by", "grouped", "breakdown", "group"})
_EXISTS = frozenset({"any", "exist", "exists"})
_COUNTED = frozenset({"how many", "number of", "count"})
_AGE = frozenset({"age"})
_DATE = frozenset({"date", "year", "born", "birth", "time", "day", "month", "founded", "created", "dob", "opened",
                   "since", "start", "started"})
_SHORT = {"what's": "what", "whats": "what", "who's": "who", "how's": "how", "it's": "it", "that's": "that"}
_KEYWORDS = frozenset("""
select from where group by order having limit offset asc desc and or not in is null as on join inner left right outer
cross union all distinct case when then else end between like glob exists with cast integer int real text numeric
""".split())  # noqa: SIM905
_WORD = re.compile(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?")


def _variants(word: str) -> set[str]:
    out = {word}
    for ending, instead in (("'s", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", ""), ("er", "")):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            out.add(word[: -len(ending)] + instead)
    return out


def _names(word: str, terms: set[str]) -> bool:
    """``word`` names one of ``terms`` by stem, or as a prefix of at least 4 letters ("type" ~ typeof)."""
    mine = _variants(word)
    for term in terms:
        theirs = _variants(term)
        if mine & theirs:
            return True
        for a in mine:
            for b in theirs:
                short, long = sorted((a, b), key=len)
                if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 4:
                    return True
    return False


def _features(ast: Any) -> set[str]:
    """What the statement holds that words of `_NEEDS` can describe."""
    from sqlglot import exp

    found = set()
    for kind, name in ((exp.Count, "count"), (exp.Sum, "sum"), (exp.Avg, "avg"), (exp.Max, "max"),
                       (exp.Min, "min"), (exp.GT, "gt"), (exp.GTE, "gte"), (exp.LT, "lt"), (exp.LTE, "lte"),
                       (exp.Between, "between"), (exp.Distinct, "distinct"), (exp.Group, "group")):
        if ast.find(kind) is not None:
            found.add(name)
    for node in ast.find_all(exp.Anonymous):
        if node.name.lower() == "total":  # SQLite's total(): a sum
            found.add("sum")
    ends = [(node.this, "up" if isinstance(node, exp.Max) else "down") for node in ast.find_all(exp.Max, exp.Min)]
    for ordered in ast.find_all(exp.Ordered):
        found.add("desc" if ordered.args.get("desc") else "asc")
        ends.append((ordered.this, "up" if ordered.args.get("desc") else "down"))
    for node, way in ends:  # "up:age" for max(Age) or ORDER BY Age DESC: what "oldest" needs
        parts = {w for c in node.find_all(exp.Column) for w in _terms(c.name)} if node is not None else set()
        found.add(f"{way}:{'age' if parts & _AGE else 'date' if parts & _DATE else 'other'}")
    return found


def _terms(sql: str) -> set[str]:
    """The words of the statement's names, functions and literals, split at ``_`` and case changes."""
    words = set()
    for token in re.findall(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*", sql):
        words.add(token.lower())
        for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", token.replace("_", " ")):
            words.add(part.lower())
    return {w for w in words if w not in _KEYWORDS}


def described(lead: str, sql: str) -> bool:
    """Whether the words ``lead`` only describe what the read-only statement ``sql`` computes (see the module)."""
    from agentkit.tools.sql._syntax import parse_strict
    from sqlglot import exp

    try:
        statements = [s for s in parse_strict(sql, "sqlite") if s is not None]
    except Exception:  # sqlglot raises more than its own errors on text that is not SQL
        return False
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        return False
    words = _WORD.findall(lead.lower().replace("\u2019", "'"))
    if not words or len(words) > MAX_WORDS:
        return False
    features, terms, codes = _features(statements[0]), _terms(sql), _codes(statements[0])
    literals = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", sql))
    if "mean" in words and {"does", "do", "did"} & set(words):  # "what does this mean": an explanation
        return False
    read = []  # (word, what it needs of the statement, or None)
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if pair in _NEEDS:
            read.append((pair, _NEEDS[pair]))
            i += 2
        else:
            read.append((_SHORT.get(words[i], words[i]), _NEEDS.get(words[i])))
            i += 1
    # a word such as "total" or "order" that names a column or table: a name, where another word of `_NEEDS`
    # says what the statement computes ("biggest order total: SELECT max(total) ..."), or a sort word names a table
    met = [w for w, need in read if need is not None and features & set(need)]
    for word, need in read:
        if word in _REFUSED:
            return False
        if need is not None and _names(word, terms) and (word in _NOUNS_TOO or set(met) - {word}):
            continue
        if word in ("total", "altogether", "combined") and _COUNTED & set(met):
            continue  # "the total number of singers": a count
        if need is not None:
            if not features & set(need):
                return False
        elif word[0].isdigit() or word in _NUMBER_WORDS:
            if _NUMBER_WORDS.get(word, word) not in literals:
                return False
        elif word in _DIALECTS:
            return False  # "T-SQL to SQLite: ...": a conversion, not a description
        elif word not in _FREE and not (len(word) > 1 and _names(word, terms) or _ALSO.get(word, set()) & terms
                                        or word[0] in codes):
            return False
    return _end_named(statements[0], read, met, features) and _computes_what_it_says(statements[0], read, met)


def _end_named(ast: Any, read: list[tuple[str, Any]], met: list[str], features: set[str]) -> bool:
    """A word for an end that does not say of what ("the lightest animal" may be ordered by its birth year) needs
    a word naming the column whose end the statement takes, or "alphabetically"; the end of a count ("the most
    singers": ORDER BY count(*)) needs none."""
    from sqlglot import exp

    needs = dict(read)
    ends = [w for w in met if w in _ENDS or (w in needs and not features & set(needs[w]) - _UNCLASSED)]
    if not ends:
        return True
    words = {w for w, _ in read} - set(ends)
    if words & {"alphabetically", "alphabetical"}:
        return True
    columns, counted = set(), False
    for node in ast.find_all(exp.Max, exp.Min, exp.Ordered):
        if node.this is None:
            continue
        counted |= node.this.find(exp.Count) is not None
        columns |= {t for column in node.this.find_all(exp.Column) for t in _terms(column.name)}
    if counted and set(ends) <= {"most", "least", "fewest", "top"}:
        return True
    if any(_IMPLIED.get(w, set()) & columns for w in ends):
        return True  # "the heaviest pet": its weight
    return any(_names(w, columns) for w in words)


def _computes_what_it_says(ast: Any, read: list[tuple[str, Any]], met: list[str]) -> bool:
    """Each aggregate the statement's SELECT list computes is one a word asks for ("what type is it: SELECT
    count(*) ..." asks for no count); a LIMIT needs a word for the end it keeps or its number; a count of
    distinct values needs a word for them ("how many singers: SELECT count(DISTINCT Country) ..." counts
    countries)."""
    from sqlglot import exp

    said = {kind for word, need in read if word in met for kind in need}
    said |= {"max" for kind in set(said) if kind.startswith("up:")} | {"min" for kind in set(said)
                                                                       if kind.startswith("down:")}
    if {w for w, _ in read} & _EXISTS:
        said.add("count")  # "does any property have ...": answered by a count
    query = ast
    while isinstance(query, exp.SetOperation):
        query = query.left
    selected = query.expressions if isinstance(query, exp.Select) else []
    for kind, name in ((exp.Count, "count"), (exp.Sum, "sum"), (exp.Avg, "avg"), (exp.Max, "max"), (exp.Min, "min")):
        if any(e.find(kind) is not None for e in selected) and name not in said:
            return False
    if any(a.name.lower() == "total" for e in selected for a in e.find_all(exp.Anonymous)) and "sum" not in said:
        return False
    words = {w for w, _ in read}
    limit, group = query.args.get("limit"), query.args.get("group")
    if group is not None and not words & _GROUPED:  # "how many: SELECT a, count(*) ... GROUP BY a" counts per a
        keys = {t for column in group.find_all(exp.Column) for t in _terms(column.name)}
        if limit is None or not said & {"max", "min", "asc", "desc"} or not any(_names(w, keys) for w in words):
            return False  # unless it keeps the top group the words name: "which species has the most animals"
    if limit is not None and not said & {"max", "min", "asc", "desc"} and not words & set(
            re.findall(r"\d+", limit.sql())):
        return False  # "which countries are in Europe: ... LIMIT 3" asks for all of them, or for no top three
    for count in (c for e in selected for c in e.find_all(exp.Count)):
        if isinstance(count.this, exp.Distinct) and not words & {"distinct", "different", "unique"}:
            named = {t for column in count.this.find_all(exp.Column) for t in _terms(column.name)}
            if not any(_names(w, named) for w in words):
                return False
    return True


def _codes(ast: Any) -> set[str]:
    """One-letter strings a column is compared with (``hand = 'L'``): codes for words that start with them."""
    from sqlglot import exp

    out = set()
    for node in ast.find_all(exp.EQ, exp.NEQ, exp.In):
        sides = [node.this, *node.expressions] if isinstance(node, exp.In) else [node.this, node.expression]
        if any(isinstance(side, exp.Column) for side in sides):
            out |= {side.this.lower() for side in sides
                    if isinstance(side, exp.Literal) and side.is_string and len(side.this) == 1 and side.this.isalpha()}
    return out
