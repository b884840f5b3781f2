"""An answer and the next question arrive in one frame.

Textual draws a frame as soon as the screen is idle with something to draw, and the next one no sooner
than a sixtieth of a second later. Anything the answer's key changed on its own (the list's highlight
moving to the number pressed, the field's cursor shown again) made the next question wait for the frame
after, with the preview's worker started in between (docs/decisions.md, "One frame per answer").

The key is posted as a terminal would send it, and the test waits for frames as they are drawn: Pilot's
`press` and `pause` would draw frames of their own.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from assistant.app import PolicyAssistant
from tests.ui.uihelp import async_test, chat_of, make_app, session_at, wait_for, write_draft

SOME = {"policy_type": "comprehensive", "org_name": "Bakkerij Peeters"}


class Frames:
    """For each frame drawn from now on, whether it shows a question newer than the one on screen."""

    def __init__(self, app: PolicyAssistant) -> None:
        self.drawn: list[bool] = []
        self.shown = asyncio.Event()
        chat = chat_of(app)
        transcript = chat.transcript
        asked = transcript.newest_question()
        display = app._display

        def frame(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if renderable is None or self.shown.is_set():
                return
            newest = transcript.newest_question()
            self.drawn.append(newest != asked and newest is not None and transcript.has_drawn(newest))
            if self.drawn[-1]:
                self.shown.set()

        app._display = frame  # type: ignore[method-assign]

    async def until_shown(self) -> list[bool]:
        await asyncio.wait_for(self.shown.wait(), timeout=10)
        return self.drawn


async def settled(pilot: Pilot) -> None:
    """The question on screen, the warm-up done and drawn: nothing else draws meanwhile."""
    app = pilot.app
    await app.workers.wait_for_complete()
    chat_of(app).dock.field._pause_blink(visible=False)  # no blinking frames either
    await pilot.pause()


@async_test
async def test_a_number_key_chooses_and_the_next_question_is_in_the_first_frame(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.session.current is not None and chat.dock.has_list)
        await pilot.pause()
        await settled(pilot)
        frames = Frames(app)
        app.post_message(events.Key("2", "2"))  # the second option, not the highlighted first
        # Before, the highlight moved to option 2 in a frame of its own.
        assert await frames.until_shown() == [True]
        assert chat.session.answers["policy_type"] == "comprehensive"


@async_test
async def test_enter_in_the_field_sends_and_the_next_question_is_in_the_first_frame(home: Path) -> None:
    write_draft(home, session_at("org_name", SOME), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: getattr(chat.session.current, "id", None) == "org_name")
        await pilot.pause()
        chat.dock.field.value = "Bakkerij Peeters"
        await pilot.pause()
        await settled(pilot)  # the cursor in its hidden half of a blink
        frames = Frames(app)
        app.post_message(events.Key("enter", "\r"))
        # Before, the cursor was shown again in a frame of its own.
        assert await frames.until_shown() == [True]
        assert chat.session.answers["org_name"] == "Bakkerij Peeters"
        assert not chat.dock.field._cursor_visible  # not shown again for the Enter that sent it
