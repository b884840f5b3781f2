"""Belgian language law for employment documents: which language versions of the policy bind the staff.

The region of the operating seat where each employee works decides (legal reference, section 2):

- Flanders: Dutch (Flemish Decree of 19 July 1973); a document in another language is null there.
- Wallonia: French (Decree of the French Community of 30 June 1982); likewise.
- The German-speaking region: German.
- Brussels-Capital: Dutch for Dutch-speaking staff, French for French-speaking staff (coordinated laws
  of 18 July 1966); until the staff's languages are known, both.

Several seats need every version their regions require. English is never binding: it may only be
added as a courtesy translation, labelled as such.

This is the one place the rule lives: the policy (clauses.facts), the review of an existing policy and
the app (which explains it while interviewing) all ask this module. Regions and languages are the
interview's ids (`regions`: flanders, wallonia, brussels, german; `staff_languages`: nl, fr); the words
that explain the rule are each reader's own (the app's texts, the review's rules files), keyed by
`Reason.key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGE_ORDER = ("nl", "fr", "de")  # how the versions are listed and numbered, whatever the seats
COURTESY = "en"  # the translation offered beside the binding versions, never instead of them
SEAT_QUESTIONS = ("regions", "staff_languages")  # the answers the rule reads


@dataclass(frozen=True, slots=True)
class RegionRule:
    """What the law requires for an operating seat in one region."""

    region: str
    languages: tuple[str, ...]  # every language that may bind there, in LANGUAGE_ORDER
    statute: str | None  # the clause library's id of the statute that requires it, if one is cited
    by_staff: bool = False  # the staff's own language decides between `languages` (Brussels)


RULES: Mapping[str, RegionRule] = {
    "flanders": RegionRule("flanders", ("nl",), "language_flanders"),
    "wallonia": RegionRule("wallonia", ("fr",), "language_wallonia"),
    "german": RegionRule("german", ("de",), None),
    "brussels": RegionRule("brussels", ("nl", "fr"), "language_brussels", by_staff=True),
}
# The binding language of each region where one language binds every employee.
REGION_LANGUAGES: Mapping[str, tuple[str, ...]] = {
    region: rule.languages for region, rule in RULES.items() if not rule.by_staff
}


def seats_known(answers: Mapping[str, Any]) -> bool:
    """Are the operating seats answered, with the staff's languages where Brussels needs them?"""
    regions = answers.get("regions")
    if not regions:
        return False
    return not any(RULES[r].by_staff for r in regions if r in RULES) or bool(answers.get("staff_languages"))


def languages_by_region(answers: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """For each operating-seat region answered, the languages it requires, in LANGUAGE_ORDER.

    Brussels-Capital requires the language of its staff; until that is known, both Dutch and French.
    """
    found: dict[str, tuple[str, ...]] = {}
    for region in answers.get("regions") or ():
        rule = RULES.get(region)
        if rule is None:
            found[region] = ()
        elif rule.by_staff:
            spoken = set(answers.get("staff_languages") or rule.languages)
            found[region] = tuple(code for code in rule.languages if code in spoken)
        else:
            found[region] = rule.languages
    return found


def required_languages(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The versions the policy must exist in, in LANGUAGE_ORDER; none before the seats are answered."""
    needed = {code for codes in languages_by_region(answers).values() for code in codes}
    return tuple(code for code in LANGUAGE_ORDER if code in needed)


def is_binding(language: str, answers: Mapping[str, Any]) -> bool:
    """Does the `language` version bind staff, or is it a courtesy translation?"""
    return language in required_languages(answers)


def regions_requiring(answers: Mapping[str, Any], language: str) -> list[str]:
    """The seat regions (ids) that require the `language` version."""
    return [region for region, codes in languages_by_region(answers).items() if language in codes]


def ordered_versions(answers: Mapping[str, Any], versions: tuple[str, ...] | list[str]) -> list[str]:
    """`versions` as they are offered: the binding ones first (Dutch, French, German), then the
    courtesy English, then the others in their own order."""
    needed = required_languages(answers)
    rest = [code for code in versions if code not in needed]
    rest.sort(key=lambda code: code != COURTESY)  # stable: the others keep their order
    return [*needed, *rest]


def first_version(answers: Mapping[str, Any], fallback: str, versions: tuple[str, ...]) -> str:
    """The version to show first: the first binding one; before the seats are known, `fallback`
    (the language the user talks in) if the policy exists in it, else the courtesy English."""
    needed = required_languages(answers)
    if needed:
        return needed[0]
    return fallback if fallback in versions else COURTESY


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one region requires what it does: `key` names the explanation ("flanders",
    "brussels_both", "brussels_nl", ...), which each reader words in its own language."""

    region: str
    languages: tuple[str, ...]
    statute: str | None

    @property
    def key(self) -> str:
        rule = RULES.get(self.region)
        if rule is None or not rule.by_staff:
            return self.region
        return f"{self.region}_both" if len(self.languages) > 1 else f"{self.region}_{self.languages[0]}"


@dataclass(frozen=True, slots=True)
class Explanation:
    """The law applied to the seats answered: a reason per region, and the versions that bind."""

    reasons: tuple[Reason, ...]
    required: tuple[str, ...]


def explain(answers: Mapping[str, Any]) -> Explanation | None:
    """Why the policy needs the versions it needs; None until the seats are known."""
    if not seats_known(answers):
        return None
    reasons = tuple(
        Reason(region, codes, RULES[region].statute if region in RULES else None)
        for region, codes in languages_by_region(answers).items()
    )
    return Explanation(reasons, required_languages(answers))


def last_seat_question(answers: Mapping[str, Any]) -> str | None:
    """The question whose answer completes the seats (after it, the versions can be explained)."""
    if not seats_known(answers):
        return None
    by_staff = any(RULES[region].by_staff for region in answers["regions"] if region in RULES)
    return "staff_languages" if by_staff else "regions"
