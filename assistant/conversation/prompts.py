"""What the chat shows for the state of a session: the prompt for a question, the progress line, the
answers so far, and what typed text means. Plain functions of the session, so they are easy to test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.answers import Source, as_input_text, describe, offer
from assistant.texts import UiTexts, needs
from assistant.typed import Answer, Command, Typed, read_typed
from dialogue.flow import DONE, SUMMARY
from dialogue.model import Kind, Question
from dialogue.session import Session


@dataclass(frozen=True)
class Prompt:
    """What the answer box needs to ask one question: its kind, its options and what to preselect."""

    kind: Kind
    entries: list[tuple[Any, str]]  # (value, label) for lists; empty for text kinds
    offered: Any = None  # default or previous answer, preselected or prefilled
    field_text: str = ""  # the offered answer as text, selected so that typing replaces it
    source: Source = "none"  # where the offered answer comes from
    origin: str = ""  # where a review found it ("beleid.md, §1 Toepassingsgebied, ¶1")
    placeholder: str = ""
    list_help: str = ""
    help_line: str = ""
    allow_none: bool = False
    after_number: str = ""  # shown when the Enter typed after a number key did not answer this
    # What a number key beyond the list's options says, by number (a list has at most nine keys).
    no_such_number: dict[int, str] = field(default_factory=dict)


_PLACEHOLDERS = {
    Kind.SINGLE: "chat.placeholder_choice",
    Kind.MULTI: "chat.placeholder_choice",
    Kind.YESNO: "chat.placeholder_choice",
    Kind.NUMBER: "chat.placeholder_number",
    Kind.DATE: "chat.placeholder_date",
    Kind.EMAIL: "chat.placeholder_email",
}


# The line under a text field that holds an offered answer: where it comes from, and that typing
# replaces it (it is selected), End edits it and Ctrl+U clears the box. Never appended to silently.
_PREFILLED = {
    source: f"chat.prefilled_{source}" for source in ("earlier", "returned", "review", "typed", "default")
}
needs(*_PREFILLED.values())


def prompt_for(session: Session, question: Question, texts: UiTexts) -> Prompt:
    """How to ask `question`: the list to show, what to preselect or prefill, the help lines."""
    language = session.texts()
    words = language.questions[question.id]
    offered = offer(session, question)
    kind = question.kind
    entries: list[tuple[object, str]] = []
    list_help = ""
    if kind is Kind.SINGLE or kind is Kind.MULTI:
        entries = [(choice, words.choices[choice]) for choice in question.choices]
    elif kind is Kind.YESNO:
        entries = [(True, language.message("yes")), (False, language.message("no"))]
    if kind is Kind.MULTI:
        allows_none = not question.validation.min_choices
        list_help = texts("chat.list_help_multi_none" if allows_none else "chat.list_help_multi")
    elif entries:
        list_help = texts("chat.list_help_single")
    field_text = "" if entries else as_input_text(question, offered.value, language)
    help_line = texts("chat.help_line_long" if kind is Kind.LONG_TEXT else "chat.help_line")
    if field_text and offered.source in _PREFILLED:
        help_line = texts(_PREFILLED[offered.source], origin=offered.origin)
    elif entries and offered.source == "review":
        help_line = texts("chat.review_list", origin=offered.origin)
    elif entries and offered.source == "returned" and offered.value is not None:
        help_line = texts("chat.returned_list")
    elif entries and offered.source == "typed":  # a follow-up named by the words typed before
        help_line = texts("chat.typed_list")
    return Prompt(
        kind=kind,
        entries=entries,
        offered=offered.value,
        field_text=field_text,
        source=offered.source,
        origin=offered.origin,
        placeholder=texts(_PLACEHOLDERS.get(kind, "chat.placeholder_text")),
        list_help=list_help,
        help_line=help_line,
        after_number=texts("chat.after_number"),
        no_such_number={
            number: texts("chat.no_such_number", number=number, count=len(entries))
            for number in range(len(entries) + 1, 10 if entries else 0)
        },
        allow_none=kind is Kind.MULTI and not question.validation.min_choices,
    )


def takes_bare_commands(question: Question | None) -> bool:
    """May a bare command word ("back") be a command here? Never where any text is a valid answer."""
    return question is None or question.kind not in (Kind.TEXT, Kind.LONG_TEXT)


def read_input(session: Session, text: str, texts: UiTexts) -> Typed:
    """What the user typed: a command, an unknown /command, or an answer.

    A bare command word is a command only where it cannot be an answer: never for free-text questions,
    and not when the engine understands it as an answer to the question (e.g. "none").
    """
    from dialogue.interpret import Understood, interpret  # after the first question (Session.answer_text)

    question = session.current
    bare = takes_bare_commands(question)
    typed = read_typed(text, texts, bare_words=bare)
    understood = (
        isinstance(typed, Command)
        and question is not None
        and not text.strip().startswith("/")
        and isinstance(interpret(session.interview, question, text, session.language), Understood)
    )
    return Answer(text) if understood else typed


def section_title(session: Session, section: str | None) -> str:
    if section is None:
        return ""
    return session.texts().sections.get(section, section)


def progress_text(session: Session, texts: UiTexts) -> str:
    progress = session.progress
    if session.state == DONE:
        return texts("progress.done")
    if session.state == SUMMARY:
        return texts("progress.summary", percent=progress.percent)
    if session.current is None:
        return texts("progress.start")
    return texts(
        "progress.question", section=section_title(session, progress.section), percent=progress.percent
    )


@dataclass(frozen=True)
class Exchange:
    """One question already answered, as the transcript shows it when a draft is resumed."""

    question: Question
    answer: str


def answered_so_far(session: Session, texts: UiTexts) -> Iterator[Exchange]:
    """The questions answered (or skipped) before the current position, in asking order."""
    current = session.current
    for question in session.path():
        if current is not None and question.index >= current.index:
            break
        if question.id in session.skipped:
            yield Exchange(question, texts("chat.skipped"))
        elif question.id in session.answers:
            yield Exchange(
                question,
                describe(session.interview, question, session.answers[question.id], session.language),
            )
