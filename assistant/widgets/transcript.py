"""The conversation as a chat: one scrolling view of message bubbles, newest at the bottom.

Messages hold plain `Content` (never markup, never Textual's Markdown widget), each led by who speaks
("Assistant:", "You:") so nothing depends on colour.

The view draws its messages itself, as lines it keeps, rather than holding a widget per message: every
widget in a scrolling column is styled when it mounts, laid out again after each answer and cut at its
edges in every frame, and that was most of what an answer cost beyond a minimal chat's (docs/decisions.md,
"The transcript draws its own lines"). A message is drawn once for a width; the view only picks the lines
in sight. It looks as the bubbles did: the assistant's tinted with a bar on the left whose colour says what
kind of message it is, the user's tinted and indented, section titles centred and muted after a blank
line. The colours come from the stylesheet, as component classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

Speaker = Literal["assistant", "user", "section"]

ASSISTANT_MARGIN = 4  # columns left free on the right of the assistant's messages
USER_MARGIN = 8  # and on the left of the user's
PADDING = 1  # inside a bubble, on each side
BAR = "▎"  # Textual's "wide" left border, whose colour says what kind of message it is
CENTRED = {"text_align": "center"}


@dataclass(frozen=True)
class Bubble:
    """One message of the conversation, as the transcript shows it."""

    speaker: Speaker
    text: Content
    variant: str = "note"  # the assistant's: question, why, problem or note


def said(speaker: str, text: str, *, hint: str = "", variant: str = "note") -> Bubble:
    """The assistant's message."""
    parts: list[str | tuple[str, str]] = [(speaker, "bold"), " ", text]
    if hint:
        parts += ["\n", (hint, "italic")]
    return Bubble("assistant", Content.assemble(*parts), variant)


def heard(speaker: str, text: str) -> Bubble:
    """The user's message."""
    return Bubble("user", Content.assemble((speaker, "bold"), " ", text))


def section(title: str) -> Bubble:
    """Where the interview moves on to a new section."""
    return Bubble("section", Content(title))


