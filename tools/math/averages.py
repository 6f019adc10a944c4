"""Averages asked as small stories: weighted means, z-scores, the mean of 1..n, the score needed for a target
average, and the value missing from a known mean.

Conventions:

- ``weighted average of 80 with weight 2 and 90 with weight 3`` (or ``of 80, 90 with weights 2, 3``) is
  Σ wᵢxᵢ / Σ wᵢ; weights are not negative and not all zero.
- ``z-score of x if the mean is μ and the standard deviation is σ`` is (x − μ) / σ, with σ > 0.
- ``the mean of the first n positive integers`` (or ``counting numbers``, or ``the integers from a to b``,
  both ends included) is the mean of that run; ``natural numbers`` declines (does the run start at 0 or 1?).
- ``I got 72, 85 and 91 on tests, what do I need on the 4th to average 85``: the one more score that makes the
  mean of all of them the target; the ordinal (``4th``, ``next``, ``last``) must be the very next score, and a
  score below zero declines (the target is passed whatever the next score).
- ``the mean of 5 numbers is 12; four of them are 10, 11, 13 and 15, what's the fifth``: n·mean minus the
  known values; exactly one value may be missing. Each part may be its own sentence: the earlier parts are
  remembered (as notes) for the question that follows.

Every value is checked by recomputing the mean of the completed list with Python's ``statistics`` on fractions
(the weighted mean: on the list with each value repeated by its weight, when the weights are small integers).
"""

from __future__ import annotations

import re
import statistics
from fractions import Fraction

import sympy
from agentkit.tools.math._core import Operation, Scope, Slots, decimal_text, phrase, terminating
from agentkit.tools.math._counts import COUNT, ORDINAL, count, ordinal
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math.descriptive import read_items

__all__ = ["OPERATIONS"]

MAX_RUN = 10**12
MAX_REPEATS = 10_000
SCORES_KEY = "_avg_scores"
COUNT_KEY = "_avg_count"
MEAN_KEY = "_avg_mean"
KNOWN_KEY = "_avg_known"

_ASK = r"(?:(?:what is|what's|whats|find|calculate|compute|give me|get|work out) )?(?:the )?"
_NUM = r"-?(?:\d+(?:\.\d+)?|\.\d+)"
_LIST = r"[-\d.,/ ]+?(?:,? and [-\d./]+)?"


def _fraction(text: str) -> Fraction:
    return Fraction(text.strip())


def _shown(value: Fraction) -> str:
    rational = sympy.Rational(value.numerator, value.denominator)
    return decimal_text(rational) if terminating(rational) else str(value)


def _render(args: object, value: Fraction) -> str:
    return _shown(value)


def _op(name: str, patterns: tuple[str, ...], prepare, compute, verify, interpret, reason: str,
        binds=None) -> Operation:
    return Operation(name=name, patterns=phrase(*patterns), prepare=prepare, compute=compute, verify=verify,
                     render=_render, reason=reason, interpret=interpret, binds=binds)


def _mean_check(values: list[Fraction], expected: Fraction) -> str | None:
    mean = statistics.mean(values)
    return None if mean == expected else f"the mean of the completed list is {mean}, not {expected}"


# -- weighted mean -------------------------------------------------------------

_PAIR = (rf"{_NUM} (?:(?:with (?:a )?)?weight(?: of)? {_NUM}|(?:has|having) (?:a )?weight(?: of)? {_NUM}|weighted(?: by)? {_NUM}|\(weight:? {_NUM}\)"
         rf"|\(w\s*=\s*{_NUM}\)|at weight {_NUM})")
_PAIR_PARTS = rf"(?P<v>{_NUM}) (?:(?:with (?:a )?)?weight(?: of)?|(?:has|having) (?:a )?weight(?: of)?|weighted(?: by)?|\(weight:?|\(w ?=|at weight) ?(?P<w>{_NUM})\)?"


def _weighted(slots: Slots, scope: Scope) -> tuple[list[Fraction], list[Fraction]]:
    if "pairs" in slots:
        pairs = [m.groupdict() for m in re.finditer(_PAIR_PARTS, slots["pairs"], re.IGNORECASE)]
        values, weights = [_fraction(p["v"]) for p in pairs], [_fraction(p["w"]) for p in pairs]
    else:
        values, weights = read_items(slots["values"], scope), read_items(slots["weights"], scope)
    if len(values) != len(weights) or len(values) < 2:
        raise MathSyntaxError("one weight for each value, at least two values")
    if any(w < 0 for w in weights) or sum(weights) == 0:
        raise MathSyntaxError("weights are not negative and not all zero")
    return values, weights


