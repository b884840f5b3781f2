"""Exporting (formats, notes, never replacing a file unasked) and the live preview (beside the chat from
120 columns, updated after every answer off the event loop, scrolled to what changed)."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Input
from uihelp import (
    answer_all,
    answers_file,
    async_test,
    chat_of,
    finished_session,
    give,
    make_app,
    open_export_dialog,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.conversation.policy import Assembled
from assistant.drafting import PolicyDrafter
from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.preview import PreviewScreen
from assistant.screens.summary import SummaryScreen
from assistant.widgets.confirm import ConfirmDialog
from assistant.widgets.pointer_list import PointerList

LIMITED = answers_file("limited-small.yaml")
DEPARTMENT = answers_file("department-hr.yaml")


def flat(text: str) -> str:
    return " ".join(text.split())


@async_test
async def test_export_never_replaces_a_file_without_consent(home: Path) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    exports = home / "exports"
    exports.mkdir()
    # A Walloon bakery: the French version is the one the law requires.
    existing = exports / "politique-reseaux-sociaux-boulangerie-dupont-srl-fr.docx"
    existing.write_bytes(b"my own document")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export_dialog(pilot)
        targets = flat(str(app.screen.query_one("#targets").render()))
        assert f"{existing.name} (exists: replaced only if you confirm)" in targets
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert str(existing) in str(app.screen.query_one("#confirm-body").render())
        await pilot.click("#no")  # keep them
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert existing.read_bytes() == b"my own document"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=20)
    assert existing.read_bytes()[:2] == b"PK"  # now a real Word document
    notes = exports / "politique-reseaux-sociaux-boulangerie-dupont-srl-notes-mise-en-oeuvre-fr.docx"
    assert notes.exists()


@async_test
async def test_export_to_a_chosen_folder_and_name_without_the_notes(home: Path) -> None:
    write_draft(home, finished_session(DEPARTMENT), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_export_dialog(pilot)
        dialog.query_one("#formats").focus()
        await pilot.press("1", "6", "enter")  # untick Word and the notes: nothing to write
        await wait_for(
            pilot, lambda: "Choose at least one format." in str(dialog.query_one("#export-problem").render())
        )
        dialog.query_one("#formats").focus()
        await pilot.press("4")  # Markdown
        dialog.query_one("#folder").value = str(home / "elsewhere")
        dialog.query_one("#name").value = "hr-guidelines"
        await pilot.pause()
        assert flat(str(dialog.query_one("#targets").render())) == (
            f"Files to write in {home / 'elsewhere'}: hr-guidelines-nl.md"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=20)
    written = sorted(path.name for path in (home / "elsewhere").iterdir())
    assert written == ["hr-guidelines-nl.md"]  # a Flemish hospital: the Dutch version
    assert DEPARTMENT["org_name"] in (home / "elsewhere" / "hr-guidelines-nl.md").read_text(encoding="utf-8")


@async_test
async def test_export_waits_until_every_question_is_answered(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await give(pilot, "limited")
        await pilot.press("ctrl+o")
        await wait_for(
            pilot, lambda: "can be exported once every question is answered" in transcript_text(app)
        )
        assert "9 still open" in transcript_text(app)
        assert isinstance(app.screen, ChatScreen)  # no dialog that could not work
    assert not (home / "exports").exists()


@async_test
async def test_the_preview_sits_beside_the_chat_from_120_columns_and_follows_each_answer(home: Path) -> None:
    app = make_app(home, new=True)
    threads: list[str] = []
    drafter = app.drafter
    assemble = drafter.assemble

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return assemble(*args, **kwargs)

    drafter.assemble = spy  # type: ignore[method-assign]
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        preview = chat.side_preview
        assert preview.display and preview.region.width > 40
        assert "The policy takes shape here from your first answer." in flat(preview.text)
        await give(pilot, "limited")
        await wait_for(
            pilot, lambda: preview.rendered is not None, timeout=20, what="the policy in the preview"
        )
        assert "Social Media Do's and Don'ts" in preview.text
        assert preview.border_subtitle.endswith("words · in progress")
        # Each answer updates it; what changed is marked and scrolled to.
        before = preview.rendered
        await submit_text(pilot, "Boulangerie Dupont SRL")
        await wait_for(pilot, lambda: preview.rendered is not before, timeout=20)
        assert "Boulangerie Dupont SRL" in flat(preview.text)
        rendered = preview.rendered
        assert rendered.changed
        first = rendered.first_change
        assert first is not None
        assert preview.scroll_y <= first <= preview.scroll_y + preview.scrollable_content_region.height
        assert "(new)" in preview.text or "(changed)" in preview.text
        assert "changed" in preview.border_subtitle
        # Late in the interview a change far down the policy is scrolled into view.
        await answer_all(pilot, {**LIMITED, "org_name": "Boulangerie Dupont SRL"})
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        summary = app.screen.query_one(PointerList)
        summary.highlighted = summary.get_option_index("sanctions_in_work_rules")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        before = preview.rendered
        await pilot.press("1")  # yes: the sanctions clause near the end changes
        await wait_for(pilot, lambda: preview.rendered is not before and preview.rendered.changed, timeout=20)
        first = preview.rendered.first_change
        assert first is not None and first > preview.scrollable_content_region.height
        assert preview.scroll_y <= first <= preview.scroll_y + preview.scrollable_content_region.height
        assert "(changed)" in preview.text
        assert not preview.border_subtitle.endswith("in progress")
    assert threads and "MainThread" not in threads  # assembled off the event loop


@async_test
async def test_an_answer_does_not_redraw_the_side_preview_before_the_next_question_shows(home: Path) -> None:
    write_draft(home, session_at("personal_use", LIMITED), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        preview = chat.side_preview
        await wait_for(pilot, lambda: preview.rendered is not None, timeout=20, what="the policy")
        await pilot.pause()
        transcript = chat.transcript
        said = len(transcript.messages)
        draw, display = preview.render_lines, app._display
        drawn: list[int] = []
        shown = False

        def noted(crop):
            if not shown:
                drawn.append(crop.height)
            return draw(crop)

        def frame(screen, renderable):  # the frame that shows the next question ends the count
            nonlocal shown
            shown = shown or (len(transcript.messages) > said and transcript.has_drawn(said))
            return display(screen, renderable)

        preview.render_lines, app._display = noted, frame  # type: ignore[method-assign]
        await give(pilot, LIMITED["personal_use"])
        await wait_for(pilot, lambda: shown, what="the next question")
        preview.render_lines, app._display = draw, display  # type: ignore[method-assign]
        # Textual draws again every widget whose container overlaps what changed: in the body's
        # container, the preview's lines were drawn again in every answer's frame.
        assert drawn == []


@async_test
async def test_only_the_newest_assembly_reaches_the_preview(home: Path) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.conversation.policy.document is not None, timeout=20)
        newest = chat.conversation.policy.document
        # An assembly that was overtaken by a newer one arrives late: it is dropped.
        policy = chat.conversation.policy
        policy.assembled(Assembled(policy.generation - 1, None, "stale"))
        await pilot.pause()
        assert chat.conversation.policy.document is newest
        assert "stale" not in chat.side_preview.text


@async_test
async def test_in_a_narrow_terminal_the_preview_screen_shows_what_the_last_answer_changed(home: Path) -> None:
    write_draft(home, session_at("sanctions_in_work_rules", LIMITED), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        assert not chat.side_preview.display
        await wait_for(pilot, lambda: chat.conversation.policy.document is not None, timeout=20)
        first = chat.conversation.policy.document
        await give(pilot, True)
        await wait_for(pilot, lambda: chat.conversation.policy.document is not first, timeout=20)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        preview = app.screen.preview
        await wait_for(pilot, lambda: preview.rendered is not None, timeout=20)
        assert preview.rendered.changed
        assert "(changed)" in preview.text or "(new)" in preview.text
        line = preview.rendered.first_change
        assert preview.scroll_y <= line <= preview.scroll_y + preview.scrollable_content_region.height
        assert "changed" in str(app.screen.query_one("#progress").render())


class FileAppearsDuringAssembly(PolicyDrafter):
    """Someone saves a file under the export's name after the dialog has closed, while it assembles."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def assemble(self, answers, language="en", *, partial=False):  # type: ignore[no-untyped-def]
        if not partial and not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(b"saved meanwhile")
        return super().assemble(answers, language, partial=partial)


