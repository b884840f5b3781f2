"""The conversation as a chat: a scrolling column of message bubbles, newest at the bottom.

Bubbles are `Static`s holding plain `Content` (never markup, never Textual's Markdown widget), each led by
who speaks ("Assistant:", "You:") so nothing depends on colour.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class Bubble(Static):
    """One message of the conversation."""


class AssistantBubble(Bubble):
    """The assistant speaking: a question, an explanation, a note or a problem."""


class UserBubble(Bubble):
    """The user's answer, in words."""


class SectionDivider(Static):
    """Where the interview moves on to a new section."""


class Transcript(VerticalScroll, can_focus=False):
    """The bubbles, kept scrolled to the newest one unless the user scrolls up to read."""

    def on_mount(self) -> None:
        self.anchor()

    def say(
        self,
        speaker: str,
        text: str,
        *,
        hint: str = "",
        variant: str = "note",
        question_id: str | None = None,
    ) -> AssistantBubble:
        parts: list[str | tuple[str, str]] = [(speaker, "bold"), " ", text]
        if hint:
            parts += ["\n", (hint, "italic")]
        bubble = AssistantBubble(Content.assemble(*parts), classes=f"-{variant}")
        if question_id:
            bubble.question_id = question_id  # type: ignore[attr-defined]
        self.mount(bubble)
        return bubble

    def hear(self, speaker: str, text: str) -> UserBubble:
        bubble = UserBubble(Content.assemble((speaker, "bold"), " ", text))
        self.mount(bubble)
        return bubble

    def divider(self, title: str) -> SectionDivider:
        divider = SectionDivider(Content(title))
        self.mount(divider)
        return divider

    def clear(self) -> None:
        self.remove_children()

    @property
    def bubbles(self) -> list[Bubble]:
        return list(self.query(Bubble))

    def last_text(self) -> str:
        bubbles = self.bubbles
        return str(bubbles[-1].render()) if bubbles else ""
