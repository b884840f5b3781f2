"""The Textual app: what the screens share (the language and its texts, drafts, the clause library), and
which screen shows when.

The screens never open one another. The chat shows a conversation (assistant.conversation); the app
opens the summary when the conversation reaches it, the preview, the export dialog and the language
list when a screen's action asks for them, and hands each result back to the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import os
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from platformdirs import user_documents_path
from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.driver import Driver
from textual.geometry import Size
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from assistant import pasting
from assistant.bindings import labelled
from assistant.conversation.controller import Conversation
from assistant.conversation.state import Position
from assistant.draft_errors import said
from assistant.drafting import PolicyDrafter, PolicyNotReady
from assistant.keeper import DraftKeeper
from assistant.memory import IDLE, MEMORY
from assistant.palette import PaletteCommands
from assistant.screens.chat import ChatScreen
from assistant.screens.too_small import MINIMUM, TooSmallScreen, at_least, too_small
from assistant.serving import delivery
from assistant.texts import REFERENCE, UiTexts, available_languages, check_needed, load_texts
from dialogue.drafts import DraftError, DraftStore
from dialogue.flow import SUMMARY
from dialogue.loader import load_interview
from dialogue.model import Interview
from dialogue.session import Session

if TYPE_CHECKING:
    from assistant.exporting import ExportRequest
    from assistant.screens.start import StartScreen
    from assistant.screens.summary import Choice
    from assistant.widgets.open_elsewhere import Opening

# The screens the chat does not show first (the start screen, the summary, the full preview, the language
# list, the dialog about a draft open elsewhere) are imported when first opened: with the side preview
# and the modules they share, about 6 ms of the start (docs/decisions.md, "Start-up").

HANG_UP_GRACE = 2.0  # seconds the app has to end by itself after a hang-up (SIGHUP) or SIGTERM


def default_export_folder() -> Path:
    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


class PolicyAssistant(PaletteCommands, App[None], inherit_bindings=False):
    """Interviews an HR person and drafts a social media policy; drafts are saved after every answer."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        labelled("ctrl+l", "language", "keys.language", priority=True),
        labelled("ctrl+q", "quit", "keys.quit", priority=True),
        # Ctrl+C quits too (nothing is lost), as people expect in a terminal; Ctrl+Q is the one shown.
        labelled("ctrl+c", "quit", priority=True),
    ]

    # The texts of the language the user talks in: the screens bind to it.
    texts: var[UiTexts] = var(lambda: load_texts(REFERENCE))

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
        interview: Interview | None = None,
    ) -> None:
        super().__init__()
        # Every language file is read (and checked) now, so a broken one stops the start with its
        # name and key rather than a crash on switching; each is read once per process anyway.
        for code in available_languages():
            load_texts(code)
        check_needed(load_texts(REFERENCE))
        self.language = language
        self.texts = load_texts(language)
        self.store = store or DraftStore()
        self.store.hold_drafts()  # a draft open here is never overwritten from another window
        self.keeper = DraftKeeper(self.store, clock, alongside=True)
        self.drafter = drafter or PolicyDrafter()
        self.conversation: Conversation | None = None
        self._interview = interview
        self._export_folder = export_folder
        self._resume = resume
        self._new = new
        self._label()

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        pasting.install()  # a paste is read whole, whatever it holds (assistant.pasting)
        return driver

    def _label(self) -> None:
        self.title = self.texts("app.title")
        self.sub_title = self.texts("app.subtitle")

    @property
    def interview(self) -> Interview:
        return self._interview or load_interview()

    @property
    def export_folder(self) -> Path:
        if self._export_folder is None:
            self._export_folder = default_export_folder()
        return self._export_folder

    def offer_downloads(self, files: Sequence[Path]) -> bool:
        """In a browser (`policy-assistant serve`), each exported file becomes a download."""
        return delivery.offer_downloads(self, files)

    # --- the language we talk in -----------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """Talk in `code` from now on: every screen words itself in it; the conversation keeps every
        answer and is told again."""
        if code == self.language or code not in available_languages():
            return
        self.language = code
        self.texts = load_texts(code)  # the screens bind to it
        self._label()
        if self.conversation is not None:
            self.conversation.set_language(code)
        self.refresh_bindings()

    def action_set_language(self, code: str) -> None:
        self.set_language(code)

    def action_language(self) -> None:
        """Choose the language from a list (Ctrl+L, /language)."""

        def chosen(code: str | None) -> None:
            if code:
                self.set_language(code)

        from assistant.screens.language import LanguageDialog  # when first opened (see the imports)

        self.push_screen(LanguageDialog(self.texts), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the window is too small only quitting works: nothing else could be drawn.
        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        # Not over a dialog: it would be left in the old language, or a second list opened on the first.
        return not (action == "language" and isinstance(self.screen, ModalScreen))

    # --- a window too small to draw in ---------------------------------------------------------------

    @property
    def size(self) -> Size:
        """The size the screens are laid out in: never below MINIMUM, whatever the terminal's."""
        return at_least(super().size)

    def _fit(self, size: Size) -> None:
        """Cover the screens while the terminal is smaller than MINIMUM; uncover them when it is not."""
        covered = isinstance(self.screen, TooSmallScreen)
        if too_small(size) and not covered:
            message = self.texts("app.too_small", width=MINIMUM.width, height=MINIMUM.height)
            self.push_screen(TooSmallScreen(message))
        elif covered and not too_small(size):
            self.pop_screen()

    # --- screens -------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The first screen: the draft asked for, the start screen when there are drafts, else a new chat."""
        if self._resume:
            if self.store.holder(self._resume) is not None:
                self.call_later(self._open_draft, self._resume)  # asks first, over the start screen
                return self._start_screen()
            try:
                return self._resumed(self._resume)
            except DraftError as error:
                problem = said(error, self.texts)
                self.call_later(self.notify, problem, severity="error", timeout=10, markup=False)
                return self._start_screen()
        if not self._new and self.store.list():
            return self._start_screen()
        return self._chat(Session.start(self.interview, self.language))

    def _start_screen(self) -> Screen:
        from assistant.screens.start import StartScreen  # when there are drafts (see the imports)

        return StartScreen(self.store)

    def _chat(self, session: Session, *, resumed: bool = False, saved: datetime | None = None) -> ChatScreen:
        conversation = Conversation(self, session, resumed=resumed, saved_at=saved)
        self.conversation = conversation
        self.watch(conversation, "position", self._follow, init=False)
        return ChatScreen(conversation)

    def _resumed(self, draft_id: str, *, copy: bool = False) -> ChatScreen:
        """The chat of a draft (or of a new copy of it); DraftError (with the file and the reason) when
        it cannot be read."""
        session = self.store.load(draft_id, self.interview)
        if copy:
            session.draft_id = None
            self.keeper.save(session)  # the copy is a draft of its own at once, with its own id
        else:
            self.store.claim(draft_id)
        # The draft goes on in the language it was written in.
        if session.language in available_languages():
            self.set_language(session.language)
        else:
            session.set_language(self.language)
        saved = next((draft.saved for draft in self.store.list() if draft.id == draft_id), None)
        return self._chat(session, resumed=True, saved=saved)

    # StartScreen.NewPolicy and .ResumeDraft, by name: `on(StartScreen...)` would import the screen.
    def on_start_screen_new_policy(self) -> None:
        self.push_screen(self._chat(Session.start(self.interview, self.language)))

    def on_start_screen_resume_draft(self, message: StartScreen.ResumeDraft) -> None:
        self._open_draft(message.draft_id)

    def _open_draft(self, draft_id: str, choice: Opening | None = None) -> None:
        """Open a draft; when another window has it open, ask first: a copy, take it over, or cancel."""
        from assistant.screens.start import StartScreen
        from assistant.widgets.open_elsewhere import OpenElsewhereDialog

        holder = self.store.holder(draft_id) if choice is None else None
        if holder is not None:
            dialog = OpenElsewhereDialog(self.texts, holder.pid, holder.host)
            self.push_screen(dialog, lambda chosen: chosen and self._open_draft(draft_id, chosen))
            return
        if choice == "take_over":
            self.store.take_over(draft_id)
        try:
            chat = self._resumed(draft_id, copy=choice == "copy")
        except DraftError as error:
            if isinstance(self.screen, StartScreen):
                self.screen.resume_failed(error)
            return
        self.push_screen(chat)

    def _follow(self, position: Position | None) -> None:
        """The conversation reached the summary: show it (unless it shows already)."""
        conversation = self.conversation
        if position is None or conversation is None or position.state != SUMMARY:
            return
        from assistant.screens.summary import SummaryScreen  # when first opened (see the imports)

        if not any(isinstance(screen, SummaryScreen) for screen in self.screen_stack):
            self.push_screen(SummaryScreen(conversation, focus=conversation.last_edit), self._summary_closed)
            conversation.last_edit = None

    def _summary_closed(self, choice: Choice | None) -> None:
        conversation = self.conversation
        assert conversation is not None
        action, argument = choice or ("close", None)
        if action == "edit" and argument:
            conversation.edit(argument)
        elif action == "continue":
            conversation.continue_()
        elif action == "finish":
            if conversation.finish():
                self.action_export()
        else:
            conversation.summary_closed()

    def action_preview(self) -> None:
        """The policy as it reads now, full screen."""
        from assistant.screens.preview import PreviewScreen  # when first opened (see the imports)

        if self.conversation is not None and not isinstance(self.screen, PreviewScreen):
            self.push_screen(PreviewScreen(self.conversation))

    def action_export(self) -> None:
        """The export dialog; while questions are open, say how many need an answer first."""
        conversation = self.conversation
        if conversation is None:
            return
        if conversation.export_blocked():
            if not isinstance(self.screen, ChatScreen):
                self.notify(conversation.exports.not_ready() or "", severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                conversation.exports.run(request)

        # Imported when first opened, with the exports (assistant.conversation.controller says why).
        from assistant.screens.export import ExportDialog

        self.push_screen(ExportDialog(conversation.exports.offer()), chosen)

    # --- warming up after the first question is on screen --------------------------------------

    def warm_up(self) -> None:
        """Compile the interview's conditions and load the clause library in a worker, then settle
        memory, while the user reads."""
        self.run_worker(self._load_library, thread=True, group="library", exit_on_error=False)

    def _load_library(self) -> None:
        self.interview.compile_conditions()  # the first answer then evaluates them at once
        # The readers of typed words, ready for the first typed answer (Session.answer_text says why).
        importlib.import_module("dialogue.interpret").prepare(self.interview)
        with contextlib.suppress(PolicyNotReady):  # the preview says so when it is asked for
            self.drafter.library()
        self.call_from_thread(MEMORY.settle)

    # --- quitting without losing anything ------------------------------------------------------------

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        # The draft is written while the next frame is laid out; the frame waits for it here, so
        # nothing reaches the screen before the answers it shows reach the disk (assistant.keeper).
        self.keeper.wait()
        super()._display(screen, renderable)

    def on_unmount(self) -> None:
        self.keeper.close()  # the last write finished before the draft is let go
        self.store.release_all()  # the drafts this window had open are free for another

    def on_mount(self) -> None:
        self._fit(self.size)  # started in a window already too small
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
                loop.add_signal_handler(code, self._hang_up, code)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            MEMORY.touched()
        elif isinstance(event, events.Resize):
            # Below MINIMUM the screens are laid out at least MINIMUM wide (the terminal cuts the rest)
            # under one line that says so: at a width near zero, wrapping raised ValueError (item 8).
            self._fit(event.size)
            if too_small(event.size):
                # A Resize as such (a subclass would reach no resize handler: they go by class name).
                event = events.Resize(
                    at_least(event.size), at_least(event.virtual_size), at_least(event.container_size)
                )
        await super().on_event(event)

    def _hang_up(self, code: int) -> None:
        """The terminal closed or the app was told to stop: exit (every answer is already saved).

        A worker thread still at work (the clause library loads for seconds after start) would keep
        the process alive after the app has stopped, with nobody to see it: after HANG_UP_GRACE
        seconds the process ends regardless (issue 14, item 5)."""
        self.keeper.settle()
        self.store.release_all()  # before anything that could be cut short
        self.exit()
        watchdog = threading.Timer(HANG_UP_GRACE, os._exit, args=(128 + code,))
        watchdog.daemon = True
        watchdog.start()

    async def action_quit(self) -> None:
        self.exit()
