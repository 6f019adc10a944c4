"""The math family: exact arithmetic, number theory, algebra and calculus with sympy, on a grammar of its own.

    >>> from agentkit.tools.base import Context
    >>> family = MathFamily()
    >>> candidate = family.recognize("What is the gcd of 12 and 18?", Context())
    >>> family.execute(candidate).text
    '6'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from agentkit.tools._limits import run_with_timeout
from agentkit.tools.base import REFERENCE, Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.math import _chat, _model, _rounding
from agentkit.tools.math._boundary import guarded
from agentkit.tools.math._core import PATTERN_SLOT, Operation, Scope
from agentkit.tools.math._operations import OPERATIONS
from agentkit.tools.math._parser import AmbiguousReading, parse
from agentkit.tools.math._spoken import DATE_SHAPED

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["MathFamily", "MAX_STEP_CHARS", "TIME_LIMIT_SECONDS", "warm_worker"]

MAX_STEP_CHARS = 4000
TIME_LIMIT_SECONDS = 1.5

_BY_NAME: dict[str, Operation] = {op.name: op for op in OPERATIONS}
_TRAILING = re.compile(r"(?:\s|\?|\.(?!\d))+$")  # never "!": 5! is a factorial
_REPEATING_END = re.compile(r"\d\.\d+(?:\.{2,}|…)[\s?]*$")  # "0.333...": the dots say the digits go on
_EXPRESSION_RUN = re.compile(r"[-+*/^()\d.\s]*\d[-+*/^()\d.\s]*[-+*/^][-+*/^()\d.\s]*\d[-+*/^()\d.\s]*")



def _computed(name: str, args: object) -> object:
    """The operation's computation, looked up by name (so that the call pickles to a worker process)."""
    return guarded(_BY_NAME[name].compute, args)


def _checked(name: str, args: object, value: object) -> str | None:
    """The operation's independent check, looked up by name (see `_computed`)."""
    return guarded(_BY_NAME[name].verify, args, value)


def _normalize(text: str) -> str:
    text = " ".join(text.split())
    return text.rstrip(" ?") if _REPEATING_END.search(text) else _TRAILING.sub("", text)


