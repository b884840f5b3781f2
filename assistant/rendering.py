"""The policy as lines for the preview, rendered off the event loop.

`render_policy` turns a document (clauses.model.Document) into Textual `Strip`s with rich, one clause at
a time, and remembers where each clause starts so the preview can scroll to what changed. Clauses,
their blocks and the headings are cached by value and width: after an answer only the blocks whose
text changed are rendered again (docs/decisions.md, "The live preview"). It runs in a thread worker;
nothing here touches the app or its widgets.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.strip import Strip

from clauses.model import BulletList, NumberedList, Paragraph, SignatureBlock
from clauses.model import Table as TableBlock

GUTTER = 2  # columns kept left of every line for the "changed" mark
CHANGED_MARK = "▌"
HEADINGS_KEPT = 512  # drawn headings kept: a policy has some thirty; more means old ones pile up


@dataclass(frozen=True)
class Labels:
    """The preview's own words (from the UI texts), passed in so this module stays UI-free."""

    changed: str = "(changed)"
    new: str = "(new)"
    # As the exports head them: the label is the library's own, in the policy's language ("Bijlage A").
    annex: str = "{label}. {title}"


@dataclass
class RenderedPolicy:
    width: int
    lines: list[Strip]
    anchors: dict[str, int]  # clause id -> its first line
    changed: tuple[str, ...]  # clause ids, in reading order, that differ from the previous assembly
    words: int

    @property
    def first_change(self) -> int | None:
        return self.anchors.get(self.changed[0]) if self.changed else None


def clause_changes(old: Any | None, new: Any) -> dict[str, str]:
    """Clause id -> "new" or "changed" for the clauses of `new` that read differently in `old`.

    Numbers are ignored: a clause added earlier renumbers the later ones without changing them.
    """
    if old is None or getattr(old, "language", None) != getattr(new, "language", None):
        return {}  # another language version is not a change to mark
    before = {clause.id: (clause.title, clause.blocks) for clause in old.clauses()}
    changes: dict[str, str] = {}
    for clause in new.clauses():
        if clause.id not in before:
            changes[clause.id] = "new"
        elif before[clause.id] != (clause.title, clause.blocks):
            changes[clause.id] = "changed"
    return changes


