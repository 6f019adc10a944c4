"""Words around a quantity that say what it is or where it comes from, and never change it: a closed set.

`rephrase` removes or replaces them, names each in a note, and leaves every other word in place, so that an
unknown word still makes the step decline. The set:

- where the quantity is used, after it: ``for my oven``, ``in the oven``, ``for baking``, ``for a recipe``,
  ``for my car``, ``in my tyres``; ``fan oven`` / ``(fan oven)`` names the oven (the temperature is converted as
  written: no fan-to-conventional adjustment, and the note says so);
- a label before a temperature: ``body temp``, ``oven temperature``, ``room temp is`` (only before a number with
  a temperature unit), or after one (``98.6 F body temperature``); where it is set or felt: ``set the oven to``,
  ``it's 30 C outside``; a place named before it (`_WHERE_HOT`: ``the room is 20 C``, ``oven at 180 C``, ``my
  fever was 39 C``), an absolute temperature (a change, ``20 C hotter``, is read as a difference before this);
- the quantity's own name: ``energy of 1 eV``, ``standard pressure of 1 atm``, ``a top speed of 200 km/h``,
  ``what speed in km/h is 20 knots``: the named dimension must be the quantity's (energy of 1 eV: energy);
- a thing of that size: ``a 1.5 GiB file``, ``a 2 L bottle``, ``a 500 g bag of rice``, ``a 5 min/km running
  pace`` (a pace must be a time per length), with the things in `_THINGS`; ``a 5k run`` is 5 km; the things of
  one kind in `_KIND_THINGS` only with a quantity of that kind: ``a 2000 kcal diet`` (a meal, a snack: an energy;
  ``a 2000 calorie diet`` is food Calories), ``a 20 L jerrycan`` (a volume), ``a 15 kg backpack`` (a mass), ``a 5 GB
  data plan`` (data), ``a 300 km drive`` (a drive: a distance, a time or data), never ``a 2 kg diet``;
- who is that tall or heavy: ``I'm 180 cm tall``, ``I am 70 kg`` (a length or a mass only);
- what is measured: ``a gallon of water``, ``2 cups of milk``, ``5 kg of rice``, ``100 m of rope``: one word from
  a closed set, by dimension (`_STUFF`): a liquid by volume or mass, a solid by mass, a rope by length; never
  gold or silver (troy ounces), nor produce by the pint (US dry measure);
- who has it: ``I have 250 g of flour``, ``the recipe calls for 200 g of sugar`` (the substance, from the same
  set, names what is measured: a mass stays a mass; a volume of flour in grams is still refused);
- a pace as minutes:seconds: ``4:30 per km``, ``7:45/mile`` are ``270 s/km``, ``465 s/mi``;
- constants fixed by definition: ``absolute zero`` (0 K), ``the speed of light`` (299792458 m/s),
  ``standard gravity`` (9.80665 m/s²), ``a marathon`` (42.195 km) and ``a half marathon`` (21.0975 km).

    >>> rephrase("body temp 36.6 °C in °F")
    ('36.6 °C in °F', ["'body temp' names the quantity"])
"""

from __future__ import annotations

import re
from typing import Any

from agentkit.tools.units._grammar import Unreadable, parse_quantity

from agentkit.errors import ToolInputError

__all__ = ["CONSTANTS", "rename", "rephrase"]

_FLAGS = re.IGNORECASE
_Q = r"(?:[^,()]|,(?=\d{3}\b))+?"
_FOLLOWS = r"(?=,| is | in | to | into | as |\?|$)"

# constants fixed by definition (SI 2019, the kelvin's zero, the standard acceleration of gravity)
CONSTANTS = {
    "absolute zero": "0 K",
    "the speed of light in a vacuum": "299792458 m/s", "the speed of light in vacuum": "299792458 m/s",
    "the speed of light": "299792458 m/s", "speed of light": "299792458 m/s",
    "standard gravity": "9.80665 m/s^2", "the standard acceleration of gravity": "9.80665 m/s^2",
    # the race distances as World Athletics defines them
    "a marathon": "42.195 km", "the marathon": "42.195 km", "one marathon": "42.195 km",
    "a half marathon": "21.0975 km", "a half-marathon": "21.0975 km", "the half marathon": "21.0975 km",
}
_CONSTANT = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, CONSTANTS), key=len, reverse=True)) + r")\b",
                       _FLAGS)

