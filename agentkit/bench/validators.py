"""Measure the claim checks (`agentkit.claims`) on GSM8K: false alarms on gold solutions, recall on perturbed claims, model output, speed.

    python -m agentkit.bench.validators all            # every figure, on ../shared/data/gsm8k/
    python -m agentkit.bench.validators false-alarms PATH

The gold solutions' calculator annotations are all correct, so every flagged claim
there is a false alarm. Recall perturbs one annotation's result at a time (off by
one, two digits swapped, times ten; a fixed seed), together with the visible number
written after it, and counts the perturbations that some failed claim covers.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from agentkit.bench.data import data_dir, require
from agentkit.claims import Report, check
from agentkit.tools.claim_text import ANNOTATION

__all__ = ["perturb", "run_false_alarms", "run_model_solutions", "run_recall", "run_speed"]

GOLD_PATH = str(data_dir() / "gsm8k" / "test.jsonl")
MODEL_PATH = str(data_dir() / "gsm8k" / "example_model_solutions.jsonl")
CONFIGURATIONS = ("6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification")
PERTURBATIONS = ("off_by_one", "swap_digits", "times_ten")


def _rows(path: str | Path) -> Iterator[dict]:
    with require(path, what="a GSM8K file").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _flagged_lines(report: Report) -> list[str]:
    return [f"    {c.kind}: {c.text!r}: {c.detail}" for c in report.failed]


def run_false_alarms(path: str | Path = GOLD_PATH, *, show: int = 20) -> dict[str, float]:
    """Check every gold solution; every failed claim is a false alarm. Prints and returns the figures."""
    claims = flagged = solutions = flagged_solutions = annotations = 0
    examples: list[str] = []
    for row in _rows(path):
        solutions += 1
        annotations += len(ANNOTATION.findall(row["answer"]))
        report = check(row["answer"], question=row["question"])
        claims += len(report.claims)
        flagged += len(report.failed)
        if report.failed:
            flagged_solutions += 1
            if len(examples) < show:
                examples += _flagged_lines(report)
    rate = flagged / claims if claims else 0.0
    print(f"false alarms on {path}: {flagged} of {claims} extracted claims flagged ({rate:.3%}); "
          f"{flagged_solutions} of {solutions} solutions with a flag; {annotations} calculator annotations")
    for line in examples[:show]:
        print(line)
    return {"claims": claims, "flagged": flagged, "rate": rate, "solutions": solutions,
            "flagged_solutions": flagged_solutions}


def perturb(value: str, how: str, rng: random.Random) -> str | None:
    """A wrong version of the number ``value`` (as written in an annotation), or None when ``how`` cannot change it."""
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        return None
    if how == "off_by_one":
        number = float(value) if "." in value else int(value)
        step = rng.choice((-1, 1)) if number >= 1 else 1
        changed = number + step
        return (f"{changed:.{len(value.partition('.')[2])}f}" if isinstance(changed, float) else str(changed))
    if how == "swap_digits":
        digits = [i for i, ch in enumerate(value) if ch.isdigit()]
        pairs = [(a, b) for n, a in enumerate(digits) for b in digits[n + 1:] if value[a] != value[b]]
        pairs = [(a, b) for a, b in pairs if not (a == digits[0] and value[b] == "0")]  # no leading zero
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        chars = list(value)
        chars[a], chars[b] = chars[b], chars[a]
        return "".join(chars)
    if how == "times_ten":
        if "." in value:
            whole, frac = value.split(".")
            moved = (whole + frac[:1]).lstrip("0") or "0"
            return moved + ("." + frac[1:] if frac[1:] else "")
        return value + "0" if value not in ("0", "-0") else None
    raise ValueError(f"unknown perturbation {how!r}; expected one of {PERTURBATIONS}")


@dataclass
class _Tally:
    made: int = 0
    caught: int = 0
    skipped: int = 0


def run_recall(path: str | Path = GOLD_PATH, seed: int = 0, *, visible_only: bool = True,
               show: int = 10) -> dict[str, dict[str, float]]:
    """Perturb each gold annotation's result, one at a time, and count how many the validators flag.

    With ``visible_only``, also measures the same perturbations on the text with the annotations removed
    (what a model that writes no annotations produces), over the sites where a visible claim states the value.
    """
    rng = random.Random(seed)
    tallies = {how: _Tally() for how in PERTURBATIONS}
    visible = {how: _Tally() for how in PERTURBATIONS}
    missed: list[str] = []
    for row in _rows(path):
        text = row["answer"]
        plain, plain_map = _strip_annotations(text)
        plain_report = check(plain) if visible_only else None
        for m in ANNOTATION.finditer(text):
            result = m.group(2).strip()
            after = re.match(r"[$€£]?(-?[\d,]*\.?\d+)", text[m.end():])
            visible_span = None
            if after and after.group(1).replace(",", "") == result:
                visible_span = (m.end() + after.start(1), m.end() + after.end(1))
            for how in PERTURBATIONS:
                wrong = perturb(result, how, rng)
                tally = tallies[how]
                if wrong is None or wrong == result:
                    tally.skipped += 1
                    continue
                tally.made += 1
                changed = text[:m.start(2)] + wrong + text[m.end(2):m.end()]
                tail = text[m.end():]
                if visible_span is not None:
                    tail = wrong + text[visible_span[1]:]
                changed += tail
                report = check(changed)
                site = (m.start(), m.end() + (len(wrong) + 1 if visible_span else 0))
                if any(a < site[1] and site[0] < b for c in report.failed for a, b in [c.span]):
                    tally.caught += 1
                elif len(missed) < show:
                    missed.append(f"    {how}: {changed[max(0, m.start() - 40):m.end() + 20]!r}")
                if visible_only and visible_span is not None and plain_report is not None:
                    _visible_trial(plain, plain_map, plain_report, visible_span, wrong, visible[how])
    figures = {}
    for name, table in (("annotated", tallies), ("visible text only", visible)):
        if name != "annotated" and not visible_only:
            continue
        made = sum(t.made for t in table.values())
        caught = sum(t.caught for t in table.values())
        parts = ", ".join(f"{how} {t.caught}/{t.made}" for how, t in table.items())
        print(f"recall ({name}, seed {seed}): {caught} of {made} perturbed claims caught "
              f"({caught / made if made else 0:.2%}); {parts}")
        figures[name] = {"made": made, "caught": caught, "recall": caught / made if made else 0.0,
                         **{how: t.caught / t.made if t.made else 0.0 for how, t in table.items()}}
    skipped = {how: t.skipped for how, t in tallies.items()}
    print(f"  not perturbable (e.g. no two different digits to swap): {skipped}")
    for line in missed:
        print(line)
    return figures


def _strip_annotations(text: str) -> tuple[str, list[int]]:
    """The text without ``<<...>>``, and for each kept character its offset in the original."""
    kept, offsets, last = [], [], 0
    for m in ANNOTATION.finditer(text):
        kept.append(text[last:m.start()])
        offsets += range(last, m.start())
        last = m.end()
    kept.append(text[last:])
    offsets += range(last, len(text))
    return "".join(kept), offsets


def _visible_trial(plain: str, offsets: list[int], report: Report, span: tuple[int, int], wrong: str,
                   tally: _Tally) -> None:
    """Perturb the visible number at ``span`` (original offsets) in the annotation-free text, if a claim states it."""
    try:
        start = offsets.index(span[0])
    except ValueError:
        return
    end = start + (span[1] - span[0])
    if not any(start in range(a, b) for c in report.claims if c.kind == "arithmetic" for a, b in c.stated_spans):
        return
    tally.made += 1
    changed = plain[:start] + wrong + plain[end:]
    after = check(changed)
    if any(a <= start < b for c in after.failed for a, b in c.stated_spans or [c.span]):
        tally.caught += 1


def run_model_solutions(path: str | Path = MODEL_PATH, *, show: int = 10) -> dict[str, dict[str, int]]:
    """For each GPT-3 configuration: incorrect solutions with a failed claim, and correct solutions flagged."""
    figures = {c: {"incorrect": 0, "incorrect_flagged": 0, "correct": 0, "correct_flagged": 0, "claims": 0,
                   "failed_claims": 0} for c in CONFIGURATIONS}
    correct_examples: list[str] = []
    for row in _rows(path):
        for config in CONFIGURATIONS:
            entry = row.get(config)
            if not entry:
                continue
            report = check(entry["solution"], question=row["question"])
            f = figures[config]
            f["claims"] += len(report.claims)
            f["failed_claims"] += len(report.failed)
            key = "correct" if entry["is_correct"] else "incorrect"
            f[key] += 1
            if report.failed:
                f[f"{key}_flagged"] += 1
                if entry["is_correct"] and len(correct_examples) < show:
                    correct_examples += [f"  [{config}]" + line for line in _flagged_lines(report)]
    print(f"model solutions in {path}:")
    print(f"  {'configuration':<20}{'incorrect with a failed claim':>32}{'correct flagged':>20}{'claims (failed)':>20}")
    for config, f in figures.items():
        print(f"  {config:<20}{f['incorrect_flagged']:>10} of {f['incorrect']:<5} ({f['incorrect_flagged'] / max(f['incorrect'], 1):6.1%})"
              f"{f['correct_flagged']:>9} of {f['correct']:<5}{f['claims']:>10} ({f['failed_claims']})")
    if correct_examples:
        print("  correct solutions flagged (a flagged claim inside a correct solution may still be wrong):")
        for line in correct_examples[:show]:
            print(line)
    return figures


_MIXED = (
    "The trip is 5 miles, which is about 8 km, and water boils at 100 °C = 212 °F. "
    "`^\\d+$` matches 123 but `^\\d+$` does not match abc. The query is:\n"
    "```sql\nSELECT name, COUNT(*) FROM orders GROUP BY name;\n```\n"
)


def run_speed(path: str | Path = GOLD_PATH, *, repeat: int = 200, chars: int = 2000) -> dict[str, float]:
    """Time `check` on ~2,000-character answers (gold solutions; and the same with units, regex and SQL claims).

    The parse cache is cleared before every run, so each run parses every claim afresh. Prints p50 and p95 in ms.
    """
    from agentkit.tools.math.claims import value  # the arithmetic parse cache, cleared before every run

    parts, size = [], 0
    for row in _rows(path):
        parts.append(row["answer"])
        size += len(row["answer"]) + 1
        if size >= chars:
            break
    texts = {"gold solutions": "\n".join(parts)[:chars],
             "mixed (units, regex, SQL, arithmetic)": (_MIXED + "\n".join(parts))[:chars]}
    figures = {}
    for name, text in texts.items():
        check(text)  # warm up: imports, the units registry
        times = []
        for _ in range(repeat):
            value.cache_clear()
            start = time.perf_counter()
            report = check(text)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
        print(f"speed ({name}): check() on a {len(text):,}-character answer with {len(report.claims)} claims: "
              f"p50 {p50:.2f} ms, p95 {p95:.2f} ms ({repeat} runs)")
        figures[name] = p50
    return figures


@click.group()
def main() -> None:
    """Benchmarks for agentkit.claims (paths default to ../shared/data/gsm8k/)."""


@main.command("false-alarms")
@click.argument("path", default=GOLD_PATH)
def _false_alarms(path: str) -> None:
    run_false_alarms(path)


@main.command("recall")
@click.argument("path", default=GOLD_PATH)
@click.option("--seed", default=0, show_default=True)
def _recall(path: str, seed: int) -> None:
    run_recall(path, seed=seed)


@main.command("model-solutions")
@click.argument("path", default=MODEL_PATH)
def _model_solutions(path: str) -> None:
    run_model_solutions(path)


@main.command("speed")
@click.argument("path", default=GOLD_PATH)
def _speed(path: str) -> None:
    run_speed(path)


@main.command("all")
@click.option("--data", default=str(data_dir() / "gsm8k"), show_default=True, help="Folder with the two jsonl files.")
def _all(data: str) -> None:
    run_false_alarms(Path(data) / "test.jsonl")
    run_recall(Path(data) / "test.jsonl", seed=0)
    run_model_solutions(Path(data) / "example_model_solutions.jsonl")
    run_speed(Path(data) / "test.jsonl")


if __name__ == "__main__":
    main()
