"""The input at the bottom of the chat, adapted to the question being asked.

- single choice and yes/no: a numbered list (number keys choose), with the text field below it;
- multiple choice: a checklist (space or a number ticks, enter confirms), with the text field;
- text, numbers, dates, e-mail: the text field, with the engine's message shown inline when the answer
  does not fit;
- long text: a multi-line area (enter sends, ctrl+j starts a new line).

The text field is always there: typing while the list has focus moves to it. What the user types is
reported as `Typed` (commands are told apart by the screen); a choice from the list as `Picked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static, TextArea
from textual.widgets.input import Selection

from assistant.conversation.prompts import Prompt
from assistant.pasting import without_controls
from assistant.widgets.choices import ChoiceList
from dialogue.model import Kind

# What the answer boxes hold at most: far more than any question allows (1,000 characters for the
# longest), so the engine still says "too long"; a longer paste is cut here, in one step.
MAX_ANSWER = 8000


class AnswerField(Input):
    """The one-line field for answers in the user's own words, and for typed commands."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "to_list", show=False),
        # Ctrl+U clears the whole box, wherever the cursor is (the help line under it says so).
        Binding("ctrl+u", "clear_box", show=False),
    ]

    def action_clear_box(self) -> None:
        self.clear()

    def _on_paste(self, event: events.Paste) -> None:
        # The first line, without control characters, cut to what fits: one copy, whatever was pasted.
        event.stop()
        start, end = sorted(self.selection)
        room = MAX_ANSWER - (len(self.value) - (end - start))
        lines = event.text[: room + 2].splitlines() if room > 0 else []
        line = without_controls(lines[0], lines=False) if lines else ""
        if line:
            self.replace(line[:room], start, end)

    def action_to_list(self) -> None:
        dock = self.parent
        if isinstance(dock, AnswerDock) and dock.has_list:
            dock.choices.focus()


class LongAnswer(TextArea):
    """A multi-line answer: enter sends it, ctrl+j (or alt+enter) starts a new line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "send", show=False, priority=True),
        Binding("ctrl+j,alt+enter,shift+enter", "newline", show=False, priority=True),
        Binding("ctrl+u", "clear_box", show=False),
    ]

    @dataclass
    class Sent(Message):
        text: str

    def action_send(self) -> None:
        self.post_message(self.Sent(self.text))

    def action_newline(self) -> None:
        self.insert("\n")

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        room = MAX_ANSWER - len(self.text) + len(self.selected_text)
        text = without_controls(event.text[: max(room, 0)]) if room > 0 else ""
        if text:
            self.move_cursor(self.replace(text, *self.selection).end_location)

    def action_clear_box(self) -> None:
        self.clear()


class AnswerDock(Vertical):
    """The answer area; `ask(prompt)` reconfigures it for a question, `idle()` when there is none."""

    @dataclass
    class Picked(Message):
        """A value chosen from the list (single/yes-no) or the ticks confirmed (checklist)."""

        value: Any

    @dataclass
    class Typed(Message):
        """Text submitted from the field or the long-text area: an answer in words or a command."""

        text: str

    def compose(self) -> ComposeResult:
        yield ChoiceList(id="choices", on_typing=self._type_into_field)
        yield LongAnswer(id="long-answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield AnswerField(id="answer-field", select_on_focus=False, max_length=MAX_ANSWER)
        yield Static(id="problem")
        yield Static(id="help-line")

    @property
    def choices(self) -> ChoiceList:
        return self.query_one("#choices", ChoiceList)

    @property
    def field(self) -> AnswerField:
        return self.query_one("#answer-field", AnswerField)

    @property
    def long_answer(self) -> LongAnswer:
        return self.query_one("#long-answer", LongAnswer)

    @property
    def problem(self) -> Static:
        return self.query_one("#problem", Static)

    @property
    def has_list(self) -> bool:
        return bool(self.choices.display)

    @property
    def kind(self) -> Kind | None:
        return self._kind

    _kind: Kind | None = None

    def ask(self, prompt: Prompt) -> None:
        self._kind = prompt.kind
        self.show_problem("")
        choices, field, long_answer = self.choices, self.field, self.long_answer
        has_list = bool(prompt.entries)
        choices.display = has_list
        if has_list:
            choices.offer(prompt.entries, multi=prompt.kind is Kind.MULTI, selected=prompt.offered)
            choices.border_subtitle = prompt.list_help
        is_long = prompt.kind is Kind.LONG_TEXT
        long_answer.display = is_long
        field.display = not is_long
        field.placeholder = prompt.placeholder
        # An offered answer (earlier, suggested or the default) is selected: typing replaces it, End or
        # an arrow keeps it to edit, Enter accepts it. It is never silently appended to.
        field.value = "" if is_long else prompt.field_text
        field.selection = Selection(0, len(field.value))
        if is_long:
            long_answer.text = prompt.field_text
            long_answer.placeholder = prompt.placeholder
            long_answer.select_all()
        help_line = self.query_one("#help-line", Static)
        help_line.update(Content(prompt.help_line))
        # Where an offered answer comes from, and how to replace it, is worth two lines.
        help_line.set_class(bool(prompt.field_text) or prompt.source in ("review", "returned"), "-offer")
        self.focus_answer()

    def idle(self, placeholder: str, help_line: str) -> None:
        """No question to answer (summary or done): only the field, for typed commands."""
        self._kind = None
        self.show_problem("")
        self.choices.display = False
        self.long_answer.display = False
        self.field.display = True
        self.field.value = ""
        self.field.placeholder = placeholder
        shown = self.query_one("#help-line", Static)
        shown.update(Content(help_line))
        shown.remove_class("-offer")
        self.field.focus()

    def focus_answer(self) -> None:
        if self.long_answer.display:
            self.long_answer.focus()
        elif self.choices.display:
            self.choices.focus()
        else:
            self.field.focus()

    def prefill(self, text: str) -> None:
        if self.long_answer.display:
            self.long_answer.text = text
        else:
            self.field.value = text
            self.field.cursor_position = len(text)

    def show_problem(self, message: str) -> None:
        """The engine's message under the field ("" hides it); the field is marked invalid too."""
        self.problem.update(Content(message))
        self.problem.display = bool(message)
        self.field.set_class(bool(message), "-invalid")
        self.long_answer.set_class(bool(message), "-invalid")

    # --- events from the parts ------------------------------------------------------------------------

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.post_message(self.Picked(event.values if event.choice_list.multi else event.value))

    def _type_into_field(self, character: str) -> None:
        field = self.field
        field.insert_text_at_cursor(character)
        field.focus()

    def on_paste(self, event: events.Paste) -> None:
        """A paste while the list has focus goes to the text field, as typing does."""
        event.stop()
        field = self.field
        if field.display:
            field.focus()
            field.post_message(events.Paste(event.text))

    @on(Input.Submitted, "#answer-field")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip() and self.has_list:
            # Enter on an empty field answers with what the list shows.
            self.choices.action_select()
            return
        self.post_message(self.Typed(without_controls(event.value, lines=False)))

    @on(Input.Changed, "#answer-field")
    def _changed(self, event: Input.Changed) -> None:
        if self.problem.display and event.value:
            self.show_problem("")

    @on(LongAnswer.Sent)
    def _sent(self, event: LongAnswer.Sent) -> None:
        event.stop()
        self.post_message(self.Typed(without_controls(event.text)))
