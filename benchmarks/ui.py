"""What users feel in the chat. Run from the repository root:

    python -m benchmarks.ui            # a few minutes
    python -m benchmarks.ui --quick    # a fast pass that checks the script still works

- time to the first question on screen, cold, in a real pseudo-terminal, next to the floor (a minimal
  Textual app showing one line) from the same run, and their ratio;
- time from an answer to the next question on screen, median and p95 over a complete conversation,
  with the preview beside the chat (130x40) and without it (80x24), and again at message 200; answers
  come 1 s after the question appears (a fast reader), not back to back;
- a live preview refresh of the complete policy: from the answer to its new lines on screen, and the
  longest event-loop stall meanwhile.

The in-app measures run headless (`App.run_test`): "on screen" is the compositor's frame that first
contains the new question, which is what a terminal would be sent.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import select
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.report import Measure, print_table

ROOT = Path(__file__).resolve().parent.parent
COMPREHENSIVE = ROOT / "examples" / "comprehensive-brussels.yaml"
FLOOR_APP = """
from textual.app import App
from textual.widgets import Static


class Floor(App):
    def compose(self):
        yield Static("The floor is on screen")


Floor().run()
"""


THINK_TIME = 1.0  # seconds between seeing a question and answering it: a fast reader
QUICK_THINK_TIME = 0.1  # in the quick pass, which only checks that the script works


def think_time(quick: bool) -> float:
    return QUICK_THINK_TIME if quick else THINK_TIME


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- first question, in a pseudo-terminal ------------------------------------------------------------


def time_to_text(
    argv: list[str], marker: str, env: dict[str, str], size: tuple[int, int] = (100, 30)
) -> float:
    """Seconds from starting `argv` in a pseudo-terminal until `marker` is written to it."""
    import fcntl
    import pty
    import struct
    import termios

    start = time.perf_counter()
    pid, descriptor = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.execvpe(argv[0], argv, env)
    columns, rows = size
    fcntl.ioctl(descriptor, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    seen = b""
    wanted = marker.encode()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready, _, _ = select.select([descriptor], [], [], 0.05)
            if not ready:
                continue
            try:
                seen += os.read(descriptor, 65536)
            except OSError:
                break
            if wanted in seen:
                return time.perf_counter() - start
        raise RuntimeError(f"{marker!r} never appeared on screen")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(descriptor)


def started_as_installed(home: str) -> dict[str, str]:
    """The environment of a start as a user's: its own home, and Python's bytecode kept.

    An installed package has its bytecode (pip compiles it; an editable install writes it on the
    first start), and so has Textual, the floor. PYTHONDONTWRITEBYTECODE, set in some shells and
    sandboxes, would make every start compile our hundred-odd modules again (about 65 ms) while the
    floor's Textual comes compiled from its installation: not the same race (docs/decisions.md,
    "Start-up"). The bytecode of both is kept in `home`, not beside the sources."""
    env = {**os.environ, "POLICY_ASSISTANT_HOME": home, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "bytecode")
    return env


def first_question(quick: bool) -> list[Measure]:
    runs = 3 if quick else 15
    app_times: list[float] = []
    floor_times: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = started_as_installed(home)
        # One start of each first, unmeasured: it writes the bytecode and the interview's cache, as
        # the first start after installing does; "cold" is every start after it (a new process).
        time_to_text([sys.executable, "-c", FLOOR_APP], "The floor is on screen", env)
        time_to_text([sys.executable, "-m", "assistant", "--new"], "Which kind of social media", env)
        for _ in range(runs):  # interleaved, so both see the same machine
            floor_times.append(
                time_to_text([sys.executable, "-c", FLOOR_APP], "The floor is on screen", env) * 1000
            )
            app_times.append(
                time_to_text([sys.executable, "-m", "assistant", "--new"], "Which kind of social media", env)
                * 1000
            )
    app, floor = statistics.median(app_times), statistics.median(floor_times)
    return [
        Measure(
            "First question on screen (pty, cold)", app, "ms", None, detail=f"min {min(app_times):.0f} ms"
        ),
        Measure(
            "Floor: minimal Textual app (pty, cold)",
            floor,
            "ms",
            None,
            detail=f"min {min(floor_times):.0f} ms",
        ),
        Measure("First question / floor", app / floor, "x", 1.3),
    ]


# --- answers in the running app -----------------------------------------------------------------------


class FrameWatch:
    """Notes when the compositor produces the first frame in which a condition holds.

    The measure waits for that frame as the app draws it (`shown`), not by polling with Pilot.pause:
    every pause posts a callback to each widget of the screen, waits for all of them and then draws a
    frame itself. In the answer's window, that was work a terminal session never does, and it grew with
    the number of widgets on the screen (docs/decisions.md, "One frame per answer")."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._condition: Callable[[], bool] | None = None
        self.at: float | None = None
        self._shown = asyncio.Event()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and self._condition is not None and self._condition():
                self.at = time.perf_counter()
                self._condition = None
                self._shown.set()

        app._display = display

    def expect(self, condition: Callable[[], bool]) -> None:
        self.at = None
        self._condition = condition
        self._shown.clear()

    async def shown(self, timeout: float = 30) -> float:
        """The moment of the frame that met the condition, once the app has drawn it."""
        await asyncio.wait_for(self._shown.wait(), timeout)
        assert self.at is not None
        return self.at