def _weighted_check(args: tuple[list[Fraction], list[Fraction]], value: Fraction) -> str | None:
    values, weights = args
    if all(w.denominator == 1 for w in weights) and sum(weights) <= MAX_REPEATS:
        repeated = [v for v, w in zip(values, weights) for _ in range(int(w))]
        return _mean_check(repeated, value)
    total = sum(weights)
    expected = sum((w / total * v for v, w in zip(values, weights)), Fraction(0))
    return None if expected == value else f"normalised weights give {expected}"


WEIGHTED = _op(
    "weighted_mean",
    (rf"{_ASK}weighted (?:average|mean|avg)(?: of|:|,| where| if| when)? (?P<pairs>{_PAIR}(?:(?:,|,? and) {_PAIR})+)",
     (rf"{_ASK}weighted (?:average|mean|avg) of (?P<values>{_LIST}),? (?:with|using|given) (?:the )?(?:respective )?"
     rf"weights(?: of)? (?P<weights>{_LIST})")),
    _weighted,
    lambda a: sum((v * w for v, w in zip(*a)), Fraction(0)) / sum(a[1]),
    _weighted_check,
    lambda a: "weighted mean Σwx/Σw of " + ", ".join(f"{_shown(v)} (weight {_shown(w)})" for v, w in zip(*a)),
    "whole step parsed as a weighted mean of values with weights",
)

# -- expected value of a finite distribution --------------------------------------------

_VALUES = rf"(?:values? |outcomes? )?(?P<values>{_LIST})"
_PROBS = rf"(?:respective )?probabilit(?:y|ies)(?: of)? (?P<weights>{_LIST})"


def _distribution(slots: Slots, scope: Scope) -> tuple[str, list[Fraction], list[Fraction]]:
    values, probabilities = _weighted(slots, scope)
    if sum(probabilities) != 1:
        raise MathSyntaxError(f"the probabilities add up to {sum(probabilities)}, not 1")
    kind = " ".join(slots["kind"].lower().split())
    kind = {"variance": "variance", "standard deviation": "standard deviation", "sd": "standard deviation"}.get(
        kind, "expected value")
    return kind, values, probabilities


def _moment(args: tuple[str, list[Fraction], list[Fraction]]) -> sympy.Expr:
    kind, values, probabilities = args
    mean = sum((v * p for v, p in zip(values, probabilities, strict=True)), Fraction(0))
    variance = sum(((v - mean) ** 2 * p for v, p in zip(values, probabilities, strict=True)), Fraction(0))
    if kind == "expected value":
        return sympy.Rational(mean.numerator, mean.denominator)
    exact = sympy.Rational(variance.numerator, variance.denominator)
    return exact if kind == "variance" else sympy.sqrt(exact)


def _moment_check(args: tuple[str, list[Fraction], list[Fraction]], value: sympy.Expr) -> str | None:
    """E[X] over the probabilities; Var = E[X²] − E[X]² (not the sum of squared deviations used above)."""
    kind, values, probabilities = args
    mean = sum((v * p for v, p in zip(values, probabilities, strict=True)), Fraction(0))
    second = sum((v * v * p for v, p in zip(values, probabilities, strict=True)), Fraction(0))
    expected = mean if kind == "expected value" else second - mean**2
    got = value**2 if kind == "standard deviation" else value
    ok = sympy.nsimplify(got) == sympy.Rational(expected.numerator, expected.denominator) and (
        kind != "standard deviation" or value >= 0)
    return None if ok else f"E[X²] − E[X]² gives {expected}"


EXPECTED = Operation(
    name="distribution_moment",
    patterns=phrase(
        rf"{_ASK}(?P<kind>expected value|expectation|mean|variance|standard deviation|sd) of (?:a |the )?(?:random "
        rf"variable |discrete random variable )?(?:x )?(?:with|where x takes|taking|that takes|which takes|x takes) "
        rf"{_VALUES},? (?:with|and) {_PROBS}",
    ),
    prepare=_distribution,
    compute=_moment,
    verify=_moment_check,
    render=lambda args, value: decimal_text(value) if value.is_Rational and terminating(value) else str(value),
    reason="whole step parsed as the expected value or spread of a finite distribution",
    interpret=lambda a: f"{a[0]} of X with P(X = x): " + ", ".join(
        f"{_shown(v)}: {_shown(p)}" for v, p in zip(a[1], a[2], strict=True)),
)

# -- z-score -------------------------------------------------------------------

