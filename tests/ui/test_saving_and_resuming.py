"""Nothing is lost: drafts saved after every answer, quitting and resuming at the same question, the
start screen's list of drafts (damaged ones included), deleting a draft, and a disk that refuses."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from textual.widgets import Button
from uihelp import (
    FIXED_NOW,
    answers_file,
    async_test,
    chat_of,
    give,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_damaged_draft,
    write_draft,
)

from assistant.screens.chat import ChatScreen
from assistant.screens.start import StartScreen
from assistant.widgets.confirm import ConfirmDialog
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftStore
from dialogue.loader import load_interview

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def drafts_in(home: Path) -> list[Path]:
    folder = home / "drafts"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@async_test
async def test_quit_mid_interview_then_resume_at_the_same_question_with_the_same_answers(home: Path) -> None:
    first = make_app(home)
    async with first.run_test(size=(80, 24)) as pilot:
        chat = chat_of(first)
        session = chat.session
        for question_id in ("policy_type", "org_name", "regions", "staff_languages", "headcount"):
            assert session.current is not None and session.current.id == question_id
            await give(pilot, COMPREHENSIVE[question_id])
            await wait_for(pilot, lambda q=question_id: session.current is None or session.current.id != q)
        await wait_for(pilot, lambda: "✓ saved 14:02" in str(first.screen.query_one("#save-status").render()))
        answers = dict(session.answers)
        await pilot.press("ctrl+q")
    assert first.return_code == 0
    saved = drafts_in(home)
    assert len(saved) == 1

    second = make_app(home)
    async with second.run_test(size=(80, 24)) as pilot:
        # Relaunching offers the draft, most recent first and focused.
        assert isinstance(second.screen, StartScreen)
        drafts = second.screen.query_one("#drafts", PointerList)
        assert drafts.has_focus and drafts.highlighted == 0
        assert "Kanaalzone Logistics NV · 14% answered · saved 25/11/2026" in drafts.lines[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(second.screen, ChatScreen))
        resumed = chat_of(second).session
        assert resumed.current is not None and resumed.current.id == "sector"
        assert resumed.answers == answers
        # The transcript is rebuilt from the answers so far.
        said = transcript_text(second)
        assert "Welcome back." in said
        assert "You: Kanaalzone Logistics NV" in said
        assert "You: Flanders (Dutch-speaking region); Brussels-Capital" in said
        assert said.rstrip().endswith("In which sector does your organisation work?")
        # And the conversation goes on, saving into the same draft.
        await give(pilot, "other")
        await wait_for(pilot, lambda: resumed.current is not None and resumed.current.id == "employee_bodies")
        await pilot.press("ctrl+q")
    assert drafts_in(home) == saved
    data = yaml.safe_load(saved[0].read_text(encoding="utf-8"))
    assert data["answers"]["sector"] == "other"
    assert data["state"] == "employee_bodies"


@async_test
async def test_resume_option_opens_a_draft_directly(home: Path) -> None:
    write_draft(home, session_at("platforms", COMPREHENSIVE), "by-id")
    app = make_app(home, resume="by-id")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ChatScreen)
        assert chat_of(app).session.current.id == "platforms"
        assert chat_of(app).dock.choices.display  # the checklist for this question
        await pilot.pause()


@async_test
async def test_no_empty_draft_before_the_first_answer(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    assert drafts_in(home) == []


@async_test
async def test_a_damaged_draft_is_listed_with_its_problem_and_never_opened(home: Path) -> None:
    write_draft(home, session_at("headcount", COMPREHENSIVE), "good")
    bad = write_damaged_draft(home)
    content = bad.read_bytes()
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        drafts = app.screen.query_one("#drafts", PointerList)
        lines = drafts.lines
        assert any("Kanaalzone Logistics NV" in line for line in lines)
        broken = next(index for index, line in enumerate(lines) if line.startswith("⚠ Damaged draft · "))
        assert f"{bad} is damaged near line 1. It was kept as it is." in lines[broken]
        drafts.highlighted = broken
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("cannot be opened" in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, StartScreen)
        # A fresh start is offered.
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
    assert bad.read_bytes() == content


@async_test
async def test_resuming_a_damaged_draft_by_id_says_why_and_shows_the_start_screen(home: Path) -> None:
    bad = write_damaged_draft(home)
    app = make_app(home, resume=bad.stem)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await wait_for(pilot, lambda: any("is damaged" in str(n.message) for n in app._notifications))


@async_test
async def test_delete_a_draft_after_confirmation(home: Path) -> None:
    write_draft(home, session_at("headcount", COMPREHENSIVE), "keep-me")
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")  # changed my mind
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        assert len(drafts_in(home)) == 1
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: not drafts_in(home))
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.screen.query_one("#drafts", PointerList).lines == ["There are no unfinished drafts."]
        assert app.screen.query_one("#new", Button).has_focus


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
@async_test
async def test_a_save_that_fails_is_reported_and_the_answers_stay(home: Path) -> None:
    folder = home / "drafts"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        await _answer_with_a_failing_disk(home)
    finally:
        folder.chmod(stat.S_IRWXU)


@async_test
async def test_a_save_that_fails_is_reported_and_the_answers_stay_even_as_root(home: Path) -> None:
    # A file where the drafts folder should be: the disk refuses, whoever the user is.
    (home / "drafts").write_text("not a folder", encoding="utf-8")
    await _answer_with_a_failing_disk(home)


async def _answer_with_a_failing_disk(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await wait_for(pilot, lambda: "Your answers could not be saved" in transcript_text(app))
        assert "⚠ not saved" in str(app.screen.query_one("#save-status").render())
        # The conversation goes on; the answers are in memory.
        await submit_text(pilot, "Boulangerie Dupont SRL")
        await wait_for(pilot, lambda: chat.session.current.id == "regions")
        assert chat.session.answers["org_name"] == "Boulangerie Dupont SRL"
        said = transcript_text(app)
        assert said.count("Your answers could not be saved") == 1  # said once, not after every answer
        await submit_text(pilot, "/save")
        await wait_for(pilot, lambda: transcript_text(app).count("Your answers could not be saved") == 2)


@async_test
async def test_save_command_says_where_the_draft_is(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await submit_text(pilot, "/save")
        await wait_for(pilot, lambda: "nothing to save yet" in transcript_text(app))
        await give(pilot, "limited")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Your draft is saved in" in transcript_text(app))
        assert str(drafts_in(home)[0]) in transcript_text(app)


def test_the_keeper_writes_the_newest_snapshot_last(home: Path) -> None:
    from assistant.keeper import DraftKeeper, Saved
    from dialogue.session import Session

    outcomes = []
    keeper = DraftKeeper(DraftStore(home / "drafts"), clock=lambda: FIXED_NOW)
    session = Session.start(load_interview())
    keeper.attach(session, outcomes.append)
    for value in ("comprehensive", "Acme NV", ["flanders"], 12):
        session.answer(value)
    assert len(outcomes) == 4 and all(isinstance(outcome, Saved) for outcome in outcomes)
    saved = DraftStore(home / "drafts").load(session.draft_id, load_interview())
    assert saved.answers == session.answers
    assert saved.current.id == session.current.id


def test_a_keeper_alongside_writes_in_order_and_tells_each_outcome_on_the_event_loop(home: Path) -> None:
    import asyncio
    import threading

    from assistant.keeper import DraftKeeper, Saved
    from dialogue.session import Session

    told: list[tuple[object, bool]] = []

    async def run() -> Session:
        loop_thread = threading.get_ident()
        keeper = DraftKeeper(DraftStore(home / "drafts"), clock=lambda: FIXED_NOW, alongside=True)
        session = Session.start(load_interview())
        keeper.attach(session, lambda outcome: told.append((outcome, threading.get_ident() == loop_thread)))
        for value in ("comprehensive", "Acme NV", ["flanders"], 12):
            session.answer(value)
        keeper.wait()
        on_disk = DraftStore(home / "drafts").load(session.draft_id, load_interview())
        assert on_disk.answers == session.answers, "after wait() the newest answers are on disk"
        keeper.close()
        return session

    session = asyncio.run(run())
    assert len(told) == 4 and all(isinstance(outcome, Saved) and on_loop for outcome, on_loop in told)
    assert session.draft_id is not None


@async_test
async def test_no_frame_shows_the_next_question_before_the_answer_is_on_disk(home: Path) -> None:
    """A slow disk: the write of the first answer takes 0.3 s. The frame that shows the next question
    comes after it, never before (what SIGKILL at that moment would otherwise lose)."""
    import threading
    import time

    written: list[float] = []
    shown: list[float] = []
    app = make_app(home, new=True)
    store = app.store
    original = store.write

    def slow_write(draft_id, snapshot):  # type: ignore[no-untyped-def]
        done = threading.Event()
        threading.Timer(0.3, done.set).start()
        done.wait()
        path = original(draft_id, snapshot)
        written.append(time.perf_counter())
        return path

    store.write = slow_write  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.session.current is not None)
        display = app._display

        def watched(screen, renderable):  # type: ignore[no-untyped-def]
            display(screen, renderable)
            transcript = chat.transcript
            asked = [message for message in transcript.messages if message.variant == "question"]
            if len(asked) > 1 and transcript.has_drawn(len(transcript.messages) - 1) and not shown:
                shown.append(time.perf_counter())

        app._display = watched  # type: ignore[method-assign]
        await give(pilot, COMPREHENSIVE[chat.session.current.id])
        await wait_for(pilot, lambda: shown and written)
    assert written[0] <= shown[0]
