"""Answers files: a YAML mapping of question id to answer, for batch use and tests.

Answers may be typed values (`headcount: 120`, `regions: [flanders]`, `monitoring: true`) or words
as a person would type them (`policy_type: comprehensive`, `effective_date: 1/3/2027`). The file is
walked like an interview: questions off the path are ignored (and reported), a missing answer takes the
question's default when it has one, and every error names the line, the question and what is allowed.
"""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datafiles.errors import DataFileError, FileTooLarge
from datafiles.marks import Located, line_of
from datafiles.reading import parse_yaml, read_text
from dialogue.errors import AnswerError, DialogueError
from dialogue.interpret import Understood, interpret, match_choice
from dialogue.model import Interview, Kind, Language, Question
from dialogue.route import Route, Status
from dialogue.validation import validate

_MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    question: str | None
    message: str

    def __str__(self) -> str:
        where = _one_line(self.file) if self.line is None else f"{_one_line(self.file)}, line {self.line}"
        if self.question:
            where += f", question '{_one_line(self.question)}'"
        return f"{where}: {self.message}"


def _one_line(text: str) -> str:
    """A name as typed, with line breaks and other control characters escaped: a problem is one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class AnswersFileError(DialogueError):
    """The answers file has problems; `str()` is one line, `problems` has them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{problems[0]}{suffix}")


@dataclass
class AnswersReport:
    answers: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    # Per language version, the wording of typed answers for that version: {"fr": {"spokespersons": ...}}.
    wording: dict[str, dict[str, str]] = field(default_factory=dict)


# The key of an answers file that holds each language version's wording of typed answers.
WORDING = "wording"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def read_answers(path: Path | str, interview: Interview, language: str = "en") -> dict[str, Any]:
    """The relevant answers in `path`, validated; AnswersFileError otherwise.

    `language` words the defaults of the text questions left out (the policy's language, where the
    interview exists in it).
    """
    return check_answers(path, interview, language).answers


def check_answers(path: Path | str, interview: Interview, language: str = "en") -> AnswersReport:
    path = Path(path)
    name = str(path)
    try:
        text = read_text(path, max_bytes=_MAX_FILE_BYTES)
    except FileTooLarge:
        raise AnswersFileError(
            [Problem(name, None, None, "is too large for an answers file (over 1 MB)")]
        ) from None
    except DataFileError as error:  # not text, or not readable
        raise AnswersFileError([Problem(name, None, None, error.problem)]) from None
    return check_answers_text(text, interview, name, language)


def check_answers_text(
    text: str, interview: Interview, name: str = "answers", language: str = "en"
) -> AnswersReport:
    try:
        data = parse_yaml(text, name)
    except DataFileError as error:
        raise AnswersFileError([Problem(name, error.line, None, error.problem)]) from None
    if data is None:
        data = Located()
    if not isinstance(data, dict):
        raise AnswersFileError(
            [Problem(name, line_of(data), None, "must be a mapping of question id to answer")]
        )
    return _walk(data, interview, name, language)


def _walk(data: dict[Any, Any], interview: Interview, name: str, language: str) -> AnswersReport:
    english = interview.language("en")
    problems: list[Problem] = []
    notes: list[str] = []
    for key in data:
        if key != WORDING and key not in interview.by_id:
            from rapidfuzz import process  # slow to import: only for a key that is not a question

            close = process.extractOne(str(key), list(interview.by_id), score_cutoff=70)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                Problem(name, line_of(data, key), str(key), f"is not a question of the interview{hint}")
            )
    answers: dict[str, Any] = {}
    skipped: set[str] = set()
    route = Route(interview.questions, answers, skipped)
    for question in interview.questions:
        line = line_of(data, question.id) if question.id in data else None
        given = data.get(question.id)
        status = route.status(question.index)
        if status is Status.IMPLIED:
            answers[question.id] = route.implied_answer(question)
        if status in (Status.OFF, Status.IMPLIED) and question.id in data:
            notes.append(f"line {line}: '{question.id}' is not asked with these answers, so it is ignored")
        if status is not Status.ON:
            # OPEN: it hangs on an answer reported as wrong or missing; reporting it too would be noise.
            continue
        if given is not None:
            try:
                answers[question.id] = _coerce(interview, question, given, english)
            except AnswerError as error:
                problems.append(Problem(name, line, question.id, f"{error} {allowed(question)}"))
        elif (default := interview.default(question, language, answers)) is not None:
            answers[question.id] = default
            notes.append(f"'{question.id}' is not given, so its default is used: {default}")
        elif question.skippable:
            skipped.add(question.id)
        else:
            problems.append(Problem(name, None, question.id, f"the answer is missing. {allowed(question)}"))
        route.invalidate(question.index)
    wording = _wording(data, interview, answers, name, problems, notes)
    if problems:
        raise AnswersFileError(problems)
    return AnswersReport(answers, notes, wording)


