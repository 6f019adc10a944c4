"""The slots the regex grammar's templates are written with: a pattern, a text, a replacement, a pattern by name.

A quoted item stands in the template's text as a marker ``\x00<n>\x00`` (see `_parse`); ``{S}`` is the text
slot, filled lazily and greedily to find a text whose end is unclear.
"""

from __future__ import annotations

__all__ = ["ALL", "BARE", "KIND", "MATCHES", "NAMED", "NOUN", "PB", "PN", "PN1", "SINGULAR", "SQ", "P", "R", "S"]

# a pattern slot: a quoted item, optionally introduced by "the regex"; or a bare token after that word
KIND = r"(?:regular expression|regexp|regex|pattern|re)"
P = rf"(?:the )?(?:{KIND} )?(?P<p>\x00\d+\x00)"
PB = rf"(?:(?:the )?(?:{KIND} )?(?P<p>\x00\d+\x00)|(?:the )?{KIND} (?P<pb>\S+))"
NOUN = r"(?:the )?(?:string |text |input |word )?"
S = rf"(?P<sn>{NOUN})(?P<s>{{S}})"
R = r"(?:(?P<r>\x00\d+\x00)|(?P<rn>nothing|an empty string|the empty string|empty string)|(?P<rb>[^\s\x00]+))"
MATCHES = r"(?:matches|occurrences|instances|hits)"
ALL = r"(?:all |every |each )?(?:the )?"

# things people ask to find by name, as the pattern the reading shows ("find all the numbers in ...")
NAMED: dict[str, tuple[str, str]] = {
    "numbers": (r"\d+(?:\.\d+)?", ""), "whole numbers": (r"\d+", ""), "integers": (r"\d+", ""),
    "digits": (r"\d", ""), "non-digits": (r"\D", ""), "non-digit characters": (r"\D", ""),
    "hashtags": (r"#\w+", ""), "vowels": (r"[aeiou]", "i"), "spaces": (" ", ""),
    "email addresses": (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", ""), "emails": (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", ""),
    "email address": (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", ""),
}
PN = rf"(?P<pn>{'|'.join(sorted(NAMED, key=len, reverse=True))})"
# the singular a name takes after "every"/"each" ("replace every vowel"), for the same pattern
SINGULAR = {"vowel": "vowels", "digit": "digits", "non-digit": "non-digits", "space": "spaces", "number": "numbers",
            "whole number": "whole numbers", "integer": "integers", "hashtag": "hashtags"}
PN1 = rf"(?P<pn>{'|'.join(sorted(SINGULAR, key=len, reverse=True))})"
BARE = r"(?P<pb>[^\s\x00]+)"
SQ = r"(?P<s>\x00\d+\x00)"  # a quoted text only
