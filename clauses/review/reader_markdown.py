"""Markdown into blocks, with markdown-it-py (CommonMark, with tables): its line maps give each block
its line, and a well-kept parser replaces hand-written patterns (one of which took 32 s on a heading
with a long run of spaces). Front matter (YAML between --- lines at the top) and fenced code are
metadata, not the policy's sentences; a table's header row is labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

from clauses.review.reader_blocks import Raw

MAX_NESTING = 40  # lists in lists in quotes: deeper is not a policy, and markdown-it stops there
_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def front_matter_lines(lines: list[str]) -> int:
    """How many lines at the top are front matter (0 if none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:200], start=1):
        if line.strip() in ("---", "..."):
            return number + 1
    return 0


def markdown_blocks(text: str) -> Iterator[Raw]:
    lines = text.split("\n")
    skipped = front_matter_lines(lines)
    body = "\n" * skipped + "\n".join(lines[skipped:]) if skipped else text
    tokens = _PARSER.parse(body)
    state = _State()
    for token in tokens:
        state.take(token)
    yield from state.raws


class _State:
    def __init__(self) -> None:
        self.raws: list[Raw] = []
        self.heading = False
        self.items = 0
        self.header_row = False
        self.row: list[str] | None = None
        self.row_line: int | None = None

    def take(self, token: Any) -> None:
        kind = token.type
        if kind == "heading_open":
            self.heading = True
        elif kind == "heading_close":
            self.heading = False
        elif kind == "list_item_open":
            self.items += 1
        elif kind == "list_item_close":
            self.items -= 1
        elif kind == "thead_open":
            self.header_row = True
        elif kind == "thead_close":
            self.header_row = False
        elif kind == "tr_open":
            self.row, self.row_line = [], (token.map[0] + 1 if token.map else None)
        elif kind == "tr_close":
            self._row()
        elif kind == "inline":
            self._inline(token)

    def _row(self) -> None:
        cells = [cell for cell in self.row or () if cell]
        if cells:
            self.raws.append(Raw(": ".join(cells), self.row_line, is_label=self.header_row))
        self.row = None

    def _inline(self, token: Any) -> None:
        text = _plain(token)
        if self.row is not None:
            self.row.append(" ".join(text.split()))
            return
        line = token.map[0] + 1 if token.map else None
        self.raws.append(Raw(text, line, is_heading=self.heading, is_item=self.items > 0))


def _plain(token: Any) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)
