"""What comes after an answer (dialogue.flow), and which answers the interview would ask for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue import flow
from dialogue.loader import load_interview
from dialogue.paths import SKIP, sample_values
from dialogue.route import Route, answers_not_ruled_out, answers_on_path
from dialogue.session import Session

interview = load_interview()
SAMPLES = {q.id: sample_values(interview, q) for q in interview.questions}


def test_answers_whose_questions_would_not_be_asked_are_left_out() -> None:
    given_answers = {
        "policy_type": "comprehensive",
        "monitoring": False,
        "monitoring_purposes": ["security"],  # not asked: there is no monitoring
        "department": "marketing",  # not asked: not a department's guidelines
        "advocacy_incentives": True,  # waits on `advocacy`, which is not given
    }
    assert answers_on_path(interview, given_answers) == {"policy_type": "comprehensive", "monitoring": False}


def test_suggestions_are_left_out_only_where_the_other_answers_rule_their_question_out() -> None:
    # A review cannot tell the kind of policy, on which most questions wait: they may still be asked.
    suggested = {
        "monitoring": False,
        "monitoring_retention_months": 6,  # ruled out: there is no monitoring
        "advocacy_incentives": True,  # waits on `advocacy`, which is not given: may still be asked
        "platforms": ["linkedin"],  # waits on `policy_type`
        "no_such_question": 1,
    }
    assert answers_not_ruled_out(interview, suggested) == {
        "monitoring": False,
        "advocacy_incentives": True,
        "platforms": ["linkedin"],
    }


def test_answers_on_path_is_what_a_session_with_those_answers_would_keep() -> None:
    session = Session.start(interview)
    while session.current is not None:
        value = SAMPLES[session.current.id][-1]
        session.skip() if value is SKIP else session.answer(value)
    assert answers_on_path(interview, session.answers) == session.result()


@settings(max_examples=40)
@given(st.data())
def test_every_move_forward_is_one_of_the_moves_the_diagram_draws_from(data: st.DataObject) -> None:
    drawn = {(row["source"], row["dest"]) for row in flow.moves(interview) if row["trigger"] == "answer"}
    session = Session.start(interview)
    while (question := session.current) is not None:
        value = data.draw(st.sampled_from(SAMPLES[question.id]))
        if value is SKIP:
            session.skip()
        else:
            session.answer(value)
        assert (question.id, session.state) in drawn
        assert session.state in {q.id for q in flow.candidates(interview.questions, question.index)} | {
            flow.SUMMARY
        }


def test_an_edit_asks_only_what_the_change_brings_in() -> None:
    route = Route(interview.questions, {"policy_type": "limited"})
    first = interview["policy_type"]
    assert flow.after_answer(route, first) == "org_name"
    answered = {"policy_type": "limited", "org_name": "Acme", "regions": ["flanders"]}
    route = Route(interview.questions, answered)
    after = flow.after_answer(route, first, editing=True)
    assert after not in answered and after != "org_name"
    assert flow.after_answer(route, first, editing=True, revisit={"org_name"}) == "org_name"