class MathFamily:
    """Exact mathematics. Recognizes whole steps only; see `Operation` for how a phrasing is added."""

    name = "math"
    description = _model.DESCRIPTION
    request_form = _model.REQUEST_FORM
    examples = _model.EXAMPLES

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's arithmetic expression as ``"What is <expression>?"``; see `_model.read_spec`."""
        return _model.read_spec(spec, detail)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if len(text) > MAX_STEP_CHARS:
            return None
        step = _normalize(text)
        if DATE_SHAPED.search(step):
            return None  # 2026-12-25 is a date, not a subtraction: the dates family's
        if context.previous is not None and REFERENCE.search(step):
            step = REFERENCE.sub(f"({context.previous})", step)
        try:
            scope = guarded(Scope.from_bindings, context.bindings)
        except ToolInputError:
            scope = Scope()
        candidate, ambiguous = self._match(step, text, context, scope)
        if candidate is not None:
            return candidate
        chat = _chat.normalize(step)
        if chat is not None:
            # greetings, politeness and frames removed, numbers as digits (see `_chat`); the structure is unchanged,
            # so an ambiguity of the step as written is met again here unless it came from a number word's hyphen
            # ("twenty-one squared")
            candidate, second = self._match(chat, text, context, scope)
            if candidate is not None:
                return candidate
            ambiguous = ambiguous or second
        rounded = _rounding.split(chat or step)
        if rounded is not None and ambiguous is None:
            inner = self.recognize(rounded[0], context)
            if inner is not None and inner.complete and self._real_valued(inner):
                spec = {"operation": _rounding.NAME, "inner": inner.spec, "places": rounded[1]}
                return Candidate(tool=self.name, operation=_rounding.NAME, spec=spec, confidence=1.0,
                                 span=(0, len(text)), complete=True, reason=f"{inner.reason}; rounded",
                                 interpretation=f"{inner.interpretation}, rounded to {rounded[1]} decimal places "
                                                "(halves away from zero)")
        if ambiguous is not None:
            return Candidate(tool=self.name, operation="evaluate", spec={"operation": "evaluate", "slots": {}, "bindings": {}}, confidence=0.5, span=(0, len(text)),
                             complete=False, reason=f"declined: {ambiguous}")
        return self._partial(text)

    def _match(self, step: str, text: str, context: Context,
               scope: Scope) -> tuple[Candidate | None, AmbiguousReading | None]:
        """The first operation that reads ``step`` whole, else the first ambiguity met on the way."""
        ambiguous: AmbiguousReading | None = None
        for op in OPERATIONS:
            for number, pattern in enumerate(op.patterns):
                match = pattern.fullmatch(step)
                if match is None:
                    continue
                slots = {k: v for k, v in match.groupdict().items() if v is not None}
                slots[PATTERN_SLOT] = str(number)
                try:
                    args = guarded(op.prepare, slots, scope)
                except LimitExceeded as exc:
                    return self._candidate(op, text, slots, context, reason=f"{op.reason}; but {exc}",
                                           interpretation=_interpret(op, None, slots, scope)), None
                except AmbiguousReading as exc:
                    ambiguous = ambiguous or exc
                    continue
                except ToolInputError:
                    continue
                return self._candidate(op, text, slots, context, reason=op.reason,
                                       interpretation=_interpret(op, args, slots, scope)), None
        return None, ambiguous

    def _candidate(self, op: Operation, text: str, slots: dict[str, str], context: Context, *, reason: str,
                   interpretation: str) -> Candidate:
        spec = {"operation": op.name, "slots": slots, "bindings": dict(context.bindings)}
        return Candidate(tool=self.name, operation=op.name, spec=spec, confidence=1.0,
                         span=(0, len(text)), complete=True, reason=reason, interpretation=interpretation)

    def _partial(self, step: str) -> Candidate | None:
        """The longest run of arithmetic in a step the family cannot read whole: a hint, never an answer.

        Spans index ``step`` as given, so a reviewer can highlight the part that was understood.
        """
        best = max((m for m in _EXPRESSION_RUN.finditer(step)), key=lambda m: len(m.group().strip()), default=None)
        if best is None:
            return None
        expression = best.group().strip()
        try:
            guarded(lambda: parse(expression, implicit=False))
        except ToolInputError:
            return None
        start = best.start() + best.group().index(expression)
        return Candidate(
            tool=self.name, operation="evaluate",
            spec={"operation": "evaluate", "slots": {"expr": expression}, "bindings": {}},
            confidence=round(len(expression) / max(len(step), 1), 3), span=(start, start + len(expression)),
            complete=False, reason=f"only the arithmetic {expression!r} was understood, not the words around it",
        )

    def execute(self, candidate: Candidate) -> ToolResult:
        spec = candidate.spec
        if spec["operation"] == _rounding.NAME:
            return self._execute_rounded(candidate)
        op = _BY_NAME[spec["operation"]]
        try:
            scope = guarded(Scope.from_bindings, spec["bindings"])
            args = guarded(op.prepare, spec["slots"], scope)
            value = run_with_timeout(_computed, op.name, args, seconds=TIME_LIMIT_SECONDS)
            text = guarded(op.render, args, value)
            binds = guarded(op.binds, args, value) if op.binds else {}
        except ToolInputError as exc:
            return ToolResult(tool=self.name, operation=op.name, spec=spec, text=_explain(exc), error=type(exc).__name__)
        return ToolResult(tool=self.name, operation=op.name, spec=spec, text=text, value=(args, value), bindings=binds)

    def _real_valued(self, candidate: Candidate) -> bool:
        """Whether a step's result is one real number (what a rounding clause can apply to); runs the step."""
        result = self.execute(candidate)
        if result.error:
            return False
        try:
            guarded(_rounding.round_value, result.value[1], 0)
        except ToolInputError:
            return False
        return True

    def _execute_rounded(self, candidate: Candidate) -> ToolResult:
        """The inner step's result, its value rounded to the places asked for (see `_rounding`)."""
        spec = candidate.spec
        inner = self.execute(dataclasses.replace(candidate, operation=spec["inner"]["operation"], spec=spec["inner"]))
        if inner.error:
            return ToolResult(tool=self.name, operation=_rounding.NAME, spec=spec, text=inner.text, error=inner.error)
        try:
            text = guarded(_rounding.round_value, inner.value[1], spec["places"])
        except ToolInputError as exc:
            return ToolResult(tool=self.name, operation=_rounding.NAME, spec=spec, text=_explain(exc),
                              error=type(exc).__name__)
        return ToolResult(tool=self.name, operation=_rounding.NAME, spec=spec, text=text, value=(inner, text))

    def verify(self, result: ToolResult) -> Verdict:
        check = f"math.{result.operation}"
        if result.error:
            return Verdict(ok=False, check=check, detail=result.text)
        if result.operation == _rounding.NAME:
            inner, text = result.value
            verdict = self.verify(inner)
            if not verdict.ok:
                return Verdict(ok=False, check=check, detail=verdict.detail)
            ok = _rounding.within_half_unit(inner.value[1], text, result.spec["places"])
            return Verdict(ok=ok, check=check, detail=f"{verdict.detail}; rounding within half a unit" if ok
                           else f"{text} is not {inner.text} rounded to {result.spec['places']} places")
        op = _BY_NAME[result.operation]
        args, value = result.value
        try:
            problem = run_with_timeout(_checked, op.name, args, value, seconds=TIME_LIMIT_SECONDS)
        except ToolInputError as exc:
            problem = f"the check could not run: {_explain(exc)}"
        return Verdict(ok=problem is None, check=check, detail=problem or "independent check passed")

    def check(self, claim: Claim) -> Verdict:
        """Judge an arithmetic claim: ``expression`` should equal ``stated`` (see `agentkit.tools.tolerance`)."""
        from agentkit.tools.math.claims import judge_claim

        return judge_claim(claim)

    def find_claims(self, text: str) -> list[Claim]:
        """Arithmetic claims in free text: equalities, chains, calculator annotations, "15% of 80 is 12"."""
        from agentkit.tools.math.claims import find_claims

        return find_claims(text)


