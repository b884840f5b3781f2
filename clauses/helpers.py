"""The functions clause templates call to word things in their language: choice labels, lists, dates,
the organisation's parties and the rules that start on a date."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import babel
import babel.dates
import babel.lists

from clauses import dates, parties
from clauses.facts import EMPLOYER, FUNCTIONS, Facts

# The helpers made for each document, and what they read besides their arguments: the document's facts
# and the terms it has introduced so far (a term's first use carries its bracket, clauses.parties). A
# clause that calls one is kept in the clause cache under those too (clauses.clause_cache).
TERMS = "_terms"  # in the context; no template can name it (the sandbox refuses names starting with _)
DOCUMENT_HELPERS: Mapping[str, tuple[str, ...]] = {
    "statute": (),  # only records what the clause cites, which is kept with it
    "dated": ("facts.reference_date",),
    "role": ("facts.roles.*", TERMS),  # role('crisis') reads the crisis role (clauses.clause_cache)
    **{name: (TERMS,) for name in ("party", "parties", "term")},
}
# The records in every clause's context whose parts are read one by one (clauses.clause_cache): a
# clause that reads `facts.roles.crisis` is kept under the crisis role, not under every fact.
RECORDS = ("facts",)


def language_helpers(code: str, strings: Mapping[str, str]) -> dict[str, Callable[..., Any]]:
    """`choice`, `choices`, `format_date`, `format_list` and `cap`, in the language whose texts are
    `strings`: the same for every document."""
    locale = babel.Locale.parse(strings["language.locale"])  # once, not at every list or date

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
        "cap": parties.capitalised,
    }


def document_helpers(
    strings: Mapping[str, str], facts: Facts, format_date: Callable[[datetime.date], str]
) -> dict[str, Any]:
    """The helpers of DOCUMENT_HELPERS but `statute`, for one document (and, under TERMS, the terms it
    has introduced so far)."""
    introduced: set[str] = set()
    return {
        **parties.helpers(strings, facts, introduced),
        TERMS: introduced,
        "dated": functools.partial(dates.dated, reference=facts.reference_date, format_date=format_date),
    }


def function_names(strings: Mapping[str, str]) -> dict[str, str]:
    """Each function, and the employer, as running text names it in the language ("the HR department")."""
    return {function: strings[f"parties.{function}.the"] for function in (*FUNCTIONS, EMPLOYER)}
