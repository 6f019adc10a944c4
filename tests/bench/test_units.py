"""The units benchmark's grading: a trailing unit is accepted only when the question asked for it."""

from __future__ import annotations

from agentkit.bench.units import asked_unit, same_quantity


def test_a_number_with_the_asked_unit_matches_the_bare_gold_answer() -> None:
    assert same_quantity("6400", "6400 milliliter", asked_unit("What is 6.4 litres in millilitres?"))


def test_a_number_with_another_unit_does_not_match() -> None:
    assert not same_quantity("6400", "6400 liter", asked_unit("What is 6.4 litres in millilitres?"))


def test_a_wrong_number_does_not_match_whatever_the_unit() -> None:
    assert not same_quantity("6400", "6401 milliliter", "milliliter")


def test_the_asked_unit_is_read_from_every_dataset_template() -> None:
    assert asked_unit("How many centuries are there in 5 millennia?") == "century"
    assert asked_unit("Convert 5.3t to kilograms.") == "kilogram"
    assert asked_unit("How many minutes are there between 1:30 AM and 12:00 PM?") == "minute"
    assert asked_unit("What is 3/25 of a tonne in kilograms?") == "kilogram"


def test_clock_times_and_plural_spellings_are_graded_by_meaning() -> None:
    assert same_quantity("4:36 AM", "4:36 AM")
    assert same_quantity("20", "20 metric ton", asked_unit("How many tonnes are there in 20000 kilograms?"))
    assert not same_quantity("4:36 AM", "4:36 PM")