_PLACE = (r"(?:oven|fan oven|recipe|cake|bread|roast|car|tyres|tires|tyre|tire|bike|bicycle|fridge|freezer"
          r"|pool|bath|aquarium|room|house|sauna|thermostat|weather|forecast)")
_USED_FOR = re.compile(rf",? (?:for|in) (?:my|the|a|an|your|our) {_PLACE}\b|,? for (?:baking|cooking|roasting)\b",
                       _FLAGS)
_FAN_OVEN = re.compile(r",? ?\(fan oven\)|,? (?:in )?(?:a |the |my )?fan oven\b|(?<=[CF]) fan\b(?=,|$)", _FLAGS)

_TEMPERATURE = (r"-?\d+(?:\.\d+)? ?(?:°\s?[CFK]\b|degrees? (?:celsius|centigrade|fahrenheit|kelvin|[CF]\b)|[CFK]\b"
                r"|celsius|centigrade|fahrenheit|kelvin)")
_PLACES_TEMP = (r"(?:body|room|oven|water|fridge|freezer|outside|outdoor|air|bath|pool|core|internal|meat|engine"
                r"|cpu) (?:temp|temperature)")
# where a temperature is, named before it ("the room is 20 C", "oven at 180 C", "my fever was 39 C"): a closed set
_WHERE_HOT = (r"(?:room|oven|fan oven|pool|swimming pool|pool water|water|bath|bath water|fridge|freezer|sauna|sea"
              r"|lake|tea|coffee|soup|weather|outside|air|engine|fever|kettle|shower|hot tub|jacuzzi|aquarium|tank"
              r"|greenhouse|office|house|temperature|temp|thermostat|thermometer|forecast|high|low|high today"
              r"|low tonight)")
# "set the oven to 190 C", "it's 30 C outside", "98.6 F body temperature": where a temperature is, said around it
_TEMP_SETTING = [
    re.compile(rf"^(?:i )?(?:set|turn|heat|preheat) (?:the |my )?{_PLACE} (?:up )?(?:to|at) (?={_TEMPERATURE})", _FLAGS),
    re.compile(rf"^(?:bake|roast|cook|grill|heat|preheat)(?: it| them)? (?:at|to) (?={_TEMPERATURE})", _FLAGS),
    re.compile(rf"^(?:it's|it is|its) (?P<t>{_TEMPERATURE})(?: outside| out| today| now| in here| inside)(?=,)",
               _FLAGS),
    re.compile(rf"(?<=[\dFCK]) (?:of |for )?(?:a |the )?{_PLACES_TEMP}\b", _FLAGS),
    re.compile(rf"^(?:(?:the|my|our|your|a|his|her) )?{_WHERE_HOT}(?: (?:is|was|'s|is at|was at|at|is set to|set to"
               rf"|set at|reads|reading|of))? (?:about |around )?(?={_TEMPERATURE}(?:,| in | to | into |$))", _FLAGS),
]
_TEMP_LABEL = re.compile(
    r"^(?:(?:my|the|a|your|his|her|their|our) )?(?:(?:pool|bath|tap|shower|sea|lake|tank|average|current) )?"
    r"(?:(?:body|room|oven|water|fridge|freezer|outside|outdoor|air|bath|pool|core|internal|meat|engine|cpu) "
    r"(?:temp|temperature)|fever)(?: is| reads| reading| of| at)?(?: about)? "
    r"(?=-?\d+(?:\.\d+)? ?(?:°|degrees?\b|[CFK]\b|celsius|fahrenheit|kelvin))", _FLAGS)

# a dimension's names, and its base dimensions (information has none in pint: not named here)
_NAMED_DIMENSIONS = {
    "energy": [{"[length]": 2, "[mass]": 1, "[time]": -2}],
    "pressure": [{"[length]": -1, "[mass]": 1, "[time]": -2}],
    "power": [{"[length]": 2, "[mass]": 1, "[time]": -3}],
    "force": [{"[length]": 1, "[mass]": 1, "[time]": -2}],
    "speed": [{"[length]": 1, "[time]": -1}], "velocity": [{"[length]": 1, "[time]": -1}],
    "distance": [{"[length]": 1}], "length": [{"[length]": 1}], "height": [{"[length]": 1}],
    "width": [{"[length]": 1}], "depth": [{"[length]": 1}],
    "mass": [{"[mass]": 1}], "weight": [{"[mass]": 1}, {"[length]": 1, "[mass]": 1, "[time]": -2}],
    "temperature": [{"[temperature]": 1}], "temp": [{"[temperature]": 1}],
    "volume": [{"[length]": 3}], "area": [{"[length]": 2}], "frequency": [{"[time]": -1}],
    "duration": [{"[time]": 1}],
}
_QUALIFIER = r"(?:standard|atmospheric|average|top|maximum|max|minimum|min|total|rated|typical|normal)"
_DIMENSION = "|".join(_NAMED_DIMENSIONS)
_BRACKET = r"\((?:[^()]|\([^()]*\))+\)"  # a described quantity already written as a bracket (_compound)
_NAMED = re.compile(rf"(?:(?:the|a|an|its|my|his|her|their|our) )?(?:{_QUALIFIER} ){{0,2}}(?P<w>{_DIMENSION}) of "
                    rf"(?P<q>{_BRACKET}|{_Q}){_FOLLOWS}", _FLAGS)
