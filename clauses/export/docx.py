"""DOCX through python-docx: real heading styles, lists that restart at 1, tables whose rows never split
and whose header repeats, a signature table, the running header, "page X of Y" fields, properties.

python-docx is imported inside render(), so nothing else pays for loading it.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from clauses.export import docx_page
from clauses.export.docx_page import TABLE_STYLE, element, qn
from clauses.export.tables import TEXT_WIDTH, to_fill_in, widths
from clauses.model import (
    Block,
    BulletList,
    Clause,
    Document,
    Inline,
    NumberedList,
    Paragraph,
    Run,
    SignatureBlock,
    Table,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph

    from clauses.export.side_by_side import Part, Row, SideBySide

_BREAKS = re.compile(r"(\r\n|\r|\n|\t)")


def _runs(p: Any, runs: Inline, lang: str | None = None) -> None:
    """Each run as a <w:r> built directly with lxml.

    python-docx's `Run.text` setter walks the text a character at a time and its element helpers scan
    for each child's place: together most of the export's time. A newline in an answer becomes a line
    break <w:br/> (never a new paragraph) and a tab a <w:tab/>, as python-docx would write them.
    `lang` marks the runs' language where it is not the document's (the side-by-side's right column).
    """
    for run in runs:
        r = element("w:r")
        if run.bold or lang:
            properties = element("w:rPr")
            if run.bold:
                properties.append(element("w:b"))
            if lang:
                properties.append(element("w:lang", val=lang))
            r.append(properties)
        for piece in _BREAKS.split(run.text):
            if piece == "\t":
                r.append(element("w:tab"))
            elif piece in ("\n", "\r", "\r\n"):
                r.append(element("w:br"))
            elif piece:
                r.add_t(piece)
        p.append(r)


class _Writer:
    """Holds the Word document while the model is written into it."""

    def __init__(self, document: Document) -> None:
        import docx
        from docx.shared import Cm, Pt

        self.cm, self.pt = Cm, Pt
        self.word: WordDocument = docx.Document()
        self.model = document
        # Where paragraphs and tables go: the body, or a cell of the side-by-side version.
        self.container: Any = self.word
        self.lang: str | None = None
        self.width = TEXT_WIDTH
        self._list_abstract = self._abstract_num_of("List Number")
        # python-docx looks a style up by name with a scan of every style, each time; look each up once.
        self._style_ids: dict[str, str] = {}

    # --- numbering ---------------------------------------------------------------------------------

    def _abstract_num_of(self, style_name: str) -> str:
        style = self.word.styles[style_name].element
        num_id = style.pPr.numPr.numId.val
        numbering = self.word.part.numbering_part.element
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise LookupError(f"no numbering for style {style_name!r}")

    def _new_numbering(self) -> int:
        """A fresh w:num on the List Number definition, starting again at 1.

        Word continues a list's numbering across the whole document unless each list has its own
        w:num with a start override; python-docx does not do this by itself.
        """
        numbering = self.word.part.numbering_part.element
        num_id = max(int(num.get(qn("w:numId"))) for num in numbering.findall(qn("w:num"))) + 1
        num = numbering.makeelement(qn("w:num"), {qn("w:numId"): str(num_id)})
        abstract = num.makeelement(qn("w:abstractNumId"), {qn("w:val"): self._list_abstract})
        override = num.makeelement(qn("w:lvlOverride"), {qn("w:ilvl"): "0"})
        override.append(override.makeelement(qn("w:startOverride"), {qn("w:val"): "1"}))
        num.extend([abstract, override])
        numbering.append(num)
        return num_id

    # --- blocks ------------------------------------------------------------------------------------

    def _style_id(self, style: str) -> str:
        if style not in self._style_ids:
            self._style_ids[style] = self.word.styles[style].style_id
        return self._style_ids[style]

    def styled(self, style: str | None, container: Any = None) -> WordParagraph:
        paragraph = (container or self.container).add_paragraph()
        if style is not None:
            # <w:pPr><w:pStyle/></w:pPr> built directly: python-docx's setter scans for its place.
            properties = element("w:pPr")
            properties.append(element("w:pStyle", val=self._style_id(style)))
            paragraph._p.insert(0, properties)
        return paragraph

    def paragraph(self, runs: Inline, style: str | None = None) -> WordParagraph:
        paragraph = self.styled(style)
        _runs(paragraph._p, runs, self.lang)
        return paragraph

    def heading(self, text: str, level: int) -> WordParagraph:
        paragraph = self.styled("Title" if level == 0 else f"Heading {level}")
        _runs(paragraph._p, (Run(text),), self.lang)
        return paragraph

    def block(self, item: Block) -> None:
        if isinstance(item, Paragraph):
            self.paragraph(item.runs)
        elif isinstance(item, BulletList):
            for entry in item.items:
                self.paragraph(entry, "List Bullet")
        elif isinstance(item, NumberedList):
            num_id = self._new_numbering()
            for entry in item.items:
                paragraph = self.paragraph(entry, "List Number")
                # After the paragraph's <w:pStyle>, where the schema puts <w:numPr>.
                number = element("w:numPr")
                number.append(element("w:ilvl", val="0"))
                number.append(element("w:numId", val=str(num_id)))
                paragraph._p.pPr.append(number)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, SignatureBlock):
            self.signature(item)
        else:
            raise TypeError(f"unknown block {item!r}")

    def _grid(self, rows: int, columns: list[float]) -> list[Any]:
        """A table of `rows` rows, its columns `columns` cm wide, whose rows never split across
        pages; its <w:tr> elements.

        python-docx builds the whole table from one XML string; adding rows and setting widths one cell
        at a time would cost a scan of the table each.
        """
        table = self.container.add_table(rows=rows, cols=len(columns))
        table.style = self.word.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table._tbl.tblGrid.gridCol_lst, columns, strict=True):
            column.w = self.cm(width)
        trs = table._tbl.tr_lst
        table_text = self._style_id(TABLE_STYLE)
        for tr in trs:
            tr.insert(0, self._row_properties())
            for tc, width in zip(tr.tc_lst, columns, strict=True):
                tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(self.cm(width).twips))
                properties = element("w:pPr")
                properties.append(element("w:pStyle", val=table_text))
                tc.p_lst[0].insert(0, properties)
        self.container.add_paragraph()  # tables do not touch the next heading
        return trs

    @staticmethod
    def _row_properties() -> Any:
        properties = element("w:trPr")
        properties.append(element("w:cantSplit"))
        return properties

    def table(self, item: Table) -> None:
        has_header = any(run.text.strip() for cell in item.header for run in cell)
        trs = self._grid(has_header + len(item.rows), widths(item.header, item.rows, self.width))
        if has_header:
            header, *trs = trs
            for tc, runs in zip(header.tc_lst, item.header, strict=True):
                _runs(tc.p_lst[0], tuple(Run(run.text, True) for run in runs), self.lang)
            # The header row repeats at the top of every page the table runs onto.
            header.trPr.append(element("w:tblHeader"))
        for tr, row in zip(trs, item.rows, strict=True):
            if to_fill_in(row):
                # A line to fill in by hand: give it room to write.
                self._height(tr, 0.8)
            for tc, runs in zip(tr.tc_lst, row, strict=False):
                _runs(tc.p_lst[0], runs, self.lang)

    def _height(self, tr: Any, cm: float) -> None:
        tr.trPr.append(element("w:trHeight", val=str(self.cm(cm).twips), hRule="atLeast"))

    def signature(self, item: SignatureBlock) -> None:
        label_width = min(5.0, self.width * 0.35)
        trs = self._grid(len(item.fields), [label_width, self.width - label_width])
        for index, (tr, (label, value)) in enumerate(zip(trs, item.lines(), strict=True)):
            self._height(tr, 1.4)
            _runs(tr.tc_lst[0].p_lst[0], (Run(label, True),), self.lang)
            if value:
                _runs(tr.tc_lst[1].p_lst[0], (Run(value),), self.lang)
            if index < len(trs) - 1:
                # Word keeps rows together through their paragraphs: the block never splits.
                for tc in tr.tc_lst:
                    tc.p_lst[0].get_or_add_pPr().insert(1, element("w:keepNext"))

    def details(self, rows: tuple[tuple[str, str], ...]) -> None:
        label_width = min(5.0, self.width * 0.35)
        trs = self._grid(len(rows), [label_width, self.width - label_width])
        for tr, (label, value) in zip(trs, rows, strict=True):
            _runs(tr.tc_lst[0].p_lst[0], (Run(label, True),), self.lang)
            _runs(tr.tc_lst[1].p_lst[0], (Run(value),), self.lang)

    def clause(self, clause: Clause, numbered: bool) -> None:
        if clause.title:
            title = f"{clause.number} {clause.title}" if numbered and clause.number else clause.title
            self.heading(title, 2)
        for item in clause.blocks:
            self.block(item)

    # --- the document ------------------------------------------------------------------------------

    def begin(self, title: str, subtitle: str) -> None:
        model = self.model
        docx_page.page_and_language(self.word, model.language_tag)
        docx_page.hyphenation(self.word)
        self.heading(title, 0)
        if subtitle:
            _runs(self.styled("Subtitle")._p, (Run(subtitle),))

    def finish(self, title: str, version: str, page_label: str) -> bytes:
        model = self.model
        organisation = " ".join(model.organisation.split())
        running = " · ".join(part for part in (organisation, " ".join(title.split())) if part)
        docx_page.header_and_footer(self.word, running, version, page_label)
        docx_page.properties(self.word, title, model.organisation, model.language_tag, model.version)
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()

    def write(self) -> bytes:
        model = self.model
        self.begin(model.title, model.subtitle)
        for item in (block for clause in model.notice for block in clause.blocks):
            if isinstance(item, Paragraph):
                self.paragraph(item.runs, "Intense Quote")
            else:
                self.block(item)
        if model.details:
            self.details(model.details)
        for section in model.sections:
            if section.title:
                self.heading(f"{section.number}. {section.title}" if section.number else section.title, 1)
            for clause in section.clauses:
                self.clause(clause, numbered=True)
        for index, annex in enumerate(model.annexes):
            title = f"{annex.label}. {annex.title}" if annex.label else annex.title
            heading = self.heading(title, 1)
            # Annexes start on a new page, unless nothing but the title comes before (a kit's receipts).
            heading.paragraph_format.page_break_before = bool(index or model.sections or model.details)
            for clause in annex.clauses:
                self.clause(clause, numbered=False)
        version = f"{model.version_label} {model.version}".strip()
        return self.finish(model.title, version, model.page_label)

    # --- two versions side by side -----------------------------------------------------------------

    def write_side_by_side(self, pair: SideBySide) -> bytes:
        from clauses.export.side_by_side import rows

        left, right = pair.left, pair.right
        self.begin(pair.title, left.subtitle)
        half = (TEXT_WIDTH - 0.6) / 2
        table: Any = None  # the two-column table being filled, if any
        for row in rows(pair):
            if row.stacked:
                # A table needs the page's width: the left version's above the right one's.
                table = None
                for parts, lang in ((row.left, None), (row.right, right.language_tag)):
                    self._parts(parts, self.word, lang, TEXT_WIDTH)
                continue
            if row.new_page:
                self.word.add_paragraph().paragraph_format.page_break_before = True
            if row.new_page or table is None:
                table = self._column_table(half)
            self._pair_row(table, row, half, right.language_tag)
        version = f"{left.version_label} / {right.version_label} {left.version}".strip(" /")
        label = f"{left.page_label} · {right.page_label}"
        return self.finish(pair.title, version, label)

    def _column_table(self, half: float) -> Any:
        """A borderless two-column table for the rows that follow."""
        table = self.word.add_table(rows=0, cols=2)
        table.autofit = False
        for column in table._tbl.tblGrid.gridCol_lst:
            column.w = self.cm(half + 0.3)
        return table

    def _pair_row(self, table: Any, row: Row, half: float, right_lang: str) -> None:
        cells = table.add_row().cells
        tr = table._tbl.tr_lst[-1]
        if max(_length(row.left), _length(row.right)) < 1200:
            # A pair of paragraphs stays on one page; a very long pair (a long list) may break.
            tr.insert(0, self._row_properties())
        for cell, parts, lang in ((cells[0], row.left, None), (cells[1], row.right, right_lang)):
            cell.width = self.cm(half + 0.3)
            self._parts(parts, cell, lang, half)
            first = cell.paragraphs[0]
            if len(cell.paragraphs) > 1 and not first.text:
                first._p.getparent().remove(first._p)
            if row.sticky:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    def _parts(self, parts: tuple[Part, ...], container: Any, lang: str | None, width: float) -> None:
        from clauses.export.side_by_side import Heading

        self.container, self.lang, self.width = container, lang, width
        try:
            for part in parts:
                if isinstance(part, Heading):
                    self.heading(part.text, part.level)
                elif isinstance(part, tuple):
                    self.details(part)
                else:
                    self.block(part)
        finally:
            self.container, self.lang, self.width = self.word, None, TEXT_WIDTH


def _length(parts: tuple[Part, ...]) -> int:
    """About how many characters the parts hold (to tell a pair that may need to break)."""
    from clauses.export.side_by_side import Heading

    total = 0
    for part in parts:
        if isinstance(part, Heading):
            total += len(part.text)
        elif isinstance(part, Paragraph):
            total += sum(len(run.text) for run in part.runs)
        elif isinstance(part, BulletList | NumberedList):
            total += sum(len(run.text) + 40 for entry in part.items for run in entry)
    return total


def render(document: Document) -> bytes:
    return _Writer(document).write()


def render_side_by_side(pair: SideBySide) -> bytes:
    return _Writer(pair.left).write_side_by_side(pair)
