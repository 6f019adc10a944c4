"""Benchmark suites: the built-in adapters over the shared corpora, and a user's own JSON Lines file.

Every suite becomes a list of `Item` (``id``, ``question``, gold ``answer``, ``category``, the ``kind`` the
grader reads it as, optional ``database`` and ``turns``). The adapters read the corpora in place under the
data directory (``$AGENTKIT_BENCH_DATA``, else ``../shared/data`` beside the repository); a missing corpus is a
`SuiteError` naming the path, not a traceback. A JSON Lines file holds one object a line with ``id``,
``question``, ``answer`` and optional ``category``, ``kind``, ``places``, ``database`` (an SQLite file) and
``turns`` (a conversation: a list of objects with ``question``, ``answer`` and optional ``kind``).

    >>> sorted(SUITES)[:3]
    ['asdiv', 'chat', 'chat-sql']
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from agentkit.bench.data import data_dir
from agentkit.bench.grading import gsm8k_number

__all__ = ["SUITES", "Item", "SuiteError", "load_suite", "sample"]

SPIDER_ROWS = 6  # rows per table in the seeded copies of the Spider databases


class SuiteError(ValueError):
    """A suite that cannot be read: unknown name, missing corpus, bad line."""


@dataclass(frozen=True, kw_only=True)
class Item:
    """One request with its gold answer; a conversation holds its turns (each an `Item`) instead."""

    id: str
    question: str
    answer: str | None
    category: str = "all"
    kind: str = "auto"
    places: int | None = None
    database: str | None = None  # an SQLite file the request is about
    turns: tuple[Item, ...] = ()
    record: dict[str, Any] = field(default_factory=dict, compare=False)  # the source fields a kind may need


def _need(path: Path) -> Path:
    if not path.exists():
        raise SuiteError(f"corpus not found: {path} (set AGENTKIT_BENCH_DATA to the folder holding the shared "
                         f"data sets, or pass a .jsonl file of your own)")
    return path


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(_need(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SuiteError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise SuiteError(f"{path}:{number}: not a JSON object")
        rows.append(row)
    return rows


def _number_text(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(value)


def _mathematics(root: Path) -> list[Item]:
    return [Item(id=r["id"], question=r["question"], answer=str(r["answer"]), category=r["module"],
                 kind="mathematics") for r in _jsonl(root / "mathematics_dataset" / "dev.jsonl")]


def _gsm8k(root: Path) -> list[Item]:
    items = []
    for index, row in enumerate(_jsonl(root / "gsm8k" / "test.jsonl")):
        number = gsm8k_number(row["answer"])
        items.append(Item(id=f"gsm8k-{index:04d}", question=row["question"], answer=str(number),
                          category="gsm8k", kind="amount"))
    return items


def _svamp(root: Path) -> list[Item]:
    return [Item(id=str(r["ID"]), question=f"{r['Body'].strip()} {r['Question'].strip()}",
                 answer=_number_text(r["Answer"]), category=str(r["Type"]).lower(), kind="amount")
            for r in _jsonl(root / "math_word" / "svamp.jsonl")]


def _asdiv(root: Path) -> list[Item]:
    items = []
    for row in _jsonl(root / "math_word" / "asdiv.jsonl"):
        gold = re.sub(r"\s*\(.*\)\s*$", "", str(row["answer"])).strip()  # "9 (apples)" is the number 9
        if not re.fullmatch(r"-?[\d.]+(?:/\d+)?", gold):
            continue  # a few answers are ratios or text ("3:2", "Yes"); not graded as amounts
        items.append(Item(id=f"asdiv-{row['idx']:04d}", question=f"{row['body'].strip()} {row['question'].strip()}",
                          answer=gold, category=str(row["solution_type"]).lower(), kind="amount"))
    return items


def _math500(root: Path) -> list[Item]:
    return [Item(id=f"math500-{index:03d}", question=r["problem"], answer=str(r["answer"]),
                 category=str(r.get("type", "math500")).lower().replace(" ", "_").replace("&", "and"),
                 kind="latex") for index, r in enumerate(_jsonl(root / "math_word" / "math500.jsonl"))]


def _spider(root: Path) -> list[Item]:
    folder = _need(root / "spider")
    questions = json.loads(_need(folder / "dev.json").read_text(encoding="utf-8"))
    schemas = {s["db_id"]: s for s in json.loads(_need(folder / "tables.json").read_text(encoding="utf-8"))}
    items = []
    for index, row in enumerate(questions):
        db = row["db_id"]
        items.append(Item(id=f"spider-{index:04d}", question=row["question"], answer=row["query"],
                          category=db, kind="rows", record={"db": db, "schema": schemas.get(db)}))
    return items


def _kb13(root: Path) -> list[Item]:
    folder = root / "regex" / "kb13"
    sources = _need(folder / "src.txt").read_text(encoding="utf-8").splitlines()
    targets = _need(folder / "targ.txt").read_text(encoding="utf-8").splitlines()
    items = []
    for index, (description, target) in enumerate(zip(sources, targets)):
        items.append(Item(id=f"kb13-{index:03d}-write", question=f"Write a regular expression for: {description}",
                          answer=target, category="write", kind="regex"))
        quoted = f"`{target}`" if "`" not in target else repr(target)
        items.append(Item(id=f"kb13-{index:03d}-valid", question=f"Is {quoted} a valid regex?",
                          answer=_compiles(target), category="valid", kind="bool"))
    return items


def _compiles(pattern: str) -> str:
    """Whether Python's `re` (the meaning the regex tool documents) compiles the pattern: the gold of "valid?"."""
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return "False"
    return "True"


