"""One module per subcommand, each with `register(subparsers)` (assistant.cli lists them). What a
command needs is imported by its handler: the command line starts without Textual, the clause library
or PyYAML unless the command uses them (benchmarks: command line)."""

from __future__ import annotations

import re
from typing import Any


class UsageError(Exception):
    """Bad input from the user: reported on one line, exit code 2."""


# Control characters (C0 but the line break, DEL, C1) and the marks that reorder text on screen.
_UNSHOWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """Text from a file (a name, a title, a message quoting one), safe to print on a terminal: every
    control character is written out as an escape (ESC as \\x1b), so a file cannot set the terminal's
    title, write the clipboard (OSC 52) or hide text (issue 14, item 7). Line breaks are kept."""
    return _UNSHOWABLE.sub(_escaped, str(text))


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def console(**options: Any) -> Any:
    """A rich Console whose text passes through `shown` (rich prints control characters as they are)."""
    from rich.console import Console
    from rich.segment import Segment

    class ShownConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Any:
            for segment in super().render(renderable, options):
                if segment.control or not _UNSHOWABLE.search(segment.text):
                    yield segment
                else:
                    yield Segment(shown(segment.text), segment.style)

    return ShownConsole(**options)
