"""The units the family understands, in the words and symbols people write, mapped to pint's own unit names.

The recognizer reads units only through this table, never through pint's
parser: pint would read "in" as the inch and "decade" as a logarithmic unit.
A unit is a list of ``[pint name, exponent]`` pairs, JSON-ready:

    >>> from agentkit.tools.units._words import tokenize
    >>> read_unit(tokenize("km/h"), 0)
    ([['kilometer', 1], ['hour', -1]], 3)
"""

from __future__ import annotations

from agentkit.tools.units._words import Token

__all__ = ["CALENDAR", "OFFSET", "SYSTEM_UNITS", "SYSTEM_WORDS", "UnitSpec", "read_unit", "unit_kinds"]

UnitSpec = list[list]  # [[pint name, exponent], ...]

MAX_POWER = 4
MAX_FACTORS = 6

# Calendar units are not a fixed number of days; a conversion between the two groups is refused.
CALENDAR = frozenset({"month", "year", "year_decade", "century", "millennium"})
CLOCK = frozenset({"second", "minute", "hour", "day", "week", "fortnight",
                   "millisecond", "microsecond", "nanosecond"})
OFFSET = frozenset({"degree_Celsius", "degree_Fahrenheit"})
# Extra definitions made in the family's pint registry (see _compute).
DEFINITIONS = ("year_decade = 10 * year", "international_acre = 43560 * foot ** 2", "metric_cup = 250 * milliliter")

# prefix: the letters of its symbol (micro has three spellings)
_PREFIXES = {"nano": "n", "micro": "µμu", "milli": "m", "centi": "c", "deci": "d", "hecto": "h", "kilo": "k",
             "mega": "M", "giga": "G", "tera": "T"}

