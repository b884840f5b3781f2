"""How many questions are still to come, for the path as it stands: what the greeting and progress say.

Counting every question that *may* still be asked overstates it (a short list of do's and don'ts was
announced as "about 50 questions", and its progress jumped when the sector's follow-ups fell away).
Here the questions still to answer are counted along the paths the answers so far leave open: a
question waiting for an answer is assumed to get the one offered for it (a kept answer, a suggestion,
its default), as most people accept those; one with nothing offered tries every representative answer
(dialogue.paths) and the count becomes a range. Memoised on the answers later conditions read; the
progress bar counts only when it is looked at (dialogue.progress, docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

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


@dataclass(frozen=True)
class _Reads:
    """For one index: the answers that decide which of that question and the later ones are asked,
    and the constants those conditions compare each of them with."""

    names: frozenset[str]
    constants: dict[str, tuple[Any, ...]]


@cache
def _reads(interview: Interview) -> tuple[_Reads, ...]:
    """For each index, what the conditions of that question and the later ones read: their `when`,
    their `implied` answers, and the conditional defaults of answers those read."""
    names: set[str] = set()
    constants: dict[str, set[Any]] = {}
    result: list[_Reads] = [_Reads(frozenset(), {})] * (len(interview.questions) + 1)
    for index in range(len(interview.questions) - 1, -1, -1):
        question = interview.questions[index]
        conditions = [condition for condition, _ in question.implied]
        if question.id in names:
            conditions += [condition for condition, _ in question.defaults]
        if question.when is not None:
            conditions.append(question.when)
        for condition in conditions:
            names.update(condition.names)
            for comparison in condition.comparisons:
                constants.setdefault(comparison.name, set()).update(comparison.constants)
        result[index] = _Reads(
            frozenset(names), {name: tuple(sorted(values, key=repr)) for name, values in constants.items()}
        )
    return tuple(result)


_ABSENT = object()


def _signature(value: Any, constants: tuple[Any, ...]) -> Any:
    """What conditions can tell of `value`: whether it is empty, and how it compares with each constant
    they name. Answers with one signature lead down the same path, so one of them is enough."""
    if value is SKIP or value is _ABSENT:
        return ("absent",)
    if isinstance(value, list | tuple):
        return (bool(value), tuple(c in value for c in constants))
    if isinstance(value, str):
        return (bool(value), value if value in constants else None)
    if isinstance(value, bool):
        return (value,)
    same_kind = [c for c in constants if type(c) is type(value)]
    return (bool(value), tuple((value > c) - (value < c) for c in same_kind))


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
        self.reads = _reads(interview)
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
            constants = self.reads[0].constants.get(question.id, ())
            distinct: dict[Any, Any] = {}
            for value in sample_values(self.interview, question):
                distinct.setdefault(_signature(value, constants), value)
            samples = self.samples[question.id] = list(distinct.values())
        return samples

    def visit(self, index: int, context: dict[str, Any]) -> tuple[int, int]:
        questions = self.questions
        reads = self.reads
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
                    if question.id in reads[index + 1].names:
                        break
                    counted += 1
                elif question.id in self.given:
                    context = {**context, question.id: self.given[question.id]}
            index += 1
        else:
            return counted, counted
        # Only what the later conditions can tell of each answer matters (its signature).
        later = reads[index]
        key = (
            index,
            *(
                _signature(context.get(name, _ABSENT), later.constants.get(name, ()))
                for name in sorted(later.names)
            ),
        )
        if key not in self.memo:
            fewest, most = len(questions), 0
            for value in self.values(question, context):
                branch = context if value is SKIP else {**context, question.id: value}
                low, high = self.visit(index + 1, branch)
                fewest, most = min(fewest, low), max(most, high)
            self.memo[key] = (fewest + 1, most + 1)
        fewest, most = self.memo[key]
        return counted + fewest, counted + most