@dataclass
class PolicyRenderer:
    """Renders documents to strips; keeps the strips of unchanged clauses between calls (thread-safe)."""

    labels: Labels = field(default_factory=Labels)
    accent: str | None = None
    cache_size: int = 4096
    # Keyed by the identity of a clause's blocks (kept in the entry, so the identity cannot be reused):
    # an assembly hands unchanged clauses back as the same objects, and hashing a whole policy's text
    # at every refresh would cost more than rendering the few clauses that changed.
    _cache: OrderedDict[tuple[Any, ...], tuple[Any, list[Strip], int]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # The last rendering that used each entry. Only what the last two renderings used stays cached:
    # every Strip carries seven small caches of its own, and strips kept for clauses no longer shown
    # made each of Python's full garbage collections, which stall the event loop, slower as a session
    # went on. (A number per entry: two sets of 2,000 keys, joined and searched, cost 2 ms a refresh.)
    _used: dict[tuple[Any, ...], int] = field(default_factory=dict)
    _rendering: int = 0
    # The newest entry of each clause, by everything in its key but the identity of its blocks: a clause
    # whose text reads what the whole document holds (the statutes it cites) is assembled anew every
    # time, as new objects with the same value, and comparing one clause is far cheaper than drawing
    # it again (the references table took 10 of a refresh's 13 ms).
    _latest: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)
    _headings: dict[tuple[Any, ...], list[Strip]] = field(default_factory=dict)
    # The lines of the blocks of clauses drawn in the last two renderings, by value (see `_part`).
    _parts: dict[tuple[Any, ...], list[Strip]] = field(default_factory=dict)
    _parts_used: dict[tuple[Any, ...], int] = field(default_factory=dict)
    # The accent and labels the cached lines were drawn with, and a number standing for them in keys.
    _style: tuple[Any, ...] = ()
    _style_number: int = 0

    def render(
        self,
        document: Any,
        width: int,
        previous: Any | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> RenderedPolicy | None:
        """The document as lines `width` cells wide; None if `cancelled()` turned true on the way."""
        width = max(width, GUTTER + 20)
        with self._lock:
            self._rendering += 1
            if self._style != (self.accent, self.labels):
                self._style = (self.accent, self.labels)
                self._style_number += 1
        changes = clause_changes(previous, document)
        colon = getattr(document, "colon", ":")  # "Version: 1.0", or "Version : 1.0" in French
        console = _console(width - GUTTER)
        lines: list[Strip] = []
        anchors: dict[str, int] = {}
        words = 0

        def add(key: tuple[Any, ...], renderable: Callable[[], RenderableType]) -> None:
            # Headings and the details are drawn once per width and style, like clauses: together they
            # cost a refresh 2 ms, more than the clauses an answer usually changes.
            key = (*key, width, self._style_number)
            strips = self._headings.get(key)
            if strips is None:
                if len(self._headings) >= HEADINGS_KEPT:
                    self._headings.clear()
                strips = self._headings[key] = self._strips(console, renderable(), width, False)
            lines.extend(strips)

        add(("title", document.title), lambda: Text(document.title, style="bold", justify="center"))
        if document.subtitle:
            add(
                ("subtitle", document.subtitle),
                lambda: Text(document.subtitle, style="italic", justify="center"),
            )
        for clause in document.notice:  # unnumbered, before the first section (e.g. a translation notice)
            anchors[clause.id] = len(lines)
            strips, count = self._clause(console, clause, width, changes.get(clause.id), False, colon)
            lines.extend(strips)
            words += count
        if document.details:
            lines.append(_blank(width))
            add(("details", tuple(document.details), colon), lambda: _details(document.details, colon))
        for section in document.sections:
            lines.append(_blank(width))
            heading = f"{section.number}. {section.title}"
            add(("section", heading), lambda heading=heading: Text(heading, style="bold underline"))
            for clause in section.clauses:
                if cancelled():
                    return None
                anchors[clause.id] = len(lines)
                strips, count = self._clause(console, clause, width, changes.get(clause.id), True, colon)
                lines.extend(strips)
                words += count
        for annex in document.annexes:
            lines.append(_blank(width))
            title = self.labels.annex.format(label=annex.label, title=annex.title)
            add(("annex", title), lambda title=title: Text(title, style="bold underline"))
            for clause in annex.clauses:
                if cancelled():
                    return None
                anchors[clause.id] = len(lines)
                strips, count = self._clause(console, clause, width, changes.get(clause.id), False, colon)
                lines.extend(strips)
                words += count
        changed = tuple(clause.id for clause in document.clauses() if clause.id in changes)
        self._forget_unused()
        return RenderedPolicy(width, lines, anchors, changed, words)

    def _forget_unused(self) -> None:
        oldest = self._rendering - 1  # what the last two renderings used stays
        with self._lock:
            for used, cache in ((self._used, self._cache), (self._parts_used, self._parts)):
                for key in [key for key, rendering in used.items() if rendering < oldest]:
                    del used[key]
                    cache.pop(key, None)
            for same in [same for same, key in self._latest.items() if key not in self._cache]:
                del self._latest[same]

    def _clause(
        self, console: Console, clause: Any, width: int, change: str | None, numbered: bool, colon: str
    ) -> tuple[list[Strip], int]:
        """The clause's lines, and its words."""
        blocks = clause.blocks
        same = (clause.id, clause.title, clause.number, width, change, numbered, colon, self._style_number)
        key = (id(blocks), *same)
        # Single dict and set operations need no lock (the GIL makes each atomic); storing does.
        cached = self._cache.get(key)
        if cached is not None and cached[0] is blocks:
            self._used[key] = self._rendering
            return cached[1], cached[2]
        latest = self._latest.get(same)
        cached = self._cache.get(latest) if latest is not None else None
        if cached is not None and cached[0] == blocks:
            self._used[latest] = self._rendering
            return cached[1], cached[2]
        self._used[key] = self._rendering
        marked = bool(change)  # every line but the blank one above the clause
        strips = list(self._part(console, ("blank",), _no_text, width, False))
        if clause.title or change:
            heading = Text()
            if clause.title:
                number = f"{clause.number} " if numbered and clause.number else ""
                heading.append(f"{number}{clause.title}", style="bold")
            if change:
                label = self.labels.new if change == "new" else self.labels.changed
                heading.append(f" {label}" if clause.title else label, style="italic")
            strips += self._strips(console, heading, width, marked)
        for number, block in enumerate(clause.blocks):
            if number:
                strips += self._part(console, ("blank",), _no_text, width, marked)
            strips += self._part(console, (block, colon), partial(_block, block, colon), width, marked)
        words = _words(clause)
        with self._lock:
            self._cache[key] = (blocks, strips, words)
            self._latest[same] = key
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return strips, words

    def _part(
        self,
        console: Console,
        what: tuple[Any, ...],
        renderable: Callable[[], RenderableType],
        width: int,
        mark: bool,
    ) -> list[Strip]:
        """The lines of one part of a clause (a block, a blank line), kept by value: a clause that
        changed mostly keeps most of its blocks (at 2,000 clauses, an answer changes a number in twenty
        paragraphs, each above the same list)."""
        key = (*what, width, mark, self._style_number)
        strips = self._parts.get(key)
        if strips is None:
            strips = self._strips(console, renderable(), width, mark)
            with self._lock:
                self._parts[key] = strips
        self._parts_used[key] = self._rendering
        return strips

    def _strips(self, console: Console, renderable: RenderableType, width: int, mark: bool) -> list[Strip]:
        gutter = Segment(
            (CHANGED_MARK if mark else " ").ljust(GUTTER),
            Style(color=self.accent, bold=True) if mark and self.accent else None,
        )
        rendered = console.render_lines(renderable, console.options, pad=True)
        return [Strip([gutter, *line], width) for line in rendered]


def _no_text() -> Text:
    return Text("")


def _console(width: int) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        emoji=False,
        markup=False,
        highlight=False,
    )


def _blank(width: int) -> Strip:
    return Strip([Segment(" " * width)], width)


def _text(runs: Iterable[Any]) -> Text:
    text = Text()
    for run in runs:
        text.append(run.text, style="bold" if run.bold else None)
    return text


class _Items:
    """A bulleted or numbered list, each item wrapped under itself after its label: the lines a
    two-column `Table.grid` draws, at a fifth of the cost. A grid measures every cell to size its
    columns, and a list in each changed clause made it most of a refresh (docs/decisions.md)."""

    def __init__(self, items: Iterable[Any], numbered: bool) -> None:
        self.items = [_text(item) for item in items]
        self.labels = [f"{number}." if numbered else "•" for number in range(1, len(self.items) + 1)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        label_width = max((cell_len(label) for label in self.labels), default=0)
        room = max(options.max_width - label_width - 1, 1)
        # As wide as the longest item needs, within the room left: a grid's column is no wider.
        width = max(
            (Measurement.get(console, options.update_width(room), item).maximum for item in self.items),
            default=1,
        )
        # The options a grid's text column renders its cells with (a long word ends in an ellipsis),
        # and the grid's segments, so the lines are the same to the last segment.
        item_options = options.update(
            width=min(max(width, 1), room),
            justify="left",
            no_wrap=False,
            overflow="ellipsis",
            height=None,
            highlight=False,
        )
        gap, under_label = Segment(" "), Segment(" " * (label_width + 1))
        new_line = Segment.line()
        for label, item in zip(self.labels, self.items, strict=True):
            lines = console.render_lines(item, item_options, pad=True)
            for number, line in enumerate(lines):
                if number == 0:
                    yield Segment(label.rjust(label_width))
                    yield gap
                else:
                    yield under_label
                yield from line
                yield new_line


def _details(details: Iterable[tuple[str, str]], colon: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for label, value in details:
        grid.add_row(Text(f"{label}{colon}"), Text(value))
    return grid


def _block(block: Any, colon: str = ":") -> RenderableType:
    if isinstance(block, Paragraph):
        return _text(block.runs)
    if isinstance(block, BulletList):
        return _Items(block.items, numbered=False)
    if isinstance(block, NumberedList):
        return _Items(block.items, numbered=True)
    if isinstance(block, TableBlock):
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
        for cell in block.header:
            table.add_column(_text(cell), overflow="fold", ratio=1)
        for row in block.rows:
            table.add_row(*(_text(cell) for cell in row))
        return table
    if isinstance(block, SignatureBlock):
        grid = Table.grid(padding=(1, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for label in block.fields:
            grid.add_row(Text(f"{label}{colon}"), Text("_" * 30))
        return grid
    return Text(str(block))


def _words(clause: Any) -> int:
    count = len((clause.title or "").split())
    for block in clause.blocks:
        if isinstance(block, Paragraph):
            inlines = [block.runs]
        elif isinstance(block, BulletList | NumberedList):
            inlines = list(block.items)
        elif isinstance(block, TableBlock):
            inlines = [*block.header, *(cell for row in block.rows for cell in row)]
        else:
            inlines = []
        count += sum(len(run.text.split()) for runs in inlines for run in runs)
    return count
