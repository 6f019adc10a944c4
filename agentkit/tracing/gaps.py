"""Gaps: the steps no tool answered although they looked like a tool's, grouped by their shape.

A step declined or sent to the model that holds a number or quoted text, or that some family's
recognizer understood in part, is a phrasing worth teaching a recognizer. Its route span records
what this needs, and message content decides how much:

* always, ``agentkit.step.skeleton``: the step with every word that is not in `VOCABULARY` (a fixed,
  public list of function words and the words of arithmetic and conversion requests) replaced by
  ``<w>``, numbers by ``<n>``, quoted text by ``<q>``, identifiers by ``<id>``. It holds no word the
  user chose, no number and no quoted value, so it is recorded even with content capture off
  ("convert <n> <w> to <w>" groups every conversion the recognizers missed without saying which);
  and ``agentkit.step.numbers``, how many numbers the step held;
* with content capture only, ``agentkit.step.text``: the step itself. The shape is then the step
  with numbers, quoted text, identifiers and capitalised names replaced, every other word kept,
  and the example shown is a real step.

`gaps` groups the route spans of trace files by shape (the full shape where the text was recorded,
else the skeleton), counts them, keeps an example, and names the family whose recognizer came
closest (the highest-scored candidate of the route span).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from agentkit.tracing.files import SpanRecord

__all__ = ["VOCABULARY", "gaps", "gaps_table", "shape", "skeleton", "step_attributes"]

VOCABULARY = frozenset(
    """a about above after ago all an and another any are as at average be before below between both by
    calculate can ceiling compute convert could count cube cubed day days decimal decimals degree
    degrees derivative difference divide divided do does double each equal equals evaluate every factor
    factorial find first floor for from gcd get give half has have how if in integral into is it its
    last lcm least less log many match matches max maximum mean median min minimum minus minute minutes
    month months more most much multiplied multiply next no not of off on one or out over pattern per
    percent percentage plus power prime product quarter query remainder root round rounded row rows
    select seconds show simplify solve some sqrt square squared subtract sum than that the their them
    then there these this those three times to total triple twice two until valid value was week weeks
    were what when where which who why will with without would year years you your""".split()  # noqa: SIM905
)

_TOKEN = re.compile(
    r"(?P<q>`[^`]*`|\"[^\"]*\"|'[^'\s][^']*'|/[^/\s]+/)"
    r"|(?P<n>\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"|(?P<w>[^\W\d_][\w'’-]*)"
    r"|(?P<p>[-+*/^=<>()%?:;!×÷−])"
)
_IDENTIFIER = re.compile(r"_|\d|[a-z][A-Z]|\.")
_MAX_CHARS = 200  # a shape longer than this is cut (with "…"): phrasings are short


def _tokens(text: str, *, keep_words: bool) -> list[str]:
    out: list[str] = []
    first = True
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "q":
            out.append("<q>")
        elif kind == "n":
            out.append("<n>")
        elif kind == "p":
            out.append(token)
        else:
            lower = token.lower()
            if _IDENTIFIER.search(token):
                out.append("<id>")
            elif lower in VOCABULARY or keep_words and not (token[0].isupper() and not first):
                out.append(lower)
            elif keep_words:
                out.append("<name>")
            elif not out or out[-1] != "<w>":  # a run of unknown words is one <w>
                out.append("<w>")
        first = kind == "p" and token in "?!:;"
    return out


def _joined(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 1] + "…"


def skeleton(text: str) -> str:
    """The step with only `VOCABULARY` words kept: safe to record without content capture.

    >>> skeleton("Convert 3.5 furlongs to Smoots please")
    'convert <n> <w> to <w>'
    """
    return _joined(_tokens(text, keep_words=False))


def shape(text: str) -> str:
    """The step with numbers, quoted text, identifiers and capitalised names as placeholders.

    >>> shape("how many fortnights in 3 years for Alice?")
    'how many fortnights in <n> years for <name> ?'
    """
    return _joined(_tokens(text, keep_words=True))


def step_attributes(text: str, *, content: bool) -> dict[str, Any]:
    """The route span's attributes for a step no tool answered (see the module docstring)."""
    attributes: dict[str, Any] = {
        "agentkit.step.skeleton": skeleton(text),
        "agentkit.step.numbers": sum(1 for m in _TOKEN.finditer(text) if m.lastgroup == "n"),
    }
    if content:
        attributes["agentkit.step.text"] = text
    return attributes


