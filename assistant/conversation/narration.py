"""What the assistant says, as lines of the conversation: plain data, worded in the current language.

The conversation (assistant.conversation.controller) decides when each is said; the chat screen shows
them. A language switch words them all again (`replay`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant import versions
from assistant.answers import describe, review_suggestion
from assistant.conversation.prompts import answered_so_far, section_title
from assistant.languages import joined
from assistant.texts import UiTexts, available_languages, load_texts
from clauses import language_law
from dialogue import duties
from dialogue.model import Question
from dialogue.session import Session

Speaker = Literal["assistant", "user", "section"]
Variant = Literal["question", "note", "why", "problem", "answer", "section"]


@dataclass(frozen=True)
class Line:
    """One message of the conversation: who says it, the text, a hint under it, and what it is."""

    speaker: Speaker
    text: str
    variant: Variant = "note"
    hint: str = ""


def note(text: str, variant: Variant = "note") -> Line:
    return Line("assistant", text, variant)


def heard(text: str) -> Line:
    """The user's answer, in words."""
    return Line("user", text, "answer")


def question_line(session: Session, question: Question, *, with_hint: bool = True) -> Line:
    words = session.texts().questions[question.id]
    return Line("assistant", words.text, "question", words.hint if with_hint else "")


def suggestion_line(session: Session, question: Question, texts: UiTexts) -> Line | None:
    """Where a review's suggestion for `question` came from, said until the user confirms it."""
    suggested = review_suggestion(session, question)
    if suggested is None:
        return None
    answer = describe(session.interview, question, suggested.value, session.language)
    return note(texts("chat.review_suggestion", origin=suggested.origin, answer=answer), "why")


def returned_line(session: Session, question: Question, texts: UiTexts) -> Line | None:
    """A kept answer that a change brought back onto the path: said, so it never returns unseen."""
    if question.id not in session.returned:
        return None
    if question.id in session.skipped:
        answer = session.interview.language(session.language).message("skipped")
    else:
        answer = describe(session.interview, question, session.answers.get(question.id), session.language)
    return note(texts("chat.returned", answer=answer), "why")


def duty_lines(session: Session, question: Question, texts: UiTexts) -> list[Line]:
    """The legal duties the answer to `question` shows unmet, each in one line with the rule."""
    language = session.interview.language(session.language)
    return [
        note(texts("chat.problem_prefix") + line, "why")
        for line in duties.said(question, session.result(), language)
    ]


def section_line(session: Session, section: str, texts: UiTexts) -> Line:
    return Line("section", texts("chat.section", section=section_title(session, section)), "section")


def language_offer(texts: UiTexts) -> str:
    """How to change the language we talk in, with an offer in each other language, in that language."""
    names = [versions.name(code, texts) for code in available_languages()]
    lines = [texts("language.how", languages=joined(names, texts))]
    lines += [load_texts(code)("language.offer") for code in available_languages() if code != texts.code]
    return "\n".join(lines)


def interview_length(session: Session, texts: UiTexts) -> str:
    """How many questions the interview takes for the path as it stands: "about 11 questions", or a
    range while the answers still to come decide (before the kind of policy is known)."""
    span, answered = session.still_to_answer(), session.answered_count
    if span.wide:
        return texts("chat.length_range", fewest=answered + span.fewest, most=answered + span.most)
    return texts("chat.length_about", count=answered + span.likely)


def greeting(session: Session, texts: UiTexts, *, browser: bool = False) -> list[Line]:
    """Hello, how long the interview takes, how to see the policy (`browser`: in a browser tab, which
    keeps Ctrl+T for itself), and the other languages."""
    length = interview_length(session, texts)
    key = texts("keys.preview_key_browser" if browser else "keys.preview_key")
    return [note(texts("chat.greeting", length=length, preview_key=key)), note(language_offer(texts))]


def versions_explained(session: Session, texts: UiTexts, shown: str) -> Line | None:
    """Which versions the law requires and why, once the seats are known."""
    explanation = versions.explanation(session.result(), texts, shown)
    return note(explanation, "why") if explanation is not None else None


def where_we_are(session: Session, texts: UiTexts) -> Line:
    """At the summary (or done): what can be done from here."""
    complete = session.first_open() is None
    return note(texts("chat.summary_state_complete" if complete else "chat.summary_state"))


def replay(
    session: Session, texts: UiTexts, intro: str, shown: str, *, greet: bool = False, browser: bool = False
) -> tuple[list[Line], str | None]:
    """The conversation so far told again (a resumed draft, or in another language, then after the
    greeting, `greet`): every question answered or skipped before the current position, with its
    answer, and the versions explained where the seats were completed. Also the section the last of
    them is in."""
    lines = [note(intro), *(greeting(session, texts, browser=browser) if greet else ())]
    last_seat = language_law.last_seat_question(session.result())
    section: str | None = None
    for exchange in answered_so_far(session, texts):
        if exchange.question.section != section:
            section = exchange.question.section
            lines.append(section_line(session, section, texts))
        lines += [question_line(session, exchange.question, with_hint=False), heard(exchange.answer)]
        lines += duty_lines(session, exchange.question, texts)
        if exchange.question.id == last_seat:
            explained = versions_explained(session, texts, shown)
            if explained is not None:
                lines.append(explained)
    return lines, section
