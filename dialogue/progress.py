"""The progress bar: how far the interview is, and how its share moves from answer to answer.

The share moves by one question's share of what is left at each answer, so a change of path (the
short list chosen, monitoring added) spreads over the questions that remain instead of jumping, and a
forward move never lowers it; the last answer brings it to 100. What is left is counted along the
paths the answers leave open (dialogue.length), which costs far more than an answer itself: each
answer keeps the answers as they stood (a `Moment`), and what was left at each is counted only when
someone looks at the bar, in order, so the bar reads exactly as if it had been counted at each answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from dialogue.length import Span, still_to_answer
from dialogue.model import Interview, Question
from dialogue.route import Route


@dataclass(frozen=True)
class Progress:
    """How far the interview is: the questions answered, how many it likely takes in all for the path
    as it stands, the section of the question shown, and the share shown on the progress bar."""

    answered: int
    total: int
    section: str | None
    percent: int


def kept_answer(
    question: Question, answers: Mapping[str, Any], skipped: set[str], suggestions: Mapping[str, Any]
) -> Any:
    """The answer kept or suggested for `question`, to offer again; or None (skipped, or nothing)."""
    if question.id in skipped:
        return None
    return answers.get(question.id, suggestions.get(question.id))


class Moment:
    """The answers as they stood after one move, and what was left to answer then.

    A moment first reads the session's own answers and route (nothing is copied while nothing
    changes); it `keep`s copies from before the session changes them. The suggestions are copied at
    once, as the interpretation of a typed answer adds some after the move.
    """

    def __init__(
        self,
        interview: Interview,
        answers: Mapping[str, Any],
        skipped: set[str],
        returned: set[str],
        suggestions: Mapping[str, Any],
        route: Route | None = None,
    ) -> None:
        self.interview = interview
        self.answers = answers
        self.skipped = skipped
        self.returned = returned
        self.suggestions = dict(suggestions)
        self._route = route

    def copy(self) -> tuple[Mapping[str, Any], set[str], set[str]]:
        """Copies of the answers as they stand now, for `keep`."""
        return dict(self.answers), set(self.skipped), set(self.returned)

    def keep(self, copies: tuple[Mapping[str, Any], set[str], set[str]]) -> None:
        """Read `copies` from now on: the session is about to change its own answers."""
        self.answers, self.skipped, self.returned = copies
        self._route = None

    @property
    def route(self) -> Route:
        if self._route is None:
            self._route = Route(self.interview.questions, self.answers, self.skipped, self.returned)
        return self._route

    @cached_property
    def span(self) -> Span:
        """The fewest and the most questions still to answer on the path as it stood, each question
        assumed to get the answer offered for it (dialogue.length)."""
        blank = self.interview.blank_span
        if blank and not (self.answers or self.skipped or self.suggestions):
            return Span(*blank)  # worked out with the interview: no condition evaluated
        route = self.route
        done = {q.id for q in self.interview.questions if route.is_answered(q)}
        return still_to_answer(self.interview, route.given(), done, self._offered)

    def answered(self) -> int:
        """How many questions on the path were answered (or skipped)."""
        route = self.route
        return sum(1 for question in route.path() if route.is_answered(question))

    def settled_share(self) -> float:
        """The share answered, from the answers alone."""
        answered, left = self.answered(), self.span.likely
        return 100.0 if left == 0 else 100.0 * answered / (answered + left)

    def _offered(self, question: Question, earlier: Mapping[str, Any]) -> Any:
        kept = kept_answer(question, self.answers, self.skipped, self.suggestions)
        if kept is not None:
            return kept
        return None if question.kind.is_text else self.interview.default(question, "en", earlier)


class _Move(NamedTuple):
    moment: Moment
    editing: bool  # an answer changed from the summary: the bar says how much is answered now
    shown: str | None  # the question shown after the move


class ProgressBar:
    """The share of the bar (0-100), and what it was when each question was shown, so that `back`
    shows it again; moves not yet counted wait in order until someone looks."""

    def __init__(self) -> None:
        self._share = 0.0
        self._at: dict[str, float] = {}
        self._waiting: list[_Move] = []
        self._frozen = 0  # the waiting moves before this one read copies of the answers

    def moved(self, moment: Moment, *, editing: bool, shown: str | None) -> None:
        """An answer or a skip moved the interview on to `shown` (None: the summary)."""
        self._waiting.append(_Move(moment, editing, shown))

    def freeze(self) -> None:
        """Keep the moments still to count as they stand: the answers are about to change. The moments
        since the last change read the session's answers, unchanged since: one copy serves them all."""
        live = self._waiting[self._frozen :]
        if live:
            copies = live[0].moment.copy()
            for move in live:
                move.moment.keep(copies)
        self._frozen = len(self._waiting)

    @property
    def share(self) -> float:
        self._count()
        return self._share

    @share.setter
    def share(self, value: float) -> None:
        self._count()
        self._share = value

    @property
    def at(self) -> dict[str, float]:
        """The share shown at each question, by id."""
        self._count()
        return self._at

    @at.setter
    def at(self, value: dict[str, float]) -> None:
        self._count()
        self._at = value

    def _count(self) -> None:
        waiting, self._waiting, self._frozen = self._waiting, [], 0
        for move in waiting:
            left = move.moment.span.likely
            if left == 0:
                self._share = 100.0
            elif move.editing:
                self._share = move.moment.settled_share()
            else:
                self._share += (100.0 - self._share) / (left + 1)
            if move.shown is not None:
                self._at[move.shown] = self._share