_MEAN = rf"(?:the |a )?(?:mean|average|μ|mu)(?: is| =|=| of)?\s*(?P<mean>{_NUM})"
_SD = rf"(?:the |a )?(?:standard deviation|sd|std dev|σ|sigma)(?: is| =|=| of)?\s*(?P<sd>{_NUM})"
_Z_OF = (rf"{_ASK}(?:z-score|z score|zscore|standard score|z-value|z value) (?:of|for) "
         rf"(?:a (?:value|score|data point|raw score) of |x\s*=\s*|a score of )?(?P<x>{_NUM})")
_GIVEN = r"(?:if|when|given|given that|with|where)"


def _z(slots: Slots, scope: Scope) -> tuple[Fraction, Fraction, Fraction]:
    x, mean, sd = (_fraction(slots[k]) for k in ("x", "mean", "sd"))
    if sd <= 0:
        raise MathSyntaxError("a standard deviation above zero")
    return x, mean, sd


Z_SCORE = _op(
    "z_score",
    (rf"{_Z_OF}(?:,? {_GIVEN}|,) {_MEAN},? (?:and |with )?{_SD}", rf"{_Z_OF}(?:,? {_GIVEN}|,) {_SD},? (?:and |with )?{_MEAN}",
     (rf"(?:if|when|given that|given) {_MEAN},? and {_SD},? (?:what is|what's|whats|find|calculate|compute) the "
     rf"(?:z-score|z score|zscore|standard score|z-value|z value) (?:of|for) (?:a (?:value|score|data point|raw score) of "
     rf"|x\s*=\s*|a score of )?(?P<x>{_NUM})"),
     (rf"{_ASK}(?:z-score|z score|zscore|standard score|z-value|z value):? (?:when|if|with|for|given|where) "
     rf"x\s*(?:=|is)\s*(?P<x>{_NUM}), {_MEAN},? (?:and )?{_SD}")),
    _z,
    lambda a: (a[0] - a[1]) / a[2],
    lambda a, z: None if a[1] + z * a[2] == a[0] else "mean + z·sd is not x",
    lambda a: f"z = ({_shown(a[0])} − {_shown(a[1])}) / {_shown(a[2])}",
    "whole step parsed as a z-score from a value, a mean and a standard deviation",
)

# -- the mean of a run of integers -----------------------------------------------


def _run(slots: Slots, scope: Scope) -> tuple[int, int, int, str]:
    """(first, last, step, statistic) of the run."""
    stat = "median" if slots["stat"].lower() == "median" else "mean"
    if "a" in slots:
        a, b = int(slots["a"]), int(slots["b"])
        if b < a or b - a > MAX_RUN:
            raise MathSyntaxError("a run from a smaller to a larger integer")
        return a, b, 1, stat
    n = count(slots["n"], low=1, high=MAX_RUN)
    kind = (slots.get("kind") or "").lower()
    if kind == "odd":
        return 1, 2 * n - 1, 2, stat
    if kind == "even":
        return 2, 2 * n, 2, stat
    return 1, n, 1, stat


def _run_check(args: tuple[int, int, int, str], value: Fraction) -> str | None:
    first, last, step, stat = args
    if (last - first) // step < MAX_REPEATS:
        values = [Fraction(v) for v in range(first, last + 1, step)]
        if stat == "median":
            median = statistics.median(values)
            return None if median == value else f"the median of the listed run is {median}"
        return _mean_check(values, value)
    terms = (last - first) // step + 1
    total = Fraction(terms * (2 * first + (terms - 1) * step), 2)
    return None if total / terms == value else f"the sum over the count gives {total / terms}"


_STAT = r"(?:arithmetic )?(?P<stat>mean|average|median)"
RUN_MEAN = _op(
    "mean_of_run",
    ((rf"{_ASK}{_STAT} of the first (?P<n>{COUNT}) (?:(?P<kind>odd|even) )?"
     r"(?:positive integers|counting numbers|positive whole numbers)"),
     rf"{_ASK}{_STAT} of the first (?P<n>{COUNT}) (?P<kind>odd) (?:numbers|integers)",
     (rf"{_ASK}{_STAT} of (?:all )?(?:the )?(?:integers |whole numbers |numbers )?from (?P<a>-?\d{{1,13}}) "
     rf"(?:to|through|thru) (?P<b>-?\d{{1,13}})(?:,? inclusive)?"),
     rf"{_ASK}{_STAT} of (?P<a>-?\d{{1,13}}) (?:through|thru) (?P<b>-?\d{{1,13}})(?:,? inclusive)?"),
    _run,
    lambda a: Fraction(a[0] + a[1], 2),
    _run_check,
    lambda a: f"{a[3]} of {a[0]}, {a[0] + a[2]}, …, {a[1]} = ({a[0]} + {a[1]}) / 2 (the run is evenly spaced)",
    "whole step parsed as the mean or median of a run of integers",
)

