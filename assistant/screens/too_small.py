"""One line in place of the app while the terminal is smaller than the app can be drawn in.

Below `MINIMUM` the screens' own layouts cannot fit (rich's line wrapping fails at a width of zero:
ValueError at 8 columns, 10 with the language dialog open; issue 14, item 8). The app then lays the
screens out at MINIMUM (the terminal clips what does not fit) and covers them with this screen, and
takes it away when the window is large enough again: nothing is lost, the conversation goes on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MINIMUM = Size(24, 8)  # columns, lines: the smallest window every screen and dialog is drawn in


def at_least(size: Size) -> Size:
    """The size to lay the screens out in: at least MINIMUM's width (narrower, wrapping fails), but the
    terminal's own height (a taller frame would scroll the terminal: Textual ends its lines with
    CR LF), however short; the terminal cuts what is wider."""
    return Size(max(size.width, MINIMUM.width), max(size.height, 1))


def too_small(size: Size) -> bool:
    return size.width < MINIMUM.width or size.height < MINIMUM.height


class TooSmallScreen(Screen[None]):
    """'The window is too small…', on the first line, cut to the width there is."""

    DEFAULT_CSS = """
    TooSmallScreen { padding: 0; overflow: hidden hidden; }
    TooSmallScreen > Static { width: 1fr; height: 1; padding: 0; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self._message = message

    def compose(self) -> ComposeResult:
        yield Static(Content(self._message), id="too-small")
