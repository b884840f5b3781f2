"""The adoption kit: the documents the implementation notes tell HR to use, written for these answers.

    kit = clauses.kit.adoption_kit(library, answers, ("nl", "fr"), posting_date=date.today())
    for item in kit.documents:                   # each a clauses.model.Document, with its file stem
        clauses.export.write(item.document, folder / f"{item.stem}.pdf")

The posting notice of the draft amendment of the work rules, the register of remarks (without a works
council), the covering note to the Social Law Inspection, the CBA No. 81 information notes (one for the
body to inform, and an individual letter) where monitoring is on, and the acknowledgement list; with a
staff list, a filled-in receipt per employee. Dates follow from the posting date (`clauses.kit.dates`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import babel.dates
import babel.lists
from jinja2 import UndefinedError

from clauses import markup
from clauses.errors import LibraryError
from clauses.facts import MONITORING_BODIES
from clauses.kit.dates import ProcedureDates, earliest_entry_into_force, procedure_dates
from clauses.kit.staff import StaffListError, StaffMember, read_staff
from clauses.kit.texts import KitSpec, KitTexts, default_texts, parts
from clauses.library import RENDER_ERRORS, Library, facts_for
from clauses.model import Annex, Clause, Document, Section, SignatureBlock
from clauses.sandbox import RenderLimit, budget

__all__ = [
    "AdoptionKit",
    "KitDocument",
    "ProcedureDates",
    "StaffListError",
    "StaffMember",
    "adoption_kit",
    "read_staff",
]


@dataclass(frozen=True, slots=True)
class KitDocument:
    """One document of the kit in one language. `stem` is its file name without the suffix, numbered
    in the order HR uses the documents: "01-aanplakbericht-nl"."""

    id: str
    language: str
    stem: str
    document: Document


@dataclass(frozen=True, slots=True)
class AdoptionKit:
    documents: tuple[KitDocument, ...]
    dates: ProcedureDates
    # Things HR must fix before using the kit, in English (the command line's language).
    warnings: tuple[str, ...]

    def files(self, folder: Path, formats: Sequence[str]) -> list[tuple[Path, str, Document]]:
        """Where each document goes in each format: folder/01-aanplakbericht-nl.pdf, ..."""
        return [
            (folder / f"{item.stem}.{fmt}", fmt, item.document) for item in self.documents for fmt in formats
        ]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


class _Writer:
    """Renders the kit's templates for one language."""

    def __init__(self, library: Library, texts: KitTexts, answers: Mapping[str, Any], code: str) -> None:
        self.library, self.texts, self.answers, self.code = library, texts, answers, code
        self.strings = texts.strings[code]

    def text(self, key: str) -> str:
        return self.library.text(self.code, key)

    def context(self, policy: Document, dates: ProcedureDates, version: str) -> dict[str, Any]:
        library, code, answers = self.library, self.code, self.answers
        locale = self.text("language.locale")
        long_date, first_of_month = self.text("dates.long"), self.text("dates.first_of_month")
        statutes = library.source.languages[code].statutes
        facts = facts_for(answers, library, code)
        policy_type = answers.get("policy_type", "comprehensive")

        def format_date(day: datetime.date) -> str:
            return babel.dates.format_date(day, first_of_month if day.day == 1 else long_date, locale=locale)

        def choice(group: str, choice_id: str) -> str:
            return self.text(f"choices.{group}.{choice_id}")

        def statute(statute_id: str) -> str:
            return statutes[statute_id]["cite"]

        # Helpers come last so that nothing in the answers can stand in for them.
        return {
            **_condition_context(answers),
            "format_date": format_date,
            "choice": choice,
            "choices": lambda group, ids: babel.lists.format_list(
                [choice(group, i) for i in ids], locale=locale
            ),
            "format_list": lambda items: babel.lists.format_list(list(items), locale=locale),
            "statute": statute,
            "facts": facts,
            "the": self.strings["document"][policy_type],
            "document_title": policy.title,
            "version": version,
            "dates": dates,
            "sections": {section.id: section.number for section in policy.sections},
            "employee": None,
            "staff": [],
        }

    def render(
        self, spec: KitSpec, context: Mapping[str, Any]
    ) -> tuple[str, tuple[Clause, ...], tuple[Clause, ...]]:
        """The document's title, its HR notice and its clauses."""
        template = self.texts.templates[self.code, spec.id]
        path = self.texts.paths[self.code, spec.id]
        try:
            rendered = template.render(context)
        except (UndefinedError, TypeError, RenderLimit) as error:
            raise LibraryError(str(error), file=path, clause=spec.id) from None
        title = ""
        notice: list[Clause] = []
        body: list[Clause] = []
        for index, (is_notice, text) in enumerate(parts(rendered)):
            try:
                heading, blocks = markup.parse(text)
            except markup.MarkupError as error:
                raise LibraryError(str(error), file=path, clause=spec.id) from None
            if index == 0 and heading and not is_notice:
                title, heading = heading, None
            clause = Clause(f"{spec.id}_{index}", heading, None, blocks)
            (notice if is_notice else body).append(clause)
        if not title:
            raise LibraryError("the first part needs a '# Title'", file=path, clause=spec.id)
        return title, tuple(notice), tuple(body)


