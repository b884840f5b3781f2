"""The Textual app: the start screen, the chat, and what they share (texts, drafts, the clause library)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from assistant.drafting import PolicyDrafter, PolicyNotReady
from assistant.keeper import DraftKeeper
from assistant.keys import APP_KEYS, QUIET_APP_KEYS, bind_keys
from assistant.texts import load_texts
from dialogue.drafts import DraftError, DraftStore
from dialogue.model import Interview
from dialogue.session import Session

LIGHT, DARK = "textual-light", "textual-dark"
CHAT_COMMANDS = ("back", "skip", "why", "summary", "preview", "save", "export")


def default_export_folder() -> Path:
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


_settled = False


def settle_memory() -> None:
    """Once per process, after start-up: move what exists to the garbage collector's permanent
    generation. A full collection then scans only what came later, so it no longer stalls the event
    loop for tens of milliseconds in the middle of a preview refresh. (No collection first: that
    would itself stall; the little start-up garbage kept is the price.)"""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()


def memory_settled() -> bool:
    return _settled


class PolicyAssistant(App[None]):
    """Interviews an HR person and drafts a social media policy; drafts are saved after every answer."""

    CSS_PATH = "app.tcss"

    def __init__(
        self,
        *,
        language: str = "en",
        store: DraftStore | None = None,
        resume: str | None = None,
        new: bool = False,
        export_folder: Path | None = None,
        drafter: PolicyDrafter | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.language = language
        self.texts = load_texts(language)
        self.store = store or DraftStore()
        self.keeper = DraftKeeper(self.store, clock)
        self.drafter = drafter or PolicyDrafter()
        self._export_folder = export_folder
        self._resume = resume
        self._new = new
        self.title = self.texts("app.title")
        self.sub_title = self.texts("app.subtitle")
        bind_keys(self, APP_KEYS, self.texts, priority=True)
        bind_keys(
            self,
            tuple((key, action, "") for key, action in QUIET_APP_KEYS),
            self.texts,
            priority=True,
            show=False,
        )

    @property
    def export_folder(self) -> Path:
        if self._export_folder is None:
            self._export_folder = default_export_folder()
        return self._export_folder

    @property
    def interview(self) -> Interview:
        from dialogue.loader import load_interview

        return load_interview()

    # --- screens -------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The first screen: the draft asked for, the start screen when there are drafts, else a new chat."""
        from assistant.screens.chat import ChatScreen
        from assistant.screens.start import StartScreen

        if self._resume:
            try:
                return self._resumed(self._resume)
            except DraftError as error:
                self.call_later(self.notify, str(error), severity="error", timeout=10, markup=False)
                return StartScreen()
        if not self._new and self.store.list():
            return StartScreen()
        return ChatScreen(Session.start(self.interview, self.language))

    def start_new(self) -> None:
        from assistant.screens.chat import ChatScreen

        self.push_screen(ChatScreen(Session.start(self.interview, self.language)))

    def open_draft(self, draft_id: str) -> None:
        """Resume a draft; DraftError (with the file and the reason) when it cannot be read."""

        self.push_screen(self._resumed(draft_id))

    def _resumed(self, draft_id: str) -> Screen:
        from assistant.screens.chat import ChatScreen

        session = self.store.load(draft_id, self.interview)
        saved = next((draft.saved for draft in self.store.list() if draft.id == draft_id), None)
        return ChatScreen(session, resumed=True, saved=saved)

    # --- warming up after the first question is on screen --------------------------------------

    def warm_up(self) -> None:
        """Load the clause library in a worker, then settle memory, while the user reads."""
        self.run_worker(self._load_library, thread=True, group="library", exit_on_error=False)

    def _load_library(self) -> None:
        with contextlib.suppress(PolicyNotReady):  # the preview says so when it is asked for
            self.drafter.library()
        self.call_from_thread(settle_memory)

    # --- quitting without losing anything ------------------------------------------------------------

    def on_mount(self) -> None:
        self.call_after_refresh(gc.enable)  # off during start-up (see assistant.cli.main)
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for number in ("SIGHUP", "SIGTERM"):
            code = getattr(signal, number, None)
            if code is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(code, self._hang_up)

    def _hang_up(self) -> None:
        """The terminal closed or the app was told to stop: exit (every answer is already saved)."""
        self.exit()

    async def action_quit(self) -> None:
        self.exit()

    # --- command palette ----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from assistant.screens.chat import ChatScreen

        texts = self.texts
        for command in super().get_system_commands(screen):
            if command.callback != self.action_quit:  # ours says that nothing is lost
                yield command
        yield SystemCommand(texts("keys.quit"), texts("palette.quit"), self.action_quit)
        yield SystemCommand(texts("palette.theme_title"), texts("palette.theme"), self.action_toggle_theme)
        if isinstance(screen, ChatScreen):
            for name in CHAT_COMMANDS:
                if screen.check_action(name, ()) is not False:  # e.g. skip only where allowed
                    yield SystemCommand(
                        texts(f"keys.{name}"), texts(f"palette.{name}"), partial(screen.run_command, name)
                    )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK
