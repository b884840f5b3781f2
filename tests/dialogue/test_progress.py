"""The progress bar is counted when someone looks at it, and reads as if it had been counted at every
answer: forward, back, skips and edits from the summary alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import value_for

from dialogue.flow import SUMMARY
from dialogue.loader import load_interview
from dialogue.session import Session

interview = load_interview()


def _move(session: Session, move: tuple[str, object]) -> None:
    kind, value = move
    if kind == "answer":
        session.answer(value)
    elif kind == "skip":
        session.skip()
    elif kind == "back":
        session.back()
    else:
        session.edit(str(value))


@settings(max_examples=40)
@given(data=st.data())
def test_the_bar_reads_the_same_whether_looked_at_after_every_answer_or_now_and_then(
    data: st.DataObject,
) -> None:
    watched, glanced = Session.start(interview), Session.start(interview)
    edits = 0
    for _ in range(120):
        question = watched.current
        if question is None:
            if watched.state != SUMMARY or edits == 2:
                break
            path = watched.path()
            move: tuple[str, object] = ("edit", data.draw(st.sampled_from(path), label="edit").id)
            edits += 1
        elif watched.can_back and data.draw(st.integers(0, 9), label="back?") == 0:
            move = ("back", None)
        elif question.skippable and data.draw(st.booleans(), label=f"skip {question.id}"):
            move = ("skip", None)
        else:
            move = ("answer", data.draw(value_for(question), label=question.id))
        _move(watched, move)
        _move(glanced, move)
        seen = watched.progress
        if data.draw(st.integers(0, 4), label="look?") == 0:
            assert glanced.progress == seen
    assert glanced.progress == watched.progress
    assert glanced.bar.at == watched.bar.at
    assert glanced.still_to_answer() == watched.still_to_answer()
