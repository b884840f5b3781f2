"""The interview speaks of the people the organisation serves in its own sector's words: a hospital is
asked about its patients, a care home about its residents, a school about its pupils (dialogue.served)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogue.loader import load_interview
from dialogue.served import FORMS, entry_key, fill, worded
from dialogue.session import Session

interview = load_interview()
QUESTIONS = ("customer_service", "customer_answerers")


def asked(code: str, **answers: str) -> list[str]:
    texts = worded(interview.language(code), answers)
    return [texts.sections["communication"]] + [
        part
        for question in QUESTIONS
        for part in (texts.questions[question].text, texts.questions[question].why)
    ]


@pytest.mark.parametrize(
    ("code", "answers", "word", "never"),
    [
        ("en", {"sector": "healthcare"}, "patients", "customer"),
        ("fr", {"sector": "healthcare"}, "patients", "client"),
        ("nl", {"sector": "healthcare", "care_setting": "care_home"}, "bewoners", "klant"),
        ("de", {"sector": "healthcare", "care_setting": "care_home"}, "Bewohnern", "Kunde"),
        ("nl", {"sector": "education"}, "leerlingen", "klant"),
        ("en", {"sector": "education", "education_level": "higher"}, "students", "pupil"),
        ("fr", {"sector": "public"}, "citoyens", "client"),
        ("de", {"sector": "retail", "retail_kind": "hospitality"}, "Gästen", "Kunde"),
        ("en", {"sector": "finance"}, "customers", "patient"),
        ("en", {}, "customers", "patient"),  # before the sector is known
    ],
)
def test_the_questions_about_the_public_name_the_people_this_sector_serves(
    code: str, answers: dict[str, str], word: str, never: str
) -> None:
    texts = asked(code, **answers)
    assert all(word in text or word.capitalize() in text for text in texts[1:4:2]), texts
    assert not any(never in text.lower() for text in texts), texts


def test_a_session_asks_in_the_words_of_its_answers() -> None:
    session = Session(interview, language="fr")
    session.answers.update({"sector": "healthcare", "care_setting": "hospital"})
    assert (
        session.texts().questions["customer_answerers"].text
        == "Qui répond aux patients sur les réseaux sociaux ?"
    )
    session.language = "de"
    assert "von Patienten" in session.texts().questions["customer_service"].text


@pytest.mark.parametrize("code", sorted(interview.languages))
def test_no_placeholder_is_left_for_any_sector_in_any_language(code: str) -> None:
    language = interview.language(code)
    for key in language.served:
        sector, _, condition = key.partition(" ")
        question, _, choice = condition.partition("=")
        answers = {"sector": sector, **({question: choice} if condition else {})}
        assert entry_key(language.served, answers) == key
        texts = worded(language, answers)
        every = list(texts.sections.values()) + [
            part for words in texts.questions.values() for part in (words.text, words.why, words.hint)
        ]
        assert not [text for text in every if re.search(r"\{[Ss]erved", text)], key


@given(text=st.lists(st.sampled_from([*"ab {}", *FORMS]), max_size=30).map("".join))
def test_filling_is_literal_and_leaves_no_placeholder(text: str) -> None:
    filled = fill(text, {"many": "patients", "dat_many": "Patienten"})
    assert not any(placeholder in filled for placeholder in FORMS)
    assert filled.count("{") <= text.count("{")