def _interpret(op: Operation, args: object, slots: Mapping[str, str], scope: Scope) -> str:
    """The operation's own interpretation, else its name and each slot rendered by the grammar.

    ``gcd: 12, 18``; a slot the grammar does not read (a numeral in base 16, a word) is shown as written.
    """
    if op.interpret is not None and args is not None:
        try:
            text = op.interpret(args)
        except (ToolInputError, LookupError, TypeError, ValueError):
            text = ""
        if text:
            return text
    parts = []
    for key, value in slots.items():
        if key == PATTERN_SLOT or not value.strip():
            continue
        try:
            parsed = scope.parse(value)
            shown = parsed.text + (f" ({'; '.join(parsed.notes)})" if parsed.notes else "")
        except (ToolInputError, RecursionError):
            shown = " ".join(value.split())
        parts.append(shown)
    return f"{op.name.replace('_', ' ')}: {'; '.join(parts)}" if parts else op.name.replace("_", " ")


def _explain(exc: ToolInputError) -> str:
    return str(exc) or type(exc).__name__


def warm_worker() -> None:
    """Import sympy's lazily loaded solvers, integrator and simplifier in the tools' worker zygote before it
    forks (`agentkit.tools._workers`): a fresh worker's first solve would otherwise spend up to half a second
    of its time limit on imports."""
    import sympy

    x = sympy.Symbol("x")
    sympy.solve(x**2 - 1, x)
    sympy.integrate(x * sympy.sin(x), x)
    sympy.simplify((x**2 - 1) / (x - 1))
