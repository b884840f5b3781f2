"""Textual's footer, rebuilt only when a key it never showed must show.

The stock footer recomposes all its keys whenever the bindings *might* have changed, which includes every
focus change: in the chat, after every answer (docs/decisions.md). This one compares what it would show
with what it shows. A key that is greyed out or back again, or one that goes (Skip, where a question
cannot be skipped) or comes back, changes in place; only a key it never had composes the footer again.
Recomposing mounted and styled every key, 10 to 16 ms, inside the answer that made Skip come or go.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool], ...]  # (key, action, description, enabled) for each key shown


class KeysFooter(Footer):
    def __init__(self, **options: Any) -> None:
        options.setdefault("show_command_palette", False)
        options.setdefault("compact", True)  # one column less per key: every key fits 80 columns
        super().__init__(**options)
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        if not screen.app.app_focus:
            super().bindings_changed(screen)
            return
        if (
            self._bindings_ready
            and self.is_attached
            and screen is self.screen
            and self._change_in_place(shown)
        ):
            self._shown = shown
            return
        self._shown = shown  # remembered only once it is really shown
        super().bindings_changed(screen)

    def _change_in_place(self, shown: Shown) -> bool:
        """Show `shown` with the keys there are (hiding the others); False when one is missing."""
        keys = list(self.children)
        if not all(isinstance(key, FooterKey) for key in keys):
            return False  # grouped keys: the stock footer's way
        wanted = {(key, action, description): enabled for key, action, description, enabled in shown}
        present = [(key.key, key.action, key.description) for key in keys]  # type: ignore[attr-defined]
        if not wanted.keys() <= set(present):
            return False
        # In the same order as they would be composed (the keys kept, hidden or not, keep theirs).
        if [entry for entry in present if entry in wanted] != [entry[:3] for entry in shown]:
            return False
        for widget, entry in zip(keys, present, strict=True):
            assert isinstance(widget, FooterKey)
            widget.display = entry in wanted
            if entry in wanted and widget._disabled == wanted[entry]:
                widget._disabled = not wanted[entry]  # what a click on it does (FooterKey.on_mouse_down)
                widget.set_class(widget._disabled, "-disabled")
        return True
