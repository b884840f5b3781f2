"""The draft chosen is open in another window: open a copy, take it over, or cancel (issue 14, item 6)."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.texts import UiTexts

Opening = Literal["copy", "take_over"]


class OpenElsewhereDialog(ModalScreen[Opening | None]):
    """Dismissed with "copy", "take_over", or None (Escape, Cancel). A copy is the choice in focus: it
    is the one that can never cost the other window anything."""

    CSS_PATH = "../dialogs.tcss"  # its rules, read when it is first shown (app.tcss says why)

    DEFAULT_CSS = "OpenElsewhereDialog { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, texts: UiTexts, pid: int, host: str) -> None:
        super().__init__()
        self._texts, self._pid, self._host = texts, pid, host

    def compose(self) -> ComposeResult:
        t = self._texts
        with Vertical(id="open-elsewhere-dialog", classes="dialog"):
            yield Static(Content(t("open_elsewhere.title")), classes="dialog-title")
            yield Static(
                Content(t("open_elsewhere.body", pid=self._pid, host=self._host)), id="open-elsewhere-body"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("open_elsewhere.cancel"), id="cancel")
                yield Button(t("open_elsewhere.take_over"), id="take_over", variant="warning")
                yield Button(t("open_elsewhere.copy"), id="copy", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("copy", "take_over") else None)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)
