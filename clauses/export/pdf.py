"""PDF through Typst (the `typst` wheel bundles the compiler and its fonts: nothing from the system).

The layout is one fixed Typst file, `document.typ`; the document goes to it as JSON data, never as
Typst markup, so nothing an answer contains can be read as markup or code (see `document.typ`). The
PDF is PDF/A-2a: fonts embedded, tagged, with its title, language and author in its metadata (unless
an answer holds a character the bundled fonts cannot draw: see _compile).

Why Typst and not fpdf2 (the pure-Python alternative we measured): fpdf2 has no hyphenation, its
built-in fonts are Latin-1 only and not embedded ("„", "’" fail, and PDF/A needs embedded fonts), it
ships no Unicode font, and it took 830 ms for a 24-page test that Typst compiles in 12 ms once warm.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clauses.errors import ExportError
from clauses.export.tables import TEXT_WIDTH, to_fill_in, widths
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

if TYPE_CHECKING:
    from clauses.export.side_by_side import SideBySide

LAYOUT = Path(__file__).resolve().parent / "document.typ"
# PDF/A-2a: archival (fonts embedded, no outside resources) and tagged for screen readers.
STANDARD = "a-2a"
MISSING_GLYPH = "could not be displayed with font"
# PDF/A forbids a few code points outright (typst names them); an answer pasted from elsewhere may carry one.
DISALLOWED = "disallowed codepoint"
# A byte-order mark inside a text is an invisible leftover of copying from another file: it is dropped
# rather than costing the PDF its PDF/A conformance.
INVISIBLE = str.maketrans("", "", "\ufeff")

# A compiler holds its fonts, loaded once (about 100 ms); compiling is not safe from two threads.
_compilers: dict[bool, Any] = {}
_lock = threading.Lock()


@functools.cache
def _layout() -> bytes:
    return LAYOUT.read_bytes()


def _compiler(system_fonts: bool) -> Any:
    import typst

    if system_fonts not in _compilers:
        _compilers[system_fonts] = typst.Compiler(ignore_system_fonts=not system_fonts)
    return _compilers[system_fonts]


def _compile(data: dict[str, Any]) -> bytes:
    """The PDF, PDF/A-2a whenever every character can be drawn.

    First with the fonts in the wheel only, so that the PDF is the same on every machine. An answer
    may hold a character they lack (an emoji, a script they do not cover), which PDF/A forbids: then
    the system's fonts are searched as well, and only if none has it is the PDF written without PDF/A
    (the character shown as a box). A code point PDF/A forbids outright goes straight to that last try.
    """
    import typst

    inputs = {"document": json.dumps(data, ensure_ascii=False).translate(INVISIBLE)}
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    attempts = ((False, STANDARD), (True, STANDARD), (True, None))
    with _lock:
        for system_fonts, standard in attempts:
            try:
                return _compiler(system_fonts).compile(
                    _layout(), format="pdf", sys_inputs=inputs, pdf_standards=standard or [], timestamp=now
                )
            except typst.TypstError as error:
                if DISALLOWED in error.message and standard is not None:
                    return _compile_plain(inputs, now)
                if MISSING_GLYPH not in error.message or standard is None:
                    raise ExportError(f"the PDF could not be typeset: {error.message}") from None
    raise AssertionError("the last attempt returns or raises")  # pragma: no cover


def _compile_plain(inputs: dict[str, str], now: datetime.datetime) -> bytes:
    """The PDF without PDF/A, for a text holding a code point the standard forbids (called under the lock)."""
    import typst

    try:
        return _compiler(True).compile(
            _layout(), format="pdf", sys_inputs=inputs, pdf_standards=[], timestamp=now
        )
    except typst.TypstError as error:
        raise ExportError(f"the PDF could not be typeset: {error.message}") from None


# --- the document as data -------------------------------------------------------------------------


def runs(items: Inline) -> list[list[Any]]:
    return [[run.text.replace("\t", " "), run.bold] for run in items]


def block(item: Block) -> dict[str, Any]:
    if isinstance(item, Paragraph):
        return {"kind": "p", "runs": runs(item.runs)}
    if isinstance(item, BulletList):
        return {"kind": "ul", "items": [runs(entry) for entry in item.items]}
    if isinstance(item, NumberedList):
        return {"kind": "ol", "items": [runs(entry) for entry in item.items]}
    if isinstance(item, Table):
        has_header = any(run.text.strip() for cell in item.header for run in cell)
        return {
            "kind": "table",
            "has_header": has_header,
            "header": [runs(cell) for cell in item.header],
            "rows": [[runs(cell) for cell in row] for row in item.rows],
            "fill_in": [to_fill_in(row) for row in item.rows],
            "widths": widths(item.header, item.rows, TEXT_WIDTH),
        }
    if isinstance(item, SignatureBlock):
        return {"kind": "signature", "lines": [list(line) for line in item.lines()]}
    raise TypeError(f"unknown block {item!r}")


def heading(text: str, level: int) -> dict[str, Any]:
    return {"kind": "heading", "level": level, "text": text}


def clause_items(clause: Clause, numbered: bool) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if clause.title:
        title = f"{clause.number} {clause.title}" if numbered and clause.number else clause.title
        items.append(heading(title, 2))
    if clause.blocks:
        items.append({"kind": "blocks", "blocks": [block(item) for item in clause.blocks]})
    return items


def section_heading(number: str, title: str) -> str:
    return f"{number}. {title}" if number else title


def items(document: Document) -> list[dict[str, Any]]:
    """The document's parts in reading order, each a plain mapping the layout knows."""
    found: list[dict[str, Any]] = []
    notice = [block(item) for clause in document.notice for item in clause.blocks]
    if notice:
        found.append({"kind": "notice", "blocks": notice})
    if document.details:
        found.append({"kind": "details", "rows": [list(row) for row in document.details]})
    for section in document.sections:
        if section.title:
            found.append(heading(section_heading(section.number, section.title), 1))
        for clause in section.clauses:
            found += clause_items(clause, numbered=True)
    for index, annex in enumerate(document.annexes):
        # Annexes start on a new page, unless nothing but the title comes before (a kit's receipts).
        if index or document.sections or document.details:
            found.append({"kind": "page"})
        found.append(heading(section_heading(annex.label, annex.title), 1))
        for clause in annex.clauses:
            found += clause_items(clause, numbered=False)
    return found