class LoopWatch:
    """The longest the event loop went without running a 1 ms timer: what typing would feel."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, (time.perf_counter() - before - 0.001) * 1000)

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.longest


def _answers() -> dict[str, Any]:
    from dialogue.answers_file import read_answers
    from dialogue.loader import load_interview

    return read_answers(COMPREHENSIVE, load_interview())


async def _wait(pilot: Any, condition: Callable[[], Any], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        await pilot.pause(0.005)


async def _answer(pilot: Any, chat: Any, value: Any) -> tuple[str, str | None]:
    """Prepare the input for `value` and return the key that sends it (and its character)."""
    from dialogue.model import Kind

    question = chat.session.current
    dock = chat.dock
    if question.kind is Kind.SINGLE:
        index = question.choices.index(value)
        if index >= 9:  # no single key for a tenth choice: it is highlighted, and Enter sends it
            dock.choices.highlighted = index
            await pilot.pause()
            return "enter", "\r"
        digit = str(index + 1)
        return digit, digit
    if question.kind is Kind.YESNO:
        digit = "1" if value else "2"
        return digit, digit
    if question.kind is Kind.MULTI:
        dock.choices._ticked = {question.choices.index(choice) for choice in value}
        return "enter", "\r"
    text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
    if question.kind is Kind.LONG_TEXT:
        dock.long_answer.text = text
    else:
        dock.field.value = text
    await pilot.pause()
    return "enter", "\r"


def _transcript(screen: Any) -> Any:
    """The screen's transcript, if it has one (the chat's, not yet mounted at the very start)."""
    from textual.css.query import NoMatches

    from assistant.widgets.transcript import Transcript

    try:
        return screen.query_one(Transcript)
    except NoMatches:
        return None


def _newest_question(screen: Any) -> int | None:
    """Where the last question asked is in the screen's transcript, if it has one."""
    transcript = _transcript(screen)
    return None if transcript is None else transcript.newest_question()


def _question_drawn(screen: Any, after: int | None = None) -> bool:
    """Whether a frame has drawn a question newer than the one at `after` in the screen's transcript."""
    transcript = _transcript(screen)
    if transcript is None:
        return False
    newest = transcript.newest_question()
    return newest is not None and newest != after and transcript.has_drawn(newest)


async def _one_answer(pilot: Any, frames: FrameWatch, value: Any) -> float:
    """Milliseconds from the key that sends `value` to the frame showing the next question."""
    from textual import events

    app = pilot.app
    chat = app.screen
    key, character = await _answer(pilot, chat, value)
    if key == "enter" and chat.dock._number_enter:
        # After an answer by number, the next Enter is the number's and does nothing if nothing else
        # was pressed (docs/decisions.md, "A number chooses at once"): the reader moves the cursor first.
        await pilot.press("end")
    asked = _newest_question(chat)

    def next_question_shown() -> bool:
        if app.screen is not chat:  # the last answer opens the summary
            return app.screen.is_mounted and bool(app.screen.query("PointerList"))
        return _question_drawn(chat, after=asked)

    frames.expect(next_question_shown)
    start = time.perf_counter()
    app.post_message(events.Key(key, character))
    return (await frames.shown() - start) * 1000


async def _conversation(size: tuple[int, int], quick: bool, long_session: bool) -> list[float]:
    from assistant.app import PolicyAssistant
    from dialogue.drafts import DraftStore

    answers = _answers()
    times: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        app = PolicyAssistant(store=DraftStore(Path(home)), new=True, export_folder=Path(home))
        async with app.run_test(size=size) as pilot:
            frames = FrameWatch(app)
            chat = app.screen
            await _wait(pilot, lambda: chat.session.current is not None)
            if long_session:
                # Grow the transcript to 200 messages: answer, go back, answer again, ...
                await _answer_and_back(pilot, chat, answers, messages=200)
            limit = 8 if quick else 100
            while (question := chat.session.current) is not None and len(times) < limit:
                times.append(await _one_answer(pilot, frames, answers[question.id]))
                # A person reads the next question before answering it; meanwhile the preview and
                # the draft catch up, as they would.
                await pilot.pause(think_time(quick))
    return times


async def _answer_and_back(pilot: Any, chat: Any, answers: dict[str, Any], messages: int) -> None:
    from textual import events

    transcript = chat.transcript
    while len(transcript.messages) < messages:
        question = chat.session.current
        key, character = await _answer(pilot, chat, answers[question.id])
        steps = len(chat.session.history)
        pilot.app.post_message(events.Key(key, character))
        await _wait(pilot, lambda steps=steps: len(chat.session.history) > steps)
        await pilot.pause()
        chat.action_back()  # and answer it again: the transcript grows, the position does not
        await pilot.pause()