_WHAT_IN = re.compile(rf"(?:what(?:'s| is)?|whats|how much) (?:the )?(?P<w>{_DIMENSION}) in (?P<u>{_Q}) "
                      rf"(?:is|of|for) (?P<q>{_BRACKET}|{_Q})(?=\?|$)", _FLAGS)

_THINGS = (r"(?:file|download|video|movie|film|song|photo|image|drive|disk|disc|hard drive|usb stick|usb drive"
           r"|ssd|phone|tablet|laptop|memory card|sd card|card|bottle|jug"
           r"|glass|can|carton|jar|bag|box|parcel|package|suitcase|run|walk|hike|race|swim|ride|trip|bulb|heater"
           r"|kettle|microwave|motor|engine|battery|tank|board|plank|pipe|cable|rope|fence|wall|room|pool|flight"
           r"|meeting|lecture|class|shift|commute|journey|nap|show|game|match|workout|session|episode|podcast|concert"
           r"|lesson|break|man|woman|person|guy|ruler|pizza|tv|television|screen|monitor|ladder|pole|stick|shelf|bed"
           r"|sofa|table|desk|door|window|tree|building|tower|bridge|river|road|sub|sandwich|steak|baby|dog|cat)")
# things that hold or are only one kind of quantity: the quantity must be of that kind ("a 2000 kcal diet", never
# "a 2 kg diet"); a lone thing word of `_THINGS` may be any
_FOOD_THINGS = "diet|meal|snack|breakfast|lunch|dinner|dessert|drink|smoothie|shake|portion|serving"
_KIND_THINGS = {
    "diet|meal|snack|breakfast|lunch|dinner|dessert|drink|smoothie|shake|portion|serving":
        [{"[length]": 2, "[mass]": 1, "[time]": -2}],
    "fish tank|water tank|gas tank|fuel tank|petrol tank|jerrycan|jerry can|canister|flask|thermos|mug|cup|pitcher|bucket|barrel|keg|carafe|decanter|vase":
        [{"[length]": 3}],
    "backpack|rucksack|sack|crate|load|package|shipment|dumbbell|weight|kettlebell|turkey|watermelon|pumpkin|bale":
        [{"[mass]": 1}],
    "hard disk|usb|folder|archive|backup|update|upload|attachment|album|library|data plan":
        [{"[information]": 1}],
    "route|road trip|walk|cycle|bike ride|car ride|commute|journey|flight|race|swim|hike":
        [{"[length]": 1}, {"[time]": 1}],
    "drive": [{"[length]": 1}, {"[time]": 1}, {"[information]": 1}],
}
_KIND_THING_WORDS = "|".join(sorted((word for words in _KIND_THINGS for word in words.split("|")), key=len,
                                    reverse=True))
_THING = re.compile(rf"(?:an?|my|the|this|that) (?P<q>{_Q}) (?P<thing>{_THINGS[3:-1]}|{_KIND_THING_WORDS})"
                    rf"(?: of (?P<stuff>[a-z]+))?{_FOLLOWS}", _FLAGS)
_RACE = re.compile(r"\b(?P<n>\d{1,2})k (?=run\b|race\b|walk\b|fun run\b)", _FLAGS)  # "a 5k run": 5 km
_PACE = re.compile(rf"(?:(?:an?|my|the|this|that) (?P<q>{_Q}) (?:(?:running|walking|cycling|swimming|race) )?pace"
                   rf"|(?:an?|my|the) (?:(?:running|walking|race) )?pace of (?P<q2>{_Q})){_FOLLOWS}", _FLAGS)
