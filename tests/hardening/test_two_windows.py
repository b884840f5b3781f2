"""Two windows on one draft (issue 14, item 6): the second sees that the draft is open elsewhere and
offers a copy or to take it over; neither ever overwrites the other's answers silently.

"Window A" is a second program holding the draft (its own DraftStore and DraftKeeper, as the app uses
them); "window B" is the app, driven by Pilot.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path

import pytest
import yaml
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

from assistant.keeper import DraftKeeper, NotSaved, Saved
from assistant.screens.chat import ChatScreen
from assistant.screens.start import StartScreen
from assistant.widgets.open_elsewhere import OpenElsewhereDialog
from dialogue.draft_locks import lock_path
from dialogue.drafts import DraftError, DraftStore
from dialogue.session import Session

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def window_a(home: Path, draft_id: str = "shared") -> tuple[DraftStore, DraftKeeper, Session]:
    """Another window with the draft open (it wrote it, so it holds it)."""
    store = DraftStore(home / "drafts")
    store.hold_drafts()
    session = session_at("org_name", COMPREHENSIVE)
    session.draft_id = draft_id
    keeper = DraftKeeper(store)
    assert isinstance(keeper.write(draft_id, _snapshot(session)), Saved)
    return store, keeper, session


def _snapshot(session: Session) -> dict[str, object]:
    from dialogue.snapshot import to_dict

    return to_dict(session)


def asking(chat: ChatScreen) -> bool:
    """The chat is on screen with its question asked (the dock is composed after the screen shows)."""
    return bool(chat.query("#answer-field")) and chat.dock.kind is not None


def answers_in(home: Path, draft_id: str) -> dict[str, object]:
    return yaml.safe_load((home / "drafts" / f"{draft_id}.yaml").read_text())["answers"]


def test_a_second_store_refuses_to_write_a_draft_held_elsewhere(home: Path) -> None:
    window_a(home)
    before = (home / "drafts" / "shared.yaml").read_bytes()
    other = DraftStore(home / "drafts")
    other.hold_drafts()
    holder = other.holder("shared")
    assert holder is not None and holder.host == platform.node()
    with pytest.raises(DraftError) as caught:
        other.write("shared", _snapshot(session_at("headcount", COMPREHENSIVE)))
    assert caught.value.kind == "open_elsewhere"
    assert "open in another window" in str(caught.value) and "not overwritten" in str(caught.value)
    assert (home / "drafts" / "shared.yaml").read_bytes() == before


def test_a_stale_lock_is_taken_and_a_lock_on_another_host_is_respected(home: Path) -> None:
    window_a(home)
    lock = lock_path(home / "drafts" / "shared.yaml")
    other = DraftStore(home / "drafts")
    other.hold_drafts()
    lock.write_text(json.dumps({"pid": 2**22 + 12345, "host": platform.node(), "token": "gone"}))
    assert other.holder("shared") is None  # that process has ended: a crash left its lock
    assert other.claim("shared") is None
    lock.write_text(json.dumps({"pid": 1, "host": "laptop-of-a-colleague", "token": "there"}))
    holder = other.holder("shared")
    assert holder is not None and holder.host == "laptop-of-a-colleague"  # cannot tell: assumed open
    for junk in ("", "{", "[1,2]", '{"pid": "1"}', "x" * 10_000):
        lock.write_text(junk)
        assert other.holder("shared") is None  # a damaged lock holds nothing


@pytest.mark.parametrize("start", ["resume", "list"])
@async_test
async def test_opening_a_draft_open_elsewhere_offers_a_copy_that_never_touches_it(
    home: Path, start: str
) -> None:
    window_a(home)
    before = (home / "drafts" / "shared.yaml").read_bytes()
    app = make_app(home, resume="shared") if start == "resume" else make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        if start == "list":
            await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OpenElsewhereDialog))
        body = str(app.screen.query_one("#open-elsewhere-body").render())
        assert "has this draft open" in body and platform.node() in body
        await pilot.press("enter")  # "Open a copy" has the focus
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        chat = chat_of(app)
        await wait_for(pilot, lambda: asking(chat))
        assert chat.session.draft_id not in (None, "shared")
        chat.dock.field.value = "Copy Window BV"
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat.session.answers.get("org_name") == "Copy Window BV")
        copy_id = chat.session.draft_id
    assert (home / "drafts" / "shared.yaml").read_bytes() == before
    assert answers_in(home, str(copy_id))["org_name"] == "Copy Window BV"
    assert not lock_path(home / "drafts" / f"{copy_id}.yaml").exists()  # released when the app ended


@async_test
async def test_taking_over_makes_the_other_window_save_a_copy_and_say_so(home: Path) -> None:
    _, keeper_a, session_a = window_a(home)
    app = make_app(home, resume="shared")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OpenElsewhereDialog))
        app.screen.query_one("#take_over").press()
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        chat = chat_of(app)
        await wait_for(pilot, lambda: asking(chat))
        assert chat.session.draft_id == "shared"
        chat.dock.field.value = "Window B NV"
        await pilot.press("enter")
        await wait_for(pilot, lambda: answers_in(home, "shared").get("org_name") == "Window B NV")

        # Window A answers next: its answers go to a copy, and it says so; B's draft is untouched.
        session_a.answers["org_name"] = "Window A NV"
        outcomes: list[object] = []
        keeper_a.save(session_a, outcomes.append)
        assert len(outcomes) == 1
        saved = outcomes[0]
        assert isinstance(saved, Saved) and saved.copy_of == "shared"
        assert saved.draft_id != "shared" and session_a.draft_id == saved.draft_id
        assert answers_in(home, "shared")["org_name"] == "Window B NV"
        assert answers_in(home, saved.draft_id)["org_name"] == "Window A NV"

        # B goes on writing its draft as before.
        chat.conversation.edit("org_name")
        await wait_for(
            pilot, lambda: chat.session.current is not None and chat.session.current.id == "org_name"
        )
        chat.dock.field.value = "Window B Again NV"
        await pilot.press("enter")
        await wait_for(pilot, lambda: answers_in(home, "shared").get("org_name") == "Window B Again NV")


@async_test
async def test_the_window_whose_draft_was_taken_over_says_where_its_answers_went(home: Path) -> None:
    write_draft(home, session_at("org_name", COMPREHENSIVE), "mine")
    app = make_app(home, resume="mine")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: asking(chat))
        # Another window takes the draft over.
        other = DraftStore(home / "drafts")
        other.hold_drafts()
        other.take_over("mine")
        chat.dock.field.value = "Taken Over BV"
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat.session.draft_id != "mine")
        said = chat.transcript.text()
        assert "taken over in another window" in said and chat.session.draft_id in said
        assert not chat.conversation.save_state.failed
    assert answers_in(home, str(chat.session.draft_id))["org_name"] == "Taken Over BV"
    assert answers_in(home, "mine").get("org_name") != "Taken Over BV"


def test_a_keeper_without_a_copy_to_fall_back_on_reports_not_saved(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If even the copy cannot be written, the answers stay in memory and the save says why."""
    window_a(home)
    store = DraftStore(home / "drafts")
    store.hold_drafts()
    session = session_at("headcount", COMPREHENSIVE)
    session.draft_id = "shared"
    monkeypatch.setattr(store, "new_id", lambda: "shared")  # the copy would land on the same draft
    outcomes: list[object] = []
    DraftKeeper(store).save(session, outcomes.append)
    assert isinstance(outcomes[0], NotSaved) and outcomes[0].fault is not None
    assert outcomes[0].fault.kind == "open_elsewhere"