def _structured_regex(root: Path) -> list[Item]:
    from agentkit.bench.regex import Untranslatable, translate

    items = []
    for name in ("raw_dev.tsv", "raw_teste.tsv"):
        lines = _need(root / "regex" / name).read_text(encoding="utf-8").splitlines()[1:]
        for number, line in enumerate(lines, 2):
            cells = line.split("\t")
            try:
                pattern = translate(cells[2])
            except (Untranslatable, IndexError, RecursionError):
                continue
            if "`" in pattern:
                continue
            examples = [(e, True) for e in cells[3].split()] + [(e, False) for e in cells[4].split()]
            for position, (example, label) in enumerate(examples):
                quote = next((mark for mark in '"\'' if mark not in example), None)
                if quote is None:
                    continue
                items.append(Item(id=f"sr-{name[4:-4]}-{number}-{position}",
                                  question=f"Does `{pattern}` fully match {quote}{example}{quote}?",
                                  answer="True" if label else "False",
                                  category="positive" if label else "negative", kind="bool"))
    return items


def _chat(root: Path) -> list[Item]:
    return [Item(id=r["id"], question=r["question"], answer=r.get("answer"), category=r["category"],
                 kind=r["kind"], places=r.get("places")) for r in _jsonl(root / "chat" / "single.jsonl")]


def _conversations(root: Path) -> list[Item]:
    items = []
    for row in _jsonl(root / "chat" / "conversations.jsonl"):
        turns = tuple(Item(id=f"{row['id']}.{i}", question=t["question"], answer=t.get("answer"),
                           category=f"turn {i}", kind=t.get("kind", "auto"), places=t.get("places"))
                      for i, t in enumerate(row["turns"], 1))
        items.append(Item(id=row["id"], question=turns[0].question, answer=None, category="conversation",
                          turns=turns))
    return items


def _chat_sql(root: Path) -> list[Item]:
    db_dir = _need(root / "spider" / "empty_dbs")
    return [Item(id=r["id"], question=r["question"], answer=r.get("answer"), category=r["category"],
                 kind="sql-" + r["expect"].split(":")[0], database=str(db_dir / f"{r['db']}.sqlite"),
                 record=r) for r in _jsonl(root / "chat" / "sql.jsonl")]


SUITES: dict[str, Callable[[Path], list[Item]]] = {
    "mathematics": _mathematics,
    "gsm8k": _gsm8k,
    "svamp": _svamp,
    "asdiv": _asdiv,
    "math500": _math500,
    "spider": _spider,
    "kb13": _kb13,
    "structured-regex": _structured_regex,
    "chat": _chat,
    "conversations": _conversations,
    "chat-sql": _chat_sql,
}


