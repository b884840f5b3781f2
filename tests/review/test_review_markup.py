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
