"""In a browser tab (policy-assistant serve): no claim that everything stays on "this computer", and no
key the browser keeps for itself (Ctrl+T opens a tab, Ctrl+N a window) is offered; F2 and F3 do the same
everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from uihelp import (
    answers_file,
    async_test,
    chat_of,
    make_app,
    session_at,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.app import PolicyAssistant
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen

LIMITED = answers_file("limited-small.yaml")


def footer_keys(app) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PolicyAssistant, "is_web", property(lambda self: True))


@async_test
async def test_a_browser_tab_offers_f2_and_f3_and_says_where_the_drafts_are(
    home: Path, browser: None
) -> None:
    write_draft(home, session_at("headcount", LIMITED), "half")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        intro = str(app.screen.query_one("#start-intro").render())
        assert "this computer" not in intro
        assert "kept on the computer that runs the assistant (its server)" in " ".join(intro.split())
        await pilot.press("n")
        await wait_for(pilot, lambda: "Hello!" in transcript_text(app))
        assert "or with F2." in " ".join(transcript_text(app).split())
        keys = footer_keys(app)
        assert "f2" in keys and not {"ctrl+t", "ctrl+n"} & keys  # (skip: not for this question)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await pilot.press("f2")
        await wait_for(pilot, lambda: not isinstance(app.screen, PreviewScreen))


@async_test
async def test_a_terminal_keeps_ctrl_t_and_ctrl_n_and_f3_skips_there_too(home: Path) -> None:
    write_draft(home, session_at("spokespersons", answers_file("comprehensive-brussels.yaml")), "c")
    app = make_app(home, resume="c")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.session.state == "spokespersons")
        keys = footer_keys(app)
        assert {"ctrl+t", "ctrl+n"} <= keys and not {"f2", "f3"} & keys
        await pilot.press("f3")
        await wait_for(pilot, lambda: chat.session.state == "advocacy")
        assert "spokespersons" in chat.session.skipped