async def _floor_conversation(size: tuple[int, int], quick: bool) -> list[float]:
    """The same measure for a minimal Textual chat: an input, and two Statics mounted per answer."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Input, Static

    class MinimalChat(App[None]):
        def compose(self) -> ComposeResult:
            yield VerticalScroll(id="log")
            yield Input(id="say")

        def on_mount(self) -> None:
            self.query_one("#log").anchor()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            log = self.query_one("#log")
            log.mount(Static(f"You: {event.value}"))
            log.mount(Static("Assistant: the next question?", classes="question"))
            event.input.value = ""

    times: list[float] = []
    app = MinimalChat()
    async with app.run_test(size=size) as pilot:
        frames = FrameWatch(app)
        field = app.query_one(Input)
        field.focus()
        for turn in range(8 if quick else 33):
            field.value = f"answer {turn}"
            await pilot.pause()
            asked = app.query(".question").last() if app.query(".question") else None

            def shown(asked: Any = asked) -> bool:
                questions = app.query(".question")
                return (
                    bool(questions) and questions.last() is not asked and questions.last().region.height > 0
                )

            frames.expect(shown)
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            times.append((await frames.shown() - start) * 1000)
            await pilot.pause(think_time(quick))
    return times


def answer_latency(quick: bool) -> list[Measure]:
    floor = asyncio.run(_floor_conversation((130, 40), quick))
    measures = [
        Measure(
            "Floor: minimal Textual chat, answer → next message, p95 (130x40)",
            _p95(floor),
            "ms",
            None,
            detail=f"median {statistics.median(floor):.1f} ms",
        )
    ]
    p95s = {}
    for label, size, long_session in (
        ("preview on, 130x40", (130, 40), False),
        ("preview off, 80x24", (80, 24), False),
        ("at message 200, preview on", (130, 40), True),
    ):
        times = asyncio.run(_conversation(size, quick, long_session))
        p95s[label] = _p95(times)
        measures.append(
            Measure(
                f"Answer → next question, p95 ({label})",
                p95s[label],
                "ms",
                16.0,
                detail=f"median {statistics.median(times):.1f} ms over {len(times)} answers",
            )
        )
    measures += [
        Measure(
            "Answer → next question / floor chat (p95, 130x40)",
            p95s["preview on, 130x40"] / _p95(floor),
            "x",
            1.5,
        ),
        Measure(
            "Answer → next question at message 200 / at the start (p95)",
            p95s["at message 200, preview on"] / p95s["preview on, 130x40"],
            "x",
            1.2,
            detail="the same, within the noise of a p95",
        ),
    ]
    return measures


# --- the preview of the complete policy ---------------------------------------------------------------


async def _preview_refreshes(quick: bool) -> tuple[list[float], list[float], int]:
    from assistant.app import PolicyAssistant
    from assistant.widgets.preview import PolicyPreview
    from dialogue.drafts import DraftStore
    from dialogue.loader import load_interview
    from dialogue.session import Session

    answers = _answers()
    session = Session.start(load_interview())
    while (question := session.current) is not None:
        session.answer(answers[question.id])
    refreshes: list[float] = []
    stalls: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        store = DraftStore(Path(home))
        store.save(session)
        app = PolicyAssistant(store=store, resume=session.draft_id, export_folder=Path(home))
        async with app.run_test(size=(130, 40)) as pilot:
            from assistant.screens.chat import ChatScreen

            chat = next(screen for screen in app.screen_stack if isinstance(screen, ChatScreen))
            preview: PolicyPreview = chat.side_preview
            from assistant.memory import MEMORY

            await _wait(pilot, lambda: preview.rendered is not None and MEMORY.settled)
            words = preview.rendered.words
            loop = LoopWatch()
            names = ["Kanaalzone Logistics NV", "Kanaalzone Logistiek BV"]
            for turn in range(3 if quick else 20):
                # An answer changes the organisation's name, which appears all over the policy.
                chat.session.answers["org_name"] = names[turn % 2]
                before = preview.rendered
                await pilot.pause()
                loop.start()
                start = time.perf_counter()
                chat.conversation.policy.request()
                await _wait(pilot, lambda before=before: preview.rendered is not before)
                refreshes.append((time.perf_counter() - start) * 1000)
                await pilot.pause()
                stalls.append(loop.stop())
    return refreshes, stalls, words


def preview_refresh(quick: bool) -> list[Measure]:
    refreshes, stalls, words = asyncio.run(_preview_refreshes(quick))
    return [
        Measure(
            f"Live preview refresh, complete policy ({words:,} words)",
            statistics.median(refreshes),
            "ms",
            100.0,
            detail=f"p95 {_p95(refreshes):.0f} ms; answer to new lines on screen",
        ),
        Measure(
            "Longest event-loop stall during a refresh",
            max(stalls),
            "ms",
            16.0,
            detail=f"median {statistics.median(stalls):.1f} ms",
        ),
    ]


SUITE: tuple[Callable[[bool], list[Measure]], ...] = (first_question, answer_latency, preview_refresh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, to check the script works")
    args = parser.parse_args(argv)
    measures: list[Measure] = []
    for measure in SUITE:
        measures.extend(measure(args.quick))
    title = "policy-assistant: the chat" + (" (quick mode: figures are rough)" if args.quick else "")
    print_table(measures, title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
