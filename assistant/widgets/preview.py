"""The live preview of the policy: pre-rendered lines, painted only where visible.

The document is rendered to `Strip`s in a thread worker (assistant.rendering) and this `ScrollView`
paints just the lines on screen, like Textual's `Log`: as one `Static`, a long policy would re-render
on the event loop at every layout (docs/decisions.md, "The live preview"). Only the newest rendering is
shown: each request carries a generation number and older results are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from assistant.rendering import Labels, PolicyRenderer, RenderedPolicy
from assistant.texts import UiTexts

CACHED_LINES = 1024


def preview_labels(texts: UiTexts) -> Labels:
    """The preview's own words in the language the user talks in."""
    return Labels(changed=texts("preview.changed_mark"), new=texts("preview.new_mark"))


class PolicyPreview(ScrollView, can_focus=True):
    """Shows a policy document; `show_document` re-renders it off the event loop."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", show=False),
        Binding("down", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]

    @dataclass
    class Rendered(Message):
        generation: int
        rendered: RenderedPolicy

    def __init__(self, labels: Labels, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._renderer = PolicyRenderer(labels=labels)
        self._lines: list[Strip] = []
        self._document: Any | None = None  # the newest document asked for
        self._shown: Any | None = None  # the document the lines show
        self._generation = 0
        self._rendered_width = 0
        # A plain dict, emptied when full: Textual's LRUCache links its entries in a ring, so each
        # clearing left a thousand strips for the garbage collector's slow full collections.
        self._cache: dict[tuple[int, int, int], Strip] = {}
        self.rendered: RenderedPolicy | None = None
        self.message = ""
        self._laid_out: tuple[Size, Size, Size] | None = None  # see _size_updated

    # --- what to show ----------------------------------------------------------------------------------

    def show_document(self, document: Any, previous: Any | None = None) -> None:
        """Render `document` (in a thread) and show it, marking and scrolling to what changed.

        Changes are against what this preview showed before, or `previous` when it showed nothing yet
        (a preview opened after the answer that changed the policy).
        """
        if self._shown is None and previous is not None:
            self._shown = previous
        self._document = document
        self.message = ""
        self._request()

    def show_message(self, text: str) -> None:
        """A short text instead of the policy (e.g. "the preview appears once ...")."""
        self._document = None
        self._shown = None
        self._generation += 1
        self.message = text
        self.rendered = None
        self._set_lines(self._wrap(text))
        self.border_subtitle = ""

    def relabel(self, labels: Labels) -> None:
        """Mark changes and name annexes in another language; the document is rendered again."""
        self._renderer.labels = labels
        if self._document is not None:
            self._request()

    @property
    def document(self) -> Any | None:
        return self._document

    @property
    def shown(self) -> Any | None:
        """The document whose lines are on screen (a newer one may still be rendering)."""
        return self._shown if self.rendered is not None else None

    @property
    def text(self) -> str:
        """Every line as plain text (for tests and for copying)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    # --- rendering off the loop -------------------------------------------------------------------

    def _request(self) -> None:
        width = self.scrollable_content_region.width
        if self._document is None or width <= 0 or not self.display:
            return
        self._generation += 1
        accent = self.app.current_theme.accent if self.is_attached else None
        self._renderer.accent = accent
        self.run_worker(
            partial(self._render, self._generation, self._document, self._shown, width),
            thread=True,
            exclusive=True,
            group="preview-render",
            # Named, or Textual describes the worker with repr() of its work, the whole document: 1.6 ms
            # on the event loop for our policy, 30 ms for 2,000 clauses (docs/decisions.md).
            description="render the policy preview",
            exit_on_error=False,
        )

    def _render(self, generation: int, document: Any, previous: Any, width: int) -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled or generation != self._generation

        rendered = self._renderer.render(document, width, previous, cancelled)
        if rendered is not None and not cancelled():
            self.post_message(self.Rendered(generation, rendered))

    def on_policy_preview_rendered(self, message: PolicyPreview.Rendered) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a newer rendering is on its way
        rendered = message.rendered
        self._shown = self._document
        self.rendered = rendered
        self._rendered_width = rendered.width
        self._set_lines(rendered.lines, rendered.width)
        if rendered.first_change is not None:
            self.scroll_to(y=max(0, rendered.first_change - 1), animate=False, immediate=True)
        self.post_message(self.Updated(self, rendered))

    @dataclass
    class Updated(Message):
        """New lines are on screen (after the rendering of a new assembly or a resize)."""

        preview: PolicyPreview
        rendered: RenderedPolicy

        @property
        def control(self) -> PolicyPreview:
            return self.preview

    def on_resize(self) -> None:
        if self._document is not None and self.scrollable_content_region.width != self._rendered_width:
            self._request()
        elif self.message:
            self._set_lines(self._wrap(self.message))

    def on_show(self) -> None:
        if self._document is not None and self._shown is not self._document:
            self._request()

    # --- painting -----------------------------------------------------------------------------------------

    def _set_lines(self, lines: list[Strip], width: int | None = None) -> None:
        """Show `lines`; `width` when they are known to be that wide (a rendering's lines all are:
        measuring 10,000 of them took 1.3 ms of the event loop)."""
        self._lines = lines
        self._cache.clear()
        if width is None:
            width = max((strip.cell_length for strip in lines), default=0)
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def _wrap(self, text: str) -> list[Strip]:
        width = max(self.scrollable_content_region.width, 10)
        console = Console(width=width - 2, force_terminal=True, legacy_windows=False, markup=False)
        lines = console.render_lines(Text(text, style="italic"), console.options, pad=True)
        return [Strip([Segment("  "), *line], width) for line in lines]

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's ScrollView compares the virtual size the layout hands it (the visible area: this
        # widget has no children) with its own (the policy's lines), which never match, so every
        # relayout of the screen (every answer) drew this scroll bar again, 1 to 3 ms of the answer's
        # time (docs/decisions.md). Nothing it uses changed: nothing to do.
        laid_out = (size, self.virtual_size, container_size)
        if laid_out == self._laid_out:
            return False
        self._laid_out = laid_out
        return super()._size_updated(size, virtual_size, container_size, layout)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base: Style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, scroll_x, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._lines[index].apply_style(base).crop_extend(scroll_x, scroll_x + width, base)
            strip = strip.apply_offsets(scroll_x, index)
            if len(self._cache) >= CACHED_LINES:
                self._cache.clear()
            self._cache[key] = strip
        return strip
