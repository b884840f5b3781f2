"""The Word file as HR hands it out, read back from its XML: "page X of Y" fields in the footer, the
running header, rows that never split, repeated header rows, no hyphenation in tables, columns wide
enough for their words, the employer's approval block and the document's properties."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from policy_helpers import LIBRARY, answers

from clauses.export import render
from clauses.export.tables import CELL_MARGINS_CM, CHARACTER_CM, widths
from clauses.model import Run

POLICY = LIBRARY.assemble(answers(acknowledgement="paper"), "nl")


def word(document=POLICY) -> docx.document.Document:
    return docx.Document(io.BytesIO(bytes(render(document, "docx"))))


def _field_text(paragraph) -> list[str]:
    """The footer as Word shows its parts: text, and {PAGE} / {NUMPAGES} for fields."""
    parts = []
    for child in paragraph._p:
        if child.tag == qn("w:fldSimple"):
            parts.append("{" + child.get(qn("w:instr")).split()[0] + "}")
        elif child.tag == qn("w:r"):
            parts.append("".join(t.text for t in child.iter(qn("w:t"))))
    return parts


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ("Pagina ", " van ")),
        ("fr", ("Page ", " sur ")),
        ("de", ("Seite ", " von ")),
        ("en", ("Page ", " of ")),
    ],
)
def test_every_footer_says_page_x_of_y_as_word_fields(language: str, words: tuple[str, str]) -> None:
    section = word(LIBRARY.assemble(answers(), language)).sections[0]
    assert section.different_first_page_header_footer
    for footer in (section.footer, section.first_page_footer):
        (paragraph,) = footer.paragraphs
        assert _field_text(paragraph) == [words[0], "{PAGE}", words[1], "{NUMPAGES}"]


def test_the_header_names_organisation_title_and_version_from_the_second_page() -> None:
    section = word().sections[0]
    assert section.header.paragraphs[0].text == "Acme Belgium NV · Socialemediabeleid\tVersie 1.0"
    assert section.first_page_header.paragraphs[0].text == ""
    # The version sits at the right margin: a right tab stop at the text's width.
    tab = section.header.paragraphs[0]._p.pPr.find(qn("w:tabs")).find(qn("w:tab"))
    assert tab.get(qn("w:val")) == "right"
    text_width = section.page_width - section.left_margin - section.right_margin
    assert int(tab.get(qn("w:pos"))) == Length(text_width).twips


def test_table_rows_never_split_and_header_rows_repeat() -> None:
    read = word()
    assert len(read.tables) >= 4
    for table in read.tables:
        rows = table._tbl.tr_lst
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    definitions, references = read.tables[1], read.tables[-3]
    assert definitions.rows[0].cells[0].text == "Begrip"
    assert definitions._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert references.rows[0].cells[0].text == "Bron"
    assert references._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    # The cover's details and the signature blocks have no header row to repeat.
    assert read.tables[0]._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is None


def test_text_is_hyphenated_but_never_a_heading_or_a_table_cell() -> None:
    read = word()
    assert read.settings.element.find(qn("w:autoHyphenation")) is not None
    for name in ("Title", "Heading 1", "Heading 2", "Table Text"):
        assert read.styles[name].element.pPr.find(qn("w:suppressAutoHyphens")) is not None, name
    for table in read.tables:
        for row in table.rows:
            for cell in row.cells:
                assert all(p.style.name == "Table Text" for p in cell.paragraphs)


def test_a_column_is_wide_enough_for_its_longest_word() -> None:
    read = word(LIBRARY.assemble(answers(advocacy=True), "nl"))
    definitions = read.tables[1]
    terms = [row.cells[0].text for row in definitions.rows]
    assert "Ambassadeursprogramma" in terms
    width_cm = definitions._tbl.tblGrid.gridCol_lst[0].w.cm
    assert width_cm >= len("Ambassadeursprogramma") * CHARACTER_CM + CELL_MARGINS_CM - 0.01
    # And a column too narrow for a word takes what it lacks from the others.
    header = ((Run("Term"),), (Run("Meaning"),))
    rows = (((Run("Arbeidsongeschiktheidsverzekeringsmaatschappij"),), (Run("x"),)),)
    first, second = widths(header, rows, 16.0)
    assert first >= 47 * CHARACTER_CM and abs(first + second - 16.0) < 1e-9


def test_headings_keep_with_the_next_paragraph_and_signatures_stay_together() -> None:
    read = word()
    for name in ("Heading 1", "Heading 2"):
        assert read.styles[name].paragraph_format.keep_with_next
    signature = read.tables[-1]
    rows = signature.rows
    assert [row.cells[0].text for row in rows] == ["Naam", "Functie", "Datum", "Handtekening"]
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for row in rows[:-1] for cell in row.cells)


def test_the_employer_approves_beside_the_employee_acknowledgement() -> None:
    read = word()
    headings = [p.text for p in read.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-3:] == [
        "Bijlage C. Goedkeuring en ontvangstbevestiging",
        "Goedkeuring door de werkgever",
        "Ontvangstbevestiging door de werknemer",
    ]
    employer, employee = read.tables[-2], read.tables[-1]
    for table in (employer, employee):
        assert [row.cells[0].text for row in table.rows] == ["Naam", "Functie", "Datum", "Handtekening"]


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_every_format_shows_the_approval_block(language: str) -> None:
    policy = LIBRARY.assemble(answers(acknowledgement="qualified_esignature"), language)
    approval = policy.clause("acknowledgement_approval")
    assert approval.title and policy.clause_ids()[-2:] == (
        "acknowledgement_approval",
        "acknowledgement_receipt",
    )
    for fmt in ("md", "html", "txt"):
        shown = str(render(policy, fmt)).replace("&#x27;", "'").replace("\\", "")
        assert approval.title in shown, fmt


def test_document_properties_give_title_language_subject_and_author() -> None:
    properties = word(LIBRARY.assemble(answers(), "fr")).core_properties
    assert properties.title == "Politique relative aux réseaux sociaux"
    assert properties.language == "fr-BE"
    assert properties.subject == "Politique relative aux réseaux sociaux · Acme Belgium NV"
    assert properties.author == "Acme Belgium NV"
