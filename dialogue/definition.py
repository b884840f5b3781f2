"""Read the interview from YAML and validate it, so every mistake is one clear line, never a traceback.

Checked when it loads: unknown keys and kinds, duplicate ids, conditions that name an unknown or later
question or a choice that does not exist, and questions that can never be asked; the texts of every
language are read and checked by dialogue.definition_texts.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from datafiles.marks import short
from dialogue.conditions import Condition, ConditionError, compile_condition
from dialogue.definition_texts import is_text, read_languages, read_words, require_keys
from dialogue.errors import DefinitionError
from dialogue.length import defaults_offered, still_to_answer
from dialogue.model import Interview, Kind, Question, Validation
from dialogue.paths import reachable_questions
from dialogue.route import Route
from dialogue.validation import check
from dialogue.yamlsource import Located, line_of, read_yaml

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_QUESTION_KEYS = {
    "id",
    "section",
    "kind",
    "choices",
    "default",
    "defaults",
    "detail",
    "duties",
    "implied",
    "skippable",
    "validate",
    "when",
    "landmarks",
}
_VALIDATION_KEYS = {
    Kind.TEXT: {"min_length", "max_length", "pattern"},
    Kind.LONG_TEXT: {"min_length", "max_length", "pattern"},
    Kind.EMAIL: {"max_length"},
    Kind.NUMBER: {"min", "max"},
    Kind.DATE: {"min", "max"},
    Kind.MULTI: {"min_choices", "max_choices"},
    Kind.SINGLE: set(),
    Kind.YESNO: set(),
}


def read_interview(folder: Path) -> Interview:
    """Read the interview in `folder` from its YAML and validate all of it."""
    structure_file = folder / "questions.yaml"
    data = read_yaml(structure_file)
    if not isinstance(data, Located):
        raise DefinitionError(
            "must be a mapping with 'version', 'sections' and 'questions'", file=structure_file
        )
    require_keys(data, {"version", "sections", "questions"}, structure_file, "the interview")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DefinitionError(
            "'version' must be a whole number", file=structure_file, line=line_of(data, "version")
        )
    sections = _sections(data, structure_file)
    questions = _questions(data, sections, structure_file)
    languages = read_languages(folder / "lang", sections, questions)
    words = read_words(folder / "words.yaml")
    title = data.get("draft_title")
    if title is not None and (title not in {q.id for q in questions} or not is_text(title)):
        raise DefinitionError(
            f"'draft_title' names '{title}', which is not a question",
            file=structure_file,
            line=line_of(data, "draft_title"),
        )
    interview = Interview(version, sections, questions, languages, folder, title, words)
    for question in questions:
        for _, message in question.duties:
            if message not in languages["en"].messages:
                raise DefinitionError(
                    f"'duties' says '{message}', which is not a message of the language files",
                    file=structure_file,
                    line=question.line,
                    question=question.id,
                )
    _check_reachable(interview, structure_file)
    interview.blank_route = tuple(status.value for status in Route(questions, {}, set()).statuses())
    blank = still_to_answer(interview, {}, (), defaults_offered(interview))
    interview.blank_span = (blank.fewest, blank.most)
    return interview


def _sections(data: Located, file: Path) -> tuple[str, ...]:
    sections = data["sections"]
    if not isinstance(sections, list) or not sections:
        raise DefinitionError(
            "'sections' must be a list of section ids", file=file, line=line_of(data, "sections")
        )
    seen: set[str] = set()
    for index, section in enumerate(sections):
        line = line_of(sections, index)
        if not isinstance(section, str) or not _ID.match(section):
            raise DefinitionError(f"section id {section!r} must be lower_snake_case", file=file, line=line)
        if section in seen:
            raise DefinitionError(f"duplicate section id '{section}'", file=file, line=line)
        seen.add(section)
    return tuple(sections)


def _questions(data: Located, sections: tuple[str, ...], file: Path) -> tuple[Question, ...]:
    entries = data["questions"]
    if not isinstance(entries, list) or not entries:
        raise DefinitionError("'questions' must be a list", file=file, line=line_of(data, "questions"))
    questions: list[Question] = []
    by_id: dict[str, Question] = {}
    for index, entry in enumerate(entries):
        question = _question(entry, index, line_of(entries, index) or 0, sections, file)
        if question.id in by_id:
            first = by_id[question.id].line
            raise DefinitionError(
                f"duplicate id (first defined on line {first})",
                file=file,
                line=question.line,
                question=question.id,
            )
        if question.when is not None:
            _check_condition(question, question.when, by_id, file)
        for condition, _ in (*question.defaults, *question.implied):
            _check_condition(question, condition, by_id, file)
        by_id[question.id] = question
        for condition, _ in question.duties:  # after the answer: it may name the question itself
            _check_condition(question, condition, by_id, file, itself=True)
        questions.append(question)
    for question in questions:
        _check_detail(question, by_id, file)
    return tuple(questions)


def _check_detail(question: Question, by_id: dict[str, Question], file: Path) -> None:
    """`detail` names the later text question that keeps what a typed answer says beyond the choice."""
    if question.detail is None:
        return
    detail = by_id.get(question.detail)
    problem = None
    if detail is None:
        problem = f"'detail' names '{question.detail}', which is not a question"
    elif not detail.kind.is_text:
        problem = f"'detail' names '{detail.id}', which is not a text question"
    elif detail.index <= question.index:
        problem = f"'detail' names '{detail.id}', which is not asked after this question"
    if problem:
        raise DefinitionError(problem, file=file, line=question.line, question=question.id)


def _question(entry: Any, index: int, line: int, sections: tuple[str, ...], file: Path) -> Question:
    if not isinstance(entry, Located):
        raise DefinitionError("each question must be a mapping", file=file, line=line)
    question_id = entry.get("id")
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise DefinitionError(f"question id {question_id!r} must be lower_snake_case", file=file, line=line)

    def fail(message: str, key: str | None = None) -> DefinitionError:
        return DefinitionError(
            message, file=file, line=line_of(entry, key) if key else line, question=question_id
        )

    unknown = sorted(set(entry) - _QUESTION_KEYS)
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'", unknown[0])
    require_keys(entry, {"section", "kind"}, file, "a question", question_id)
    if entry["section"] not in sections:
        raise fail(f"section '{entry['section']}' is not in the list of sections", "section")
    try:
        kind = Kind(entry["kind"])
    except ValueError:
        raise fail(f"kind '{entry['kind']}' is not one of {', '.join(Kind)}", "kind") from None

    choices = entry.get("choices", [])
    if kind.has_choices:
        if not isinstance(choices, list) or len(choices) < 2:
            raise fail("a choice question needs a list of at least two choices", "choices")
        for choice_index, choice in enumerate(choices):
            if not isinstance(choice, str) or not _ID.match(choice):
                raise DefinitionError(
                    f"choice id {choice!r} must be lower_snake_case",
                    file=file,
                    line=line_of(choices, choice_index),
                    question=question_id,
                )
        if len(set(choices)) != len(choices):
            raise fail("duplicate choice id", "choices")
    elif "choices" in entry:
        raise fail(f"a {kind} question has no choices", "choices")

    validation = _validation(entry.get("validate", {}), kind, fail)
    skippable = entry.get("skippable", False)
    if not isinstance(skippable, bool):
        raise fail("'skippable' must be true or false", "skippable")

    when = None
    if "when" in entry:
        try:
            when = compile_condition(entry["when"])
        except ConditionError as error:
            raise fail(str(error), "when") from None

    landmarks = entry.get("landmarks", [])
    if kind is not Kind.NUMBER and landmarks:
        raise fail("only number questions have landmarks", "landmarks")
    if not isinstance(landmarks, list) or not all(type(value) is int for value in landmarks):
        raise fail("'landmarks' must be a list of whole numbers", "landmarks")

    detail = entry.get("detail")
    if detail is not None and (kind not in (Kind.YESNO, Kind.SINGLE) or not isinstance(detail, str)):
        raise fail("only a yes/no or single-choice question has a 'detail' question", "detail")
    if detail is not None and not _ID.match(detail):
        raise fail("'detail' must be the id of a later text question", "detail")

    question = Question(
        id=question_id,
        section=entry["section"],
        kind=kind,
        index=index,
        line=line,
        choices=tuple(choices),
        skippable=skippable,
        validation=validation,
        when=when,
        landmarks=tuple(landmarks),
        detail=detail,
    )
    if "default" in entry:
        if kind.is_text:
            raise fail(
                "a text question's default is worded per language: put it in each language file", "default"
            )

        default = entry["default"]
        problem = check(question, default, None)
        if problem is not None:
            raise fail(f"default {default!r} is not a valid answer: {problem}", "default")
        question.default = _plain(default)
    question.defaults = _conditional_defaults(entry, question, fail)
    question.duties = _duties(entry, fail)
    question.implied = _implied(entry, question, fail)
    return question


def _implied(entry: Located, question: Question, fail: Any) -> tuple[tuple[Any, Any], ...]:
    """`implied`: a list of {when, value}: when the earlier answers make `when` hold, the question is
    not asked and `value` is its answer (guidelines for customer service answer customers)."""
    if "implied" not in entry:
        return ()
    entries = entry["implied"]
    if not isinstance(entries, list) or not entries:
        raise fail("'implied' must be a list of {when, value}", "implied")
    found: list[tuple[Any, Any]] = []
    for item in entries:
        if not isinstance(item, dict) or set(item) != {"when", "value"}:
            raise fail("each of 'implied' must have exactly 'when' and 'value'", "implied")
        try:
            condition = compile_condition(item["when"])
        except ConditionError as error:
            raise fail(str(error), "implied") from None
        problem = check(question, item["value"], None)
        if problem is not None:
            raise fail(f"implied answer {item['value']!r} is not a valid answer: {problem}", "implied")
        found.append((condition, _plain(item["value"])))
    return tuple(found)


def _duties(entry: Located, fail: Any) -> tuple[tuple[Any, str], ...]:
    """`duties`: a list of {when, say}: a legal duty the answer shows unmet, said at once in the
    message `say` (every language file has it) when `when` holds over the answers up to this one."""
    if "duties" not in entry:
        return ()
    entries = entry["duties"]
    if not isinstance(entries, list) or not entries:
        raise fail("'duties' must be a list of {when, say}", "duties")
    found: list[tuple[Any, str]] = []
    for item in entries:
        if not isinstance(item, dict) or set(item) != {"when", "say"} or not isinstance(item["say"], str):
            raise fail("each of 'duties' must have exactly 'when' and 'say' (a message name)", "duties")
        try:
            found.append((compile_condition(item["when"]), item["say"]))
        except ConditionError as error:
            raise fail(str(error), "duties") from None
    return tuple(found)


def _conditional_defaults(entry: Located, question: Question, fail: Any) -> tuple[tuple[Any, Any], ...]:
    """`defaults`: a list of {when, value}; the first whose condition holds over the earlier answers is
    offered instead of `default` (e.g. the functions an organisation of that size usually has)."""
    if "defaults" not in entry:
        return ()
    entries = entry["defaults"]
    if question.kind.is_text:
        raise fail("a text question's default is worded per language: it has no 'defaults'", "defaults")
    if not isinstance(entries, list) or not entries:
        raise fail("'defaults' must be a list of {when, value}", "defaults")
    found: list[tuple[Any, Any]] = []
    for item in entries:
        if not isinstance(item, dict) or set(item) != {"when", "value"}:
            raise fail("each of 'defaults' must have exactly 'when' and 'value'", "defaults")
        try:
            condition = compile_condition(item["when"])
        except ConditionError as error:
            raise fail(str(error), "defaults") from None
        problem = check(question, item["value"], None)
        if problem is not None:
            raise fail(f"default {item['value']!r} is not a valid answer: {problem}", "defaults")
        found.append((condition, _plain(item["value"])))
    return tuple(found)


def _plain(value: Any) -> Any:
    """A value read from YAML as plain data: a list of choices is a list, not the reader's own type."""
    return [str(item) for item in value] if isinstance(value, list) else value