@async_test
async def test_a_file_appearing_during_the_export_is_kept_and_said_in_the_users_language(home: Path) -> None:
    write_draft(home, finished_session(LIMITED, "nl"), "done")
    appearing = home / "exports" / "politique-reseaux-sociaux-boulangerie-dupont-srl-fr.docx"
    app = make_app(home, resume="done", drafter=FileAppearsDuringAssembly(appearing))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "mislukt" in transcript_text(app), timeout=20)
        said = flat(transcript_text(app))
        assert f"{appearing} is tijdens het exporteren verschenen en werd behouden" in said
        assert "--force" not in said
    assert appearing.read_bytes() == b"saved meanwhile"


@async_test
async def test_the_export_dialog_shows_its_focus_and_keeps_the_file_list_current(home: Path) -> None:
    """Issue 13 item 11: the focused part is plain to see (not by colour alone), and the list of files
    follows every keystroke."""
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        versions, formats = dialog.query_one("#versions"), dialog.query_one("#formats")

        def targets() -> str:
            return flat(str(dialog.query_one("#targets").render()))

        assert app.focused is versions
        assert versions.styles.border_top[0] == "heavy" and formats.styles.border_top[0] == "round"
        await pilot.press(str(dialog.offer.versions.index("en") + 1))  # English: listed after this key
        assert "social-media-policy-boulangerie-dupont-srl-en.docx" in targets()
        await pilot.press("tab")
        assert app.focused is formats and formats.styles.border_top[0] == "heavy"
        await pilot.press("2")  # PDF
        assert "politique-reseaux-sociaux-boulangerie-dupont-srl-fr.pdf" in targets()
        await pilot.press("tab", "tab")
        name = dialog.query_one("#name", Input)
        assert app.focused is name
        await pilot.pause()
        label = name.parent.query_one(".field-label")
        assert label.styles.text_style.underline, "the focused field's label is underlined"
        await pilot.press("end", "x")
        assert "social-media-policy-boulangerie-dupont-srlx-en.docx" in targets()
        await pilot.press("ctrl+u")
        assert targets() == "Give a file name."