# -- the score needed for a target average -----------------------------------------

_WHO = r"(?:i|you|we|she|he|they)"
_TESTS = r"(?:tests|exams|quizzes|assignments|games|rounds|papers|tries|attempts|essays|projects|labs)"
_SCORES_SETUP = (rf"(?:if |since |given that )?(?:{_WHO} (?:got|scored|have|had|made|earned|received)(?: scores of| grades of| marks of)? "
                 rf"(?P<scores>{_LIST}) on (?:my |her |his |their |your |our |the )?(?:first (?P<n>{COUNT}) |(?P<n2>{COUNT}) )?"
                 rf"{_TESTS}|{_WHO} (?:have|had|got|received) (?:test |exam |quiz )?(?:scores|grades|marks) of "
                 rf"(?P<scores3>{_LIST})|(?:my|her|his|their|your|our|the) (?:test |exam |quiz )?(?:scores|grades|marks) "
                 rf"(?:are|were|so far are|so far were) (?P<scores2>{_LIST})"
                 # the scores alone: the question after them names the test
                 rf"|{_WHO} (?:got|scored|have|had|made|earned|received) (?P<scores4>{_LIST})(?: so far)?)")
_NEED = (rf"(?:what|what score|what grade|what mark|which score) (?:do|does|would|must|should) {_WHO} "
         r"(?:need(?: to (?:get|score|make))?|have to (?:get|score|make)|score|get) on (?:the|my|her|his|their|your|our) "
         rf"(?P<ord>{ORDINAL}|next|last|final)(?: one| test| exam| quiz| assignment| game| round| paper| essay| project)?"
         rf" (?:to (?:average|have an average of|get an average of|end up with an average of|reach an average of|"
         rf"bring (?:my |the |her |his |their )?average (?:up )?to)|for an average of|(?:so|so that) (?:my|her|his|their|"
         rf"the) average is) (?P<target>{_NUM})")


def _scores(slots: Slots, scope: Scope) -> list[Fraction]:
    text = slots.get("scores") or slots.get("scores2") or slots.get("scores3") or slots.get("scores4")
    if text is None:
        note = scope.notes.get(SCORES_KEY)
        if note is None:
            raise MathSyntaxError("no scores were given before this question")
        text = note
    values = read_items(text, scope) if ("," in text or " and " in text) else [_fraction(text)]
    said = slots.get("n") or slots.get("n2")
    if said and count(said) != len(values):
        raise MathSyntaxError(f"{said} scores named, {len(values)} given")
    return values


def _target(slots: Slots, scope: Scope) -> tuple[list[Fraction], Fraction]:
    scores = _scores(slots, scope)
    which = slots["ord"].lower()
    if which not in ("next", "last", "final") and ordinal(which) != len(scores) + 1:
        raise MathSyntaxError(f"the {which} score is not the one after {len(scores)} scores")
    target = _fraction(slots["target"])
    if target * (len(scores) + 1) - sum(scores) < 0:
        raise MathSyntaxError("the average is above the target whatever the next score (it would have to be negative)")
    return scores, target


TARGET = _op(
    "score_for_average",
    (rf"{_SCORES_SETUP}(?:,|;|\.| and| so)? {_NEED}", rf"{_NEED}(?:,| if| when| given) {_SCORES_SETUP}",
     _NEED),
    _target,
    lambda a: a[1] * (len(a[0]) + 1) - sum(a[0]),
    lambda a, x: _mean_check([*a[0], x], a[1]),
    lambda a: f"x with mean({', '.join(_shown(v) for v in a[0])}, x) = {_shown(a[1])}: "
              f"x = {_shown(a[1])} × {len(a[0]) + 1} − {_shown(sum(a[0]))}",
    "whole step parsed as the next score that makes the average the target",
)

SCORES = _op(
    "scores_setup",
    (_SCORES_SETUP,),
    lambda s, scope: _scores(s, scope),
    lambda a: Fraction(len(a)),
    lambda a, n: None if n == len(a) else "not the number of scores",
    lambda a: f"scores so far: {', '.join(_shown(v) for v in a)}",
    "whole step parsed as the scores so far, remembered for the question that follows",
    binds=lambda a, _: {SCORES_KEY: ", ".join(_shown(v) for v in a)},
)

