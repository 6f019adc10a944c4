"""Words that name a subject rather than spell it: "an empty string" is "", "any digit" is a class of strings.

A bare (unquoted) subject is text to match, except where its words name a string ("the empty string",
"a single space", "a tab") or describe a set of strings ("any digit", "an email address", "whitespace"). A
named string is matched as the string it names, and the interpretation says so; a description is not one
subject, so the question has no single answer and the family declines, naming why. Quoted text is always
literal: `"an empty string"` is fifteen characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Subject", "read_subject"]


@dataclass(frozen=True, kw_only=True)
class Subject:
    """A bare subject's reading: the text to match, or why there is none.

    Attributes:
        text: the concrete string to match, ``None`` when the words describe no single string.
        named: what the words named, for the interpretation ("the empty string"); empty for literal text.
        problem: why the words cannot be read as one string; empty when ``text`` is set.
    """

    text: str | None
    named: str = ""
    problem: str = ""


_ONE = r"(?:a|an|one|a single|the|1)"
_NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}

# phrase (without a leading "the"/"a"/"an", lower case, single spaces) -> (string, how the interpretation names it)
_NAMED: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"(?:(?:the|an) )?(?:empty|zero-length|zero length) (?:string|text|input|line)"), "",
     "the empty string"),
    (re.compile(rf"(?:{_ONE} )?(?:space|space character|blank space)"), " ", "a single space"),
    (re.compile(rf"(?:{_ONE} )?(?:tab|tab character|tabulator)"), "\t", "a tab"),
    (re.compile(rf"(?:{_ONE} )?(?:newline|new line|newline character|line feed|linefeed|line break)"), "\n",
     "a newline"),
    (re.compile(rf"(?:{_ONE} )?(?:carriage return)"), "\r", "a carriage return"),
]
_COUNTED = re.compile(r"(?P<n>two|three|four|[234]) (?P<what>spaces|tabs|newlines)")
_COUNTED_CHAR = {"spaces": (" ", "spaces"), "tabs": ("\t", "tabs"), "newlines": ("\n", "newlines")}

# words that, standing for the subject, leave its string open: "blank" (empty, or spaces only?), "nothing"
# ("the empty string", or "no string at all": is the pattern one that never matches?)
_OPEN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:(?:a|an|the) )?blank(?: string| text| line| input)?"),
     '"blank" may mean the empty string or a string of spaces only'),
    (re.compile(r"nothing|no text|no string|null|none|an? null string|the null string"),
     '"nothing" may mean the empty string, or that the pattern never matches; null is no string at all'),
]

# nouns that describe a kind of string: standing for the subject, they make the question one about a set
_CLASS_NOUNS = (
    r"digits?|numbers?|numerals?|integers?|decimals?|floats?|letters?|characters?|chars?|words?|whitespaces?|"
    r"white spaces?|spaces|tabs|newlines|punctuation|symbols?|vowels?|consonants?|strings?|texts?|lines?|"
    r"sentences?|names?|emails?|e-mails?|email address(?:es)?|e-mail address(?:es)?|addresses|urls?|links?|"
    r"phone numbers?|telephone numbers?|dates?|times?|ip addresses|ips?|hex(?:adecimal)?(?: numbers?)?|"
    r"uppercase|lowercase|capitals?|alphanumerics?|zip codes?|postcodes?|postal codes?|passwords?|usernames?|"
    r"hashtags?|identifiers?|tokens?|values?|inputs?|prices?|amounts?|percent(?:age)?s?|ssns?|credit card numbers?"
)
_QUANTIFIER = r"(?:a|an|any|some|every|each|all|only|no|one or more|zero or more|multiple|several|valid|invalid)"
_ADJECTIVE = (r"(?:single|valid|invalid|real|proper|typical|normal|random|arbitrary|given|possible|uppercase|"
              r"lowercase|upper-case|lower-case|capital|small|big|long|short|numeric|alphabetic|alphanumeric|"
              r"decimal|hex|hexadecimal|ascii|unicode|non-empty|nonempty|empty|blank|whitespace|special|"
              r"us|uk|english|latin|positive|negative|whole|\d+-digit|\d+-letter|[a-z]+-only)")
_CLASS = re.compile(
    rf"(?P<q>{_QUANTIFIER} )?(?:(?:kind|sort|type) of )?(?P<adj>(?:{_ADJECTIVE} ){{0,3}})(?P<noun>{_CLASS_NOUNS})"
    rf"(?P<tail> (?:of|with|in|like|such as) .*)?"
)
# a lone singular noun ("word", "date") is more likely the text itself; these stand for a class alone
_MASS = frozenset({"whitespace", "white space", "punctuation", "uppercase", "lowercase", "hex", "hexadecimal"})
# "the letter s", "the digit 7", "the number 42", "the character @": a named single string
_SPELLED = re.compile(r"(?:(?:the|a|an) )?(?P<kind>letter|character|char|symbol|digit|number|word) (?P<x>\S+)", re.IGNORECASE)
# a bare subject opening with an article or a quantifier reads as a description ("a capital letter"),
# not as the literal words; quote the text to match it as written
_ARTICLE = re.compile(r"(?:a|an|any|some|every|each|all|no)\b")
_SPACES = re.compile(r"\s+")
# words of the request itself ("exactly", "anywhere in", "thank you"): a bare subject that holds one swallowed them
_REQUEST_WORDS = re.compile(
    r"\b(?:match(?:es|ed|ing)?|exactly|entirely|fully|whole|anywhere|somewhere|thanks?|please|pls|regex|regexp|"
    r"pattern|or not|empty|blank)\b"
)
# a named subject inside longer words: "anywhere in an empty string"
_NAMED_INSIDE = [re.compile(r"\b(?:an? |the )?(?:empty|zero-length) (?:string|text|input)\b"),
                 re.compile(r"\b(?:a|one|a single) (?:space|tab|newline)\b")]


def read_subject(bare: str) -> Subject:
    """The reading of an unquoted subject ``bare`` (already stripped of "the string"/"the text").

    >>> read_subject("an empty string")
    Subject(text='', named='the empty string', problem='')
    >>> read_subject("any digit").text is None
    True
    >>> read_subject("555-1234").text
    '555-1234'
    """
    words = _SPACES.sub(" ", bare.strip()).lower()
    for pattern, text, named in _NAMED:
        if pattern.fullmatch(words):
            return Subject(text=text, named=named)
    counted = _COUNTED.fullmatch(words)
    if counted:
        char, noun = _COUNTED_CHAR[counted["what"]]
        n = _NUMBERS[counted["n"]]
        return Subject(text=char * n, named=f"{n} {noun}")
    for pattern, why in _OPEN:
        if pattern.fullmatch(words):
            return Subject(text=None, problem=f"{why}; quote the text to match (\"\" for the empty string)")
    spelled = _SPELLED.fullmatch(_SPACES.sub(" ", bare.strip()))
    if spelled is not None and _spelled(spelled["kind"].lower(), spelled["x"]):
        return Subject(text=spelled["x"], named=f"the {spelled['kind'].lower()} {spelled['x']}")
    described = _CLASS.fullmatch(words)
    if described is not None and (described["q"] or described["adj"] or described["tail"]
                                  or described["noun"].endswith("s") or described["noun"] in _MASS):
        return Subject(text=None, problem=f"{bare.strip()!r} describes a kind of string, not one string: whether "
                                           "a pattern matches it depends on which one; quote an example to test")
    talk = _REQUEST_WORDS.search(words) or next((m for p in _NAMED_INSIDE if (m := p.search(words))), None)
    if talk is not None:
        return Subject(text=None, problem=f"the words {bare.strip()!r} hold {talk.group(0)!r}, which reads as part of "
                                           "the request rather than the text to match; quote the text")
    article = _ARTICLE.match(words)
    if article is not None and re.match(r" [a-z]{2}", words[article.end():]):
        return Subject(text=None, problem=f"{bare.strip()!r} may describe strings rather than be the text to "
                                           "match; quote the text to match it as written")
    return Subject(text=bare.strip())


def _spelled(kind: str, x: str) -> bool:
    """Whether ``x`` is what "the <kind> x" names: one character, one digit, a number, a word."""
    if kind in ("letter", "character", "char", "symbol"):
        return len(x) == 1 and (kind != "letter" or x.isalpha())
    if kind == "digit":
        return len(x) == 1 and x.isdigit()
    if kind == "number":
        return re.fullmatch(r"[-+]?\d+(?:\.\d+)?", x) is not None
    return re.fullmatch(r"\w+", x) is not None
