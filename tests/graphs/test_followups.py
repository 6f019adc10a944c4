"""Follow-ups in a thread: "and 10 miles?", "now double it", "in feet?", "is that prime?", and across families.

Expected values are worked by hand with `fractions.Fraction` (a mile is 1.609344 km exactly, a foot 0.3048 m);
quantities are compared by number and unit, whichever spelling of the unit the answer uses.
"""

from __future__ import annotations

import uuid
from fractions import Fraction

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agentkit import Agent
from agentkit.followup import NO_PREVIOUS

MILE_KM = Fraction("1.609344")
FOOT_KM = Fraction("0.0003048")
_KM = {"km", "kilometer", "kilometers"}
_FT = {"ft", "foot", "feet"}


@pytest.fixture()
def agent() -> Agent:
    return Agent(model="none", tools=["math", "units"], checkpointer=InMemorySaver())


def _conversation(agent: Agent, *turns: str) -> list:
    thread = uuid.uuid4().hex
    return [agent.invoke(turn, thread_id=thread) for turn in turns]


def _quantity(text: str) -> tuple[Fraction, str]:
    number, unit = text.split(" ", 1)
    return Fraction(number), unit


def _is(answer, value: Fraction, units: set[str]) -> bool:
    number, unit = _quantity(answer.answer)
    return answer.verified and number == value and unit in units


def test_the_previous_operation_with_a_new_argument_then_the_previous_result(agent: Agent) -> None:
    first, again, double, times, feet = _conversation(
        agent, "convert 5 miles to km", "and 10 miles?", "now double it", "multiply that by 10", "in feet?")
    assert _is(first, 5 * MILE_KM, _KM)
    assert _is(again, 10 * MILE_KM, _KM)
    assert "5 miles" in again.steps[0].interpretation and "10 miles" in again.steps[0].interpretation
    assert _is(double, 20 * MILE_KM, _KM)  # the unit is kept: double 16.09344 km is 32.18688 km
    assert double.steps[0].interpretation.startswith("it = 16.09344 ")
    assert "(the previous answer)" in double.steps[0].interpretation
    assert _is(times, 200 * MILE_KM, _KM)
    assert _is(feet, 200 * MILE_KM / FOOT_KM, _FT)  # 1 056 000 ft


def test_a_result_from_units_feeds_arithmetic_within_one_request(agent: Agent) -> None:
    (answer,) = _conversation(agent, "convert 1 mile to km then double it")
    assert _is(answer, 2 * MILE_KM, _KM)  # 3.218688 km
    assert "(the previous step's result)" in answer.steps[1].interpretation


def test_references_to_a_number_round_test_and_take_roots(agent: Agent) -> None:
    turns = _conversation(agent, "what's 22 divided by 7", "round it to 2 decimals")
    assert (turns[1].answer, turns[1].verified) == ("3.14", True)  # 22/7 = 3.142857...
    squared, prime, root, plus = _conversation(
        agent, "what's 12 squared", "is that prime?", "what about its square root", "plus nine?")
    assert (squared.answer, prime.answer, prime.verified) == ("144", "False", True)
    assert (root.answer, root.verified) == ("12", True)  # "it" is still 144 after a question about it
    assert (plus.answer, plus.verified) == ("21", True)


def test_a_percent_follow_up_replaces_the_percent(agent: Agent) -> None:
    first, second = _conversation(agent, "what's 15% of 200", "what about 35%?")
    assert (first.answer, second.answer, second.verified) == ("30", "70", True)  # 200 * 35/100


def test_their_names_a_list_result(agent: Agent) -> None:
    roots, total, product = _conversation(agent, "solve x^2 - 7x + 12 = 0", "what's their sum", "and their product?")
    assert roots.verified
    assert (total.answer, product.answer, total.verified, product.verified) == ("7", "12", True, True)


def test_a_follow_up_with_no_previous_turn_declines(agent: Agent) -> None:
    for text in ("now double it", "in feet?", "and 10 miles?"):
        (answer,) = _conversation(agent, text)
        assert not answer.verified
        assert NO_PREVIOUS in answer.answer


def test_a_declined_turn_leaves_nothing_to_refer_to(agent: Agent) -> None:
    *_, answer = _conversation(agent, "convert 5 miles to km", "how many calories in a banana", "now double it")
    assert not answer.verified and NO_PREVIOUS in answer.answer


def test_two_numbers_leave_the_argument_to_replace_unclear(agent: Agent) -> None:
    _, answer = _conversation(agent, "what's 22 divided by 7", "and for 9?")
    assert not answer.verified
    assert "which one it replaces is unclear" in answer.answer


def test_an_argument_of_another_kind_replaces_nothing(agent: Agent) -> None:
    _, answer = _conversation(agent, "convert 5 miles to km", "what about 3 kg?")
    assert not answer.verified and "mass" in answer.answer


def test_a_numeral_in_another_base_stands_for_the_number_it_writes(agent: Agent) -> None:
    _, hexadecimal, double = _conversation(agent, "what is 100 in binary", "and in hex?", "now double it")
    assert (hexadecimal.answer, hexadecimal.verified) == ("64", True)  # 100 = 6·16 + 4, not 1100100 in hex
    assert (double.answer, double.verified) == ("200", True)  # 1100100 is 100 written in binary
    assert double.steps[0].interpretation.startswith("it = 100 (what the previous question was about)")


def test_a_new_thread_does_not_see_another_threads_result(agent: Agent) -> None:
    agent.invoke("convert 5 miles to km", thread_id="alice")
    answer = agent.invoke("now double it", thread_id="bob")
    assert not answer.verified and NO_PREVIOUS in answer.answer
    assert _is(agent.invoke("now double it", thread_id="alice"), 10 * MILE_KM, _KM)


def test_a_turn_that_is_a_request_of_its_own_after_and_is_read_whole(agent: Agent) -> None:
    _, _, answer = _conversation(agent, "let x = 5", "what is x squared", "and x cubed minus x?")
    assert (answer.answer, answer.verified) == ("120", True)  # 125 - 5


def test_a_referring_clause_and_a_bare_operation_are_two_steps(agent: Agent) -> None:
    _, answer = _conversation(agent, "what is 3 + 4", "square it and add 1")
    assert (answer.answer, answer.verified) == ("50", True)  # 7² + 1


def test_names_from_a_turn_no_tool_answered_make_a_symbolic_answer_unclear(agent: Agent) -> None:
    _, unclear, bound, product = _conversation(agent, "x = 3, y = 4 and z is whatever", "what's x*y + x",
                                               "let x = 3", "what is x*2")
    assert not unclear.verified and "x, y" in unclear.answer  # the first turn may have meant x = 3, y = 4
    assert bound.verified and (product.answer, product.verified) == ("6", True)


def test_their_after_a_single_answer_names_the_numbers_of_the_request(agent: Agent) -> None:
    _, lcm = _conversation(agent, "gcd of 84 and 120", "and their lcm?")
    assert (lcm.answer, lcm.verified) == ("840", True)  # 84 = 2²·3·7, 120 = 2³·3·5: lcm 2³·3·5·7
    assert "(the numbers of the previous request)" in lcm.steps[0].interpretation
    _, median, spread = _conversation(agent, "mean of 3, 9 and 12", "and the median?", "what about the range")
    assert (median.answer, spread.answer) == ("9", "9")


def test_an_operation_alone_applies_to_the_previous_result(agent: Agent) -> None:
    _, quotient, taxed = _conversation(agent, "what is 6!", "divide by 3!", "add 8% tax to that")
    assert (quotient.answer, quotient.verified) == ("120", True)  # 720 / 6
    assert Fraction(taxed.answer) == Fraction(120) * Fraction(108, 100) and taxed.verified  # 129.6


def test_plugging_the_result_into_an_expression_of_one_variable(agent: Agent) -> None:
    _, answer = _conversation(agent, "what's 4 squared", "plug that into x^2 + 1")
    assert (answer.answer, answer.verified) == ("257", True)  # 16² + 1


def test_after_a_yes_or_no_answer_it_is_what_the_question_was_about(agent: Agent) -> None:
    _, divisors, total = _conversation(agent, "is 221 prime?", "what are its divisors then", "sum of those")
    assert (divisors.answer, divisors.verified) == ("1, 13, 17, 221", True)  # 221 = 13 · 17
    assert (total.answer, total.verified) == ("252", True)


def test_it_in_an_operators_slot_after_a_number(agent: Agent) -> None:
    _, answer = _conversation(agent, "what is 2 + 3", "what is 10 more than that")
    assert not answer.verified or answer.answer == "15"
    _, quotient = _conversation(agent, "what is 2 + 3", "divide 100 by that")
    assert (quotient.answer, quotient.verified) == ("20", True)


def test_a_new_list_replaces_the_previous_requests_one_list(agent: Agent) -> None:
    _, again = _conversation(agent, "lcm of 4, 5 and 6", "and of 6, 8 and 10?")
    assert (again.answer, again.verified) == ("120", True)  # 2³ · 3 · 5
    _, unclear = _conversation(agent, "what's 22 divided by 7", "and 3, 4?")
    assert not unclear.verified and "no one list of numbers" in unclear.answer


def test_an_unclear_follow_up_goes_to_the_model_with_the_conversation(scripted_model) -> None:
    model = scripted_model("Replacing 7 gives 22/9.")
    agent = Agent(model=model, tools=["math", "units"], checkpointer=InMemorySaver())
    thread = uuid.uuid4().hex
    assert agent.invoke("what's 22 divided by 7", thread_id=thread).answer == "22/7"
    answer = agent.invoke("and for 9?", thread_id=thread)
    assert answer.route == "model" and not answer.verified
    assert "Earlier in this conversation: what's 22 divided by 7 -> 22/7" in model.prompt_texts()[0]
