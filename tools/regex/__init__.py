"""The regex family: match, find, count, replace, split, validate and explain regular expressions, under time limits.

Matching runs in the third-party `regex` engine, whose ``timeout=`` stops catastrophic backtracking;
the check re-runs every result in Python's own `re`, under a time limit of its own. Patterns mean what
Python's `re` makes of them.

    >>> from agentkit.tools.base import Context
    >>> family = RegexFamily()
    >>> family.execute(family.recognize(r"Does `^\\d{3}-\\d{4}$` match 555-1234?", Context())).text
    'yes'
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import regex
from agentkit.tools._limits import run_with_timeout
from agentkit.tools.base import Candidate, Claim, Context, ToolResult, Verdict
from agentkit.tools.regex import _checks as checks
from agentkit.tools.regex import _extract, _model, claims
from agentkit.tools.regex._explain import explain
from agentkit.tools.regex._parse import read_step

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["RegexFamily", "MAX_PATTERN_CHARS", "MAX_SUBJECT_CHARS", "MATCH_SECONDS"]

MAX_STEP_CHARS = 50_000
MAX_PATTERN_CHARS = 1_000
MAX_SUBJECT_CHARS = 10_000
MAX_REPLACEMENT_CHARS = 1_000
MAX_RESULT_CHARS = 20_000
MAX_MATCHES = 10_000
MAX_SHOWN = 50
MATCH_SECONDS = 0.6  # the regex engine's own limit, in every thread
GUARD_SECONDS = 0.75  # a wall-clock guard around it, in every thread

T = TypeVar("T")

_REGEX_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE, "a": regex.ASCII}
_DOLLAR_REFERENCE = re.compile(r"\$(?:\d|\{|<|&)")
_REGEX_WORDS = re.compile(r"\b(?:regex|regexp|regular expression|pattern|match|matches|replace|split)\b", re.I)


class RegexRefusal(ToolInputError):
    """A regex request that the family answers with a clear refusal instead of a result."""


def _guarded(fn: Callable[..., T], *args: Any) -> T:
    """Call ``fn`` in a tools' worker process stopped after a wall-clock limit, around the engine's own timeout."""
    return run_with_timeout(fn, *args, seconds=GUARD_SECONDS)


def _compile(spec: dict[str, Any]) -> Any:
    problem = checks.re_problem(spec["pattern"], spec["flags"])
    if problem is not None:
        raise RegexRefusal(f"not a valid regex: {problem}")  # Python's re is the reference for what is valid
    flags = 0
    for letter in spec["flags"]:
        flags |= _REGEX_FLAGS[letter]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return regex.compile(spec["pattern"], flags | regex.VERSION0)
    except regex.error as exc:
        raise RegexRefusal(f"the regex module cannot run this pattern: {checks.error_text(exc)}") from exc
    except (ValueError, OverflowError, RecursionError) as exc:
        raise RegexRefusal(f"the regex engine refused {spec['pattern']!r}: {exc}") from exc


def _check_sizes(spec: dict[str, Any]) -> None:
    for key, limit, what in (("pattern", MAX_PATTERN_CHARS, "pattern"), ("subject", MAX_SUBJECT_CHARS, "text"),
                             ("replacement", MAX_REPLACEMENT_CHARS, "replacement")):
        value = spec.get(key)
        if value is not None and len(value) > limit:
            raise LimitExceeded(f"the {what} is too long ({len(value):,} characters; the limit is {limit:,})")


def _spans(compiled: Any, subject: str, overlapped: bool = False) -> list[list[Any]]:
    found = []
    for m in compiled.finditer(subject, overlapped=overlapped, timeout=MATCH_SECONDS):
        found.append([m.start(), m.end()])
        if len(found) > MAX_MATCHES:
            raise LimitExceeded(f"more than {MAX_MATCHES:,} matches")
    return found


def _match(compiled: Any, spec: dict[str, Any], subject: str) -> tuple[str, dict[str, Any]]:
    full = compiled.fullmatch(subject, timeout=MATCH_SECONDS) if spec["mode"] != "search" else None
    part = compiled.search(subject, timeout=MATCH_SECONDS) if full is None and spec["mode"] != "full" else None
    value = {"full": full is not None, "span": None, "groups": []}
    shown = full or part
    if shown is not None:
        value["span"] = [shown.start(), shown.end()]
        value["groups"] = list(shown.groups())
    return checks.render_match(spec["mode"], value, subject), value


def _run(compiled: Any, spec: dict[str, Any], subject: str) -> tuple[str, Any]:
    op = spec["operation"]
    if op == "match":
        return _match(compiled, spec, subject)
    if op in _extract.OPERATIONS:
        value = _extract.run(compiled, spec, subject, MATCH_SECONDS)
        return _extract.render(spec, value), value
    if op in ("findall", "count"):
        spans = _spans(compiled, subject, overlapped=spec["overlapped"])
        text = str(len(spans)) if op == "count" else checks.render_found(spans, subject, MAX_SHOWN)
        return text, spans
    if op == "replace":
        repl = spec["replacement"]
        if _DOLLAR_REFERENCE.search(repl):
            raise RegexRefusal("the replacement uses $-references (JavaScript or PCRE style); in Python write "
                               "\\1 or \\g<name> for a group, or quote a literal $ as \\$")
        count = 1 if spec["first_only"] else 0
        if spec["slash"] and not spec["global"] and not count and len(_spans(compiled, subject)) > 1:
            raise RegexRefusal("ambiguous: /pattern/ without the g flag replaces only the first match in JavaScript "
                               "and sed; say 'replace all' or 'replace the first', or add g")
        try:
            out = compiled.sub(repl, subject, count=count, timeout=MATCH_SECONDS)
        except (regex.error, IndexError) as exc:
            raise RegexRefusal(f"bad replacement {repl!r}: {checks.error_text(exc)}") from exc
        if len(out) > MAX_RESULT_CHARS:
            raise LimitExceeded(f"the result would be {len(out):,} characters long (limit {MAX_RESULT_CHARS:,})")
        return checks.show(out), out
    if op == "split":
        pieces = compiled.split(subject, timeout=MATCH_SECONDS)
        if len(pieces) > MAX_MATCHES:
            raise LimitExceeded(f"more than {MAX_MATCHES:,} pieces")
        return checks.render_list(pieces), pieces
    raise RegexRefusal(f"unknown regex operation {op!r}")


def _execute(spec: dict[str, Any]) -> tuple[str, Any]:
    _check_sizes(spec)
    op = spec["operation"]
    if op == "valid":
        problem = checks.re_problem(spec["pattern"], spec["flags"])
        return ("yes" if problem is None else f"no: {problem}"), problem
    if op == "explain":
        problem = checks.re_problem(spec["pattern"], spec["flags"])
        if problem is not None:
            raise RegexRefusal(f"not a valid regex: {problem}")
        words, rebuilt = explain(spec["pattern"], checks.re_flags(spec["flags"]))
        return words, rebuilt
    compiled = _compile(spec)
    text, value = _guarded(_run, compiled, spec, spec["subject"])
    if spec["subject_alt"] is not None and _guarded(_run, compiled, spec, spec["subject_alt"])[0] != text:
        raise RegexRefusal(f"ambiguous: the answer depends on whether the final {spec['subject_alt'][-1]!r} "
                           "belongs to the text; put the text in quotes")
    _other_readings(spec, text, value)
    return text, value


def _other_readings(spec: dict[str, Any], text: str, value: Any) -> None:
    """Refuse where another reading of the words gives another answer, or the answer is not the one the words expect.

    ``pattern_alt``: the punctuation after a bare pattern may belong to it; ``agree``: the noun counted
    ("vowels") names a pattern of its own; ``overlap_unsaid``: a literal pattern may be counted with overlaps;
    ``expected``: the request names the result ("swap 'Doe, John' into 'John Doe'").
    """
    alt = spec.get("pattern_alt")
    if alt is not None and checks.re_problem(alt, spec["flags"]) is None:
        other = {**spec, "pattern": alt, "pattern_alt": None}
        other_text, other_value = _guarded(_run, _compile(other), other, spec["subject"])
        if other_value is not None and other_text != text:  # a reading that finds nothing asks for nothing
            raise RegexRefusal(f"ambiguous: the answer depends on whether the {alt[-1]!r} after the pattern "
                               "belongs to it; quote the pattern")
    if spec.get("agree"):
        named = {**spec, "pattern": spec["agree"][0], "flags": spec["agree"][1], "agree": None}
        if _guarded(_run, _compile(named), named, spec["subject"])[0] != text:
            raise RegexRefusal(f"ambiguous: {spec['pattern']!r} and {named['pattern']!r} (flags "
                               f"{named['flags'] or 'none'}) count differently here; which is meant?")
    if spec.get("overlap_unsaid"):
        overlapped = {**spec, "overlapped": True, "overlap_unsaid": False}
        if _guarded(_run, _compile(overlapped), overlapped, spec["subject"])[0] != text:
            raise RegexRefusal("ambiguous: counted with overlaps the answer differs; say 'overlapping' or "
                               "'non-overlapping'")
    if spec.get("expected") is not None and value != spec["expected"]:
        raise RegexRefusal(f"the request expects {checks.show(spec['expected'])}, but the replacement gives "
                           f"{checks.show(value)}: the pattern or the replacement is not what is meant")


class RegexFamily:
    """Regular expressions in Python's `re` syntax: whole steps only, every match under a time limit."""

    name = "regex"
    description = (
        "Regular expressions (Python re syntax), run under a time limit and re-checked: does a pattern match a "
        "string, find all matches, count, replace, split, is a regex valid, explain a regex in words. Quote the "
        "pattern with backticks, quotes or /slashes/flags, e.g. 'Does `^\\d{3}-\\d{4}$` match 555-1234?'."
    )
    request_form = _model.REQUEST_FORM
    request_fields = _model.REQUEST_FIELDS
    examples = _model.EXAMPLES

    def read_request(self, spec: str, *, detail: Mapping[str, str]) -> str | None:
        """A model's pattern (and example) as a match or validity request; see `_model.read_spec`."""
        return _model.read_spec(spec, detail)

    def recognize(self, text: str, context: Context) -> Candidate | None:
        if len(text) > MAX_STEP_CHARS:
            return None
        spec = read_step(text)
        if spec is None:
            return self._partial(text)
        if spec["operation"] == "declined":  # understood, but the words name no single request
            return Candidate(tool=self.name, operation="declined", spec=spec, confidence=0.5, span=(0, len(text)),
                             complete=False, reason=spec["reason"])
        reason = {"match": "whole step parsed as a quoted pattern and a text to match",
                  "findall": "whole step parsed as find all matches of a quoted pattern in a text",
                  "count": "whole step parsed as count the matches of a quoted pattern in a text",
                  "replace": "whole step parsed as a quoted pattern, a replacement and a text",
                  "split": "whole step parsed as split a text on a quoted pattern",
                  "valid": "whole step parsed as a question whether a quoted pattern is a valid regex",
                  "explain": "whole step parsed as a request to explain a quoted pattern",
                  "first": "whole step parsed as the first match of a pattern in a text",
                  "group": "whole step parsed as a group of the first match of a pattern in a text",
                  "captures": "whole step parsed as the captured groups of a pattern's matches in a text",
                  "words": "whole step parsed as the words of a text a pattern matches"}[spec["operation"]]
        return Candidate(tool=self.name, operation=spec["operation"], spec=spec, confidence=1.0,
                         span=(0, len(text)), complete=True, reason=reason, interpretation=checks.interpret(spec))

    def _partial(self, text: str) -> Candidate | None:
        """A hint for the model when a step names a regex but the words around it were not understood."""
        if "`" not in text and "/" not in text or not _REGEX_WORDS.search(text[:2000]):
            return None
        return Candidate(tool=self.name, operation="unknown", spec={"operation": "unknown"}, confidence=0.3,
                         span=(0, len(text)), complete=False,
                         reason="the step mentions a regex, but the request around it was not understood whole")

    def execute(self, candidate: Candidate) -> ToolResult:
        spec = candidate.spec
        op = spec.get("operation", "unknown")
        try:
            text, value = _execute(spec)
        except ToolInputError as exc:  # RegexRefusal, LimitExceeded, Unexplainable
            error = "TimedOut" if "timed out" in str(exc) else type(exc).__name__
            message = checks.timeout_text(MATCH_SECONDS) if error == "TimedOut" else str(exc)
            return ToolResult(tool=self.name, operation=op, spec=spec, text=message, error=error)
        except TimeoutError as exc:
            return ToolResult(tool=self.name, operation=op, spec=spec, text=checks.timeout_text(MATCH_SECONDS),
                              error=type(exc).__name__)
        except (RecursionError, MemoryError) as exc:
            return ToolResult(tool=self.name, operation=op, spec=spec, error=type(exc).__name__,
                              text=f"the regex request could not be carried out ({type(exc).__name__})")
        return ToolResult(tool=self.name, operation=op, spec=spec, text=text, value=value)

    def verify(self, result: ToolResult) -> Verdict:
        check = f"regex.{result.operation}"
        if result.error:
            return Verdict(ok=False, check=check, detail=result.text)
        problem = checks.recheck(result.spec, result.text, result.value)
        return Verdict(ok=problem is None, check=check, detail=problem or checks.PASSED[result.operation])

    def check(self, claim: Claim) -> Verdict:
        """Judge a claim about a regex: ``expression`` is a regex question, ``stated`` the answer given.

        A yes/no question is judged on its first word, a count as a number, anything else as text.
        A claim found in free text (`find_claims`) is re-run as a match (see `agentkit.tools.regex.claims`).
        """
        if isinstance(claim.reading, claims.Found):
            return claims.judge(self, claim)
        candidate = self.recognize(claim.expression, Context())
        if candidate is None or not candidate.complete:
            return Verdict(ok=False, check="regex.claim", detail=f"could not read {claim.expression!r} as a regex question")
        result = self.execute(candidate)
        verdict = self.verify(result)
        if not verdict.ok:
            return Verdict(ok=False, check="regex.claim", detail=f"could not check: {verdict.detail}")
        ok = checks.same_answer(result.operation, claim.stated, result.text)
        return Verdict(ok=ok, check="regex.claim", detail=f"{claim.expression} -> {result.text}")

    def find_claims(self, text: str) -> list[Claim]:
        """"`^\\d+$` matches 123", "/a+/ does not match `bbb`": match claims in free text."""
        return claims.find_claims(text)
