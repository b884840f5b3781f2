"""Brussels side by side: the Dutch and French versions in two columns, paragraph by paragraph, in
Word, PDF and HTML."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from policy_helpers import LIBRARY, answers

from clauses import ExportError
from clauses.export import SIDE_BY_SIDE_FORMATS, render, write
from clauses.export.side_by_side import Heading, SideBySide, rows
from clauses.model import Paragraph, Table

BRUSSELS = answers(regions=["brussels"], staff_languages=["nl", "fr"])
DUTCH, FRENCH = LIBRARY.assemble(BRUSSELS, "nl"), LIBRARY.assemble(BRUSSELS, "fr")
PAIR = SideBySide(DUTCH, FRENCH)


def test_rows_pair_each_heading_and_paragraph_with_its_translation() -> None:
    found = rows(PAIR)
    headings = [(row.left[0], row.right[0]) for row in found if row.left and isinstance(row.left[0], Heading)]
    sections = [(left.text, right.text) for left, right in headings if left.level == 1]
    assert sections[0] == ("1. Doel en toepassingsgebied", "1. Objet et champ d'application")
    assert len(sections) == len(DUTCH.sections) + len(DUTCH.annexes)
    # Every block of each version appears once, in its own column and in order.
    for document, side in ((DUTCH, "left"), (FRENCH, "right")):
        blocks = [part for row in found for part in getattr(row, side) if isinstance(part, Paragraph | Table)]
        expected = [b for c in document.clauses() for b in c.blocks if isinstance(b, Paragraph | Table)]
        assert blocks == expected[: len(blocks)] and len(blocks) == len(expected)
    # Headings stick to what follows; annexes start a page; tables go across the page.
    assert all(row.sticky for row in found if row.left and isinstance(row.left[0], Heading))
    assert sum(row.new_page for row in found) == len(DUTCH.annexes)
    assert all(row.stacked for row in found if any(isinstance(part, Table) for part in row.left))


def test_two_versions_of_the_same_language_are_refused() -> None:
    with pytest.raises(ValueError, match="two different language versions"):
        SideBySide(DUTCH, DUTCH)


def test_docx_puts_dutch_left_and_french_right_marking_the_french_language() -> None:
    read = docx.Document(io.BytesIO(bytes(render(PAIR, "docx"))))
    two_columns = [
        table for table in read.tables if len(table.columns) == 2 and table.style.name != "Table Grid"
    ]
    assert two_columns
    first = two_columns[0].rows[0]
    assert first.cells[0].text == "1. Doel en toepassingsgebied"
    assert first.cells[1].text == "1. Objet et champ d'application"
    languages = {lang.get(qn("w:val")) for lang in first.cells[1]._tc.iter(qn("w:lang"))}
    assert languages == {"fr-BE"}
    assert not list(first.cells[0]._tc.iter(qn("w:lang"))), "the left column is in the document's language"
    assert read.core_properties.title == "Socialemediabeleid · Politique relative aux réseaux sociaux"
    footer = "".join(t.text for t in read.sections[0].footer._element.iter(qn("w:t")))
    assert footer.startswith("Pagina ") and "Page " in footer and " sur " in footer


def test_pdf_shows_both_languages_on_each_page_with_both_page_labels() -> None:
    reader = pypdf.PdfReader(io.BytesIO(bytes(render(PAIR, "pdf"))))
    total = len(reader.pages)
    assert total > len(pypdf.PdfReader(io.BytesIO(bytes(render(DUTCH, "pdf")))).pages)
    for number, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert f"Pagina {number} van {total} · Page {number} sur {total}" in text
    first = " ".join(reader.pages[0].extract_text().split())
    assert "1. Doel en toepassingsgebied" in first and "1. Objet et champ d'application" in first


def test_html_pairs_the_versions_in_two_columns_with_their_languages() -> None:
    html = str(render(PAIR, "html"))

    pairs: list[str] = []
    languages: set[str] = set()

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if (values.get("class") or "").startswith("pair"):
                pairs.append(tag)
            if tag == "div" and values.get("lang"):
                languages.add(values["lang"] or "")

    Reader().feed(html)
    assert len(pairs) > 50
    assert languages == {"nl-BE", "fr-BE"}
    assert re.search(r"grid-template-columns: 1fr 1fr", html)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_formats_without_pages_refuse_side_by_side(fmt: str, tmp_path) -> None:
    assert fmt not in SIDE_BY_SIDE_FORMATS
    with pytest.raises(ExportError, match="side by side need pages"):
        write(PAIR, tmp_path / f"policy.{fmt}")
    assert not (tmp_path / f"policy.{fmt}").exists()
