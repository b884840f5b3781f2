"""Text from the user or the disk is never read as Rich or Textual markup.

A folder named "[work]" lost its name in a notification, and one named "[" holding "]home" (the path
reads ".../[/]home/...") crashed the app with a MarkupError as soon as a notification named it; an
organisation called "Acme [/] NV" crashed `policy-assistant drafts`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from uihelp import (
    answers_file,
    async_test,
    chat_of,
    finished_session,
    make_app,
    open_export_dialog,
    session_at,
    wait_for,
    write_draft,
)

from assistant.cli import main
from assistant.screens.chat import ChatScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen

MARKUP_NAMES = ["[work]", "[/]", "[@click=app.quit]x[/]", "[bold red]"]
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def odd(base: Path, name: str) -> Path:
    """A folder whose path shows `name` (a "/" in it makes folders inside folders)."""
    folder = base / name / "home"
    folder.mkdir(parents=True)
    return folder


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(toast.render()) for toast in app.screen.query("Toast")]


@pytest.mark.parametrize("name", MARKUP_NAMES)
@async_test
async def test_a_damaged_draft_in_an_odd_folder_is_named_literally(tmp_path: Path, name: str) -> None:
    home = odd(tmp_path, name)
    (home / "drafts").mkdir()
    bad = home / "drafts" / "bad.yaml"
    bad.write_text("answers: [x: y\n", encoding="utf-8")
    app = make_app(home)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: toasts(app), what="the notification on screen")
        assert str(bad) in toasts(app)[0]
    app = make_app(home, resume="bad")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: toasts(app), what="the notification on screen")
        assert f"The draft {bad} is damaged" in toasts(app)[0]


@async_test
async def test_an_export_to_an_odd_folder_is_named_literally(home: Path, tmp_path: Path) -> None:
    write_draft(home, finished_session(COMPREHENSIVE), "done")
    folder = tmp_path / "Policies [/] [HR]"
    app = make_app(home, resume="done", export_folder=folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_export_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("written" in text for text in toasts(app)), timeout=20)
        assert any(str(folder) in text for text in toasts(app))
    # The Dutch version the law requires and the English courtesy copy, each as Markdown and Word.
    assert len(list(folder.iterdir())) == 4


@async_test
async def test_an_organisation_named_like_markup_shows_literally_in_the_app(home: Path) -> None:
    name = "Acme [/] [bold]NV[/bold] [@click=app.quit]"
    answers = dict(COMPREHENSIVE, org_name=name)
    write_draft(home, session_at("sector", answers), "odd")
    app = make_app(home, resume="odd")
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        assert isinstance(app.screen, ChatScreen)
        assert f"You: {name}" in chat.transcript.text()
        preview = chat.side_preview
        await wait_for(pilot, lambda: preview.rendered is not None, what="the preview")
        assert any(name in strip.text for strip in preview.rendered.lines)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.pause()
        assert app.is_running


def test_the_drafts_command_shows_markup_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = odd(tmp_path, "[/]")
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "300")
    name = "Acme [/] [bold]NV"
    write_draft(home, session_at("regions", dict(COMPREHENSIVE, org_name=name)), "odd")
    (home / "drafts" / "bad.yaml").write_text("answers: [x: y\n", encoding="utf-8")
    assert main(["drafts"]) == 0
    out = capsys.readouterr().out
    assert name in out
    assert f"{home / 'drafts' / 'bad.yaml'} is damaged" in " ".join(out.split()).replace("│ ", "")
