"""What a model needs to hand the units family a step: its request form, examples, and the strict reading of the model's line."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["EXAMPLES", "REQUEST_FORM", "read_spec"]

REQUEST_FORM = "units: <number> <unit> to <unit>"
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("How far is 26.2 miles in kilometres?", "units: 26.2 mile to kilometer"),
    ("A recipe needs 250 grams of flour. How many ounces is that?", "units: 250 gram to ounce"),
)

_UNIT = r"[A-Za-z°µ][\w°µ/*^. -]*?"
_CONVERSION = re.compile(
    rf"(?:convert\s+)?(?P<n>-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?|-?\.\d+)\s*(?P<unit>{_UNIT})\s+"
    rf"(?:to|in|into|->)\s+(?P<target>{_UNIT})\.?",
    re.IGNORECASE,
)


def read_spec(spec: str, detail: Mapping[str, str]) -> str | None:
    """``"26.2 miles to km"`` -> ``"convert 26.2 miles to km"``; anything but a quantity and a target unit gives ``None``."""
    match = _CONVERSION.fullmatch(spec)
    if match is None:
        return None
    number = match["n"].replace(",", "")
    return f"convert {number} {match['unit'].strip()} to {match['target'].strip()}"
