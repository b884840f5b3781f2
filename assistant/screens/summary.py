"""The summary: every answer, grouped by section; choose one to change it, continue, finish or export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from assistant import conversation
from assistant.answers import summary
from assistant.keys import SUMMARY_KEYS, bind_keys
from assistant.messages import LanguageChanged
from assistant.widgets.footer import KeysFooter
from assistant.widgets.pointer_list import PointerList

if TYPE_CHECKING:
    from assistant.screens.chat import ChatScreen

Choice = tuple[str, str | None]


class SummaryScreen(Screen[Choice]):
    """Dismissed with ("edit", question id), ("continue", None), ("finish", None) or ("close", None)."""

    def __init__(self, chat: ChatScreen, focus: str | None = None) -> None:
        super().__init__()
        self.chat = chat
        self.session = chat.session
        self._focus = focus
        bind_keys(self, SUMMARY_KEYS, chat.assistant.texts)

    def t(self, key: str, **values: object) -> str:
        return self.chat.t(key, **values)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(Content(self.t("summary.title")), id="app-title")
            yield Static(
                Content(conversation.progress_text(self.session, self.chat.assistant.texts)), id="progress"
            )
        yield PointerList(id="answers")
        open_count = self._open_count()
        status = (
            self.t("summary.open_questions", count=open_count) if open_count else self.t("summary.complete")
        )
        yield Static(Content(f"{status} {self.t('summary.help')}"), id="summary-status")
        with Horizontal(id="summary-actions"):
            if open_count:
                yield Button(self.t("summary.continue"), id="continue", variant="primary")
            else:
                yield Button(self.t("summary.finish"), id="finish", variant="primary")
            yield Button(self.t("summary.preview"), id="preview")
            yield Button(self.t("summary.export"), id="export")
        yield KeysFooter()

    def _open_count(self) -> int:
        return self.session.open_count

    def _entries(self) -> list[tuple[Text, str | None, bool]]:
        entries: list[tuple[Text, str | None, bool]] = []
        for section in summary(self.session, self.session.language):
            entries.append((Text(f"── {section.title} ──", style="bold"), None, True))
            for line in section.lines:
                if line.skipped:
                    answer: str | tuple[str, str] = (self.t("summary.skipped"), "italic")
                elif line.answer is None:
                    answer = (self.t("summary.not_answered"), "italic")
                else:
                    answer = line.answer
                entries.append((Text.assemble(line.text, "\n", "→ ", answer), line.question.id, False))
        return entries

    def on_mount(self) -> None:
        answers = self.query_one("#answers", PointerList)
        answers.show(self._entries())
        answers.focus()
        target = self._focus or (self.session.first_open().id if self.session.first_open() else None)
        index = None
        if target is not None:
            try:
                index = answers.get_option_index(target)
            except OptionDoesNotExist:
                index = None
        if index is None:
            index = next((i for i, option in enumerate(answers.options) if not option.disabled), None)
        answers.highlighted = index

    async def on_language_changed(self, message: LanguageChanged) -> None:
        """The questions, answers and buttons in the new language; the chosen answer stays chosen."""
        bind_keys(self, SUMMARY_KEYS, self.chat.assistant.texts)
        option = self.query_one("#answers", OptionList).highlighted_option
        self._focus = option.id if option is not None else self._focus
        await self.recompose()
        self.on_mount()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer continue while questions are open, finish once none are."""
        if action == "continue":
            return self._open_count() > 0
        if action == "finish":
            return self._open_count() == 0
        return True

    @on(OptionList.OptionSelected, "#answers")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("edit", event.option.id))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.run_action_now(event.button.id or "")

    def run_action_now(self, name: str) -> None:
        action = getattr(self, f"action_{name}", None)
        if action is not None:
            action()

    def action_edit(self) -> None:
        answers = self.query_one("#answers", OptionList)
        option = answers.highlighted_option
        if option is not None and option.id:
            self.dismiss(("edit", option.id))

    def action_continue(self) -> None:
        if self._open_count():
            self.dismiss(("continue", None))
        else:
            self.notify(self.t("summary.complete"))

    def action_finish(self) -> None:
        if self._open_count():
            self.notify(self.t("summary.cannot_finish"), severity="warning")
            return
        self.dismiss(("finish", None))

    def action_preview(self) -> None:
        self.chat.action_preview()

    def action_export(self) -> None:
        self.chat.action_export()

    def action_close(self) -> None:
        self.dismiss(("close", None))
