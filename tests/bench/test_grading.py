"""Specification of the benchmark graders: answers are equal by meaning, never by accident."""

from __future__ import annotations

from fractions import Fraction

import pytest

from agentkit.bench.grading import gsm8k_number, same_answer, same_number

# -- same_answer: numbers ---------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        ("23", "23"),
        ("-23", " -23 "),
        ("1/2", "0.5"),
        ("350311/50", "7006.22"),
        ("-86058.373918", "-86058.373918000"),
        ("-1.582", "-791/500"),
        ("10011000000110001100", "10011000000110001100"),
    ],
)
def test_same_answer_accepts_the_same_number_written_differently(expected: str, got: str) -> None:
    assert same_answer(expected, got)


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        ("0.5", "0.50001"),
        ("350311/50", "350311/51"),
        ("350311/50", "50/350311"),
        ("-23", "23"),
        ("1/3", "0.333333"),
    ],
)
def test_same_answer_refuses_a_different_number(expected: str, got: str) -> None:
    assert not same_answer(expected, got)


# -- same_answer: expressions ----------------------------------------------


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        ("2*x + 2", "2*(x + 1)"),
        ("3*(c + 492227)**2/2", f"3*c**2/2 + 1476681*c + {3 * 492227**2}/2"),
        ("-2*a*(a - 97)", "-2*a**2 + 194*a"),
        ("z**(-329/8)", "z^(-329/8)"),
        ("19*sqrt(17)/440", "19/440*sqrt(17)"),
        ("770*sqrt(11) + 33324", "33324 + 770*sqrt(11)"),
        ("2*sqrt(11)", "sqrt(44)"),
    ],
)
def test_same_answer_accepts_equivalent_expressions(expected: str, got: str) -> None:
    assert same_answer(expected, got)


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        ("2*x + 2", "2*x + 1"),
        ("280*d**3 - 4*d + 3", "280*d**3 - 4*d"),
        ("z**(-329/8)", "z**(329/8)"),
        ("-110*z - 5", "-110*y - 5"),
        ("19*sqrt(17)/440", "19*sqrt(17)/441"),
    ],
)
def test_same_answer_refuses_a_different_expression(expected: str, got: str) -> None:
    assert not same_answer(expected, got)


def test_same_answer_does_not_read_juxtaposition_as_a_product() -> None:
    assert not same_answer("2b", "b2")


def test_same_answer_compares_an_expression_too_large_to_parse_as_text() -> None:
    # the parser refuses symbolic exponents with numerators over 1000
    assert same_answer("p**(4563/29)", "p**(4563/29)")
    assert not same_answer("p**(4563/29)", "p**(4563/31)")


# -- same_answer: words, letters, times, numerals in other bases -------------


def test_same_answer_reads_booleans_case_insensitively() -> None:
    assert same_answer("True", "true")
    assert same_answer("False", "FALSE")
    assert not same_answer("True", "False")


def test_same_answer_reads_option_letters_case_insensitively() -> None:
    assert same_answer("b", "B")
    assert not same_answer("b", "c")


@pytest.mark.parametrize("got", ["7:57 PM", "07:57 PM", "7:57 pm", "7:57PM", "7:57 p.m."])
def test_same_answer_normalises_clock_times(got: str) -> None:
    assert same_answer("7:57 PM", got)


@pytest.mark.parametrize("got", ["7:57 AM", "7:58 PM", "8:57 PM", "19:57"])
def test_same_answer_refuses_a_different_clock_time(got: str) -> None:
    assert not same_answer("7:57 PM", got)


def test_same_answer_compares_numerals_in_higher_bases_as_text() -> None:
    assert same_answer("-a5cc", "-A5CC")
    assert same_answer("52c74", "52c74")
    # read as a decimal exponent, -59e8 would equal -5900000000
    assert not same_answer("-59e8", "-5900000000")


# -- same_answer: lists -----------------------------------------------------


def test_same_answer_compares_lists_element_by_element() -> None:
    assert same_answer("2, 0.3, 0, -5", "2, 3/10, 0, -5")
    assert same_answer("z, 3/8, 2, 44", "z,0.375,2,44")


def test_same_answer_refuses_a_list_in_another_order() -> None:
    assert not same_answer("2, 0.3, 0, -5", "2, 0, 0.3, -5")


@pytest.mark.parametrize("got", ["2, 79", "2, 79, 6701, 1", "2", "2 79 6701"])
def test_same_answer_refuses_a_list_of_another_length(got: str) -> None:
    assert not same_answer("2, 79, 6701", got)


def test_same_answer_does_not_split_inside_parentheses() -> None:
    assert same_answer("2", "root(8, 3)")


# -- same_answer: bad input ---------------------------------------------------


@pytest.mark.parametrize(
    "got",
    ["", "   ", "((((", "2 +", "x ==== 1", "\x00", "9**9**9**9", "1/0", "the answer is 23", "23 apples"],
)
def test_same_answer_returns_false_for_garbage_without_raising(got: str) -> None:
    assert same_answer("23", got) is False


def test_same_answer_returns_false_for_a_non_string() -> None:
    assert same_answer("23", None) is False  # type: ignore[arg-type]


def test_same_answer_never_executes_the_answer(tmp_path) -> None:
    marker = tmp_path / "executed"
    attack = f"__import__('os').system('touch {marker}')"

    assert same_answer("0", attack) is False
    assert same_answer(attack, attack.replace("touch", "rm")) is False
    assert not marker.exists()


# -- gsm8k_number ---------------------------------------------------------------


def test_gsm8k_number_reads_the_number_after_the_marker() -> None:
    gold = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs.\nShe makes 9 * 2 = $<<9*2=18>>18.\n#### 18"
    assert gsm8k_number(gold) == Fraction(18)


def test_gsm8k_number_drops_thousands_commas() -> None:
    assert gsm8k_number("...\n#### 1,450,000") == Fraction(1450000)


def test_gsm8k_number_keeps_sign_and_decimals() -> None:
    assert gsm8k_number("#### -10") == Fraction(-10)
    assert gsm8k_number("#### 2.5") == Fraction(5, 2)


def test_gsm8k_number_is_none_without_a_number_after_the_marker() -> None:
    assert gsm8k_number("She makes $18 a day.") is None
    assert gsm8k_number("#### eighteen") is None


# -- same_number --------------------------------------------------------------


@pytest.mark.parametrize("got", ["18", " 18 ", "18.0", "18.00", "$18", "$ 18", "18 dollars", "$18.", "36/2"])
def test_same_number_accepts_one_number_with_a_currency_sign_or_unit(got: str) -> None:
    assert same_number(Fraction(18), got)


def test_same_number_accepts_thousands_commas_and_negative_numbers() -> None:
    assert same_number(Fraction(1450000), "1,450,000")
    assert same_number(Fraction(-10), "-10")
    assert same_number(Fraction(-5), "-$5")


@pytest.mark.parametrize("got", ["19", "18.5", "180", "1,8", "-18", "1/18"])
def test_same_number_refuses_a_different_number(got: str) -> None:
    assert not same_number(Fraction(18), got)


@pytest.mark.parametrize("got", ["", "eighteen", "about 18", "18 or 19", "9 * 2", "18 = 18", "x", "1/0", "$"])
def test_same_number_refuses_text_that_is_not_a_single_number(got: str) -> None:
    assert same_number(Fraction(18), got) is False