# pint name: (long names, plural forms, symbols, prefixes for the long names, prefixes for the symbols)
_PREFIXABLE = {
    "meter": (("meter", "metre"), (), ("m",), "nano micro milli centi deci kilo",
              "nano micro milli centi deci kilo"),
    "gram": (("gram", "gramme"), (), ("g",), "nano micro milli centi kilo", "nano micro milli kilo"),
    "second": (("second",), (), ("s", "sec", "secs"), "nano micro milli", "nano micro milli"),
    "liter": (("liter", "litre"), (), ("L", "l"), "micro milli centi deci hecto kilo",
              "micro milli centi deci hecto"),
    "joule": (("joule",), (), ("J",), "milli kilo mega giga", "milli kilo mega giga"),
    "watt": (("watt",), (), ("W",), "milli kilo mega giga tera", "milli kilo mega giga tera"),
    "watt_hour": (("watt hour", "watt-hour", "watthour"), ("watt hours", "watt-hours", "watthours"), ("Wh",),
                  "kilo mega giga tera", "kilo mega giga tera"),
    "newton": (("newton",), (), ("N",), "kilo mega", "kilo mega"),
    "pascal": (("pascal",), (), ("Pa",), "hecto kilo mega giga", "hecto kilo mega giga"),
    "hertz": (("hertz",), ("hertz",), ("Hz",), "kilo mega giga tera", "kilo mega giga tera"),
    "volt": (("volt",), (), ("V",), "milli kilo", "milli kilo"),
    "ampere": (("ampere", "amp"), (), ("A",), "milli micro kilo", "milli micro kilo"),
    "ohm": (("ohm",), (), ("Ω",), "kilo mega", "kilo mega"),
    "electron_volt": (("electronvolt", "electron volt", "electron-volt"), (), ("eV",),
                      "kilo mega giga tera", "kilo mega giga tera"),
    "mole": (("mole",), (), ("mol",), "nano micro milli kilo", "nano micro milli kilo"),
    "bar": (("bar",), (), ("bar",), "milli", "milli"),
    # B is the byte (only with a prefix: a bare "3B" is a name more often) and "bit" the bit; lower-case
    # spellings ("mb", "Gb", "kb") are never read (a bit or a byte?)
    "byte": (("byte",), (), ("B",), "kilo mega giga tera", "kilo mega giga tera"),
    "bit": (("bit",), (), ("bit",), "kilo mega giga tera", "kilo mega giga tera"),
}
_PLAIN = {
    "inch": (("inch",), ("inches",), ()),
    "foot": (("foot",), ("feet",), ("ft",)),
    "yard": (("yard",), (), ("yd", "yds")),
    "mile": (("mile",), (), ("mi",)),
    "nautical_mile": (("nautical mile",), (), ("nmi",)),
    "light_year": (("light year", "light-year", "lightyear"), (), ("ly",)),
    "astronomical_unit": (("astronomical unit",), (), ("AU", "au")),
    "angstrom": (("angstrom", "ångström"), (), ("Å",)),
    "~ounce": (("ounce",), (), ("oz",)),
    "troy_ounce": (("troy ounce",), (), ("ozt", "troy oz")),
    "pound": (("pound",), (), ("lb", "lbs")),
    "stone": (("stone",), ("stone", "stones"), ()),
    "metric_ton": (("tonne", "metric ton"), (), ("t",)),
    "short_ton": (("short ton",), (), ()),
    "long_ton": (("long ton",), (), ()),
    "short_hundredweight": (("short hundredweight",), ("short hundredweight", "short hundredweights"), ()),
    "long_hundredweight": (("long hundredweight",), ("long hundredweight", "long hundredweights"), ()),
    "kilogram": (("kilo",), (), ()),
    "metric_cup": (("metric cup",), (), ()),
    "tablespoon": (("tablespoon",), (), ("tbsp",)),
    "teaspoon": (("teaspoon",), (), ("tsp",)),
    "international_acre": (("acre",), (), ()),
    "hectare": (("hectare",), (), ("ha",)),
    "minute": (("minute",), (), ("min", "mins")),
    "hour": (("hour",), (), ("h", "hr", "hrs")),
    "day": (("day",), (), ()),
    "week": (("week",), (), ("wk", "wks")),
    "fortnight": (("fortnight",), (), ()),
    "month": (("month",), (), ()),
    "year": (("year",), (), ("yr", "yrs")),
    "year_decade": (("decade",), (), ()),
    "century": (("century",), ("centuries",), ()),
    "millennium": (("millennium",), ("millennia", "millenniums"), ()),
    "kelvin": (("kelvin",), ("kelvin", "kelvins"), ("K",)),
    "degree_Celsius": (("degree celsius", "degree centigrade", "celsius", "centigrade", "celcius", "degree C"),
                       ("degrees celsius", "degrees centigrade", "degrees celcius", "degrees C"),
                       ("°C", "℃", "degC")),
    "degree_Fahrenheit": (("degree fahrenheit", "fahrenheit", "farenheit", "degree F"),
                          ("degrees fahrenheit", "degrees farenheit", "degrees F"), ("°F", "℉", "degF")),
    # a temperature difference: "celsius degrees", "delta °C" (a change of 10 °C is 18 Fahrenheit degrees)
    "delta_degree_Celsius": (("celsius degree", "centigrade degree"), ("celsius degrees", "centigrade degrees"),
                             ("delta °C", "Δ °C", "delta degC")),
    "delta_degree_Fahrenheit": (("fahrenheit degree",), ("fahrenheit degrees",),
                                ("delta °F", "Δ °F", "delta degF")),
    "degree": (("degree",), (), ("°", "deg")),
    "radian": (("radian",), (), ("rad",)),
    "arcminute": (("arcminute",), (), ()),
    "arcsecond": (("arcsecond",), (), ()),
    "revolution": (("revolution",), (), ()),
    "knot": (("knot",), (), ()),
    "~horsepower": (("horsepower",), ("horsepower",), ("hp",)),
    "horsepower": (("mechanical horsepower", "brake horsepower"), ("mechanical horsepower", "brake horsepower"),
                   ("bhp",)),
    "metric_horsepower": (("metric horsepower",), ("metric horsepower",), ("PS",)),
    "~calorie": (("calorie",), (), ()),
    "~cal": ((), (), ("cal",)),
    "calorie": (("small calorie", "gram calorie"), (), ()),
    "kilocalorie": (("kilocalorie", "food calorie", "large calorie", "dietary calorie", "kilogram calorie"), (),
                    ("kcal", "kCal", "Cal")),
    "pound_force": (("pound-force", "pound force"), ("pounds-force", "pounds force"), ("lbf",)),
    "kilogram_force": (("kilogram-force",), ("kilograms-force",), ("kgf",)),
    "standard_atmosphere": (("atmosphere",), (), ("atm",)),
    "psi": (("psi",), ("psi",), ()),
    "millimeter_Hg": (("millimeter of mercury", "millimetre of mercury"),
                      ("millimeters of mercury", "millimetres of mercury"), ("mmHg",)),
    "torr": (("torr",), ("torr",), ()),
    "BTU": (("btu", "british thermal unit"), ("btus",), ("BTU",)),
    "coulomb": (("coulomb",), (), ()),
    "kibibyte": (("kibibyte",), (), ("KiB",)),
    "mebibyte": (("mebibyte",), (), ("MiB",)),
    "gibibyte": (("gibibyte",), (), ("GiB",)),
    "tebibyte": (("tebibyte",), (), ("TiB",)),
}
# whole units written as one word that stand for a compound
_COMPOUND_WORDS: dict[str, UnitSpec] = {
    "mph": [["mile", 1], ["hour", -1]], "kph": [["kilometer", 1], ["hour", -1]],
    "kmh": [["kilometer", 1], ["hour", -1]], "kmph": [["kilometer", 1], ["hour", -1]],
    "cc": [["centimeter", 3]], "mAh": [["milliampere", 1], ["hour", 1]],
    # bits per second, in the exact case only: "MBps" is megabytes, and a key in lower case ("kbps") would also
    # read "KBps" (the lower-case fallback below)
    "Mbps": [["megabit", 1], ["second", -1]], "Gbps": [["gigabit", 1], ["second", -1]],
    "Tbps": [["terabit", 1], ["second", -1]],
}
# units whose size depends on the system: placeholder -> (US name, imperial name, names, symbols); see _systems
SYSTEM_UNITS: dict[str, tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = {
    "~gallon": ("gallon", "imperial_gallon", ("gallon",), ("gal",)),
    "~quart": ("quart", "imperial_quart", ("quart",), ("qt",)),
    "~pint": ("pint", "imperial_pint", ("pint",), ("pt",)),
    "~cup": ("cup", "imperial_cup", ("cup",), ()),
    "~fluid_ounce": ("fluid_ounce", "imperial_fluid_ounce", ("fluid ounce",), ("fl oz", "floz")),
    "~gill": ("gill", "imperial_gill", ("gill",), ()),
    "~ton": ("short_ton", "long_ton", ("ton",), ()),
    "~hundredweight": ("short_hundredweight", "long_hundredweight", ("hundredweight",), ("cwt",)),
}
SYSTEM_WORDS = {"US": "US", "American": "US", "imperial": "imperial", "UK": "imperial", "British": "imperial"}
# a capital C makes the food Calorie (a kilocalorie) even as a word
_CASED_NAMES = {"Calorie": "kilocalorie", "Calories": "kilocalorie"}
_POWER_WORDS = {"square": 2, "sq": 2, "cubic": 3, "cu": 3}
_POWER_SUFFIX = {"squared": 2, "cubed": 3, "²": 2, "³": 3}


def _plural(name: str) -> str:
    return name + ("es" if name.endswith(("ch", "sh")) else "s")


def _build() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}  # lower-case words -> pint name
    symbols: dict[str, str] = {}  # case-sensitive symbol -> pint name

    def add_names(pint_name: str, singular: tuple[str, ...], plural: tuple[str, ...]) -> None:
        for word in singular:
            names[word.lower()] = pint_name
            if not plural:
                first, _, rest = word.partition(" ")
                many = f"{_plural(first)} {rest}" if word.startswith("degree ") else _plural(word)
                names[many.lower()] = pint_name
        for word in plural:
            names[word.lower()] = pint_name

    for pint_name, (singular, plural, syms, long_prefixes, sym_prefixes) in _PREFIXABLE.items():
        add_names(pint_name, singular, plural)
        symbols.update(dict.fromkeys((sym for sym in syms if sym != "B"), pint_name))
        for prefix in long_prefixes.split():
            add_names(prefix + pint_name, tuple(prefix + s for s in singular),
                      tuple(prefix + p for p in plural))
        for prefix in sym_prefixes.split():
            for letter in _PREFIXES[prefix]:
                for sym in syms:
                    if len(sym) <= 3 and sym not in ("sec", "secs"):
                        symbols[letter + sym] = prefix + pint_name
    for pint_name, (singular, plural, syms) in _PLAIN.items():
        add_names(pint_name, singular, plural)
        symbols.update(dict.fromkeys(syms, pint_name))
    for placeholder, (us_name, imperial_name, words, syms) in SYSTEM_UNITS.items():
        add_names(placeholder, words, ("hundredweight", "hundredweights") if "hundredweight" in words else ())
        symbols.update(dict.fromkeys(syms, placeholder))
        for system_word, system in SYSTEM_WORDS.items():
            qualified = us_name if system == "US" else imperial_name
            if placeholder == "~cup" and system == "imperial" and system_word != "imperial":
                continue  # a "UK cup" is 250 mL in today's recipes, 284 mL in old ones: not read
            add_names(qualified, tuple(f"{system_word} {w}" for w in (*words, *syms)), ())
    folded: dict[str, set[str]] = {}
    for sym, pint_name in symbols.items():
        if pint_name.endswith(("byte", "bit")):
            continue  # "Mb" is a megabit to some and a megabyte to others: only the exact case is read
        folded.setdefault(sym.lower(), set()).add(pint_name)
    # "KM" reads as km, but "MW" is not read at all: mW and MW differ, and "K" could be a thousand
    lower_symbols = {low: next(iter(group)) for low, group in folded.items()
                     if len(group) == 1 and len(low) > 1 and low not in names}
    return names, symbols, lower_symbols