def _document(
    policy: Document,
    title: str,
    notice: tuple[Clause, ...],
    body: tuple[Clause, ...],
    annexes: tuple[Annex, ...] = (),
) -> Document:
    return replace(
        policy,
        kind="kit",
        title=title,
        notice=notice,
        details=(),
        sections=(Section("kit", "", "", body),) if body else (),
        annexes=annexes,
        statutes=(),
    )


def _condition_context(answers: Mapping[str, Any]) -> dict[str, Any]:
    """What kit.yaml's conditions see: the answers, `works_council` and `body`."""
    bodies = answers.get("employee_bodies") or ()
    body = next((name for name in MONITORING_BODIES if name in bodies), None)
    return {**answers, "works_council": "works_council" in bodies, "body": body}


def _applying(texts: KitTexts, answers: Mapping[str, Any], with_staff: bool) -> list[KitSpec]:
    """The kit's documents these answers call for, in order."""
    context = _condition_context(answers)
    found = []
    for spec in texts.specs:
        if spec.needs_staff and not with_staff:
            continue
        try:
            applies = spec.condition is None or bool(spec.condition(context))
        except RENDER_ERRORS as error:  # a condition is the kit's own data: say which one failed
            raise LibraryError(f"the condition {spec.when!r} failed: {error}", clause=spec.id) from None
        if applies:
            found.append(spec)
    return found


def _stem(texts: KitTexts, spec: KitSpec, code: str, number: int) -> str:
    return f"{number:02d}-{_slug(texts.strings[code]['files'][spec.id])}-{code}"


def plan(
    answers: Mapping[str, Any],
    languages: Sequence[str],
    *,
    with_staff: bool = False,
    texts: KitTexts | None = None,
) -> list[tuple[str, str]]:
    """The (file stem, language) of each document the kit will hold, without writing any: what the
    export dialog lists, and checks for files it would replace."""
    texts = texts or default_texts()
    specs = _applying(texts, answers, with_staff)
    return [
        (_stem(texts, spec, code, number), code)
        for code in languages
        if code in texts.strings
        for number, spec in enumerate(specs, 1)
    ]


def adoption_kit(
    library: Library,
    answers: Mapping[str, Any],
    languages: Sequence[str],
    *,
    posting_date: datetime.date,
    staff: Sequence[StaffMember] = (),
    version: str = "1.0",
    texts: KitTexts | None = None,
) -> AdoptionKit:
    """Every document of the kit that applies, in each language, in the order HR uses them.

    Raises LibraryError when a language has no kit texts or the answers cannot make the policy.
    """
    texts = texts or default_texts()
    works_council = "works_council" in (answers.get("employee_bodies") or ())
    dates = procedure_dates(posting_date, works_council)
    found: list[KitDocument] = []
    for code in languages:
        if code not in texts.strings:
            raise LibraryError(
                f"no adoption kit texts in language {code!r} (available: {', '.join(texts.languages)})"
            )
        policy = library.assemble(answers, code, version=version)
        writer = _Writer(library, texts, answers, code)
        people = [person for person in staff if person.language in (None, code)]
        context = {**writer.context(policy, dates, version), "staff": [person.name for person in people]}
        for number, spec in enumerate(_applying(texts, answers, bool(staff)), 1):
            with budget():  # one budget of steps and seconds per document, as for the policy
                document = _one(writer, spec, context, policy, people if staff else None)
            found.append(KitDocument(spec.id, code, _stem(texts, spec, code, number), document))
    return AdoptionKit(tuple(found), dates, tuple(_warnings(answers, dates)))


