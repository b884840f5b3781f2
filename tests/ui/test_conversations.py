"""Complete conversations, one per kind of policy (and per department), from the first question to the
exported files, answered the way a person would: number keys, ticks, typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from uihelp import answer_all, answers_file, async_test, chat_of, make_app, transcript_text, wait_for

from assistant.screens.export import ExportDialog
from assistant.screens.summary import SummaryScreen
from assistant.widgets.pointer_list import PointerList
from assistant.widgets.your_words import WordingScreen
from clauses.language_law import required_languages
from dialogue.flow import DONE

POLICIES = {
    "limited": "limited-small.yaml",
    "employee_rules": "employee-rules-public.yaml",
    "comprehensive": "comprehensive-brussels.yaml",
    "department_marketing": "department-marketing.yaml",
    "department_customer_service": "department-customer-service.yaml",
    "department_hr": "department-hr.yaml",
    "department_other": "department-other.yaml",
}


def text_of(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return str(PdfReader(str(path)).metadata.author)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("policy", sorted(POLICIES))
@async_test
async def test_a_whole_interview_ends_in_the_exported_policy(home: Path, policy: str) -> None:
    answers = answers_file(POLICIES[policy])
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_all(pilot, answers)
        # The last answer opens the summary, which offers to finish.
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
        summary = "\n".join(app.screen.query_one(PointerList).lines)
        assert f"→ {answers['org_name']}" in summary
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the export dialog")
        assert chat_of(app).session.state == DONE
        # The required language versions, Word and the implementation notes are ticked; add PDF, the
        # web page, Markdown and text.
        await pilot.press("tab", "2", "3", "4", "5", "enter")
        if policy == "comprehensive":
            # Brussels: the answers typed in Dutch would appear in the French version, so they are shown
            # first (test_your_words.py); here they are kept as typed.
            await wait_for(pilot, lambda: isinstance(app.screen, WordingScreen), what="your words")
            await pilot.click("#words-use")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=20, what="the export")
        said = transcript_text(app)

    files = sorted((home / "exports").iterdir())
    required = required_languages(answers)
    assert {path.suffix for path in files} == {".docx", ".pdf", ".html", ".md", ".txt"}
    # The policy and the implementation notes, in five formats, in every version the law requires.
    assert len(files) == 10 * len(required)
    assert {path.stem.rsplit("-", 1)[1] for path in files} == set(required)
    for path in files:
        assert answers["org_name"] in text_of(path), path.name
    # The conversation says exactly where the files are.
    assert f"The files were written in {home / 'exports'}:" in said
    for path in files:
        assert f"  {path.name} (" in said
