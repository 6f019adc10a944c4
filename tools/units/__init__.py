"""The units family: conversions, quantity arithmetic and clock times, exact with pint, on its own grammar.

    >>> from agentkit.tools.base import Context
    >>> family = UnitsFamily()
    >>> family.execute(family.recognize("convert 5 miles to km", Context())).text
    '8.04672 km'

An answer is ``"<number> <unit>"`` as people write it (`_display`): the symbol people use (``km``,
``mph``, ``°C``, ``h``, ``kJ``, ``MiB``), else the unit's name, singular or plural by the number
(``2.5 days``), and the system named wherever a unit has two sizes (``3 US gallons``, ``8 US fl oz``);
a mixed answer lists parts (``"3 h 15 min"``), a result with no dimension is a bare number, a clock
time is ``"7:57 PM"``. The family reads every answer it prints back as the same quantity, so a
follow-up can start from it. Numbers are exact when they are terminating decimals of at most 15
significant digits, otherwise rounded to 6.

Every complete candidate carries its ``interpretation``, the reading in canonical notation with the
conventions applied: ``250 kcal (food Calorie) → kJ``, ``1 imperial gal → imperial pt (imperial, as the
step names)``, ``1 US cup → US fl oz (ounces of a volume: fluid ounces; US customary: no system named)``,
``72 °F → °C``, ``2 h 30 min + 45 min``.

Conventions (see `_systems` for the rules in full):

- a system word before a unit ("imperial gallon", "US pints", "UK fl oz") names its system; a system
  named for the whole step ("in the UK", "(imperial)") or for any one of its units applies to every
  unqualified unit; both US and imperial named leave an unqualified unit ambiguous: declined;
- an unqualified gallon, quart, pint, cup, fluid ounce or gill is US customary, and the reading says so;
  an imperial cup is 284 mL, a metric cup 250 mL; a "UK cup" is declined (both are in use);
- "ton" and "hundredweight" are declined unless a system is named (short, long, metric, US, UK);
- "ounces"/"oz" of a volume are fluid ounces; of a mass, avoirdupois ounces; a troy ounce only when
  written so ("troy ounce", "ozt");
- "Cal", "Calorie" (capital C), "kcal", "food calorie" are the food Calorie (4184 J); "cal" is the small
  calorie (4.184 J); the bare word "calories" is the small calorie beside kcal, the food Calorie in a
  step about food (eating, burning, a diet, a meal), and otherwise declined as ambiguous;
- "hp" and "horsepower" are mechanical horsepower (745.7 W); "metric horsepower" or "PS" is 735.5 W;
- a mile is the statute mile; a nautical mile only when written so.

A dimension mismatch ("5 kg to meters", "5 cups of flour in grams" read as volume to mass) is never
an answer: the result is an error whose text is the reason, ``"cannot convert: mass vs length"`` (or
``cannot add`` / ``cannot subtract``), and the step is declined. Steps that mix calendar units (months,
years) with fixed ones (days, seconds), or bare "degrees" with temperatures, are understood but
declined as ambiguous, with the reason, so that a model may answer them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from fractions import Fraction
from itertools import pairwise
from math import floor
from typing import Any

from agentkit.tools._lazy import lazy_import

pint = lazy_import("pint")

from agentkit.tools._limits import run_with_timeout
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.units import _chat, _model, claims
from agentkit.tools.units._compute import (
    Mismatch,
    UnitsRefusal,
    as_unitspec,
    base_value,
    dimension,
    evaluate,
    format_number,
    quantity,
    registry,
    round_to,
    to_unit,
    within_display,
    within_places,
)
from agentkit.tools.units._display import quantity_text
from agentkit.tools.units._grammar import Unreadable, parse_quantity, parse_step
from agentkit.tools.units._lexicon import OFFSET, UnitSpec
from agentkit.tools.units._notation import interpretation
from agentkit.tools.units._systems import settle

from agentkit.errors import ToolInputError

__all__ = ["MAX_STEP_CHARS", "TIME_LIMIT_SECONDS", "UnitsFamily"]

MAX_STEP_CHARS = 400
TIME_LIMIT_SECONDS = 1.5

# refusals, and what pint and arithmetic raise on the input; anything else is a bug
_PLAIN_ERRORS = (ToolInputError, ArithmeticError, RecursionError)


def _errors() -> tuple[type[BaseException], ...]:
    """What execute and verify translate into messages; pint's own errors load with pint."""
    return (pint.PintError, *_PLAIN_ERRORS)
