"""The policy preview on its own screen, for terminals narrower than 120 columns (or to read at ease)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from assistant.bindings import Labelled, labelled
from assistant.conversation.controller import Conversation
from assistant.texts import UiTexts, texts_of
from assistant.widgets.footer import KeysFooter
from assistant.widgets.preview import PolicyPreview, preview_labels
from clauses.model import Document


class PreviewScreen(Labelled, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        labelled("escape,ctrl+t,f2", "close", "keys.close"),
        labelled("v", "next_version", "keys.version"),
    ]

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.policy = conversation.policy

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(Content(self.policy.title()), id="app-title")
            yield Static(id="progress")
        yield PolicyPreview(preview_labels(texts_of(self.app)), id="full-preview")
        yield KeysFooter()

    @property
    def preview(self) -> PolicyPreview:
        return self.query_one("#full-preview", PolicyPreview)

    def on_mount(self) -> None:
        preview = self.preview
        preview.focus()
        policy = self.policy
        if policy.document is not None:
            preview.show_document(policy.document, previous=policy.previous)
        else:
            preview.show_message(policy.problem or texts_of(self.app)("preview.waiting"))
        self.watch(policy, "document", self._show, init=False)
        self.watch(self.app, "texts", self._relabel, init=False)

    def _show(self, document: Document | None) -> None:
        if document is None:
            self.preview.show_message(self.policy.problem or "")
        else:
            self.preview.show_document(document)
        self._show_title()

    def _show_title(self) -> None:
        """The title names the language version shown ("Policy preview · Dutch (required)")."""
        self.query_one("#app-title", Static).update(Content(self.policy.title()))

    @on(PolicyPreview.Updated)
    def _updated(self, event: PolicyPreview.Updated) -> None:
        caption = self.policy.caption(event.rendered.words, len(event.rendered.changed))
        self.query_one("#progress", Static).update(Content(caption))

    def _relabel(self, texts: UiTexts) -> None:
        self.refresh_bindings()
        self.preview.relabel(preview_labels(texts))
        self._show_title()

    def action_next_version(self) -> None:
        """Show the policy in its next language version: the required ones first, then the others."""
        self.policy.next_version()

    def action_close(self) -> None:
        self.dismiss(None)
