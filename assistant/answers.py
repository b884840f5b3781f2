"""Answers as people read them: choice labels rather than ids, Belgian dates, the words for yes and no."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from dialogue.model import Interview, Kind, Language, Question
from dialogue.served import worded
from dialogue.session import Session


def describe(interview: Interview, question: Question, value: Any, language: str = "en") -> str:
    """`value` (an answer to `question`) in words."""
    texts = interview.language(language)
    labels = texts.questions[question.id].choices
    if question.kind is Kind.SINGLE:
        return labels.get(value, str(value))
    if question.kind is Kind.MULTI:
        chosen = [labels.get(choice, str(choice)) for choice in value or []]
        return "; ".join(chosen) if chosen else texts.message("none")
    if question.kind is Kind.YESNO:
        return texts.message("yes" if value else "no")
    if question.kind is Kind.DATE and isinstance(value, date):
        return texts.date(value)  # 25/11/2026, in German 25.11.2026
    return str(value)


def as_input_text(question: Question, value: Any, texts: Language) -> str:
    """`value` as text to put back in the answer field (after back or edit), to accept or change."""
    if value is None:
        return ""
    if question.kind is Kind.DATE and isinstance(value, date):
        return texts.date(value)
    if question.kind is Kind.YESNO:
        return ""
    return str(value)


def offered_answer(session: Session, question: Question) -> Any:
    """What to preselect: the answer kept from before (after back or edit), else the question's default."""
    previous = session.previous_answer(question)
    if previous is not None:
        return previous
    return session.interview.default(question, session.language, session.result())


# Where an offered answer comes from: the user's own earlier answer, one kept from before that a change
# brought back onto the path (it waits to be seen again), a review of the organisation's current
# policy, words the user typed beside another answer, or the question's default.
Source = Literal["earlier", "returned", "review", "typed", "default", "none"]


@dataclass(frozen=True)
class Offer:
    """The answer offered for a question, and where it comes from (the app says so until it is given)."""

    value: Any
    source: Source
    origin: str = ""  # for a review's suggestion: "beleid.md, §1 Toepassingsgebied, ¶1"


def offer(session: Session, question: Question) -> Offer:
    """The answer to offer for `question`, with its source."""
    value = offered_answer(session, question)
    if question.id in session.returned:
        return Offer(value, "returned")
    if value is None:
        return Offer(None, "none")
    if question.id in session.answers and question.id not in session.skipped:
        return Offer(value, "earlier")
    if question.id in session.suggestions and question.id not in session.skipped:
        origin = session.suggestion_origins.get(question.id, "")
        return Offer(value, "review" if origin else "typed", origin)
    return Offer(value, "default")


def review_suggestion(session: Session, question: Question) -> Offer | None:
    """A review's suggestion for `question` that the user has not confirmed (or changed) yet."""
    offered = offer(session, question)
    return offered if offered.source == "review" else None


@dataclass(frozen=True)
class SummaryLine:
    question: Question
    text: str
    answer: str | None  # None: not answered yet
    skipped: bool
    suggested: str | None = None  # a review's suggestion, in words, while it is not confirmed
    origin: str = ""  # where the review found it
    returned: str | None = None  # a kept answer a change brought back, in words, until it is seen again


@dataclass(frozen=True)
class SummarySection:
    id: str
    title: str
    lines: tuple[SummaryLine, ...]


def summary(session: Session, language: str = "en") -> list[SummarySection]:
    """The questions on the path, grouped by section, each with its answer in words."""
    interview = session.interview
    texts = worded(interview.language(language), session.answers)
    grouped: dict[str, list[SummaryLine]] = {}
    for question in session.path():
        skipped = question.id in session.skipped
        value = session.answers.get(question.id)
        answer = returned = None
        if question.id in session.returned:
            returned = texts.message("skipped") if skipped else describe(interview, question, value, language)
            skipped = False
        elif question.id in session.answers and not skipped:
            answer = describe(interview, question, value, language)
        suggested = review_suggestion(session, question) if answer is None else None
        grouped.setdefault(question.section, []).append(
            SummaryLine(
                question,
                texts.questions[question.id].text,
                answer,
                skipped,
                describe(interview, question, suggested.value, language) if suggested else None,
                suggested.origin if suggested else "",
                returned,
            )
        )
    return [
        SummarySection(section, texts.sections[section], tuple(grouped[section]))
        for section in interview.sections
        if section in grouped
    ]