_REASONS = {
    "convert": "whole step parsed as quantity + target unit",
    "arithmetic": "whole step parsed as arithmetic on quantities",
    "speed": "whole step parsed as distance over time",
    "travel_time": "whole step parsed as distance at a speed",
    "distance": "whole step parsed as speed for a time",
    "clock_shift": "whole step parsed as a clock time shifted by a duration",
    "clock_between": "whole step parsed as the time between two clock times",
}
_ROLES = {"speed": (("distance", "length"), ("time", "time")),
          "travel_time": (("distance", "length"), ("speed", "speed")),
          "distance": (("speed", "speed"), ("time", "time"))}
_NUMBER = re.compile(r"-?\d[\d.e+-]*")
# "4!" is a factorial, which no units reading has: the step is not read (an exclamation mark there is dropped
# by the chat layer, and "3 m * 4!" was answered as 3 m × 4)
_FACTORIAL = re.compile(r"[\d)]!")


class UnitsFamily:
    """Physical quantities and clock times. Whole steps only; the module docstring shows answers."""

    name = "units"
    description = (
        "Exact unit conversion and arithmetic with physical quantities (pint): 'convert 5 miles to km', "
        "'how many seconds in 3 days', '72 °F in Celsius', '2 h 30 min + 45 min', "
        "'speed for 100 km in 2.5 hours', "
        "and clock times: 'What is 367 minutes after 1:50 PM?'. Pass one question in words."
    )
    request_form = _model.REQUEST_FORM
    examples = _model.EXAMPLES

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's ``<number> <unit> to <unit>`` as a conversion request; see `_model.read_spec`."""
        return _model.read_spec(spec, detail)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if len(text) > MAX_STEP_CHARS or _FACTORIAL.search(text):
            return None
        try:
            spec = parse_step(text, context.previous) or _chat.read(text, context.previous)
        except Unreadable as exc:
            return Candidate(tool=self.name, operation="convert", spec={"operation": "unreadable"},
                             confidence=0.5, span=(0, len(text)), complete=False, reason=str(exc))
        except _errors():  # input the grammar cannot read, or pint refuses
            return None
        if spec is None:
            return None
        reading = interpretation(spec)
        return Candidate(tool=self.name, operation=spec["operation"], spec=spec, confidence=1.0,
                         span=(0, len(text)), complete=True, reason=f"{_REASONS[spec['operation']]}: {reading}",
                         interpretation=reading)

    def kind_of(self, text: str) -> str | None:
        """Follow-up hook: the dimension of ``text`` when it is one quantity ("10 miles" -> "length"), else None."""
        try:
            expr = parse_quantity(text.strip())
        except (Unreadable, *_errors()):
            return None
        if expr is None or expr[0] != "q" or len(expr[1]) != 1:
            return None
        return dimension(expr[1][0][1])

    def exact_text(self, result: ToolResult) -> str | None:
        """Follow-up hook: the exact value of a result whose text rounds it, written as the family reads it
        ("215.278 ft²" -> ``"20000000/92903 ft²"``), for "now double it"; ``None`` when the text is exact, was
        rounded as asked ("to 2 decimals"), or has several parts ("5 ft 7.2441 in")."""
        value = result.value if isinstance(result.value, dict) else {}
        parts = value.get("parts") or []
        if result.error or len(parts) != 1 or len(parts[0]) != 4 or parts[0][3] or value.get("places") is not None:
            return None
        amount, _, number, _ = parts[0]
        amount = Fraction(amount)
        if not result.text.startswith(number) or amount.denominator == 1:
            return None
        return f"{amount.numerator}/{amount.denominator}{result.text[len(number):]}"

    def execute(self, candidate: Candidate) -> ToolResult:
        spec = candidate.spec
        operation = spec["operation"]
        try:
            text, value = run_with_timeout(_compute, spec, seconds=TIME_LIMIT_SECONDS)
        except Mismatch as exc:  # a refusal is a decline with its reason, never a verified answer
            if "loose" in spec:
                return ToolResult(tool=self.name, operation=operation, spec=spec,
                                  text=f"{exc}; but {spec['loose']}", error="AmbiguousUnit")
            return ToolResult(tool=self.name, operation=operation, spec=spec, text=str(exc),
                              value={"refusal": exc}, error="DimensionMismatch")
        except _errors() as exc:
            return ToolResult(tool=self.name, operation=operation, spec=spec, text=_explain(exc),
                              error=type(exc).__name__)
        return ToolResult(tool=self.name, operation=operation, spec=spec, text=text, value=value)

    def verify(self, result: ToolResult) -> Verdict:
        check = f"units.{result.operation}"
        if result.error:
            return Verdict(ok=False, check=check, detail=result.text)
        try:
            problem = run_with_timeout(_verify, result.spec, result.value, seconds=TIME_LIMIT_SECONDS)
        except _errors() as exc:
            problem = f"the check could not run: {_explain(exc)}"
        return Verdict(ok=problem is None, check=check, detail=problem or "independent check passed")

    def check(self, claim: Claim) -> Verdict:
        """Judge a units claim: ``expression`` (a question or a quantity) should equal ``stated``.

        A stated value that is not exact is judged by `agentkit.tools.tolerance` on the digits its
        number shows ("8.05 km" for 5 miles), and the claim's words ("about").
        """
        try:
            spec = parse_step(claim.expression)
            asked = None if spec is not None else parse_quantity(claim.expression, settled=False)
            stated_expr = parse_quantity(claim.stated.replace(",", ""), settled=False)
            if stated_expr is None or stated_expr[0] not in ("q", "n"):
                detail = f"could not read {claim.stated!r} as a quantity"
                return Verdict(ok=False, judged=False, check="units.claim", detail=detail)
            # the stated units are settled with the question's: "1 cup = 8 ounces" states fluid ounces
            settle({"expr": asked, "target": [unit for _, unit in stated_expr[1]] if stated_expr[0] == "q" else [],
                    **({"parts": {"asked": spec["expr"]}} if spec and "expr" in spec else {})},
                   claim.text, None)
            if spec is not None and ("expr" in spec or "parts" in spec):
                truth = evaluate(_expression(spec))
            elif asked is not None:
                truth = evaluate(asked)
            else:
                detail = f"could not read {claim.expression!r} as a units question or a quantity"
                return Verdict(ok=False, judged=False, check="units.claim", detail=detail)
            if stated_expr[0] == "n" and spec and spec.get("target"):
                stated_expr = ["q", [[stated_expr[1], spec["target"][0]]]]
            stated = evaluate(stated_expr)
            if stated.dimensionality != truth.dimensionality:
                return Verdict(ok=False, check="units.claim", detail="the stated value has another dimension")
            true_value = truth.to(stated.units).magnitude
        except (Unreadable, *_errors()) as exc:
            return Verdict(ok=False, judged=False, check="units.claim", detail=f"could not check: {_explain(exc)}")
        judgement = claims.judge(Fraction(true_value), Fraction(stated.magnitude), claim)
        number, _ = format_number(true_value)
        computed = quantity_text(number, as_unitspec(stated.units))
        return Verdict(ok=judgement.ok, check="units.claim", detail=f"{claim.expression} = {computed}",
                       computed=computed, tolerance=judgement.rule,
                       replacement=claims.replacement(Fraction(true_value), claim))

    def find_claims(self, text: str) -> list[Claim]:
        """Conversions claimed in free text: "5 miles is about 8 km", "100 °C = 212 °F"."""
        return claims.find_claims(self, text)


