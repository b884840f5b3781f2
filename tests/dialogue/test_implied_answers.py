"""No redundant questions (issue 13 item 9): a question whose answer follows from earlier ones is not
asked, and the answer it implies counts; `implied` in questions.yaml says when."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialogue.answers_file import read_answers
from dialogue.errors import DefinitionError
from dialogue.flow import SUMMARY
from dialogue.loader import INTERVIEW_DIR, load_interview
from dialogue.paths import representative_answers, sample_values
from dialogue.route import Status
from dialogue.session import Session

interview = load_interview()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def walk_to(session: Session, stop: str, **given: object) -> None:
    while session.state not in (stop, SUMMARY):
        question = session.current
        assert question is not None
        session.answer(given.get(question.id, sample_values(interview, question)[0]))


def test_customer_service_guidelines_do_not_ask_whether_staff_answer_customers() -> None:
    with Session.start(interview) as session:
        session.answer("department")
        session.answer("customer_service")
        asked: list[str] = []
        while session.state != SUMMARY:
            question = session.current
            assert question is not None
            asked.append(question.id)
            session.answer(sample_values(interview, question)[0])
        assert "customer_service" not in asked
        assert "customer_answerers" in asked, "who answers them is still asked"
        assert session.result()["customer_service"] is True
        status = session.route.status(interview["customer_service"].index)
        assert status is Status.IMPLIED


def test_other_departments_are_still_asked() -> None:
    with Session.start(interview) as session:
        session.answer("department")
        session.answer("marketing")
        walk_to(session, "customer_service")
        assert session.state == "customer_service"


def test_a_kept_answer_the_implied_one_replaced_is_asked_again_when_it_returns() -> None:
    with Session.start(interview) as session:
        session.answer("department")
        session.answer("marketing")
        walk_to(session, SUMMARY, customer_service=False)
        session.edit("department")
        session.answer("customer_service")
        assert session.result()["customer_service"] is True
        walk_to(session, SUMMARY)
        session.edit("department")
        session.answer("marketing")
        walk_to(session, "customer_service")
        assert session.state == "customer_service" and session.previous_answer() is False


def test_an_answers_file_gets_the_implied_answer() -> None:
    answers = read_answers(EXAMPLES / "department-customer-service.yaml", interview)
    assert answers["customer_service"] is True
    assert "customer_answerers" in answers


def test_every_path_explored_treats_the_implied_question_as_answered() -> None:
    for answers in representative_answers(interview):
        if answers.get("department") == "customer_service":
            assert answers["customer_service"] is True
            break
    else:
        pytest.fail("no customer-service department among the representative paths")


def test_an_implied_answer_that_is_not_valid_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "interview"
    shutil.copytree(INTERVIEW_DIR, folder)
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    old = "      - when: department == 'customer_service'\n        value: true\n"
    assert old in text
    questions.write_text(text.replace(old, old.replace("value: true", "value: often")), "utf-8")
    with pytest.raises(DefinitionError, match="implied answer 'often' is not a valid answer"):
        load_interview(folder)
