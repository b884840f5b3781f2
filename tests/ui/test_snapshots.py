"""Screenshots of the app, compared with the SVGs in __snapshots__ (update with --snapshot-update).

Grouped per feature, each at 80x24 and at 120x40. Deterministic: drafts in a fixed folder with fixed
save times, a fixed clock, UTC, no blinking cursors, no random ids on screen.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from textual.css.query import NoMatches
from textual.pilot import Pilot
from uihelp import (
    FIXED_NOW,
    answers_file,
    chat_of,
    finished_session,
    make_app,
    session_at,
    steady,
    wait_for,
    write_draft,
)

from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.language import LanguageDialog
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen
from assistant.widgets.your_words import WordingScreen

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
LIMITED = answers_file("limited-small.yaml")


@pytest.fixture
def fixed_home() -> Path:
    """The same folder every run: a damaged draft's message names its path."""
    home = Path(tempfile.gettempdir()) / "policy-assistant-snapshots"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    yield home
    shutil.rmtree(home, ignore_errors=True)


def _holds(condition, app) -> bool:
    try:
        return bool(condition(app))
    except NoMatches:  # not composed yet
        return False


def preview_ready(app) -> bool:
    """The side preview shows the policy for the answers so far (or its message when there are none)."""
    if not any(isinstance(screen, ChatScreen) for screen in app.screen_stack):
        return True
    chat = chat_of(app)
    if not chat.side_preview.display:
        return True
    return not chat.session.result() or chat.side_preview.rendered is not None


def settled(screen_type: type, *conditions) -> object:
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, screen_type), what=screen_type.__name__)
        for condition in (*conditions, preview_ready):
            await wait_for(pilot, lambda c=condition: _holds(c, app), timeout=20)
        steady(app)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", sorted(SIZES))
class TestStart:
    def test_start_screen_lists_drafts_newest_first_and_damaged_ones(self, snap_compare, fixed_home, size):
        write_draft(fixed_home, session_at("platforms", COMPREHENSIVE), "a", saved=FIXED_NOW)
        write_draft(fixed_home, session_at("headcount", LIMITED), "b", saved=FIXED_NOW - timedelta(days=2))
        damaged = fixed_home / "drafts" / "c.yaml"
        damaged.write_text("answers: [not: a: draft\n", encoding="utf-8")
        assert snap_compare(make_app(fixed_home), terminal_size=SIZES[size], run_before=settled(StartScreen))


# One question of each kind, resumed from a draft so the transcript shows the answers before it.
KINDS = {
    "single": ("sector", COMPREHENSIVE),
    "multi": ("regions", COMPREHENSIVE),
    "yesno": ("advocacy", COMPREHENSIVE),
    "text": ("org_name", COMPREHENSIVE),
    "long_text": ("crisis_escalation", COMPREHENSIVE),
    "number": ("headcount", COMPREHENSIVE),
    "date": ("effective_date", LIMITED),
    "email": ("contact_email", LIMITED),
}


@pytest.mark.parametrize("size", sorted(SIZES))
class TestInputs:
    def test_first_question_of_a_new_policy(self, snap_compare, home, size):
        app = make_app(home, new=True)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settled(ChatScreen))

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_input_for_each_kind_of_question(self, snap_compare, home, size, kind):
        question_id, answers = KINDS[kind]
        write_draft(home, session_at(question_id, answers), "draft")
        app = make_app(home, resume="draft")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settled(ChatScreen))


@pytest.mark.parametrize("size", sorted(SIZES))
class TestSummaryAndPreview:
    def test_summary_groups_answers_by_section(self, snap_compare, home, size):
        write_draft(home, finished_session(LIMITED), "draft")
        app = make_app(home, resume="draft")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settled(SummaryScreen))

    def test_preview_of_the_policy(self, snap_compare, home, size):
        session = finished_session(LIMITED)
        session.finish()
        write_draft(home, session, "draft")
        app = make_app(home, resume="draft")
        if SIZES[size][0] >= 120:
            # Beside the chat.
            run_before = settled(ChatScreen, lambda app: chat_of(app).side_preview.rendered is not None)
        else:

            async def run_before(pilot: Pilot) -> None:
                await wait_for(
                    pilot,
                    lambda: _holds(lambda app: chat_of(app).conversation.policy.document, pilot.app),
                    timeout=20,
                )
                await pilot.press("ctrl+t")
                await settled(PreviewScreen, lambda app: app.screen.preview.rendered is not None)(pilot)

        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", sorted(SIZES))
class TestLanguages:
    def test_first_question_in_dutch(self, snap_compare, home, size):
        app = make_app(home, new=True, language="nl")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settled(ChatScreen))

    def test_the_list_of_languages(self, snap_compare, home, size):
        async def run_before(pilot: Pilot) -> None:
            await settled(ChatScreen)(pilot)
            await pilot.press("ctrl+l")
            await settled(LanguageDialog)(pilot)

        app = make_app(home, new=True, language="fr")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)

    def test_the_export_dialog_lists_the_language_versions(self, snap_compare, fixed_home, size):
        write_draft(fixed_home, finished_session(COMPREHENSIVE), "draft")

        async def run_before(pilot: Pilot) -> None:
            await settled(SummaryScreen)(pilot)
            await pilot.press("ctrl+o")
            await settled(ExportDialog, lambda app: app.screen.query_one("#targets").render(), words_found)(
                pilot
            )

        app = make_app(fixed_home, resume="draft")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def words_found(app) -> bool:
    """The export dialog knows which typed words appear in which version (found in a worker)."""
    return any(
        isinstance(screen, ExportDialog) and screen.offer.words.found is not None
        for screen in app.screen_stack
    )


@pytest.mark.parametrize("size", sorted(SIZES))
class TestYourWords:
    def test_your_words_in_each_version_before_export(self, snap_compare, home, size):
        # Brussels: the spokespersons typed in English appear in the Dutch and the French version.
        answers = dict(COMPREHENSIVE, spokespersons="the managing director and the marketing assistant")
        answers["wording"] = {
            "fr": {k: v for k, v in COMPREHENSIVE["wording"]["fr"].items() if k != "spokespersons"}
        }
        write_draft(home, finished_session(answers), "draft")

        async def run_before(pilot: Pilot) -> None:
            await settled(SummaryScreen)(pilot)
            await pilot.press("ctrl+o")
            await settled(ExportDialog, words_found)(pilot)
            await pilot.press("enter")  # export: the words in another language are shown first
            await settled(WordingScreen, lambda app: app.screen.query("#words-fr-spokespersons"))(pilot)

        app = make_app(home, resume="draft")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
