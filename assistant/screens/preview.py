"""The policy preview on its own screen, for terminals narrower than 120 columns (or to read at ease)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from assistant.keys import PREVIEW_KEYS, bind_keys
from assistant.messages import LanguageChanged
from assistant.widgets.footer import KeysFooter
from assistant.widgets.preview import PolicyPreview

if TYPE_CHECKING:
    from assistant.screens.chat import ChatScreen


class PreviewScreen(Screen[None]):
    def __init__(self, chat: ChatScreen) -> None:
        super().__init__()
        self.chat = chat
        bind_keys(self, PREVIEW_KEYS, chat.assistant.texts)

    def compose(self) -> ComposeResult:
        from assistant.screens.chat import preview_labels

        with Horizontal(id="top-bar"):
            yield Static(Content(self.chat.preview_title()), id="app-title")
            yield Static(id="progress")
        yield PolicyPreview(preview_labels(self.chat.assistant), id="full-preview")
        yield KeysFooter()

    @property
    def preview(self) -> PolicyPreview:
        return self.query_one("#full-preview", PolicyPreview)

    def on_mount(self) -> None:
        preview = self.preview
        preview.focus()
        if self.chat.document is not None:
            preview.show_document(self.chat.document, previous=self.chat.previous_document)
        else:
            preview.show_message(self.chat.preview_problem or self.chat.t("preview.waiting"))

    @on(PolicyPreview.Updated)
    def _updated(self, event: PolicyPreview.Updated) -> None:
        self.query_one("#progress", Static).update(Content(self.chat.preview_caption(event.rendered)))

    def show_title(self, title: str) -> None:
        """The title names the language version shown ("Policy preview · Dutch (required)")."""
        self.query_one("#app-title", Static).update(Content(title))

    def on_language_changed(self, message: LanguageChanged) -> None:
        bind_keys(self, PREVIEW_KEYS, self.chat.assistant.texts)
        self.refresh_bindings()
        self.show_title(self.chat.preview_title())

    def action_next_version(self) -> None:
        """Show the policy in its next language version: the required ones first, then the others."""
        self.chat.next_version()

    def action_close(self) -> None:
        self.dismiss(None)
