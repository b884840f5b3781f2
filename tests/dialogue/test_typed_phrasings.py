"""Phrasings of the held-out round (corpus/held_out_answers.yaml) that the readers missed, one test per
general cause: each says what a person types and what the assistant must make of it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogue.interpret import Unclear, Understood, interpret
from dialogue.loader import load_interview

interview = load_interview()


def reading(question_id: str, text: str, language: str) -> Any:
    result = interpret(interview, interview[question_id], text, language)
    assert isinstance(result, Understood), result
    return result.value


def refused(question_id: str, text: str, language: str) -> str:
    result = interpret(interview, interview[question_id], text, language)
    assert isinstance(result, Unclear), result
    return result.message


@pytest.mark.parametrize(
    ("language", "typed", "day"),
    [
        ("en", "from 1 March 2027", date(2027, 3, 1)),
        ("en", "as of 2027-03-01", date(2027, 3, 1)),
        ("nl", "vanaf 1 maart 2027", date(2027, 3, 1)),
        ("nl", "met ingang van 01/09/2027", date(2027, 9, 1)),
        ("fr", "à partir du 1er mars 2027", date(2027, 3, 1)),
        ("fr", "le 1er janvier 2027", date(2027, 1, 1)),
        ("de", "ab dem 1. März 2027", date(2027, 3, 1)),
        ("de", "am 15. April 2027", date(2027, 4, 15)),
        ("de", "ab 1.3.2027", date(2027, 3, 1)),
    ],
)
def test_a_date_is_read_after_the_words_that_open_it(language: str, typed: str, day: date) -> None:
    assert reading("effective_date", typed, language) == day


@pytest.mark.parametrize(("language", "typed"), [("de", "ab dem"), ("en", "from next week"), ("fr", "le")])
def test_opening_words_without_a_date_are_asked_again(language: str, typed: str) -> None:
    refused("effective_date", typed, language)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("de", "ein paar"),  # was 1
        ("nl", "een paar"),  # was 1
        ("de", "mehrere hundert"),  # was 100
        ("en", "a couple of hundred"),  # was 100
        ("fr", "quelques centaines"),
        ("nl", "enkele tientallen"),
    ],
)
def test_an_amount_that_names_no_number_is_asked_again_never_read_as_the_number_in_it(
    language: str, typed: str
) -> None:
    assert "12" in refused("headcount", typed, language)


@pytest.mark.parametrize(
    ("language", "typed", "number"),
    [("en", "some 200", 200), ("de", "etwa zweihundert", 200), ("fr", "une trentaine", 30)],
)
def test_about_a_number_is_still_that_number(language: str, typed: str, number: int) -> None:
    assert reading("headcount", typed, language) == number


@pytest.mark.parametrize(
    ("language", "typed", "sector"),
    [
        ("de", "eine Schule und ein Sportverein", "education"),  # was asked back: two words as long
        ("de", "ein Sportverein und eine Schule", "nonprofit"),
        ("fr", "une usine et une école", "industry"),  # "usine" and "école": five letters each
        ("en", "we are a school, with a sports club", "education"),
    ],
)
def test_a_list_whose_sectors_say_as_much_is_its_first(language: str, typed: str, sector: str) -> None:
    assert reading("sector", typed, language) == sector


@pytest.mark.parametrize(
    ("question", "language", "typed", "choice"),
    [
        # A longer name still says more, in a list too: the condition after "but" is what holds.
        ("personal_use", "en", "within reason, but not during working hours", "not_during_work"),
        ("personal_use", "en", "during breaks and within reason", "reasonable"),
        ("sector", "fr", "un club de sport et une école", "education"),
    ],
)
def test_in_a_list_the_name_that_says_most_still_wins(
    question: str, language: str, typed: str, choice: str
) -> None:
    assert reading(question, typed, language) == choice


def test_words_that_name_several_sectors_outside_a_list_are_still_asked_back() -> None:
    assert "Unterrichtswesen" in refused("sector", "Schule oder Verein", "de")  # "or" is no list


@pytest.mark.parametrize(
    ("language", "typed", "named"),
    [
        # Was read as healthcare: "hospital" is the longer name. The user has not chosen yet.
        ("en", "a school or a hospital", ("Education", "Healthcare")),
        ("en", "either a bank or a school", ("Banking", "Education")),
        ("nl", "een school of een ziekenhuis", ("Onderwijs", "Zorg")),
        ("fr", "une école ou un hôpital", ("Enseignement", "Soins de santé")),
        ("de", "eine Schule oder ein Krankenhaus", ("Unterrichtswesen", "Gesundheitswesen")),
    ],
)
def test_two_sectors_offered_as_alternatives_are_asked_about_whatever_their_length(
    language: str, typed: str, named: tuple[str, str]
) -> None:
    said = refused("sector", typed, language)
    assert all(label in said for label in named), said


@pytest.mark.parametrize(
    ("language", "typed", "sector"),
    [
        ("en", "a school of nursing", "education"),  # the Dutch word for "or" is an English word
        ("nl", "een school en een sportclub", "education"),  # a list, not alternatives
    ],
)
def test_only_the_users_own_word_for_or_makes_alternatives(language: str, typed: str, sector: str) -> None:
    assert reading("sector", typed, language) == sector


@pytest.mark.parametrize(
    ("language", "typed", "sector"),
    [
        ("de", "ein Bauunternehmen", "industry"),  # was "another activity", from "unternehmen"
        ("de", "ein Transportunternehmen", "industry"),
        ("de", "eine Versicherungsgesellschaft", "finance"),
        ("de", "ein Softwareunternehmen", "professional"),
        ("nl", "een zorgbedrijf", "healthcare"),
        ("de", "ein Unternehmen", "other"),
    ],
)
def test_a_compound_with_a_word_for_any_organisation_names_its_start(
    language: str, typed: str, sector: str
) -> None:
    assert reading("sector", typed, language) == sector


@pytest.mark.parametrize(
    ("language", "typed", "sector"),
    [
        ("en", "we run two hotels", "retail"),
        ("en", "a chain of bakeries", "retail"),
        ("de", "zwei Krankenhäuser", "healthcare"),
        ("fr", "trois hôtels", "retail"),
    ],
)
def test_a_sector_word_in_the_plural(language: str, typed: str, sector: str) -> None:
    assert reading("sector", typed, language) == sector


@pytest.mark.parametrize(
    ("question", "language", "typed", "choice"),
    [
        ("policy_owner", "en", "HR department", "hr"),  # was the legal department
        ("crisis_function", "en", "the IT department", "it"),
        ("crisis_function", "nl", "de IT-dienst", "it"),
        ("policy_owner", "de", "die HR-Abteilung", "hr"),
        ("policy_owner", "en", "legal department", "legal"),
    ],
)
def test_a_function_typed_with_a_word_for_department(
    question: str, language: str, typed: str, choice: str
) -> None:
    assert reading(question, typed, language) == choice


def test_a_department_the_question_does_not_offer_is_asked_back_not_read_as_another() -> None:
    assert "Please choose one of" in refused("policy_owner", "Sales department", "en")


@pytest.mark.parametrize(
    ("question", "language", "typed", "value"),
    [
        ("review_cadence", "en", "once a year", "yearly"),
        ("review_cadence", "nl", "om de twee jaar", "two_yearly"),
        ("monitoring_evaluation", "fr", "deux fois par an", "half_yearly"),
        ("confidential_info", "de", "Kundendaten sowie Patientendaten", ["customer_data", "health"]),
        ("confidential_info", "nl", "klantgegevens en patiëntengegevens", ["customer_data", "health"]),
    ],
)
def test_words_for_how_often_and_for_patient_data(
    question: str, language: str, typed: str, value: Any
) -> None:
    assert reading(question, typed, language) == value


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "just under fifty"),  # was 50: where the law changes
        ("de", "knapp hundert"),  # was 100
        ("fr", "plus de 250"),  # was 250
        ("nl", "bijna honderd"),
        ("de", "über 200"),
    ],
)
def test_a_bound_is_asked_again_never_read_as_the_number_it_bounds(language: str, typed: str) -> None:
    assert "12" in refused("headcount", typed, language)


@pytest.mark.parametrize(
    ("language", "typed", "months"),
    [("de", "höchstens zwölf Monate", 12), ("fr", "6 mois maximum", 6), ("en", "a year at most", 12)],
)
def test_a_longest_keeping_time_is_its_maximum(language: str, typed: str, months: int) -> None:
    assert reading("monitoring_retention_months", typed, language) == months


@pytest.mark.parametrize(
    ("language", "typed", "words"),
    [
        ("de", "weiß ich noch nicht", "Wenn Sie unsicher sind"),  # was no, from "noch nicht"
        ("nl", "weet ik nog niet", "Twijfelt u"),
        ("fr", "je ne sais pas encore", "Si vous n'êtes pas sûr"),
        ("en", "don't know yet", "If you are not sure"),
    ],
)
def test_not_knowing_yet_is_not_a_no(language: str, typed: str, words: str) -> None:
    assert words in refused("advocacy", typed, language)


def test_an_engineering_firm_is_a_professional_service() -> None:
    assert reading("sector", "an engineering firm", "en") == "professional"
