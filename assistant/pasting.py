"""Pastes from the terminal, taken whole and cleaned in linear time.

Textual's terminal parser reads a bracketed paste one character at a time through a generator, and an
escape byte inside the paste ends its paste mode early: the rest of the paste then arrives as single
key presses, each one copying the whole answer field. A 100 KB paste of `x\\x1b[2J ` made the app stop
responding and grow by 12 MB a second (issue 14, item 6). `PasteParser` takes the paste out of the
input before Textual's parser sees it: everything between the start and end markers is collected
with string searches, cut to `MAX_PASTE` characters, stripped of control characters and handed on as
one `Paste` event. Whatever is outside a paste goes to Textual's parser unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

# Far more than any answer takes (the longest allows 1,000 characters), small enough to keep in memory:
# what follows is dropped as it arrives, so an endless paste never grows the app.
MAX_PASTE = 64 * 1024
# What the answer boxes hold at most: far more than any question allows (1,000 characters for the
# longest), so the engine still says "too long"; a longer paste is cut there, in one step.
MAX_ANSWER = 8000
# C0 and C1 control characters and DEL, except tab and line breaks (a long answer keeps its lines).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
DRIVER_MODULES = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
)
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]+")


def without_controls(text: str, *, lines: bool = True) -> str:
    """`text` without control characters (escape sequences lose their escape byte and show as text);
    `lines=False` also turns tabs and line breaks into spaces. Linear time: two regular expressions
    made of single character classes, which never backtrack."""
    text = _BIDI_CONTROLS.sub("", _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    if not lines:
        text = text.replace("\t", " ").replace("\n", " ")
    return text


class PasteParser(XTermParser):
    """Textual's parser, with bracketed pastes collected outside it (see the module's docstring)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._pasted: list[str] = []
        self._pasted_length = 0
        self._held = ""  # the end of the last chunk, when it may be the start of a marker

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            if self._held and not self._in_paste:
                yield from super().feed(self._held)
            self._held = ""
            yield from super().feed(data)
            return
        text, self._held = self._held + data, ""
        while text:
            if self._in_paste:
                end = text.find(BRACKETED_PASTE_END)
                if end < 0:
                    kept = _marker_start(text, BRACKETED_PASTE_END)
                    self._collect(text[: len(text) - kept])
                    self._held = text[len(text) - kept :]
                    return
                self._collect(text[:end])
                text = text[end + len(BRACKETED_PASTE_END) :]
                self._in_paste = False
                pasted = self._paste()
                if pasted.text:  # as Textual does: nothing pasted, no event
                    yield pasted
            else:
                start = text.find(BRACKETED_PASTE_START)
                if start < 0:
                    # Held back only until the next chunk or tick: a lone Escape key is never delayed long.
                    kept = _marker_start(text, BRACKETED_PASTE_START)
                    self._held = text[len(text) - kept :]
                    text = text[: len(text) - kept]
                    if text:
                        yield from super().feed(text)
                    return
                if start:
                    yield from super().feed(text[:start])
                text = text[start + len(BRACKETED_PASTE_START) :]
                self._in_paste = True

    def tick(self) -> Iterable[Message]:
        if self._held and not self._in_paste:
            held, self._held = self._held, ""
            yield from super().feed(held)
        yield from super().tick()

    def _collect(self, text: str) -> None:
        room = MAX_PASTE - self._pasted_length
        if room > 0 and text:
            piece = text[:room]
            self._pasted.append(piece)
            self._pasted_length += len(piece)

    def _paste(self) -> events.Paste:
        text = without_controls("".join(self._pasted))
        self._pasted.clear()
        self._pasted_length = 0
        return events.Paste(text)


def _marker_start(text: str, marker: str) -> int:
    """How many characters at the end of `text` could be the beginning of `marker`."""
    for length in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-length:]):
            return length
    return 0


def install() -> None:
    """Make Textual's drivers read input with `PasteParser`. They name the parser class at module
    level, so that is where it is replaced, in the driver modules already imported (the app's driver
    class is chosen first)."""
    for module_name in DRIVER_MODULES:
        module = sys.modules.get(module_name)
        if module is not None and getattr(module, "XTermParser", None) is XTermParser:
            module.XTermParser = PasteParser  # type: ignore[attr-defined]
