"""The multi-line answer box, for long-text questions: enter sends it, ctrl+j (or alt+enter) starts a
new line.

The answer dock (assistant.widgets.answer_dock) mounts it the first time a long-text question is
asked: Textual's TextArea and its styles are not needed for the first question on screen
(docs/decisions.md, "Start-up").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from assistant.pasting import MAX_ANSWER, without_controls


class LongAnswer(TextArea):
    """A multi-line answer: enter sends it, ctrl+j (or alt+enter) starts a new line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "send", show=False, priority=True),
        Binding("ctrl+j,alt+enter,shift+enter", "newline", show=False, priority=True),
        Binding("ctrl+u", "clear_box", show=False),
    ]

    @dataclass
    class Sent(Message):
        text: str

    def action_send(self) -> None:
        self.post_message(self.Sent(self.text))

    def action_newline(self) -> None:
        self.insert("\n")

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        room = MAX_ANSWER - len(self.text) + len(self.selected_text)
        text = without_controls(event.text[: max(room, 0)]) if room > 0 else ""
        if text:
            self.move_cursor(self.replace(text, *self.selection).end_location)

    def action_clear_box(self) -> None:
        self.clear()
