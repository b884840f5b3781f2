"""`review POLICY -o reviewed.docx`: the user's own document with a Word comment on each risky or weak
passage, the missing elements at the top, and the original untouched."""

from __future__ import annotations

import hashlib
import shutil
from functools import partial
from pathlib import Path

import docx
import pytest
from review_helpers import POLICIES

from assistant.cli import main
from clauses.review import review_text
from dialogue.loader import load_interview
from dialogue.route import answers_not_ruled_out


def comments(path: Path) -> list[tuple[str, str]]:
    """Each comment's text and the text of the paragraph it is anchored on."""
    document = docx.Document(str(path))
    anchored: dict[str, str] = {}
    for paragraph in document.paragraphs:
        for start in paragraph._p.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart"
        ):
            anchored[start.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id")] = (
                paragraph.text
            )
    return [(comment.text, anchored.get(str(comment.comment_id), "")) for comment in document.comments]


def test_a_docx_gets_its_comments_on_the_passages_and_stays_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "risky_de.docx"
    shutil.copy(POLICIES / "risky_de.docx", policy)
    before = hashlib.sha256(policy.read_bytes()).hexdigest()
    output = tmp_path / "reviewed.docx"
    assert main(["review", str(policy), "-o", str(output)]) == 0
    assert hashlib.sha256(policy.read_bytes()).hexdigest() == before  # the original is never written
    found = comments(output)
    passwords = [(text, anchor) for text, anchor in found if "Passwörter persönlicher Konten" in text]
    assert passwords and passwords[0][1].startswith("Die Mitarbeiter müssen der Personalabteilung")
    assert "Streichen Sie diese Passage." in passwords[0][0]  # what to do, in the policy's language
    top = next(text for text, _ in found if text.startswith("In dieser Richtlinie fehlt:"))
    assert "Generative KI" in top  # a missing element, at the top
    # The text of the document is the user's own: nothing added to it but the comments.
    original = [p.text for p in docx.Document(str(POLICIES / "risky_de.docx")).paragraphs]
    assert [p.text for p in docx.Document(str(output)).paragraphs] == original


def test_a_markdown_policy_becomes_a_docx_of_its_text_with_the_same_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "reviewed.docx"
    assert main(["review", str(POLICIES / "risky_en.md"), "-o", str(output), "--lang", "nl"]) == 0
    found = comments(output)
    anchors = {anchor for _, anchor in found}
    assert (
        "Employees must provide the passwords of their personal social media accounts to HR on request."
        in anchors
    )
    assert any(text.startswith("⚠ Hoog risico:") for text, _ in found)  # the comments in the language asked
    headings = [p.text for p in docx.Document(str(output)).paragraphs if p.style.name.startswith("Heading")]
    assert "3. Your accounts" in headings


def test_an_existing_reviewed_copy_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "reviewed.docx"
    output.write_bytes(b"keep me")
    assert main(["review", str(POLICIES / "risky_en.md"), "-o", str(output)]) == 2
    assert output.read_bytes() == b"keep me"
    assert main(["review", str(POLICIES / "risky_en.md"), "-o", str(output), "--force"]) == 0
    assert comments(output)


def test_the_interview_decides_which_inferred_answers_are_kept() -> None:
    kept = partial(answers_not_ruled_out, load_interview())
    text = "We do not monitor employees' online communications. Data are kept for 6 months."
    without = review_text(text).inferred_answers
    assert without.get("monitoring") is False
    report = review_text(text, keep_answers=kept)
    # The interview asks for the retention period only when there is monitoring: it is not suggested.
    assert report.inferred_answers.get("monitoring") is False
    assert "monitoring_retention_months" not in report.inferred_answers


def anchored_text(path: Path) -> dict[str, str]:
    """Each comment's first line and the exact text its range covers."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    document = docx.Document(str(path))
    covered: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in document.element.body.iter():
        if element.tag == w + "commentRangeStart":
            open_ids.add(element.get(w + "id"))
            covered.setdefault(element.get(w + "id"), "")
        elif element.tag == w + "commentRangeEnd":
            open_ids.discard(element.get(w + "id"))
        elif element.tag == w + "t":
            for comment_id in open_ids:
                covered[comment_id] += element.text or ""
    return {
        comment.text.split("\n")[0]: covered.get(str(comment.comment_id), "") for comment in document.comments
    }


def test_a_comment_covers_its_sentence_not_the_whole_paragraph(tmp_path: Path) -> None:
    source = docx.Document()
    paragraph = source.add_paragraph()
    paragraph.add_run("Wees respectvol en beleefd op sociale media. ")
    bold = paragraph.add_run("Kritische commentaren over de bedrijfsleiding zijn niet toegelaten.")
    bold.bold = True
    paragraph.add_run(" Meld een gehackte account meteen aan de IT-dienst.")
    source.add_paragraph("Elke medewerker stuurt een connectieverzoek naar zijn teamleider op LinkedIn.")
    policy, output = tmp_path / "beleid.docx", tmp_path / "reviewed.docx"
    source.save(str(policy))
    assert main(["review", str(policy), "-o", str(output)]) == 0
    covered = anchored_text(output)
    criticism = next(text for first, text in covered.items() if "kritiek" in first)
    assert criticism == "Kritische commentaren over de bedrijfsleiding zijn niet toegelaten."
    friending = next(text for first, text in covered.items() if "bevriend" in first)
    assert friending == "Elke medewerker stuurt een connectieverzoek naar zijn teamleider op LinkedIn."
    # The text and its formatting are the user's own: only the comment marks were added.
    reviewed = docx.Document(str(output)).paragraphs[0]
    assert reviewed.text == source.paragraphs[0].text
    assert [run.text for run in reviewed.runs if run.bold] == [bold.text]


def test_a_comment_on_a_run_holding_more_than_text_covers_the_paragraph(tmp_path: Path) -> None:
    source = docx.Document()
    paragraph = source.add_paragraph()
    run = paragraph.add_run("Wees beleefd.")
    run.add_tab()
    run.add_text("Kritische commentaren over de bedrijfsleiding zijn niet toegelaten.")
    policy, output = tmp_path / "beleid.docx", tmp_path / "reviewed.docx"
    source.save(str(policy))
    assert main(["review", str(policy), "-o", str(output)]) == 0
    criticism = next(text for first, text in anchored_text(output).items() if "kritiek" in first)
    assert criticism.startswith("Wees beleefd.")  # the run is not cut: the whole paragraph is marked
