"""Each language version's own words for typed answers: kept by the session, saved in the draft."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dialogue.drafts import DraftStore
from dialogue.errors import AnswerError
from dialogue.loader import load_interview
from dialogue.session import Session
from dialogue.snapshot import from_dict, to_dict
from dialogue.validation import validate

interview = load_interview()

SPOKESPERSONS = "the managing director and the marketing assistant"
FRENCH = "le gérant et l'assistante marketing"


def brussels(**more: object) -> Session:
    """A session whose answers name the spokespersons, as typed (in English)."""
    session = Session(interview, "en")
    session.answers.update(
        {
            "policy_type": "comprehensive",
            "org_name": "Acme NV",
            "regions": ["brussels"],
            "staff_languages": ["nl", "fr"],
            "spokespersons": SPOKESPERSONS,
            **more,
        }
    )
    session.route.invalidate(0)
    return session


def test_a_version_gets_its_own_words_and_the_others_keep_them_as_typed() -> None:
    session = brussels()
    assert "spokespersons" in session.result(), "the test's answers put the question on the path"
    session.word("fr", "spokespersons", f"  {FRENCH} ")
    assert session.version_wording() == {"fr": {"spokespersons": FRENCH}}


def test_blank_words_or_the_answer_itself_give_back_the_words_as_typed() -> None:
    session = brussels()
    session.word("fr", "spokespersons", FRENCH)
    session.word("fr", "spokespersons", "")
    assert session.version_wording() == {}
    session.word("nl", "spokespersons", "de zaakvoerder en de marketingassistent")
    session.word("nl", "spokespersons", SPOKESPERSONS)
    assert session.version_wording() == {}


def test_a_changed_answer_takes_no_old_wording_into_any_version() -> None:
    session = brussels()
    session.word("fr", "spokespersons", FRENCH)
    session.answers["spokespersons"] = "the CEO alone"
    assert session.version_wording() == {}, "the French words word the old answer"
    session.word("nl", "spokespersons", "alleen de CEO")
    session.answers["spokespersons"] = SPOKESPERSONS
    assert session.version_wording() == {}, "an old wording never comes back with its answer"


@pytest.mark.parametrize(
    ("version", "question", "words"),
    [
        ("fr", "spokespersons", "x"),  # too short for the question
        ("fr", "headcount", "douze"),  # not answered in words
        ("fr", "crisis_contact", "Jean"),  # not answered
        ("fr", "nowhere", "Jean Dupont"),  # no such question
        ("french", "spokespersons", FRENCH),  # not a language code
    ],
)
def test_words_that_do_not_fit_are_refused_in_the_users_language(
    version: str, question: str, words: str
) -> None:
    session = brussels(headcount=12)
    session.language = "nl"
    with pytest.raises(AnswerError) as refused:
        session.word(version, question, words)
    dutch = interview.language("nl")
    if question == "spokespersons" and version == "fr":
        with pytest.raises(AnswerError) as expected:
            validate(interview.by_id[question], words, dutch)
        assert str(refused.value) == str(expected.value)
    else:
        assert str(refused.value) == dutch.message("not_on_path")
    assert session.version_wording() == {}


def test_giving_words_is_a_change_the_draft_keeps(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = brussels()
    session.subscribe(store.save)
    session.word("fr", "spokespersons", FRENCH)
    assert session.draft_id is not None
    saved = yaml.safe_load(store.path_of(session.draft_id).read_text(encoding="utf-8"))
    assert saved["wording"] == {"fr": {"spokespersons": FRENCH}}
    keys = list(saved)
    assert keys.index("answers") + 1 == keys.index("wording"), "written right after the answers"
    with store.load(session.draft_id, interview) as resumed:
        assert resumed.version_wording() == {"fr": {"spokespersons": FRENCH}}
        assert resumed.notices == []


def test_a_draft_saved_before_wordings_existed_resumes_with_none() -> None:
    data = to_dict(brussels())
    del data["wording"]
    with from_dict(interview, data) as resumed:
        assert resumed.version_wording() == {}
        assert resumed.answers["spokespersons"] == SPOKESPERSONS
        assert resumed.notices == []


def test_a_saved_wording_that_no_longer_fits_is_set_aside_with_a_notice() -> None:
    data = to_dict(brussels())
    data["wording"] = {"fr": {"spokespersons": "x", "headcount": "douze"}, "nl": ["damaged"], "de": None}
    with from_dict(interview, data) as resumed:
        assert resumed.version_wording() == {}
        assert len(resumed.notices) == 2
        assert "spokespersons (fr)" in resumed.notices[0]


@given(
    wording=st.one_of(
        st.none(),
        st.text(max_size=5),
        st.dictionaries(
            st.sampled_from(["fr", "nl", "xx", "french", ""]),
            st.one_of(
                st.text(max_size=5),
                st.dictionaries(
                    st.sampled_from(["spokespersons", "headcount", "org_name", "crisis_contact"]),
                    st.one_of(st.text(max_size=40), st.integers(), st.none()),
                ),
            ),
        ),
    )
)
def test_any_saved_wording_resumes_or_is_set_aside(wording: object) -> None:
    data = to_dict(brussels())
    data["wording"] = wording
    with from_dict(interview, data) as resumed:
        for words in resumed.version_wording().values():
            assert set(words) <= {"spokespersons", "org_name"}, "only answers given in words"
