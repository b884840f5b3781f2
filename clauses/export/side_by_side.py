"""Two language versions of one document in two columns, paragraph by paragraph.

In Brussels-Capital, where the law requires both a Dutch and a French version, employers commonly
hand out one document with the two side by side. Both versions come from the same answers, so they
have the same sections and clauses (by id); within a clause the blocks are paired in order, and a
version with more blocks than the other leaves the other column empty beside them. Tables and
signature blocks need the page's width (half a page would break their words), so they are stacked:
the left version's, then the right version's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from clauses.model import Annex, Block, Clause, Document, Section, SignatureBlock, Table

Details = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SideBySide:
    """The two versions; `left` is the first binding language (Dutch before French)."""

    left: Document
    right: Document

    def __post_init__(self) -> None:
        if self.left.language == self.right.language:
            raise ValueError("side by side needs two different language versions")

    @property
    def title(self) -> str:
        if self.left.title == self.right.title:
            return self.left.title
        return f"{self.left.title} · {self.right.title}"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int


Part = Heading | Block | Details


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the two columns. `sticky` keeps a heading with the row after it; `new_page`
    starts an annex on a page of its own; `stacked` puts the left part above the right one, each the
    page's full width."""

    left: tuple[Part, ...]
    right: tuple[Part, ...]
    sticky: bool = False
    new_page: bool = False
    stacked: bool = False


def _wide(parts: tuple[Part, ...]) -> bool:
    return any(isinstance(part, Table | SignatureBlock | tuple) for part in parts)


def _section_title(number: str, title: str) -> str:
    return f"{number}. {title}" if number else title


def _clause_title(clause: Clause, numbered: bool) -> str | None:
    if not clause.title:
        return None
    return f"{clause.number} {clause.title}" if numbered and clause.number else clause.title


def _paired(left: Sequence[Clause], right: Sequence[Clause]) -> Iterator[tuple[Clause | None, Clause | None]]:
    """The clauses of a part, matched by id, in the left version's order (the right's extras last)."""
    by_id = {clause.id: clause for clause in right}
    for clause in left:
        yield clause, by_id.pop(clause.id, None)
    for clause in right:
        if clause.id in by_id:
            yield None, clause


def _clause_rows(left: Clause | None, right: Clause | None, numbered: bool) -> Iterator[Row]:
    titles = [_clause_title(clause, numbered) if clause else None for clause in (left, right)]
    if any(titles):
        yield Row(
            tuple(Heading(title, 2) for title in titles[:1] if title),
            tuple(Heading(title, 2) for title in titles[1:] if title),
            sticky=True,
        )
    for one, other in zip_longest(left.blocks if left else (), right.blocks if right else ()):
        parts = tuple(part for part in (one,) if part), tuple(part for part in (other,) if part)
        yield Row(*parts, stacked=_wide(parts[0] + parts[1]))


def _part_rows(
    left: Section | Annex | None, right: Section | Annex | None, numbered: bool, new_page: bool
) -> Iterator[Row]:
    def title(part: Section | Annex | None) -> tuple[Part, ...]:
        if part is None:
            return ()
        number = part.number if isinstance(part, Section) else part.label
        return (Heading(_section_title(number, part.title), 1),) if part.title else ()

    yield Row(title(left), title(right), sticky=True, new_page=new_page)
    for one, other in _paired(left.clauses if left else (), right.clauses if right else ()):
        yield from _clause_rows(one, other, numbered)


def _by_id(
    left: Sequence[Section] | Sequence[Annex], right: Sequence[Section] | Sequence[Annex]
) -> Iterator[tuple[Section | Annex | None, Section | Annex | None]]:
    by_id = {part.id: part for part in right}
    for part in left:
        yield part, by_id.pop(part.id, None)
    for part in right:
        if part.id in by_id:
            yield None, part


def rows(pair: SideBySide) -> list[Row]:
    """Every row of the two columns, in reading order."""
    left, right = pair.left, pair.right
    found: list[Row] = []
    notices = [
        tuple(item for clause in document.notice for item in clause.blocks) for document in (left, right)
    ]
    if any(notices):
        found.append(Row(notices[0], notices[1]))
    if left.details or right.details:
        found.append(
            Row(
                (left.details,) if left.details else (),
                (right.details,) if right.details else (),
                stacked=True,
            )
        )
    for one, other in _by_id(left.sections, right.sections):
        found += _part_rows(one, other, numbered=True, new_page=False)
    for one, other in _by_id(left.annexes, right.annexes):
        found += _part_rows(one, other, numbered=False, new_page=True)
    return found