# a running pace written as minutes:seconds per km or mile ("4:30 per km", "7:45/mile", "5:10 min/km")
_PACE_CLOCK = re.compile(r"(?<![\d:.])(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?: ?min(?:utes)?)?(?: per | ?/ ?)"
                         r"(?P<u>km|kilometers?|kilometres?|mi|miles?)\b", _FLAGS)
_HAVE = re.compile(rf"^(?:(?:i|we)(?:'ve got| have got| have| had| got| bought| need| needed| used| use)|(?:the|my|this)"
                   rf" recipe (?:says|calls for|needs|uses|asks for)) (?P<q>{_Q})"
                   rf"(?: of (?P<stuff>[a-z]+))?(?=,)", _FLAGS)
_TALL = re.compile(rf"^(?:i'm|i am|im) (?P<q>{_Q})(?: tall| high)?(?=,)", _FLAGS)  # a height (or a weight) said so
# words that would change or qualify a quantity: never a substance
# what is measured, named after a quantity: a closed set, by the dimension it may be measured in. Never gold or
# silver (troy ounces), nor produce by the pint or quart (US dry measure): those are not here, so they decline.
_LIQUIDS = ("water|milk|juice|oil|wine|beer|coffee|tea|soda|cola|lemonade|gas|gasoline|petrol|diesel|fuel|paint|broth"
            "|stock|cream|vinegar|sauce|soup|blood|rain|rainwater|liquid|fluid|alcohol|vodka|whisky|whiskey|rum|gin"
            "|bleach|shampoo|syrup")
_SOLIDS = ("flour|sugar|rice|butter|salt|meat|cheese|chicken|beef|pork|fish|pasta|potatoes|apples|bananas|cement"
           "|sand|soil|gravel|concrete|steel|iron|wood|food|dough|chocolate|nuts|oats|beans|lentils|luggage|baggage"
           "|laundry|cargo|coal|rock|stone|ice|snow")
_LONG = "rope|wire|cable|fabric|cloth|road|track|string|yarn|ribbon|pipe|fence|tape|thread|trail|path|coastline"
_STUFF = {"volume": re.compile(rf"(?:{_LIQUIDS})", _FLAGS),
          "mass": re.compile(rf"(?:{_LIQUIDS}|{_SOLIDS})", _FLAGS),
          "length": re.compile(rf"(?:{_LONG})", _FLAGS)}
_STUFF_DIMS = {"volume": {"[length]": 3}, "mass": {"[mass]": 1}, "length": {"[length]": 1}}


def _stuff_fits(stuff: str, dims: dict[str, int]) -> bool:
    """Whether ``stuff`` is measured in a quantity of these dimensions without changing its conversion."""
    return any(_STUFF_DIMS[kind] == dims and pattern.fullmatch(stuff) for kind, pattern in _STUFF.items())


# "a gallon of water", "a cup of milk": one word for what is measured, after a quantity (a volume of flour in grams
# is still refused, as a dimension mismatch)
_OF_STUFF = re.compile(rf"(?:(?P<article>an?) )?(?P<q>{_Q}) of (?P<stuff>[a-z]+){_FOLLOWS}", _FLAGS)


_NAMING = (_NAMED, _WHAT_IN, _PACE, _THING, _HAVE, _TALL)


def _dims(text: str) -> dict[str, int] | None:
    """The base dimensions of one quantity written whole, or None."""
    try:
        expr = parse_quantity(text.strip())
    except Unreadable:
        return None
    if expr is None or expr[0] == "n":
        return None
    from agentkit.tools.units._compute import base_value, registry

    if expr[0] != "q":  # a bracket from _compound: its dimension leaf by leaf (data counts as none here)
        try:
            return {dim: int(power) for dim, power in base_value(expr)[1].items() if power}
        except ToolInputError:
            return None

    dims: dict[str, int] = {}
    for name, power in expr[1][0][1]:
        if name.endswith(("bit", "byte")):
            return {"[information]": 1}
        for dim, exponent in dict(registry().get_dimensionality(name)).items():
            dims[dim] = dims.get(dim, 0) + int(exponent) * power
    return {dim: exponent for dim, exponent in dims.items() if exponent}


def _replace(step: str, match: re.Match[str], text: str) -> str:
    return " ".join((step[:match.start()] + text + step[match.end():]).split())


