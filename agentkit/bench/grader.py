"""The one grader every benchmark uses: does an answer mean the gold answer?

``grade(gold, got, kind=...)`` dispatches on the gold answer's kind. It is generous in format and never in
value: numbers exactly (a decimal may approximate only within the rounding it shows), expressions by sympy
equivalence under a time limit, units converted to the asked unit, sets and lists, booleans, clock times,
LaTeX answers after a plain rewrite, and SQL by the rows it returns. Text is read with the project's own safe
parser (``agentkit.tools.math._parser``) and a plain pint registry, never ``eval``, ``sympify`` or
``parse_expr``; every path returns ``False`` rather than raise, so an answer the grader cannot read is wrong.

Kinds: ``mathematics`` (DeepMind's answers; ``category`` a ``measurement__`` module reads the asked unit from
``question``), ``amount`` (one number, as GSM8K/SVAMP/ASDiv give it), ``latex`` (MATH-500), ``regex`` (a
pattern, compared as text), ``rows`` (gold SQL run on ``database``), every chat kind of
``agentkit.bench.chat_grading`` (``number``, ``unit``, ``set``, ``bool``, ``clock``, ...), and ``auto``.

    >>> grade("0.5", "1/2")
    True
    >>> grade("\\\\frac{14}{3}", "14/3", kind="latex")
    True
    >>> grade("True", "yes")
    True
"""

from __future__ import annotations

import re
import sqlite3
from fractions import Fraction
from pathlib import Path

import sympy

from agentkit.bench.chat_grading import grade as grade_kind
from agentkit.bench.grading import equivalent, same_answer, same_number

__all__ = ["KINDS", "final_answer", "grade", "rows_of_sql", "sole_number"]

SQL_ROW_LIMIT = 10_000
SQL_STEP_LIMIT = 5_000_000  # SQLite virtual-machine steps one graded query may take
CHAT_KINDS = ("number", "percent", "unit", "expression", "antiderivative", "factored", "set", "list", "tuple",
              "assignment", "bool", "clock", "factorization", "base", "mixed", "string")
KINDS = ("auto", "mathematics", "amount", "latex", "regex", "rows", *CHAT_KINDS)

_BOOLEAN = {"true": "True", "yes": "True", "false": "False", "no": "False"}
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
_FINAL_PREFIX = re.compile(r"^(?:\**\s*)?(?:final answer|answer|result|so|therefore|thus)\s*(?:is)?\s*[:=]?\s*",
                           re.IGNORECASE)
_BOXED = re.compile(r"\\boxed\{")


def grade(gold: str | None, got: str | None, *, kind: str = "auto", places: int | None = None,
          question: str = "", category: str = "", database: str | Path | None = None) -> bool:
    """Whether ``got`` means ``gold``.

    Args:
        gold: the gold answer (for ``rows``, the gold SQL query).
        got: the answer to grade, as the system wrote it.
        kind: how to read both (see the module docstring); ``auto`` guesses from the gold answer.
        places: the decimal places the question asked for, if any.
        question, category: context some kinds need (the asked unit of a measurement question).
        database: the SQLite file ``rows`` runs both queries on.

    Returns:
        True only when the answer is right; False when it is wrong, empty or unreadable.
    """
    if gold is None or got is None or not got.strip():
        return False
    try:
        return bool(_grade(str(gold).strip(), got.strip(), kind, places, question, category, database))
    except Exception:  # noqa: BLE001 - unreadable is wrong, never a crash
        return False


def _grade(gold: str, got: str, kind: str, places: int | None, question: str, category: str,
           database: str | Path | None) -> bool:
    if kind == "auto":
        kind = _guess_kind(gold)
    if kind == "mathematics":
        if category.startswith("measurement__"):
            from agentkit.bench.units import asked_unit, same_quantity

            return same_quantity(gold, got, asked_unit(question))
        return same_answer(gold, got)
    if kind == "amount":
        return same_number(Fraction(gold), got)
    if kind == "latex":
        return _same_latex(gold, got)
    if kind == "regex":
        return _strip_quotes(got) == gold
    if kind == "rows":
        return database is not None and _same_rows(gold, got, Path(database))
    if kind == "bool":
        return grade_kind("bool", _BOOLEAN.get(gold.casefold(), gold), got)
    return grade_kind(kind, gold, got, places=places)


