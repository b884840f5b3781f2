"""What follows from the answers without being asked: defaults, the review date, the required languages."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clauses.language_law import required_languages

REVIEW_MONTHS = {"half_yearly": 6, "yearly": 12, "two_yearly": 24}

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
