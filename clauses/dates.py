"""Rules that start on a date, worded against the policy's effective date.

The dates are data, beside each statute in clauses/library/statutes.yaml (`dates: {applies: 2026-08-02}`).
A template asks `dated('ai_act_art_50', 'applies')` and writes "applies" or "from 2 August 2026" by the
answer's `applies`, so no template compares dates itself and a date corrected in the data corrects every
clause.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from clauses import yamlfile
from clauses.errors import LibraryError

STATUTES_FILE = Path(__file__).resolve().parent / "library" / "statutes.yaml"


@dataclass(frozen=True, slots=True)
class DatedRule:
    """A rule's start: the day, written in the document's language, and whether the policy's effective
    date is on or after it (the rule `applies`), or before it (the policy looks ahead to it)."""

    day: datetime.date
    text: str
    applies: bool


@functools.cache
def statute_dates(path: Path = STATUTES_FILE) -> Mapping[str, Mapping[str, datetime.date]]:
    """For each statute with dates, its events and their days."""
    found: dict[str, dict[str, datetime.date]] = {}
    for entry in yamlfile.load(path).get("statutes", ()):
        dates = entry.get("dates")
        if dates is None:
            continue
        if not isinstance(dates, dict) or not all(isinstance(day, datetime.date) for day in dates.values()):
            raise LibraryError(
                "dates must map an event to a day written YYYY-MM-DD", file=path, line=yamlfile.line_of(entry)
            )
        found[entry["id"]] = dict(dates)
    return found


def dated(
    statute_id: str, event: str, reference: datetime.date, format_date: Callable[[datetime.date], str]
) -> DatedRule:
    """The start of `event` of the statute, against `reference` (the effective date)."""
    try:
        day = statute_dates()[statute_id][event]
    except KeyError:
        raise LookupError(f"no date {event!r} for statute {statute_id!r} in statutes.yaml") from None
    return DatedRule(day, format_date(day), reference >= day)
