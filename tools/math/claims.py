"""Arithmetic claims in free text, and their judging: what `MathFamily.find_claims` and `MathFamily.check` do.

    >>> [(c.text, judge_claim(c).ok) for c in find_claims("16 - 3 - 4 = 9, so 9 * $2 = $19.")]
    [('16 - 3 - 4 = 9', True), ('9 * $2 = $19', False)]

Claims are equalities and chains (``16 - 3 - 4 = 9``, ``2*3 = 6*4 = 24``), calculator annotations
(``<<48/2=24>>``) and phrases ("15% of 80 is 12", "half of 48 is 24"). A claim may be read in more
than one way; it holds when one reading holds (under `agentkit.tools.tolerance`), else the closest
reading is reported. Nothing here evaluates text as code: each side is parsed by the math grammar.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from agentkit.tools import tolerance
from agentkit.tools.base import Claim, Verdict
from agentkit.tools.claim_text import prepare
from agentkit.tools.math._boundary import guarded
from agentkit.tools.math._claim_finders import find_annotations, find_chains, find_phrases
from agentkit.tools.math._claim_scan import Found, Reading, Span
from agentkit.tools.math._parser import parse

from agentkit.errors import ToolInputError

__all__ = ["KIND", "find_arithmetic", "find_claims", "judge_claim", "value"]

KIND = "arithmetic"
CHECK = "math.claim"

def find_arithmetic(text: str) -> list[Found]:
    """Every arithmetic claim in ``text``, in order of position, not yet judged."""
    work, annotations = prepare(text)
    found = find_annotations(text, annotations) + find_chains(text, work) + find_phrases(text, work)
    taken: list[Span] = []
    result = []
    for claim in sorted(found, key=lambda c: (c.span[0], -c.span[1])):
        if claim.detail.endswith("in words") and any(a < claim.span[1] and claim.span[0] < b for a, b in taken):
            continue
        taken.append(claim.span)
        result.append(claim)
    return sorted(result, key=lambda c: c.span)


def find_claims(text: str) -> list[Claim]:
    """The arithmetic claims in ``text`` as `Claim` s; each carries its readings for `judge_claim`."""
    return [Claim(kind=KIND, text=text[f.span[0]:f.span[1]], span=f.span, stated=f.stated,
                  expression=f.readings[0].expression, approx=f.approx, stated_spans=f.stated_spans, reading=f)
            for f in find_arithmetic(text)]


def _exact(expression: str) -> Fraction | None:
    expr = parse(expression, implicit=False).expr
    if not expr.is_number:
        return None
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    if expr.is_real is not True:
        return None
    return Fraction(str(expr.evalf(30)))


@lru_cache(maxsize=16384)
def value(expression: str) -> Fraction | None:
    """The exact value of an expression in the math grammar, or None (not a real number, or not readable)."""
    try:
        return guarded(_exact, expression)
    except ToolInputError:  # the grammar, a limit or sympy refused it: not a number we can judge
        return None


def judge_claim(claim: Claim) -> Verdict:
    """Whether ``claim.expression`` equals ``claim.stated`` under the tolerance rules (or a found claim's readings).

    A claim built by hand has one reading, (``expression``, ``stated``), and ``approx`` from the claim.
    """
    found = claim.reading if isinstance(claim.reading, Found) else None
    readings = found.readings if found else (Reading(expression=claim.expression, stated=claim.stated.replace(",", "")),)
    written = found.stated if found else claim.stated
    label = found.detail if found else "claim"
    # the reading that holds; else, to report, the one that comes closest (the writer's likeliest meaning)
    best: tuple[Fraction, Reading, Fraction, tolerance.Judgement] | None = None
    for reading in readings:
        computed, shown = value(reading.expression), value(reading.stated)
        if computed is None or shown is None:
            continue
        judgement = tolerance.judge(computed, shown, reading.stated, approx=claim.approx)
        if judgement.ok:
            best = (Fraction(0), reading, computed, judgement)
            break
        distance = tolerance.distance(computed, shown)
        if best is None or distance < best[0]:
            best = (distance, reading, computed, judgement)
    if best is None:
        return Verdict(ok=False, judged=False, check=CHECK, detail=f"could not evaluate {claim.text!r}")
    _, reading, computed, judgement = best
    shown_text = tolerance.format_like(computed * 100 if reading.percent else computed, written)
    computed_text = shown_text + ("%" if reading.percent else "")
    if judgement.ok:
        detail = f"{label}: {reading.expression} = {computed_text}"
    else:
        detail = f"{label}: {reading.expression} is {computed_text}, not {written}"
    return Verdict(ok=judgement.ok, check=CHECK, detail=detail, computed=computed_text, tolerance=judgement.rule,
                   replacement=shown_text)
