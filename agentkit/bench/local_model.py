"""Measure the embedded model on this machine: speed per answer, and GSM8K accuracy alone and as a translator.

    python -m agentkit.bench.local_model --n 200 --json local_model.json

(a) *model alone*: the model answers the word problem as the graph would ask
it; the last number in its text is graded. (b) *translate, then execute*: the
model writes an arithmetic expression (`propose` with the math family alone),
``Agent(model="none")`` computes it exactly, and the result is graded; when the
tool declines, its complaint goes back to the model once. A tool answer here
is "verified" only in the sense that the arithmetic is exact: whether the
expression means the problem is what the accuracy measures.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from agentkit.bench.data import data_dir
from agentkit.bench.grading import same_number
from agentkit.bench.gsm8k import load

__all__ = ["LocalModelReport", "run"]

GSM8K_PATH = str(data_dir() / "gsm8k" / "test.jsonl")
# what the graph's model node says to the model (graphs/offload.py), so (a) measures what a user gets
ANSWER_SYSTEM = "You answer one step of a user's request. Be brief and exact; end with the final answer on its own line."
_LAST_NUMBER = re.compile(r"-?\$?\d[\d,]*(?:\.\d+)?")


@dataclass
class LocalModelReport:
    """What `run` measured; ``records`` holds one entry per question for inspection."""

    questions: int
    load_seconds: float
    answer_median_seconds: float
    answer_median_tokens: dict[str, float]
    alone_correct: int
    translate_median_seconds: float
    translate_median_tokens: dict[str, float]
    translate_correct: int
    translate_executed: int
    translate_executed_wrong: int
    translate_reasked: int
    translate_no_expression: int
    records: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        n = self.questions
        lines = [
            f"local model (gemma-3-270m Q4_K_M, llama.cpp, 2 threads); load {self.load_seconds:.2f} s",
            (f"per model answer: median {self.answer_median_seconds:.2f} s, median tokens "
             f"{self.answer_median_tokens['input']:.0f} in / {self.answer_median_tokens['output']:.0f} out"),
            (f"per translation call: median {self.translate_median_seconds:.2f} s, median tokens "
             f"{self.translate_median_tokens['input']:.0f} in / {self.translate_median_tokens['output']:.0f} out"),
            f"GSM8K first {n}: (a) model alone {self.alone_correct}/{n} = {self.alone_correct / n:.1%}",
            (f"GSM8K first {n}: (b) translate -> math tool {self.translate_correct}/{n} = "
             f"{self.translate_correct / n:.1%}  (tool executed {self.translate_executed}, of which wrong "
             f"{self.translate_executed_wrong}; re-asked {self.translate_reasked}; no usable expression "
             f"{self.translate_no_expression})"),
        ]
        return "\n".join(lines)


def last_number(text: str) -> str | None:
    """The last number in a text, without ``$`` and thousands commas: how (a) reads an answer."""
    found = _LAST_NUMBER.findall(text or "")
    return found[-1].replace("$", "").replace(",", "").rstrip(".") if found else None


def run(n: int = 200, *, path: str | Path = GSM8K_PATH, model: Any = None, progress: bool = True) -> LocalModelReport:
    """Measure the local model (or ``model``) on the first ``n`` GSM8K problems; see the module docstring."""
    from agentkit import Agent
    from agentkit.models import resolve_model
    from agentkit.models.translate import propose
    from agentkit.tools.registry import default_registry

    math_only = default_registry(["math"])

    questions = load(path, limit=n)
    started = time.perf_counter()
    model = model if model is not None else resolve_model("local")
    model.invoke("Q: What is the capital of France?")  # loads the weights: timed apart from the answers
    load_seconds = time.perf_counter() - started
    agent = Agent(model="none")
    answer_times: list[float] = []
    answer_tokens: list[tuple[int, int]] = []
    call_times: list[float] = []
    call_tokens: list[tuple[int, int]] = []
    records: list[dict[str, Any]] = []
    for i, question in enumerate(questions, 1):
        expected = Fraction(question.expected)
        t0 = time.perf_counter()
        reply = model.invoke([("system", ANSWER_SYSTEM), ("human", question.question)])
        answer_times.append(time.perf_counter() - t0)
        usage = reply.usage_metadata or {}
        answer_tokens.append((usage.get("input_tokens", 0), usage.get("output_tokens", 0)))
        number = last_number(str(reply.content))
        record: dict[str, Any] = {"id": question.id, "expected": question.expected, "alone_text": reply.content,
                                  "alone_number": number,
                                  "alone_correct": number is not None and same_number(expected, number),
                                  "attempts": []}
        error = None
        for _ in range(2):  # one translation and at most one re-ask with the tool's complaint
            t0 = time.perf_counter()
            proposal, spent = propose(model, question.question, registry=math_only, error=error)
            call_times.append(time.perf_counter() - t0)
            call_tokens.append((spent["input"], spent["output"]))
            attempt: dict[str, Any] = {"request": proposal.request if proposal else None}
            record["attempts"].append(attempt)
            if proposal is None:
                error = "the answer was not an arithmetic expression of numbers"
                continue
            answer = agent.invoke(proposal.request)
            attempt.update(route=answer.route, verified=answer.verified, answer=answer.answer)
            if answer.route == "symbolic" and answer.verified:
                attempt["correct"] = same_number(expected, answer.answer)
                break
            error = f"the math tool could not compute {proposal.spec!r}: {answer.answer}"
        records.append(record)
        if progress and i % 20 == 0:
            print(f"[local_model] {i}/{len(questions)} questions, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    return _report(records, load_seconds, answer_times, answer_tokens, call_times, call_tokens)


def _report(records: list[dict[str, Any]], load_seconds: float, answer_times: list[float],
            answer_tokens: list[tuple[int, int]], call_times: list[float],
            call_tokens: list[tuple[int, int]]) -> LocalModelReport:
    executed = [r["attempts"][-1] for r in records if "correct" in r["attempts"][-1]]
    return LocalModelReport(
        questions=len(records),
        load_seconds=load_seconds,
        answer_median_seconds=statistics.median(answer_times),
        answer_median_tokens=_median_tokens(answer_tokens),
        alone_correct=sum(r["alone_correct"] for r in records),
        translate_median_seconds=statistics.median(call_times),
        translate_median_tokens=_median_tokens(call_tokens),
        translate_correct=sum(a["correct"] for a in executed),
        translate_executed=len(executed),
        translate_executed_wrong=sum(not a["correct"] for a in executed),
        translate_reasked=sum(len(r["attempts"]) > 1 for r in records),
        translate_no_expression=sum(all(a["request"] is None for a in r["attempts"]) for r in records),
        records=records,
    )


def _median_tokens(tokens: list[tuple[int, int]]) -> dict[str, float]:
    return {"input": statistics.median(t[0] for t in tokens), "output": statistics.median(t[1] for t in tokens)}


def main(argv: list[str] | None = None) -> None:
    """``python -m agentkit.bench.local_model [--n N] [--path P] [--json OUT]``."""
    import argparse

    from agentkit.bench.data import require

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="the first N GSM8K problems (default 200)")
    parser.add_argument("--path", default=GSM8K_PATH, help=f"GSM8K test.jsonl (default {GSM8K_PATH})")
    parser.add_argument("--json", dest="json_path", help="also write the report, with every record, here")
    args = parser.parse_args(argv)
    report = run(args.n, path=require(args.path, what="the GSM8K test set"))
    print(report.summary())
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(asdict(report), indent=1, default=str))


if __name__ == "__main__":
    main()
