"""Answers typed in the user's own words, per kind and per language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogue.interpret import Unclear, Understood, interpret
from dialogue.loader import load_interview

interview = load_interview()


def read(question_id: str, text: str) -> object:
    result = interpret(interview, interview[question_id], text)
    assert isinstance(result, Understood), result
    return result.value


def unclear(question_id: str, text: str) -> str:
    result = interpret(interview, interview[question_id], text)
    assert isinstance(result, Unclear), result
    return result.message


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("2", "comprehensive"),  # its number in the list
        ("comprehensive", "comprehensive"),  # its id
        ("Guidelines for one department", "department"),  # its label
        ("do's and don'ts", "limited"),  # an alias
        ("comprehensiv", "comprehensive"),  # a misspelling
        ("  EMPLOYEE rules ", "employee_rules"),  # case and spaces
    ],
)
def test_a_single_choice_by_number_id_label_alias_or_misspelling(text: str, choice: str) -> None:
    assert read("policy_type", text) == choice


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("cs", "customer_service"),
        ("mark", "marketing"),
        ("custmer servise", "customer_service"),
        ("human resources", "hr"),
        ("HR", "hr"),
    ],
)
def test_abbreviations_word_starts_and_misspellings(text: str, choice: str) -> None:
    assert read("department", text) == choice


def test_an_ambiguous_answer_names_the_candidates_and_lists_the_options() -> None:
    message = unclear("sector", "services")
    assert '"Banking, insurance or investment" or "Professional services (law, accounting' in message
    assert "1. Healthcare (hospital, care home, home care)" in message


def test_an_unknown_answer_lists_the_options() -> None:
    message = unclear("policy_type", "a poem")
    assert 'could not match "a poem"' in message and "4. A short list of do's and don'ts" in message


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("Vlaanderen, Brussel", ["flanders", "brussels"]),  # Dutch names
        ("bruxelles et wallonie", ["wallonia", "brussels"]),  # French names and "et"
        ("flanders and brussels", ["flanders", "brussels"]),
        ("1 3", ["flanders", "brussels"]),
        ("1, 4", ["flanders", "german"]),
        ("all", ["flanders", "wallonia", "brussels", "german"]),
        ("Ostbelgien", ["german"]),
    ],
)
def test_multiple_choices_in_any_language(text: str, chosen: list[str]) -> None:
    assert read("regions", text) == chosen


@pytest.mark.parametrize("text", ["none", "geen", "aucun", "keine", "no", "-"])
def test_none_in_four_languages(text: str) -> None:
    assert read("employee_bodies", text) == []


def test_none_cannot_be_combined_and_at_least_one_is_enforced() -> None:
    assert "cannot be combined" in unclear("employee_bodies", "cppw, none")
    assert "at least 1" in unclear("regions", "none")
    assert 'could not find "mars" as a region' in unclear("regions", "flanders, mars")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", True),
        ("Y", True),
        ("ja", True),
        ("oui", True),
        ("Jawohl", True),
        ("yes, we do", True),
        ("1", True),
        ("no", False),
        ("nee", False),
        ("neen", False),
        ("non", False),
        ("nein", False),
        ("2", False),
    ],
)
def test_yes_and_no_in_english_dutch_french_and_german(text: str, value: bool) -> None:
    assert read("advocacy", text) is value


def test_a_yes_no_question_explains_itself() -> None:
    assert unclear("advocacy", "purple") == (
        'Please answer yes or no. You may add a condition: "yes, with their consent".'
    )
    assert unclear("advocacy", "perhaps").startswith("If you are not sure, give the closest answer")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120", 120),
        ("1.250", 1250),
        ("1 250", 1250),
        ("1,250", 1250),
        ("about 85 employees", 85),
        ("12.500", 12500),
        ("250 FTE", 250),
    ],
)
def test_whole_numbers_in_belgian_forms(text: str, value: int) -> None:
    assert read("headcount", text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,5", "whole number"),
        ("lots", "whole number"),
        ("lots", '"about 1.250", "twelve"'),
        ("0", "at least 1"),
        ("10 or 20", "whole number"),
        ("600.000", "at most 500000"),
    ],
)
def test_bad_numbers_get_a_clear_message(text: str, message: str) -> None:
    assert message in unclear("headcount", text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25/11/2026", date(2026, 11, 25)),
        ("25-11-2026", date(2026, 11, 25)),
        ("25.11.2026", date(2026, 11, 25)),
        ("2026-11-25", date(2026, 11, 25)),
        ("1/3/27", date(2027, 3, 1)),
        ("25 november 2026", date(2026, 11, 25)),
        ("1er mars 2027", date(2027, 3, 1)),
        ("1 maart 2027", date(2027, 3, 1)),
        ("3. März 2027", date(2027, 3, 3)),
        ("3 feb. 2027", date(2027, 2, 3)),
        ("March 1, 2027", date(2027, 3, 1)),
    ],
)
def test_dates_in_common_belgian_and_worded_forms(text: str, value: date) -> None:
    assert read("effective_date", text) == value


def test_today_and_tomorrow_in_every_language() -> None:
    assert read("effective_date", "vandaag") == date.today()
    assert read("effective_date", "demain") == date.today() + timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2027", "31/02/2027 is not a real date"),
        ("next week", "25/11/2026"),
        ("01/01/2020", "on or after 01/01/2024"),
    ],
)
def test_bad_dates_get_a_clear_message(text: str, message: str) -> None:
    assert message in unclear("effective_date", text)


def test_email_addresses_are_cleaned_and_checked() -> None:
    assert read("contact_email", "Jan Peeters <Jan.Peeters@Acme.BE>") == "Jan.Peeters@acme.be"
    assert read("contact_email", "mailto:hr@acme.be") == "hr@acme.be"
    assert "e-mail address" in unclear("contact_email", "hr at acme")


def test_text_is_tidied_and_length_checked() -> None:
    assert read("org_name", "  Acme \t Belgium\x00 NV ") == "Acme Belgium NV"
    assert "at least 2" in unclear("org_name", "A")
    assert "120 characters at most" in unclear("org_name", "x" * 121)
    assert unclear("org_name", "   ") == "An answer is needed here."


def test_long_text_keeps_its_lines() -> None:
    assert read("crisis_escalation", "The CEO\n\n\n\nthen legal") == "The CEO\n\nthen legal"


@given(question=st.sampled_from(load_interview().questions), text=st.text(max_size=300))
def test_any_text_is_understood_or_explained_never_a_crash(question: object, text: str) -> None:
    result = interpret(interview, question, text)  # type: ignore[arg-type]
    if isinstance(result, Unclear):
        assert result.message and "Traceback" not in result.message
    else:
        assert isinstance(result, Understood)


def test_huge_and_hostile_text_is_handled() -> None:
    assert "120 characters at most" in unclear("org_name", "x" * 100_000)
    assert read("org_name", "Acme\u202e NV 🎉") == "Acme NV 🎉", "bidi overrides cannot reorder the text"
    assert read("org_name", "שלום Acme") == "שלום Acme", "right-to-left text itself is kept"


@pytest.mark.parametrize(("question_id", "value"), [("employee_bodies", ["hospital"]), ("sector", "bakery")])
def test_a_value_that_is_no_choice_is_refused_with_the_choices_as_the_user_reads_them(
    question_id: str, value: object
) -> None:
    # Seen in tmux: an answer meant for the question before reached this one, and the message listed
    # "works_council, cppw, union_delegation", the ids, not what the user sees.
    from dialogue.errors import AnswerError
    from dialogue.validation import validate

    question = interview[question_id]
    with pytest.raises(AnswerError) as refused:
        validate(question, value, interview.language("fr"))
    labels = interview.language("fr").questions[question_id].choices
    assert f"1. {labels[question.choices[0]]}" in str(refused.value)
    assert question.choices[0] not in str(refused.value).replace(labels[question.choices[0]], "")
