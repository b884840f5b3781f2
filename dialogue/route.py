"""Which questions are asked for the answers given so far: the one place a question's `when` is applied.

A question is asked when it has no condition or its condition holds over the earlier answers; an
answer that is not on the path (or was skipped) reads as absent. While an earlier question on the path
waits for its answer, what depends on it is open.

Conditions only name earlier questions, so the route is worked out in asking order, lazily, and a new
answer to question i only invalidates the route from i on. That keeps an answer cheap however long
the interview.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from enum import Enum
from typing import Any

from dialogue.conditions import UNKNOWN, UnknownAnswer
from dialogue.model import Interview, Question


class Status(Enum):
    ON = "on"  # the question is asked
    OFF = "off"  # the question is not asked with these answers
    OPEN = "open"  # it depends on answers still to come
    IMPLIED = "implied"  # not asked: the earlier answers give its answer (`implied` in questions.yaml)


_BY_VALUE = {status.value: status for status in Status}


def is_asked(question: Question, earlier: Mapping[str, Any]) -> bool:
    """Is `question` asked, given the `earlier` answers on the path? (UNKNOWN for one still to come:
    UnknownAnswer then, if the outcome depends on it.) A question whose answer the earlier ones imply
    would be asked by this test: `implied` says it is not."""
    return question.when is None or question.when.holds(earlier)


NOT_IMPLIED = object()


def implied(question: Question, earlier: Mapping[str, Any]) -> Any:
    """The answer the `earlier` answers give `question` (so it is not asked), else NOT_IMPLIED;
    UnknownAnswer while that depends on an answer still to come."""
    for condition, value in question.implied:
        if condition.holds(earlier):
            return value
    return NOT_IMPLIED


def is_implied(value: Any) -> bool:
    return value is not NOT_IMPLIED


class Route:
    """The status of each question for a live mapping of answers (and skipped questions)."""

    def __init__(
        self,
        questions: tuple[Question, ...],
        answers: Mapping[str, Any],
        skipped: Container[str] = (),
        unconfirmed: Container[str] = (),
    ) -> None:
        self.questions = questions
        self._answers = answers
        self._skipped = skipped
        # Answers kept from before that a change brought back onto the path: they wait, like open
        # questions, until the user has seen them again (nothing comes back unseen).
        self._unconfirmed = unconfirmed
        self._statuses: list[Status] = []
        self._context: dict[str, Any] = {}

    def seed(self, blank: tuple[str, ...]) -> None:
        """Take the statuses worked out for no answers at all (Interview.blank_route, their values), so
        a new session shows its first question and its progress without evaluating a single condition."""
        if self._answers or self._skipped or self._statuses or len(blank) != len(self.questions):
            return
        self._statuses = [_BY_VALUE[value] for value in blank]
        self._context = {
            question.id: UNKNOWN
            for question, status in zip(self.questions, self._statuses, strict=True)
            if status is not Status.OFF
        }

    def invalidate(self, from_index: int = 0) -> None:
        """Forget what was worked out from `from_index` on, after an answer there changed."""
        for question in self.questions[from_index : len(self._statuses)]:
            self._context.pop(question.id, None)
        del self._statuses[from_index:]

    def reconsider(self, index: int) -> None:
        """The answer to the question at `index` changed (given, skipped, or kept to be seen again):
        forget what was worked out after it. Its own status stays, as its conditions read only earlier
        answers (dialogue.definition checks that), so only what it gives later conditions is renewed."""
        if index >= len(self._statuses):
            self.invalidate(index)
            return
        self.invalidate(index + 1)
        question = self.questions[index]
        if self._statuses[index] is Status.ON:  # an implied answer, or none, does not change with it
            self._context.pop(question.id, None)
            self._enter(question, Status.ON, NOT_IMPLIED)

    def status(self, index: int) -> Status:
        while len(self._statuses) <= index:
            self._resolve_next()
        return self._statuses[index]

    def statuses(self) -> list[Status]:
        if self.questions:
            self.status(len(self.questions) - 1)
        return list(self._statuses)

    def on_path(self, question: Question) -> bool:
        return self.status(question.index) is Status.ON

    def is_answered(self, question: Question) -> bool:
        return (
            question.id in self._answers or question.id in self._skipped
        ) and question.id not in self._unconfirmed

    def path(self) -> list[Question]:
        """The questions asked, in order (open ones not included)."""
        return [question for question in self.questions if self.on_path(question)]

    def open_questions(self) -> list[Question]:
        """The questions on the path still waiting for an answer, in order."""
        return [question for question in self.path() if not self.is_answered(question)]

    def given(self) -> dict[str, Any]:
        """The answers on the path, skipped ones left out, with those the earlier answers imply: what
        the policy is made from."""
        found: dict[str, Any] = {}
        for question, status in zip(self.questions, self.statuses(), strict=True):
            if status is Status.IMPLIED:
                found[question.id] = self._context[question.id]
            elif (
                status is Status.ON
                and question.id in self._answers
                and question.id not in self._skipped
                and question.id not in self._unconfirmed
            ):
                found[question.id] = self._answers[question.id]
        return found

    def implied_answer(self, question: Question) -> Any:
        """The answer earlier ones give a question that is not asked for that reason (Status.IMPLIED)."""
        return self._context[question.id] if self.status(question.index) is Status.IMPLIED else None

    def _resolve_next(self) -> None:
        question = self.questions[len(self._statuses)]
        value: Any = NOT_IMPLIED
        try:
            status = Status.ON if is_asked(question, self._context) else Status.OFF
            if status is Status.ON and question.implied:
                value = implied(question, self._context)
                status = Status.IMPLIED if is_implied(value) else status
        except UnknownAnswer:
            status = Status.OPEN
        self._enter(question, status, value)
        self._statuses.append(status)

    def _enter(self, question: Question, status: Status, value: Any) -> None:
        """What later conditions read of `question`, with this status (and implied answer)."""
        if status is Status.IMPLIED:
            self._context[question.id] = value
        elif status is Status.OPEN or (status is Status.ON and not self.is_answered(question)):
            self._context[question.id] = UNKNOWN
        elif status is Status.ON and question.id not in self._skipped:
            self._context[question.id] = self._answers[question.id]


def answers_on_path(interview: Interview, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the `answers` whose questions the interview would ask, given those answers.

    For whoever gathers answers outside the interview (a review of an existing policy, an answers
    file): an answer that its question's condition leaves out, or that waits on an answer not given,
    would never have been asked. A plain callable: `functools.partial(answers_on_path, interview)`.
    """
    return Route(interview.questions, answers).given()


def answers_not_ruled_out(interview: Interview, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the `answers` whose questions the interview may still ask, given those answers.

    For answers offered as suggestions before the interview starts (a review of an existing policy):
    an answer is left out only when the others decide its question's condition against it (no
    retention period where the policy says there is no monitoring); one whose condition waits on an
    answer not given (the kind of policy, which a review cannot tell) is kept, as the user may yet be
    asked it. Unlike `answers_on_path`, the answers need not be complete. A plain callable:
    `functools.partial(answers_not_ruled_out, interview)`.
    """
    context = {question.id: answers.get(question.id, UNKNOWN) for question in interview.questions}
    kept: dict[str, Any] = {}
    for key, value in answers.items():
        question = interview.by_id.get(key)
        if question is None:
            continue
        try:
            asked = is_asked(question, context)
        except UnknownAnswer:
            asked = True
        if asked:
            kept[key] = value
    return kept
