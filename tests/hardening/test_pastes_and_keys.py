"""Pastes and keys (issue 14, item 5): a megabyte pasted with escape bytes in it is one clean paste,
handled in under a second; control characters never reach an answer; closing the terminal ends the
app; keys typed fast into a list keep their order and their meaning.

The real program runs in a pseudo-terminal for the paste and the hang-up: that is where Textual's
parser turned a paste into a storm of single keys.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from killing import Terminal
from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

from assistant.pasting import MAX_PASTE, PasteParser, without_controls
from assistant.widgets.answer_dock import MAX_ANSWER

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
BOMB = "x\x1b[2J "
MEGABYTE = BOMB * (1024 * 1024 // len(BOMB))
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
POSIX = pytest.mark.skipif(not hasattr(os, "fork"), reason="pseudo-terminals are POSIX")


def parse(data: str, cuts: list[int]) -> list[events.Message]:
    """What the parser makes of `data` read in pieces cut at `cuts` (as a terminal's reads cut it)."""
    parser = PasteParser()
    found: list[events.Message] = []
    start = 0
    for cut in [*sorted(cuts), len(data)]:
        if cut > start:  # an empty read is the end of input
            found += parser.feed(data[start:cut])
            start = cut
    found += parser.tick()
    return found


def test_a_megabyte_paste_with_escape_bytes_is_one_clean_paste_in_linear_time() -> None:
    data = "a" + BRACKETED_PASTE_START + MEGABYTE + BRACKETED_PASTE_END + "b"
    started = time.perf_counter()
    found = parse(data, list(range(4096, len(data), 4096)))
    elapsed = time.perf_counter() - started
    assert [type(event).__name__ for event in found] == ["Key", "Paste", "Key"]
    pasted = found[1]
    assert isinstance(pasted, events.Paste)
    assert not CONTROL.search(pasted.text)
    assert pasted.text.startswith("x[2J x[2J ")
    assert len(pasted.text) <= MAX_PASTE  # an endless paste never grows the app
    assert elapsed < 1.0, f"{elapsed:.2f}s"


@given(
    before=st.text(alphabet="ab ", max_size=5),
    pasted=st.text(
        alphabet=st.sampled_from(["x", "\x1b", "[", "2", "0", "~", "\n", "é", "\x07"]), max_size=40
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=8),
)
def test_a_paste_cut_anywhere_by_the_reads_is_the_same_paste(
    before: str, pasted: str, cuts: list[int]
) -> None:
    pasted = pasted.replace(BRACKETED_PASTE_END, "")
    data = before + BRACKETED_PASTE_START + pasted + BRACKETED_PASTE_END
    found = [
        event
        for event in parse(data, [cut for cut in cuts if cut <= len(data)])
        if isinstance(event, events.Paste)
    ]
    cleaned = without_controls(pasted)
    assert [event.text for event in found] == ([cleaned] if cleaned else [])


def test_without_controls_keeps_text_and_lines_only() -> None:
    assert without_controls("A\x1b]0;title\x07B\x9b31mC\u202eD\r\nE\tF") == "A]0;titleB31mCD\nE\tF"
    assert without_controls("A\nB\tC", lines=False) == "A B C"


@pytest.mark.parametrize("question", ["org_name", "platforms", "crisis_escalation"])
@async_test
async def test_a_pasted_megabyte_is_handled_in_under_a_second_without_control_characters(
    home: Path, question: str
) -> None:
    write_draft(home, session_at(question, COMPREHENSIVE), "paste")
    app = make_app(home, resume="paste")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(
            pilot, lambda: chat.session.current is not None and chat.session.current.id == question
        )
        dock = chat.dock
        box = dock.long_answer if dock.long_answer.display else dock.field
        box.focus()

        def shown() -> str:
            return box.text if box is dock.long_answer else box.value

        async def paste_and_answer(text: str) -> tuple[str, float, float]:
            await pilot.pause()
            started = time.perf_counter()
            app.post_message(events.Paste(text))
            await wait_for(pilot, lambda: shown().startswith(text[0]), timeout=5)
            pasted = shown()
            pasting = time.perf_counter() - started
            started = time.perf_counter()
            await pilot.press("enter")
            # Answered, refused under the box, or answered back in the chat (the box emptied).
            await wait_for(
                pilot, lambda: dock.problem.display or not shown() or chat.session.current.id != question
            )
            answering = time.perf_counter() - started
            dock.show_problem("")
            return pasted, pasting, answering

        # The floor, in the same run: a one-letter paste, refused or not understood the same way.
        _, floor_pasting, floor_answering = await paste_and_answer("x")
        pasted, pasting, answering = await paste_and_answer(MEGABYTE)
        assert not CONTROL.search(pasted)
        assert len(pasted) <= MAX_ANSWER
        assert question not in chat.session.answers or "\x1b" not in str(chat.session.answers[question])
        assert pasting < floor_pasting + 1.0, f"the paste took {pasting:.2f}s"
        assert answering < floor_answering + 1.0, f"the answer took {answering:.2f}s ({floor_answering:.2f}s)"


@async_test
async def test_control_characters_typed_into_an_answer_never_reach_it(home: Path) -> None:
    write_draft(home, session_at("org_name", COMPREHENSIVE), "typed")
    app = make_app(home, resume="typed")
    heard: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        dock = chat.dock
        original = dock.post_message

        def listen(message: events.Message) -> bool:
            if isinstance(message, type(dock).Typed):
                heard.append(message.text)
            return original(message)

        dock.post_message = listen  # type: ignore[method-assign]
        dock.field.focus()
        dock.field.value = "Acme\x1b]0;PWNED\x07 \x1b[31mNV\x00"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "org_name" in chat.session.answers and chat.session.current.id != "org_name"
        )
    assert heard == ["Acme]0;PWNED [31mNV"]
    assert chat.session.answers["org_name"] == "Acme]0;PWNED [31mNV"


