"""The functions clause templates call to word things in their language: choice labels, lists, dates."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import babel.dates
import babel.lists


def language_helpers(code: str, strings: Mapping[str, str]) -> dict[str, Callable[..., Any]]:
    """`choice`, `choices`, `format_date` and `format_list`, in the language whose texts are `strings`."""
    locale = strings["language.locale"]

    def choice(group: str, choice_id: str) -> str:
        key = f"choices.{group}.{choice_id}"
        if key not in strings:
            raise LookupError(f"no text {key!r} in {code}/strings.yaml")
        return strings[key]

    def choices(group: str, choice_ids: Sequence[str]) -> str:
        return babel.lists.format_list([choice(group, choice_id) for choice_id in choice_ids], locale=locale)

    long_date, first_of_month = strings["dates.long"], strings["dates.first_of_month"]

    @functools.lru_cache(maxsize=256)
    def format_date(day: datetime.date) -> str:
        """A date written out in the language: "1 March 2027", "1er mars 2027", "1. März 2027"."""
        return babel.dates.format_date(day, first_of_month if day.day == 1 else long_date, locale=locale)

    return {
        "choice": choice,
        "choices": choices,
        "format_date": format_date,
        "format_list": lambda items: babel.lists.format_list(list(items), locale=locale),
    }