_NAMES, _SYMBOLS, _LOWER_SYMBOLS = _build()
_LONGEST_NAME = max(name.count(" ") for name in _NAMES) + 1


def _lookup_name(tokens: list[Token], i: int) -> tuple[UnitSpec, int] | None:
    """The longest unit name or symbol starting at ``tokens[i]`` (a name may span several words)."""
    for width in range(min(_LONGEST_NAME, len(tokens) - i), 0, -1):
        words = tokens[i:i + width]
        if any(t.kind != "word" for t in words):
            continue
        phrase = " ".join(t.text for t in words)
        if phrase in _CASED_NAMES:
            return [[_CASED_NAMES[phrase], 1]], i + width
        if phrase.lower() in _NAMES:
            return [[_NAMES[phrase.lower()], 1]], i + width
        if phrase in _COMPOUND_WORDS:
            return [list(pair) for pair in _COMPOUND_WORDS[phrase]], i + width
        if phrase in _SYMBOLS:
            return [[_SYMBOLS[phrase], 1]], i + width
        if phrase.lower() in _COMPOUND_WORDS:
            return [list(pair) for pair in _COMPOUND_WORDS[phrase.lower()]], i + width
        if phrase.lower() in _LOWER_SYMBOLS and width == 1:
            return [[_LOWER_SYMBOLS[phrase.lower()], 1]], i + width
    return None