def _one(
    writer: _Writer,
    spec: KitSpec,
    context: dict[str, Any],
    policy: Document,
    people: Sequence[StaffMember] | None,
) -> Document:
    """One document; per employee, one annex (a page) for each person on the list."""
    if spec.from_policy is not None:
        return _receipts(writer, spec, policy, people or ())
    if not spec.per_employee or people is None:
        title, notice, body = writer.render(spec, context)
        return _document(policy, title, notice, body)
    annexes = []
    title = ""
    for index, person in enumerate(people):
        title, notice, body = writer.render(spec, {**context, "employee": person.name})
        body = _signed_by(body, person.name)
        named = writer.strings["per_employee"].format(title=title, name=person.name)
        annexes.append(Annex(f"{spec.id}_{index}", "", named, "other", notice + body))
    if not annexes:  # nobody on the list reads this language
        title, notice, body = writer.render(spec, context)
        return _document(policy, title, notice, body)
    # The file holds one copy per employee: its title says so, each copy keeps its own.
    return _document(policy, writer.strings["titles"].get(spec.id, title), (), (), tuple(annexes))


def _signed_by(clauses: tuple[Clause, ...], name: str) -> tuple[Clause, ...]:
    """The clauses with the employee's name on the first line of the last signature block, the one
    the employee signs (any before it is the employer's)."""
    for index in range(len(clauses) - 1, -1, -1):
        blocks = clauses[index].blocks
        for position in range(len(blocks) - 1, -1, -1):
            if isinstance(blocks[position], SignatureBlock):
                signed = replace(blocks[position], values=(name,))
                changed = replace(
                    clauses[index], blocks=(*blocks[:position], signed, *blocks[position + 1 :])
                )
                return (*clauses[:index], changed, *clauses[index + 1 :])
    return clauses


def _receipts(writer: _Writer, spec: KitSpec, policy: Document, people: Sequence[StaffMember]) -> Document:
    """The policy's own receipt, once per employee, with the name filled in."""
    try:
        receipt = policy.clause(spec.from_policy or "")
    except KeyError:
        raise LibraryError(f"the policy has no clause {spec.from_policy!r} to copy", clause=spec.id) from None
    title = writer.strings["titles"][spec.id]
    annexes = []
    for index, person in enumerate(people):
        blocks = tuple(
            replace(block, values=(person.name,)) if isinstance(block, SignatureBlock) else block
            for block in receipt.blocks
        )
        named = writer.strings["per_employee"].format(
            title=writer.strings["titles"]["receipt"], name=person.name
        )
        annexes.append(
            Annex(
                f"{spec.id}_{index}", "", named, "acknowledgement", (Clause(receipt.id, None, None, blocks),)
            )
        )
    return _document(policy, title, (), (), tuple(annexes))


def _warnings(answers: Mapping[str, Any], dates: ProcedureDates) -> list[str]:
    found = []
    effective = answers.get("effective_date")
    earliest = earliest_entry_into_force(dates)
    if isinstance(effective, datetime.date) and effective < earliest:
        found.append(
            f"the policy comes into force on {effective.isoformat()}, but work rules posted on "
            f"{dates.posted.isoformat()} apply at the earliest on {earliest.isoformat()}: post the draft "
            "earlier or move the policy's effective date"
        )
    if answers.get("sector") == "public":
        # As the implementation notes say (notes_public_sector): public-sector rules may replace the
        # work rules procedure, which the kit follows.
        found.append(
            "in the public sector, other rules may take the place of the work rules procedure these "
            "documents follow: check them with your legal adviser before use"
        )
    return found
