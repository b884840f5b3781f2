"""Tiny terminals (issue 14, item 8): from 1x1 up, on every screen and with every dialog open, the app
never crashes; below the minimum one line says the window is too small, and the screen comes back as it
was once the window is large enough again.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import termios
import time
from pathlib import Path

import pytest
from killing import Terminal
from textual.pilot import Pilot
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.language import LanguageDialog
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen
from assistant.screens.too_small import MINIMUM, TooSmallScreen

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
TINY = [(1, 1), (2, 1), (1, 5), (5, 3), (8, 5), (10, 6), (MINIMUM.width - 1, MINIMUM.height)]
TINY += [(MINIMUM.width, MINIMUM.height - 1), (200, 3), (3, 60)]
FITTING = [(MINIMUM.width, MINIMUM.height), (MINIMUM.width + 1, MINIMUM.height + 2), (30, 10), (80, 24)]


async def through_sizes(pilot: Pilot, back_to: type) -> None:
    app = pilot.app
    for size in TINY:
        await pilot.resize_terminal(*size)
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen), what=f"the line at {size}")
        await pilot.pause()
        assert "too small" in str(app.screen.query_one("#too-small").render())
        await pilot.press("a", "ctrl+l", "enter", "escape")  # nothing else opens over it
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
    for size in FITTING:
        await pilot.resize_terminal(*size)
        await wait_for(pilot, lambda: isinstance(app.screen, back_to), what=f"{back_to.__name__} at {size}")
        await pilot.pause()
        assert app.screen.size == size


@async_test
async def test_a_chat_in_a_tiny_window_says_so_and_comes_back(home: Path) -> None:
    write_draft(home, session_at("platforms", COMPREHENSIVE), "tiny")
    app = make_app(home, resume="tiny")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await through_sizes(pilot, ChatScreen)
        chat = chat_of(app)
        chat.dock.field.focus()
        chat.dock.field.value = "LinkedIn"
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat.session.answers.get("platforms") == ["linkedin"])


@pytest.mark.parametrize("opened", ["language", "preview", "summary", "export"])
@async_test
async def test_every_screen_and_dialog_survives_a_tiny_window(home: Path, opened: str) -> None:
    complete = session_at("acknowledgement", COMPREHENSIVE)
    while complete.current is not None:
        complete.answer(COMPREHENSIVE.get(complete.current.id, complete.interview.default(complete.current)))
    write_draft(home, complete, "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen | ChatScreen))
        while not isinstance(app.screen, ChatScreen | SummaryScreen):
            app.pop_screen()
        wanted: type = {
            "language": LanguageDialog,
            "preview": PreviewScreen,
            "summary": SummaryScreen,
            "export": ExportDialog,
        }[opened]
        if not isinstance(app.screen, wanted):
            while not isinstance(app.screen, ChatScreen):
                app.pop_screen()
            await pilot.press(
                {"language": "ctrl+l", "preview": "ctrl+t", "summary": "ctrl+r"}.get(opened, "ctrl+o")
            )
            await wait_for(pilot, lambda: isinstance(app.screen, wanted), what=opened)
        await through_sizes(pilot, wanted)


@async_test
async def test_the_start_screen_and_its_confirmation_survive_a_tiny_window(home: Path) -> None:
    write_draft(home, session_at("platforms", COMPREHENSIVE), "one")
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await through_sizes(pilot, StartScreen)
        await pilot.press("delete")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ConfirmDialog")
        await through_sizes(pilot, type(app.screen))


@pytest.mark.parametrize("size", [(1, 1), (8, 5), (MINIMUM.width - 1, MINIMUM.height - 1)])
@async_test
async def test_the_app_started_in_a_tiny_window_says_so(home: Path, size: tuple[int, int]) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await wait_for(pilot, lambda: chat_of(app).dock.choices.has_focus)


def _resize(terminal: Terminal, columns: int, rows: int) -> None:
    fcntl.ioctl(terminal.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.kill(terminal.pid, signal.SIGWINCH)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="pseudo-terminals are POSIX")
def test_the_real_program_in_a_shrinking_terminal_says_so_and_comes_back(home: Path) -> None:
    """Through the real driver: the line is drawn within the terminal's rows (a taller frame would
    scroll the line away), and the conversation and its dialog come back."""
    terminal = Terminal.launch(home, "--new")
    try:
        terminal.wait_for(b"Which kind of", timeout=60)
        terminal.send(b"\x0c")  # Ctrl+L: the language dialog
        terminal.wait_for(b"Which language", timeout=20)
        for columns, rows in [(10, 5), (1, 1), (40, 6), (MINIMUM.width - 1, 30)]:
            before = len(terminal.output)
            _resize(terminal, columns, rows)
            terminal.wait_for(b"The window is too small"[: max(columns - 1, 1)], timeout=60, after=before)
            for _ in range(20):  # settle: the last frame is the one drawn at this size
                terminal.read(0.05)
            last = terminal.output[terminal.output.rfind(b"\x1b[1;1H") :]
            assert b"The window is too small"[: max(columns - 1, 1)] in last
            assert f"\x1b[{rows + 1};1H".encode() not in last, f"a row below the terminal's {rows}"
        before = len(terminal.output)
        _resize(terminal, 100, 30)
        terminal.wait_for(b"Which language", timeout=60, after=before)
        terminal.send(b"\x11")  # Ctrl+Q
        started = time.monotonic()
        deadline = started + 30
        ended = False
        while not ended and time.monotonic() < deadline:
            ended = os.waitpid(terminal.pid, os.WNOHANG) != (0, 0)
            terminal.read(0.05)  # the app must be able to write its last frame
        print(f"quit after {time.monotonic() - started:.1f}s")
        assert ended, "the app did not quit"
        terminal.alive = False
    finally:
        terminal.close()
