"""Random walks through the interview with hypothesis: every walk ends well and can be resumed."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import value_for

from dialogue.flow import DONE, SUMMARY
from dialogue.loader import load_interview
from dialogue.paths import explore
from dialogue.route import Status
from dialogue.session import Session
from dialogue.snapshot import from_dict, to_dict

interview = load_interview()
LONGEST = explore(interview).longest


def roundtrip(session: Session) -> Session:
    """Save to YAML text and read it back, as a draft file would."""
    text = yaml.safe_dump(to_dict(session), allow_unicode=True, sort_keys=False)
    return from_dict(interview, yaml.safe_load(text))


@settings(max_examples=60)
@given(data=st.data())
def test_a_random_walk_ends_in_done_with_every_required_answer(data: st.DataObject) -> None:
    with Session.start(interview) as session:
        steps = 0
        percent = session.progress.percent
        while (question := session.current) is not None:
            if question.skippable and data.draw(st.booleans(), label=f"skip {question.id}"):
                session.skip()
            else:
                session.answer(data.draw(value_for(question), label=question.id))
            steps += 1
            assert steps <= LONGEST <= 47
            assert session.progress.percent >= percent, "moving forward never lowers progress"
            percent = session.progress.percent
        assert session.state == SUMMARY and percent == 100
        session.finish()
        assert session.state == DONE
        result = session.result()
        for question in session.path():
            assert question.id in result or question.skippable, question.id
        implied = {q.id for q in interview.questions if session.route.status(q.index) is Status.IMPLIED}
        assert set(result) <= {q.id for q in session.path()} | implied


@settings(max_examples=40)
@given(data=st.data())
def test_back_then_the_same_answer_returns_to_the_same_state(data: st.DataObject) -> None:
    with Session.start(interview) as session:
        while (question := session.current) is not None:
            if session.can_back and data.draw(st.booleans(), label="go back here"):
                here = session.state
                session.back()
                previous = session.current
                assert previous is not None
                kept = session.previous_answer()
                if kept is None:
                    assert previous.id in session.skipped
                    session.skip()
                else:
                    session.answer(kept)
                assert session.state == here
            if question.skippable:
                session.skip()
            else:
                session.answer(data.draw(value_for(question), label=question.id))


@settings(max_examples=40)
@given(data=st.data())
def test_save_then_resume_gives_the_same_session(data: st.DataObject) -> None:
    with Session.start(interview) as session:
        stop_after = data.draw(st.integers(0, 40), label="answers before saving")
        for _ in range(stop_after):
            question = session.current
            if question is None:
                break
            session.answer(data.draw(value_for(question), label=question.id))
        if session.state == SUMMARY and data.draw(st.booleans(), label="edit something"):
            session.edit(data.draw(st.sampled_from([q.id for q in session.path()]), label="edited"))
        with roundtrip(session) as resumed:
            assert to_dict(resumed) == to_dict(session)
            assert resumed.state == session.state
            assert resumed.answers == session.answers
            assert resumed.history == session.history
            assert resumed.progress == session.progress
            assert resumed.editing == session.editing
            assert not resumed.notices
