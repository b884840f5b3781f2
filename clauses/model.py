"""The document model every renderer works from: a policy, or its implementation notes.

Everything here is plain, immutable data. Text arrives already split into runs: a run is literal text,
never markup, so a renderer only has to escape it for its own format. Answers given by the user are
runs like any other and can never turn into headings, links or code.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of literal text. A newline inside it is a line break within its block."""

    text: str
    bold: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    """A list numbered from 1, whatever lists came before it."""

    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Labelled lines to fill in by hand or with a qualified electronic signature.

    `values` fills in the first lines (the adoption kit's receipt for a named employee); the rest stay
    blank.
    """

    fields: tuple[str, ...]
    values: tuple[str, ...] = ()

    def lines(self) -> tuple[tuple[str, str], ...]:
        """Each field with its value, "" where it is left blank."""
        return tuple(
            (field, self.values[i] if i < len(self.values) else "") for i, field in enumerate(self.fields)
        )


Block = Paragraph | BulletList | NumberedList | Table | SignatureBlock


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of the library as it reads for these answers.

    `id` is the library's stable id, so two assemblies can be compared clause by clause. Untitled clauses
    (a section's opening words) carry no number.
    """

    id: str
    title: str | None
    number: str | None
    blocks: tuple[Block, ...]
    statutes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: str
    title: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class Annex:
    """Material after the body: the references, the acknowledgement, or anything else."""

    id: str
    label: str
    title: str
    kind: Literal["references", "acknowledgement", "other"]
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class Statute:
    """A statute or other authority the document cites, with the numbers of the clauses citing it."""

    id: str
    citation: str
    subject: str
    cited_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A policy, or the implementation notes that go with it.

    `notice` is shown before the first section, unnumbered: for a translation, the label saying which
    version binds.
    `details` are the label/value pairs of the cover (version, dates, owner, contact).
    `colon` is how the language writes a colon after a label ("Version: 1.0"): ":" in most languages,
    a no-break space and ":" in French. Renderers that write labels themselves take it from here.
    `page_label` is the page number as paged formats print it ("Page {page} of {pages}"), and
    `version_label` the word before the version in their running header; both in the document's
    language. A section with an empty title has no heading (the adoption kit's letters and forms).
    """

    kind: Literal["policy", "implementation_notes", "kit"]
    title: str
    subtitle: str
    organisation: str
    version: str
    date: datetime.date | None
    language: str
    language_tag: str
    notice: tuple[Clause, ...]
    details: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    annexes: tuple[Annex, ...]
    colon: str
    statutes: tuple[Statute, ...] = field(default=())
    page_label: str = "{page} / {pages}"
    version_label: str = ""

    def clauses(self) -> Iterator[Clause]:
        """Every clause, in reading order, notice and annexes included."""
        yield from self.notice
        for part in (*self.sections, *self.annexes):
            yield from part.clauses

    def clause_ids(self) -> tuple[str, ...]:
        return tuple(clause.id for clause in self.clauses())

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses():
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)


# The same model carries both documents; the name says which one an API hands back.
Policy = Document
