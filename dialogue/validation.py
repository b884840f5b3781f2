"""Check a typed answer against its question and put it in canonical form."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from dialogue.errors import AnswerError
from dialogue.model import Kind, Language, Question

_EMAIL = re.compile(
    r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_EMAIL_MAX = 254
# Embedding and override marks can make text display in a different order than it reads.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: str, *, multiline: bool) -> str:
    """Normalise typed text: NFC, no control characters, single spaces; newlines only where allowed."""
    if value.isascii() and value.isprintable():
        return " ".join(value.split())  # already NFC, with no control character or newline
    value = unicodedata.normalize("NFC", value)
    kept = []
    for character in value:
        if character in "\n\r" and multiline:
            kept.append("\n")
        elif character in "\t\n\r\v\f\x85\u2028\u2029":
            kept.append(" ")
        elif unicodedata.category(character) in ("Cc", "Cs", "Co", "Cn") or character in _BIDI_CONTROLS:
            continue
        else:
            kept.append(character)
    text = "".join(kept)
    if multiline:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return " ".join(text.split())


def options_text(question: Question, language: Language) -> str:
    """The choices as the user sees them, numbered: "1. Works council, 2. ..." (never their ids)."""
    labels = language.questions[question.id].choices
    return ", ".join(f"{number}. {labels[choice]}" for number, choice in enumerate(question.choices, 1))


def _options(question: Question, language: Language | None) -> str:
    return ", ".join(question.choices) if language is None else options_text(question, language)


def validate(question: Question, value: Any, language: Language | None) -> Any:
    """Return `value` in canonical form, or raise AnswerError with a message for the user."""

    def fail(key: str, **params: Any) -> AnswerError:
        if language is None:
            details = ", ".join(f"{name}={param}" for name, param in params.items())
            return AnswerError(f"{key} ({details})" if details else key)
        return AnswerError(language.message(key, **params))

    rules = question.validation
    kind = question.kind
    if kind is Kind.SINGLE:
        if not isinstance(value, str) or value not in question.choices:
            raise fail("choose_one", options=_options(question, language))
        return value
    if kind is Kind.MULTI:
        if not isinstance(value, list | tuple | set | frozenset) or not all(
            isinstance(item, str) and item in question.choices for item in value
        ):
            raise fail("choose_many", options=_options(question, language))
        chosen = [choice for choice in question.choices if choice in value]
        if rules.min_choices is not None and len(chosen) < rules.min_choices:
            raise fail("too_few_choices", min=rules.min_choices)
        if rules.max_choices is not None and len(chosen) > rules.max_choices:
            raise fail("too_many_choices", max=rules.max_choices)
        return chosen
    if kind is Kind.YESNO:
        if not isinstance(value, bool):
            raise fail("yes_or_no")
        return value
    if kind is Kind.NUMBER:
        if type(value) is not int:
            raise fail("need_number", example=rules.min if rules.min is not None else 1)
        if rules.min is not None and value < rules.min:
            raise fail("too_small", min=rules.min)
        if rules.max is not None and value > rules.max:
            raise fail("too_large", max=rules.max)
        return value
    if kind is Kind.DATE:
        if type(value) is not date:
            raise fail("need_date")
        if isinstance(rules.min, date) and value < rules.min:
            raise fail("date_too_early", min=_day(rules.min, language))  # each language writes its days
        if isinstance(rules.max, date) and value > rules.max:
            raise fail("date_too_late", max=_day(rules.max, language))
        return value
    if not isinstance(value, str):
        raise fail("need_email" if kind is Kind.EMAIL else "empty")
    text = clean_text(value, multiline=kind is Kind.LONG_TEXT)
    if not text:
        raise fail("empty")
    if kind is Kind.EMAIL:
        if len(text) > _EMAIL_MAX or not _EMAIL.match(text) or ".." in text:
            raise fail("need_email")
        local, domain = text.rsplit("@", 1)
        return f"{local}@{domain.lower()}"
    if rules.min_length is not None and len(text) < rules.min_length:
        raise fail("too_short", min=rules.min_length)
    if rules.max_length is not None and len(text) > rules.max_length:
        raise fail("too_long", max=rules.max_length)
    if rules.pattern is not None and not re.fullmatch(rules.pattern, text):
        raise fail("pattern", text=text)
    return text


def check(question: Question, value: Any, language: Language | None) -> str | None:
    """The problem with `value`, or None when it is a valid answer."""
    try:
        validate(question, value, language)
    except AnswerError as error:
        return str(error)
    return None


def _day(day: date, language: Language | None) -> str:
    return language.date(day) if language else day.isoformat()
