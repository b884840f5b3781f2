"""Free text of every kind, through the engine and the chat: understood, or refused with one line.

Empty, blank, 100,000 characters, control characters, emoji, right-to-left text, null bytes, thousands of
digits: each question kind reads them without a traceback, and a refusal is one line saying what is
wrong (the chat shows it under the question, which stays).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import EDGE_TEXTS, hostile_text
from uihelp import (
    answers_file,
    async_test,
    chat_of,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.answers import as_input_text, describe
from assistant.conversation.prompts import read_input
from assistant.texts import load_texts
from assistant.typed import Answer
from assistant.widgets.answer_dock import AnswerDock
from dialogue.interpret import Unclear, Understood, interpret
from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.session import Session
from dialogue.validation import check

interview = load_interview()
TEXTS = load_texts("en")
# Every option on: a path through every kind of question.
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
with session_at("effective_date", COMPREHENSIVE) as _walk:
    _asked = _walk.path()
# One question of each kind, the first the interview asks on that path.
BY_KIND = {kind: next(q for q in _asked if q.kind is kind) for kind in Kind}
LANGUAGES = sorted(interview.languages)


def assert_one_line(message: str) -> None:
    assert message.strip(), "a refusal says something"
    assert "\n" not in message and "Traceback" not in message, message
    assert len(message) < 2_000, f"a refusal quotes the answer back, not all of it ({len(message)} chars)"


@settings(max_examples=400)
@given(
    question=st.sampled_from(interview.questions),
    text=hostile_text(),
    code=st.sampled_from(LANGUAGES),
)
def test_any_text_for_any_question_is_understood_or_refused_in_one_line(
    question: object, text: str, code: str
) -> None:
    started = time.perf_counter()
    result = interpret(interview, question, text, code)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 3, "reading one answer never takes seconds"
    if isinstance(result, Unclear):
        assert_one_line(result.message)
    else:
        assert isinstance(result, Understood)
        assert check(question, result.value, None) is None, "what is understood is a valid answer"  # type: ignore[arg-type]
        # ... and the chat can say it back and offer it again, in one piece.
        shown = describe(interview, question, result.value, code)  # type: ignore[arg-type]
        assert isinstance(shown, str)
        assert isinstance(as_input_text(question, result.value, interview.language(code)), str)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(Kind), ids=str)
@pytest.mark.parametrize("text", EDGE_TEXTS, ids=lambda text: f"{text[:12]!r}x{len(text)}")
def test_every_edge_case_for_every_kind_through_a_session(kind: Kind, text: str) -> None:
    """The same through the session the chat drives, where an unclear answer leaves the question."""
    question = BY_KIND[kind]
    with session_at(question.id, COMPREHENSIVE) as session:
        result = session.answer_text(text)
        if isinstance(result, Unclear):
            assert_one_line(result.message)
            assert session.current is question
        else:
            assert session.answers[question.id] == result.value


@settings(max_examples=300)
@given(question=st.sampled_from(_asked), text=hostile_text())
def test_the_chat_tells_commands_from_answers_in_any_text(question: object, text: str) -> None:
    with session_at(question.id, COMPREHENSIVE) as session:  # type: ignore[attr-defined]
        typed = read_input(session, text, TEXTS)
        if isinstance(typed, Answer):
            assert typed.text == text or text.strip().startswith("//")


def test_long_digits_are_a_number_too_large_not_a_crash() -> None:
    # Python refuses to turn more than 4,300 digits into a number; the reader must not ask it to.
    headcount = interview["headcount"]
    for text in ("9" * 5_000, "1" * 100_000, "1.000." + "000." * 2_000 + "000"):
        result = interpret(interview, headcount, text)
        assert isinstance(result, Unclear), text[:20]
        assert "at most 500000" in result.message or "whole number" in result.message
    policy_type = interview["policy_type"]
    assert isinstance(interpret(interview, policy_type, "9" * 5_000), Unclear)
    assert isinstance(interpret(interview, interview["regions"], "1" * 5_000), Unclear)
    # A digit Python reads but cannot convert ("፩" is an Ethiopic digit) in a worded date.
    assert isinstance(interpret(interview, interview["effective_date"], "፩ march 2027"), Unclear)


# --- the chat ----------------------------------------------------------------------------------------

CHAT_TEXTS = tuple(text for text in EDGE_TEXTS if text.strip("\x00 \t\n\r\x0b\x0c"))


@pytest.mark.parametrize("kind", list(Kind), ids=str)
@async_test
async def test_the_chat_takes_every_edge_case_without_crashing(home, kind: Kind) -> None:
    """Each edge case typed as the answer to one question of each kind: the app either moves on or
    shows one line under the question, which stays; the app never stops."""
    question = BY_KIND[kind]
    write_draft(home, session_at(question.id, COMPREHENSIVE), "edge")
    app = make_app(home, resume="edge")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        session: Session = chat.session
        dock = chat.query_one(AnswerDock)
        for text in CHAT_TEXTS:
            if session.current is not question:  # the last one was an answer: ask the question again
                while app.screen is not chat:  # the summary, back from the edit
                    app.pop_screen()
                chat.conversation.edit(question.id)
                await wait_for(pilot, lambda: app.screen is chat and dock.kind is kind)
            assert session.current is question
            steps = len(session.history)
            said = transcript_text(app).count("Assistant:")
            await submit_text(pilot, text)
            await wait_for(
                pilot,
                lambda steps=steps, said=said: (
                    len(session.history) > steps
                    or dock.problem.display
                    or transcript_text(app).count("Assistant:") > said
                ),
                what=f"a reaction to {text[:20]!r}",
            )
            if dock.problem.display:
                assert_one_line(str(dock.problem.render()))
                assert session.current is question
        assert app.is_running
