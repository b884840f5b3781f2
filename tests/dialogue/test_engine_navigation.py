"""Back, edit, kept answers and progress, step by step."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from dialogue.errors import AnswerError, NavigationError
from dialogue.flow import DONE, START, SUMMARY
from dialogue.length import Span
from dialogue.loader import load_interview
from dialogue.paths import sample_values
from dialogue.session import Session
from dialogue.snapshot import from_dict, to_dict

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
    assert session.state == "staff_languages", "a kept answer that comes back is asked again"
    assert session.previous_answer() == ["fr"], "with the kept answer ready to accept"
    assert "staff_languages" not in session.result(), "it does not count until it is seen"
    session.answer(["fr"])
    assert session.result()["staff_languages"] == ["fr"]
    assert session.state == SUMMARY


def test_a_kept_answer_never_comes_back_silently(session: Session) -> None:
    """Regions away from Brussels and back: the staff languages decide the binding versions, so the
    summary shows them open, finishing is refused and the next edit asks them again."""
    session.begin()
    answer_all(session, LIMITED[:2])
    session.answer(["brussels"])
    session.answer(["nl"])
    answer_all(session, LIMITED[3:])
    session.edit("regions")
    session.answer(["wallonia"])
    assert session.state == SUMMARY
    session.edit("regions")
    session.back()  # leave the edit on another question: the returned answer still waits
    session.review()
    session.edit("regions")
    session.answer(["brussels", "wallonia"])
    assert session.returned == {"staff_languages"}
    session.review()
    assert [q.id for q in session.route.open_questions()] == ["staff_languages"]
    with pytest.raises(NavigationError):
        session.finish()
    session.resume()
    assert session.state == "staff_languages" and session.previous_answer() == ["nl"]
    session.answer(["nl", "fr"])
    assert session.returned == set() and session.result()["staff_languages"] == ["nl", "fr"]
    session.finish()


def test_a_returned_follow_up_brings_its_own_follow_up_back_too(session: Session) -> None:
    session.begin()
    session.answer("comprehensive")
    while session.state != "advocacy":
        question = session.current
        assert question is not None
        session.answer(sample_values(interview, question)[0])
    session.answer(True)
    session.answer(True)
    session.answer("A voucher each year")
    while session.state != SUMMARY:
        question = session.current
        assert question is not None
        session.answer(sample_values(interview, question)[0])
    session.edit("advocacy")
    session.answer(False)
    assert session.state == SUMMARY
    session.edit("advocacy")
    session.answer(True)
    assert session.state == "advocacy_incentives" and session.previous_answer() is True
    session.answer(True)
    assert session.state == "advocacy_reward" and session.previous_answer() == "A voucher each year"
    session.answer("A voucher each year")
    assert session.state == SUMMARY and session.result()["advocacy_reward"] == "A voucher each year"


def test_the_ai_tools_come_back_with_the_approved_tools(session: Session) -> None:
    session.begin()
    session.answer("comprehensive")
    while session.state != SUMMARY:
        question = session.current
        assert question is not None
        if question.id == "ai_tools":
            session.answer("Copilot")
        elif question.id == "ai_content":
            session.answer("approved_tools")
        else:
            session.answer(sample_values(interview, question)[0])
    session.edit("ai_content")
    session.answer("not_allowed")
    session.edit("ai_content")
    session.answer("approved_tools")
    assert session.state == "ai_tools" and session.previous_answer() == "Copilot"


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


def test_progress_counts_the_path_as_it_stands(session: Session) -> None:
    """The short list is about ten questions once chosen, not every question that may come."""
    session.begin()
    assert session.still_to_answer() == Span(10, 41), "before the kind of policy: a wide range"
    session.answer("limited")
    progress = session.progress
    assert (progress.answered, progress.total, progress.section) == (1, 11, "organisation")
    session.answer("Acme")
    session.answer(["flanders"])
    assert session.still_to_answer() == Span(7, 8), "no Brussels seat; the sector may bring one more"
    session.answer(12)
    session.answer("other")
    assert session.progress.total == 10, "no sector follow-up for 'other'"
    assert session.still_to_answer() == Span(5, 5)


def percents(session: Session, answers: list[tuple[str, object]]) -> list[int]:
    shown = [session.progress.percent]
    for question_id, value in answers:
        assert session.state == question_id
        session.answer(value)
        shown.append(session.progress.percent)
    return shown


def test_progress_moves_one_question_at_a_time_on_the_short_list(session: Session) -> None:
    """Nine answers on a ten-question path are 90%, reached in even steps (it jumped to 90% before)."""
    session.begin()
    shown = percents(session, LIMITED)
    steps = [after - before for before, after in itertools.pairwise(shown)]
    assert shown[0] == 0 and shown[-1] == 100
    assert all(8 <= step <= 11 for step in steps), shown
    assert shown[9] in (89, 90)


def test_progress_never_goes_back_when_an_answer_adds_questions(session: Session) -> None:
    session.begin()
    session.answer("comprehensive")
    while session.state != "monitoring":
        question = session.current
        assert question is not None
        session.answer(sample_values(interview, question)[0])
    before, left = session.progress.percent, session.still_to_answer().likely
    session.answer(True)  # six questions about monitoring join the path
    assert session.still_to_answer().likely == left - 1 + 6
    after = session.progress.percent
    assert before <= after <= before + 100 / session.progress.total + 1
    session.back()
    assert session.progress.percent == before, "back shows the share it showed at that question"


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


def test_a_skipped_question_that_comes_back_is_asked_again(session: Session) -> None:
    session.begin()
    session.answer("comprehensive")
    while session.state != SUMMARY:
        question = session.current
        assert question is not None
        if question.id == "spokespersons":
            session.skip()
        else:
            session.answer(sample_values(interview, question)[0])
    session.edit("policy_type")
    session.answer("limited")
    session.edit("policy_type")
    session.answer("comprehensive")
    assert session.state == "functions", "every kept answer of the full policy is shown again"
    while session.state != "spokespersons":
        session.answer(session.previous_answer())
    assert session.previous_answer() is None and session.can_skip
    session.skip()
    assert "spokespersons" not in session.returned


def test_returned_answers_survive_saving_and_resuming(session: Session) -> None:
    session.begin()
    answer_all(session, LIMITED[:2])
    session.answer(["brussels"])
    session.answer(["nl"])
    answer_all(session, LIMITED[3:])
    session.edit("regions")
    session.answer(["wallonia"])
    session.edit("regions")
    session.answer(["brussels"])
    session.review()
    resumed = from_dict(interview, to_dict(session))
    assert resumed.returned == {"staff_languages"}
    assert "staff_languages" not in resumed.result()
    resumed.resume()
    assert resumed.state == "staff_languages" and resumed.previous_answer() == ["nl"]
