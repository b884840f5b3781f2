"""The PDF as a reader gets it, read back with pypdf: pages, text, page numbers in the document's
language, the running header, embedded fonts, metadata, PDF/A, and tables and headings that never
break badly."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace

import pypdf
import pytest
from policy_helpers import LIBRARY, answers

from clauses.export import render
from clauses.model import Clause, Document, Paragraph, Run, Section, Table

POLICY = LIBRARY.assemble(answers(acknowledgement="paper"))


def read(document: Document = POLICY) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(bytes(render(document, "pdf"))))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    # Hyphenation puts a soft hyphen and a line break inside words: join them again.
    return [re.sub("\u00ad\\s*", "", page.extract_text() or "") for page in reader.pages]


def fonts(reader: pypdf.PdfReader) -> Iterator[pypdf.generic.DictionaryObject]:
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_the_full_policy_is_a_multi_page_a4_pdf_with_all_its_text() -> None:
    reader = read()
    assert len(reader.pages) >= 8
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(" ".join(page.split()) for page in page_texts(reader))
    assert "Social Media Policy" in text
    for section in POLICY.sections:
        assert f"{section.number}. {section.title}" in text
    assert "Annex C. Approval and acknowledgement of receipt" in text
    assert "Approval by the employer" in text and "Acknowledgement by the employee" in text


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Page {} of {}"),
        ("nl", "Pagina {} van {}"),
        ("fr", "Page {} sur {}"),
        ("de", "Seite {} von {}"),
    ],
)
def test_every_page_says_its_number_in_the_documents_language(language: str, label: str) -> None:
    reader = read(LIBRARY.assemble(answers(), language))
    total = len(reader.pages)
    for number, text in enumerate(page_texts(reader), 1):
        assert label.format(number, total) in text, (number, text[-120:])


def test_pages_after_the_first_carry_the_organisation_title_and_version() -> None:
    first, *others = page_texts(read())
    running = "Acme Belgium NV · Social Media Policy"
    assert running not in first
    assert others and all(running in text and "Version 1.0" in text for text in others)


def test_fonts_are_embedded_and_metadata_names_title_author_language() -> None:
    reader = read(LIBRARY.assemble(answers(), "fr"))
    embedded = [font["/FontDescriptor"] for font in fonts(reader) if "/FontDescriptor" in font]
    for font in fonts(reader):
        descendants = font.get("/DescendantFonts")
        if descendants:
            embedded += [descendant.get_object()["/FontDescriptor"] for descendant in descendants]
    assert embedded, "no font descriptors"
    assert all({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()) for descriptor in embedded)
    metadata = reader.metadata
    assert metadata.title == "Politique relative aux réseaux sociaux"
    assert metadata.author == "Acme Belgium NV"
    assert reader.trailer["/Root"]["/Lang"] == "fr-BE"


def test_the_pdf_declares_pdf_a_and_is_tagged() -> None:
    reader = read()
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "2" in re.search(r"pdfaid:part[^0-9]*(\d)", xmp).group(1)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_long_text_is_hyphenated_in_the_documents_language() -> None:
    text = "\n".join(page.extract_text() for page in read(LIBRARY.assemble(answers(), "nl")).pages)
    words = set(re.findall(r"\w+", text))
    # A word broken at a line's end ("arbeidsre-" / "glementen") that appears whole elsewhere.
    broken = {a + b for a, b in re.findall(r"(\w+)[-\u00ad]\n(\w+)", text)}
    assert broken & words, "no word was hyphenated in the Dutch policy"


def _document(blocks: tuple, title: str = "Test") -> Document:
    return Document(
        kind="policy",
        title=title,
        subtitle="Acme",
        organisation="Acme",
        version="2.0",
        date=None,
        language="nl",
        language_tag="nl-BE",
        notice=(),
        details=(),
        sections=(Section("s", "1", "Sectie", (Clause("c", "Titel", "1.1", blocks),)),),
        annexes=(),
        colon=":",
        page_label="Pagina {page} van {pages}",
        version_label="Versie",
    )


def test_a_long_table_repeats_its_header_and_never_splits_a_row() -> None:
    header = ((Run("Begrip"),), (Run("Betekenis"),))
    rows = tuple(
        ((Run(f"Term{number:03d}"),), (Run(f"Row{number:03d} " + "lange uitleg " * 25 + f"End{number:03d}"),))
        for number in range(60)
    )
    reader = read(_document((Table(header, rows),)))
    texts = [" ".join(text.split()) for text in page_texts(reader)]
    assert len(texts) >= 3
    for text in texts:
        assert "Begrip Betekenis" in text, "the header row is not repeated"
        # Each row's start and end are on the same page.
        for number in map(int, re.findall(r"Row(\d{3})", text)):
            assert f"End{number:03d}" in text, f"row {number} is split across pages"


def test_no_word_in_a_table_cell_is_hyphenated() -> None:
    header = ((Run("Begrip"),), (Run("Betekenis"),))
    rows = (((Run("Ambassadeursprogramma"),), (Run("Gegevensbeschermingsautoriteit " * 12),)),) * 8
    raw = "".join(page.extract_text() for page in read(_document((Table(header, rows),))).pages)
    assert "\u00ad" not in raw and raw.count("Ambassadeursprogramma") == 8


def test_a_heading_is_never_the_last_line_of_a_page() -> None:
    # Paragraphs of many lengths, so that some heading falls where a page ends.
    clauses = tuple(
        Clause(f"c{i}", f"Kop{i:02d}", f"1.{i}", (Paragraph((Run("Tekst. " * (3 + i * 7 % 40)),)),))
        for i in range(80)
    )
    document = replace(_document(()), sections=(Section("s", "1", "Sectie", clauses),))
    pages = page_texts(read(document))
    assert len(pages) >= 5
    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(("Pagina ", "Acme · Test"))]
        assert not re.fullmatch(r"1\.\d+ Kop\d\d", body[-1]), f"a heading ends the page: {body[-1]}"


def test_an_answer_no_bundled_font_can_draw_still_gives_its_pdf() -> None:
    # An emoji and a Georgian letter: PDF/A forbids what no embedded font draws, so the system's fonts
    # are searched, and without them the PDF is written without PDF/A; never an error.
    name = "Acme \U0001f600 \u2d00 NV"
    reader = read(LIBRARY.assemble(answers(org_name=name)))
    assert reader.metadata.author == name
    assert "Acme" in reader.pages[0].extract_text()


def is_pdf_a(reader: pypdf.PdfReader) -> bool:
    metadata = reader.trailer["/Root"].get("/Metadata")
    return metadata is not None and "pdfaid:part" in metadata.get_object().get_data().decode()


def test_a_byte_order_mark_pasted_into_an_answer_is_dropped_and_the_pdf_stays_pdf_a() -> None:
    # Found by CI's hypothesis run: PDF/A forbids U+FEFF, and typst refused the whole PDF.
    reader = read(LIBRARY.assemble(answers(org_name="\ufeffAcme Belgium NV")))
    assert reader.metadata.author == "Acme Belgium NV"
    assert is_pdf_a(reader)


@pytest.mark.parametrize("code_point", ["\ufffe", "\uffff", "\ue000"])
def test_a_code_point_pdf_a_forbids_still_gives_the_pdf(code_point: str) -> None:
    reader = read(LIBRARY.assemble(answers(org_name=f"Acme{code_point} NV")))
    assert "Acme" in reader.pages[0].extract_text()
