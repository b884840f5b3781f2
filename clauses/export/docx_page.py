"""What every page of a Word file carries: A4, the language, the running header, "page X of Y" as Word
fields, hyphenation that leaves headings and table cells alone, and the document's properties.

Word numbers the pages itself when the file is opened or printed: the footer holds PAGE and NUMPAGES
fields, never numbers we computed.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

# The paragraph style of every table cell: a little smaller, no space after, and never hyphenated.
TABLE_STYLE = "Table Text"
GREY = "595959"


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return namespaced(tag)


def element(tag: str, **attributes: str) -> Any:
    from docx.oxml.parser import OxmlElement

    return OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})


def page_and_language(word: WordDocument, language_tag: str) -> None:
    from docx.shared import Cm

    section = word.sections[0]
    # Belgium prints on A4; python-docx's template is US Letter.
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    # The document's default language, so spelling and hyphenation follow it.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = element("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language_tag)


def hyphenation(word: WordDocument) -> None:
    """Hyphenate running text in the document's language; never titles, headings or table cells.

    The definitions table once showed "Ambassadeursprogram-ma" broken inside the word: a cell's
    text is never hyphenated, and its column is made wide enough for its longest word (docx.py).
    """
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    settings = word.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        # The schema puts it right after the default tab stop.
        settings.find(qn("w:defaultTabStop")).addnext(element("w:autoHyphenation"))
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Header", "Footer"):
        _suppress_hyphens(word.styles[name].element.get_or_add_pPr())
    style = word.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.font.size = Pt(9.5)
    style.paragraph_format.space_before = Pt(1)
    style.paragraph_format.space_after = Pt(1)
    _suppress_hyphens(style.element.get_or_add_pPr())


# What comes after <w:suppressAutoHyphens> in a paragraph's properties, in the schema's order.
_AFTER_HYPHENS = (
    *("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi"),
    *("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents"),
    *("suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl"),
    *("divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
)


def _suppress_hyphens(properties: Any) -> None:
    if properties.find(qn("w:suppressAutoHyphens")) is None:
        # It follows pStyle, keepNext, ..., numPr, pBdr, shd and tabs: put it before whichever of
        # the later elements is there.
        later = {qn(f"w:{tag}") for tag in _AFTER_HYPHENS}
        hyphens = element("w:suppressAutoHyphens")
        for child in properties:
            if child.tag in later:
                child.addprevious(hyphens)
                return
        properties.append(hyphens)


def _run(text: str, *, bold: bool = False) -> Any:
    r = element("w:r")
    properties = element("w:rPr")
    if bold:
        properties.append(element("w:b"))
    properties.append(element("w:color", val=GREY))
    properties.append(element("w:sz", val="16"))
    r.append(properties)
    t = element("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _field(instruction: str) -> Any:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in; "1" until they do."""
    field = element("w:fldSimple", instr=f" {instruction} \\* MERGEFORMAT ")
    field.append(_run("1"))
    return field


def _paragraph(
    style_id: str, *, right_tab: int | None = None, rule: bool = False, right: bool = False
) -> Any:
    p = element("w:p")
    properties = element("w:pPr")
    properties.append(element("w:pStyle", val=style_id))
    if rule:
        borders = element("w:pBdr")
        borders.append(element("w:bottom", val="single", sz="4", space="4", color="A6A6A6"))
        properties.append(borders)
    if right_tab is not None:
        tabs = element("w:tabs")
        tabs.append(element("w:tab", val="right", pos=str(right_tab)))
        properties.append(tabs)
    if right:
        properties.append(element("w:jc", val="right"))
    p.append(properties)
    return p


def page_label(pattern: str) -> list[Any]:
    """ "Pagina {page} van {pages}" as runs and the PAGE and NUMPAGES fields."""
    parts = []
    for piece in re.split(r"(\{pages?\})", pattern):
        if piece == "{page}":
            parts.append(_field("PAGE"))
        elif piece == "{pages}":
            parts.append(_field("NUMPAGES"))
        elif piece:
            parts.append(_run(piece))
    return parts


def header_and_footer(word: WordDocument, running: str, version: str, pattern: str) -> None:
    """The running header (organisation · title, and the version on the right) from the second page
    on; the page number in the footer of every page, the first included."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    from docx.shared import Length

    width = Length(section.page_width - section.left_margin - section.right_margin)
    header_id, footer_id = word.styles["Header"].style_id, word.styles["Footer"].style_id
    for name in ("Header", "Footer"):
        # The template's tab stops are for US Letter; ours is the one at the right margin.
        properties = word.styles[name].element.pPr
        for tabs in properties.findall(qn("w:tabs")):
            properties.remove(tabs)

    header = _paragraph(header_id, right_tab=width.twips, rule=True)
    header.append(_run(running))
    tab = element("w:r")
    tab.append(element("w:tab"))
    header.append(tab)
    header.append(_run(version))
    _replace(section.header, header)
    # The first page has its title: its header stays empty, but it is a header of its own.
    _replace(section.first_page_header, _paragraph(header_id))
    for footer in (section.footer, section.first_page_footer):
        p = _paragraph(footer_id, right=True)
        p.extend(page_label(pattern))
        _replace(footer, p)


def _replace(part: Any, paragraph: Any) -> None:
    container = part._element
    for old in container.findall(qn("w:p")):
        container.remove(old)
    container.append(paragraph)


def properties(word: WordDocument, title: str, organisation: str, language_tag: str, version: str) -> None:
    core = word.core_properties
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    organisation = " ".join(organisation.split())
    core.title = " ".join(title.split())
    core.subject = " · ".join(part for part in (core.title, organisation) if part)
    core.author = organisation
    core.last_modified_by = ""
    core.language = language_tag
    core.keywords = organisation
    core.comments = ""
    core.version = version
    core.revision = 1
    core.created = now
    core.modified = now
