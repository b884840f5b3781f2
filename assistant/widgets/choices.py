"""A numbered list of choices: pick one, or tick several.

Number keys 1-9 choose (or tick) directly. The highlighted option carries a "›" and ticked options
"[x]", so neither depends on colour. Typing a letter hands over to the text field, so the user can
always answer in their own words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.widgets.hanging import HangingLabel


class ChoiceList(OptionList):
    """Choices numbered from 1; `multi` turns it into a checklist (space ticks, enter confirms)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", show=False),
        *(Binding(str(n), f"number({n})", show=False) for n in range(1, 10)),
    ]

    class Chosen(Message):
        """Single choice: the user chose `value`. Checklist: the user confirmed the ticked `values`."""

        def __init__(self, choice_list: ChoiceList, value: Any, values: list[Any]) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.value = value
            self.values = values

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class Toggled(Message):
        """A checklist's ticks changed (a key bound to the list never reaches the screen's on_key)."""

        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        *,
        on_typing: Callable[[str], None] | None = None,
        on_number_chose: Callable[[], None] | None = None,
        on_no_such_number: Callable[[int], None] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`on_typing(character)` receives what the user types while the list has focus;
        `on_number_chose()` is called the moment a number key chooses (single choice), before any
        key typed after it is handled; `on_no_such_number(number)` when a number key is beyond the
        options, so that the user is told rather than nothing happening."""
        super().__init__(id=id, classes=classes)
        self._on_typing = on_typing
        self._on_number_chose = on_number_chose
        self._on_no_such_number = on_no_such_number
        self._forwarding = False  # typing started: every character goes to the field until focus returns
        self._burst: list[str] = []  # digits just typed: ticks, or the start of a typed answer
        self._values: list[Any] = []
        self._labels: list[str] = []
        self._ticked: set[int] = set()
        self._pointed: int | None = None
        self.multi = False

    def offer(
        self,
        entries: Sequence[tuple[Any, str]],
        *,
        multi: bool = False,
        selected: Any = None,
    ) -> None:
        """Show `entries` (value, label); preselect `selected` (a value, or a list of values when multi)."""
        self.multi = multi
        self._burst.clear()
        self._values = [value for value, _ in entries]
        self._labels = [label for _, label in entries]
        chosen = list(selected or []) if multi else [selected]
        self._ticked = {index for index, value in enumerate(self._values) if multi and value in chosen}
        highlight = 0
        for index, value in enumerate(self._values):
            if value in chosen:
                highlight = index
                break
        self._pointed = highlight  # the prompts are built with the pointer already there
        self.set_options([Option(self._prompt(index, index == highlight)) for index in range(len(entries))])
        self.highlighted = highlight if entries else None

    @property
    def ticked(self) -> list[Any]:
        return [value for index, value in enumerate(self._values) if index in self._ticked]

    def _prompt(self, index: int, highlighted: bool) -> HangingLabel:
        """'› [x] 3. Label', the label wrapped under itself when it is too long for one line."""
        pointer = "›" if highlighted else " "
        box = ("[x]" if index in self._ticked else "[ ]") if self.multi else ""
        head = Content.assemble(f"{pointer} {box} " if box else f"{pointer} ", (f"{index + 1}.", "bold"), " ")
        return HangingLabel(head, Content(self._labels[index]))

    def _refresh_prompts(self, indexes: set[int | None] | None = None) -> None:
        for index in range(self.option_count) if indexes is None else indexes - {None}:
            assert index is not None
            self.replace_option_prompt_at_index(index, self._prompt(index, index == self.highlighted))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self._labels and self.option_count == len(self._labels) and highlighted != self._pointed:
            self._refresh_prompts({self._pointed, highlighted})  # only the two that change
            self._pointed = highlighted

    # --- actions -----------------------------------------------------------------------------------

    def action_number(self, number: int) -> None:
        index = number - 1
        if not 0 <= index < len(self._values):
            if self._on_no_such_number is not None:
                self._on_no_such_number(number)
            return
        if self.multi:
            self.highlighted = index
            self._toggle(index)
        else:
            # Chosen at once, and the next question replaces the list: moving the highlight first drew a
            # frame of its own, and the next question waited for the frame after (docs/decisions.md,
            # "One frame per answer").
            self._choose(index)

    def action_toggle(self) -> None:
        if self.multi and self.highlighted is not None:
            self._toggle(self.highlighted)
        elif self.highlighted is not None:
            self._choose(self.highlighted)

    def action_select(self) -> None:
        """Enter: choose the highlighted option, or confirm the ticks of a checklist."""
        if self.multi:
            self.confirm()
        elif self.highlighted is not None:
            self._choose(self.highlighted)

    def confirm(self) -> None:
        self.post_message(self.Chosen(self, None, self.ticked))

    def _choose(self, index: int) -> None:
        self.post_message(self.Chosen(self, self._values[index], [self._values[index]]))

    def _toggle(self, index: int) -> None:
        self._ticked ^= {index}
        self._refresh_prompts({index})
        self.post_message(self.Toggled(self))

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is None or not 0 <= clicked < len(self._values):
            return
        self.highlighted = clicked
        if self.multi:
            self._toggle(clicked)
        else:
            self._choose(clicked)

    def on_key(self, event: events.Key) -> None:
        # Runs before the list's own bindings (space, digits), so once typing has started a space or a
        # digit is text, even if the keys arrive faster than the focus moves to the field.
        character = event.character
        if self._on_typing is None:
            return
        if not character or not character.isprintable():
            self._burst.clear()  # an arrow, enter, ...: the digits so far were meant as ticks
            return
        # A digit or a space acts here, not through the list's binding: a binding runs only once the key
        # has bubbled up to the app, after keys typed later may already have been handled, so fast
        # typing ("12 and 3 more") left a tick that the text undid first (issue 14, item 5).
        if character in "123456789" and not self._forwarding:
            event.stop()
            event.prevent_default()
            self._burst.append(character)  # ticks it now; undone if text follows
            chooses = not self.multi and int(character) <= len(self._values)
            self.action_number(int(character))
            if chooses and self._on_number_chose is not None:
                self._on_number_chose()
            return
        if character.isspace() and not self._forwarding and not self._burst:
            event.stop()
            event.prevent_default()
            self.action_toggle()  # space ticks (or chooses) the highlighted option
            return
        # Text: "2, 3" or "1 3" typed into a checklist is text, so the digits' ticks are undone.
        event.stop()
        event.prevent_default()
        typed = "".join(self._burst) if self.multi else ""
        for digit in self._burst if self.multi else ():
            self._ticked ^= {int(digit) - 1}
        if self._burst and self.multi:
            self._refresh_prompts()
        self._burst.clear()
        self._forwarding = True
        self._on_typing(typed + character)

    def on_focus(self) -> None:
        self._forwarding = False
        self._burst.clear()
