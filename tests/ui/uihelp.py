"""Helpers for driving the app in tests: a fixed clock, waiting for conditions, answering like a user."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from assistant.app import PolicyAssistant
from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.summary import SummaryScreen
from assistant.widgets.answer_dock import AnswerDock
from dialogue.drafts import DraftStore
from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.session import Session
from dialogue.snapshot import to_dict

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXED_NOW = datetime(2026, 11, 25, 14, 2, tzinfo=UTC)


def async_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test function in its own event loop (the project does not use pytest-asyncio)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def make_app(home: Path, **options: Any) -> PolicyAssistant:
    """The app with its drafts and exports in `home`, and a clock that always says 25/11/2026 14:02."""
    options.setdefault("export_folder", home / "exports")
    store = DraftStore(home / "drafts", clock=lambda: FIXED_NOW)
    return PolicyAssistant(store=store, clock=lambda: FIXED_NOW, **options)


async def wait_for(pilot: Pilot, condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> None:
    """Pause until `condition()` is true (pilot.pause alone gives up after a second)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")
        await pilot.pause(0.01)


def chat_of(app: PolicyAssistant) -> ChatScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ChatScreen):
            return screen
    raise AssertionError(f"no chat screen in {app.screen_stack}")


def transcript_text(app: PolicyAssistant) -> str:
    return chat_of(app).transcript.text()


def answers_file(name: str) -> dict[str, Any]:
    """The answers of one of the example files in examples/ (each a complete interview)."""
    return dict(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))


def steady(app: PolicyAssistant) -> None:
    """No blinking cursors, so screenshots are the same every time."""
    for widget in app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(character, character) for character in text])


async def submit_text(pilot: Pilot, text: str) -> None:
    """Put `text` in the answer field (replacing what is there) and press enter.

    Typing key by key costs a pilot round trip per character; `type_text` does that where it matters.
    """
    dock = pilot.app.screen.query_one(AnswerDock)
    if dock.long_answer.display:
        dock.long_answer.focus()
        dock.long_answer.text = text
    else:
        dock.field.focus()
        dock.field.value = text
    await pilot.pause()
    await pilot.press("enter")


def as_words(question_kind: Kind, value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


async def give(pilot: Pilot, value: Any) -> None:
    """Answer the current question as a user would: number keys, ticks, or typing."""
    chat = chat_of(pilot.app)
    question = chat.session.current
    assert question is not None
    dock = chat.dock
    if question.kind is Kind.SINGLE:
        dock.choices.focus()
        await pilot.pause()
        index = question.choices.index(value)
        if index < 9:
            await pilot.press(str(index + 1))
        else:  # no single key for a tenth choice: move to it, as a user would, and press Enter
            steps = index - (dock.choices.highlighted or 0)
            await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
            await confirm(pilot)
    elif question.kind is Kind.YESNO:
        dock.choices.focus()
        await pilot.pause()
        await pilot.press("1" if value else "2")
    elif question.kind is Kind.MULTI:
        dock.choices.focus()
        await pilot.pause()
        wanted = set(value or [])
        ticked = set(dock.choices.ticked)
        for index, choice in enumerate(question.choices, 1):
            if (choice in wanted) != (choice in ticked):
                await pilot.press(str(index))
        await confirm(pilot)
    else:
        await submit_text(pilot, as_words(question.kind, value))


async def confirm(pilot: Pilot) -> None:
    """Enter, as a user would; again if the line under the box says that the first Enter came with the
    number key that answered the question before, and so did not answer this one."""
    chat = chat_of(pilot.app)
    question = chat.session.current
    await pilot.press("enter")
    await pilot.pause()
    help_line = chat.dock.query_one("#help-line", Static)
    if chat.session.current is question and str(help_line.content) == chat.texts("chat.after_number"):
        await pilot.press("enter")


async def answer_all(pilot: Pilot, answers: Mapping[str, Any], on_question: Callable | None = None) -> None:
    """Answer every question the chat asks from `answers` (defaults where an answer is missing)."""
    chat = chat_of(pilot.app)
    session = chat.session
    for _ in range(100):
        question = session.current
        if question is None:
            return
        value = answers.get(question.id, session.interview.default(question))
        if on_question is not None and await on_question(pilot, question):
            continue
        steps = len(session.history)
        if value is None and question.skippable:
            await pilot.press("ctrl+n")
        else:
            assert value is not None, f"no answer for {question.id}"
            await give(pilot, value)
        await wait_for(
            pilot, lambda steps=steps: len(session.history) > steps, what=f"an answer to {question.id}"
        )
    raise AssertionError("the interview did not end")


def session_at(question_id: str, answers: Mapping[str, Any]) -> Session:
    """A session answered from `answers` until `question_id` is the current question."""
    session = Session.start(load_interview())
    while session.current is not None and session.current.id != question_id:
        question = session.current
        value = answers.get(question.id, session.interview.default(question))
        if value is None and question.skippable:
            session.skip()
        else:
            session.answer(value)
    assert session.current is not None, f"{question_id} is not on the path of these answers"
    return session


def finished_session(answers: Mapping[str, Any], language: str = "en") -> Session:
    """A session with every question answered from `answers` (defaults elsewhere), at the summary."""
    session = session_at("effective_date", answers)
    while session.current is not None:
        session.answer(answers.get(session.current.id, session.interview.default(session.current)))
    assert session.state == "summary"
    # Each version's own words for typed answers, as the answers file's `wording:` gives them.
    for version, words in (answers.get("wording") or {}).items():
        for question, text in words.items():
            session.word(version, question, text)
    session.set_language(language)
    return session


async def open_export_dialog(pilot: Pilot) -> ExportDialog:
    """From the summary a resumed finished draft opens on: Ctrl+O, and the export dialog it shows."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
    return app.screen


def write_draft(home: Path, session: Session, draft_id: str, saved: datetime = FIXED_NOW) -> None:
    """A draft on disk, as the app saves it, with a fixed 'saved' time."""
    store = DraftStore(home / "drafts")
    store.folder.mkdir(parents=True, exist_ok=True)
    session.draft_id = draft_id
    document = dict(to_dict(session), saved=saved.isoformat())
    (store.folder / f"{draft_id}.yaml").write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def write_damaged_draft(home: Path) -> Path:
    """A draft that is not YAML any more (an editor's mistake, a bad disk), damaged near line 1."""
    folder = home / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "20261120-090000-dead.yaml"
    path.write_text("answers: [this is: not: a draft\n", encoding="utf-8")
    return path


def screen_text(app: PolicyAssistant) -> str:
    """What the terminal shows now, line by line, as plain text (read from an SVG screenshot)."""
    import html
    import re
    from collections import defaultdict

    svg = app.export_screenshot()
    pattern = r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>'
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    cell = 0.0
    for match in re.finditer(pattern, svg):
        text = html.unescape(match[4]).replace("\u00a0", " ")
        rows[float(match[2])].append((float(match[1]), text))
        if not cell and len(text) > 3:
            cell = float(match[3]) / len(text)
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / cell)) + text
        lines.append(line.rstrip())
    return "\n".join(lines)