# -- computing --------------------------------------------------------------------

def _compute(spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    operation = spec["operation"]
    if operation == "clock_shift":
        minutes = (spec["start"] + spec["delta"]) % 1440
        return _clock_text(minutes, spec["style"]), {"minutes": minutes}
    if operation == "clock_between":
        difference = (spec["end"] - spec["start"]) % 1440
        value = registry().Quantity(Fraction(difference), "minute")
        text, parts = _render(value, spec["target"], drop_leading_zeros=True)
        return text, {"minutes": difference, "parts": parts}
    expr = _expression(spec)
    value = evaluate(expr)
    target = spec.get("target") or _default_target(spec, expr, value)
    if target is None:
        number, exact = format_number(value.to("dimensionless").magnitude)
        text, parts = number, [[value.to("dimensionless").magnitude, [], number, exact]]
    else:
        text, parts = _render(value, target, verb="convert")
    value = {"expr": expr, "parts": parts, **({"target": target} if target is not None else {})}
    if spec.get("places") is not None:
        text, value["parts"] = _rounded(parts, spec["places"])
        value["places"] = spec["places"]
    return text, value


def _rounded(parts: list[list[Any]], places: int) -> tuple[str, list[list[Any]]]:
    """A one-part answer rounded to ``places`` decimals, as the step asked ("to 2 decimal places")."""
    if len(parts) != 1:
        raise UnitsRefusal("an answer in several units cannot be rounded to decimal places")
    amount, unit = parts[0][:2]
    number = round_to(Fraction(amount), places)
    return quantity_text(number, unit), [[amount, unit, number, False]]


def _expression(spec: dict[str, Any]) -> list[Any]:
    """The expression a step computes; for speed problems, after checking each part's dimension."""
    if "expr" in spec:
        return spec["expr"]
    roles = _ROLES[spec["operation"]]
    for role, wanted in roles:
        got = dimension([pair for _, unit in spec["parts"][role][1][:1] for pair in unit])
        if got != wanted:
            raise UnitsRefusal(f"the {role} should be a {wanted}, but it is a {got}")
    (first, _), (second, _) = roles
    return ["/" if spec["operation"] != "distance" else "*", spec["parts"][first], spec["parts"][second]]


def _single_unit(node: list[Any]) -> UnitSpec | None:
    return node[1][0][1] if node[0] == "q" and len(node[1]) == 1 else None


def _default_target(spec: dict[str, Any], expr: list[Any], value: pint.Quantity) -> list[UnitSpec] | None:
    operation = spec["operation"]
    if operation in _ROLES:
        left, right = _single_unit(expr[1]), _single_unit(expr[2])
        if operation == "speed" and left and right and len(left) == len(right) == 1:
            return [[left[0], [right[0][0], -right[0][1]]]]
        speed = _single_unit(spec["parts"]["speed"]) if "speed" in spec["parts"] else None
        wanted = -1 if operation == "travel_time" else 1
        picks = [[name, 1] for name, power in (speed or []) if power == wanted]
        fallback = {"speed": [["meter", 1], ["second", -1]], "travel_time": [["hour", 1]],
                    "distance": [["meter", 1]]}
        return [picks if len(picks) == 1 else fallback[operation]]
    root = expr[1] if expr[0] == "neg" else expr
    if root[0] in ("+", "-"):
        leaf = root
        while leaf[0] in ("+", "-", "*", "/", "neg"):
            leaf = leaf[1]
        if leaf[0] == "q":
            return [unit for _, unit in leaf[1]]
    reduced = as_unitspec(value.to_reduced_units().units)
    return [reduced] if reduced else None


def _render(value: pint.Quantity, target: list[UnitSpec], *, verb: str = "convert",
            drop_leading_zeros: bool = False) -> tuple[str, list[list[Any]]]:
    """``value`` in the target unit (or units, largest first, for a mixed answer) as text, and the parts."""
    for unit in target:
        if registry().Quantity(1, to_unit(unit)).dimensionality != value.dimensionality:
            raise Mismatch(verb, dimension(as_unitspec(value.units)), dimension(unit))
    if len(target) == 1:
        magnitude = value.to(to_unit(target[0])).magnitude
        number, exact = format_number(magnitude)
        return quantity_text(number, target[0]), [[magnitude, target[0], number, exact]]
    if any(name in OFFSET for unit in target for name, _ in unit):
        raise UnitsRefusal("a temperature on an offset scale cannot be split into parts")
    last = to_unit(target[-1])
    sizes = [quantity(1, unit).to(last).magnitude for unit in target]
    if any(a <= b for a, b in pairwise(sizes)):
        raise UnitsRefusal("list the units of a mixed answer from the largest to the smallest")
    total = value.to(last).magnitude
    remaining, parts = abs(total), []
    for unit, size in zip(target[:-1], sizes[:-1], strict=True):
        count = Fraction(floor(remaining / size))
        parts.append([count, unit])
        remaining -= count * size
    parts.append([remaining, target[-1]])
    if drop_leading_zeros:
        while len(parts) > 1 and parts[0][0] == 0:
            parts.pop(0)
    if total < 0:
        parts = [[-count, unit] for count, unit in parts]
    shown = []
    for part in parts:
        number, exact = format_number(part[0])
        part += [number, exact]
        shown.append(quantity_text(number, part[1]))
    return " ".join(shown), parts


def _clock_text(minutes: int, style: str) -> str:
    hour, minute = divmod(minutes, 60)
    if style == "24h":
        return f"{hour:02d}:{minute:02d}"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


# -- checking ---------------------------------------------------------------------

def _verify(spec: dict[str, Any], value: dict[str, Any]) -> str | None:
    """An independent check of a result: a problem in words, or None when it holds."""
    operation = spec["operation"]
    if "refusal" in value:
        return _verify_refusal(spec, value["refusal"])
    if operation == "clock_shift":
        return _verify_clock_shift(spec, value)
    if operation == "clock_between":
        if (spec["start"] + value["minutes"]) % 1440 != spec["end"] or not 0 <= value["minutes"] < 1440:
            return f"{spec['start']} + {value['minutes']} minutes does not reach {spec['end']}"
        expr = ["q", [[str(value["minutes"]), [["minute", 1]]]]]
    else:
        expr = value["expr"]
    magnitude, dims = base_value(expr)
    total = Fraction(0)
    places = value.get("places")
    for amount, unit, number, exact in value["parts"]:
        if not (within_display(amount, number, exact) if places is None else within_places(amount, number, places)):
            return f"{number} does not show {amount}"
        total += quantity(amount, unit).to_base_units().magnitude if unit else amount
    if total != magnitude:
        return f"converted back, the result is {total} in base units, not {magnitude}"
    first_unit = value["parts"][0][1]
    shown_dims = registry().Quantity(1, to_unit(first_unit)).dimensionality if first_unit else {}
    if {k: v for k, v in dict(shown_dims).items() if v} != dims:
        return "the result's dimension differs from the question's"
    if operation == "convert" and len(value["parts"]) == 1 and expr[0] == "q":
        back = quantity(value["parts"][0][0], value["parts"][0][1]).to(to_unit(expr[1][0][1])).magnitude
        source = evaluate(expr).to(to_unit(expr[1][0][1])).magnitude
        if back != source:
            return f"converted back, {back} differs from {source}"
    return None


def _verify_refusal(spec: dict[str, Any], refusal: Mismatch) -> str | None:
    """A refusal stands when the dimensions, found leaf by leaf in base units, really differ."""
    try:
        _, dims = base_value(_expression(spec))
    except UnitsRefusal:
        return None if refusal.verb in ("add", "subtract") else "the quantities themselves do not combine"
    if refusal.verb in ("add", "subtract"):
        return "the quantities have one dimension after all"
    for unit in spec.get("target") or []:
        target_dims = registry().Quantity(1, to_unit(unit)).to_base_units().dimensionality
        if {k: v for k, v in dict(target_dims).items() if v} != dims and dimension(unit) == refusal.right:
            return None
    return "the dimensions agree; the refusal is wrong"


def _verify_clock_shift(spec: dict[str, Any], value: dict[str, Any]) -> str | None:
    start = datetime.datetime(2000, 1, 3) + datetime.timedelta(minutes=spec["start"])
    moved = start + datetime.timedelta(minutes=spec["delta"])
    expected = moved.strftime("%H:%M") if spec["style"] == "24h" else moved.strftime("%I:%M %p").lstrip("0")
    got = _clock_text(value["minutes"], spec["style"])
    return None if got == expected else f"datetime gives {expected}, the tool gave {got}"


def _explain(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the expression is nested too deeply"
    if isinstance(exc, pint.OffsetUnitCalculusError):
        return ("temperatures on an offset scale (°C, °F) cannot be added or multiplied; "
                "convert them to kelvin first")
    if isinstance(exc, pint.UndefinedUnitError):
        return f"unknown unit: {exc}"
    message = str(exc) or type(exc).__name__
    return message if not isinstance(exc, pint.PintError) else f"pint could not do this: {message}"