def _closest(attributes: dict[str, Any]) -> tuple[str, float]:
    """The family of the highest-scored candidate on a route span, and its score."""
    try:
        names = json.loads(attributes.get("agentkit.offload.candidates") or "[]")
    except ValueError:
        names = []
    scores = list(attributes.get("agentkit.offload.scores") or [])
    best = max(zip(names, scores, strict=False), key=lambda pair: float(pair[1]), default=None)
    if best is None:
        return "", 0.0
    return str(best[0]).split(".", 1)[0], float(best[1])


def gaps(spans: Iterable[SpanRecord]) -> dict[str, Any]:
    """The steps declined or sent to the model that held a number or quoted text, or that a recognizer
    partly read.

    Returns ``{"steps": n, "with_text": n, "groups": [...]}``; each group has its ``shape``, ``count``,
    an ``example`` (a real step when content was recorded, else the skeleton), the ``routes`` it took,
    and the ``closest`` family (with its best ``score``), most frequent groups first.
    """
    groups: dict[str, dict[str, Any]] = {}
    families: dict[str, Counter[str]] = defaultdict(Counter)
    steps = with_text = 0
    for span in spans:
        a = span.attributes
        if span.name != "agentkit.route" or a.get("agentkit.offload.route") == "symbolic":
            continue
        if "agentkit.step.skeleton" not in a:
            continue  # recorded before gaps were, or a step the planner declined
        family, score = _closest(a)
        numbers, quoted = int(a.get("agentkit.step.numbers") or 0), "<q>" in str(a["agentkit.step.skeleton"])
        if not numbers and not quoted and not family:
            continue  # nothing a tool could have read
        steps += 1
        text = a.get("agentkit.step.text")
        key = shape(text) if isinstance(text, str) else str(a["agentkit.step.skeleton"])
        with_text += isinstance(text, str)
        group = groups.setdefault(
            key,
            {"shape": key, "count": 0, "example": text or key, "routes": Counter(), "closest": "", "score": 0.0},
        )
        group["count"] += 1
        group["routes"][str(a.get("agentkit.offload.route") or "")] += 1
        if family:
            families[key][family] += 1
            group["score"] = max(group["score"], round(score, 3))
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["shape"]))
    for group in ordered:
        group["routes"] = dict(group["routes"])
        group["closest"] = families[group["shape"]].most_common(1)[0][0] if families[group["shape"]] else ""
    return {"steps": steps, "with_text": with_text, "groups": ordered}


def gaps_table(report: dict[str, Any], *, limit: int | None = None) -> Any:
    """The gaps as a rich table (most frequent first) with a note on what was recorded."""
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"Steps no tool answered that looked like a tool's: {report['steps']}",
        title_justify="left",
    )
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("shape / example", overflow="fold", ratio=4)
    table.add_column("closest", no_wrap=True)
    table.add_column("route", overflow="fold", ratio=1)
    for group in report["groups"][:limit]:
        shown = escape(group["shape"])
        if group["example"] != group["shape"]:
            shown += f"\n[dim]e.g. {escape(group['example'])}[/dim]"
        closest = f"{group['closest']} {group['score']:.2f}" if group["closest"] else "-"
        routes = ", ".join(f"{name} {count}" for name, count in sorted(group["routes"].items()))
        table.add_row(str(group["count"]), shown, escape(closest), escape(routes))
    parts: list[Any] = [table]
    if report["steps"] and report["with_text"] < report["steps"]:
        parts.append(
            Text(
                f"{report['steps'] - report['with_text']} step(s) were traced without content: their shape "
                "keeps only common words (<w> is any other). Run with --trace-content to see real phrasings.",
                style="dim",
            )
        )
    return Group(*parts)
