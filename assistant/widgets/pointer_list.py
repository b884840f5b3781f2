"""An option list whose highlighted option carries a "›", so the cursor never depends on colour alone.

A long option wraps under its own text, not under the pointer.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.widgets.hanging import HangingLabel

POINTER = "›"


class PointerList(OptionList):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._texts: list[Content] = []
        self._previous: int | None = None

    def show(self, entries: Sequence[tuple[Content, str | None, bool]]) -> None:
        """Show (text, option id, disabled) entries; disabled ones are headings, without a pointer."""
        self._texts = [text for text, _, _ in entries]
        self._previous = None
        self.set_options(
            [
                Option(self._prompt(index, False, disabled), id=option_id, disabled=disabled)
                for index, (_, option_id, disabled) in enumerate(entries)
            ]
        )

    @property
    def lines(self) -> list[str]:
        """The entries as plain text, in order."""
        return [text.plain for text in self._texts]

    def _prompt(self, index: int, highlighted: bool, disabled: bool) -> Content | HangingLabel:
        if disabled:
            return self._texts[index]
        return HangingLabel(Content(f"{POINTER} " if highlighted else "  "), self._texts[index])

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if len(self._texts) != self.option_count:
            return
        for index in {self._previous, highlighted} - {None}:
            assert index is not None
            option = self.get_option_at_index(index)
            self.replace_option_prompt_at_index(
                index, self._prompt(index, index == highlighted, option.disabled)
            )
        self._previous = highlighted