def _validation(spec: Any, kind: Kind, fail: Any) -> Validation:
    if not isinstance(spec, dict):
        raise fail("'validate' must be a mapping", "validate")
    allowed = _VALIDATION_KEYS[kind]
    for key, value in spec.items():
        if key not in allowed:
            hint = f"; a {kind} question allows {', '.join(sorted(allowed))}" if allowed else ""
            raise fail(f"validation '{key}' does not apply to a {kind} question{hint}", "validate")
        if key == "pattern":
            try:
                re.compile(value)
            except (re.error, TypeError) as error:
                raise fail(
                    f"pattern {value!r} is not a valid regular expression ({error})", "validate"
                ) from None
        elif kind is Kind.DATE:
            if not isinstance(value, date):
                raise fail(f"'{key}' must be a date written as YYYY-MM-DD", "validate")
        elif type(value) is not int or value < 0:
            raise fail(f"'{key}' must be a whole number of at least 0", "validate")
    validation = Validation(**spec)
    for low, high in (("min_length", "max_length"), ("min", "max"), ("min_choices", "max_choices")):
        lower, upper = getattr(validation, low), getattr(validation, high)
        if lower is not None and upper is not None and lower > upper:
            raise fail(f"'{low}' is greater than '{high}'", "validate")
    return validation