KEYS = {" ": "space", ",": "comma"}


async def type_fast_into_a_checklist(
    home: Path, typed: str, pause: float
) -> tuple[str, list[str], list[str]]:
    """The field's text, and the ticks before and after, once `typed` came in from another thread."""
    draft_id = f"fast{int(pause * 1000)}"
    write_draft(home, session_at("platforms", COMPREHENSIVE), draft_id)
    app = make_app(home, resume=draft_id)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        choices = chat.dock.choices
        await wait_for(pilot, lambda: choices.has_focus)
        ticked = list(choices.ticked)

        def type_fast() -> None:
            for character in typed:
                app.call_from_thread(app.post_message, events.Key(KEYS.get(character, character), character))
                time.sleep(pause)

        typist = threading.Thread(target=type_fast)
        typist.start()
        while typist.is_alive():
            await asyncio.sleep(0.005)
        await wait_for(pilot, lambda: len(chat.dock.field.value) >= len(typed), timeout=5)
        await pilot.pause()
        return chat.dock.field.value, ticked, list(choices.ticked)


@pytest.mark.parametrize("typed", ["12 and 3 more", "2, 3 and linkedin", "1 3"])
@async_test
async def test_typing_fast_into_a_checklist_keeps_the_order_and_leaves_no_tick(
    home: Path, typed: str
) -> None:
    """Keys come from the terminal's thread one after another, faster than the focus moves."""
    for attempt in range(6):
        shown, before, after = await type_fast_into_a_checklist(home, typed, 0.001 * (attempt % 3))
        assert shown == typed, f"attempt {attempt}"
        assert after == before, f"attempt {attempt}: {typed!r} left ticks {after}"


# --- the real program in a terminal ------------------------------------------------------------------


def peak_memory_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return 0
    found = re.search(r"VmHWM:\s+(\d+)", status.read_text())
    return int(found.group(1)) if found else 0


def ended_within(pid: int, seconds: float, terminal: Terminal | None = None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return True
        if terminal is not None and terminal.alive:
            terminal.read(0.05)  # the app must be able to write its last frame
        else:
            time.sleep(0.05)
    return False


def write_all(terminal: Terminal, data: bytes) -> None:
    """Write while draining what the app shows (the app blocks if nobody reads its screen)."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(terminal.fd, view[:4096])
        except BlockingIOError:
            written = 0
        view = view[written:]
        terminal.read(0.001)


@POSIX
@pytest.mark.slow
def test_a_megabyte_pasted_into_the_real_program_leaves_it_responsive_and_small(home: Path) -> None:
    terminal = Terminal.launch(home, "--new")
    try:
        terminal.wait_for(b"Which kind of", timeout=60)
        before = len(terminal.output)
        os.set_blocking(terminal.fd, False)
        started = time.monotonic()
        write_all(terminal, (BRACKETED_PASTE_START + MEGABYTE + BRACKETED_PASTE_END).encode())
        terminal.wait_for(b"x[2J x[2J x[2J", timeout=10, after=before)
        shown_after = time.monotonic() - started
        peak = peak_memory_kib(terminal.pid)
        terminal.send(b"\x11")  # Ctrl+Q: the app still listens
        assert ended_within(terminal.pid, 15, terminal), "the app did not quit after the paste"
        terminal.alive = False
    finally:
        terminal.close()
    print(f"1 MB paste shown after {shown_after:.2f}s; peak memory {peak // 1024} MB")
    assert peak < 400 * 1024, f"peak memory {peak // 1024} MB"
    assert shown_after < 10


@POSIX
@pytest.mark.slow
@pytest.mark.parametrize("pasting", [False, True], ids=["idle", "pasting"])
def test_closing_the_terminal_ends_the_app(home: Path, pasting: bool) -> None:
    """SIGHUP from the terminal closing: the process ends, whatever it was doing, and leaves nothing."""
    terminal = Terminal.launch(home, "--new")
    try:
        terminal.wait_for(b"Which kind of", timeout=60)
        if not pasting:  # a draft on disk, held by this window
            terminal.send(b"1")
            terminal.wait_for(b"What is the name", timeout=60)
            assert list((home / "drafts").glob(".*.lock"))
        if pasting:
            os.set_blocking(terminal.fd, False)
            with contextlib.suppress(OSError):
                os.write(terminal.fd, (BRACKETED_PASTE_START + BOMB * 2000).encode())
        os.close(terminal.fd)  # the terminal window closes: the kernel hangs up its session
        terminal.alive = False
        ended = ended_within(terminal.pid, 15)
        if not ended:
            os.kill(terminal.pid, signal.SIGKILL)
            os.waitpid(terminal.pid, 0)
        assert ended, "the app kept running after its terminal closed"
        assert not list((home / "drafts").glob(".*.lock")), "the hang-up left the draft held"
    finally:
        if terminal.alive:
            terminal.close()
