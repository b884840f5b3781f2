"""The interview as loaded from YAML: questions, sections and their texts in each language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from dialogue.conditions import Condition, UnknownAnswer


class Kind(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    YESNO = "yesno"
    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    EMAIL = "email"

    @property
    def has_choices(self) -> bool:
        return self in (Kind.SINGLE, Kind.MULTI)

    @property
    def is_text(self) -> bool:
        return self in (Kind.TEXT, Kind.LONG_TEXT)


@dataclass(frozen=True)
class Validation:
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min: int | date | None = None
    max: int | date | None = None
    min_choices: int | None = None
    max_choices: int | None = None


@dataclass(frozen=True)
class QuestionText:
    """What a question says in one language."""

    text: str
    why: str
    hint: str = ""
    default: str | None = None  # a text question's default, worded in this language
    choices: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


DATE_FORMAT = "%d/%m/%Y"  # 25/11/2026: how Belgians write a day in Dutch, French and English


@dataclass(frozen=True)
class Language:
    """Every text of the interview in one language."""

    code: str
    name: str
    sections: dict[str, str]
    questions: dict[str, QuestionText]
    messages: dict[str, str]
    file: Path
    # The people the organisation serves, by sector: the forms of the noun (dialogue.served).
    served: dict[str, dict[str, str]] = field(default_factory=dict)
    date_format: str = DATE_FORMAT

    def message(self, key: str, **values: Any) -> str:
        return self.messages[key].format(**values)

    def date(self, day: date) -> str:
        """A day as this language writes it back to the user."""
        return day.strftime(self.date_format)


@dataclass(eq=False)
class Question:
    id: str
    section: str
    kind: Kind
    index: int
    line: int
    choices: tuple[str, ...] = ()
    default: Any = None
    skippable: bool = False
    validation: Validation = field(default_factory=Validation)
    when: Condition | None = None
    landmarks: tuple[int, ...] = ()
    # (condition, value) pairs: the first whose condition holds over the earlier answers is the default.
    defaults: tuple[tuple[Condition, Any], ...] = ()
    # Legal duties an answer can show unmet: (condition over the answers up to this one, message key),
    # said at once after the answer (dialogue.duties).
    duties: tuple[tuple[Condition, str], ...] = ()
    # (condition over the earlier answers, answer): when one holds, the question is not asked and
    # takes that answer, as the earlier ones already give it (dialogue.route, Status.IMPLIED).
    implied: tuple[tuple[Condition, Any], ...] = ()
    # A later text question that holds the details typed with this answer ("yes, via SpeakUp").
    detail: str | None = None

    def __repr__(self) -> str:
        return f"Question({self.id!r})"

    @property
    def required(self) -> bool:
        return not self.skippable


@dataclass(eq=False)
class Interview:
    """The whole interview: questions in asking order and their texts in every language."""

    version: int
    sections: tuple[str, ...]
    questions: tuple[Question, ...]
    languages: dict[str, Language]
    source: Path
    # The question whose answer names a draft in the list of drafts (the organisation).
    title_question: str | None = None
    # Words typed instead of an option, folded, across languages: yes, no, none, all, today, tomorrow.
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each question's status ("on", "off", "open") before any answer: kept with the cached interview.
    blank_route: tuple[str, ...] = ()
    # The fewest and the most questions before any answer (dialogue.length), for the greeting.
    blank_span: tuple[int, int] | None = None

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def __getitem__(self, question_id: str) -> Question:
        return self.by_id[question_id]

    def language(self, code: str) -> Language:
        """The texts in `code`, or in English when the interview does not exist in that language."""
        return self.languages.get(code) or self.languages["en"]

    def text(self, question: Question | str, code: str = "en") -> QuestionText:
        question_id = question if isinstance(question, str) else question.id
        return self.language(code).questions[question_id]

    def default(self, question: Question, code: str = "en", answers: Mapping[str, Any] | None = None) -> Any:
        """The answer offered when nothing else is: the question's default, worded in `code` for text.

        With the answers given so far, the first of the question's `defaults` whose condition holds
        comes first (e.g. the functions usual at that headcount).
        """
        if question.kind.is_text:
            return self.text(question, code).default
        if answers is not None:
            for condition, value in question.defaults:
                try:
                    if condition.holds(answers):
                        return value
                except UnknownAnswer:
                    continue
        return question.default

    def choice_label(self, question: Question, choice: str, code: str = "en") -> str:
        return self.text(question, code).choices[choice]

    def compile_conditions(self) -> None:
        """Compile every `when` now rather than at the answer that first needs it."""
        for question in self.questions:
            if question.when is not None:
                question.when.compile()
