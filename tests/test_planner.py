"""Specification of the planner: how a request becomes steps, and when a step is worth a model's split."""

from __future__ import annotations

import re

import pytest

from agentkit.planner import MAX_STEPS, PlannedStep, looks_compound, parts, plan, steps_from


def texts(request: str) -> list[str]:
    return [step.text for step in plan(request)]


def test_each_sentence_is_a_step() -> None:
    assert texts("Let f = 3 - 1. Let w = f*2. Is w prime?") == [
        "Let f = 3 - 1.", "Let w = f*2.", "Is w prime?"]


def test_sentences_end_at_question_and_exclamation_marks_too() -> None:
    assert texts("Is 7 prime? Is 8 prime! Calculate 3*3.") == ["Is 7 prime?", "Is 8 prime!", "Calculate 3*3."]


def test_a_line_break_between_sentences_separates_steps() -> None:
    assert texts("What is 2+2?\n\nWhat is 3+3?") == ["What is 2+2?", "What is 3+3?"]


def test_a_single_question_is_one_step_that_uses_nothing_earlier() -> None:
    assert plan("What is the gcd of 12 and 18?") == [PlannedStep(text="What is the gcd of 12 and 18?",
                                                               uses_previous=False)]


def test_comma_and_what_is_splits_a_compound_question() -> None:
    steps = plan("What is 2+2, and what is the capital of France?")
    assert steps == [
        PlannedStep(text="What is 2+2", uses_previous=False),
        PlannedStep(text="what is the capital of France?", uses_previous=False),
    ]


def test_a_semicolon_separates_steps() -> None:
    assert texts("What is 2+2; what is 3+3") == ["What is 2+2", "what is 3+3"]


def test_then_that_marks_a_step_that_uses_the_previous_result() -> None:
    assert plan("What is 2**10, then divide that by 4") == [
        PlannedStep(text="What is 2**10", uses_previous=False),
        PlannedStep(text="divide that by 4", uses_previous=True),
    ]


@pytest.mark.parametrize(
    ("request_text", "follow_up"),
    [
        ("What is 2+2 and then double it", "double it"),
        ("Find the sum of 2 and 3, then multiply it by 5.", "multiply it by 5."),
        ("Compute 2 + 2, and then divide it by 2", "divide it by 2"),
        ("Convert 3 miles to km and square it", "square it"),
    ],
)
def test_a_follow_up_verb_on_it_or_that_is_a_step_that_uses_the_previous_result(request_text: str,
                                                                                 follow_up: str) -> None:
    steps = plan(request_text)
    assert len(steps) == 2
    assert steps[1] == PlannedStep(text=follow_up, uses_previous=True)
    assert steps[0].uses_previous is False


def test_and_between_two_numbers_does_not_split() -> None:
    assert texts("What is the gcd of 12 and 18?") == ["What is the gcd of 12 and 18?"]
    assert texts("What is 3 and 4?") == ["What is 3 and 4?"]


@pytest.mark.parametrize(
    "request_text",
    [
        "Which is bigger? (a) 3 (b) 5",
        "Which is the biggest value? (a) 0.5 (b) 2 (c) -3",
        "Which is smallest? a) 7 b) 2 c) 9",
    ],
)
def test_lettered_options_stay_with_their_question(request_text: str) -> None:
    assert texts(request_text) == [request_text]


def test_decimal_points_do_not_end_a_sentence() -> None:
    assert texts("What is 3.5 + 1.25? What is 0.1 * 3?") == ["What is 3.5 + 1.25?", "What is 0.1 * 3?"]
    assert texts("What is 1.5e3?") == ["What is 1.5e3?"]


def test_a_huge_request_is_capped_at_max_steps_and_keeps_the_rest_in_the_last_step() -> None:
    questions = [f"What is {i}+1?" for i in range(100)]
    steps = plan(" ".join(questions))
    assert len(steps) == MAX_STEPS
    assert [s.text for s in steps[:-1]] == questions[: MAX_STEPS - 1]
    assert steps[-1].text == " ".join(questions[MAX_STEPS - 1 :])


def test_exactly_max_steps_sentences_are_not_merged() -> None:
    questions = [f"What is {i}+1?" for i in range(MAX_STEPS)]
    assert texts(" ".join(questions)) == questions


@pytest.mark.parametrize("request_text", ["", "   ", "\n\t \n"])
def test_an_empty_request_has_no_steps(request_text: str) -> None:
    assert plan(request_text) == []


def test_steps_are_stripped_of_surrounding_whitespace() -> None:
    assert texts("   What is 2+2?    What is 3+3?   ") == ["What is 2+2?", "What is 3+3?"]


def test_planning_is_deterministic() -> None:
    request = "Let x = 2, and what is x+1? Then double it; what is 5*5"
    assert plan(request) == plan(request)