def _guess_kind(gold: str) -> str:
    if gold.casefold() in _BOOLEAN:
        return "bool"
    if _PLAIN_NUMBER.fullmatch(gold):
        return "number"
    return "mathematics"


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "`'\"/":
        return text[1:-1]
    return text


def final_answer(text: str) -> str:
    """The answer a model's reply ends on: a ``\\boxed{...}`` body, else its last line without "Answer:".

    Example:
        >>> final_answer("12 * 2 = 24\\nAnswer: 24")
        '24'
    """
    boxed = list(_BOXED.finditer(text))
    if boxed:
        body = _braced(text, boxed[-1].end() - 1)
        if body is not None:
            return body.strip()
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    last = _FINAL_PREFIX.sub("", lines[-1]).strip().strip("*").strip()
    return last.rstrip(".") if not re.search(r"\d\.$", last) or last.endswith("..") else last[:-1]


_NUMBER_TOKEN = re.compile(r"-?\$?\d[\d,]*(?:\.\d+)?(?:/\d+)?")


def sole_number(text: str) -> str | None:
    """The one number a sentence states ("The answer is $1,018." gives "$1,018"); None for none or several.

    Example:
        >>> sole_number("So she has 18 eggs left."), sole_number("12 * 2 = 24")
        ('18', None)
    """
    found = _NUMBER_TOKEN.findall(text)
    return found[0].rstrip(",") if len(found) == 1 else None


