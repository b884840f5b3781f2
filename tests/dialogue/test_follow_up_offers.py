"""The words of an answer that also name a follow-up's choice offer it there: "un hôpital" answers the
sector and offers "a hospital" for the kind of care (dialogue/words/follow_ups.py). Only curated words
count, only one choice, and the follow-up is still asked."""

from __future__ import annotations

import pytest

from dialogue.interpret import Understood
from dialogue.loader import load_interview
from dialogue.session import Session

interview = load_interview()
BEFORE = {"policy_type": "comprehensive", "org_name": "Acme NV", "regions": ["flanders"], "headcount": 50}


def at_sector(language: str) -> Session:
    session = Session.start(interview)
    session.language = language
    while session.current is not None and session.current.id != "sector":
        question = session.current
        session.answer(BEFORE[question.id] if question.id in BEFORE else interview.default(question))
    return session


@pytest.mark.parametrize(
    ("language", "typed", "sector", "follow_up", "offered"),
    [
        ("fr", "un hôpital", "healthcare", "care_setting", "hospital"),
        ("de", "Krankenhaus", "healthcare", "care_setting", "hospital"),
        ("nl", "een woonzorgcentrum in Gent", "healthcare", "care_setting", "care_home"),
        ("en", "home care", "healthcare", "care_setting", "home_care"),
        ("fr", "une haute école", "education", "education_level", "higher"),  # not a school: the longer name
        ("fr", "une école primaire", "education", "education_level", "school"),
        ("nl", "een universiteit", "education", "education_level", "higher"),
        ("en", "we run a hotel and restaurant", "retail", "retail_kind", "hospitality"),
        ("fr", "une boulangerie", "retail", "retail_kind", "shop"),
        ("nl", "de FOD Financiën", "public", "public_body", "federal"),  # a tax office, not a bank
        ("fr", "le SPF Finances", "public", "public_body", "federal"),
        ("nl", "een Vlaamse gemeente", "public", "public_body", "flemish_local"),
        ("en", "the Flemish government", "public", "public_body", "flemish"),
        ("fr", "le Service public de Wallonie", "public", "public_body", "walloon"),
        # A typed list offers the follow-up its words name.
        ("en", "school, sport club", "education", "education_level", "school"),
        ("nl", "een school en een sportclub", "education", "education_level", "school"),
        ("fr", "une école, un club de sport", "education", "education_level", "school"),
        ("de", "ein Krankenhaus und eine Apotheke", "healthcare", "care_setting", "hospital"),
    ],
)
def test_the_sectors_words_offer_its_follow_up(
    language: str, typed: str, sector: str, follow_up: str, offered: str
) -> None:
    session = at_sector(language)
    assert isinstance(session.answer_text(typed), Understood)
    assert session.answers["sector"] == sector
    assert session.current is not None and session.current.id == follow_up  # still asked
    assert session.suggestions[follow_up] == offered
    assert follow_up not in session.answers  # offered, never given
    assert follow_up not in session.suggestion_origins  # from the user's words, not from a review


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "soins de santé"),  # healthcare, but no kind of care: nothing offered
        ("en", "1"),  # a number picks the sector only
        ("en", "healthcare"),
        ("nl", "onderwijs"),
        ("nl", "een gemeente"),  # Flemish or in Brussels: not said, so not offered
        ("fr", "le CPAS"),
    ],
)
def test_words_that_name_no_follow_up_choice_offer_nothing(language: str, typed: str) -> None:
    session = at_sector(language)
    assert isinstance(session.answer_text(typed), Understood)
    assert session.suggestions == {}


def test_the_latest_words_count_when_the_sector_is_typed_again() -> None:
    session = at_sector("nl")
    session.answer_text("een ziekenhuis")
    assert session.suggestions == {"care_setting": "hospital"}
    session.back()
    session.answer_text("een woonzorgcentrum")  # the earlier words no longer hold
    assert session.suggestions == {"care_setting": "care_home"}
    session.back()
    session.answer_text("een ziekenhuis en een woonzorgcentrum")  # two kinds of care: neither offered
    assert session.current is not None and session.current.id == "care_setting"
    assert session.suggestions == {}


def test_typed_words_never_replace_a_reviews_suggestion() -> None:
    session = at_sector("fr")
    session.suggest({"care_setting": "home_care"}, {"care_setting": "politique.docx, §1"})
    session.answer_text("un hôpital")
    assert session.suggestions["care_setting"] == "home_care"
