"""Back, edit, kept answers and progress, step by step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogue.errors import AnswerError, NavigationError
from dialogue.flow import DONE, START, SUMMARY
from dialogue.loader import load_interview
from dialogue.paths import sample_values
from dialogue.session import Session

interview = load_interview()
LIMITED = [
    ("policy_type", "limited"),
    ("org_name", "Acme NV"),
    ("regions", ["flanders"]),
    ("headcount", 12),
    ("sector", "other"),
    ("employee_bodies", []),
    ("personal_use", "breaks"),
    ("sanctions_in_work_rules", True),
    ("contact_email", "hr@acme.be"),
    ("effective_date", date(2027, 3, 1)),
]


@pytest.fixture
def session() -> Session:
    with Session(interview) as new:
        yield new


def answer_all(session: Session, answers: list[tuple[str, object]]) -> None:
    for question_id, value in answers:
        assert session.state == question_id
        session.answer(value)


def test_a_session_starts_before_the_first_question(session: Session) -> None:
    assert session.state == START
    session.begin()
    assert session.state == "policy_type"


def test_the_limited_path_reaches_the_summary_in_ten_answers(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED)
    assert session.state == SUMMARY
    assert session.progress.percent == 100
    session.finish()
    assert session.state == DONE


def test_back_offers_the_earlier_answer_to_accept_or_change(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED[:4])
    session.back()
    assert session.state == "headcount" and session.previous_answer() == 12
    session.back()
    assert session.state == "regions" and session.previous_answer() == ["flanders"]
    session.answer(["flanders"])
    assert session.state == "headcount" and session.previous_answer() == 12


def test_back_skips_questions_that_are_not_on_the_path(session: Session) -> None:
    session.begin()
    session.answer("department")
    session.answer("marketing")
    assert session.state == "org_name"
    session.back()
    assert session.state == "department"
    session.back()
    assert session.state == "policy_type"
    with pytest.raises(NavigationError, match="first question"):
        session.back()


def test_edit_asks_what_became_relevant_and_returns_to_the_summary(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED)
    session.edit("regions")
    assert session.editing and session.state == "regions"
    session.answer(["flanders", "brussels"])
    assert session.state == "staff_languages", "Brussels makes the staff's languages relevant"
    session.answer(["nl", "fr"])
    assert session.state == SUMMARY and not session.editing


def test_an_edit_that_opens_nothing_new_goes_straight_back_to_the_summary(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED)
    session.edit("headcount")
    session.answer(250)
    assert session.state == SUMMARY
    assert session.result()["headcount"] == 250


def test_answers_that_stop_being_relevant_are_kept_but_left_out(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED[:2])
    session.answer(["flanders", "brussels"])
    session.answer(["fr"])
    answer_all(session, LIMITED[3:])
    session.edit("regions")
    session.answer(["flanders"])
    assert "staff_languages" not in session.result()
    assert session.answers["staff_languages"] == ["fr"], "kept in case the user changes their mind"
    session.edit("regions")
    session.answer(["brussels"])
    assert session.result()["staff_languages"] == ["fr"]
    assert session.state == SUMMARY, "the kept answer counts, so nothing new is asked"


def test_edit_of_a_question_off_the_path_is_refused(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED)
    with pytest.raises(NavigationError, match="not part of your policy"):
        session.edit("monitoring")


def test_back_during_an_edit_then_forward_comes_back_to_the_edited_question(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED)
    session.edit("headcount")
    session.back()
    assert session.state == "regions"
    session.answer(["flanders"])
    assert session.state == "headcount"
    session.answer(40)
    assert session.state == SUMMARY


def test_skip_is_only_for_skippable_questions(session: Session) -> None:
    session.begin()
    with pytest.raises(NavigationError, match="cannot be skipped"):
        session.skip()


def test_a_skipped_answer_is_kept_and_not_in_the_result(session: Session) -> None:
    session.begin()
    session.answer("comprehensive")
    while session.state != "crisis_escalation":
        question = session.current
        assert question is not None
        session.answer(sample_values(interview, question)[0])
    session.answer("The CEO, then the legal counsel")
    session.back()
    session.skip()
    assert "crisis_escalation" not in session.result()
    assert session.answers["crisis_escalation"] == "The CEO, then the legal counsel"
    session.back()
    assert session.previous_answer() is None, "a skipped question offers nothing to accept"


def test_a_bad_typed_answer_leaves_the_question_in_place(session: Session) -> None:
    session.begin()
    with pytest.raises(AnswerError, match="Please choose one of"):
        session.answer("everything")
    assert session.state == "policy_type"
    unclear = session.answer_text("something odd")
    assert "could not match" in unclear.message
    assert session.state == "policy_type"


def test_finish_needs_every_answer_and_review_reopens_done(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED[:3])
    session.review()
    assert session.state == SUMMARY
    with pytest.raises(NavigationError, match="still need an answer"):
        session.finish()
    session.resume()
    assert session.state == "headcount"
    answer_all(session, LIMITED[3:])
    session.finish()
    session.review()
    assert session.state == SUMMARY


def test_progress_counts_answered_over_the_implied_path(session: Session) -> None:
    session.begin()
    assert session.progress.answered == 0
    session.answer("limited")
    progress = session.progress
    # Until the sector is known, each sector's follow-up question may still come.
    assert (progress.answered, progress.total, progress.section) == (1, 15, "organisation")
    session.answer("Acme")
    session.answer(["flanders"])
    assert session.progress.total == 14, "no Brussels seat: the staff's languages are not asked"
    session.answer(12)
    session.answer("other")
    assert session.progress.total == 10, "no sector follow-up for 'other'"


def test_listeners_hear_every_change(session: Session) -> None:
    heard: list[str] = []
    session.subscribe(lambda s: heard.append(s.state))
    session.begin()
    session.answer("limited")
    session.back()
    assert heard == ["policy_type", "org_name", "policy_type"]


def test_suggested_answers_are_offered_but_only_count_once_confirmed() -> None:
    suggestions = {"policy_type": "comprehensive", "platforms": ["linkedin", "x"], "headcount": "many"}
    with Session.start(interview, suggestions=suggestions) as session:
        assert session.suggestions == {"policy_type": "comprehensive", "platforms": ["linkedin", "x"]}
        assert session.previous_answer() == "comprehensive" and session.progress.answered == 0
        session.answer(session.previous_answer())
        assert session.result() == {"policy_type": "comprehensive"}


def test_the_language_can_change_at_any_time_without_losing_answers(session: Session) -> None:
    session.begin()
    session.answer("limited")
    session.set_language("en")
    assert session.answers == {"policy_type": "limited"} and session.state == "org_name"
    with pytest.raises(NavigationError, match="not available in 'xx'"):
        session.set_language("xx")


def test_a_closed_session_keeps_its_state_but_cannot_move_and_frees_its_cursor() -> None:
    first = Session.start(interview)
    first.answer("limited")
    first.close()
    assert first.state == "org_name"
    with pytest.raises(NavigationError):
        first.answer("Acme")
    with Session.start(interview) as second:
        assert second.state == "policy_type", "the reused cursor starts afresh"
        second.answer("comprehensive")
        assert first.state == "org_name" and second.state == "org_name"
        second.answer("Acme")
        assert first.state == "org_name"