def _check_condition(
    question: Question,
    condition: Condition,
    earlier: dict[str, Question],
    file: Path,
    *,
    itself: bool = False,
) -> None:
    def fail(message: str) -> DefinitionError:
        return DefinitionError(message, file=file, line=question.line, question=question.id)

    for name in condition.names:
        if name == question.id and not itself:
            raise fail(f"the condition {short(condition.source)} names the question itself")
        if name not in earlier:
            raise fail(
                f"the condition {short(condition.source)} names '{name}', which is not an earlier question"
            )
    for comparison in condition.comparisons:
        named = earlier[comparison.name]
        if not named.kind.has_choices:
            continue
        for constant in comparison.constants:
            if constant not in named.choices:
                raise fail(
                    f"the condition {short(condition.source)} uses '{constant}', which is not a choice of "
                    f"'{named.id}' ({', '.join(named.choices)})"
                )


def _check_reachable(interview: Interview, file: Path) -> None:
    """Every question must be asked on some path: its condition must hold for some earlier answers."""
    reached = reachable_questions(interview)
    for question in interview.questions:
        if question.id not in reached:
            raise DefinitionError(
                f"can never be asked: no answers to earlier questions make '{question.when.source}' true"
                if question.when
                else "can never be asked",
                file=file,
                line=question.line,
                question=question.id,
            )
