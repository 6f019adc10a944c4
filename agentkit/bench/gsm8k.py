"""Measure the agent on GSM8K word problems, where the goal is zero wrong symbolic answers.

Most GSM8K problems need a language model to read them, so coverage of the
symbolic route is expected to be low; what matters is that every answer the
agent gives symbolically, and verifies, is exactly the gold number.
"""

from __future__ import annotations

from pathlib import Path

from agentkit.bench.grader import grade
from agentkit.bench.grading import gsm8k_number
from agentkit.bench.mathematics import Question, Report, read_jsonl, run_questions

__all__ = ["load", "run"]

MODULE = "gsm8k"


def load(path: str | Path, *, limit: int | None = None) -> list[Question]:
    """Read a GSM8K jsonl file (fields question, answer ending in ``#### N``).

    Questions are numbered ``gsm8k-0000``, ``gsm8k-0001``, … in file order, and
    ``expected`` holds only the gold number.

    Raises:
        ValueError: a line is not JSON or its answer has no ``#### N``.
    """
    questions = []
    for index, row in enumerate(read_jsonl(path)[:limit]):
        number = gsm8k_number(row["answer"])
        if number is None:
            raise ValueError(f"{path}: question {index} has no '#### N' answer")
        questions.append(
            Question(id=f"gsm8k-{index:04d}", module=MODULE, question=row["question"], expected=str(number))
        )
    return questions


def _grade(question: Question, got: str) -> bool:
    return grade(question.expected, got, kind="amount")


def run(path: str | Path, *, model: str = "none", limit: int | None = None, progress: bool = True) -> Report:
    """Ask one agent the GSM8K questions and grade the ones it answers symbolically.

    Args:
        path: the jsonl file, e.g. ``../shared/data/gsm8k/test.jsonl``.
        model: passed to ``Agent(model=...)``.
        limit: ask only the first ``limit`` questions.
        progress: show a progress bar when stdout is a terminal.
    """
    questions = load(path, limit=limit)
    return run_questions(questions, _grade, benchmark="gsm8k", path=str(path), model=model, progress=progress)
