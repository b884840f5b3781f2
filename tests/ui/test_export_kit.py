"""The export dialog's PDF, adoption kit and Brussels side-by-side options, used as a person would."""

from __future__ import annotations

import datetime
from pathlib import Path

import pypdf
from uihelp import (
    answers_file,
    async_test,
    finished_session,
    make_app,
    open_export_dialog,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.widgets.choices import ChoiceList

BRUSSELS = answers_file("comprehensive-brussels.yaml")
LIMITED = answers_file("limited-small.yaml")


def flat(text: str) -> str:
    return " ".join(text.split())


@async_test
async def test_brussels_exports_pdf_side_by_side_and_the_kit(home: Path) -> None:
    write_draft(home, finished_session(BRUSSELS), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(110, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        formats = dialog.query_one("#formats", ChoiceList)
        # Five formats, the notes, the kit, and side by side: Dutch and French both bind in Brussels.
        assert formats.option_count == 8
        formats.focus()
        # Word (ticked), PDF, the notes (ticked: untick), the kit, side by side.
        await pilot.press("2", "6", "7", "8")
        dialog.query_one("#posting-date").value = "1/2/2027"
        await pilot.pause()
        targets = flat(str(dialog.query_one("#targets").render()))
        assert "social-media-policy-kanaalzone-logistics-nv-nl-fr.pdf" in targets
        assert "01-aanplakbericht-nl.pdf" in targets and "01-avis-d-affichage-fr.docx" in targets
        await pilot.press("enter")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=60, what="the export")
        said = transcript_text(app)
    exports = home / "exports"
    names = sorted(path.name for path in exports.iterdir())
    folder = "social-media-policy-kanaalzone-logistics-nv-adoption-kit"
    assert names == [
        # Each version in the words of its language; the kit's folder and the two side by side in
        # the language we talk in.
        "politique-reseaux-sociaux-kanaalzone-logistics-nv-fr.docx",
        "politique-reseaux-sociaux-kanaalzone-logistics-nv-fr.pdf",
        folder,
        "social-media-policy-kanaalzone-logistics-nv-nl-fr.docx",
        "social-media-policy-kanaalzone-logistics-nv-nl-fr.pdf",
        "socialemediabeleid-kanaalzone-logistics-nv-nl.docx",
        "socialemediabeleid-kanaalzone-logistics-nv-nl.pdf",
    ]
    kit = sorted(path.name for path in (exports / folder).iterdir())
    assert (
        kit[0] == "01-aanplakbericht-nl.docx" and len(kit) == 2 * 2 * 5
    )  # 5 documents, nl and fr, 2 formats
    notice = pypdf.PdfReader(str(exports / folder / "01-avis-d-affichage-fr.pdf"))
    assert "1er février 2027" in notice.pages[0].extract_text()
    assert "  01-aanplakbericht-nl.pdf (Dutch, adoption kit)" in said
    side = "social-media-policy-kanaalzone-logistics-nv-nl-fr.pdf"
    assert f"  {side} (Dutch, side by side with the French version)" in said


@async_test
async def test_a_posting_date_the_kit_cannot_read_is_said_and_nothing_is_written(home: Path) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_export_dialog(pilot)
        # A Walloon bakery: only French binds, so side by side is not offered.
        assert dialog.query_one("#formats", ChoiceList).option_count == 7
        assert dialog.query_one("#posting-date").value == datetime.date.today().isoformat()
        dialog.query_one("#formats").focus()
        assert not dialog.query_one("#posting-row").display, "no kit, no posting date"
        await pilot.press("7")  # the kit
        await wait_for(pilot, lambda: dialog.query_one("#posting-row").display)
        dialog.query_one("#posting-date").value = "someday"
        dialog.query_one("#formats").focus()
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "The posting date of the kit:" in str(dialog.query_one("#export-problem").render())
        )
    assert not (home / "exports").exists()
