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
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen

from assistant.drafting import PolicyDrafter, PolicyNotReady
from assistant.keeper import DraftKeeper
from assistant.keys import APP_KEYS, QUIET_APP_KEYS, bind_keys
from assistant.memory import IDLE, MEMORY
from assistant.messages import LanguageChanged
from assistant.texts import available_languages, load_texts
from dialogue.drafts import DraftError, DraftStore
from dialogue.model import Interview
from dialogue.session import Session

LIGHT, DARK = "textual-light", "textual-dark"

CHAT_COMMANDS = ("back", "skip", "why", "summary", "preview", "save", "export")


def default_export_folder() -> Path:
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


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
        # Every language file is read (and checked) now, so a broken one stops the start with its
        # name and key rather than a crash on switching; each is read once per process anyway.
        for code in available_languages():
            load_texts(code)
        self.texts = load_texts(language)
        self.store = store or DraftStore()
        self.keeper = DraftKeeper(self.store, clock)
        self.drafter = drafter or PolicyDrafter()
        self._export_folder = export_folder
        self._resume = resume
        self._new = new
        self._label()

    def _label(self) -> None:
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

    # --- the language we talk in -----------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """Talk in `code` from now on: every screen shows its texts in it; the chat keeps every answer."""
        if code == self.language or code not in available_languages():
            return
        from assistant.screens.chat import ChatScreen

        self.language = code
        self.texts = load_texts(code)
        self._label()
        for screen in self.screen_stack:
            if isinstance(screen, ChatScreen):
                screen.session.set_language(code)  # answers are language-neutral; the draft records it
            screen.post_message(LanguageChanged(code))
        self.refresh_bindings()

    def action_language(self) -> None:
        """Choose the language from a list (Ctrl+L, /language)."""
        from assistant.screens.language import LanguageDialog

        def chosen(code: str | None) -> None:
            if code:
                self.set_language(code)

        self.push_screen(LanguageDialog(self.texts), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not over a dialog: it would be left in the old language, or a second list opened on the first.
        return not (action == "language" and isinstance(self.screen, ModalScreen))

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
                from assistant.draft_errors import said

                problem = said(error, self.texts)
                self.call_later(self.notify, problem, severity="error", timeout=10, markup=False)
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
        # The draft goes on in the language it was written in.
        if session.language in available_languages():
            self.set_language(session.language)
        else:
            session.set_language(self.language)
        saved = next((draft.saved for draft in self.store.list() if draft.id == draft_id), None)
        return ChatScreen(session, resumed=True, saved=saved)

    # --- warming up after the first question is on screen --------------------------------------

    def warm_up(self) -> None:
        """Compile the interview's conditions and load the clause library in a worker, then settle
        memory, while the user reads."""
        self.run_worker(self._load_library, thread=True, group="library", exit_on_error=False)

    def _load_library(self) -> None:
        self.interview.compile_conditions()  # the first answer then evaluates them at once
        with contextlib.suppress(PolicyNotReady):  # the preview says so when it is asked for
            self.drafter.library()
        self.call_from_thread(MEMORY.settle)

    # --- quitting without losing anything ------------------------------------------------------------

    def on_mount(self) -> None:
        self.call_after_refresh(gc.enable)  # off during start-up (see assistant.cli.main)
        self.set_interval(IDLE / 4, MEMORY.tick, name="memory")
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for number in ("SIGHUP", "SIGTERM"):
            code = getattr(signal, number, None)
            if code is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(code, self._hang_up)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            MEMORY.touched()
        await super().on_event(event)

    def _hang_up(self) -> None:
        """The terminal closed or the app was told to stop: exit (every answer is already saved)."""
        self.exit()

    async def action_quit(self) -> None:
        self.exit()

    # --- command palette ----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from assistant.screens.chat import ChatScreen

        texts = self.texts
        # Textual's own commands, in the user's language (an unknown one is left as Textual words it).
        own = {
            self.action_change_theme: "themes",
            self.action_show_help_panel: "keys_show",
            self.action_hide_help_panel: "keys_hide",
            screen.action_maximize: "maximize",
            screen.action_minimize: "minimize",
        }
        for command in super().get_system_commands(screen):
            if command.callback == self.action_quit:
                continue  # ours says that nothing is lost
            key = own.get(command.callback) or ("screenshot" if command.title == "Screenshot" else None)
            if key is None:
                yield command
                continue
            title = texts(f"palette.{key.removesuffix('_show').removesuffix('_hide')}_title")
            yield SystemCommand(title, texts(f"palette.{key}"), command.callback, command.discover)
        yield SystemCommand(texts("keys.quit"), texts("palette.quit"), self.action_quit)
        yield SystemCommand(texts("palette.theme_title"), texts("palette.theme"), self.action_toggle_theme)
        yield from self._language_commands()
        if isinstance(screen, ChatScreen):
            yield from self._version_commands(screen)
            for name in CHAT_COMMANDS:
                if screen.check_action(name, ()) is not False:  # e.g. skip only where allowed
                    yield SystemCommand(
                        texts(f"keys.{name}"), texts(f"palette.{name}"), partial(screen.run_command, name)
                    )

    def _language_commands(self) -> Iterable[SystemCommand]:
        from assistant.versions import name

        texts = self.texts
        for code in available_languages():
            if code != self.language:
                yield SystemCommand(
                    texts("palette.language_title", name=load_texts(code).name),
                    texts("palette.language", name=name(code, texts)),
                    partial(self.set_language, code),
                )

    def _version_commands(self, chat: Any) -> Iterable[SystemCommand]:
        from assistant.versions import label, name

        texts = self.texts
        answers = chat.session.result()
        for code in chat.version_choices():
            version = label(code, answers, texts)
            yield SystemCommand(
                texts("palette.version_title", name=version),
                texts("palette.version", name=name(code, texts)),
                partial(chat.show_version, code),
            )

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.texts("palette.search")))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=self.texts("palette.search_themes"))
        )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK
