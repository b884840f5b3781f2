"""A .docx policy into blocks, read as a stream and bounded before anything is built.

The ZIP's entries and unpacked sizes are checked first; then word/document.xml is read with lxml's
iterparse (entities never resolved, no network, no huge trees), counting paragraphs, table cells, runs
and column spans as it goes and stopping at the first limit passed: a 34 KB file with a huge gridSpan
once took 5.5 GB in python-docx, and 324 KB of empty paragraphs 4.4 GB. What was read is cleared as the
stream moves on, so memory stays flat. Each block keeps the number of its paragraph in document order
(every w:p, as lxml's iter() counts them), so a reviewed copy can put a comment on it (markup.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from clauses.review.errors import ReviewInputError
from clauses.review.reader_blocks import Raw

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_ENTRIES = 2_000
MAX_UNPACKED = 64 * 1024 * 1024  # all parts, images included
MAX_DOCUMENT_XML = 16 * 1024 * 1024  # word/document.xml alone
MAX_STYLES_XML = 4 * 1024 * 1024
MAX_PARAGRAPHS = 60_000
MAX_CELLS = 60_000
MAX_RUNS = 400_000
MAX_ELEMENTS = 2_000_000
MAX_SPAN = 64  # a cell spanning more columns than Word allows (63) is built to hurt
HEADING_STYLES = ("heading", "title", "kop", "titre", "überschrift", "titel")


@dataclass
class Limits:
    """Counts so far; DocxLimit when one passes its bound."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, bound: int, amount: int = 1) -> None:
        count = self.counts.get(what, 0) + amount
        self.counts[what] = count
        if count > bound:
            raise ReviewInputError(
                f"{self.name} has more than {bound:,} {what}, far more than a policy: it is not reviewed"
            )


def docx_blocks(data: bytes, name: str) -> list[Raw]:
    archive = open_archive(data, name)
    with archive:
        styles = _styles(archive, name)
        with archive.open("word/document.xml") as stream:
            return list(_Document(name, styles).read(stream))


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The DOCX's ZIP archive, its entries and sizes checked (ReviewInputError if unsafe or damaged)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReviewInputError(f"{name} is a damaged .docx file (its ZIP archive cannot be read)") from None
    sizes = {info.filename: info.file_size for info in infos}
    if "word/document.xml" not in sizes:
        raise ReviewInputError(f"{name} is not a Word document (it has no word/document.xml)")
    if len(infos) > MAX_ENTRIES:
        raise ReviewInputError(
            f"{name} has {len(infos):,} parts, too many for a policy (the limit is {MAX_ENTRIES:,})"
        )
    total = sum(sizes.values())
    if total > MAX_UNPACKED:
        raise ReviewInputError(
            f"{name} unpacks to {total / (1024 * 1024):.1f} MB, too large for a policy "
            f"(the limit is {MAX_UNPACKED // (1024 * 1024)} MB)"
        )
    if sizes["word/document.xml"] > MAX_DOCUMENT_XML:
        raise ReviewInputError(
            f"{name}: its text part unpacks to more than "
            f"{MAX_DOCUMENT_XML // (1024 * 1024)} MB, too large for a policy"
        )
    if sizes.get("word/styles.xml", 0) > MAX_STYLES_XML:
        raise ReviewInputError(f"{name}: its styles unpack to more than 4 MB, too large for a policy")
    return archive


def _parse(stream: IO[bytes], events: tuple[str, ...]) -> Any:
    return etree.iterparse(
        stream,
        events=events,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
    )


def _styles(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Each paragraph style's id and its name in lower case."""
    if "word/styles.xml" not in archive.namelist():
        return {}
    styles: dict[str, str] = {}
    current = ""
    try:
        with archive.open("word/styles.xml") as stream:
            for event, element in _parse(stream, ("start", "end")):
                if event == "start" and element.tag == f"{W}style":
                    current = element.get(f"{W}styleId") or ""
                elif event == "end" and element.tag == f"{W}name" and current:
                    styles[current] = (element.get(f"{W}val") or "").lower()
                elif event == "end" and element.tag == f"{W}style":
                    element.clear()
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ReviewInputError(
            f"{name} is a damaged .docx file (its styles cannot be read); "
            "open and save it in Word, then try again"
        ) from None
    return styles


@dataclass
class _Paragraph:
    ordinal: int
    parts: list[str] = field(default_factory=list)
    style: str = ""
    numbered: bool = False
    outline: bool = False
    runs: int = 0
    bold_runs: int = 0
    hidden: bool = False  # inside an mc:Fallback: the same content again, never shown


class _Document:
    def __init__(self, name: str, styles: dict[str, str]) -> None:
        self.limits = Limits(name)
        self.styles = styles
        self.name = name
        self.paragraphs: list[_Paragraph] = []  # open ones, innermost last
        self.rows: list[list[str]] = []  # open table rows: their cells' texts
        self.row_first: list[int | None] = []  # each open row's first paragraph with text
        self.cells: list[list[str]] = []
        self.header: list[bool] = []
        self.table_rows: list[int] = []  # rows read so far in each open table
        self.ordinal = 0
        self.fallback = 0
        self.run_bold: list[bool] = []

    def read(self, stream: IO[bytes]) -> Iterator[Raw]:
        try:
            for event, element in _parse(stream, ("start", "end")):
                self.limits.add("XML elements", MAX_ELEMENTS, 1 if event == "start" else 0)
                found = self._start(element) if event == "start" else self._end(element)
                if found is not None:
                    yield found
                if (
                    event == "end"
                    and element.getparent() is not None
                    and element.getparent().tag == f"{W}body"
                ):
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
        except etree.XMLSyntaxError:
            raise ReviewInputError(
                f"{self.name} is a damaged .docx file (its text cannot be read); "
                "open and save it in Word, then try again"
            ) from None

    def _start(self, element: Any) -> None:
        tag = element.tag
        if tag == MC_FALLBACK:
            self.fallback += 1
        elif tag == f"{W}p":
            self.limits.add("paragraphs", MAX_PARAGRAPHS)
            self.paragraphs.append(_Paragraph(self.ordinal, hidden=self.fallback > 0))
            self.ordinal += 1
        elif tag == f"{W}r":
            self.limits.add("runs", MAX_RUNS)
            self.run_bold.append(False)
        elif tag == f"{W}tbl":
            self.table_rows.append(0)
        elif tag == f"{W}tr":
            self.rows.append([])
            self.row_first.append(None)
            self.header.append(False)
        elif tag == f"{W}tc":
            self.limits.add("table cells", MAX_CELLS)
            self.cells.append([])
        return None

    def _end(self, element: Any) -> Raw | None:
        tag = element.tag
        if tag == MC_FALLBACK:
            self.fallback -= 1
        elif tag == f"{W}p" and self.paragraphs:
            return self._paragraph(self.paragraphs.pop())
        elif tag == f"{W}tc" and self.cells:
            self._cell(self.cells.pop())
        elif tag == f"{W}tbl" and self.table_rows:
            self.table_rows.pop()
        elif tag == f"{W}tr" and self.rows:
            first_row = bool(self.table_rows) and self.table_rows[-1] == 0
            if self.table_rows:
                self.table_rows[-1] += 1
            return self._row(self.rows.pop(), self.header.pop(), self.row_first.pop(), first_row)
        else:
            self._inside_paragraph(element, tag)
        return None

    def _inside_paragraph(self, element: Any, tag: str) -> None:
        if tag == f"{W}gridSpan":
            span = _number(element.get(f"{W}val"))
            if span is None or span > MAX_SPAN:
                raise ReviewInputError(
                    f"{self.name} has a table cell spanning {element.get(f'{W}val')!r} "
                    "columns: it is damaged or built to harm, and is not reviewed"
                )
        elif tag == f"{W}tblHeader" and self.header:
            self.header[-1] = _on(element)
        if not self.paragraphs:
            return
        paragraph = self.paragraphs[-1]
        if tag == f"{W}t":
            paragraph.parts.append(element.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            paragraph.parts.append("\n" if tag != f"{W}tab" else " ")
        elif tag == f"{W}pStyle":
            paragraph.style = self.styles.get(element.get(f"{W}val") or "", "")
        elif tag == f"{W}numPr":
            paragraph.numbered = True
        elif tag == f"{W}outlineLvl":
            paragraph.outline = True
        elif tag == f"{W}b" and self.run_bold:
            self.run_bold[-1] = _on(element)
        elif tag == f"{W}r" and self.run_bold:
            bold = self.run_bold.pop()
            paragraph.runs += 1
            paragraph.bold_runs += bold

    def _paragraph(self, paragraph: _Paragraph) -> Raw | None:
        text = "".join(paragraph.parts)
        if paragraph.hidden or not text.strip():
            return None
        if self.cells:
            self.cells[-1].append(text)
            if self.row_first and self.row_first[-1] is None:
                self.row_first[-1] = paragraph.ordinal
            return None
        heading = paragraph.style.startswith(HEADING_STYLES) or paragraph.outline
        if not heading and len(text.split()) <= 10 and not text.rstrip().endswith((".", ":", ";")):
            heading = paragraph.runs > 0 and paragraph.bold_runs == paragraph.runs
        item = (paragraph.numbered or "list" in paragraph.style) and not heading
        return Raw(text, None, is_heading=heading, is_item=item, source=paragraph.ordinal)

    def _cell(self, parts: list[str]) -> None:
        if self.rows:
            self.rows[-1].append(" ".join(" ".join(parts).split()))

    @staticmethod
    def _row(cells: list[str], header: bool, first: int | None, first_row: bool) -> Raw | None:
        texts: list[str] = []
        for text in cells:
            if text and (not texts or texts[-1] != text):
                texts.append(text)
        # A table's first row of short labels ("Breach | Consequence") is its header, marked or not.
        header = header or (first_row and len(texts) > 1 and all(len(text.split()) <= 4 for text in texts))
        return Raw(": ".join(texts), None, is_label=header, source=first) if texts else None


def _number(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 6:
        return None
    return int(value)


def _on(element: Any) -> bool:
    return (element.get(f"{W}val") or "true").lower() not in ("0", "false", "off")
