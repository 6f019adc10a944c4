"""Measure the SQL family's schema check on Spider dev: gold queries must pass, mutated ones must be caught.

Every gold query in ``dev.json`` is asked as "check this query against <db>: <sql>"
through the family (recognize, execute, verify) with its database in
``empty_dbs/`` attached. Then each gold query gets one mutation, made here with
a fixed seed: one table or one column reference renamed to a name the schema
does not have. A mutation counts as caught when the answer names the new name,
and as verified when SQLite's own compiler agrees.

    python -m agentkit.bench.sql [SPIDER_DIR] [--seed N]
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
from sqlglot import exp

from agentkit.bench.data import data_dir, require
from agentkit.tools.base import Context
from agentkit.tools.sql import SqlFamily

__all__ = ["SPIDER_DIR", "SqlReport", "mutate", "run"]

SPIDER_DIR = str(data_dir() / "spider")
MAX_LISTED = 10


@dataclass(kw_only=True)
class SqlReport:
    """Counts for gold and mutated queries, with the first failures kept for reading."""

    gold: int = 0
    gold_passed: int = 0
    gold_verified: int = 0
    mutated: int = 0
    caught: int = 0
    caught_verified: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def mutate(sql: str, columns: set[str], tables: set[str], rng: random.Random) -> tuple[str, str] | None:
    """``sql`` with one table or column reference renamed to a name not in the schema: (new sql, new name).

    Only a reference that names a real table or column is renamed, so a select
    alias or a double-quoted string literal is never the one changed.
    """
    ast = sqlglot.parse_one(sql, read="sqlite")
    ctes = {c.alias_or_name.lower() for c in ast.find_all(exp.CTE)}
    choices: list[exp.Identifier] = [
        t.this for t in ast.find_all(exp.Table)
        if isinstance(t.this, exp.Identifier) and t.name.lower() in tables and t.name.lower() not in ctes
    ]
    choices += [c.this for c in ast.find_all(exp.Column)
                if isinstance(c.this, exp.Identifier) and not c.this.quoted and c.name.lower() in columns]
    if not choices:
        return None
    target = rng.choice(choices)
    used = {i.name.lower() for i in ast.find_all(exp.Identifier)} | columns | tables
    new = _misspell(target.name, rng)
    while new.lower() in used:
        new = _misspell(new + "x", rng)
    target.replace(exp.to_identifier(new, quoted=False))
    return ast.sql(dialect="sqlite"), new


def _misspell(name: str, rng: random.Random) -> str:
    """A typo a person might make: a letter dropped, doubled or swapped, or a plural."""
    if len(name) < 3:
        return name + "s"
    i = rng.randrange(1, len(name) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return name[:i] + name[i + 1:]
    if kind == 1:
        return name[:i] + name[i] + name[i:]
    if kind == 2:
        return name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]
    return name + "s"


def _ask(family: SqlFamily, db: str, sql: str) -> tuple[str, bool]:
    candidate = family.recognize(f"check this query against {db}: {sql}", Context())
    if candidate is None or not candidate.complete:
        return "(not recognized)", False
    result = family.execute(candidate)
    verdict = family.verify(result)
    return result.text, verdict.ok and result.error is None


def run(path: str | Path = SPIDER_DIR, *, seed: int = 13) -> SqlReport:
    """Run the benchmark on Spider dev at ``path`` and print the figures."""
    root = Path(path)
    questions = json.loads(require(root / "dev.json", what="Spider's dev set").read_text(encoding="utf-8"))
    families: dict[str, SqlFamily] = {}
    rng = random.Random(seed)
    report = SqlReport()
    start = time.perf_counter()
    for number, item in enumerate(questions):
        db = item["db_id"]
        family = families.setdefault(db, SqlFamily({db: root / "empty_dbs" / f"{db}.sqlite"}))
        report.gold += 1
        text, verified = _ask(family, db, item["query"])
        if text.startswith("OK:"):
            report.gold_passed += 1
            report.gold_verified += verified
        elif len(report.failures) < MAX_LISTED:
            report.failures.append(f"gold #{number} ({db}): {item['query']}\n    -> {text}")
        schema = family.schema(db)
        mutation = mutate(item["query"], {c.lower() for cols in schema.tables.values() for c in cols},
                          {t.lower() for t in schema.tables}, rng)
        if mutation is None:
            continue
        sql, new = mutation
        report.mutated += 1
        text, verified = _ask(family, db, sql)
        if f"'{new}'" in text and not text.startswith("OK:"):
            report.caught += 1
            report.caught_verified += verified
        elif len(report.failures) < MAX_LISTED:
            report.failures.append(f"mutation of #{number} ({db}, renamed to {new!r}): {sql}\n    -> {text}")
    report.seconds = time.perf_counter() - start
    _print(report)
    return report


def _print(report: SqlReport) -> None:
    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.2f}%)" if whole else "0/0"

    print(f"gold queries passing the schema check:      {share(report.gold_passed, report.gold)}")
    print(f"  of which SQLite's compiler agrees:         {share(report.gold_verified, report.gold_passed)}")
    print(f"mutated queries rejected, new name reported: {share(report.caught, report.mutated)}")
    print(f"  of which SQLite's compiler agrees:         {share(report.caught_verified, report.caught)}")
    print(f"time: {report.seconds:.1f} s for {report.gold + report.mutated} checks")
    for failure in report.failures:
        print(failure)


def main(argv: list[str] | None = None) -> None:
    """``python -m agentkit.bench.sql [SPIDER_DIR] [--seed N]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m agentkit.bench.sql", description=__doc__.splitlines()[0])
    parser.add_argument("spider_dir", nargs="?", default=SPIDER_DIR,
                        help=f"the Spider folder holding dev.json and empty_dbs/ (default {SPIDER_DIR})")
    parser.add_argument("--seed", type=int, default=13, help="the mutations' random seed (default 13)")
    args = parser.parse_args(argv)
    run(args.spider_dir, seed=args.seed)


if __name__ == "__main__":
    main()
