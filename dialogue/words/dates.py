"""Dates as Belgians type them: 25/11/2026, 25.11.2026, 2026-11-25, 25 november 2026, 1er mars 2027,
3. März 2027, "vandaag", "demain"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from dialogue.errors import AnswerError
from dialogue.words.choices import fold
from dialogue.words.phrases import split

if TYPE_CHECKING:
    from dialogue.interpret import Context, Reading

_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_LANGUAGES = ("en", "nl", "fr", "de")


def prepare() -> None:
    """Read the month names now: Babel's locale data takes 30 ms the first time."""
    _month_names()


@cache
def _month_names() -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for code in _DATE_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=code).items():
                names[fold(name).rstrip(".")] = number
    names.pop("", None)
    return names


def read_date(context: Context, text: str) -> Reading:
    from dialogue.interpret import Reading

    interview, language = context.interview, context.language
    text = _without_opener(context, text)
    folded = fold(text)
    today = date.today()
    if folded in interview.words["today"]:
        return Reading(today)
    if folded in interview.words["tomorrow"]:
        return Reading(today + timedelta(days=1))
    stripped = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO_DATE.match(stripped):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC_DATE.match(stripped):
        year = int(match[3])
        parts = (year + 2000 if year < 100 else year, int(match[2]), int(match[1]))
    else:
        parts = _read_worded_date(folded)
    if parts is None:
        raise AnswerError(language.message("need_date"))
    try:
        return Reading(date(*parts))
    except ValueError:
        raise AnswerError(language.message("bad_date", text=stripped)) from None


def _without_opener(context: Context, text: str) -> str:
    """The date without the words said before it: "ab dem 1. März 2027", "à partir du 1er mars 2027"."""
    tokens = split(text)
    size = context.words.date_openers.length_at([token.word for token in tokens], 0)
    return text[tokens[size].start :] if 0 < size < len(tokens) else text


def _read_worded_date(folded: str) -> tuple[int, int, int] | None:
    """25 november 2026, 1er mars 2027, 3 feb. 2027, November 25, 2026."""
    months = _month_names()
    words = folded.replace(",", " ").split()
    words = [re.sub(r"^(\d{1,2})(?:st|nd|rd|th|er|e|ste|de)$", r"\1", word) for word in words]
    if len(words) != 3:
        return None
    for day, month, year in ((words[0], words[1], words[2]), (words[1], words[0], words[2])):
        if (
            day.isdecimal()
            and len(day) <= 2
            and year.isdecimal()
            and len(year) == 4
            and month.rstrip(".") in months
        ):
            return int(year), months[month.rstrip(".")], int(day)
    return None
