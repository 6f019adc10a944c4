"""What a model needs to hand the regex family a step: its request form, examples, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["EXAMPLES", "REQUEST_FIELDS", "REQUEST_FORM", "read_spec"]

REQUEST_FORM = "regex: `<pattern>` matches `<example text>`"
REQUEST_FIELDS = {"example": "a string the pattern must match"}
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Give me a regex for a US zip code.", r"regex: `^\d{5}(?:-\d{4})?$` matches `12345-6789`"),
)

_QUOTED = re.compile(r"`(?P<pattern>[^`]+)`(?:\s+(?:matches|on|for)\s+`(?P<example>[^`]*)`)?\.?")


def read_spec(spec: str, detail: Mapping[str, str]) -> str | None:
    """A pattern and an example as a match request; a pattern alone as a validity check; else ``None``.

    A line gives ``\\`<pattern>\\` matches \\`<example>\\```; a structured answer may give the bare pattern
    with the example in ``detail["example"]`` (the key is there, maybe empty, when the answer was structured).
    """
    quoted = _QUOTED.fullmatch(spec.strip())
    if quoted is not None:
        pattern, example = quoted["pattern"], quoted["example"]
    elif "example" in detail:
        pattern, example = spec.strip(), detail["example"]
    else:
        return None
    if "`" in pattern or "\n" in pattern or (example is not None and ("`" in example or "\n" in example)):
        return None
    if example:
        return f"Does `{pattern}` match `{example}`?"
    return f"Is `{pattern}` a valid regex?"
