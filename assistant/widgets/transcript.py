"""The conversation as a chat: a scrolling column of message bubbles, newest at the bottom.

Bubbles are `Static`s holding plain `Content` (never markup, never Textual's Markdown widget), each led by
who speaks ("Assistant:", "You:") so nothing depends on colour.

Every widget in the column is laid out again after each answer, so a long session would slow down with
every message. Only the most recent bubbles stay widgets; older ones move, in chunks and after the frame
that shows the next question, into one `EarlierMessages` widget at the top: still there to scroll back
to, at the cost of one widget. It keeps its messages as wrapped lines and wraps only the messages that
arrive, where a `Static` would wrap the whole history again at each layout (docs/decisions.md).
"""

from __future__ import annotations

from weakref import WeakSet

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

LIVE_BUBBLES = 20  # bubbles kept as widgets ...
ARCHIVE_CHUNK = 10  # ... and how many move into the earlier messages at a time
USER_INDENT = " " * 8


class Bubble(Static):
    """One message of the conversation."""

    def __init__(self, message: Content, *, classes: str | None = None) -> None:
        super().__init__(message, classes=classes)
        self.message = message

    def as_text(self) -> Content:
        return self.message


class AssistantBubble(Bubble):
    """The assistant speaking: a question, an explanation, a note or a problem."""


class UserBubble(Bubble):
    """The user's answer, in words."""

    def as_text(self) -> Content:
        return Content(USER_INDENT) + self.message


class SectionDivider(Static):
    """Where the interview moves on to a new section."""

    def __init__(self, title: str) -> None:
        super().__init__(Content(title))
        self.message = Content(title)

    def as_text(self) -> Content:
        return self.message


class EarlierMessages(Widget):
    """Older messages as lines of text, a blank line between two, in one widget."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Content] = []
        self._lines: list[Content] = []  # the messages wrapped at `_width`
        self._width = 0

    def add(self, messages: list[Content]) -> None:
        had_messages = bool(self.messages)
        self.messages.extend(messages)
        if self._width:
            self._lines.extend(self._wrap(messages, self._width, after_others=had_messages))
        self.display = True
        self.refresh(layout=True)

    def reset(self) -> None:
        self.messages.clear()
        self._lines.clear()
        self.display = False
        self.refresh(layout=True)

    @staticmethod
    def _wrap(messages: list[Content], width: int, *, after_others: bool) -> list[Content]:
        lines: list[Content] = []
        for message in messages:
            if lines or after_others:
                lines.append(Content(""))
            lines.extend(message.wrap(width))
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width != self._width:  # a new width (a resize): wrap everything again, once
            self._width = width
            self._lines = self._wrap(self.messages, width, after_others=False)
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        style = self.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, style)
        return Strip(self._lines[y].render_segments()).apply_style(style).crop_extend(0, width, style)


class Transcript(VerticalScroll, can_focus=False):
    """The bubbles, kept scrolled to the newest one unless the user scrolls up to read."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._archived: WeakSet[Widget] = WeakSet()

    def compose(self):  # type: ignore[no-untyped-def]
        earlier = EarlierMessages()
        earlier.display = False
        yield earlier

    def on_mount(self) -> None:
        self.anchor()

    @staticmethod
    def said(speaker: str, text: str, *, hint: str = "", variant: str = "note") -> AssistantBubble:
        """The assistant's message, to add (`add_all`)."""
        parts: list[str | tuple[str, str]] = [(speaker, "bold"), " ", text]
        if hint:
            parts += ["\n", (hint, "italic")]
        return AssistantBubble(Content.assemble(*parts), classes=f"-{variant}")

    @staticmethod
    def heard(speaker: str, text: str) -> UserBubble:
        """The user's message, to add (`add_all`)."""
        return UserBubble(Content.assemble((speaker, "bold"), " ", text))

    def say(self, speaker: str, text: str, *, hint: str = "", variant: str = "note") -> AssistantBubble:
        return self._add(self.said(speaker, text, hint=hint, variant=variant))

    def hear(self, speaker: str, text: str) -> UserBubble:
        return self._add(self.heard(speaker, text))

    def divider(self, title: str) -> SectionDivider:
        return self._add(SectionDivider(title))

    def _add(self, widget):  # type: ignore[no-untyped-def]
        self.add_all([widget])
        return widget

    def add_all(self, widgets: list[Widget]) -> None:
        """Messages said together (the answer, what the law says, the next question), mounted at once."""
        if not widgets:
            return
        self.mount_all(widgets)
        if len(self.children) > LIVE_BUBBLES + ARCHIVE_CHUNK:
            self.call_after_refresh(self._archive)

    def _archive(self) -> None:
        # A widget being removed is still a child until Textual has pruned it: one archived by an
        # earlier call of this (two lots said before one refresh) is not archived again.
        live = [
            child
            for child in self.children
            if not isinstance(child, EarlierMessages) and child not in self._archived
        ]
        if len(live) <= LIVE_BUBBLES + ARCHIVE_CHUNK:
            return
        # Whole chunks, until no more than LIVE_BUBBLES + ARCHIVE_CHUNK stay (many come at once when
        # the conversation is told again).
        chunks = -(-(len(live) - LIVE_BUBBLES - ARCHIVE_CHUNK) // ARCHIVE_CHUNK)
        oldest = live[: chunks * ARCHIVE_CHUNK]
        self.query_one(EarlierMessages).add([widget.as_text() for widget in oldest])  # type: ignore[attr-defined]
        self._archived.update(oldest)
        self.remove_children(oldest)

    def clear(self) -> None:
        """An empty conversation, to tell it again (in another language)."""
        self.remove_children([child for child in self.children if not isinstance(child, EarlierMessages)])
        self.earlier.reset()

    @property
    def bubbles(self) -> list[Bubble]:
        return list(self.query(Bubble))

    @property
    def earlier(self) -> EarlierMessages:
        return self.query_one(EarlierMessages)

    def text(self) -> str:
        """The whole conversation as plain text, earlier messages included (tests, copying)."""
        parts = [str(message) for message in self.earlier.messages]
        parts += [str(bubble.message) for bubble in self.bubbles]
        return "\n".join(parts)