def test_a_planned_step_is_an_immutable_value() -> None:
    step = plan("What is 2+2?")[0]
    with pytest.raises(AttributeError):
        step.text = "something else"  # type: ignore[misc]


# -- when to ask a model to split, and the steps it wrote -------------------------------


@pytest.mark.parametrize("text", ["Multiply 6 by 7 and check whether the product is prime",
                                  "Take 12; halve it", "Add 3 to 4, then double it"])
def test_joined_clauses_with_numbers_look_compound(text: str) -> None:
    assert looks_compound(text)


@pytest.mark.parametrize("text", ["What is the capital of France and of Spain?", "What is 6 * 7?"])
def test_a_step_without_numbers_or_without_joins_does_not_look_compound(text: str) -> None:
    assert not looks_compound(text)


def test_steps_a_model_wrote_use_the_previous_result_only_when_they_name_it() -> None:
    assert steps_from(["What is 6 * 7?", "Is it prime?", "What is 2 + 2?"]) == [
        PlannedStep(text="What is 6 * 7?"), PlannedStep(text="Is it prime?", uses_previous=True),
        PlannedStep(text="What is 2 + 2?")]


def test_the_first_step_a_model_wrote_never_uses_a_previous_result() -> None:
    assert steps_from(["Is it prime?"]) == [PlannedStep(text="Is it prime?")]


def test_a_referring_clause_and_a_bare_operation_split_into_two_steps() -> None:
    assert [(s.text, s.uses_previous) for s in plan("square it and add 1")] == [
        ("square it", False), ("add 1", True)]
    assert [(s.text, s.uses_previous) for s in plan("double that and divide by 4")] == [
        ("double that", False), ("divide by 4", True)]


def test_and_before_an_operation_splits_only_after_a_reference() -> None:
    assert texts("what is 3 and add 1") == ["what is 3 and add 1"]


def _reads_digits(text: str) -> bool | None:
    """A stand-in for the tools: a text with a digit is read whole unless it also holds an open question
    (then only part of it is understood), one without is an open question."""
    if not any(ch.isdigit() for ch in text):
        return False
    return None if re.search(r"\b(?:who|where|why)\b", text, re.IGNORECASE) else True


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("What is 8 times 9, and who wrote Faust?", ["What is 8 times 9", "who wrote Faust?"]),
        ("who painted Guernica and what's 50 - 8", ["who painted Guernica", "what's 50 - 8"]),
        ("Why do cats purr? Also, what is 3^4?", ["Why do cats purr?", "what is 3^4?"]),
        ("how much is 19 + 23; where is Lima?", ["how much is 19 + 23", "where is Lima?"]),
        ("12 * 12, who was Ada Lovelace, and what is 7 - 2?",
         ["12 * 12", "who was Ada Lovelace", "what is 7 - 2?"]),
    ],
)
def test_a_mixed_request_is_cut_into_its_questions(request_text: str, expected: list[str]) -> None:
    assert parts(request_text, reads=_reads_digits) == expected


@pytest.mark.parametrize(
    "request_text",
    [
        "What is 8 times 9, and is it even?",  # "it": the second question is about the first
        "What is 30 / 7, and what is the remainder?",  # "the remainder" of that division
        "What is 4 + 9 and which is bigger?",  # bigger than what: the other question says
        "What is cos(60), and why is that in degrees?",  # sets how the computation is read
        "Let y = 2, and what is y + 1?",  # a definition, not a request of its own
        "Let n = 6. What is n squared, and who wrote Faust?",  # a statement the question is about
        "What is 6 * 6. Who wrote Faust?",  # not cut after ". "
        "What is 2 + 2, no wait, who wrote Faust?",  # the request takes something back
        "Who wrote Faust, and who wrote Emma?",  # nothing a tool reads
        "What is 2 + 2, and what is 3 + 3?",  # nothing open: the plan splits it as before
        "What is 8 times 9, and what is x?",  # a name the open part holds
        "What is the gcd of 12 and 18?",  # no cut
    ],
)
def test_a_request_not_certainly_mixed_is_not_cut(request_text: str) -> None:
    assert parts(request_text, reads=_reads_digits) == []


def test_a_request_a_tool_reads_whole_is_not_cut() -> None:
    # "name" may open a question ("name the capital of ..."), but here it is a column of the statement
    whole = "please run SELECT id, name FROM customers ORDER BY id"
    assert parts(whole, reads=lambda text: True if text == whole else text.startswith("please")) == []


def test_a_part_a_tool_half_read_keeps_the_request_whole() -> None:
    half = {"what's 10% of my rent": None, "who sets rents?": False}
    assert parts("what's 10% of my rent, and who sets rents?", reads=half.get) == []
