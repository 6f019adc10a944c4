"""Interest and growth: simple and compound interest on a sum, a quantity growing or shrinking by a percentage a period.

Each answer is recomputed period by period with Python's fractions (not by sympy's power). Conventions (collected
in the README):

- ``simple interest on $2,000 at 4% per year for 5 years`` is the interest alone, P × r × t; ``compound interest
  on ...`` is the interest alone too, P × (1 + r/k)^(k·t) − P. The amount at the end (``how much do I have``,
  ``the final balance``) is asked in words; a sum at a rate with no question of which declines.
- A rate is per year. Compounding is as said (``annually``, ``semiannually``, ``quarterly``, ``monthly``); where
  ``compound interest`` names none, it is once a year, and the interpretation says so. A story that says only
  ``at 5% interest`` (simple or compound?) declines.
- ``grows 2% a year`` compounds once a period (each year's growth is on the year before); the time asked must be a
  whole number of the rate's periods (``2% a year ... after 18 months`` declines).
- The amount at the end is asked in any order (``invest $1000 at 5% compounded monthly for 3 years, how much at
  the end``; ``what's the balance after 2 years if I deposit $X at R% compound interest``); which interest is said by
  ``simple interest``, ``compound interest`` or ``compounded <how often>``, and a story that says none declines.
- ``I earn $3,000 a month, what's that per year`` is × 12, ``$1,200 a year, how much a month`` ÷ 12: the only exact
  count between periods; weeks or days in a year (52 or 52.18? 365 or 365.25?) decline. ``$15 an hour for 40
  hours`` is 15 × 40, and the periods must be the same unit.
- An exact decimal is shown in full when it ends within 20 places; otherwise rounded to 10 places, as the
  interpretation says.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy
from agentkit.tools.math._core import PATTERN_SLOT, Operation, Scope, Slots, decimal_text, phrase, terminating
from agentkit.tools.math._parser import MathSyntaxError
from agentkit.tools.math._rounding import round_value

__all__ = ["OPERATIONS"]

MAX_PERIODS = 1200
SHOWN_PLACES = 20
ROUNDED_PLACES = 10

_NUMBER = r"\d+(?:\.\d+)?"
_MONEY = rf"[$£€]?(?P<p>{_NUMBER})"
_RATE = rf"(?P<r>{_NUMBER})(?:\s*%| percent| per cent)"
_PER_YEAR = r"(?: (?:a|per) year| annually| yearly| per annum| annual| p\.a\.)?"
_YEARS = r"(?P<t>\d+(?:\.\d+)?) (?P<unit>years?|months?)"
_FREQUENCIES = {"annually": 1, "yearly": 1, "once a year": 1, "every year": 1, "each year": 1, "semiannually": 2, "semi-annually": 2,
                "twice a year": 2, "quarterly": 4, "monthly": 12}
_FREQUENCY = rf"(?P<k>{'|'.join(_FREQUENCIES)})"
_AMOUNT = (r"(?:how much (?:do|will|would|did|should|can) (?:i|you|we|they|it) (?:have|end up with|get back|get)(?: at the end| then| in total)?|"
           r"(?:what(?:'s| is| will be)|whats) (?:the |my |our )?(?:final |ending |total |end )?(?:amount|balance|total|value)(?: at the end)?|"
           r"how much (?:is it|will it be) worth|what(?:'s| is| will be) it worth(?: now| then| at the end)?|"
           r"what will it (?:be worth|grow to|come to)|what will (?:the |my |our )?(?:final |ending |total )?(?:amount|balance|total|value) be|how much (?:at the end|in total|altogether)|"
           r"what(?:'s| is| will be) (?:in )?the account|the (?:final |ending )?(?:amount|balance)|(?:final |ending )?balance)")
_INTEREST = r"how much interest (?:do|will|would|did) (?:i|you|we|they|it) (?:earn|get|make|pay|owe)"
_ART = r"(?:an? |the |my |our )?"
_WORD = (r"(?!(?:and|or|of|after|before|what|how|is|at|by|"
         r"not|no|never|half|twice|double|triple|extra|more|less|fewer|only|other|another|additional|some|few|many|much|all|both|except|average|net|gross|remaining|left|missing|wrong|minus|plus|times|each|per|every|without|with)\b)[a-z]+")
_LABEL = rf"(?:{_WORD} ){{0,1}}{_WORD}"
_GROW = r"(?P<verb>grows|increases|rises|goes up|shrinks|decreases|declines|falls|drops|goes down)"
_PERIODS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
            "day": "day", "days": "day", "hour": "hour", "hours": "hour", "decade": "decade", "decades": "decade"}
_PERIOD = rf"(?P<per>{'|'.join(w for w in _PERIODS if not w.endswith('s'))})"
_AFTER = rf"(?:after|in) (?P<t>\d+) (?P<unit>{'|'.join(_PERIODS)})"

# who puts the sum where: "invest", "if I deposit", "I put ... in a savings account"
_PUT_SAID = r"(?:i |you |we |they )?(?:invest|invested|put|deposit|deposited|save|saved|lend|lent|leave|left) "
_PUT = rf"(?:(?:if |say )?{_PUT_SAID})?"
_IN = r"(?: (?:in|into) (?:an? |the |my |our )?(?:bank|account|savings account|savings|bond|deposit|fund|cd))"
# simple or compound, and how often: "at 5% compound interest, compounded monthly", "at 5% compounded yearly"
_KIND = (rf"(?: (?P<how>compound|simple) interest(?: a year| per year)?)?(?:,? (?:interest )?compounded {_FREQUENCY})?"
         r"(?: interest)?")

# what a growth story asks: the quantity itself (never "the increase", "how many more"); "how many <noun>" names the
# story's own noun
_GROWN = (rf"(?:(?:what(?:'s| is| will be)|whats) (?:the |its )?(?:population|value|size|number|count|total|amount|"
          rf"balance|worth)|how (?:many|much)(?: (?P<asked>{_LABEL}))?(?: will there be| are there| is it| will it be)?|"
          rf"what will it be|what is it) {_AFTER}")

# (phrasing, what is asked: "interest" / "amount" / "growth", how: "simple" / "compound" / "" (from the slots))
_FRAMES: tuple[tuple[str, str, str], ...] = (
    (rf"(?:the )?simple interest (?:on|for) {_MONEY} at {_RATE}{_PER_YEAR} (?:for|over) {_YEARS}", "interest", "simple"),
    (rf"(?:the )?compound interest (?:on|for) {_MONEY} at {_RATE}{_PER_YEAR}(?:,? compounded {_FREQUENCY})? "
     rf"(?:for|over) {_YEARS}", "interest", "compound"),
    (rf"{_MONEY} (?:invested |deposited |saved |borrowed )?at {_RATE}{_PER_YEAR} simple interest(?: a year| per year)? "
     rf"(?:for|over) {_YEARS},? (?:{_AMOUNT}|(?P<ask>{_INTEREST}))", "amount", "simple"),
    (rf"{_MONEY} (?:invested |deposited |saved |borrowed )?at {_RATE}{_PER_YEAR}(?: interest)?(?: rate)?,? compounded "
     rf"{_FREQUENCY},? (?:for|over) {_YEARS},? (?:{_AMOUNT}(?: at the end)?|(?P<ask>{_INTEREST}))", "amount", "compound"),
    (rf"{_MONEY} (?:invested |deposited |saved |borrowed )?at {_RATE}{_PER_YEAR} compound interest(?: a year| per year)?"
     rf"(?:,? compounded {_FREQUENCY})? (?:for|over) {_YEARS},? (?:{_AMOUNT}|(?P<ask>{_INTEREST}))", "amount", "compound"),
    # any order: "invest $1000 at 5% compounded monthly for 3 years, how much at the end", "what's the balance after 3
    # years if I deposit $1000 at 5% compound interest"; which interest is in the slots, and unsaid declines
    (rf"{_PUT}{_MONEY}{_IN}? at {_RATE}{_PER_YEAR}{_KIND} (?:for|over) {_YEARS},? (?:{_AMOUNT}|(?P<ask>{_INTEREST}))"
     rf"(?: at the end| then| in total)?", "amount", "said"),
    (rf"{_PUT}{_MONEY}{_IN}? at {_RATE}{_PER_YEAR}{_KIND},? (?:{_AMOUNT}|(?P<ask>{_INTEREST})) (?:after|in|at the end of) "
     rf"{_YEARS}", "amount", "said"),
    (rf"(?:{_AMOUNT}|(?P<ask>{_INTEREST})) (?:after|in|at the end of) {_YEARS} (?:if|when) {_PUT_SAID}{_MONEY}{_IN}? "
     rf"at {_RATE}{_PER_YEAR}{_KIND}", "amount", "said"),
    (rf"{_ART}(?:{_LABEL} )?(?:of|with) {_MONEY}(?: (?P<noun>{_LABEL}))? {_GROW}(?: by)? {_RATE} (?:a|per|each|every) "
     rf"{_PERIOD},? {_GROWN}", "growth", ""),
    (rf"{_ART}(?P<noun>{_LABEL}) (?:worth|valued at) {_MONEY} (?P<verb>loses) {_RATE} of its value "
     rf"(?:a|per|each|every) {_PERIOD},? (?:(?:what(?:'s| is| will be)|whats) it worth|what will it be worth) {_AFTER}",
     "growth", ""),
    (rf"{_ART}{_MONEY} (?P<noun>{_LABEL}) {_GROW}(?: by)? {_RATE} (?:a|per|each|every) {_PERIOD},? {_GROWN}", "growth", ""),
)
_INDEX = [i for i, (pattern, _, _) in enumerate(_FRAMES) for _ in phrase(pattern)]

# (how: "simple" / "amount", principal, rate per period as a fraction, periods (years for simple interest),
#  interest alone, reading)
Args = tuple[str, sympy.Rational, sympy.Rational, sympy.Rational, bool, str]


def _prepare(slots: Slots, scope: Scope) -> Args:
    _, asked, how = _FRAMES[_INDEX[int(slots[PATTERN_SLOT])]]
    p, r = sympy.Rational(slots["p"]), sympy.Rational(slots["r"]) / 100
    t = sympy.Rational(slots["t"])
    unit = slots["unit"].lower().rstrip("s")
    if asked == "growth":
        if slots.get("asked") and (slots.get("noun") or "").lower() != slots["asked"].lower():
            raise MathSyntaxError(f"the story counts {slots.get('noun')!r}, the question asks about {slots['asked']!r}")
        if _PERIODS[slots["unit"].lower()] != slots["per"].lower():
            raise MathSyntaxError(f"a rate per {slots['per']} over {slots['unit']}: convert the time first")
        sign = -1 if re.search(r"shrink|decrease|decline|fall|drop|down|lose", slots["verb"], re.IGNORECASE) else 1
        if sign < 0 and r > 1:
            raise MathSyntaxError("a quantity cannot shrink by more than 100% a period")
        reading = (f"{_text(p)} × (1 {'+' if sign > 0 else '−'} {_text(r * 100)}%)^{t}, compounding each {unit}")
        return "amount", p, sign * r, _periods(t), False, reading
    years = t / 12 if unit == "month" else t
    interest = asked == "interest" or bool(slots.get("ask"))
    if how == "said":
        said = (slots.get("how") or "").lower()
        if said == "simple" and slots.get("k"):
            raise MathSyntaxError("simple interest is not compounded")
        if not said and not slots.get("k"):
            raise MathSyntaxError("simple or compound interest? say which")
        how = "simple" if said == "simple" else "compound"
    if how == "simple":
        reading = f"{_text(p)} × {_text(r * 100)}% × {_text(years)} years" + ("" if interest else f" + {_text(p)}")
        return "simple", p, r, years, interest, reading + " (simple interest)"
    k = _FREQUENCIES[" ".join(slots.get("k", "annually").lower().split())]
    periods = years * k
    if not periods.is_Integer:
        raise MathSyntaxError("compounding over a part of a period: say how the last part is counted")
    said = "" if slots.get("k") else "; compounded once a year, as none was said"
    reading = (f"{_text(p)} × (1 + {_text(r * 100)}%{f'/{k}' if k > 1 else ''})^{periods}" + (f" − {_text(p)}" if interest else "")
               + f" (compound interest{said})")
    return "amount", p, r / k, _periods(periods), interest, reading


def _periods(n: sympy.Rational) -> sympy.Integer:
    if not n.is_Integer or not 0 <= n <= MAX_PERIODS:
        raise MathSyntaxError(f"a whole number of periods up to {MAX_PERIODS}")
    return n


def _text(value: sympy.Rational) -> str:
    return decimal_text(value) if terminating(value) else str(value)


def _compute(args: Args) -> sympy.Rational:
    how, p, r, n, interest, _ = args
    if how == "simple":
        gained = p * r * n
        return gained if interest else p + gained
    amount = p * (1 + r) ** n
    return amount - p if interest else amount


def _verify(args: Args, value: sympy.Rational) -> str | None:
    how, p, r, n, interest, _ = args
    fp, fr, fn, got = (Fraction(int(v.p), int(v.q)) for v in (p, r, n, value))
    if how == "simple":
        gained = (got if interest else got - fp)
        return None if fp * fr == 0 and gained == 0 or fp * fr and gained / (fp * fr) == fn else \
            "the interest divided by a year's interest is not the time"
    balance = fp
    for _ in range(int(fn)):  # each period's interest on the balance before it
        balance += balance * fr
    expected = balance - fp if interest else balance
    return None if got == expected else f"period by period the result is {expected}"


def _render(args: Args, value: sympy.Rational) -> str:
    if terminating(value) and len(decimal_text(value).partition(".")[2]) <= SHOWN_PLACES:
        return decimal_text(value)
    return f"{round_value(value, ROUNDED_PLACES)} (rounded to {ROUNDED_PLACES} decimal places)"


def _interpret(args: Args) -> str:
    return args[5]


GROWTH = Operation(
    name="interest_growth",
    patterns=tuple(p for pattern, _, _ in _FRAMES for p in phrase(pattern)),
    prepare=_prepare,
    compute=_compute,
    verify=_verify,
    render=_render,
    reason="whole step parsed as interest on a sum, or growth by a percentage a period, with what is asked",
    interpret=_interpret,
)


# -- money per period: "$3,000 a month, what's that per year", "$15 an hour for 40 hours" --------------------------

# only conversions with one exact factor: a year is 12 months; a year of weeks (52 or 52.18?) or of days (365 or
# 365.25?) and a month of weeks are not one number, so those decline
_PER_YEAR_COUNT = {"month": 12, "year": 1}
_EVERY = r"(?:a|an|per|each|every)"
_RATE_PER = rf"(?: {_EVERY} |\s*/\s*)"  # "$15 an hour", "$15/hour"
_UNIT = r"(?:hour|day|week|month|year)"
_EARN = (r"(?:(?:if )?(?:i|we|you|they|he|she) (?:earn|earns|make|makes|get|gets|get paid|gets paid|am paid|are paid|"
         r"is paid|spend|spends|pay|pays|save|saves|charge|charges) )?")
_THAT_PER = (r"(?:(?:what(?:'s| is)|whats) (?:that|it)|how much(?: is)?(?: that| it)?|how much do (?:i|we|you|they) "
             rf"(?:earn|make|get|spend|pay|save)) (?:in |per |a |an |each |every )(?P<to>{_UNIT})")
_TOTAL_PAY = (r"(?:how much(?: is that| in total| altogether)?|what(?:'s| is) the total|"
              r"(?:what|how much) (?:do|does|did|will|would) (?:i|we|you|they|he|she) (?:earn|make|get))")
_PAY_FRAMES = (
    rf"{_EARN}{_MONEY}{_RATE_PER}(?P<per>{_UNIT}),? {_THAT_PER}",
    rf"{_EARN}{_MONEY}{_RATE_PER}(?P<per>{_UNIT}) is how much (?:a|an|per|in a|each) (?P<to>{_UNIT})",
    rf"how much is {_MONEY}{_RATE_PER}(?P<per>{_UNIT}) (?:in a|per|a|an|each) (?P<to>{_UNIT})",
    rf"{_EARN}{_MONEY}{_RATE_PER}(?P<per>{_UNIT}) (?:for|over|times|x|and (?:i |we |you |they |he |she )?work(?:s|ed)?) "
    rf"(?P<n>{_NUMBER}) (?P<units>{_UNIT}s?)(?:,? {_TOTAL_PAY})?",
)


def _prepare_pay(slots: Slots, scope: Scope) -> tuple[sympy.Rational, str, sympy.Rational, str]:
    amount, per = sympy.Rational(slots["p"]), slots["per"].lower()
    if slots.get("n"):
        units = slots["units"].lower().rstrip("s")
        if units != per:
            raise MathSyntaxError(f"a rate per {per} for a number of {units}s: how many {per}s is that?")
        count = sympy.Rational(slots["n"])
        return amount, per, count, f"{_text(amount)} per {per} × {_text(count)} {per}s"
    to = slots["to"].lower()
    if to == per or per not in _PER_YEAR_COUNT or to not in _PER_YEAR_COUNT:
        raise MathSyntaxError(f"a {per} in {to}s is not one exact number (52 or 52.18 weeks a year? 365 or 365.25 days?)")
    factor = sympy.Rational(_PER_YEAR_COUNT[per], _PER_YEAR_COUNT[to])
    how = f"× {factor}" if factor.is_Integer else f"÷ {1 / factor}"
    return amount, per, factor, f"{_text(amount)} per {per} {how} per {to} (12 months a year)"


def _verify_pay(args: tuple[sympy.Rational, str, sympy.Rational, str], value: sympy.Rational) -> str | None:
    amount, _, factor, _ = args
    back = Fraction(int(value.p), int(value.q)) / Fraction(int(factor.p), int(factor.q))
    return None if back == Fraction(int(amount.p), int(amount.q)) else "dividing back does not give the rate"


PAY = Operation(
    name="money_per_period",
    patterns=phrase(*_PAY_FRAMES),
    prepare=_prepare_pay,
    compute=lambda args: args[0] * args[2],
    verify=_verify_pay,
    render=_render,
    reason="whole step parsed as an amount per period, scaled to another period by an exact count",
    interpret=lambda args: args[3],
)

OPERATIONS: tuple[Operation, ...] = (GROWTH, PAY)
