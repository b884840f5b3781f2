"""Which questions are on the path for the answers given so far.

Conditions only name earlier questions, so the route is worked out in asking order, lazily, and a new
answer to question i only invalidates the route from i on. That keeps an answer cheap however long
the interview.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from enum import Enum
from typing import Any

from dialogue.conditions import UNKNOWN, UnknownAnswer
from dialogue.model import Question


class Status(Enum):
    ON = "on"  # the question is asked
    OFF = "off"  # the question is not asked with these answers
    OPEN = "open"  # it depends on answers still to come


class Route:
    """The status of each question for a live mapping of answers (and skipped questions)."""

    def __init__(
        self, questions: tuple[Question, ...], answers: Mapping[str, Any], skipped: Container[str]
    ) -> None:
        self._questions = questions
        self._answers = answers
        self._skipped = skipped
        self._statuses: list[Status] = []
        self._context: dict[str, Any] = {}

    def seed(self, blank: tuple[Status, ...]) -> None:
        """Take the statuses worked out for no answers at all (see Interview.blank_route), so a new
        session shows its first question and its progress without evaluating a single condition."""
        if self._answers or self._skipped or self._statuses or len(blank) != len(self._questions):
            return
        self._statuses = list(blank)
        self._context = {
            question.id: UNKNOWN
            for question, status in zip(self._questions, blank, strict=True)
            if status is not Status.OFF
        }

    def invalidate(self, from_index: int = 0) -> None:
        """Forget what was worked out from `from_index` on, after an answer there changed."""
        for question in self._questions[from_index : len(self._statuses)]:
            self._context.pop(question.id, None)
        del self._statuses[from_index:]

    def status(self, index: int) -> Status:
        while len(self._statuses) <= index:
            self._resolve_next()
        return self._statuses[index]

    def statuses(self) -> list[Status]:
        if self._questions:
            self.status(len(self._questions) - 1)
        return list(self._statuses)

    def on_path(self, question: Question) -> bool:
        return self.status(question.index) is Status.ON

    def is_answered(self, question: Question) -> bool:
        return question.id in self._answers or question.id in self._skipped

    def _resolve_next(self) -> None:
        question = self._questions[len(self._statuses)]
        if question.when is None:
            status = Status.ON
        else:
            try:
                status = Status.ON if question.when.holds(self._context) else Status.OFF
            except UnknownAnswer:
                status = Status.OPEN
        if status is Status.OPEN or (status is Status.ON and not self.is_answered(question)):
            self._context[question.id] = UNKNOWN
        elif status is Status.ON and question.id not in self._skipped:
            self._context[question.id] = self._answers[question.id]
        self._statuses.append(status)
