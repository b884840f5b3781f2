"""Terminal sizes: from 40x12 to 300x100, and live resizes on every screen, the app never crashes; from
60x20 up, the question and the input stay on screen. Asserted on the screen as a terminal would show it
(the compositor's full frame as text), not on widget state.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

from assistant.app import PolicyAssistant
from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen
from dialogue.model import Kind

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
# One question of each way of answering, from a one-line field to a list of seven choices.
QUESTIONS = ("policy_type", "org_name", "regions", "platforms", "advocacy", "crisis_escalation")
QUESTIONS += ("headcount", "effective_date", "contact_email")
SMALL = [(40, 12), (59, 19)]
USABLE = [(60, 20), (80, 24), (100, 30), (120, 40), (200, 60), (300, 100)]
# Bubble and box edges, and the scrollbar's thumb, which may sit at the end of any line.
_FRAME = re.compile("[▎▊▔▁▂▃▄▅▆▇█│╭╮╰╯─›]")


def screen_text(app: PolicyAssistant) -> str:
    """What the terminal shows now, as text: every screen, modal ones over the ones below."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def flat(text: str) -> str:
    """Screen text with bubble and box edges removed and wrapped lines joined, to find a sentence in."""
    return " ".join(_FRAME.sub(" ", text).split())


def missing_from_screen(app: PolicyAssistant) -> str | None:
    """What of the question and its input is not on screen (None: both are), with the screen."""
    chat = chat_of(app)
    session = chat.session
    question = session.current
    assert question is not None
    texts = session.interview.language("en").questions[question.id]
    shown = screen_text(app).splitlines()
    if len(shown) != app.size.height:
        return f"{len(shown)} lines on a screen of {app.size.height}"
    # Only the conversation's column: beside it, the preview's lines would interleave with the question's.
    column = chat.query_one("#conversation").region
    left = flat("\n".join(line[column.x : column.right] for line in shown[column.y : column.bottom]))
    dock = chat.dock
    if question.kind is Kind.LONG_TEXT:
        showing = dock.long_answer.text.split("\n")[0] or dock.long_answer.placeholder
    else:
        showing = dock.field.value or dock.field.placeholder
    wanted = {"the question": f"Assistant: {flat(texts.text)}", "the input": flat(str(showing))[:24]}
    if question.kind.has_choices:
        wanted["the choices"] = f"1. {flat(texts.choices[question.choices[0]])[:20]}"
    elif question.kind is Kind.YESNO:
        wanted["the choices"] = "1. Yes"
    for what, text in wanted.items():
        if text not in left:
            size = f"{app.size.width}x{app.size.height}"
            return f"{what} of {question.id} is not on screen at {size}:\n" + "\n".join(shown)
    return None


async def assert_question_and_input_visible(pilot: Pilot) -> None:
    """Both on screen, once the transcript has scrolled to the question (it does after a frame)."""
    try:
        await wait_for(pilot, lambda: missing_from_screen(pilot.app) is None, timeout=5)
    except AssertionError:
        raise AssertionError(missing_from_screen(pilot.app)) from None


async def settle(pilot: Pilot, size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await wait_for(pilot, lambda: tuple(pilot.app.size) == size, what=f"the size {size}")
    await pilot.pause()


async def ask(pilot: Pilot, question_id: str) -> None:
    """Put `question_id` on screen, as the summary's 'change this answer' does."""
    app = pilot.app
    chat = chat_of(app)
    while app.screen is not chat:
        app.pop_screen()
    chat.conversation.edit(question_id)
    await wait_for(pilot, lambda: chat.dock.kind is chat.session.current.kind)
    await pilot.pause()


@pytest.mark.parametrize("size", USABLE, ids=lambda size: f"{size[0]}x{size[1]}")
@async_test
async def test_from_60x20_up_the_question_and_the_input_stay_on_screen(
    home: Path, size: tuple[int, int]
) -> None:
    write_draft(home, session_at("acknowledgement", COMPREHENSIVE), "sizes")
    app = make_app(home, resume="sizes")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for question_id in QUESTIONS:
            await ask(pilot, question_id)
            await assert_question_and_input_visible(pilot)


@pytest.mark.parametrize("size", SMALL, ids=lambda size: f"{size[0]}x{size[1]}")
@async_test
async def test_below_60x20_nothing_crashes(home: Path, size: tuple[int, int]) -> None:
    write_draft(home, session_at("acknowledgement", COMPREHENSIVE), "small")
    app = make_app(home, resume="small")
    async with app.run_test(size=size) as pilot:
        for question_id in QUESTIONS:
            await ask(pilot, question_id)
            assert len(screen_text(app).splitlines()) == size[1]
        # Answering still works in a window this small.
        await ask(pilot, "org_name")
        chat_of(app).dock.field.value = "Tiny Window BV"
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat_of(app).session.answers["org_name"] == "Tiny Window BV")


RESIZES = [(40, 12), (300, 100), (60, 20), (41, 13), (120, 40), (60, 20)]


@pytest.mark.slow
@async_test
async def test_live_resizes_on_every_screen(home: Path) -> None:
    write_draft(home, session_at("acknowledgement", COMPREHENSIVE), "unfinished")
    complete = session_at("acknowledgement", COMPREHENSIVE)
    while complete.current is not None:
        complete.answer(COMPREHENSIVE.get(complete.current.id, complete.interview.default(complete.current)))
    write_draft(home, complete, "complete")
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        seen: list[str] = []

        async def resize_through(name: str) -> None:
            for size in RESIZES:
                await settle(pilot, size)
                assert len(screen_text(app).splitlines()) == size[1], f"{name} at {size}"
                if isinstance(app.screen, ChatScreen) and size >= (60, 20):
                    await assert_question_and_input_visible(pilot)
            seen.append(name)

        assert isinstance(app.screen, StartScreen)
        await resize_through("start")
        await pilot.press("delete")  # the confirmation dialog over the start screen
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ConfirmDialog")
        await resize_through("confirm")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        drafts = app.screen.drafts
        app.screen.query_one("#drafts").highlighted = next(
            index for index, draft in enumerate(drafts) if draft.id == "unfinished"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await resize_through("chat")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        await resize_through("preview")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await resize_through("summary")
        app.exit()
    assert seen == ["start", "confirm", "chat", "preview", "summary"]

    app = make_app(home, resume="complete")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen | ChatScreen))
        while not isinstance(app.screen, ChatScreen):
            app.pop_screen()
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        for size in RESIZES:
            await settle(pilot, size)
            assert len(screen_text(app).splitlines()) == size[1]
        assert isinstance(app.screen, ExportDialog)
