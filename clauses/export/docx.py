"""DOCX through python-docx: real heading styles, lists that restart at 1, a signature table, properties.

python-docx is imported inside render(), so nothing else pays for loading it.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import TYPE_CHECKING, Any

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

# Column widths in cm across the 16 cm between the margins: the first column carries the most text.
COLUMN_WIDTHS = {2: (5.0, 11.0), 3: (7.0, 6.0, 3.0)}

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph


_BREAKS = re.compile(r"(\r\n|\r|\n|\t)")


def _runs(p: Any, runs: Inline) -> None:
    """Each run as a <w:r> built directly with lxml.

    python-docx's `Run.text` setter walks the text a character at a time and its element helpers scan
    for each child's place: together most of the export's time. A newline in an answer becomes a line
    break <w:br/> (never a new paragraph) and a tab a <w:tab/>, as python-docx would write them.
    """
    from docx.oxml.parser import OxmlElement

    for run in runs:
        r = OxmlElement("w:r")
        if run.bold:
            properties = OxmlElement("w:rPr")
            properties.append(OxmlElement("w:b"))
            r.append(properties)
        for piece in _BREAKS.split(run.text):
            if piece == "\t":
                r.append(OxmlElement("w:tab"))
            elif piece in ("\n", "\r", "\r\n"):
                r.append(OxmlElement("w:br"))
            elif piece:
                r.add_t(piece)
        p.append(r)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


class _Writer:
    """Holds the Word document while the model is written into it."""

    def __init__(self, document: Document) -> None:
        import docx
        from docx.shared import Cm, Pt

        self.cm, self.pt = Cm, Pt
        self.word: WordDocument = docx.Document()
        self.model = document
        self._list_abstract = self._abstract_num_of("List Number")
        # python-docx looks a style up by name with a scan of every style, each time; look each up once.
        self._style_ids: dict[str, str] = {}

    # --- numbering ---------------------------------------------------------------------------------

    def _abstract_num_of(self, style_name: str) -> str:
        style = self.word.styles[style_name].element
        num_id = style.pPr.numPr.numId.val
        numbering = self.word.part.numbering_part.element
        for num in numbering.findall(_qn("w:num")):
            if num.get(_qn("w:numId")) == str(num_id):
                return num.find(_qn("w:abstractNumId")).get(_qn("w:val"))
        raise LookupError(f"no numbering for style {style_name!r}")

    def _new_numbering(self) -> int:
        """A fresh w:num on the List Number definition, starting again at 1.

        Word continues a list's numbering across the whole document unless each list has its own
        w:num with a start override; python-docx does not do this by itself.
        """
        numbering = self.word.part.numbering_part.element
        num_id = max(int(num.get(_qn("w:numId"))) for num in numbering.findall(_qn("w:num"))) + 1
        num = numbering.makeelement(_qn("w:num"), {_qn("w:numId"): str(num_id)})
        abstract = num.makeelement(_qn("w:abstractNumId"), {_qn("w:val"): self._list_abstract})
        override = num.makeelement(_qn("w:lvlOverride"), {_qn("w:ilvl"): "0"})
        override.append(override.makeelement(_qn("w:startOverride"), {_qn("w:val"): "1"}))
        num.extend([abstract, override])
        numbering.append(num)
        return num_id

    # --- blocks ------------------------------------------------------------------------------------

    def styled(self, style: str | None) -> WordParagraph:
        from docx.oxml.parser import OxmlElement

        paragraph = self.word.add_paragraph()
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.word.styles[style].style_id
            # <w:pPr><w:pStyle/></w:pPr> built directly: python-docx's setter scans for its place.
            properties = OxmlElement("w:pPr")
            properties.append(OxmlElement("w:pStyle", {_qn("w:val"): self._style_ids[style]}))
            paragraph._p.insert(0, properties)
        return paragraph

    def paragraph(self, runs: Inline, style: str | None = None) -> WordParagraph:
        paragraph = self.styled(style)
        _runs(paragraph._p, runs)
        return paragraph

    def heading(self, text: str, level: int) -> WordParagraph:
        paragraph = self.styled("Title" if level == 0 else f"Heading {level}")
        _runs(paragraph._p, (Run(text),))
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
                number = paragraph._p.pPr.makeelement(_qn("w:numPr"), {})
                number.append(number.makeelement(_qn("w:ilvl"), {_qn("w:val"): "0"}))
                number.append(number.makeelement(_qn("w:numId"), {_qn("w:val"): str(num_id)}))
                paragraph._p.pPr.append(number)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, SignatureBlock):
            self.signature(item)
        else:
            raise TypeError(f"unknown block {item!r}")

    def _grid(self, rows: int, widths: tuple[float, ...]) -> list[Any]:
        """A "Table Grid" table of `rows` rows, its columns `widths` cm wide; its <w:tr> elements.

        python-docx builds the whole table from one XML string; adding rows and setting widths one cell
        at a time would cost a scan of the table each.
        """
        table = self.word.add_table(rows=rows, cols=len(widths), style="Table Grid")
        table.autofit = False
        for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            column.w = self.cm(width)
        trs = table._tbl.tr_lst
        for tr in trs:
            for tc, width in zip(tr.tc_lst, widths, strict=True):
                tc.tcPr.find(_qn("w:tcW")).set(_qn("w:w"), str(self.cm(width).twips))
        self.word.add_paragraph()  # tables do not touch the next heading
        return trs

    def table(self, item: Table) -> None:
        columns = len(item.header)
        widths = COLUMN_WIDTHS.get(columns, (16.0 / columns,) * columns)
        header, *trs = self._grid(1 + len(item.rows), widths)
        for tc, runs in zip(header.tc_lst, item.header, strict=True):
            _runs(tc.p_lst[0], tuple(Run(run.text, True) for run in runs))
        self._repeat_header(header)
        for tr, row in zip(trs, item.rows, strict=True):
            for tc, runs in zip(tr.tc_lst, row, strict=False):
                _runs(tc.p_lst[0], runs)

    def _repeat_header(self, tr: Any) -> None:
        properties = tr.get_or_add_trPr()
        properties.append(properties.makeelement(_qn("w:tblHeader"), {}))

    def signature(self, item: SignatureBlock) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE

        for tr, label in zip(self._grid(len(item.fields), (5.0, 11.0)), item.fields, strict=True):
            tr.trHeight_val = self.cm(1.4)
            tr.trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST
            _runs(tr.tc_lst[0].p_lst[0], (Run(label, True),))

    def clause(self, clause: Clause, numbered: bool) -> None:
        if clause.title:
            title = f"{clause.number} {clause.title}" if numbered and clause.number else clause.title
            self.heading(title, 2)
        for item in clause.blocks:
            self.block(item)

    # --- the document ------------------------------------------------------------------------------

    def write(self) -> bytes:
        model, word = self.model, self.word
        self._page_and_language()
        self.heading(model.title, 0)
        if model.subtitle:
            _runs(self.styled("Subtitle")._p, (Run(model.subtitle),))
        for item in (block for clause in model.notice for block in clause.blocks):
            if isinstance(item, Paragraph):
                self.paragraph(item.runs, "Intense Quote")
            else:
                self.block(item)
        if model.details:
            for tr, (label, value) in zip(
                self._grid(len(model.details), (5.0, 11.0)), model.details, strict=True
            ):
                _runs(tr.tc_lst[0].p_lst[0], (Run(label, True),))
                _runs(tr.tc_lst[1].p_lst[0], (Run(value),))
        for section in model.sections:
            self.heading(f"{section.number}. {section.title}", 1)
            for clause in section.clauses:
                self.clause(clause, numbered=True)
        for annex in model.annexes:
            heading = self.heading(f"{annex.label}. {annex.title}", 1)
            heading.paragraph_format.page_break_before = True
            for clause in annex.clauses:
                self.clause(clause, numbered=False)
        self._properties()
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()

    def _page_and_language(self) -> None:
        section = self.word.sections[0]
        # Belgium prints on A4; python-docx's template is US Letter.
        section.page_width, section.page_height = self.cm(21.0), self.cm(29.7)
        section.left_margin = section.right_margin = self.cm(2.5)
        section.top_margin = section.bottom_margin = self.cm(2.2)
        # The document's default language, so spelling and hyphenation follow it.
        defaults = self.word.styles.element.find(_qn("w:docDefaults"))
        run_properties = defaults.find(_qn("w:rPrDefault")).find(_qn("w:rPr"))
        lang = run_properties.find(_qn("w:lang"))
        if lang is None:
            lang = run_properties.makeelement(_qn("w:lang"), {})
            run_properties.append(lang)
        lang.set(_qn("w:val"), self.model.language_tag)

    def _properties(self) -> None:
        properties = self.word.core_properties
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
        properties.title = self.model.title
        properties.subject = " ".join(self.model.organisation.split())
        properties.author = " ".join(self.model.organisation.split())
        properties.last_modified_by = ""
        properties.language = self.model.language_tag
        properties.keywords = ""
        properties.comments = ""
        properties.version = self.model.version
        properties.revision = 1
        properties.created = now
        properties.modified = now


def render(document: Document) -> bytes:
    return _Writer(document).write()