def _braced(text: str, opening: int) -> str | None:
    """The text inside the brace group that opens at ``opening``; None when it does not close."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[opening + 1:index]
    return None


# --- LaTeX (MATH-500): rewritten into the plain notation the project's parser reads ---------------------

_LATEX_DROP = ("\\left", "\\right", "\\!", "\\,", "\\;", "\\:", "\\displaystyle", "$", "^\\circ", "^{\\circ}",
               "\\circ", "\\%", "%", "\\$", "°")
_LATEX_WORDS = {"\\pi": "pi", "\\cdot": "*", "\\times": "*", "\\div": "/", "\\infty": "oo", "\\le": "<=",
                "\\ge": ">=", "\\dfrac": "\\frac", "\\tfrac": "\\frac"}


def _latex_plain(text: str) -> str:
    text = re.sub(r"\\text\{\s*\}", "", text.strip())
    text = re.sub(r"\\(?:text|textbf|mathrm|mbox)\{([^{}]*)\}", r"\1", text)
    for token in _LATEX_DROP:
        text = text.replace(token, "")
    for token, plain in _LATEX_WORDS.items():
        text = text.replace(token, plain)
    for _ in range(20):  # innermost groups first, so nesting unwinds
        before = text
        text = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", text)
        text = re.sub(r"\\frac(\d)(\d)", r"(\1/\2)", text)
        text = re.sub(r"\\sqrt\[([^{}\]]*)\]\{([^{}]*)\}", r"((\2)**(1/(\1)))", text)
        text = re.sub(r"\\sqrt\{([^{}]*)\}", r"sqrt(\1)", text)
        text = re.sub(r"\\sqrt(\d+|[a-z])", r"sqrt(\1)", text)
        text = re.sub(r"\^\{([^{}]*)\}", r"**(\1)", text)
        if text == before:
            break
    text = re.sub(r"\^(\w)", r"**\1", text)
    text = text.replace("{", "(").replace("}", ")")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 10,080 is one number
    return " ".join(text.split())


def _same_latex(gold: str, got: str) -> bool:
    gold_text, got_text = _latex_plain(gold), _latex_plain(got)
    if gold_text.replace(" ", "").casefold() == got_text.replace(" ", "").casefold():
        return True
    if re.fullmatch(r"\(?[A-E]\)?", gold_text):  # a multiple-choice letter
        return gold_text.strip("()") == got_text.strip("()")
    return _same_items(gold_text, got_text)


def _same_items(gold: str, got: str) -> bool:
    from agentkit.tools.math._core import split_top_level

    def items(text: str) -> list[str]:
        if len(text) > 1 and text[0] + text[-1] in ("()", "[]") and len(split_top_level(text[1:-1])) > 1:
            text = text[1:-1]
        return [item.strip() for item in split_top_level(text)]

    wanted, offered = items(gold), items(got)
    return len(wanted) == len(offered) and all(_same_value(w, o) for w, o in zip(wanted, offered))


def _same_value(gold: str, got: str) -> bool:
    gold_expr, got_expr = _parse_implicit(gold), _parse_implicit(got)
    if gold_expr is None or got_expr is None:
        return gold.replace(" ", "") == got.replace(" ", "")
    return equivalent(gold_expr, got_expr)


def _parse_implicit(text: str) -> sympy.Basic | None:
    from agentkit.tools.math._parser import parse

    text = re.sub(r"^[A-Za-z]\w*\s*=\s*", "", text)  # "x = 3" is the value 3
    try:
        return parse(text, implicit=True, notation="sympy").expr
    except Exception:  # noqa: BLE001 - unreadable text has no value
        return None


# --- SQL: compared by the rows each query returns on the same database ------------------------------------

_ROWS_FOOTER = re.compile(r"^\((?:\d+|first \d+) rows?\b.*\)$")
_QUERY = re.compile(r"^\s*(?:select|with)\b", re.IGNORECASE)


def rows_of_sql(sql: str, database: Path) -> list[tuple[str, ...]]:
    """The rows ``sql`` returns on ``database``, opened read-only, each cell as text (``NULL`` for null).

    Raises:
        sqlite3.Error: the query does not run (or runs too long) there.
        ValueError: the text is not one read query.
    """
    if not _QUERY.match(sql) or ";" in sql.strip().rstrip(";"):
        raise ValueError("not one SELECT query")
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        steps = [0]

        def too_long() -> int:
            steps[0] += 1000
            return int(steps[0] > SQL_STEP_LIMIT)

        connection.set_progress_handler(too_long, 1000)
        cursor = connection.execute(sql.strip().rstrip(";"))
        return [tuple(_cell(value) for value in row) for row in cursor.fetchmany(SQL_ROW_LIMIT)]
    finally:
        connection.close()


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _same_rows(gold_sql: str, got: str, database: Path) -> bool:
    wanted = rows_of_sql(gold_sql, database)
    text = _strip_quotes(got.strip().removeprefix("```sql").removeprefix("```").removesuffix("```").strip())
    offered = rows_of_sql(text, database) if _QUERY.match(text) else _rendered_rows(text)
    if offered is None:
        return False
    if re.search(r"\border\s+by\b", gold_sql, re.IGNORECASE):
        return offered == wanted
    return sorted(offered) == sorted(wanted)


def _rendered_rows(text: str) -> list[tuple[str, ...]] | None:
    """The rows of a rendered result table (header, rule, rows, ``(n rows)``), or one bare value."""
    lines = text.strip().splitlines()
    if len(lines) >= 3 and _ROWS_FOOTER.match(lines[-1].strip()) and not set(lines[1].strip()) - set("-+"):
        width = lines[0].count(" | ") + 1
        rows = [tuple(_number_text(c.strip()) for c in line.split(" | ")) for line in lines[2:-1]]
        return rows if all(len(row) == width for row in rows) else None
    if len(lines) == 1 and " | " not in text:
        return [(_number_text(text.strip()),)]
    return None


def _number_text(cell: str) -> str:
    try:
        value = float(cell)
    except ValueError:
        return cell
    return str(int(value)) if value.is_integer() and "." in cell else cell

