"""The summary: every answer, grouped by section; choose one to change it, continue, finish or export."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from assistant.answers import summary
from assistant.bindings import Labelled, labelled, stand_ins
from assistant.conversation.controller import Conversation
from assistant.conversation.prompts import progress_text
from assistant.texts import UiTexts, texts_of
from assistant.widgets.footer import KeysFooter
from assistant.widgets.pointer_list import PointerList

Choice = tuple[str, str | None]


class SummaryScreen(Labelled, Screen[Choice]):
    """Dismissed with ("edit", question id), ("continue", None), ("finish", None) or ("close", None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        labelled("enter", "edit", "keys.edit"),
        labelled("c", "continue", "keys.continue"),
        labelled("f", "finish", "keys.finish"),
        *stand_ins(labelled("ctrl+t", "app.preview", "keys.preview")),
        labelled("ctrl+o", "app.export", "keys.export"),
        labelled("escape", "close", "keys.close"),
    ]
    # What each button does: the preview and the export are the app's to open, over the summary.
    BUTTONS: ClassVar[dict[str, str]] = {
        "continue": "continue",
        "finish": "finish",
        "preview": "app.preview",
        "export": "app.export",
    }

    def __init__(self, conversation: Conversation, focus: str | None = None) -> None:
        super().__init__()
        self.conversation = conversation
        self.session = conversation.session
        self._focus = focus

    @property
    def texts(self) -> UiTexts:
        return texts_of(self.app)

    def compose(self) -> ComposeResult:
        texts = self.texts
        with Horizontal(id="top-bar"):
            yield Static(Content(texts("summary.title")), id="app-title")
            yield Static(Content(progress_text(self.session, texts)), id="progress")
        yield PointerList(id="answers")
        open_count = self.session.open_count
        status = (
            texts("summary.open_questions", count=open_count) if open_count else texts("summary.complete")
        )
        yield Static(Content(f"{status} {texts('summary.help')}"), id="summary-status")
        with Horizontal(id="summary-actions"):
            if open_count:
                yield Button(texts("summary.continue"), id="continue", variant="primary")
            else:
                yield Button(texts("summary.finish"), id="finish", variant="primary")
            yield Button(texts("summary.preview"), id="preview")
            yield Button(texts("summary.export"), id="export")
        yield KeysFooter()

    def _entries(self) -> list[tuple[Content, str | None, bool]]:
        texts = self.texts
        entries: list[tuple[Content, str | None, bool]] = []
        for section in summary(self.session, self.session.language):
            entries.append((Content.styled(f"── {section.title} ──", "bold"), None, True))
            for line in section.lines:
                if line.skipped:
                    answer: str | tuple[str, str] = (texts("summary.skipped"), "italic")
                elif line.returned is not None:
                    answer = (texts("summary.returned", answer=line.returned), "italic")
                elif line.suggested is not None:
                    suggested = texts("summary.suggested", origin=line.origin, answer=line.suggested)
                    answer = (suggested, "italic")
                elif line.answer is None:
                    answer = (texts("summary.not_answered"), "italic")
                else:
                    answer = line.answer
                entries.append((Content.assemble(line.text, "\n", "→ ", answer), line.question.id, False))
        return entries

    def on_mount(self) -> None:
        self._show_answers()
        self.watch(self.app, "texts", self._relabel, init=False)

    def _show_answers(self) -> None:
        answers = self.query_one("#answers", PointerList)
        answers.show(self._entries())
        answers.focus()
        first_open = self.session.first_open()
        target = self._focus or (first_open.id if first_open else None)
        index = None
        if target is not None:
            try:
                index = answers.get_option_index(target)
            except OptionDoesNotExist:
                index = None
        if index is None:
            index = next((i for i, option in enumerate(answers.options) if not option.disabled), None)
        answers.highlighted = index

    async def _relabel(self) -> None:
        """The questions, answers and buttons in the new language; the chosen answer stays chosen."""
        option = self.query_one("#answers", OptionList).highlighted_option
        self._focus = option.id if option is not None else self._focus
        await self.recompose()
        self._show_answers()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer continue while questions are open, finish once none are."""
        if action == "continue":
            return self.session.open_count > 0
        if action == "finish":
            return self.session.open_count == 0
        return True

    @on(OptionList.OptionSelected, "#answers")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("edit", event.option.id))

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        await self.run_action(self.BUTTONS[event.button.id or ""])

    def action_edit(self) -> None:
        option = self.query_one("#answers", OptionList).highlighted_option
        if option is not None and option.id:
            self.dismiss(("edit", option.id))

    def action_continue(self) -> None:
        if self.session.open_count:
            self.dismiss(("continue", None))
        else:
            self.notify(self.texts("summary.complete"))

    def action_finish(self) -> None:
        if self.session.open_count:
            self.notify(self.texts("summary.cannot_finish"), severity="warning")
            return
        self.dismiss(("finish", None))

    def action_close(self) -> None:
        self.dismiss(("close", None))
