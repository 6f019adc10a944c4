"""agentkit.claims.repair and reask_message: stated values corrected in place, and the message to the model."""

from __future__ import annotations

from agentkit.claims import Report, check, reask_message, repair


def test_repair_replaces_the_stated_value_and_marks_it() -> None:
    text = "Each of them gets 48/2 = 25 cards."
    assert repair(text, check(text)) == "Each of them gets 48/2 = 24 [corrected from 25] cards."


def test_repair_keeps_currency_commas_and_decimals() -> None:
    text = "Total: $12,500 + $7,500 = $21,000, and 10/4 = 2.4 each."
    assert repair(text, check(text)) == ("Total: $12,500 + $7,500 = $20,000 [corrected from 21,000], "
                                         "and 10/4 = 2.5 [corrected from 2.4] each.")


def test_repair_fixes_an_annotation_and_the_number_after_it_once() -> None:
    text = "He runs 3*3=<<3*3=10>>10 laps."
    report = check(text)
    assert len(report.failed) == 2
    assert repair(text, report) == "He runs 3*3=<<3*3=9>>9 [corrected from 10] laps."


def test_repair_of_a_chain_step_and_a_percentage() -> None:
    text = "So 2*5 = 11*3 = 33, and 100 - 25 = 70% remain."
    assert repair(text, check(text)) == "So 2*5 = 10 [corrected from 11]*3 = 33, and 100 - 25 = 75 [corrected from 70]% remain."


def test_repair_of_a_unit_conversion() -> None:
    text = "The film lasts 2 hours = 125 minutes."
    assert repair(text, check(text)) == "The film lasts 2 hours = 120 [corrected from 125] minutes."


def test_repair_leaves_correct_text_and_unrepairable_claims_alone() -> None:
    text = "16 - 3 - 4 = 9, and `^\\d+$` matches abc."
    report = check(text)
    assert [c.kind for c in report.failed] == ["regex"]
    assert repair(text, report) == text


# -- re-ask ------------------------------------------------------------------------------------------

def test_reask_message_lists_each_failed_claim_with_the_computed_value() -> None:
    report = check("She earns 9 * $2 = $19, and 15% of 80 is 14; 3 + 4 = 7.")
    message = reask_message(report)
    assert message.startswith("A symbolic check found 2 wrong claims in your answer:")
    assert "'9 * $2 = $19' states $19, but the arithmetic check computes 18" in message
    assert "'15% of 80 is 14' states 14, but the arithmetic check computes 12" in message
    assert "3 + 4 = 7" not in message
    assert message.endswith("then give the full answer again.")


def test_reask_message_for_sql_carries_the_parser_error() -> None:
    message = reask_message(check("```sql\nSELECT name FROM people WHERE\n```"))
    assert "SQL" in message and "does not parse" in message


def test_reask_message_is_empty_when_nothing_failed() -> None:
    assert reask_message(check("48/2 = 24")) == ""
    assert reask_message(Report(text="", claims=())) == ""


def test_repair_rewrites_a_negative_value_with_its_sign() -> None:
    text = "It fell by -12 + 5 = -8 degrees."
    assert repair(text, check(text)) == "It fell by -12 + 5 = -7 [corrected from -8] degrees."