# -- the value missing from a known mean -------------------------------------------

_THINGS = r"(?:numbers|values|integers|scores|test scores|data points|observations|items|weights|ages)"
_MEAN_SETUP = (rf"(?:the )?(?:mean|average|arithmetic mean) of (?P<n>{COUNT}) {_THINGS} is (?P<mean>{_NUM})"
               rf"|(?P<n2>{COUNT}) {_THINGS} have (?:a|an) (?:mean|average) of (?P<mean2>{_NUM})")
_KNOWN = rf"(?:if )?(?P<k>{COUNT}) of (?:them|these|those|the {_THINGS}) are (?P<known>{_LIST})"
_MISSING = (rf"(?:what is|what's|whats|find) the (?P<which>{ORDINAL}|other|remaining|missing|last)"
            r"(?: one| number| value| score)?")


def _missing(slots: Slots, scope: Scope) -> tuple[int, Fraction, list[Fraction]]:
    n_text, mean_text = slots.get("n") or slots.get("n2"), slots.get("mean") or slots.get("mean2")
    if n_text is None:
        n_text, mean_text = scope.notes.get(COUNT_KEY), scope.notes.get(MEAN_KEY)
        if n_text is None or mean_text is None:
            raise MathSyntaxError("no mean was given before this question")
    n, mean = count(n_text, low=2), _fraction(mean_text)
    known_text = slots.get("known") or scope.notes.get(KNOWN_KEY)
    if known_text is None:
        raise MathSyntaxError("the known values were not given")
    known = read_items(known_text, scope)
    if slots.get("k") and count(slots["k"]) != len(known):
        raise MathSyntaxError(f"{slots['k']} values named, {len(known)} given")
    if len(known) != n - 1:
        raise MathSyntaxError(f"{len(known)} of {n} values known: not exactly one missing")
    which = slots.get("which", "other").lower()
    if which not in ("other", "remaining", "missing", "last") and ordinal(which) != n:
        raise MathSyntaxError(f"the {which} value is not the missing one")
    return n, mean, known


MISSING = _op(
    "missing_from_mean",
    (rf"(?:{_MEAN_SETUP})(?:,|;|\.| and)? {_KNOWN}(?:,|;|\.)? {_MISSING}",
     rf"{_KNOWN}(?:,|;|\.)? {_MISSING}", _MISSING),
    _missing,
    lambda a: a[0] * a[1] - sum(a[2]),
    lambda a, x: _mean_check([*a[2], x], a[1]),
    lambda a: f"x with mean({', '.join(_shown(v) for v in a[2])}, x) = {_shown(a[1])}: "
              f"x = {a[0]} × {_shown(a[1])} − {_shown(sum(a[2]))}",
    "whole step parsed as the value missing from a list with a known mean",
)


def _mean_setup(slots: Slots, scope: Scope) -> tuple[int, Fraction]:
    return count(slots.get("n") or slots["n2"], low=2), _fraction(slots.get("mean") or slots["mean2"])


MEAN_SETUP = _op(
    "mean_setup",
    (_MEAN_SETUP,),
    _mean_setup,
    lambda a: a[1],
    lambda a, m: None if m == a[1] else "not the mean given",
    lambda a: f"the mean of {a[0]} values is {_shown(a[1])}",
    "whole step parsed as a known mean, remembered for the question that follows",
    binds=lambda a, _: {COUNT_KEY: str(a[0]), MEAN_KEY: str(a[1])},
)


def _known(slots: Slots, scope: Scope) -> list[Fraction]:
    if scope.notes.get(COUNT_KEY) is None:
        raise MathSyntaxError("no mean was given before these values")
    known = read_items(slots["known"], scope)
    if count(slots["k"]) != len(known):
        raise MathSyntaxError(f"{slots['k']} values named, {len(known)} given")
    return known


KNOWN = _op(
    "known_values_setup",
    (_KNOWN,),
    _known,
    lambda a: Fraction(len(a)),
    lambda a, n: None if n == len(a) else "not the number of values",
    lambda a: f"known values: {', '.join(_shown(v) for v in a)}",
    "whole step parsed as values of a list with a known mean, remembered for the question that follows",
    binds=lambda a, _: {KNOWN_KEY: ", ".join(_shown(v) for v in a)},
)

OPERATIONS: tuple[Operation, ...] = (EXPECTED, WEIGHTED, Z_SCORE, RUN_MEAN, TARGET, SCORES, MISSING, MEAN_SETUP, KNOWN)
