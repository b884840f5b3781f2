"""A clause library as read from its folders (clauses.loader), before anything is compiled."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REFERENCE_LANGUAGE = "en"
DOCUMENTS = ("policy", "implementation_notes")
SECTION_KINDS = ("body", "notice", "annex")
ANNEX_KINDS = ("references", "acknowledgement", "other")
STATUTE_FIELDS = ("cite", "full", "subject")


# Strings the code prints itself (templates carry their own words).
REQUIRED_STRINGS = (
    "language.name",
    "language.locale",
    "language.tag",
    "titles.comprehensive",
    "titles.employee_rules",
    "titles.department",
    "titles.limited",
    "titles.implementation_notes",
    "details.version",
    "details.effective_date",
    "details.owner",
    "details.contact",
    "details.review",
    "annex_label",
    "references.reference",
    "references.subject",
    "references.cited_in",
    "defaults.owner",
    "typography.colon",
    "dates.long",
    "dates.first_of_month",
)


@dataclass(frozen=True, slots=True)
class Where:
    file: Path
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    document: str
    order: int
    kind: str
    annex: str | None
    where: Where


@dataclass(frozen=True, slots=True)
class ClauseSpec:
    id: str
    section: str
    order: int
    when: str | None
    statutes: tuple[str, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class TemplateSource:
    text: str
    path: Path


@dataclass(slots=True)
class LanguageSource:
    code: str
    strings: dict[str, Any] = field(default_factory=dict)
    statutes: dict[str, dict[str, str]] = field(default_factory=dict)
    templates: dict[str, TemplateSource] = field(default_factory=dict)
    # Where each text came from, for error messages.
    string_files: dict[str, Where] = field(default_factory=dict)
    statute_files: dict[str, Where] = field(default_factory=dict)


@dataclass(slots=True)
class LibrarySource:
    sections: dict[str, SectionSpec] = field(default_factory=dict)
    clauses: dict[str, ClauseSpec] = field(default_factory=dict)
    statutes: dict[str, Where] = field(default_factory=dict)
    languages: dict[str, LanguageSource] = field(default_factory=dict)
    folders: tuple[Path, ...] = ()