def page_label(pattern: str) -> list[str]:
    """ "Page {page} of {pages}" as ["Page ", "{page}", " of ", "{pages}"]."""
    return [piece for piece in re.split(r"(\{pages?\})", pattern) if piece]


def _language(tag: str) -> tuple[str, str]:
    language, _, region = tag.partition("-")
    return language.lower(), (region or "BE").upper()


def frame(
    document: Document, title: str, subtitle: str, body: Sequence[dict[str, Any]], keywords: Iterable[str]
) -> dict[str, Any]:
    """What the layout needs besides the body: metadata, the running header, the page label."""
    organisation = " ".join(document.organisation.split())
    version = f"{document.version_label} {document.version}".strip()
    lang, region = _language(document.language_tag)
    return {
        "title": " ".join(title.split()),
        "subtitle": subtitle,
        "author": [organisation] if organisation else [],
        "subject": " · ".join(part for part in (title, organisation) if part),
        "keywords": [keyword for keyword in keywords if keyword],
        "lang": lang,
        "region": region,
        "running": " · ".join(part for part in (organisation, " ".join(title.split())) if part),
        "version": version,
        "page_label": page_label(document.page_label),
        "items": list(body),
    }


def render(document: Document) -> bytes:
    data = frame(document, document.title, document.subtitle, items(document), (document.organisation,))
    return _compile(data)


def render_side_by_side(pair: SideBySide) -> bytes:
    from clauses.export import side_by_side

    left, right = pair.left, pair.right
    body: list[dict[str, Any]] = []
    for row in side_by_side.rows(pair):
        if row.new_page:
            body.append({"kind": "page"})
        body.append(
            {
                "kind": "stacked" if row.stacked else "pair",
                "sticky": row.sticky,
                "left": _side_items(row.left),
                "right": _side_items(row.right),
            }
        )
    data = frame(left, pair.title, left.subtitle, body, (left.organisation,))
    data["languages"] = [list(_language(document.language_tag)) for document in (left, right)]
    # The page label and the header's version word in both languages: "Pagina 3 van 12 · Page 3 sur 12".
    data["page_label"] = [*page_label(left.page_label), " · ", *page_label(right.page_label)]
    data["version"] = f"{left.version_label} / {right.version_label} {left.version}".strip(" /")
    return _compile(data)


def _side_items(parts: Sequence[Any]) -> list[dict[str, Any]]:
    from clauses.export.side_by_side import Heading

    found: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, Heading):
            found.append(heading(part.text, part.level))
        elif isinstance(part, tuple):  # details rows
            found.append({"kind": "details", "rows": [list(row) for row in part]})
        else:
            found.append({"kind": "blocks", "blocks": [block(part)]})
    return found
