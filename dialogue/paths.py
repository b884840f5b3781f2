"""The shape of the interview: which questions can be asked, how long paths get, where they branch.

Paths are explored depth-first with representative answers: every choice, both yes and no, numbers on
either side of every threshold a condition or a landmark names, and a skip where allowed. Only the
answers that later conditions read can change the path, so the exploration memoises on those and stays
fast enough to run each time the interview loads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from dialogue.conditions import ConditionError, cache_key
from dialogue.errors import DefinitionError
from dialogue.flow import SUMMARY
from dialogue.model import Interview, Kind, Question
from dialogue.route import NOT_IMPLIED, implied, is_asked, is_implied
from dialogue.validation import check

SKIP = object()  # a representative "answer" for a skippable question: skipped


def _compared_constants(interview: Interview, question: Question) -> set[Any]:
    constants: set[Any] = set()
    for other in interview.questions:
        if other.when is not None:
            for comparison in other.when.comparisons:
                if comparison.name == question.id:
                    constants.update(c for c in comparison.constants if isinstance(c, int | str | date))
    return constants


def _places(interview: Interview, question: Question, samples: list[Any]) -> list[Iterator[Any]] | None:
    """For a number: its samples grouped by where they fall among the constants conditions compare the
    question with, each group taken in turn; None for any other kind."""
    if question.kind is not Kind.NUMBER:
        return None
    constants = sorted(c for c in _compared_constants(interview, question) if type(c) is int)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for value in samples:
        key = ("skip",) if value is SKIP else tuple((value > c) - (value < c) for c in constants)
        groups.setdefault(key, []).append(value)
    return [itertools.cycle(group) for group in groups.values()]


def sample_values(interview: Interview, question: Question) -> list[Any]:
    """Representative valid answers to `question`, plus SKIP when it may be skipped."""
    rules = question.validation
    kind = question.kind
    values: list[Any]
    if kind is Kind.SINGLE:
        values = list(question.choices)
    elif kind is Kind.MULTI:
        values = [[]] + [[choice] for choice in question.choices] + [list(question.choices)]
    elif kind is Kind.YESNO:
        values = [True, False]
    elif kind is Kind.NUMBER:
        points = {
            1,
            10,
            *question.landmarks,
            *(c for c in _compared_constants(interview, question) if type(c) is int),
        }
        numbers = {n + delta for n in points for delta in (-1, 0, 1)}
        numbers.update(v for v in (rules.min, rules.max, question.default) if type(v) is int)
        values = sorted(numbers)
    elif kind is Kind.DATE:
        anchor = date(2027, 3, 1)
        dates = {anchor, anchor + timedelta(days=306)}
        dates.update(v for v in (rules.min, rules.max, question.default) if isinstance(v, date))
        values = sorted(dates)
    elif kind is Kind.EMAIL:
        values = ["hr@example.be"]
    else:
        minimum = rules.min_length or 1
        sample = "Sample answer for " + question.id.replace("_", " ")
        sample = (sample * (minimum // len(sample) + 1))[
            : max(minimum, min(len(sample), rules.max_length or 10**6))
        ]
        values = [v for v in (interview.default(question), sample) if v is not None]
        values += sorted(c for c in _compared_constants(interview, question) if isinstance(c, str))
    valid = [value for value in values if check(question, value, None) is None]
    unique = list({repr(value): value for value in valid}.values())
    if question.skippable:
        unique.append(SKIP)
    return unique


@dataclass
class Shape:
    """What exploring every representative path found."""

    reachable: set[str] = field(default_factory=set)
    longest: int = 0
    next_questions: dict[str, set[str]] = field(default_factory=dict)

    @property
    def branch_points(self) -> list[str]:
        """Questions after which the next question depends on the answers."""
        return [question for question, nexts in self.next_questions.items() if len(nexts) > 1]


class _Explorer:
    def __init__(self, interview: Interview, fixed: Mapping[str, Any]) -> None:
        self.interview = interview
        self.questions = interview.questions
        self.fixed = fixed
        self.shape = Shape()
        self.memo: dict[tuple[Any, ...], tuple[str, int]] = {}

    @cached_property
    def read_later(self) -> list[frozenset[str]]:
        """For each index, the answers that conditions of that question or later ones read."""
        names: set[str] = set()
        result: list[frozenset[str]] = [frozenset()] * (len(self.questions) + 1)
        for index in range(len(self.questions) - 1, -1, -1):
            when = self.questions[index].when
            if when is not None:
                names.update(when.names)
            result[index] = frozenset(names)
        return result

    @cached_property
    def samples(self) -> dict[str, list[Any]]:
        return {q.id: sample_values(self.interview, q) for q in self.questions}

    def values(self, question: Question) -> list[Any]:
        if question.id in self.fixed:
            return [self.fixed[question.id]]
        samples = self.samples[question.id]
        return samples if question.id in self.read_later[question.index + 1] else samples[:1]

    def asked(self, question: Question, context: dict[str, Any]) -> bool:
        try:
            return is_asked(question, context)
        except ConditionError as error:
            raise DefinitionError(
                str(error),
                file=self.interview.source / "questions.yaml",
                line=question.line,
                question=question.id,
            ) from None

    def visit(self, index: int, context: dict[str, Any]) -> tuple[str, int]:
        """(first question asked from `index` on, or SUMMARY; length of the longest rest of the path)."""
        if index == len(self.questions):
            return SUMMARY, 0
        key = (index, *(cache_key(context.get(n)) for n in sorted(self.read_later[index])))
        if key in self.memo:
            return self.memo[key]
        question = self.questions[index]
        given = (
            implied(question, context) if question.implied and self.asked(question, context) else NOT_IMPLIED
        )
        if is_implied(given):
            result = self.visit(index + 1, {**context, question.id: given})
        elif not self.asked(question, context):
            result = self.visit(index + 1, context)
        else:
            self.shape.reachable.add(question.id)
            nexts = self.shape.next_questions.setdefault(question.id, set())
            longest = 0
            for value in self.values(question):
                branch = dict(context)
                if value is not SKIP:
                    branch[question.id] = value
                following, rest = self.visit(index + 1, branch)
                nexts.add(following)
                longest = max(longest, rest)
            result = (question.id, longest + 1)
        self.memo[key] = result
        return result


def explore(interview: Interview, fixed: Mapping[str, Any] | None = None) -> Shape:
    """Explore every representative path; `fixed` pins some answers (e.g. the policy type)."""
    explorer = _Explorer(interview, fixed or {})
    _, explorer.shape.longest = explorer.visit(0, {})
    return explorer.shape


def reachable_questions(interview: Interview) -> set[str]:
    return explore(interview).reachable


def representative_answers(interview: Interview) -> Iterator[dict[str, Any]]:
    """Valid answer mappings (the result of a complete interview) covering every branch.

    Answers that steer the path take every representative value; the others take their representative
    values in turn across paths, so every value of every question appears somewhere.
    """
    explorer = _Explorer(interview, {})
    turns = {q.id: itertools.cycle(explorer.samples[q.id]) for q in interview.questions}
    # A number steers the path only by where it falls among the constants later conditions compare it
    # with (headcount >= 20): one branch per such place, its value taken in turn among the samples there,
    # so that every sample still appears somewhere without multiplying the paths by every landmark.
    places = {q.id: _places(interview, q, explorer.samples[q.id]) for q in interview.questions}

    def walk(index: int, answers: dict[str, Any]) -> Iterator[dict[str, Any]]:
        while index < len(interview.questions):
            question = interview.questions[index]
            if is_asked(question, answers):
                given = implied(question, answers)
                if not is_implied(given):
                    break
                answers = {**answers, question.id: given}
            index += 1
        else:
            yield dict(answers)
            return
        if question.id in explorer.read_later[index + 1] and places[question.id] is not None:
            values = [next(turn) for turn in places[question.id]]
        elif question.id in explorer.read_later[index + 1]:
            values = explorer.samples[question.id]
        else:
            values = [next(turns[question.id])]
        for value in values:
            branch = dict(answers)
            if value is not SKIP:
                branch[question.id] = value
            yield from walk(index + 1, branch)

    yield from walk(0, {})
