"""Your words in each version (issue 11 item 3): before export, the user sees which of their typed words
appear in which language version, and gives a version its own words; the files, the preview and the
draft keep them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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

from assistant.drafting import PolicyDrafter
from assistant.exporting import ExportRequest, export
from assistant.screens.export import ExportDialog
from assistant.screens.preview import PreviewScreen
from assistant.widgets.choices import ChoiceList
from assistant.widgets.your_words import WordingScreen
from clauses.export import render
from dialogue.drafts import DraftStore
from dialogue.errors import AnswerError
from dialogue.loader import load_interview
from dialogue.validation import validate

ENGLISH = "the managing director and the marketing assistant"
FRENCH = "le gérant et l'assistante marketing"


def brussels_with_english_spokespersons() -> dict[str, Any]:
    """Brussels, Dutch and French staff: the spokespersons typed in English, with no version's own words
    for them (the other typed answers have their French words, as in the example)."""
    answers = answers_file("comprehensive-brussels.yaml")
    answers["spokespersons"] = ENGLISH
    french = {key: text for key, text in answers["wording"]["fr"].items() if key != "spokespersons"}
    answers["wording"] = {"fr": french}
    return answers


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(screen: WordingScreen) -> str:
    return flat(" ".join(str(widget.render()) for widget in screen.query("#words-list Static")))


def version_text(home: Path, code: str) -> str:
    """The one policy file of version `code` an export of plain text alone wrote (named in any words)."""
    (path,) = (home / "exports").glob(f"*-{code}.txt")
    return flat(path.read_text(encoding="utf-8"))


async def press_words_button(pilot: Any) -> None:
    """The words button, below the fold of a small terminal: focused (as Tab would) and pressed."""
    pilot.app.screen.query_one("#words").focus()
    await pilot.press("enter")


async def only_text_files(pilot: Any, dialog: ExportDialog) -> None:
    """Untick Word and the notes, tick plain text: one policy file per version, easy to read."""
    formats = dialog.query_one("#formats", ChoiceList)
    formats.focus()
    await pilot.press("1", "5", "6")
    await wait_for(pilot, lambda: formats.ticked == ["txt"])


@async_test
async def test_words_typed_in_english_are_shown_per_version_and_the_french_words_go_to_the_french_file(
    home: Path,
) -> None:
    write_draft(home, finished_session(brussels_with_english_spokespersons()), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(110, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        note = dialog.query_one("#words-note")
        await wait_for(pilot, lambda: "⚠" in str(note.render()), what="the words found")
        assert "Dutch and French" in flat(str(note.render()))
        await only_text_files(pilot, dialog)
        await pilot.press("enter")  # export: the words screen comes first
        await wait_for(pilot, lambda: isinstance(app.screen, WordingScreen), what="the words screen")
        words = app.screen
        await wait_for(pilot, lambda: words.query("#words-fr-spokespersons"), what="the French field")
        listing = shown(words)
        # Per version, each typed answer it prints: the Dutch version first, then the French.
        assert listing.index("Dutch (required)") < listing.index("French (required)")
        assert listing.count("Spokespersons · ⚠ as typed, and this looks like English") == 2
        assert "Crisis escalation · ✓ its own words in French" in listing
        field = words.query_one("#words-fr-spokespersons")
        assert field.value == ENGLISH
        assert words.query_one("#words-nl-spokespersons").value == ENGLISH
        field.value = FRENCH
        await pilot.click("#words-use")  # "Use these words and export"
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=30, what="the export")
    french, dutch = version_text(home, "fr"), version_text(home, "nl")
    assert FRENCH in french and ENGLISH not in french
    assert ENGLISH in dutch and FRENCH not in dutch, "the Dutch version keeps the words as typed"


@async_test
async def test_a_versions_words_are_kept_with_the_draft_and_used_after_resuming(home: Path) -> None:
    write_draft(home, finished_session(brussels_with_english_spokespersons()), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(110, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        button = dialog.query_one("#words")
        await wait_for(pilot, lambda: button.display, what="the words button")
        await press_words_button(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, WordingScreen))
        words = app.screen
        await wait_for(pilot, lambda: words.query("#words-fr-spokespersons"))
        words.query_one("#words-fr-spokespersons").value = FRENCH
        await pilot.click("#words-use")  # "Use these words": back to the export dialog
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        # Only the Dutch version is left with English words.
        note = dialog.query_one("#words-note")
        await wait_for(pilot, lambda: "⚠" in str(note.render()) and "French" not in str(note.render()))
        assert "Dutch" in str(note.render())
    saved = DraftStore(home / "drafts").load("done", load_interview())
    assert saved.version_wording()["fr"]["spokespersons"] == FRENCH

    resumed = make_app(home, resume="done")
    async with resumed.run_test(size=(130, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        await wait_for(pilot, lambda: dialog.query_one("#words").display)
        await press_words_button(pilot)
        await wait_for(pilot, lambda: isinstance(resumed.app.screen, WordingScreen))
        words = resumed.screen
        await wait_for(pilot, lambda: words.query("#words-fr-spokespersons"))
        assert words.query_one("#words-fr-spokespersons").value == FRENCH
        assert "Spokespersons · ✓ its own words in French" in shown(words)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(resumed.screen, ExportDialog))
        await pilot.press("escape")
        # The French preview speaks of the spokespersons in French.
        await wait_for(pilot, lambda: not isinstance(resumed.screen, ExportDialog))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(resumed.screen, PreviewScreen))
        policy = resumed.screen.policy
        policy.show_version("fr")
        await wait_for(
            pilot,
            lambda: policy.document is not None and policy.document.language == "fr",
            what="the French preview",
        )
        text = flat(str(render(policy.document, "txt")))
        assert FRENCH in text and ENGLISH not in text


@async_test
async def test_keeping_the_words_as_typed_exports_them_as_typed(home: Path) -> None:
    write_draft(home, finished_session(brussels_with_english_spokespersons()), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(110, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        await only_text_files(pilot, dialog)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WordingScreen))
        await pilot.press("escape")  # back, keeping the words as typed
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")  # seen once: the export goes ahead
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=30, what="the export")
    french = version_text(home, "fr")
    assert ENGLISH in french


@async_test
async def test_words_that_do_not_fit_are_refused_on_the_screen_in_the_users_language(home: Path) -> None:
    write_draft(home, finished_session(brussels_with_english_spokespersons(), language="nl"), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(110, 40)) as pilot:
        dialog = await open_export_dialog(pilot)
        await wait_for(pilot, lambda: dialog.query_one("#words").display)
        await press_words_button(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, WordingScreen))
        words = app.screen
        await wait_for(pilot, lambda: words.query("#words-fr-spokespersons"))
        assert "Woordvoerders · ⚠ zoals getypt, en dit lijkt Engels" in shown(words)
        words.query_one("#words-fr-spokespersons").value = "x"
        await pilot.click("#words-use")
        problem = words.query_one("#words-fr-spokespersons-problem")
        await wait_for(pilot, lambda: problem.display, what="the problem")
        assert isinstance(app.screen, WordingScreen)
        interview = load_interview()
        with pytest.raises(AnswerError) as dutch:
            validate(interview.by_id["spokespersons"], "x", interview.language("nl"))
        assert flat(str(problem.render())) == f"⚠ {dutch.value}"
    assert (
        DraftStore(home / "drafts")
        .load("done", load_interview())
        .version_wording()
        .get("fr", {})
        .get("spokespersons")
        is None
    )


def test_each_column_of_the_side_by_side_version_has_its_own_words(tmp_path: Path) -> None:
    answers = brussels_with_english_spokespersons()
    wording = {"fr": {**answers.pop("wording")["fr"], "spokespersons": FRENCH}}
    session = finished_session(answers)
    request = ExportRequest(
        folder=tmp_path, name="policy", formats=("html",), notes=False, languages=("fr",), side_by_side=True
    )
    written = export(PolicyDrafter(), session.result(), request, wording)
    assert [target.path.name for target in written] == ["policy-fr.html", "policy-nl-fr.html"]
    french = flat((tmp_path / "policy-fr.html").read_text(encoding="utf-8"))
    both = flat((tmp_path / "policy-nl-fr.html").read_text(encoding="utf-8"))
    assert (
        FRENCH.replace("'", "&#x27;") in french or FRENCH.replace("'", "&#39;") in french or FRENCH in french
    )
    assert ENGLISH not in french
    # The Dutch column keeps the words as typed; the French column has its own.
    assert ENGLISH in both
    assert any(form in both for form in (FRENCH, FRENCH.replace("'", "&#x27;"), FRENCH.replace("'", "&#39;")))
