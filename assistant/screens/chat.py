"""The chat: the conversation and the answer box, with the policy beside them from 120 columns.

It shows a conversation (assistant.conversation) and hands it what the user does; everything else (the
summary, the full-screen preview, the export dialog, the language list) is the app's to open.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from assistant.bindings import Labelled, labelled, stand_ins
from assistant.conversation.controller import Conversation
from assistant.conversation.narration import Line
from assistant.conversation.state import Position, SaveState
from assistant.languages import choices_line, talk_language_named
from assistant.texts import UiTexts, texts_of
from assistant.typed import Command
from assistant.widgets.answer_dock import AnswerDock
from assistant.widgets.footer import KeysFooter
from assistant.widgets.transcript import Bubble, Transcript, heard, said, section
from dialogue.session import Session

if TYPE_CHECKING:
    from assistant.widgets.preview import PolicyPreview
    from clauses.model import Document

WIDE = 120  # columns from which the policy shows beside the conversation


class ChatScreen(Labelled, Screen[None]):
    """One conversation, as a chat."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *stand_ins(
            labelled("ctrl+b", "back", "keys.back"),
            labelled("ctrl+n", "skip", "keys.skip"),
            labelled("f1", "why", "keys.why"),
            labelled("ctrl+r", "summary", "keys.summary"),
            labelled("ctrl+t", "preview", "keys.preview"),
            labelled("ctrl+o", "export", "keys.export"),
        ),
        # Not in the footer, so it fits 80 columns in every language: the draft is saved after every
        # answer anyway, and the top line says when.
        labelled("ctrl+s", "save"),
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    # Textual repaints the whole screen when the focus moves (from the list to the text field when a
    # question wants words): every widget of the chat drawn again, 2 to 5 ms of an answer's time. The
    # widgets whose look follows the focus restyle and refresh themselves (Screen._update_focus_styles),
    # so nothing else needs painting (docs/decisions.md, "Answers stay fast").
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conversation = conversation
        self._shown: tuple[Line, ...] = ()  # the lines the transcript shows
        self._side_preview: PolicyPreview | None = None
        self._side = Vertical(id="side")  # where the side preview goes, mounted or not

    @property
    def session(self) -> Session:
        return self.conversation.session

    @property
    def texts(self) -> UiTexts:
        return texts_of(self.app)

    # --- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        texts = self.texts
        with Horizontal(id="top-bar"):
            yield Static(Content(texts("app.title")), id="app-title")
            yield Static(id="progress")
            yield Static(id="save-status")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield Transcript(id="transcript")
                yield AnswerDock(id="dock")
            # The preview has a container of its own: Textual redraws every widget whose container
            # overlaps what changed, and in the body's it was drawn again after every answer
            # (docs/decisions.md, "What a frame draws").
            with self._side:
                if self.app.size.width >= WIDE:
                    self._side_preview = self._new_side_preview()
                    yield self._side_preview
        yield KeysFooter()

    def _new_side_preview(self) -> PolicyPreview:
        # In a narrower window the side preview is hidden, and is mounted after the first question is on
        # screen (side_preview): importing, building and styling it took about 5 ms of the start, with
        # the screens the app opens later (assistant.app; docs/decisions.md, "Start-up").
        from assistant.widgets.preview import PolicyPreview, preview_labels

        preview = PolicyPreview(preview_labels(self.texts), id="side-preview")
        preview.border_title = self.texts("preview.title")
        return preview

    # Looked up once: each answer asked for them several times, and a query walks the screen.
    @cached_property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @cached_property
    def dock(self) -> AnswerDock:
        return self.query_one(AnswerDock)

    @property
    def side_preview(self) -> PolicyPreview:
        """The policy beside the conversation. Below WIDE columns it is hidden, and mounted after the
        first question is on screen or when first asked for, whichever comes first."""
        if self._side_preview is None:
            self._side_preview = self._new_side_preview()
            self._side_preview.show_message(self.texts("preview.waiting"))
            self._mount_side_preview()
        return self._side_preview

    def _mount_side_preview(self) -> None:
        side = self._side
        if not side.is_mounted:  # asked for before the first frame
            self.call_after_refresh(self._mount_side_preview)
        elif side.is_attached and self._side_preview is not None and self._side_preview.parent is None:
            side.mount(self._side_preview)  # (not attached: the screen is closing)

    def on_mount(self) -> None:
        conversation = self.conversation
        if self._side_preview is not None:  # composed
            self._side_preview.show_message(self.texts("preview.waiting"))
        else:
            self.call_after_refresh(lambda: self.side_preview)  # mounted, unless asked for already
        self.watch(conversation, "transcript", self._show_lines)
        self.watch(conversation, "position", self._show_position)
        self.watch(conversation, "save_state", self._show_save_state)
        self.watch(conversation.policy, "document", self._show_policy, init=False)
        self.watch(self.app, "texts", self._relabel, init=False)
        conversation.start()
        self.call_after_refresh(conversation.policy.request)
        # The long-answer box, hidden, once the first question is on screen: mounted on first use, it
        # added about 10 ms to the answer before the first long question (docs/decisions.md).
        self.call_after_refresh(self._prepare_long_answer)

    def _prepare_long_answer(self) -> None:
        dock = self.dock
        if dock.is_mounted and dock.is_attached:  # (not attached: the screen is closing)
            dock.long_answer  # noqa: B018  (mounts it, hidden)

    def on_unmount(self) -> None:
        self.conversation.close()

    # --- showing the conversation -------------------------------------------------------------------

    def _show_lines(self, lines: tuple[Line, ...]) -> None:
        shown = self._shown
        if len(lines) < len(shown) or (shown and lines[len(shown) - 1] is not shown[-1]):
            self.transcript.clear()  # told again (another language): show it all anew
            shown = ()
        texts = self.texts
        messages: list[Bubble] = []
        for line in lines[len(shown) :]:
            if line.speaker == "user":
                messages.append(heard(texts("chat.you"), line.text))
            elif line.speaker == "section":
                messages.append(section(line.text))
            else:
                speaker = texts("chat.assistant")
                messages.append(said(speaker, line.text, hint=line.hint, variant=line.variant))
        self.transcript.add(messages)  # all that was said, in one frame (docs/decisions.md)
        self._shown = lines

    def _show_position(self, position: Position | None) -> None:
        if position is None:
            return
        self.refresh_bindings()
        self.query_one("#progress", Static).update(Content(position.progress))
        if position.prompt is not None:
            self.dock.ask(position.prompt)
        else:
            self.dock.idle(self.texts("chat.placeholder_idle"), self.texts("chat.help_line"))

    def _show_save_state(self, state: SaveState) -> None:
        status = self.query_one("#save-status", Static)
        if state.failed:
            said = self.texts("status.not_saved")
        elif state.at is not None:
            said = self.texts("status.saved", time=_local(state.at).strftime("%H:%M"))
        else:
            return
        # Updated only when it changes: the status sits at the far right, so redrawing it made Textual
        # draw everything between it and the chat, the side preview included, after every answer
        # (docs/decisions.md, "What a frame draws").
        if str(status.content) != said:
            status.update(Content(said))

    def _show_policy(self, document: Document | None) -> None:
        policy = self.conversation.policy
        if document is None:
            self.side_preview.show_message(policy.problem or "")
        else:
            self.side_preview.show_document(document)
        self.side_preview.border_title = policy.title()

    def on_policy_preview_updated(self, event: PolicyPreview.Updated) -> None:
        # By name: `on(PolicyPreview.Updated)` would import the preview before the first question.
        if event.preview.id != "side-preview":
            return
        rendered = event.rendered
        event.preview.border_subtitle = self.conversation.policy.caption(
            rendered.words, len(rendered.changed)
        )

    def _relabel(self, texts: UiTexts) -> None:
        """Everything this screen words itself in the new language (the conversation tells itself again)."""
        self.refresh_bindings()
        self.query_one("#app-title", Static).update(Content(texts("app.title")))
        if self._side_preview is not None:  # else it is mounted in this language
            from assistant.widgets.preview import preview_labels

            self.side_preview.relabel(preview_labels(texts))
            self.side_preview.border_title = self.conversation.policy.title()
        self._show_save_state(self.conversation.save_state)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide skip where the question cannot be skipped; grey back out where there is nothing before."""
        position = self.conversation.position
        if action == "skip":
            return position is not None and position.can_skip
        if action == "back":
            return True if position is not None and position.can_back else None
        return True

    # --- what the user does --------------------------------------------------------------------------

    @on(AnswerDock.Picked)
    def _picked(self, event: AnswerDock.Picked) -> None:
        self.conversation.pick(event.value)

    @on(AnswerDock.Typed)
    async def _typed(self, event: AnswerDock.Typed) -> None:
        reply = self.conversation.submit(event.text)
        if reply.clear:
            self.dock.prefill("")
        if reply.problem:
            self.dock.show_problem(reply.problem)
        if reply.command is not None:
            await self.run_command(reply.command)

    async def run_command(self, command: Command) -> None:
        """A typed command ("/back", "/language nl"): the action of the same name, with its argument."""
        action = f"{command.name}({command.argument!r})" if command.argument else command.name
        if not await self.app.run_action(action, self):
            # Refused here (nothing before to go back to, a question that cannot be skipped): typed, it
            # gets an answer, which the conversation gives for every move it cannot make.
            refused = {"back": self.conversation.back, "skip": self.conversation.skip}.get(command.name)
            if refused is not None:
                refused()

    def action_back(self) -> None:
        self.conversation.back()

    def action_skip(self) -> None:
        self.conversation.skip()

    def action_why(self) -> None:
        self.conversation.why()

    def action_help(self) -> None:
        self.conversation.help()

    def action_save(self) -> None:
        self.conversation.save()

    def action_summary(self) -> None:
        self.conversation.review()  # the app opens the summary when the conversation is there

    def action_continue(self) -> None:
        if self.session.current is not None:
            self.dock.focus_answer()
        else:
            self.conversation.continue_()

    async def action_finish(self) -> None:
        if self.conversation.finish():
            await self.app.run_action("export")

    async def action_preview(self, version: str = "") -> None:
        """The policy full screen; `/preview fr` shows its French version (beside the chat if it fits)."""
        if version and not self.conversation.choose_version(version):
            return
        if not version or not self.side_preview.display:
            await self.app.run_action("preview")

    async def action_export(self) -> None:
        await self.app.run_action("export")

    async def action_language(self, named: str = "") -> None:
        """/language alone opens the list; /language nl (or Nederlands, Dutch...) switches at once."""
        if not named:
            await self.app.run_action("language")
            return
        code = talk_language_named(named)
        if code is None:
            self.conversation.say_problem(self.texts("language.unknown", typed=named, choices=choices_line()))
            return
        await self.app.run_action(f"set_language({code!r})")

    async def action_quit(self) -> None:
        await self.app.run_action("quit")


def _local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo else moment
