"""An option's label wrapped under itself, not under what leads it: "› 3. A long label ..."."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_ROOM = 8  # cells the label needs beside its head to be worth indenting


class HangingLabel(Visual):
    """`head` (a pointer, a tick box, a number), then `label`, whose further lines start under its first.

    Rich's table grid did this at about 1 ms per option and per width asked, and an option list asks
    every option's height and lines again at each change: 12 to 15 ms of the answers before long lists
    (docs/decisions.md, "The choice list"). This wraps with Content's own wrapping, once per width."""

    def __init__(self, head: Content, label: Content) -> None:
        self.head = head
        self.label = label
        self._wrapped: tuple[int, Content] | None = None

    def _lines(self, width: int) -> Content:
        if self._wrapped is None or self._wrapped[0] != width:
            indent = self.head.cell_length
            if width - indent < MIN_ROOM:  # too narrow to indent: wrapped as one text, by Textual
                joined = self.head + self.label
            else:
                lines = self.label.wrap(width - indent) or [Content()]
                under = Content(" " * indent)
                joined = Content("\n").join([self.head + lines[0], *(under + line for line in lines[1:])])
            self._wrapped = width, joined
        return self._wrapped[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.head.cell_length + max((line.cell_length for line in self.label.split("\n")), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width).get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lines(width).render_strips(width, height, style, options)

    def __str__(self) -> str:
        return f"{self.head}{self.label}"
