"""Plain text, wrapped for reading in a terminal or a mail.

Labels this renderer writes itself ("Version: 1.0", a table's "Term: meaning") end with the document's
own colon (`Document.colon`), so French reads "Version : 1.0" with a no-break space.
"""

from __future__ import annotations

import textwrap

from clauses.markup import squeeze
from clauses.model import (
    Block,
    BulletList,
    Clause,
    Document,
    Inline,
    NumberedList,
    Paragraph,
    SignatureBlock,
    Table,
)

WIDTH = 78


def _plain(runs: Inline) -> str:
    return "".join(run.text for run in runs)


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    """Wrap each line of the text; a line break in an answer stays a line break."""
    lines: list[str] = []
    for number, line in enumerate(text.split("\n")):
        lead = first if number == 0 else rest
        lines.append(
            textwrap.fill(
                line,
                WIDTH,
                initial_indent=lead,
                subsequent_indent=rest,
                break_on_hyphens=False,
                break_long_words=True,
            )
            or lead.rstrip()
        )
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]], colon: str) -> str:
    """A table as one entry per row, which survives any width.

    Two columns read as "term: meaning"; with more, the first cell heads "Header: value" lines.
    """
    if len(header) == 2:
        return "\n".join(_wrap(f"{row[0]}{colon} {row[1]}", "  ", "    ") for row in rows)
    entries = []
    for first, *rest in rows:
        lines = [_wrap(first, "  ", "  ")]
        lines.extend(
            _wrap(f"{name}{colon} {value}", "    ", "      ")
            for name, value in zip(header[1:], rest, strict=False)
        )
        entries.append("\n".join(lines))
    return "\n\n".join(entries)


def block(item: Block, colon: str) -> str:
    """One block as text; `colon` ends the labels of tables and signature fields."""
    if isinstance(item, Paragraph):
        return _wrap(_plain(item.runs))
    if isinstance(item, BulletList):
        return "\n".join(_wrap(_plain(entry), "  - ", "    ") for entry in item.items)
    if isinstance(item, NumberedList):
        width = len(str(len(item.items)))
        return "\n".join(
            _wrap(_plain(entry), f"  {number:>{width}}. ", " " * (width + 4))
            for number, entry in enumerate(item.items, 1)
        )
    if isinstance(item, Table):
        return _table(
            [_plain(cell) for cell in item.header],
            [[_plain(cell) for cell in row] for row in item.rows],
            colon,
        )
    if isinstance(item, SignatureBlock):
        width = max(len(label) for label in item.fields) + len(colon)
        return "\n\n".join(f"  {label + colon:<{width}} {value or '_' * 40}" for label, value in item.lines())
    raise TypeError(f"unknown block {item!r}")


def _heading(text: str, rule: str) -> str:
    text = squeeze(text)
    return f"{text}\n{rule * min(len(text), WIDTH)}"


def _clause(clause: Clause, numbered: bool, colon: str) -> list[str]:
    out = []
    if clause.title:
        out.append(f"{clause.number} {clause.title}" if numbered and clause.number else clause.title)
    out.extend(block(item, colon) for item in clause.blocks)
    return out


def render(document: Document) -> str:
    colon = document.colon
    out: list[str] = [_heading(document.title, "=")]
    if document.subtitle:
        out.append(_wrap(document.subtitle))
    for clause in document.notice:
        out.extend(block(item, colon) for item in clause.blocks)
    if document.details:
        width = max(len(label) for label, _ in document.details) + len(colon)
        out.append(
            "\n".join(
                _wrap(f"{label + colon:<{width}} {value}", "", " " * (width + 1))
                for label, value in document.details
            )
        )
    for section in document.sections:
        if section.title:
            out.append(
                _heading(f"{section.number}. {section.title}" if section.number else section.title, "-")
            )
        for clause in section.clauses:
            out.extend(_clause(clause, numbered=True, colon=colon))
    for annex in document.annexes:
        out.append(_heading(f"{annex.label}. {annex.title}" if annex.label else annex.title, "="))
        for clause in annex.clauses:
            out.extend(_clause(clause, numbered=False, colon=colon))
    return "\n\n".join(out) + "\n"
