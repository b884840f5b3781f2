"""Textual's footer, rebuilt only when the keys it shows change.

The stock footer recomposes all its keys whenever the bindings *might* have changed, which includes every
focus change: in the chat, after every answer (docs/decisions.md).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self, **options: Any) -> None:
        options.setdefault("show_command_palette", False)
        options.setdefault("compact", True)  # one column less per key: every key fits 80 columns
        super().__init__(**options)
        self._shown: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        if screen.app.app_focus:
            self._shown = shown  # remembered only once it is really shown
        super().bindings_changed(screen)
