"""What follows from the answers without being asked: defaults, the review date, the required languages."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

REVIEW_MONTHS = {"half_yearly": 6, "yearly": 12, "two_yearly": 24}

# Belgian language law: the region of the operating seat decides (legal reference, section 2).
REGION_LANGUAGES = {"flanders": ("nl",), "wallonia": ("fr",), "german": ("de",)}
LANGUAGE_ORDER = ("nl", "fr", "de")

# CBA No. 81: monitoring is explained to the works council, or without one the committee for prevention
# and protection at work, or without one the trade union delegation (legal reference, section 4).
MONITORING_BODIES = ("works_council", "cppw", "union_delegation")


@dataclass(frozen=True, slots=True)
class Facts:
    """Values templates may use on every path, whatever was asked.

    `monitoring_body` is the one employee body CBA No. 81 has the organisation inform of monitoring and
    evaluate it with, or None when the organisation has none of them (then the employees are informed).

    The limited path never asks for an owner, an acknowledgement method or a review cadence; these
    take the interview's own defaults so the policy still names an owner and a review date.
    """

    owner: str
    acknowledgement: str
    review_cadence: str
    review_months: int
    review_date: datetime.date | None
    required_languages: tuple[str, ...]
    courtesy: bool
    monitoring_body: str | None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def languages_by_region(answers: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """For each operating-seat region answered, the languages it requires (Dutch, French, German order).

    Brussels-Capital requires the language of its staff; until that is known, both Dutch and French.
    """
    found: dict[str, tuple[str, ...]] = {}
    for region in answers.get("regions") or ():
        if region == "brussels":
            spoken = set(answers.get("staff_languages") or ("nl", "fr"))
            found[region] = tuple(code for code in LANGUAGE_ORDER if code in spoken)
        else:
            found[region] = REGION_LANGUAGES.get(region, ())
    return found


def required_languages(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The languages the policy must exist in, in a stable order (Dutch, French, German)."""
    needed = {code for codes in languages_by_region(answers).values() for code in codes}
    return tuple(code for code in LANGUAGE_ORDER if code in needed)


def derive(answers: Mapping[str, Any], language: str, default_owner: str) -> Facts:
    cadence = answers.get("review_cadence", "yearly")
    months = REVIEW_MONTHS[cadence]
    effective = answers.get("effective_date")
    required = required_languages(answers)
    bodies = answers.get("employee_bodies") or ()
    return Facts(
        owner=answers.get("policy_owner", default_owner),
        acknowledgement=answers.get("acknowledgement", "paper"),
        review_cadence=cadence,
        review_months=months,
        review_date=add_months(effective, months) if isinstance(effective, datetime.date) else None,
        required_languages=required,
        courtesy=language not in required,
        monitoring_body=next((body for body in MONITORING_BODIES if body in bodies), None),
    )