def _read_factor(tokens: list[Token], i: int) -> tuple[UnitSpec, int] | None:
    """One unit with its power: "square feet", "m^2", "m²", "cm3", "meters squared"."""
    power = 1
    if i < len(tokens) and tokens[i].lower in _POWER_WORDS:
        power, i = _POWER_WORDS[tokens[i].lower], i + 1
    found = _lookup_name(tokens, i)
    if found is None:
        return None
    unit, i = found
    if i < len(tokens) and power == 1:
        token = tokens[i]
        if token.lower in _POWER_SUFFIX:
            power, i = _POWER_SUFFIX[token.lower], i + 1
        elif token.text in ("^", "**") and i + 1 < len(tokens) and tokens[i + 1].text in ("2", "3", "4"):
            power, i = int(tokens[i + 1].text), i + 2
        elif (token.kind == "num" and token.text in ("2", "3") and token.start == tokens[i - 1].end
              and tokens[i - 1].text in _SYMBOLS):
            power, i = int(token.text), i + 1  # "m2", "cm3"
    return [[name, exponent * power] for name, exponent in unit], i


def read_unit(tokens: list[Token], i: int) -> tuple[UnitSpec, int] | None:
    """A unit expression at ``tokens[i]``: factors joined by "/", "per", "*", "·".

    Stops before an operator that is followed by a number, so that in
    "100 km / 2.5 h" the "/" divides quantities, not units.
    """
    first = _read_factor(tokens, i)
    if first is None:
        return None
    unit, i = first
    while i + 1 < len(tokens) and tokens[i].lower in ("/", "per", "*", "·", "⋅"):
        following = _read_factor(tokens, i + 1)
        if following is None:
            break
        sign = -1 if tokens[i].lower in ("/", "per") else 1
        unit = unit + [[name, sign * exponent] for name, exponent in following[0]]
        i = following[1]
        if len(unit) > MAX_FACTORS:
            return None
    if any(abs(exponent) > MAX_POWER for _, exponent in unit):
        return None
    return unit, i


def unit_kinds(unit: UnitSpec) -> set[str]:
    """Which special groups a unit touches: ``calendar``, ``clock``, ``offset``, ``angle``."""
    kinds = set()
    for name, _ in unit:
        if name in CALENDAR:
            kinds.add("calendar")
        elif name in CLOCK:
            kinds.add("clock")
        elif name in OFFSET:
            kinds.add("offset")
        elif name == "degree":
            kinds.add("angle")
    return kinds