def rephrase(step: str) -> tuple[str, list[str]]:
    """``step`` without the words around its quantity that the module names, and a note for each."""
    notes: list[str] = []
    for match in list(_PACE_CLOCK.finditer(step))[:2]:
        seconds = int(match["m"]) * 60 + int(match["s"])
        per = "km" if match["u"].lower().startswith("k") else "mi"
        step = step.replace(match[0], f"{seconds} s/{per}", 1)
        notes.append(f"a pace of {match['m']}:{match['s']} per {per}: {seconds} s per {per}")
    for match in list(_CONSTANT.finditer(step))[:2]:
        value = CONSTANTS[match[0].lower()]
        step = step.replace(match[0], value, 1)
        notes.append(f"{match[0]} = {value} (by definition)")
    if (match := _FAN_OVEN.search(step)) is not None:
        step = _replace(step, match, "")
        notes.append("a fan oven's temperature, converted as written (no fan-to-conventional adjustment)")
    if (match := _USED_FOR.search(step)) is not None:
        step = _replace(step, match, "")
        notes.append(f"'{match[0].strip(', ')}' says where the quantity is used")
    for match in list(_RACE.finditer(step))[:1]:
        step = _replace(step, match, f"{match['n']} km ")
        notes.append(f"a {match['n']}k run: {match['n']} km")
    for pattern in _TEMP_SETTING:
        if (match := pattern.search(step)) is not None:
            step = _replace(step, match, match.groupdict().get("t") or "")
            notes.append(f"'{match[0].strip()}' says where the temperature is")
    if (match := _TEMP_LABEL.search(step)) is not None:
        step = _replace(step, match, "")
        notes.append(f"'{match[0].strip()}' names the quantity")
    for pattern in _NAMING:
        match = pattern.search(step)
        if match is None or (named := _named(pattern, match)) is None:
            continue
        step = _replace(step, match, named[0])
        notes.append(named[1])
    for start in (0, *(m.end() for m in re.finditer(" ", step))):
        match = _OF_STUFF.match(step, start)
        if match is None:
            continue
        quantity = f"1 {match['q']}" if match["article"] and _dims(f"1 {match['q']}") else match["q"]
        dims = _dims(quantity)
        if dims is None or not _stuff_fits(match["stuff"], dims):
            continue
        step = _replace(step, match, quantity)
        notes.append(f"'{match[0].strip()}': what is measured does not change the conversion")
        break
    return step, notes


def rename(step: str) -> tuple[str, list[str]]:
    """The quantity's own name (``the area of``), once more after `_compound` wrote a description as a bracket."""
    match = _NAMED.search(step) or _WHAT_IN.search(step)
    if match is None or (named := _named(match.re, match)) is None:
        return step, []
    return _replace(step, match, named[0]), [named[1]]


def _named(pattern: re.Pattern[str], match: re.Match[str]) -> tuple[str, str] | None:
    """What a naming phrase stands for and the note, or None when its words do not fit its quantity."""
    quantity = (match["q"] or match.groupdict().get("q2") or "").strip()
    if pattern is _THING and re.fullmatch(_FOOD_THINGS, match["thing"], _FLAGS) and re.fullmatch(
            r"\d+(?:\.\d+)? ?calories?", quantity, _FLAGS):  # the bare word in a step about food (see _systems)
        number = re.match(r"[\d.]+", quantity)[0]
        return f"{number} food calories", f"'{match[0].strip()}': a food's calories are food Calories (kcal)"
    dims = _dims(quantity)
    if dims is None:
        return None
    if pattern is _NAMED or pattern is _WHAT_IN:
        word = match["w"].lower()
        if dims not in _NAMED_DIMENSIONS[word]:
            return None
        text = f"{quantity} in {match['u']}" if pattern is _WHAT_IN else quantity
        return text, f"'{word}' names the quantity"
    if pattern is _PACE:
        if dims != {"[time]": 1, "[length]": -1}:
            return None
        return quantity, "a pace: time per distance"
    if pattern is _TALL:
        return (quantity, f"'{match[0]}': a height or a weight") if dims in ({"[length]": 1}, {"[mass]": 1}) else None
    if pattern is _THING:
        thing = match["thing"].lower()
        kinds = next((kinds for words, kinds in _KIND_THINGS.items() if thing in words.split("|")), None)
        if kinds is not None and dims not in kinds:
            return None
    stuff: Any = match["stuff"]
    if stuff is not None and not _stuff_fits(stuff, dims):
        return None
    if pattern is _HAVE:
        return quantity, f"'{match[0]}' names what is measured" if stuff else "the quantity one has"
    return quantity, f"'{match[0].strip()}' is a thing of that size"