class _Drawing:
    """The messages drawn at one width, as lines."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Strip] = []
        self.messages = 0  # how many of the transcript's messages the lines hold


class Transcript(ScrollView, can_focus=False):
    """The messages, kept scrolled to the newest one unless the user scrolls up to read."""

    # Ctrl+C quits this app, so there is no copying of a selection to offer.
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--assistant",
        "transcript--user",
        "transcript--section",
        "transcript--bar-note",
        "transcript--bar-question",
        "transcript--bar-why",
        "transcript--bar-problem",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.messages: list[Bubble] = []
        # At most two widths are kept: the view's, and one column less once a scrollbar takes it.
        self._drawings: dict[int, _Drawing] = {}
        self._drawing: _Drawing | None = None
        self.drawn = 0  # how many messages the last frame's lines held
        self._following = True  # kept scrolled to the newest message, until the user scrolls up

    # --- what is said ------------------------------------------------------------------------------

    def add(self, messages: list[Bubble]) -> None:
        """Messages said together (the answer, what the law says, the next question), shown at once."""
        if not messages:
            return
        self.messages.extend(messages)
        self._lay_out()
        self.refresh()

    def clear(self) -> None:
        """An empty conversation, to tell it again (in another language)."""
        self.messages.clear()
        self._drawings.clear()
        self._drawing = None
        self._lay_out()
        self.refresh()

    def text(self) -> str:
        """The whole conversation as plain text (tests, copying)."""
        return "\n".join(str(message.text) for message in self.messages)

    def newest_question(self) -> int | None:
        """Where the last question asked is among the messages."""
        for index in range(len(self.messages) - 1, -1, -1):
            if self.messages[index].variant == "question":
                return index
        return None

    def has_drawn(self, index: int) -> bool:
        """Whether a frame has drawn the lines of message `index` (tests and benchmarks wait on it)."""
        return index < self.drawn

    # --- laying out --------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        """Draw what is not drawn yet at the width the view gives, and size the scrolling to it."""
        full = self.size.width  # inside the padding
        if full <= 0:
            return  # not laid out yet: done on the first resize
        # Whether the messages overflow the view at its full width: then a scroll bar takes a column.
        # Once they do, new messages are drawn only at the narrower width: more messages only overflow
        # more, and the lines the full width already holds say so (until the view grows taller).
        drawing = self._drawings.get(full)
        if drawing is None or len(drawing.lines) <= self.size.height:
            drawing = self._drawn_at(full)
        if len(drawing.lines) > self.size.height:
            drawing = self._drawn_at(full - self.styles.scrollbar_size_vertical)
        for width in [width for width in self._drawings if width not in (full, drawing.width)]:
            del self._drawings[width]
        self._drawing = drawing
        virtual = Size(drawing.width, len(drawing.lines))
        if virtual != self.virtual_size:
            self.virtual_size = virtual
        if self._following:
            self.scroll_end(animate=False, immediate=True, x_axis=False, force=True)
        if self.show_vertical_scrollbar:  # (Textual moves the thumb only when the bar was already shown)
            self.vertical_scrollbar.position = self.scroll_y

    def _drawn_at(self, width: int) -> _Drawing:
        drawing = self._drawings.get(width)
        if drawing is None:
            drawing = self._drawings[width] = _Drawing(width)
        if drawing.messages < len(self.messages):
            blank = Strip.blank(width, self.rich_style)
            for message in self.messages[drawing.messages :]:
                if message.speaker == "section":
                    drawing.lines.append(blank)  # a section stands apart; messages touch
                drawing.lines.extend(self._draw(message, width))
            drawing.messages = len(self.messages)
        return drawing

    def _draw(self, message: Bubble, width: int) -> list[Strip]:
        # The same steps as Textual's own for a padded widget with a left border (its StylesCache), so
        # the view looks as the column of Static bubbles did, to the cell.
        if message.speaker == "section":
            style = self.get_visual_style("transcript--section")
            lines = message.text.render_strips(width, None, style, RenderOptions(self._get_style, CENTRED))
            return [line.adjust_cell_length(width, style.rich_style) for line in lines]
        style = self.get_visual_style(f"transcript--{message.speaker}")
        inside = Style(background=style.background).rich_style
        if message.speaker == "assistant":
            bar = self.get_visual_style(f"transcript--bar-{message.variant}").foreground
            left = [Segment(BAR, Style(background=style.background, foreground=bar).rich_style)]
            right = [Segment(" " * ASSISTANT_MARGIN, self.rich_style)]
        else:
            left, right = [Segment(" " * USER_MARGIN, self.rich_style)], []
        text_width = width - Segment.get_line_length([*left, *right]) - 2 * PADDING
        pad = Segment(" " * PADDING, inside)
        return [
            Strip([*left, pad, *line.adjust_cell_length(text_width, inside), pad, *right], width)
            for line in message.text.render_strips(
                max(text_width, 1), None, style, RenderOptions(self._get_style, self.styles)
            )
        ]

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        self._lay_out()  # drawn again only for a new width: the drawings are kept
        return changed

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Scrolled up by the user: left there; back at the bottom: following again.
        self._following = new_value >= self.max_scroll_y

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Drawn in the colours of before (a theme change): drawn again at the next frame, once the
        # stylesheet has given the component classes their new colours too.
        self._drawings.clear()
        self._drawing = None
        self.refresh()

    # --- drawing -----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        drawing = self._drawing
        index = self.scroll_offset.y + y
        if drawing is None or index >= len(drawing.lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        return drawing.lines[index]

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._drawing is None:
            self._lay_out()
        drawing = self._drawing
        self.drawn = drawing.messages if drawing is not None else 0
        return super().render_lines(crop)
