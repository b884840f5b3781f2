"""Choosing the language we talk in: each language named in itself, the current one highlighted."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant import versions
from assistant.texts import UiTexts, available_languages, load_texts
from assistant.widgets.choices import ChoiceList


class LanguageDialog(ModalScreen[str | None]):
    """Dismissed with the chosen language's code, or None (Escape) to keep the current one."""

    CSS_PATH = "../dialogs.tcss"  # its rules, read when it is first shown (app.tcss says why)

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, texts: UiTexts) -> None:
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical(id="language-dialog", classes="dialog"):
            yield Static(Content(self.texts("language.choose_title")), classes="dialog-title")
            choices = ChoiceList(id="languages")
            current = versions.name(self.texts.code, self.texts)  # "le français", not "le Français"
            choices.border_subtitle = self.texts("language.choose_help", name=current)
            yield choices

    def on_mount(self) -> None:
        choices = self.query_one("#languages", ChoiceList)
        entries = [(code, load_texts(code).name) for code in available_languages()]
        choices.offer(entries, selected=self.texts.code)
        choices.focus()

    @on(ChoiceList.Chosen, "#languages")
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.dismiss(str(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
