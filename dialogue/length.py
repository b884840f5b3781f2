"""How many questions are still to come, for the path as it stands: what the greeting and progress say.

Counting every question that *may* still be asked overstates it (a short list of do's and don'ts was
announced as "about 50 questions", and its progress jumped when the sector's follow-ups fell away).
Here the questions still to answer are counted along the paths the answers so far leave open: a
question waiting for an answer is assumed to get the one offered for it (a kept answer, a suggestion,
its default), as most people accept those; one with nothing offered tries every representative answer
(dialogue.paths) and the count becomes a range. Memoised on the answers later conditions read, so a
count costs about a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from dialogue.conditions import cache_key
from dialogue.model import Interview, Question
from dialogue.paths import SKIP, sample_values
from dialogue.route import NOT_IMPLIED, implied, is_asked, is_implied

# Offered: the answer assumed for a question still to answer, given the earlier answers (None: none).
Offered = Callable[[Question, Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Span:
    """The fewest and the most questions still to answer."""

    fewest: int
    most: int

    @property
    def likely(self) -> int:
        return (self.fewest + self.most + 1) // 2

    @property
    def wide(self) -> bool:
        """Too wide for one "about N": the answers still to come decide (the kind of policy does)."""
        return self.most - self.fewest > max(4, self.most // 4)


def still_to_answer(
    interview: Interview, given: Mapping[str, Any], done: Container[str], offered: Offered
) -> Span:
    """The questions still to answer after those `done` (answered or skipped), with the answers
    `given` so far (what Route.given returns: on the path, not skipped)."""
    return _Counter(interview, given, done, offered).span()


def no_offer(question: Question, earlier: Mapping[str, Any]) -> Any:
    return None


def defaults_offered(interview: Interview) -> Offered:
    """The question's default, as the interview offers it after `earlier` answers."""

    def offered(question: Question, earlier: Mapping[str, Any]) -> Any:
        return None if question.kind.is_text else interview.default(question, "en", earlier)

    return offered


@cache
def _read_later(interview: Interview) -> tuple[frozenset[str], ...]:
    """For each index, the answers that decide which of that question and the later ones are asked:
    the names their conditions read, and those the conditional defaults of such answers read."""
    names: set[str] = set()
    result: list[frozenset[str]] = [frozenset()] * (len(interview.questions) + 1)
    for index in range(len(interview.questions) - 1, -1, -1):
        question = interview.questions[index]
        if question.id in names:
            for condition, _ in question.defaults:
                names.update(condition.names)
        if question.when is not None:
            names.update(question.when.names)
        result[index] = frozenset(names)
    return tuple(result)


class _Counter:
    def __init__(
        self, interview: Interview, given: Mapping[str, Any], done: Container[str], offered: Offered
    ) -> None:
        self.interview = interview
        self.questions = interview.questions
        self.given = given
        self.done = done
        self.samples: dict[str, list[Any]] = {}
        self.offered = offered
        self.read_later = _read_later(interview)
        self.memo: dict[tuple[Any, ...], tuple[int, int]] = {}

    def span(self) -> Span:
        fewest, most = self.visit(0, {})
        return Span(fewest, most)

    def values(self, question: Question, context: Mapping[str, Any]) -> list[Any]:
        offered = self.offered(question, context)
        if offered is not None:
            return [offered]
        samples = self.samples.get(question.id)
        if samples is None:
            samples = self.samples[question.id] = sample_values(self.interview, question)
        return samples

    def visit(self, index: int, context: dict[str, Any]) -> tuple[int, int]:
        questions = self.questions
        read_later = self.read_later
        counted = 0
        # Questions done, off the path or whose answer nothing reads: walk on without branching.
        while index < len(questions):
            question = questions[index]
            given = (
                implied(question, context)
                if question.implied and is_asked(question, context)
                else NOT_IMPLIED
            )
            if is_implied(given):
                context = {**context, question.id: given}
            elif is_asked(question, context):
                if question.id not in self.done:
                    if question.id in read_later[index + 1]:
                        break
                    counted += 1
                elif question.id in self.given:
                    context = {**context, question.id: self.given[question.id]}
            index += 1
        else:
            return counted, counted
        key = (index, *(cache_key(context.get(name)) for name in sorted(read_later[index])))
        if key not in self.memo:
            fewest, most = len(questions), 0
            for value in self.values(question, context):
                branch = context if value is SKIP else {**context, question.id: value}
                low, high = self.visit(index + 1, branch)
                fewest, most = min(fewest, low), max(most, high)
            self.memo[key] = (fewest + 1, most + 1)
        fewest, most = self.memo[key]
        return counted + fewest, counted + most
