"""Measure the units family on the ``measurement__conversion`` and ``measurement__time`` questions.

The family answers a conversion as ``"<number> <unit>"`` as people write it (``"6400 mL"``)
while the dataset's gold answer is the bare number (``"6400"``), so grading
here accepts a trailing unit when the number means the same as the gold answer
(:func:`agentkit.bench.grading.same_answer`) and the unit, read by the family's own lexicon, is
the one the question asked for. Clock times (``"4:36 AM"``) are graded as they are.

    python -m agentkit.bench.units [PATH] [--limit N]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agentkit.bench.data import data_dir, require
from agentkit.bench.grading import same_answer
from agentkit.bench.mathematics import Report, grade_by_meaning, load, print_report, run_questions

__all__ = ["MODULES", "asked_unit", "run", "same_quantity"]

MODULES = ("measurement__conversion", "measurement__time")
DEFAULT_PATH = str(data_dir() / "mathematics_dataset" / "dev.jsonl")

_WITH_UNIT = re.compile(r"(?P<number>-?\d[\d.]*(?:e[-+]?\d+)?) (?P<unit>\D+)")
_ASKED = [
    re.compile(r"^How many (?P<unit>[a-z ]+?) are there (?:in|between) ", re.IGNORECASE),
    re.compile(r" in (?P<unit>[a-z ]+)\?$", re.IGNORECASE),
    re.compile(r"^Convert .+ to (?P<unit>[a-z ]+)\.$", re.IGNORECASE),
]
_SPELLING = (("litre", "liter"), ("metre", "meter"), ("millennia", "millennium"), ("centuries", "century"),
             ("tonne", "metric ton"))


def asked_unit(question: str) -> str | None:
    """The unit a dataset question asks for, normalised ("millilitres" gives "milliliter")."""
    for pattern in _ASKED:
        match = pattern.search(question)
        if match:
            return _normal_unit(match["unit"])
    return None


def _normal_unit(unit: str) -> str:
    unit = " ".join(unit.lower().split())
    for british, american in _SPELLING:
        unit = unit.replace(british, american)
    return unit.removesuffix("s")


def same_quantity(expected: str, got: str, asked: str | None = None) -> bool:
    """Whether ``got`` gives the gold answer, allowing ``"<number> <unit>"`` when the unit is the one asked.

    Example:
        >>> same_quantity("6400", "6400 mL", asked="milliliter")
        True
        >>> same_quantity("6400", "6400 L", asked="milliliter")
        False
    """
    if same_answer(expected, got):
        return True
    match = _WITH_UNIT.fullmatch(got.strip())
    if match is None or not same_answer(expected, match["number"]):
        return False
    return asked is None or _same_unit(match["unit"], asked)


def _same_unit(shown: str, asked: str) -> bool:
    """Whether the unit an answer shows (``"mL"``, ``"years"``) is the asked one, both read by the family."""
    from agentkit.tools.units._grammar import parse_units

    left, right = parse_units(shown), parse_units(asked)
    if left is not None and right is not None:
        return left == right
    return _normal_unit(shown) == asked


def run(path: str | Path = DEFAULT_PATH, *, model: str = "none", limit: int | None = None,
        progress: bool = False, agent: Any = None) -> Report:
    """Ask the measurement questions of a mathematics_dataset file and grade them with `same_quantity`.

    Args:
        path: the jsonl file.
        model: passed to ``Agent(model=...)``; ``"none"`` runs the symbolic tools alone.
        limit: ask at most this many questions from each module.
        progress: unused; kept for the same signature as the other benchmarks.
        agent: an agent to ask; by default one with the math and units families.
    """
    del progress
    if agent is None:
        from agentkit import Agent
        from agentkit.tools.math import MathFamily
        from agentkit.tools.units import UnitsFamily

        agent = Agent(model=model, tools=[MathFamily(), UnitsFamily()])
    questions = load(path, limit=limit, modules=MODULES)
    return run_questions(questions, grade_by_meaning, benchmark="units", path=str(path), model=model,
                         progress=False, agent=agent)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m agentkit.bench.units [PATH] [--limit N]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m agentkit.bench.units", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH,
                        help=f"the mathematics_dataset jsonl file (default {DEFAULT_PATH})")
    parser.add_argument("--limit", type=int, help="ask at most N questions from each module")
    args = parser.parse_args(argv)
    path = require(args.path, what="the mathematics_dataset questions")
    print_report(run(path, limit=args.limit))


if __name__ == "__main__":
    main()
