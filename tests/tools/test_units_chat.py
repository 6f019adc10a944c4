"""Units requests as typed in a chat (tools/units/_chat.py): each phrasing class, its convention, its declines.

Expected values are worked by hand from exact definitions (°F = °C × 9/5 + 32, a Fahrenheit degree is 5/9
of a Celsius degree, 1 in = 2.54 cm, 1 ft = 12 in, 1 mi = 1609.344 m, 1 bar = 100 kPa, kB = 1000 B) and
rounded with Python's ``decimal`` (half away from zero), never by the code under test.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from agentkit.tools.base import Context
from agentkit.tools.math import MathFamily
from agentkit.tools.units import UnitsFamily

from agentkit import Agent


def fahrenheit(celsius: Fraction) -> Fraction:
    return celsius * Fraction(9, 5) + 32


def rounded(value: Fraction, places: int) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def plain(value: Fraction) -> str:
    text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def significant(value: Fraction, digits: int = 6) -> str:
    """A value that does not terminate, to ``digits`` significant digits, as the family shows it."""
    return format(Decimal(value.numerator) / Decimal(value.denominator), f".{digits}g")


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent(model="none", tools=[MathFamily(), UnitsFamily()])


ANSWERED = [
    # a capital C / F alone is a temperature scale
    ("what's 30 C in F", f"{plain(fahrenheit(Fraction(30)))} °F"),
    ("-15 C to F", f"{plain(fahrenheit(Fraction(-15)))} °F"),
    ("12 degrees C in degrees F", f"{plain(fahrenheit(Fraction(12)))} °F"),
    ("41 F is what in C", f"{plain((Fraction(41) - 32) * Fraction(5, 9))} °C"),
    # rounding clauses
    ("convert 98 F to celsius, one decimal", f"{rounded((Fraction(98) - 32) * Fraction(5, 9), 1)} °C"),
    ("400 F to C, nearest degree", f"{rounded((Fraction(400) - 32) * Fraction(5, 9), 0)} °C"),
    ("7 km in miles to 3 decimals", f"{rounded(Fraction(7000) / Fraction('1609.344'), 3)} miles"),
    ("3 m in feet (2 decimals)", f"{rounded(Fraction(300) / Fraction('30.48'), 2)} ft"),
    ("20,000 seconds to hours, round to 2 decimal places", f"{rounded(Fraction(20000, 3600), 2)} h"),
    # frames
    ("9 feet = ? m", f"{plain(9 * Fraction('0.3048'))} m"),
    ("3 bar → kPa", "300 kPa"),
    ("96 inches, how many feet is that", "8 ft"),
    ("4.7 km, how many meters pls", "4700 m"),
    ("give me 2 miles in meters", f"{plain(2 * Fraction('1609.344'))} m"),
    ("what does 3 bar come to in kPa", "300 kPa"),
    ("what's the kPa equivalent of 4 bar", "400 kPa"),
    ("kelvin value of 27 C", f"{plain(Fraction(27) + Fraction('273.15'))} K"),
    ("how hot is 35 degrees celsius in fahrenheit", f"{plain(fahrenheit(Fraction(35)))} °F"),
    ("how tall is 6'2\" in cm", f"{plain(74 * Fraction('2.54'))} cm"),
    ("6 ft 1 in in cm", f"{plain(73 * Fraction('2.54'))} cm"),
    ("1 h 10 min + 2 h 5 min, how many minutes is that", "195 min"),
    # data sizes: B is the byte, the SI prefixes are powers of 1000
    ("3.5 GB in MB (decimal units)", "3500 MB"),
    ("how many kilobits is 2 megabytes", "16000 kbit"),
    ("2 TiB to GiB", "2048 GiB"),
    # temperature differences, when the words say so
    ("a rise of 5 °C in °F", f"{plain(5 * Fraction(9, 5))} delta °F"),
    ("a 4 °C drop is how many fahrenheit degrees", f"{plain(4 * Fraction(9, 5))} delta °F"),
    ("the temperature fell by 27 F, how many celsius degrees is that", f"{plain(27 * Fraction(5, 9))} delta °C"),
    ("difference between 25 C and 5 C in fahrenheit degrees", f"{plain(20 * Fraction(9, 5))} delta °F"),
    ("a temperature change of 8 K in °F", f"{plain(8 * Fraction(9, 5))} delta °F"),
    ("convert 3 degrees celsius of warming to fahrenheit degrees", f"{plain(3 * Fraction(9, 5))} delta °F"),
]


def test_readings_name_the_conventions(agent: Agent) -> None:
    reading = agent.invoke("a rise of 5 C in F").steps[0].interpretation
    assert reading == ("5 delta °C → delta °F "
                       "(C, F: degrees Celsius, Fahrenheit; a temperature difference, not a temperature)")
    reading = agent.invoke("7 km in miles to 3 decimals").steps[0].interpretation
    assert reading == "7 km → mi (rounded half away from zero to 3 decimal places)"


DECLINED = [
    "the temperature rose to 30 C, what's that in F",  # a temperature, not a difference: not a chat form read
    "the temperature rose by 10 C, what's it in F",  # 'it': the new temperature or the rise?
    "25 c in f",  # a lone small c is a cup in recipes
    "100 Mb in MB",  # megabit or megabyte?
    "7 km in miles, nearest degree",
    "convert 100 F to fahrenheit degrees",  # a temperature is not a difference
    "2 hours 30 minutes to hours and minutes, 2 decimals",
    "a rise of 5 kg in pounds",
]


@pytest.mark.parametrize("text", DECLINED)
def test_unclear_chat_phrasing_is_not_verified(agent: Agent, text: str) -> None:
    answer = agent.invoke(text)
    assert not answer.verified, answer.answer


def test_lone_c_as_coulomb_is_refused_not_answered(agent: Agent) -> None:
    answer = agent.invoke("1 C in mAh")
    assert (answer.route, answer.verified) == ("none", False)


def test_rounded_answer_fails_verification_when_tampered() -> None:
    family = UnitsFamily()
    result = family.execute(family.recognize("7 km in miles to 3 decimals", Context()))
    assert family.verify(result).ok
    amount, unit, _, exact = result.value["parts"][0]
    tampered = {**result.value, "parts": [[amount, unit, "4.351", exact]]}
    assert not family.verify(type(result)(**{**result.__dict__, "value": tampered})).ok


def clock_after(start: str, minutes: int, style: str = "%H:%M") -> str:
    """The clock ``minutes`` after ``start`` (24-hour ``HH:MM``), by ``datetime``."""
    moved = datetime.datetime.strptime(start, "%H:%M") + datetime.timedelta(minutes=minutes)
    return moved.strftime(style).lstrip("0") if style != "%H:%M" else moved.strftime(style)


CLOCK = [
    ("add 1 hour 50 minutes to 15:40", clock_after("15:40", 110)),
    ("what's 14:10 minus 3 hours 25 minutes", clock_after("14:10", -205)),
    ("it's 22:50, what time will it be in 95 minutes", clock_after("22:50", 95)),
    ("whats the time 35 minutes after 6:40 am", clock_after("06:40", 35, "%I:%M %p")),
    ("convert 9:05 pm to 24 hour time", "21:05"),
    ("from 9:30 am to 4:45 pm is how many hours", f"{plain(Fraction(435, 60))} h"),
    # a time without AM/PM beside one unmistakably on the 24-hour clock
    ("how many hours between 7:00 and 19:45", f"{plain(Fraction(765, 60))} h"),
]


def test_clock_reading_names_the_24_hour_convention(agent: Agent) -> None:
    reading = agent.invoke("how many hours between 7:00 and 19:45").steps[0].interpretation
    assert "the other time is on the 24-hour clock, so a time without AM/PM is too" in reading
    assert "AM/PM" not in agent.invoke("add 1 hour 50 minutes to 15:40").steps[0].interpretation


@pytest.mark.parametrize("text", [
    "2 hours after 9", "add 2 hours to 25:10", "what time is it 3 hours after 9:75",
    # times without AM/PM whose 24-hour and 12-hour readings give different answers
    "how many hours between 11:30 and 1:15", "how many minutes are there between 12:40 and 1:05",
    "how long is it from 10:00 to 3:30, in hours",
    # a time without AM/PM beside one with it: the bare one is morning or evening
    "from 8:45 to 4 pm is how many hours", "how many minutes between 11:20 pm and 1:10",
    # spoken times outside the closed set
    "half past nine at night plus 40 minutes", "12:00 in the morning plus 2 hours", "ten to six plus 1 hour",
])
def test_unreadable_clock_times_are_declined(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


# A time without AM/PM alone (or beside another) is read on the 24-hour clock: a shift lands on the same clock
# face on either clock, and a time between two is answered when a 12-hour reading gives the same.
BARE_CLOCK = [
    ("what time is it 2 hours 20 minutes after 10:50", clock_after("10:50", 140)),
    ("30 minutes before 12:15", clock_after("12:15", -30)),
    ("it's 7:50 now, what time will it be in 130 minutes", clock_after("07:50", 130)),
    ("if I start work at 8:15 and work 8.5 hours, when do I finish", clock_after("08:15", 510)),
    ("10:35 plus 95 minutes", clock_after("10:35", 95)),
    ("how many minutes are there between 8:05 and 10:30", "145 min"),
    ("how many hours between 11:15 and 12:45", "1.5 h"),
    # spoken times: a part of the day gives the half, else the time is bare too
    ("quarter past ten in the morning plus 2 hours", clock_after("10:15", 120, "%I:%M %p")),
    ("what time is it 90 minutes after half past eight in the evening", clock_after("20:30", 90, "%I:%M %p")),
    ("20 minutes before quarter to nine", clock_after("08:45", -20)),
    ("ten minutes to six in the evening plus 1 hour", clock_after("17:50", 60, "%I:%M %p")),
    ("what is 45 minutes after twenty past 3 in the afternoon", clock_after("15:20", 45, "%I:%M %p")),
    ("10 in the morning plus 2 hours 15 minutes", clock_after("10:00", 135, "%I:%M %p")),
    ("what time is 4 hours after eight in the evening", clock_after("20:00", 240, "%I:%M %p")),
    ("how many hours from 7 in the morning to 4 in the afternoon", "9 h"),
    ("what time will it be in 75 minutes if it's 11:20 now", clock_after("11:20", 75)),
    # "N minutes to H" is a spoken time only where the step as written is no clock step
    ("add 20 minutes to 4 pm", clock_after("16:00", 20, "%I:%M %p")),
    ("add 10 minutes to 9:30 am", clock_after("09:30", 10, "%I:%M %p")),
    ("what time is it 20 minutes past 4:30 pm", clock_after("16:30", 20, "%I:%M %p")),
    ("how long from 8:10 to 10:55 in minutes", "165 min"),
    ("minutes between 7:40 and 9:05", "85 min"),
    ("the time between 1:15 pm and 3:05 pm", "1 h 50 min"),
    ("if i start work at 7:45 and work for 8.25 hours, when will i finish", clock_after("07:45", 495)),
]


def test_bare_clock_reading_says_which_clock(agent: Agent) -> None:
    reading = agent.invoke("30 minutes before 12:15").steps[0].interpretation
    assert reading.endswith("(a time without AM/PM read on the 24-hour clock)")
    reading = agent.invoke("how many hours between 11:15 and 12:45").steps[0].interpretation
    assert "on a 12-hour clock the answer is the same" in reading
    reading = agent.invoke("quarter past ten in the morning plus 2 hours").steps[0].interpretation
    assert "quarter past ten: 10:15; 10:15 in the morning: 10:15 am" in reading


STORIES = [
    ("the meeting starts at 2 pm and lasts 90 minutes, when does it end", clock_after("14:00", 90, "%I:%M %p")),
    ("if I start work at 08:15 and work 8.5 hours, when do I finish", clock_after("08:15", 510)),
    ("the cake needs 45 min and goes in at 6:30 pm, when is it done", clock_after("18:30", 45, "%I:%M %p")),
    ("a bus departs at 09:10 and arrives at 11:05, how long is the trip in minutes", "115 min"),
    ("my alarm is at 7:00 am and I went to bed at 11:30 pm, how many minutes will I sleep", "450 min"),
    ("the flight leaves at 9:00 pm and takes 3 h 30 min, what time does it land (same time zone)",
     clock_after("21:00", 210, "%I:%M %p")),
]


def test_flight_without_the_time_zone_is_declined(agent: Agent) -> None:
    assert not agent.invoke("the flight leaves at 9:00 pm and takes 3 h 30 min, what time does it land").verified


NAMED = [
    ("a marathon is 42.195 km, how many miles is that to 1 decimal place",
     f"{rounded(Fraction(42195) / Fraction('1609.344'), 1)} miles"),
    ("my desk is 5 ft, what's that in cm", f"{plain(60 * Fraction('2.54'))} cm"),
    ("my bag weighs 10 kg, how many pounds is that", f"{rounded(Fraction(10) / Fraction('0.45359237'), 4)} lb"),
]


@pytest.mark.parametrize("text", [
    "the change is 5 C, what's that in F",  # a difference named as a noun: not read as a temperature
    "10 squares of 2 m, how many m is that",  # not a counted part ('each' unsaid, 'squares' not in the list)
    "2.5 bags of 2 kg each, how many kg is that",  # a count is a whole number
    "the total is about 5 km, how many miles is that",
])
def test_a_quantity_whose_words_change_it_is_declined(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


@pytest.mark.parametrize(("text", "expected"), [*ANSWERED, *CLOCK, *BARE_CLOCK, *STORIES, *NAMED])
def test_chat_phrasing_is_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


# -- words around a quantity (tools/units/_context.py) and described quantities (tools/units/_compound.py) --

FOOT, MILE, INCH = Fraction("0.3048"), Fraction("1609.344"), Fraction("0.0254")

CONTEXT = [
    ("convert 425 degrees F to C for my oven, to the nearest degree",
     f"{rounded((Fraction(425) - 32) * Fraction(5, 9), 0)} °C"),
    ("oven temperature 200 C in F", f"{plain(fahrenheit(Fraction(200)))} °F"),
    ("my body temp is 38.2 C, what's that in F", f"{plain(fahrenheit(Fraction('38.2')))} °F"),
    ("160 C fan oven in fahrenheit", f"{plain(fahrenheit(Fraction(160)))} °F"),
    ("what's absolute zero in celsius", f"{plain(-Fraction('273.15'))} °C"),
    ("the speed of light in km/s", f"{plain(Fraction(299792458, 1000))} km/s"),
    ("energy of 2 kWh in megajoules", f"{plain(2 * Fraction(3600000, 10**6))} MJ"),
    ("the atmospheric pressure of 0.9 bar in kPa", "90 kPa"),
    ("what distance in km is 26.2 miles", f"{plain(Fraction('26.2') * MILE / 1000)} km"),
    ("we bought 3 kg of rice, how much is that in grams", "3000 g"),
    ("a 700 MB file is how many GB", "0.7 GB"),
    ("my 4 min/km pace is how many minutes per mile", f"{plain(4 * MILE / 1000)} min/mi"),
    ("the pool is at 28 C, what's that in F", f"{plain(fahrenheit(Fraction(28)))} °F"),
    ("a rope is 30 ft long, how many meters is that", f"{plain(30 * FOOT)} m"),
    ("my thermometer reads 3 C too high, how many F is that", f"{plain(3 * Fraction(9, 5))} delta °F"),
    ("it's 4 C colder today than yesterday, how much is that in F", f"{plain(4 * Fraction(9, 5))} delta °F"),
    ("the oven runs 20 C hot, in F", f"{plain(20 * Fraction(9, 5))} delta °F"),
    ("the thermostat is off by 9 F, how many C", "5 delta °C"),
    ("45 F warmer is how many C", "25 delta °C"),
]

COMPOUND = [
    # a rate for a time
    ("a 100 W heater left on for 8 hours uses how many kWh", f"{plain(Fraction(100 * 8, 1000))} kWh"),
    ("how many kilojoules is 2 kW for 30 minutes", f"{plain(Fraction(2000 * 1800, 1000))} kJ"),
    ("2,000 W for 90 minutes is how many kWh", f"{plain(Fraction(2000 * 90, 60 * 1000))} kWh"),
    ("if a car travels 80 km/h for 3.5 hours, how far does it go", f"{plain(80 * Fraction('3.5'))} km"),
    ("drive at 70 mph for 2 hours, how many km", f"{plain(140 * MILE / 1000)} km"),
    # a size at a data rate (decimal prefixes, 8 bits a byte)
    ("how long does it take to download 4.5 GB at 50 Mbit/s", f"{plain(Fraction('4.5e9') * 8 / Fraction(50 * 10**6))} s"),
    ("how long to upload 300 MB at 20 Mbit/s (MB = 10^6 bytes)", f"{plain(Fraction(300 * 10**6 * 8, 20 * 10**6))} s"),
    # sides
    ("a room is 10 ft by 12 ft, how many square meters is that", f"{plain(120 * FOOT**2)} m²"),
    ("how many square meters is a 20 ft by 30 ft yard", f"{plain(600 * FOOT**2)} m²"),
    ("8 by 10 ft in square inches", f"{plain(80 * FOOT**2 / INCH**2)} square inches"),
    ("a 2 m by 3 m by 0.5 m tank, how many liters is that", "3000 L"),
    # equal parts
    ("12 laps of 400 m, how many km is that", f"{plain(Fraction(12 * 400, 1000))} km"),
    ("3 cups of 200 g each, how many kg is that", f"{plain(Fraction(600, 1000))} kg"),
    ("a 15 minute break 6 times, how many hours total", f"{plain(Fraction(90, 60))} h"),
    ("6 times a 50 minute lesson in hours", f"{plain(Fraction(300, 60))} h"),
    # a distance at a pace (M:SS is minutes and seconds) or at a speed
    ("if I run 21.1 km at 5:00 per km, what's my total time in minutes", f"{plain(Fraction('21.1') * 5)} min"),
    ("if she walks 6 km at 12:30 per km, how many minutes will it take", f"{plain(6 * Fraction(25, 2))} min"),
    ("if I cycle 45 km at 18 km/h, how long will it take in hours", f"{plain(Fraction(45, 18))} h"),
    ("8 km at 5:30 per km, total minutes", f"{plain(8 * Fraction(11, 2))} min"),
    ("how long does it take to run 12 km at 4:45 per km", f"{plain(12 * Fraction(19, 4))} min"),
    ("how long to walk a 6 km loop at 10 min/km", f"{plain(6 * Fraction(10))} min"),
    ("if I run a half marathon at 5:00 per km, how many minutes will it take",
     f"{plain(Fraction('21.0975') * 5)} min"),
    ("how many km is a marathon", f"{plain(Fraction('42.195'))} km"),
    ("a 4:00 per km pace in minutes per mile", f"{plain(4 * MILE / 1000)} min/mi"),
    ("a pace of 8:00/mile in min/km", f"{significant(8 * 1000 / MILE)} min/km"),
    ("a 50 L/min pump running for 12 minutes, how many liters is that", f"{plain(Fraction(50 * 12))} L"),
    ("the film is 1 h 50 min long, how many minutes", f"{plain(Fraction(110))} min"),
    # a rate for a time asked the other way round, a described quantity named by its dimension
    ("how many kWh does a 40 W lamp use in 6 hours", f"{plain(Fraction(40 * 6, 1000))} kWh"),
    ("how much energy does a 2000 W oven use in 45 minutes in kWh", f"{plain(Fraction(2000 * 45, 60 * 1000))} kWh"),
    ("how much energy in kJ is 500 W for 2 minutes", f"{plain(Fraction(500 * 120, 1000))} kJ"),
    ("a train doing 120 km/h for 45 minutes, how far in km", f"{plain(Fraction(120 * 45, 60))} km"),
    ("at 40 mph for 1.5 hours how many miles", f"{plain(40 * Fraction(3, 2))} miles"),
    ("what's the area of a 3 m by 4 m room in square feet", f"{rounded(12 / FOOT**2, 3)} ft²"),
    ("the volume of a 1 m by 2 m by 0.5 m box in liters", "1000 L"),
    # a size at a data rate (Mbps: megabits per second)
    ("how long to download a 3 GB file at 40 Mbit/s", f"{plain(Fraction(3 * 10**9 * 8, 40 * 10**6))} s"),
    ("how many seconds to upload 600 MB at 12 Mbps", f"{plain(Fraction(600 * 10**6 * 8, 12 * 10**6))} s"),
    ("time to download 9 GB at 120 Mbit/s in minutes", f"{plain(Fraction(9 * 10**9 * 8, 120 * 10**6 * 60))} min"),
    # where a temperature is, said around it
    ("set the oven to 180 C, what is that in F", f"{plain(fahrenheit(Fraction(180)))} °F"),
    ("it's 25 C outside, what's that in F", f"{plain(fahrenheit(Fraction(25)))} °F"),
    ("convert 99.5 F body temperature to C", f"{plain((Fraction('99.5') - 32) * Fraction(5, 9))} °C"),
    ("the soup is 70 C, how hot is that in F", f"{plain(fahrenheit(Fraction(70)))} °F"),
    ("roast at 220 C, what is that in F", f"{plain(fahrenheit(Fraction(220)))} °F"),
    ("a fever of 101 F in C, one decimal", f"{rounded((Fraction(101) - 32) * Fraction(5, 9), 1)} °C"),
    ("the bath water temp is 38 C in F", f"{plain(fahrenheit(Fraction(38)))} °F"),
    ("what's 35 C in F, for the weather", f"{plain(fahrenheit(Fraction(35)))} °F"),
    ("standard atmospheric pressure of 2 atm in kPa", f"{plain(2 * Fraction('101.325'))} kPa"),
    ("the heater draws 2500 W, what's that in kW", "2.5 kW"),
    ("my tank holds 60 L, how many mL is that", "60000 mL"),
    ("how many kWh is 750 W over 4 hours", f"{plain(Fraction(750 * 4, 1000))} kWh"),
    # what is measured, from the closed set, by its dimension
    ("a liter of milk in ml", "1000 mL"),
    ("how many kg is 4 lb of butter", f"{plain(4 * Fraction('0.45359237'))} kg"),
    ("200 m of rope in km", "0.2 km"),
    ("a 24 inch screen in cm", f"{plain(24 * INCH * 100)} cm"),
    # who has it, who is that tall, a thing of that size
    ("I've got 750 ml of juice, how much is that in litres", "0.75 L"),
    ("the recipe calls for 300 g of butter, what's that in kg", "0.3 kg"),
    ("a 2 kg bag of flour in grams", "2000 g"),
    ("I'm 170 cm tall, how tall is that in meters", "1.7 m"),
    ("a 10k race is how many meters", "10000 m"),
    ("a 2 hour 15 minute flight in minutes", "135 min"),
    # counts said in words, twice, laps of a track
    ("four 15 minute breaks in hours", "1 h"),
    ("a 45 minute run twice, how many hours", f"{plain(Fraction(90, 60))} h"),
    ("8 laps of a 400 m track in km", f"{plain(Fraction(3200, 1000))} km"),
    ("the bus leaves at 14:20 and the ride takes 1 h 50 min, when does it arrive", clock_after("14:20", 110)),
]


@pytest.mark.parametrize(("text", "expected"), [*CONTEXT, *COMPOUND])
def test_described_quantities_are_answered_and_verified(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


@pytest.mark.parametrize("text", [
    # context words outside the closed set, or that do not fit the quantity
    "350 F for my grandmother's oven in C",
    "energy of 5 kg in joules",
    "what speed in km/h is 20 kg",
    "standard pressure in kPa",  # 1 atm or 1 bar?
    "a 5 km radius is how many miles",
    "I have 2 cups of flour, how much is that in grams",  # a volume of flour is not a mass
    "I have 250 g of flour per day, how much is that in kg",
    "the oven runs 25 F, how many C is that",  # neither a temperature said plainly nor a difference
    # descriptions whose parts are not what their words claim
    "5 km for 2 hours is how many km",  # not a rate
    "a 60 W bulb on for 5 days a week uses how many kWh",
    "a room is 12 ft by 15 kg, how many square meters is that",
    "run 10 km at 4:30, what's my total time",  # 4:30 per what?
    "if I run 10 km at 4:30 per lap, what's my total time in minutes",
    "how long to download 2 GB at 100 Mbit/s (GB = 2^30 bytes)",
    "how long to download 2 GB at 100 km/h",
    "3 m/s^2 for 4 s in km/h",  # an acceleration for a time is no distance (nor, without a start, a speed)
    "the volume of a 12 ft by 15 ft room in liters",  # two sides make an area, not a volume
    "100 MBps in Mbit/s",  # megabytes per second: not the Mbps of a line
    "it's 30 degrees outside, what's that in F",  # degrees of what?
    "set the oven to 190, what is that in F",
    "I'm 30 years, how many days is that",  # only a height or a weight
    "a 40 minute walk twice a day in hours",  # a rate, not two walks
    "I went to bed at 11:30 and woke up at 7:15, how long did I sleep",  # 7 h 45 min or 19 h 45 min?
    "a 50 W fan, in kW",  # 'fan' alone is a fan oven only after a temperature
    "10 percent of 5 km each in m",  # a share, not ten parts
    "the change in water temp is 5 C in F",  # a difference named as a noun
    "the water is 15 C hot, in F",  # 'hot' alone is a difference only after 'runs'
    "it's 5 C warmer than the oven, how much is that in F",
    # gold and silver are weighed in troy ounces; produce by the pint is US dry measure: not read
    "an ounce of gold in grams", "I have 2 ounces of silver, how many grams is that",
    "my gold bar weighs 1 oz, how many grams is that", "a pint of blueberries in ml",
    "3 cups of flour in grams",  # a volume of flour is no mass
    "10 km of distance in miles",
])
def test_descriptions_that_do_not_fit_are_declined(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


def test_described_readings_name_what_was_read(agent: Agent) -> None:
    reading = agent.invoke("160 C fan oven in fahrenheit").steps[0].interpretation
    assert "no fan-to-conventional adjustment" in reading
    reading = agent.invoke("if I run 21.1 km at 5:00 per km, what's my total time in minutes").steps[0].interpretation
    assert reading.startswith("21.1 km × 300 s/km → min (a pace of 5:00 per km: 300 s per km;")
    assert "absolute zero = 0 K (by definition)" in agent.invoke("absolute zero in F").steps[0].interpretation


def test_constants_agree_with_pints_own_definitions() -> None:
    from agentkit.tools.units._compute import registry
    from agentkit.tools.units._context import CONSTANTS

    ureg = registry()
    pint_names = {"299792458 m/s": ("speed_of_light", "meter / second"),
                  "9.80665 m/s^2": ("standard_gravity", "meter / second ** 2"), "0 K": None,
                  "42.195 km": None, "21.0975 km": None}  # the race distances: World Athletics, by hand below
    assert set(CONSTANTS.values()) == set(pint_names)
    for value, names in pint_names.items():
        if names is not None:
            assert ureg.Quantity(1, names[0]).to(names[1]).magnitude == Fraction(value.split()[0])
    assert ureg.Quantity(Fraction(0), "kelvin").to("degree_Celsius").magnitude == Fraction("-273.15")
    assert Fraction("21.0975") * 2 == Fraction(42195, 1000)


@pytest.mark.parametrize("module", ["_clock_chat", "_compound", "_context", "_motion", "_spoken_time"])
def test_module_examples_hold(module: str) -> None:
    import doctest
    import importlib

    results = doctest.testmod(importlib.import_module(f"agentkit.tools.units.{module}"))
    assert (results.failed, results.attempted > 0) == (0, True)


# -- motion stories (tools/units/_motion.py), things of one kind, places of a temperature, rounding clauses and
# clock shifts with AM/PM --

MOTION = [
    # distance = speed × time
    ("how far will I get cycling at 18 km/h for 2.5 hours", f"{plain(18 * Fraction(5, 2))} km"),
    ("a 4 hour flight at 800 km/h, how far is that", f"{800 * 4} km"),
    ("how many km do I cover in 3 hours at 12 km/h", f"{12 * 3} km"),
    ("travelling at 25 m/s for 40 seconds, how far do you go", f"{25 * 40} m"),
    ("a 45 minute ride at 20 km/h, how many km", f"{plain(20 * Fraction(45, 60))} km"),
    ("how far do i travel at 70 mph in 4 hours", f"{70 * 4} miles"),
    # speed = distance ÷ time, in the unit asked or per hour for km and miles
    ("if a train travels 360 km in 3 hours, what's its average speed", f"{360 // 3} km/h"),
    ("I commute 24 km in 40 minutes, how fast am I going in km/h", f"{plain(Fraction(24) / Fraction(40, 60))} km/h"),
    ("I walked 6 km in 1 hour 30 minutes, what was my average speed", f"{plain(Fraction(6) / Fraction(3, 2))} km/h"),
    ("a jogger covers 5 miles in 45 minutes, what is his speed in mph",
     f"{significant(Fraction(5) / Fraction(45, 60))} mph"),
    ("she runs 10 miles in 80 minutes, how fast is she running", f"{plain(Fraction(10) / Fraction(80, 60))} mph"),
    ("average speed if you swim 400 m in 8 minutes",
     f"{significant(Fraction(400) / (8 * 60))} m/s"),
    ("a car goes 100 km in 70 minutes, average speed in km/h to 1 decimal",
     f"{rounded(Fraction(100) / Fraction(70, 60), 1)} km/h"),
    # time = distance ÷ speed
    ("drove 150 km at 100 km/h, how many minutes did it take", f"{150 * 60 // 100} min"),
    ("walking 7 km at 5 km/h, how long", f"{plain(Fraction(7, 5))} h"),
    ("how long to drive 420 miles at 60 mph", f"{420 // 60} h"),
    # the question between the facts, after them with "takes", a subject after "does", "need to", "of"
    ("at 60 mph how long to go 75 miles", f"{plain(Fraction(75, 60))} h"),
    ("how long will a 150 km trip take at 60 km/h", f"{plain(Fraction(150, 60))} h"),
    ("how far does a bus go in 3 hours at 45 km/h", f"{45 * 3} km"),
    ("cycling 36 km at 24 km/h takes how long", f"{plain(Fraction(36, 24))} h"),
    ("what speed do i need to cover 150 km in 2 hours", f"{150 // 2} km/h"),
    ("my avg speed if i bike 30 km in 1 hour 12 min", f"{plain(Fraction(30) / Fraction(72, 60))} km/h"),
    ("how far is a 40 minute run at 9 km/h", f"{plain(9 * Fraction(40, 60))} km"),
    ("whats the average speed of a car travelling 210 km in 3 hours", f"{210 // 3} km/h"),
    ("how far do i go at 50 miles an hour for 3 hours", f"{50 * 3} miles"),
    ("a boat sails 37.04 km in 2 hours, how fast in knots", f"{plain(Fraction('37.04') / 2 / Fraction('1.852'))} knots"),
    ("a marathon at 10 km/h, how long", f"{plain(Fraction('42.195') / 10)} h"),
    ("how far do u go at 40 km/h in 2 hours", f"{40 * 2} km"),
    ("a bike ride of 18 km in 45 minutes, what's the average speed", f"{plain(Fraction(18) / Fraction(45, 60))} km/h"),
    ("if i walk 4 miles in an hour, how fast am i walking", "4 mph"),
    ("how far do i get at 10 km/h in half an hour", f"{plain(10 * Fraction(1, 2))} km"),
]

MOTION_DECLINED = [
    "how far do I go at 50 km/h in 3 kg",  # a mass is no time
    "a 3 hour drive at 65 mph, how many hours",  # the time is given, not asked
    "how fast if I drive 120 km at 60 km/h",  # the speed is given, not asked
    "how far at 50 km/h per day for 3 hours",  # no speed
    "how far do I go at 50 km/h in 3 hours in kg",  # the unit asked measures no distance
    "I drive 120 km in 1.5 hours each way, what is my average speed",  # an unexplained word
    "how far do I go at 9.8 m/s^2 for 3 s",  # an acceleration
    "a car goes 60 km in 45 minutes and then 30 km, what's its speed",
    "how far do I go at 50 km/h in 3 hours and 20 km",  # a mixed quantity of two dimensions
    "how far do I go in 50 km/h at 3 hours",  # a speed after "in"
    "how far do I go at 50 km/h in 3 hours a day",
    "how far do I go at 50 km/h for 3 hours per day",
    "a car goes 60 km in 45 minutes each, what's its speed",
    "how long will a 120 km trip take at 80 km/h with a 30 minute stop",
    "how far do I travel at 50 km/h for 3 hours at 60 km/h",
    "how far do I go at 50 km/h in 3 hours, then 2 hours at 30 km/h",
    "how far do i go at 60 kg an hour for 2 hours",  # "an hour" only after a length
    "at 60 mph how long to go 90 kg",
]

KINDS = [
    ("a 1800 kcal diet, how many kJ", f"{plain(Fraction(1800) * Fraction('4.184'))} kJ"),
    ("a 2500 calorie diet in kJ", f"{plain(Fraction(2500) * Fraction('4.184'))} kJ"),  # food Calories
    ("a 20 litre jerrycan in gallons", f"{significant(Fraction(20) / Fraction('3.785411784'))} US gallons"),
    ("my 40 L fish tank in gallons", f"{significant(Fraction(40) / Fraction('3.785411784'))} US gallons"),
    ("a 15 kg backpack in pounds", f"{significant(Fraction(15) / Fraction('0.45359237'))} lb"),
    ("a 4 GB drive in MB", "4000 MB"),
    ("the oven is at 200 C in F", f"{plain(fahrenheit(Fraction(200)))} °F"),
    ("my fever is 38.5 C, in F", f"{plain(fahrenheit(Fraction('38.5')))} °F"),
    ("the room is 21 C in fahrenheit", f"{plain(fahrenheit(Fraction(21)))} °F"),
    # rounding clauses joined by "and"
    ("convert 20 km to miles and round to 1 decimal place", f"{rounded(Fraction(20000) / MILE, 1)} miles"),
    ("convert 100 F to C and round to nearest degree", f"{rounded((Fraction(100) - 32) * Fraction(5, 9), 0)} °C"),
    ("15 lb in kg, round to the nearest tenth", f"{rounded(15 * Fraction('0.45359237'), 1)} kg"),
    ("10 kg in lb, round to a whole number", f"{rounded(Fraction(10) / Fraction('0.45359237'), 0)} lb"),
    ("15 miles in km, rounded to nearest km", f"{rounded(15 * MILE / 1000, 0)} km"),
    ("7 kg in lb to the nearest pound", f"{rounded(Fraction(7) / Fraction('0.45359237'), 0)} lb"),
    # a height said in feet and a whole number of inches, "how tall in U"
    ("im 5 foot 7, how tall in cm", f"{plain((5 * 12 + 7) * INCH * 100)} cm"),
    ("6 ft 2 to meters", f"{plain((6 * 12 + 2) * INCH)} m"),
    ("20 C, how hot in F", f"{plain(fahrenheit(Fraction(20)))} °F"),
]

KINDS_DECLINED = [
    "a 2 kg diet in lb",  # a diet is an energy
    "a 5 L backpack in kg",  # a backpack weighs
    "the moon is 20 C in F",  # not a place of the closed set
    "10 kg in lb and round to nearest degree",  # a degree of no temperature
    "a 2 kg drive in lb",
    "15 miles in km, to the nearest mile",  # the nearest unit must be the unit asked
    "70 kg in lb to the nearest stone",
    "5 ft 12 in cm",  # twelve inches is no inch part
    "5 feet 9.5 in cm",
    "the box is 5 ft 9, how long in cm",
]


def twelve_hour(start: str, minutes: int) -> str:
    moved = datetime.datetime.strptime(start, "%I:%M %p") + datetime.timedelta(minutes=minutes)
    return moved.strftime("%I:%M %p").lstrip("0")


CLOCK_12H = [
    ("what time is 11:20 am plus 50 minutes", twelve_hour("11:20 AM", 50)),
    ("what's 9:45 pm + 3 hours 30 minutes", twelve_hour("9:45 PM", 210)),
    ("time 90 minutes after 10:45 pm", twelve_hour("10:45 PM", 90)),
    ("4 hours from 10 am", twelve_hour("10:00 AM", 240)),
    ("what time is 30 minutes earlier than 12:15 am", twelve_hour("12:15 AM", -30)),
    ("2:50 pm and 25 minutes later", twelve_hour("2:50 PM", 25)),
    ("if it's 1:40 pm now, what time will it be in 3 hours", twelve_hour("1:40 PM", 180)),
    ("what time will it be 50 minutes from now if it's 11:30 pm", twelve_hour("11:30 PM", 50)),
]


@pytest.mark.parametrize(("text", "expected"), [*MOTION, *KINDS, *CLOCK_12H])
def test_motion_kinds_rounding_and_12_hour_clock_are_answered(agent: Agent, text: str, expected: str) -> None:
    answer = agent.invoke(text)
    assert (answer.answer, answer.verified) == (expected, True), answer.steps


@pytest.mark.parametrize("text", [*MOTION_DECLINED, *KINDS_DECLINED,
                                  "what time is 3:45 pm plus 2 kg", "what time is 3 pm plus 2 hours in paris"])
def test_motion_and_kinds_that_do_not_fit_are_declined(agent: Agent, text: str) -> None:
    assert not agent.invoke(text).verified


def test_motion_and_12_hour_readings_say_what_was_read(agent: Agent) -> None:
    reading = agent.invoke("a 45 minute ride at 20 km/h, how many km").steps[0].interpretation
    assert "a motion story: distance = speed × time" in reading
    reading = agent.invoke("what time is 11:20 am plus 50 minutes").steps[0].interpretation
    assert "answered on the 12-hour clock with AM/PM" in reading
    reading = agent.invoke("a 2500 calorie diet in kJ").steps[0].interpretation
    assert "food Calories" in reading
