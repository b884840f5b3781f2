"""Putting rendered clauses together: numbering, annexes, the references list and the cover details."""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clauses import patterns
from clauses.facts import Facts
from clauses.loader import SectionSpec, Where
from clauses.markup import clean
from clauses.model import Annex, Block, Clause, Document, Inline, Run, Section, Statute, Table

if TYPE_CHECKING:
    from clauses.library import CompiledClause
    from clauses.library import LibraryLanguage as Language


@dataclass(frozen=True, slots=True)
class SectionPlan:
    section: SectionSpec
    clauses: tuple[CompiledClause, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Rendered:
    """A clause as rendered, kept by the library while the answers it reads stay the same: one
    object per rendering, told apart by identity, so the clauses numbered from it can be kept too."""

    clause_id: str
    title: str | None
    blocks: tuple[Block, ...]
    statutes: tuple[str, ...]


def _other_department(answers: Mapping[str, Any]) -> str:
    return " ".join(clean(str(answers.get("department_other", ""))).split())


def department_name(answers: Mapping[str, Any], language: Language) -> str:
    """How running text names the department, e.g. "the Customer Service department"."""
    key = f"choices.department.{answers['department']}"
    # Never str.format: the text may come from a clause folder (see clauses.patterns).
    return patterns.fill(key, language.text(key), name=_other_department(answers))


def title_of(kind: str, answers: Mapping[str, Any], language: Language) -> str:
    policy_type = answers.get("policy_type", "comprehensive")
    department = answers.get("department")
    if department == "other":
        name = _other_department(answers)
    elif department is not None:
        name = language.text(f"choices.department_title.{department}")
    else:
        name = ""
    key = f"titles.{policy_type}"
    title = patterns.fill(key, language.text(key), department=name)
    if kind == "implementation_notes":
        key = "titles.implementation_notes"
        return patterns.fill(key, language.text(key), title=title)
    return title


def details_of(
    answers: Mapping[str, Any], language: Language, facts: Facts, version: str
) -> tuple[tuple[str, str], ...]:
    helpers = language.helpers
    rows: list[tuple[str, str]] = [(language.text("details.version"), version)]
    if "effective_date" in answers:
        rows.append(
            (language.text("details.effective_date"), helpers["format_date"](answers["effective_date"]))
        )
    rows.append((language.text("details.owner"), clean(str(facts.owner))))
    if "contact_email" in answers:
        rows.append((language.text("details.contact"), clean(str(answers["contact_email"]))))
    if facts.review_date is not None:
        rows.append((language.text("details.review"), helpers["format_date"](facts.review_date)))
    return tuple(rows)


def build_document(
    kind: str,
    answers: Mapping[str, Any],
    language: Language,
    facts: Facts,
    version: str,
    rendered: Sequence[tuple[SectionSpec, list[Rendered]]],
    statute_ids: Mapping[str, Where],
) -> Document:
    notice: list[Clause] = []
    sections: list[Section] = []
    annex_parts: list[tuple[SectionSpec, str, list[Rendered]]] = []
    where_cited: dict[str, list[str]] = {}

    def note_citations(clause: Rendered | Clause, place: str) -> None:
        for statute_id in clause.statutes:
            places = where_cited.setdefault(statute_id, [])
            if place not in places:
                places.append(place)

    any_cited = any(clause.statutes for _, clauses in rendered for clause in clauses)
    annex_count = 0
    for spec, clauses in rendered:
        if spec.kind == "notice":
            for clause in clauses:
                notice.append(Clause(clause.clause_id, clause.title, None, clause.blocks, clause.statutes))
                note_citations(clause, language.text(f"sections.{spec.id}"))
        elif spec.kind == "annex":
            # A references annex exists exactly when something is cited.
            if any_cited if spec.annex == "references" else clauses:
                letter = string.ascii_uppercase[annex_count % 26]
                label = patterns.fill("annex_label", language.text("annex_label"), letter=letter)
                annex_count += 1
                annex_parts.append((spec, label, clauses))
                for clause in clauses:
                    note_citations(clause, label)
        elif clauses:
            number = str(len(sections) + 1)
            section = _section(spec.id, number, language.text(f"sections.{spec.id}"), clauses)
            for numbered in section.clauses:
                note_citations(numbered, numbered.number or number)
            sections.append(section)

    statutes = tuple(
        [
            _statute(
                statute_id,
                language.statutes[statute_id]["full"],
                language.statutes[statute_id]["subject"],
                tuple(where_cited[statute_id]),
            )
            for statute_id in statute_ids
            if statute_id in where_cited
        ]
    )

    annexes: list[Annex] = []
    for spec, label, clauses in annex_parts:
        annex_clauses = [Clause(c.clause_id, c.title, None, c.blocks, c.statutes) for c in clauses]
        if spec.annex == "references":
            annex_clauses.append(_references_clause(spec.id, statutes, language))
        annexes.append(
            Annex(
                spec.id,
                label,
                language.text(f"sections.{spec.id}"),
                spec.annex or "other",
                tuple(annex_clauses),
            )
        )

    effective = answers.get("effective_date")
    return Document(
        kind="policy" if kind == "policy" else "implementation_notes",
        title=title_of(kind, answers, language),
        subtitle=clean(str(answers.get("org_name", ""))),
        organisation=clean(str(answers.get("org_name", ""))),
        version=version,
        date=effective,
        language=language.code,
        language_tag=language.text("language.tag"),
        notice=tuple(notice),
        details=details_of(answers, language, facts, version),
        sections=tuple(sections),
        annexes=tuple(annexes),
        colon=language.text("typography.colon"),
        statutes=statutes,
        page_label=language.text("pages.page_of"),
        version_label=language.text("details.version"),
    )


def _section(section_id: str, number: str, title: str, clauses: list[Rendered]) -> Section:
    numbered: list[Clause] = []
    titled = 0
    for clause in clauses:
        clause_number = None
        if clause.title is not None:
            titled += 1
            clause_number = f"{number}.{titled}"
        numbered.append(_numbered(clause, clause_number))
    return Section(section_id, number, title, tuple(numbered))


@functools.lru_cache(maxsize=8192)
def _numbered(clause: Rendered, number: str | None) -> Clause:
    """The clause with its number: a rendering kept by the library is mostly numbered alike from
    policy to policy."""
    return Clause(clause.clause_id, clause.title, number, clause.blocks, clause.statutes)


def _references_clause(section_id: str, statutes: Sequence[Statute], language: Language) -> Clause:
    header = tuple((Run(language.text(f"references.{key}")),) for key in ("reference", "subject", "cited_in"))
    rows = tuple([_reference_row(statute) for statute in statutes])
    return Clause(f"{section_id}_list", None, None, (Table(header, rows),), ())


@functools.lru_cache(maxsize=4096)
def _statute(statute_id: str, citation: str, subject: str, cited_in: tuple[str, ...]) -> Statute:
    """One statute as cited: the same statutes are cited in the same places from policy to policy,
    and one object each makes its row in the references list quick to find."""
    return Statute(statute_id, citation, subject, cited_in)


@functools.lru_cache(maxsize=4096)
def _reference_row(statute: Statute) -> tuple[Inline, Inline, Inline]:
    """A statute's row in the references list: the same rows recur from policy to policy."""
    return (Run(statute.citation),), (Run(statute.subject),), (Run(", ".join(statute.cited_in)),)
