"""Read the interview's texts in every language (lang/<code>.yaml) and its typed words (words.yaml),
and check them against the questions: a missing text, label or message is a load error naming the
file, the line and the question, never a silent English fallback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dialogue.errors import DefinitionError
from dialogue.interpret import fold
from dialogue.model import DATE_FORMAT, Language, Question, QuestionText
from dialogue.served import FALLBACK, FORMS, SECTOR
from dialogue.validation import check
from dialogue.yamlsource import Located, line_of, read_yaml

_TEXT_KEYS = {"text", "why", "hint", "choices", "aliases", "default"}


def require_keys(
    mapping: Located, keys: set[str], file: Path, what: str, question: str | None = None
) -> None:
    missing = sorted(keys - set(mapping))
    if missing:
        raise DefinitionError(
            f"{what} needs '{missing[0]}'", file=file, line=line_of(mapping), question=question
        )


def read_languages(
    folder: Path, sections: tuple[str, ...], questions: tuple[Question, ...]
) -> dict[str, Language]:
    files = sorted(folder.glob("*.yaml"))
    if not any(file.stem == "en" for file in files):
        raise DefinitionError("the English texts (en.yaml) are missing", file=folder / "en.yaml")
    languages = {file.stem: _language(file, sections, questions) for file in files}
    english = languages["en"]
    for language in languages.values():
        missing = sorted(set(english.messages) - set(language.messages))
        if missing:
            raise DefinitionError(f"message '{missing[0]}' is missing", file=language.file)
        unlike = sorted(set(english.served) ^ set(language.served))
        if unlike:
            raise DefinitionError(
                f"'served' must have the entries of en.yaml: '{unlike[0]}' is in one of them only",
                file=language.file,
            )
        for question in questions:
            if (english.questions[question.id].default is None) != (
                language.questions[question.id].default is None
            ):
                raise DefinitionError(
                    "the default must be given in every language or in none",
                    file=language.file,
                    question=question.id,
                )
    return languages


def _language(file: Path, sections: tuple[str, ...], questions: tuple[Question, ...]) -> Language:
    data = read_yaml(file)
    if not isinstance(data, Located):
        raise DefinitionError(
            "must be a mapping with 'language', 'sections', 'questions' and 'messages'", file=file
        )
    require_keys(data, {"language", "name", "sections", "questions", "messages"}, file, "a language file")
    if data["language"] != file.stem:
        raise DefinitionError(
            f"says language '{data['language']}' but the file is named {file.name}",
            file=file,
            line=line_of(data, "language"),
        )
    section_texts = data["sections"]
    for section in sections:
        if not is_text(section_texts.get(section) if isinstance(section_texts, dict) else None):
            raise DefinitionError(
                f"the name of section '{section}' is missing", file=file, line=line_of(data, "sections")
            )
    texts = data["questions"]
    if not isinstance(texts, Located):
        raise DefinitionError(
            "'questions' must be a mapping of question id to texts",
            file=file,
            line=line_of(data, "questions"),
        )
    known = {question.id for question in questions}
    for question_id in texts:
        if question_id not in known:
            raise DefinitionError(
                "has texts for a question that does not exist",
                file=file,
                line=line_of(texts, question_id),
                question=str(question_id),
            )
    question_texts = {question.id: _question_text(question, texts, file) for question in questions}
    messages = data["messages"]
    if not isinstance(messages, Located) or not all(
        isinstance(key, str) and is_text(value) for key, value in messages.items()
    ):
        raise DefinitionError(
            "'messages' must map each message name to a text (write yes, no, on and off in quotes)",
            file=file,
            line=line_of(data, "messages"),
        )
    served = _served(data, file, questions)
    _check_placeholders(file, data, section_texts, texts, served)
    return Language(
        code=file.stem,
        name=str(data["name"]),
        sections=dict(section_texts),
        questions=question_texts,
        messages={str(key): str(value) for key, value in messages.items()},
        file=file,
        served=served,
        date_format=_date_format(data, file),
    )


def _date_format(data: Located, file: Path) -> str:
    """`dates: "%d.%m.%Y"`: how the language writes a day (German with dots); day/month/year by default."""
    written = data.get("dates", DATE_FORMAT)
    if not isinstance(written, str) or sorted(re.findall(r"%(.)", written)) != ["Y", "d", "m"]:
        raise DefinitionError(
            "'dates' must write a day with %d, %m and %Y once each, such as \"%d.%m.%Y\"",
            file=file,
            line=line_of(data, "dates"),
        )
    return written


def _served(data: Located, file: Path, questions: tuple[Question, ...]) -> dict[str, dict[str, str]]:
    """The `served` table (dialogue.served), checked against the questions: every sector it names is a
    choice of the sector question, every follow-up a choice of its question."""
    table = data.get("served")
    if table is None:
        return {}
    line = line_of(data, "served")
    if not isinstance(table, Located) or not table:
        raise DefinitionError("'served' must map sectors to the forms of a noun", file=file, line=line)
    by_id = {question.id: question for question in questions}
    sectors = by_id[SECTOR].choices if SECTOR in by_id else ()
    result: dict[str, dict[str, str]] = {}
    for key, forms in table.items():
        where = line_of(table, key)
        sector, _, condition = str(key).partition(" ")
        question_id, _, choice = condition.partition("=")
        if sector not in sectors and sector != FALLBACK:
            raise DefinitionError(f"'served' names '{sector}', which is no sector", file=file, line=where)
        if condition and (question_id not in by_id or choice not in by_id[question_id].choices):
            raise DefinitionError(
                f"'served' entry '{key}': write 'SECTOR QUESTION=CHOICE' with a choice of that question",
                file=file,
                line=where,
            )
        wanted = set(FORMS.values())
        if (
            not isinstance(forms, dict)
            or "many" not in forms
            or not set(forms) <= wanted
            or not all(is_text(word) for word in forms.values())
        ):
            raise DefinitionError(
                f"'served' entry '{key}' must give the noun's forms as texts: many (and dat_many)",
                file=file,
                line=where,
            )
        result[str(key)] = {form: str(word).strip() for form, word in forms.items()}
    if FALLBACK not in result:
        raise DefinitionError(
            f"'served' needs an entry '{FALLBACK}', used before the sector is known", file=file, line=line
        )
    return result


def _check_placeholders(
    file: Path, data: Located, sections: Any, texts: Located, served: dict[str, dict[str, str]]
) -> None:
    """A text that says {served} needs the `served` table; any other {served...} is a misspelling."""
    known = set(FORMS)
    places: list[tuple[str, int | None]] = [
        (str(title), line_of(data, "sections")) for title in dict(sections).values()
    ]
    for entry in texts.values():
        if isinstance(entry, dict):
            for key in ("text", "why", "hint"):
                if isinstance(entry.get(key), str):
                    places.append((entry[key], line_of(entry, key) if isinstance(entry, Located) else None))
    for text, line in places:
        for placeholder in re.findall(r"\{[Ss]erv[^}]*\}", text):
            if placeholder not in known:
                raise DefinitionError(
                    f"unknown placeholder {placeholder} (use {', '.join(sorted(known))})",
                    file=file,
                    line=line,
                )
            if not served:
                raise DefinitionError(
                    f"says {placeholder} but the file has no 'served' table", file=file, line=line
                )


def _question_text(question: Question, texts: Located, file: Path) -> QuestionText:
    entry = texts.get(question.id)
    line = line_of(texts, question.id) if entry is not None else line_of(texts)

    def fail(message: str, key: str | None = None) -> DefinitionError:
        where = line_of(entry, key) if key and isinstance(entry, Located) else line
        return DefinitionError(message, file=file, line=where, question=question.id)

    if entry is None:
        raise fail("the question's text is missing")
    if not isinstance(entry, Located):
        raise fail("texts must be a mapping with 'text' and 'why'")
    unknown = sorted(set(entry) - _TEXT_KEYS)
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'", unknown[0])
    for key in ("text", "why"):
        if not is_text(entry.get(key)):
            raise fail(f"the question's '{key}' text is missing", key)
    labels = entry.get("choices", {})
    if not isinstance(labels, dict):
        raise fail("'choices' must map each choice id to its label", "choices")
    for choice in question.choices:
        if not is_text(labels.get(choice)):
            raise fail(f"the label of choice '{choice}' is missing", "choices")
    extra = sorted(set(labels) - set(question.choices))
    if extra:
        raise fail(f"has a label for '{extra[0]}', which is not a choice", "choices")
    aliases = entry.get("aliases", {})
    if not isinstance(aliases, dict):
        raise fail("'aliases' must map choice ids to lists of words", "aliases")
    for key, words in aliases.items():
        if key not in question.choices:
            raise fail(f"has aliases for '{key}', which is not a choice", "aliases")
        if not isinstance(words, list) or not all(is_text(word) for word in words):
            raise fail(
                f"the aliases of '{key}' must be a list of words (write yes, no, on and off in quotes)",
                "aliases",
            )
    default = entry.get("default")
    if default is not None:
        problem = None if question.kind.is_text else "only text questions have a default here"
        problem = problem or check(question, default, None)
        if problem is not None:
            raise fail(f"default {default!r} is not a valid answer: {problem}", "default")
    return QuestionText(
        text=entry["text"].strip(),
        why=entry["why"].strip(),
        hint=str(entry.get("hint", "")).strip(),
        default=default.strip() if isinstance(default, str) else None,
        choices={choice: labels[choice].strip() for choice in question.choices},
        aliases={key: tuple(str(word) for word in words) for key, words in aliases.items()},
    )


WORD_GROUPS = ("yes", "no", "none", "all", "today", "tomorrow")


def read_words(file: Path) -> dict[str, frozenset[str]]:
    data = read_yaml(file)
    if not isinstance(data, Located):
        raise DefinitionError(f"must map {', '.join(WORD_GROUPS)} to words per language", file=file)
    words: dict[str, frozenset[str]] = {}
    for group in WORD_GROUPS:
        by_language = data.get(group)
        if not isinstance(by_language, Located) or not all(
            isinstance(values, list) and all(is_text(value) for value in values)
            for values in by_language.values()
        ):
            raise DefinitionError(
                f"'{group}' must map each language to a list of words (write yes, no, on and off in quotes)",
                file=file,
                line=line_of(data, group) if group in data else None,
            )
        words[group] = frozenset(fold(value) for values in by_language.values() for value in values)
    return words


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
