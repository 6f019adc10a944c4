"""Chat phrasing normalised away: greetings, politeness and question frames at a step's edges, numbers as people type them.

`normalize` is tried only when a step is not understood as written. It removes whole known phrases at the
edges of the step (never inside it), and rewrites numbers written in words or with chat marks into digits.
Anything it does not know stays, so an unexplained word still makes the step decline. Conventions:

- Greetings (``hi``, ``hey``, ``hello``), politeness (``please``, ``pls``, ``thanks``, ``thank you``, ``thx``)
  and frames (``can you tell me what … is``, ``what does … come to``, ``how much is``, ``whats``, ``calculate``,
  ``compute``, ``evaluate``, ``work out``, ``… = ?``, ``… equals?``) carry no meaning and are removed.
  ``solve`` is a frame only before plain arithmetic (no letters left but spoken operators).
- Number words: ``twenty-three``, ``one hundred five``, ``negative three``, ``three point one four``,
  ``a dozen``, ``two dozen``; a fraction in words (``three quarters``, ``a half``, ``two thirds``) is one number.
  ``a hundred and twenty`` (the British "and" before the last part under 100) is one number where no list can
  hold it: the run starts the step or follows an operator, and ends the step or meets an operator
  (``a hundred and twenty divided by eight`` = 15); elsewhere (``the sum of one hundred and five``: 105, or 100 and
  5?) it declines, and so do runs that are not one number (``five twenty``).
- An operator word mistyped between two numbers is that operator (``45 tmies 3``, ``81 devided by 9``): a word of
  at least 4 letters one edit (insertion, deletion, substitution, adjacent swap) from exactly one of ``times``,
  ``plus``, ``minus``, ``divided``, ``multiplied`` (the last two before ``by``), and no English word a step could
  mean (``mins``, ``mines``, ``tiles``); anywhere else it stays an unexplained word.
- ``what do you get if you multiply 0.75 by 64`` is the frame before an operation named as a verb.
- ``11 squared minus 10 squared``, ``sqrt of 2 times sqrt of 8``: when EVERY operand of a flat chain is one number
  with its own ``squared`` / ``cubed`` / ``sqrt of`` / ``cube root of``, each word applies to its own number (the
  parallel says so); ``2 plus 3 squared`` is left to the grammar, which declines it naming both readings.
- ``9 to the half power`` / ``to the 2/3 power`` / ``e to the 2`` are ^(1/2), ^(2/3), ^2.
- ``sqrt(12) simplified`` / ``in simplest form``: of plain numbers the exact value is already the simplest form.
- A dash before a question (``$80 jacket with 25% off - what do I pay``) is a comma, never a minus.
- A step ending in a digit and ``!`` is not normalised (``hey what is 3 + 4!``: a factorial or an exclamation?),
  and dots after a decimal (``0.333...``) are kept: they say the digits go on.
- ``negative`` before digits or ``(`` is a minus sign; superscript digits after a number are a power (``2⁴``);
  ``the product of 11 and 20`` / ``the sum of …`` inside a longer step is one group when it closes the step or a
  parenthesis (so its last operand cannot run on).
- ``log base 2 of 64``, ``natural log of 10``, ``the 5th root of 32`` / ``fourth root of 81`` are log(64, 2), ln(10)
  and root(32, 5) when their argument is one number closing the step or a parenthesis.
- ``what power of 2 is 4096`` is log(4096, 2); ``the roots of x^2 - 4`` are the solutions of x^2 - 4 = 0.
- ``1/2 of 1/3 of 60``, ``a quarter of half of 80``, ``30% of 1/4 of 200`` (a part of a part of a number) are
  products; parts of numbers joined by operators (``5% of 200 plus 5% of 100``) are operands when EVERY operand is
  one, so each ends where the parallel says (``5% of 200 plus 100`` declines: 5% of 300?).
- Chat shorthand in frames: ``u`` / ``ya`` for you (``can u``, ``do u know what … is``, ``r u able to``), ``hw much
  is``, ``wat``, ``wats``, ``plz``.
- ``2 1/2`` / ``3 and 1/3`` (a whole number beside a proper fraction) is a mixed number, 5/2.
- ``1,250`` is 1250 only when every comma of the step is a thousands separator; ``$80`` / ``£80`` / ``€80`` is 80;
  ``$2.5k`` is 2500 (a bare ``2.5k`` may be 2.5·k); ``2.5 million`` is 2500000.
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["normalize", "numbers_in_words", "operator_typo", "parts_of_numbers"]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                 "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_CARDINAL = "|".join(sorted([*_ONES, *_TENS, "hundred", *_SCALES, "dozen"], key=len, reverse=True))
_RUN = re.compile(
    rf"(?<![\w.])(?P<neg>negative )?(?P<a>an? )?"
    rf"(?P<run>(?:{_CARDINAL})(?:[ -](?:{_CARDINAL}))*)"
    rf"(?P<point> point(?: (?:{'|'.join(list(_ONES)[:10])}))+)?"
    rf"(?P<den> (?:{'|'.join(_DENOMINATORS)}))?(?!(?![⁰¹²³⁴⁵⁶⁷⁸⁹])[\w-])",
    re.IGNORECASE,
)
_A_FRACTION = re.compile(rf"(?<![\w.-])an? (?P<den>{'|'.join(_DENOMINATORS)})(?![\w-])", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?!\d)")
_CURRENCY = re.compile(r"[$£€](?=\d|\.\d)")
# "80 dollars", "150 bucks": a currency word after a number is its sign ("pounds" may weigh, so it stays)
_CURRENCY_WORD = re.compile(r"(?<=\d) (?:dollars|bucks|euros|quid)(?![\w-])", re.IGNORECASE)
_SUFFIX_K = re.compile(r"(?<=[$£€])(?P<n>\d+(?:\.\d+)?)k\b", re.IGNORECASE)
_DIGIT_SCALE = re.compile(r"(?<![\w.,])(?P<n>\d+(?:\.\d+)?) (?P<scale>hundred|thousand|million|billion|dozen)(?![\w-])",
                          re.IGNORECASE)

_SUPERSCRIPT = re.compile(r"(?<=[\d)])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# "2 1/2": a whole number and a proper fraction side by side, nothing between them, is a mixed number
_MIXED = re.compile(r"(?<![\w./^)])(?P<w>\d+)(?: and|) (?P<p>\d+)/(?P<q>\d+)(?![\w./(^!%²³])")
_NEGATIVE = re.compile(r"(?<![\w.])negative\s+(?=[\d(.])", re.IGNORECASE)
_NUMBER = r"-?(?:\d+(?:\.\d+)?|\.\d+)"
# "12 plus the product of 11 and 20": closed by the end of the step or a ")", so its last operand is one number
_EMBEDDED = re.compile(rf"\bthe (?P<op>product|sum) of (?P<a>{_NUMBER}) and (?P<b>{_NUMBER})(?=\s*(?:\)|$))",
                       re.IGNORECASE)

_ROOT_ORDINALS = {"fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# a function in words whose argument is one number closing the step or a parenthesis (so it cannot run on)
_CLOSED = r"(?=\s*(?:\)|$))"
_FUNCTIONS = (
    (re.compile(rf"\b(?:the )?log(?:arithm)? (?:in |to )?(?:base|the base) (?P<b>\d+) of (?P<x>{_NUMBER}){_CLOSED}",
                re.I), lambda m: f"log({m.group('x')}, {m.group('b')})"),
    (re.compile(r"^(?:(?:find|what are|list) )?(?:the )?(?:roots|zeros|zeroes) of (?P<x>[^=]+)$", re.I),
     lambda m: f"solutions of {m.group('x')} = 0"),
    (re.compile(r"^(?:what|which) power of (?P<b>\d+) is (?P<x>\d+)$", re.I),
     lambda m: f"log({m.group('x')}, {m.group('b')})"),
    (re.compile(rf"\b(?:the )?natural log(?:arithm)? of (?P<x>{_NUMBER}){_CLOSED}", re.I),
     lambda m: f"ln({m.group('x')})"),
    (re.compile(rf"\b(?:the )?(?P<n>\d+(?:st|nd|rd|th)|{'|'.join(_ROOT_ORDINALS)}) root of (?P<x>{_NUMBER}){_CLOSED}",
                re.I), lambda m: f"root({m.group('x')}, {_ROOT_ORDINALS.get(m.group('n').lower()) or int(m.group('n')[:-2])})"),
)

# "a hundred and twenty": British "and" inside one number, read as one only where no list can hold it (the run
# starts the step or follows an operator, and ends the step or meets an operator)
_OPERATOR_WORD = (r"(?:plus|minus|times|multiplied by|divided by|over|x|squared|cubed|to the power of|raised to|"
                  r"take away|[-+*/×÷^()])")
_SCALE_AND = re.compile(
    rf"(?P<run>(?<![\w-])(?:an? )?(?:(?:{_CARDINAL})[ -])*(?:hundred|thousand|million|billion)) and "
    rf"(?P<rest>(?:{'|'.join(_TENS)})(?:[ -](?:{'|'.join(list(_ONES)[1:10])}))?|(?:{'|'.join(list(_ONES)[1:])}))"
    r"(?![\w-])",
    re.IGNORECASE)
_BEFORE_NUMBER = re.compile(rf"(?:^|(?<![\w]){_OPERATOR_WORD})\s*$", re.IGNORECASE)
_AFTER_NUMBER = re.compile(rf"^\s*(?:$|{_OPERATOR_WORD}(?![\w]))", re.IGNORECASE)

# an operator word mistyped between two numbers ("45 tmies 3", "81 divdied by 9"): a word of at least 4 letters one
# edit (a letter added, dropped or changed, or two neighbours swapped) from exactly one operator word, and itself no
# English word a step could mean (``mins`` is minutes, ``mines``, ``tiles``); only there, where no other word fits
_OPERATOR_WORDS = ("times", "plus", "minus", "divided", "multiplied")
_NEEDS_BY = ("divided", "multiplied")
_REAL_WORDS = frozenset((
    "time", "ties", "timer", "timed", "tides", "tiles", "tines", "tires", "tikes", "tomes", "tames", "limes",
    "mimes", "dimes", "rimes", "plum", "plug", "plush", "plums", "plugs", "mins", "mines", "mints",
    "minds", "minks", "menus", "sinus", "minas", "divides", "divider", "divined", "divide", "dividend", "multiplies",
    "multiplier", "multiply",
))
_BETWEEN_NUMBERS = re.compile(r"(?<=[\d)])\s+(?P<w>[a-z]{4,})(?P<by>\s+by)?\s+(?=[\d(])", re.IGNORECASE)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` is one insertion, deletion, substitution or adjacent transposition away from ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def operator_typo(word: str) -> str | None:
    """The one operator word ``word`` mistypes, or None (an operator, an English word, or near none or several).

        >>> operator_typo("tmies"), operator_typo("mins"), operator_typo("times")
        ('times', None, None)
    """
    word = word.lower()
    if len(word) < 4 or word in _REAL_WORDS:
        return None
    near = [op for op in _OPERATOR_WORDS if _one_edit(word, op)]
    return near[0] if len(near) == 1 else None


def _fix_typo(match: re.Match[str]) -> str:
    word = operator_typo(match.group("w"))
    if word is None or (word in _NEEDS_BY) != bool(match.group("by")):
        return match.group()
    return f" {word}{' by' if word in _NEEDS_BY else ''} "


# "9 to the half power", "to the 3/2 power", "e to the 2": a written exponent closed by "power" or the step's end
_HALF_POWER = re.compile(r"\bto the (?:\(1/2\)|half|1/2) power\b", re.IGNORECASE)
_FRACTION_POWER = re.compile(r"\bto the (?:power (?:of )?)?\(?(?P<p>-?\d+)/(?P<q>\d+)\)?(?: power)?(?![\w/.])", re.IGNORECASE)
_CARDINAL_POWER = re.compile(r"\bto the (?P<n>-?\d+(?:\.\d+)?)(?: power)?(?![\w/.])", re.IGNORECASE)

# "11 squared minus 10 squared", "sqrt of 2 times sqrt of 8": when EVERY operand of a flat chain is one number with
# its own power or root word, each word applies to its own number (the parallel says so); "2 plus 3 squared" is
# left to the grammar, which declines it naming both readings
_LONE = r"\d+(?:\.\d+)?"
_POWERED = rf"(?:{_LONE} (?:squared|cubed)|(?:the )?(?:sqrt|square root|cube root) of {_LONE})"
_CHAIN_OPERATOR = r"(?:plus|minus|times|multiplied by|divided by|over|[-+*/×÷])"
_PARALLEL = re.compile(rf"{_POWERED}(?: {_CHAIN_OPERATOR} {_POWERED})+", re.IGNORECASE)
_ONE_POWERED = re.compile(rf"(?P<n>{_LONE}) (?P<p>squared|cubed)|(?:the )?(?P<f>sqrt|square root|cube root) of (?P<m>{_LONE})",
                          re.IGNORECASE)

# "1/2 of 1/3 of 60", "30% of 1/4 of 200", "5% of 200 plus 5% of 100": a part (a fraction, a percent, half) of a
# part of a number is a product; parts of numbers side by side are operands, when EVERY operand is one (the parallel
# says where each ends); a single "30% of 200" is left to its own operations
_NUM = r"\d+(?:\.\d+)?"
_PART = rf"(?:\(\d+/\d+\)|\d+/\d+|{_NUM}(?:\s*%| percent| per cent)|half)"
_OF_CHAIN = rf"(?:{_PART} of )+(?:{_NUM}|\(\d+/\d+\)|\d+/\d+)"
_OF_OPERATOR = r"(?:plus|minus|times|divided by|[-+*/×÷])"
_OF_STEP = re.compile(rf"(?P<first>{_OF_CHAIN})(?: {_OF_OPERATOR} {_OF_CHAIN})*", re.IGNORECASE)
_OF_ONE = re.compile(_OF_CHAIN, re.IGNORECASE)


def _as_product(match: re.Match[str]) -> str:
    """``30% of 1/4 of 200`` as ``((30/100) * (1/4) * 200)``."""
    factors = []
    for part in re.split(r" of ", match.group(), flags=re.IGNORECASE):
        percent = re.fullmatch(rf"({_NUM})(?:\s*%| percent| per cent)", part, re.IGNORECASE)
        if percent:
            factors.append(f"({percent.group(1)}/100)")
        elif part.lower() == "half":
            factors.append("(1/2)")
        else:
            factors.append(part if part.startswith("(") else f"({part})" if "/" in part else part)
    return f"({' * '.join(factors)})"


def parts_of_numbers(text: str) -> str | None:
    """A chain of parts of a number, or parallel ones joined by operators, as products; None when the step is not one.

        >>> parts_of_numbers("a half of 10 of 4")
        >>> parts_of_numbers("5% of 200 plus 1/2 of 1/3 of 60")
        '((5/100) * 200) plus ((1/2) * (1/3) * 60)'
    """
    step = _OF_STEP.fullmatch(text.strip())
    if step is None or (len(_OF_ONE.findall(text)) < 2 and text.lower().count(" of ") < 2):
        return None
    return _OF_ONE.sub(_as_product, text.strip())


# "$80 jacket with 25% off - what do I pay": a dash before a question is a comma, never a minus
_DASH_CLAUSE = re.compile(r"\s+[-–—]+\s+(?=(?:what|what's|whats|how|which|new|so|find|total)\b)", re.IGNORECASE)

# "sqrt(12) simplified", "18/24 in simplest form": of plain numbers, the exact value is the simplest form
_SIMPLIFIED = re.compile(r"(?P<x>.+?),? (?:simplified|in (?:its )?simplest (?:radical )?form|in lowest terms)",
                         re.IGNORECASE)

_GREETING = r"(?:hi|hey|hello|hiya|howdy|yo|ok so|okay so|so|quick question|um+|uh+|hm+|erm|um+ so)(?: there)?"
_POLITE = r"(?:please|pls|plz|kindly)"
_THANKS = r"(?:please|pls|plz|thanks(?: a lot)?|thank you(?: very much)?|thx|ty|cheers)"
_YOU = r"(?:you|u|ya)"
_LEADING = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"{_GREETING}\s*[,!.:]*\s+",
    rf"{_POLITE}[,:]?\s+",
    rf"(?:(?:can|could|would|will) {_YOU}|(?:are|r) {_YOU} able to) (?:please |pls |plz )?(?:calculate|compute|evaluate|work out|figure out|tell me)\s+",
    rf"(?:(?:can|could|would|will) {_YOU}|(?:are|r) {_YOU} able to) (?:please |pls |plz )?",
    rf"(?:i need to know|tell me|do {_YOU} know)\s+",
    # "what do you get if you multiply 0.75 by 64": the frame before an operation named as a verb
    rf"what (?:do|would|will|did) (?:{_YOU}|i|we) get (?:if|when) (?:{_YOU}|i|we) "
    r"(?=(?:multiply|divide|add|subtract|take|square|cube|double|halve|triple)\b)",
    r"(?:what is|what's|what’s|whats|wat's|wats|wat is|wut is|wuts|wut's|what\s+s|(?:how|hw) much is|how much's|calculate|calc|compute|evaluate|"
    r"work out|figure out)\s+",
))
_PAIRED = tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in (
    rf"(?:(?:can|could|would) {_YOU} (?:please |pls |plz )?)?(?:tell me|do {_YOU} know) (?:what|wat) (?P<x>.+) (?:is|equals|comes to|makes)",
    r"what (?:does|do|would) (?P<x>.+) (?:come to|come out to|equal|make|give)",
    r"what (?:would|will) (?P<x>.+) be",
    r"what (?P<x>.+) (?:is|equals|comes to)",
))
# "can u tell me if 91 is prime", "do you know whether 2024 is even": the yes/no question said back as one
_TELL_IF = re.compile(r"(?:(?:check|i want to know) )?(?:if|whether) (?P<n>-?\d+(?:\.\d+)?) is (?P<rest>(?:an? )?(?:prime|composite|even|odd)(?: number)?)",
                      re.IGNORECASE)
_TRAILING = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"[\s,.!]+{_THANKS}[\s.!]*$",
    r"\s+for me[\s.!]*$",
    r"\s+(?:again|real quick|quickly)[\s.!]*$",
    r"\s*(?:=|equals|is equal to)\s*\??\s*$",
    r"\s+(?:is|equals|makes|=) what\s*\??\s*$",
    r"(?<![\d.…])\s*[?!.]+\s*$|(?<=\d)(?:\?+|\.(?![.\d]))[?!]*\s*$|(?<=\d\.\.\.)[?!]+\s*$",
))
_SOLVE = re.compile(r"solve\s+", re.IGNORECASE)
_SPOKEN_OPERATORS = re.compile(
    r"\b(?:plus|minus|times|multiplied by|divided by|over|to the power of|raised to(?: the power of)?|squared|"
    r"cubed|x)\b", re.IGNORECASE)


def _whole_number(words: list[str]) -> int | None:
    """``["one", "hundred", "twenty", "three"]`` -> 123, or None when the words are not one number."""
    total, group, last = 0, 0, ""
    last_scale = None
    for word in words:
        if word in _ONES:
            if last in ("ones", "teens") or (last == "tens" and _ONES[word] >= 10) or (_ONES[word] >= 10 and group % 100):
                return None
            group += _ONES[word]
            last = "teens" if _ONES[word] >= 10 else "ones"
        elif word in _TENS:
            if last in ("ones", "teens", "tens") or group % 100:
                return None
            group += _TENS[word]
            last = "tens"
        elif word == "hundred":
            if last == "hundred" or group >= 10 or group % 100 == 0 and last not in ("", "scale"):
                return None
            group = (group or 1) * 100
            last = "hundred"
        elif word in _SCALES:
            scale = _SCALES[word]
            if last == "scale" or (last_scale is not None and scale >= last_scale):
                return None
            total += (group or 1) * scale
            group, last, last_scale = 0, "scale", scale
        elif word == "dozen":
            if last_scale is not None or last == "hundred":
                return None
            group = (group or 1) * 12
            last = "scale"
            last_scale = 1
        else:
            return None
    return total + group


def _decimal(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"({value.numerator}/{value.denominator})"


def _read_run(match: re.Match[str]) -> str | None:
    words = re.split(r"[ -]", match.group("run").lower())
    whole = _whole_number(words)
    if whole is None:
        return None
    if match.group("a") and words[0] not in ("hundred", "thousand", "million", "billion", "dozen"):
        return None  # "a five": not a number
    value = Fraction(whole)
    if match.group("point"):
        if match.group("den"):
            return None
        digits = "".join(str(_ONES[w]) for w in match.group("point").lower().split()[1:])
        value += Fraction(int(digits), 10 ** len(digits))
    if match.group("den"):
        den = match.group("den").strip().lower()
        if match.group("a") or words[-1] in ("hundred", "dozen", *_SCALES) or not 0 < whole < 20:
            return None  # "twenty third" is an ordinal
        if whole != 1 and not den.endswith("s"):
            return None  # "two third": not a fraction as written
        value = Fraction(whole, _DENOMINATORS[den])
    text = _decimal(value) if value.denominator != 1 or not match.group("point") else str(value.numerator)
    if match.group("point"):
        text = f"{whole}.{digits}"
    return ("-" + text) if match.group("neg") else text


def numbers_in_words(text: str) -> str | None:
    """``text`` with numbers in words and chat marks as digits; None when a number word cannot be read as one number."""
    text = _SCALE_AND.sub(lambda m: _one_number(m, text), text)
    if re.search(rf"\b(?:hundred|{'|'.join(_SCALES)}|dozen) and (?:{_CARDINAL}|a half|\d)", text, re.IGNORECASE):
        return None  # "one hundred and five": 105, or 100 and 5?
    failed = False

    def _replace(match: re.Match[str]) -> str:
        nonlocal failed
        out = _read_run(match)
        if out is None:
            failed = True
            return match.group()
        return out

    out = _DIGIT_SCALE.sub(lambda m: _scaled(m.group("n"), {"hundred": 100, "dozen": 12, **_SCALES}[m.group("scale").lower()]),
                           text)  # "2.5 million"
    out = _RUN.sub(_replace, out)
    out = _BETWEEN_NUMBERS.sub(_fix_typo, out)
    out = _A_FRACTION.sub(lambda m: f"(1/{_DENOMINATORS[m.group('den').lower()]})", out)
    if failed:
        return None
    out = _MIXED.sub(_mixed, out)
    out = _NEGATIVE.sub("-", out)  # "negative 29", "negative (18 minus 3)"
    out = _SUPERSCRIPT.sub(lambda m: f"^({m.group(1).translate(_SUPERSCRIPT_DIGITS)})", out)  # 2⁰, 7.55⁴
    out = _EMBEDDED.sub(_embedded, out)
    for pattern, symbols in _FUNCTIONS:
        out = pattern.sub(symbols, out)
    out = _SUFFIX_K.sub(lambda m: _scaled(m.group("n"), 1000), out)  # "$2.5k"; a bare "2.5k" may be 2.5·k
    out = _CURRENCY.sub("", out)
    out = _CURRENCY_WORD.sub("", out)
    if _THOUSANDS.search(out):
        without = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), out)
        if re.search(r"[\d)]\s*,\s*[-\d(.$£€]", without):
            return None  # "1,250, 300": thousands separators and list commas together
        out = without
    out = _HALF_POWER.sub("to the power of (1/2)", out)
    out = _FRACTION_POWER.sub(lambda m: f"to the power of ({m.group('p')}/{m.group('q')})", out)
    out = _CARDINAL_POWER.sub(lambda m: f"to the power of ({m.group('n')})", out)
    if _PARALLEL.fullmatch(out.strip()):
        out = _ONE_POWERED.sub(_own_number, out)
    return out


def _one_number(match: re.Match[str], text: str) -> str:
    """``a hundred and twenty`` as ``a hundred twenty`` where no list can hold it; else unchanged (and declined)."""
    if _BEFORE_NUMBER.search(text[:match.start()]) and _AFTER_NUMBER.match(text[match.end():]):
        return f"{match.group('run')} {match.group('rest')}"
    return match.group()


def _own_number(match: re.Match[str]) -> str:
    if match.group("n"):
        return f"{match.group('n')}^{2 if match.group('p').lower() == 'squared' else 3}"
    root = "cbrt" if match.group("f").lower() == "cube root" else "sqrt"
    return f"{root}({match.group('m')})"


def _mixed(match: re.Match[str]) -> str:
    whole, p, q = (int(match.group(k)) for k in ("w", "p", "q"))
    if not 0 < p < q:
        return match.group()  # "2 5/4" is no mixed number
    return f"({whole} + {p}/{q})"


def _embedded(match: re.Match[str]) -> str:
    """``the product of 11 and 20`` inside a longer step as ``(11 * 20)``; a whole step is left to its phrasing."""
    if match.start() == 0:
        return match.group()
    symbol = "*" if match.group("op").lower() == "product" else "+"
    return f"({match.group('a')} {symbol} {match.group('b')})"


def _scaled(number: str, scale: int) -> str:
    value = Fraction(number) * scale
    return str(value.numerator) if value.denominator == 1 else f"({value.numerator}/{value.denominator})"


def _strip_edges(text: str) -> str:
    out = " ".join(text.split())
    changed = True
    while changed:
        changed = False
        for pattern in _TRAILING:
            new = pattern.sub("", out)
            if new != out and new.strip():
                out, changed = new.strip(), True
        for pattern in _LEADING:
            m = pattern.match(out)
            if m and out[m.end():].strip():
                out, changed = out[m.end():].strip(), True
        for pattern in _PAIRED:
            m = pattern.fullmatch(out)
            if m:
                out, changed = m.group("x").strip(), True
    return out


def normalize(step: str) -> str | None:
    """The step without greetings, politeness and frames, numbers in digits; None when nothing changed or unreadable.

        >>> normalize("hi! whats the sum of twelve and 18 thanks")
        'the sum of 12 and 18'
    """
    if re.search(r"\d!\s*$", step) and not re.fullmatch(r"[\d\s+*/^()-]*\d!", step.strip()):
        return None  # "hey what is 3 + 4!": a factorial, or an exclamation mark?
    out = _strip_edges(_DASH_CLAUSE.sub(", ", step))
    told = _TELL_IF.fullmatch(out)
    if told and re.search(r"\b(?:tell me|know|check)\s+(?:if|whether)\b", step, re.IGNORECASE):
        out = f"is {told.group('n')} {told.group('rest')}"
    solve = _SOLVE.match(out)
    if solve:
        core = out[solve.end():]
        if not ("=" in core or re.search(r"[a-z]", _SPOKEN_OPERATORS.sub(" ", numbers_in_words(core) or "a"), re.I)):
            out = core  # "solve" before plain arithmetic is a frame; before an equation it asks for the solving
    numbers = numbers_in_words(out)
    if numbers is None:
        return None
    out = _strip_edges(numbers)
    simplified = _SIMPLIFIED.fullmatch(out)
    if simplified and not re.search(r"[a-z]", re.sub(r"\b(?:sqrt|cbrt|root)\b", "", simplified.group("x")), re.I):
        out = simplified.group("x")  # "sqrt(12) simplified": evaluation is exact and in lowest terms already
    out = parts_of_numbers(out) or out
    return out if out != " ".join(step.split()) and out else None
