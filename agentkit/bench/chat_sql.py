"""The chat benchmark's SQL part: requests on the Spider schema files, graded by what each record ``expect``s.

Each record of ``sql.jsonl`` names its database (``db``, a file in ``empty_dbs/``). The request goes through
``Agent(model=..., databases={db: path})``; with ``several=True`` a second database is attached too, so a
request that does not name its database must decline. ``refused`` requests are right only when nothing is
verified and the file's bytes are unchanged. See the data set's README for the ``expect`` values.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from agentkit.bench.chat import Outcome, Report, _progress, load_records
from agentkit.bench.data import data_dir

__all__ = ["DB_DIR", "SQL_PATH", "grade_sql", "load_sql", "run_sql"]

SQL_PATH = str(data_dir() / "chat" / "sql.jsonl")
DB_DIR = str(data_dir() / "spider" / "empty_dbs")
# the second database of a run with several attached (another one when the record's own is this)
SECOND = ("pets_1", "concert_singer")

_ROWS_FOOTER = re.compile(r"^\((?:\d+|first \d+) rows?\b.*\)$")


def load_sql(path: str | Path) -> list[dict[str, Any]]:
    """The records of ``sql.jsonl``; a bad line is a ``ValueError`` naming it."""
    return load_records(path, ("id", "question", "category", "db", "expect"), what="SQL chat record")


def _cell(value: Any) -> str:
    return "NULL" if value is None else str(value)


def _table(text: str) -> list[list[str]] | None:
    """The rows of a rendered result table (header, rule, rows, ``(n rows)``), as cell texts; else None."""
    lines = text.strip().splitlines()
    if len(lines) < 3 or not _ROWS_FOOTER.match(lines[-1].strip()) or set(lines[1].strip()) - set("-+"):
        return None
    width = lines[0].count(" | ") + 1
    rows = [[c.strip() for c in line.split(" | ")] for line in lines[2:-1]]
    return rows if all(len(r) == width for r in rows) else None


def _rows(gold: str, got: str, sql: str) -> bool:
    want = [[_cell(v) for v in row] for row in json.loads(gold)]
    rows = _table(got)
    if rows is None:
        return len(want) == 1 and len(want[0]) == 1 and got.strip() == want[0][0]
    if "order by" in sql.lower():
        return rows == want
    return sorted(rows) == sorted(want)


def _names(text: str) -> set[str]:
    """Names listed after the first ``:`` (``db has 2 tables: a (x, y); b (z)`` or ``t: x, y``)."""
    if ":" not in text:
        return {n.strip() for n in text.split(",") if n.strip()}
    body = text.split(":", 1)[1]
    if ";" in body or "(" in body:
        return {part.split("(")[0].strip() for part in body.split(";") if part.strip()}
    return {n.strip() for n in body.split(",") if n.strip()}


def _transpiled(gold: str, got: str, write: str | None) -> bool:
    if gold.strip() == got.strip():
        return True
    import sqlglot

    try:
        return sqlglot.parse_one(gold, read=write) == sqlglot.parse_one(got, read=write)
    except Exception:
        return False


def grade_sql(record: dict[str, Any], answer: Any) -> bool:
    """Whether ``answer`` is right for ``record`` (``refused`` is judged by the caller too: bytes unchanged)."""
    expect, gold, got = record["expect"], record.get("answer"), answer.answer or ""
    if expect == "refused":
        return not answer.verified
    if answer.route == "none":
        return False
    try:
        if expect == "rows":
            return _rows(gold, got, record.get("sql") or "")
        if expect == "valid":
            said = "not valid" if got.lower().startswith("not valid") else "valid" if got.lower().startswith(
                "valid") else None
            return said is not None and (said == "valid") == (gold == "True")
        if expect.startswith("invalid_names:"):
            name = expect.split(":", 1)[1]
            return _table(got) is None and re.search(rf"unknown (?:column|table) '{re.escape(name)}'", got) is not None
        if expect in ("tables", "columns"):
            return _names(got) == {n.strip() for n in gold.split(",")}
        if expect == "format":
            return got.strip() == gold.strip()
        if expect == "transpile":
            return _transpiled(gold, got, record.get("write"))
    except (ValueError, TypeError):
        return False
    return False


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_sql(path: str | Path = SQL_PATH, *, db_dir: str | Path = DB_DIR, model: str = "none", several: bool = False,
            progress: bool = True, categories: Iterable[str] = ()) -> Report:
    """Ask every SQL request (one database attached, or with ``several`` two) and grade the answers."""
    from agentkit import Agent

    wanted = set(categories)
    records = [r for r in load_sql(path) if not wanted or r["category"] in wanted]
    agents: dict[str, Any] = {}
    report = Report()
    for record in _progress(records, progress):
        db = record["db"]
        attached = {db: Path(db_dir) / f"{db}.sqlite"}
        if several:
            other = SECOND[0] if db != SECOND[0] else SECOND[1]
            attached[other] = Path(db_dir) / f"{other}.sqlite"
        key = "+".join(sorted(attached))
        if key not in agents:
            agents[key] = Agent(model=model, databases=attached)
        before = {name: _digest(p) for name, p in attached.items()}
        answer = agents[key].invoke(record["question"])
        unchanged = before == {name: _digest(p) for name, p in attached.items()}
        readings = [s.interpretation for s in answer.steps if getattr(s, "interpretation", None)]
        correct = grade_sql(record, answer) and unchanged
        report.outcomes.append(Outcome(
            id=record["id"], category=record["category"], question=record["question"], gold=record.get("answer"),
            got=answer.answer, route=answer.route, verified=answer.verified, correct=correct,
            interpretation="; ".join(readings)))
    return report