def _wording(
    data: dict[Any, Any],
    interview: Interview,
    answers: dict[str, Any],
    name: str,
    problems: list[Problem],
    notes: list[str],
) -> dict[str, dict[str, str]]:
    """The `wording:` mapping: for a language version, the words a typed answer takes in it.

        spokespersons: de zaakvoerder en de marketingassistent
        wording:
          fr: {spokespersons: le gérant et l'assistante marketing}

    Only text answers can have a wording; each is checked like the answer itself.
    """
    given = data.get(WORDING)
    if given is None:
        return {}
    english = interview.language("en")
    if not isinstance(given, dict):
        problems.append(
            Problem(name, line_of(data, WORDING), WORDING, "must map a language code to typed answers")
        )
        return {}
    wording: dict[str, dict[str, str]] = {}
    for code, texts in given.items():
        line = line_of(given, code)
        if not isinstance(code, str) or not _LANGUAGE_CODE.match(code):
            problems.append(Problem(name, line, WORDING, f"{_SHORT.repr(code)} is not a language code"))
            continue
        if not isinstance(texts, dict):
            problems.append(
                Problem(name, line, WORDING, f"'{code}' must map question ids to the words for that version")
            )
            continue
        for question_id, value in texts.items():
            where = line_of(texts, question_id)
            question = interview.by_id.get(question_id) if isinstance(question_id, str) else None
            if question is None or not question.kind.is_text:
                what = f"{_SHORT.repr(question_id)} is not a question answered in words"
                problems.append(Problem(name, where, WORDING, what))
                continue
            if question_id not in answers:
                notes.append(f"line {where}: '{question_id}' is not answered; its {code} wording is ignored")
                continue
            try:
                wording.setdefault(code, {})[question_id] = validate(
                    question, str(value) if isinstance(value, int | float) else value, english
                )
            except AnswerError as error:
                problems.append(Problem(name, where, question_id, f"{error} {allowed(question)}"))
    return wording


def _coerce(interview: Interview, question: Question, value: Any, language: Language) -> Any:
    kind = question.kind
    if kind.has_choices and isinstance(value, str | list):
        items = value if isinstance(value, list) else [value]
        if kind is Kind.MULTI and isinstance(value, str):
            understood = interpret(interview, question, value, language.code)
            if isinstance(understood, Understood):
                return understood.value
        if kind is Kind.SINGLE and len(items) != 1:
            # One choice, written as a list of one at most; never the first of several.
            raise AnswerError(language.message("choose_one", options=", ".join(question.choices)))
        chosen = [_choice(interview, question, item, language) for item in items]
        return validate(question, chosen if kind is Kind.MULTI else chosen[0], language)
    if (
        (kind.is_text or kind is Kind.EMAIL)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        value = str(value)
    if isinstance(value, str) and not (kind.is_text or kind is Kind.EMAIL):
        understood = interpret(interview, question, value, language.code)
        if not isinstance(understood, Understood):
            raise AnswerError(understood.message)
        return understood.value
    return validate(question, value, language)


def _choice(interview: Interview, question: Question, item: Any, language: Language) -> str:
    if isinstance(item, str):
        if item in question.choices:
            return item
        try:
            return match_choice(interview, question, item, language)
        except AnswerError:
            pass
    raise AnswerError(f"{_SHORT.repr(item)} is not one of the choices.")


# Values quoted back in a message: a few items and characters, however large the value.
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 2, 4, 4, 40, 40


def allowed(question: Question) -> str:
    """What an answers file may give for `question`, in one sentence."""
    rules = question.validation
    kind = question.kind
    if kind is Kind.SINGLE:
        return f"Allowed: {', '.join(question.choices)}."
    if kind is Kind.MULTI:
        return f"Allowed: a list of {', '.join(question.choices)}."
    if kind is Kind.YESNO:
        return "Allowed: true or false."
    if kind is Kind.NUMBER:
        return f"Allowed: a whole number from {rules.min} to {rules.max}."
    if kind is Kind.DATE:
        return f"Allowed: a date (YYYY-MM-DD) from {rules.min} to {rules.max}."
    if kind is Kind.EMAIL:
        return "Allowed: an e-mail address."
    low, high = rules.min_length or 1, rules.max_length
    return (
        f"Allowed: text of {low} to {high} characters."
        if high
        else f"Allowed: text of at least {low} characters."
    )