def load_suite(name: str, *, root: Path | None = None, work_dir: Path | None = None) -> list[Item]:
    """The items of a built-in suite (by name) or of a JSON Lines file (by path).

    Args:
        name: a key of `SUITES`, or a path to a ``.jsonl`` file.
        root: the data directory (default `data_dir`).
        work_dir: where the Spider suite writes its seeded database copies (default: beside the results).

    Raises:
        SuiteError: an unknown name, a missing corpus or a bad line, with the path in the message.
    """
    if name in SUITES:
        items = SUITES[name](root or data_dir())
        if name == "spider":
            items = _with_filled_databases(items, (root or data_dir()) / "spider" / "empty_dbs",
                                           work_dir or Path("bench-results") / "spider-dbs")
        return items
    path = Path(name)
    if path.suffix != ".jsonl" and not path.exists():
        close = [s for s in SUITES if s.startswith(name[:3])]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise SuiteError(f"unknown suite {name!r}: give one of {', '.join(SUITES)} or a .jsonl file{hint}")
    return _user_file(path)


def _user_file(path: Path) -> list[Item]:
    items = []
    for number, row in enumerate(_jsonl(path), 1):
        missing = [key for key in ("id", "question") if key not in row]
        if missing or ("answer" not in row and "turns" not in row):
            raise SuiteError(f"{path}: line {number}: needs id, question and answer (or turns)")
        database = row.get("database")
        if database is not None:
            database = str((path.parent / database) if not Path(database).is_absolute() else Path(database))
            _need(Path(database))
        turns = tuple(Item(id=f"{row['id']}.{i}", question=t["question"], answer=_text(t.get("answer")),
                           category=str(row.get("category", f"turn {i}")), kind=t.get("kind", "auto"),
                           places=t.get("places"), database=database) for i, t in enumerate(row.get("turns") or (), 1))
        items.append(Item(id=str(row["id"]), question=row["question"], answer=_text(row.get("answer")),
                          category=str(row.get("category", "all")),
                          kind=row.get("kind", "rows" if database else "auto"), places=row.get("places"),
                          database=database, turns=turns))
    return items


def _text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else json.dumps(value)


def sample(items: Sequence[Item], limit: int | None, seed: int) -> list[Item]:
    """``limit`` items drawn with ``seed`` (all when ``limit`` is None), kept in file order."""
    if limit is None or limit >= len(items):
        return list(items)
    chosen = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[index] for index in chosen]


def _with_filled_databases(items: list[Item], empty_dir: Path, work_dir: Path) -> list[Item]:
    """Spider's databases hold no rows, where every query returns nothing: grade on seeded copies with rows."""
    _need(empty_dir)
    filled = {}
    out = []
    for item in items:
        db = item.record["db"]
        if db not in filled:
            filled[db] = str(_filled_copy(empty_dir / f"{db}.sqlite", work_dir / f"{db}.sqlite"))
        out.append(replace(item, database=filled[db]))
    return out


def _filled_copy(empty: Path, target: Path) -> Path:
    """A copy of ``empty`` with `SPIDER_ROWS` rows a table, values drawn from small pools (seeded by name).

    Small pools make joins and filters meet, so two queries that differ in meaning usually differ in rows.
    """
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(_need(empty).read_bytes())
    rng = random.Random(empty.stem)
    connection = sqlite3.connect(partial)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            names = ", ".join(f'"{c[1]}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            for index in range(1, SPIDER_ROWS + 1):
                values = [_value(str(c[2]), index, rng) for c in columns]
                connection.execute(f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})', values)
        connection.commit()
    finally:
        connection.close()
    partial.replace(target)
    return target


def _value(declared: str, index: int, rng: random.Random) -> Any:
    declared = declared.lower()
    if any(word in declared for word in ("int", "bool")):
        return rng.choice([index, index, rng.randint(1, SPIDER_ROWS)])
    if any(word in declared for word in ("real", "float", "double", "num", "dec")):
        return rng.choice([1.5, 2.0, 3.25, 10.0, float(index)])
    return rng.choice(["A", "B", "C", "France", "2010", str(index)])
