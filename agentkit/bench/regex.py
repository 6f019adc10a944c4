"""Measure the regex family on KB13 (validity, explanation) and StructuredRegex (matching against labelled examples).

KB13 targets are asked as "Is `T` a valid regex?" and "Explain `T`"; 212 of them use ``~`` and
``&`` as operators (not, and), which Python's `re` reads as literal characters, so they are counted
apart. StructuredRegex gives a regex in its authors' DSL with positive and negative examples; the DSL
is translated here to a Python regex (``and`` and ``not`` only at the top, where a look-ahead says
the same; items with ``<spec>`` skipped, its character set is not published with the data), and every
example is asked as "Does `P` fully match "EX"?". An answer is *covered* when the agent answered
symbolically and verified it, *right* when it agrees with the example's label.

    python -m agentkit.bench.regex [DATA_DIR] [--limit N]
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from agentkit import Agent
from agentkit.bench.data import data_dir, require
from agentkit.tools.regex import RegexFamily

__all__ = ["run", "translate"]

DATA_DIR = str(data_dir() / "regex")
_CLASSES = {"num": "[0-9]", "let": "[A-Za-z]", "low": "[a-z]", "cap": "[A-Z]", "any": ".",
            "alphanum": "[A-Za-z0-9]"}
_TOKEN = re.compile(r"\s*(?:([a-z]+)\(|(<[^>]*>|<>>)|(,)|(\))|(\d+))")


class Untranslatable(ValueError):
    pass


def _parse(text: str) -> Any:
    """The DSL as nested tuples: (op, [args]) or ("tok", "<x>") or ("int", n)."""
    position = 0

    def node() -> Any:
        nonlocal position
        m = _TOKEN.match(text, position)
        if m is None:
            raise Untranslatable(f"cannot read {text[position:position + 20]!r}")
        position = m.end()
        if m.group(1):
            args = [node()]
            while True:
                sep = _TOKEN.match(text, position)
                if sep is None:
                    raise Untranslatable("unclosed call")
                position = sep.end()
                if sep.group(4):
                    return (m.group(1), args)
                if not sep.group(3):
                    raise Untranslatable("expected , or )")
                args.append(node())
        if m.group(2):
            return ("tok", m.group(2)[1:-1])
        if m.group(5):
            return ("int", int(m.group(5)))
        raise Untranslatable("unexpected token")

    tree = node()
    if text[position:].strip():
        raise Untranslatable("trailing text")
    return tree


def _tr(node: Any, top: bool) -> str:
    kind, arg = node
    if kind == "tok":
        if arg in _CLASSES:
            return _CLASSES[arg]
        if arg == "spec":
            raise Untranslatable("<spec>")
        return re.escape(arg)
    if kind == "const":
        return re.escape(arg[0][1])
    if kind == "notcc":
        inner = _tr(arg[0], False)
        if not (inner.startswith("[") and inner.endswith("]")) and len(arg[0][1]) != 1:
            raise Untranslatable("notcc of a non-class")
        return f"[^{inner[1:-1]}]" if inner.startswith("[") else f"[^{inner}]"
    if kind in ("and", "not"):
        if not top:
            raise Untranslatable(f"{kind} below the top")
        if kind == "and":
            return f"(?=(?:{_tr(arg[0], True)})\\Z)(?:{_tr(arg[1], True)})"
        return f"(?!(?:{_tr(arg[0], True)})\\Z).*"
    parts = [_tr(a, False) for a in arg if a[0] != "int"]
    numbers = [a[1] for a in arg if a[0] == "int"]
    if kind == "concat":
        return "".join(f"(?:{p})" for p in parts)
    if kind == "or":
        return "(?:" + "|".join(parts) + ")"
    if kind == "contain":
        return f".*(?:{parts[0]}).*"
    if kind == "startwith":
        return f"(?:{parts[0]}).*"
    if kind == "endwith":
        return f".*(?:{parts[0]})"
    if kind == "optional":
        return f"(?:{parts[0]})?"
    if kind == "star":
        return f"(?:{parts[0]})*"
    if kind == "repeat":
        return f"(?:{parts[0]}){{{numbers[0]}}}"
    if kind == "repeatatleast":
        return f"(?:{parts[0]}){{{numbers[0]},}}"
    if kind == "repeatrange":
        return f"(?:{parts[0]}){{{numbers[0]},{numbers[1]}}}"
    raise Untranslatable(f"unknown operator {kind}")


def translate(dsl: str) -> str:
    """A StructuredRegex DSL expression as a Python regex for a whole-string match."""
    return _tr(_parse(dsl), True)


def _quote(text: str) -> str | None:
    for mark in ('"', "`", "'"):
        if mark not in text:
            return f"{mark}{text}{mark}"
    return None


def _ask(agent: Agent, text: str) -> tuple[bool, str]:
    answer = agent.invoke(text)
    return answer.route == "symbolic" and answer.verified, answer.answer


def run(data_dir: str = DATA_DIR, limit: int | None = None) -> dict[str, Any]:
    """Ask every question, print the figures, and return them."""
    agent = Agent(model="none", tools=[RegexFamily()])
    root = Path(data_dir)
    start = time.perf_counter()
    for name in ("kb13/targ.txt", "raw_dev.tsv", "raw_teste.tsv"):
        require(root / name, what="a regex benchmark file")
    targets = (root / "kb13" / "targ.txt").read_text(encoding="utf-8").splitlines()[:limit]
    figures: dict[str, Any] = {"kb13_targets": len(targets),
                               "kb13_with_tilde_or_ampersand": sum(("~" in t or "&" in t) for t in targets)}
    valid = explained = said_valid = 0
    for target in targets:
        quoted = f"`{target}`" if "`" not in target else _quote(target)
        ok, text = _ask(agent, f"Is {quoted} a valid regex?")
        valid += ok
        said_valid += ok and text == "yes"
        explained += _ask(agent, f"Explain {quoted}")[0]
    figures.update(kb13_valid_answered=valid, kb13_answered_yes=said_valid, kb13_explained=explained)

    rows = []
    for name in ("raw_dev.tsv", "raw_teste.tsv"):
        lines = (root / name).read_text(encoding="utf-8").splitlines()[1:]
        rows.extend(line.split("\t") for line in lines)
    rows = rows[:limit]
    skipped = asked = covered = right = 0
    wrong: list[str] = []
    for row in rows:
        try:
            pattern = translate(row[2])
        except (Untranslatable, IndexError, RecursionError):
            skipped += 1
            continue
        examples = [(e, True) for e in row[3].split()] + [(e, False) for e in row[4].split()]
        for example, label in examples:
            quoted = _quote(example)
            if quoted is None or "`" in pattern:
                continue
            asked += 1
            ok, text = _ask(agent, f"Does `{pattern}` fully match {quoted}?")
            if ok:
                covered += 1
                if (text == "yes") == label:
                    right += 1
                else:
                    wrong.append(f"{pattern} on {example!r}: said {text!r}, label {label}")
    figures.update(sr_rows=len(rows), sr_rows_untranslated=skipped, sr_questions=asked, sr_covered=covered,
                   sr_right=right, seconds=round(time.perf_counter() - start, 1))
    for key, value in figures.items():
        print(f"{key:32} {value}")
    if asked:
        print(f"{'sr_coverage':32} {covered / asked:.1%}")
    if covered:
        print(f"{'sr_precision':32} {right / covered:.2%}")
    for line in wrong[:20]:
        print("WRONG", line)
    figures["wrong"] = wrong
    return figures


def main(argv: list[str] | None = None) -> None:
    """``python -m agentkit.bench.regex [DATA_DIR] [--limit N]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m agentkit.bench.regex", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=DATA_DIR,
                        help=f"the folder holding kb13/ and StructuredRegex's raw_*.tsv (default {DATA_DIR})")
    parser.add_argument("--limit", type=int, help="ask at most N KB13 targets and N StructuredRegex rows")
    args = parser.parse_args(argv)
    run(args.data_dir, args.limit)


if __name__ == "__main__":
    main()
