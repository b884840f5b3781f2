"""What a user gets in each format: Word headings, numbering and signature table; printable HTML; files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from policy_helpers import LIBRARY, answers

from clauses import ExportError
from clauses.errors import TargetExists, TargetNotWritable
from clauses.export import format_for, render, write
from clauses.model import NumberedList

POLICY = LIBRARY.assemble(answers(acknowledgement="paper"))


def word(document=POLICY) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(document, "docx")))


def test_docx_has_real_heading_styles_with_numbered_sections() -> None:
    read = word()
    by_style: dict[str, list[str]] = {}
    for paragraph in read.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["Social Media Policy"]
    assert by_style["Heading 1"][:3] == ["1. Purpose and scope", "2. Definitions", "3. Legal framework"]
    assert by_style["Heading 1"][-1] == "Annex C. Approval and acknowledgement of receipt"
    assert "1.1 Purpose" in by_style["Heading 2"]
    sections = [section for section in POLICY.sections]
    assert len([text for text in by_style["Heading 1"] if not text.startswith("Annex")]) == len(sections)


def test_docx_annexes_start_on_a_new_page() -> None:
    annexes = [p for p in word().paragraphs if p.style.name == "Heading 1" and p.text.startswith("Annex")]
    assert len(annexes) == len(POLICY.annexes)
    assert all(p.paragraph_format.page_break_before for p in annexes)


def test_docx_numbered_lists_each_restart_at_one() -> None:
    read = word()
    numbering = read.part.numbering_part.element
    list_ids: list[str] = []
    for paragraph in read.paragraphs:
        if paragraph.style.name != "List Number":
            continue
        num_id = paragraph._p.pPr.numPr.numId.val
        if not list_ids or list_ids[-1] != num_id:
            list_ids.append(num_id)
    expected = sum(isinstance(b, NumberedList) for c in POLICY.clauses() for b in c.blocks)
    assert len(list_ids) == expected >= 3
    assert len(set(list_ids)) == len(list_ids), "two lists share a numbering, so the second would go on"
    for num_id in list_ids:
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def test_docx_ends_with_a_signature_table() -> None:
    table = word().tables[-1]
    labels = [row.cells[0].text for row in table.rows]
    assert labels == ["Name", "Function", "Date", "Signature"]
    assert all(row.cells[1].text == "" for row in table.rows)
    qes = word(LIBRARY.assemble(answers(acknowledgement="qualified_esignature"))).tables[-1]
    assert qes.rows[-1].cells[0].text == "Qualified electronic signature"


def test_docx_properties_and_default_language() -> None:
    read = word()
    assert read.core_properties.title == "Social Media Policy"
    assert read.core_properties.language == "en-GB"
    assert read.core_properties.author == "Acme Belgium NV"
    lang = read.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = read.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_docx_shows_the_references_table() -> None:
    tables = word().tables
    references = next(t for t in tables if t.rows[0].cells[0].text == "Reference")
    assert [c.text for c in references.rows[0].cells] == ["Reference", "Subject", "Cited in"]
    assert len(references.rows) == len(POLICY.statutes) + 1


def test_docx_keeps_line_breaks_and_tabs_of_a_long_answer_inside_its_paragraph() -> None:
    escalation = "Call the CEO on +32 470 00 00 00\nthen Legal\tat once"
    read = word(LIBRARY.assemble(answers(crisis_escalation=escalation)))
    paragraphs = [p for p in read.paragraphs if "then Legal" in p.text]
    assert len(paragraphs) == 2  # the crisis protocol, and the escalation line of the alert card
    paragraph = paragraphs[0]
    assert "Call the CEO on +32 470 00 00 00\nthen Legal\tat once" in paragraph.text
    assert paragraph._p.findall(".//" + qn("w:br")) and paragraph._p.findall(".//" + qn("w:tab"))


def test_docx_tables_give_the_first_column_its_width_and_repeat_their_header() -> None:
    references = next(t for t in word().tables if t.rows[0].cells[0].text == "Reference")
    assert [round(cell.width.cm, 1) for cell in references.rows[1].cells] == [7.0, 6.0, 3.0]
    assert references.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    signature = word().tables[-1]
    assert [round(cell.width.cm, 1) for cell in signature.rows[0].cells] == [5.0, 11.0]
    assert all(round(row.height.cm, 1) == 1.4 for row in signature.rows)
    assert all(run.bold for row in signature.rows for run in row.cells[0].paragraphs[0].runs)


def test_html_is_one_standalone_file_that_prints_well() -> None:
    html = str(render(POLICY, "html"))
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<style>" in html and "@page" in html and "break-before: page" in html
    assert not re.search(r"<link|<script|src=|@import|url\(", html)
    assert html.count('<section class="annex"') == len(POLICY.annexes)
    assert '<table class="signature">' in html


def test_text_is_wrapped_for_reading() -> None:
    lines = str(render(POLICY, "txt")).splitlines()
    assert max(len(line) for line in lines) <= 78
    assert "1. Purpose and scope" in lines


def test_markdown_has_numbered_headings_and_pipe_tables() -> None:
    markdown = str(render(POLICY, "md"))
    assert markdown.startswith("# Social Media Policy\n")
    assert "\n## 1. Purpose and scope\n" in markdown and "\n### 1.1 Purpose\n" in markdown
    assert "| Reference | Subject | Cited in |" in markdown
    # Bold labels keep the space after them: "**Owner:** the HR department".
    assert "- **Owner:** HR, in charge of" in markdown


@pytest.mark.parametrize(
    ("name", "fmt"), [("p.md", "md"), ("p.HTML", "html"), ("p.docx", "docx"), ("p.txt", "txt")]
)
def test_the_format_follows_the_suffix(tmp_path: Path, name: str, fmt: str) -> None:
    assert format_for(name) == fmt
    written = write(POLICY, tmp_path / name)
    if fmt == "docx":
        # The file records when it was made, so compare what it says.
        paragraphs = [p.text for p in docx.Document(io.BytesIO(written.read_bytes())).paragraphs]
        assert paragraphs == [p.text for p in word().paragraphs]
    else:
        assert written.read_text(encoding="utf-8") == render(POLICY, fmt)


def test_an_unknown_suffix_or_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot tell the format of .*p\.odt"):
        write(POLICY, tmp_path / "p.odt")
    with pytest.raises(ExportError, match="unknown format 'odt'"):
        render(POLICY, "odt")


def test_an_existing_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "policy.md"
    target.write_text("my own edits", encoding="utf-8")
    with pytest.raises(TargetExists, match="already exists; use --force") as refused:
        write(POLICY, target)
    assert refused.value.path == target  # so the app can say it in the user's language
    assert target.read_text(encoding="utf-8") == "my own edits"
    write(POLICY, target, force=True)
    assert target.read_text(encoding="utf-8").startswith("# Social Media Policy")
    assert [p.name for p in tmp_path.iterdir()] == ["policy.md"]


def test_a_place_the_system_refuses_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    refusal = r"cannot write .*notes\.txt/policy\.md: Not a directory"
    with pytest.raises(TargetNotWritable, match=refusal) as refused:
        write(POLICY, not_a_folder / "policy.md")
    assert refused.value.reason == "Not a directory"
    assert not_a_folder.read_text(encoding="utf-8") == "a file, not a folder"


def test_renderers_do_not_load_python_docx_until_asked() -> None:
    import subprocess
    import sys

    script = (
        "import sys, clauses\n"
        "from clauses.export import render\n"
        "lib = clauses.load_library()\n"
        "assert 'docx' not in sys.modules\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
