"""What follows from the answers without being asked: defaults, roles, bodies, the review date, languages."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clauses.language_law import required_languages

REVIEW_MONTHS = {"half_yearly": 6, "yearly": 12, "two_yearly": 24}

# CBA No. 81: monitoring is explained to the works council, or without one the committee for prevention
# and protection at work, or without one the trade union delegation, or else the employees themselves
# (legal reference, section 4). The same order decides who is consulted and informed in the notes.
MONITORING_BODIES = ("works_council", "cppw", "union_delegation")

# The functions an organisation may have, in the order the policy lists them. "employer" is not one of
# them: it is who holds a role when the organisation has none of the functions the role prefers.
FUNCTIONS = (
    "management",
    "hr",
    "communication",
    "legal",
    "dpo",
    "prevention_advisor",
    "it",
    "customer_service",
)
EMPLOYER = "employer"

# The functions usual at a headcount, largest first: the short list does not ask, and an answers file
# may leave `functions` out. Keep in step with the defaults of `functions` in questions.yaml.
FUNCTIONS_BY_SIZE: tuple[tuple[int, tuple[str, ...]], ...] = (
    (250, ("management", "hr", "communication", "legal", "dpo", "prevention_advisor", "it")),
    (50, ("management", "hr", "communication", "prevention_advisor", "it")),
    (20, ("management", "hr", "prevention_advisor")),
    (0, ("management", "prevention_advisor")),
)


# Guidelines for one department say that department exists.
DEPARTMENT_FUNCTIONS = {"marketing": "communication", "customer_service": "customer_service", "hr": "hr"}


@dataclass(frozen=True, slots=True)
class RoleRule:
    """Where a role's holder comes from: the answer that names functions, the answer that names people,
    and the functions preferred, in order, when the answer is not there (the first the organisation
    has; the employer when it has none). The preferences are the interview's defaults."""

    answer: str | None
    names: str | None
    preferred: tuple[str, ...]


ROLE_RULES: dict[str, RoleRule] = {
    "spokespersons": RoleRule("spokesperson_functions", "spokespersons", ("communication", "management")),
    "crisis": RoleRule("crisis_function", "crisis_contact", ("communication", "management")),
    # Who takes over when the crisis contact cannot be reached: never the same function.
    "crisis_backup": RoleRule(None, "crisis_escalation", ("management", "hr")),
    "owner": RoleRule("policy_owner", None, ("hr", "management")),
    "data_protection": RoleRule("dp_contact", None, ("dpo", "hr", "management")),
    "reports": RoleRule("whistleblowing_contact", None, ("hr", "management")),
    "customers": RoleRule("customer_answerers", None, ("customer_service", "communication", "management")),
    "monitoring_access": RoleRule("monitoring_access", None, ("it", "management")),
    # Who explains the policy, collects the acknowledgements and handles breaches under the work rules.
    "personnel": RoleRule(None, None, ("hr", "management")),
}


@dataclass(frozen=True, slots=True)
class Role:
    """Who holds a role: functions (ids of FUNCTIONS, or EMPLOYER) and, where the user named them, the
    people as typed. A name given by the user always wins over the function in running text."""

    functions: tuple[str, ...]
    names: str | None = None

    @property
    def function(self) -> str:
        """The first (for most roles, the only) function; EMPLOYER for a role nobody holds."""
        return self.functions[0] if self.functions else EMPLOYER


@dataclass(frozen=True, slots=True)
class Facts:
    """Values templates may use on every path, whatever was asked.

    `functions` are the functions the organisation has: those declared, and any a role answer names.
    `roles` says who holds each role of ROLE_RULES. `bodies` are the employee bodies declared, in the
    order of CBA No. 81's cascade; `monitoring_body` is the first of them (the one informed of monitoring
    and consulted), or None when there is none (then the employees are). `representatives` is true when
    there is any body, so protected employee representatives (Act of 19 March 1991) exist.
    `reference_date` is the policy's effective date, against which dated rules are worded (today's
    date while the effective date is still to come in a preview).

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
    functions: tuple[str, ...]
    roles: Mapping[str, Role]
    bodies: tuple[str, ...]
    representatives: bool
    reference_date: datetime.date


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def declared_functions(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The functions the answers declare, or those usual at the headcount when they were not asked."""
    if "functions" in answers:
        return tuple(answers["functions"] or ())
    headcount = answers.get("headcount")
    size = headcount if isinstance(headcount, int) else 0
    return next(functions for threshold, functions in FUNCTIONS_BY_SIZE if size >= threshold)


def _text(value: Any) -> str | None:
    return " ".join(str(value).split()) or None if value is not None else None


def roles_of(answers: Mapping[str, Any], declared: tuple[str, ...]) -> dict[str, Role]:
    """Who holds each role: the answer where there is one, else the first preferred function declared."""
    roles: dict[str, Role] = {}
    for role, rule in ROLE_RULES.items():
        given = answers.get(rule.answer) if rule.answer else None
        names = _text(answers.get(rule.names)) if rule.names else None
        if given:
            functions = tuple(given) if isinstance(given, list | tuple) else (str(given),)
        else:
            taken = roles["crisis"].functions if role == "crisis_backup" else ()
            preferred = [f for f in rule.preferred if f in declared and f not in taken]
            functions = (preferred[0],) if preferred else (EMPLOYER,)
        roles[role] = Role(functions, names)
    # Whom the crisis contact brings in when staff or personal data are concerned: the functions that
    # handle personnel matters and data protection, and a legal department where there is one.
    advisers = [*roles["personnel"].functions, *roles["data_protection"].functions]
    if "legal" in declared:
        advisers.append("legal")
    roles["advisers"] = Role(
        tuple(dict.fromkeys(f for f in advisers if f != EMPLOYER and f not in roles["crisis"].functions))
    )
    return roles


def derive(answers: Mapping[str, Any], language: str, names: Mapping[str, str]) -> Facts:
    """The facts of these answers for a document in `language`.

    `names` gives each function (and EMPLOYER) as running text names it in that language, with its
    article ("the HR department"): the cover page's owner is written with it.
    """
    cadence = answers.get("review_cadence", "yearly")
    months = REVIEW_MONTHS[cadence]
    effective = answers.get("effective_date")
    if not isinstance(effective, datetime.date):
        effective = None
    required = required_languages(answers)
    declared_bodies = answers.get("employee_bodies") or ()
    bodies = tuple(body for body in MONITORING_BODIES if body in declared_bodies)
    declared = declared_functions(answers)
    roles = roles_of(answers, declared)
    named = {function for role in roles.values() for function in role.functions}
    named.add(DEPARTMENT_FUNCTIONS.get(str(answers.get("department")), EMPLOYER))
    owner = roles["owner"]
    return Facts(
        owner=owner.names or names[owner.function],
        acknowledgement=answers.get("acknowledgement", "paper"),
        review_cadence=cadence,
        review_months=months,
        review_date=add_months(effective, months) if effective else None,
        required_languages=required,
        courtesy=language not in required,
        monitoring_body=bodies[0] if bodies else None,
        functions=tuple(function for function in FUNCTIONS if function in declared or function in named),
        roles=roles,
        bodies=bodies,
        representatives=bool(bodies),
        reference_date=effective or datetime.date.today(),
    )
