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

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from assistant.conversation.prompts import Prompt
from assistant.pasting import MAX_ANSWER, without_controls
from assistant.widgets.choices import ChoiceList
from dialogue.model import Kind

if TYPE_CHECKING:
    from assistant.widgets.long_answer import LongAnswer


class AnswerField(Input):
    """The one-line field for answers in the user's own words, and for typed commands."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "to_list", show=False),
        # Ctrl+U clears the whole box, wherever the cursor is (the help line under it says so).
        Binding("ctrl+u", "clear_box", show=False),
    ]

    def action_clear_box(self) -> None:
        self.clear()

    _sending = False  # the key being handled is the Enter that sends the answer

    def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own key handler, which shows the cursor again after any key.
        self._sending = event.key == "enter"

    def _restart_blink(self) -> None:
        # Not for the Enter that sends the answer: the cursor shown again drew a frame of its own, and the
        # next question waited for the frame after (docs/decisions.md, "One frame per answer").
        if self._sending:
            self._sending = False
            return
        super()._restart_blink()

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
        yield ChoiceList(
            id="choices",
            on_typing=self._type_into_field,
            on_number_chose=self._arm_number_enter,
            on_no_such_number=self._say_no_such_number,
        )
        # The long answer box goes here when a long-text question is first asked (long_answer).
        yield AnswerField(id="answer-field", select_on_focus=False, max_length=MAX_ANSWER)
        yield Static(id="problem")
        yield Static(id="help-line")

    @property
    def choices(self) -> ChoiceList:
        return self.query_one("#choices", ChoiceList)

    @property
    def field(self) -> AnswerField:
        return self.query_one("#answer-field", AnswerField)

    _long: LongAnswer | None = None

    @property
    def long_answer(self) -> LongAnswer:
        """The multi-line box, mounted (hidden) the first time it is asked for."""
        if self._long is not None:
            return self._long
        # Imported and mounted on first use: Textual's TextArea, its styles and the widget cost about
        # 10 ms before the first question, which never needs them (docs/decisions.md, "Start-up").
        from assistant.widgets.long_answer import LongAnswer

        long_answer = LongAnswer(
            id="long-answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
        )
        self._long = long_answer
        self.mount(long_answer, before=self.field)
        return long_answer

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
    # A number key chooses at once, and many people press Enter after it, as in any numbered menu.
    # That Enter belongs to the number: it must not accept what the next question offers unseen.
    # Armed by the number key, it is spent by the next key, whatever it is.
    _number_enter = False
    _asked_since_number = False  # the Enter came after the next question was asked: say why it waits
    _after_number = ""
    _asked: tuple[Any, ...] = ()  # the answer as the question was asked: text, ticks, highlight

    def ask(self, prompt: Prompt) -> None:
        self._kind = prompt.kind
        self.show_problem("")
        choices, field = self.choices, self.field
        has_list = bool(prompt.entries)
        choices.display = has_list
        if has_list:
            choices.offer(prompt.entries, multi=prompt.kind is Kind.MULTI, selected=prompt.offered)
            choices.border_subtitle = prompt.list_help
        is_long = prompt.kind is Kind.LONG_TEXT
        if is_long or self._long is not None:
            self.long_answer.display = is_long
        field.display = not is_long
        field.placeholder = prompt.placeholder
        # An offered answer (earlier, suggested or the default) is selected: typing replaces it, End or
        # an arrow keeps it to edit, Enter accepts it. It is never silently appended to.
        field.value = "" if is_long else prompt.field_text
        field.selection = Selection(0, len(field.value))
        if is_long:
            long_answer = self.long_answer
            long_answer.text = prompt.field_text
            long_answer.placeholder = prompt.placeholder
            long_answer.select_all()
        # Where an offered answer comes from, and how to replace it, is worth two lines.
        self._help = (
            prompt.help_line,
            bool(prompt.field_text) or prompt.source in ("review", "returned", "typed"),
        )
        self._show_help(*self._help)
        self._asked = self._answer_state(prompt.field_text)
        self._asked_since_number = True
        self._after_number = prompt.after_number
        self._no_such_number = prompt.no_such_number
        self._saying_no_such_number = False
        self.focus_answer()

    def idle(self, placeholder: str, help_line: str) -> None:
        """No question to answer (summary or done): only the field, for typed commands."""
        self._kind = None
        self.show_problem("")
        self.choices.display = False
        if self._long is not None:
            self._long.display = False
        self.field.display = True
        self.field.value = ""
        self._asked = self._answer_state("")
        self.field.placeholder = placeholder
        shown = self.query_one("#help-line", Static)
        shown.update(Content(help_line))
        shown.remove_class("-offer")
        self.field.focus()

    def focus_answer(self) -> None:
        if self._long is not None and self._long.display:
            self._long.focus()
        elif self.choices.display:
            self.choices.focus()
        else:
            self.field.focus()

    def prefill(self, text: str) -> None:
        if self._long is not None and self._long.display:
            self._long.text = text
        else:
            self.field.value = text
            self.field.cursor_position = len(text)

    def show_problem(self, message: str) -> None:
        """The engine's message under the field ("" hides it); the field is marked invalid too."""
        self.problem.update(Content(message))
        self.problem.display = bool(message)
        self.field.set_class(bool(message), "-invalid")
        if self._long is not None:
            self._long.set_class(bool(message), "-invalid")

    # --- events from the parts ------------------------------------------------------------------------

    def _arm_number_enter(self) -> None:
        self._number_enter = True
        self._asked_since_number = False
        # An Enter typed so fast that it arrives before the next question is asked belongs here too.
        self._asked = self._answer_state(self.field.value)

    def _answer_state(self, text: str) -> tuple[Any, ...]:
        choices = self.choices
        return (text, tuple(choices.ticked), choices.highlighted) if choices.display else (text,)

    _no_such_number: Mapping[int, str] = MappingProxyType({})  # what the prompt says, by number

    _help: tuple[str, bool] = ("", False)  # the question's help line, and whether it takes two lines
    _saying_no_such_number = False

    def _show_help(self, text: str, two_lines: bool) -> None:
        help_line = self.query_one("#help-line", Static)
        help_line.update(Content(text))
        help_line.set_class(two_lines, "-offer")

    def _say_no_such_number(self, number: int) -> None:
        self._show_help(self._no_such_number.get(number, ""), True)
        self._saying_no_such_number = True

    def _takes_number_enter(self, text: str) -> bool:
        """Whether an Enter now is the one typed after a number key, with nothing changed since.
        If the next question was asked meanwhile, the line under the box says why it still waits."""
        armed, self._number_enter = self._number_enter, False
        if not armed or self._answer_state(text) != self._asked:
            return False
        if self._asked_since_number and self._after_number:
            help_line = self.query_one("#help-line", Static)
            help_line.update(Content(self._after_number))
            help_line.add_class("-offer")  # two lines, wrapped
        return True

    def on_key(self, event: events.Key) -> None:
        # Keys that the field or the list keep (letters, digits) never get here, but what they do
        # changes the text or the ticks, which _takes_number_enter compares. Arrows and Enter get here.
        if event.key == "enter" and self._takes_number_enter(self.field.value):
            event.stop()
            event.prevent_default()
        elif event.key != "enter":
            self._number_enter = False

    def on_mouse_down(self) -> None:
        self._number_enter = False  # a click is a new step too, like any key

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.post_message(self.Picked(event.values if event.choice_list.multi else event.value))

    def _type_into_field(self, character: str) -> None:
        if self._saying_no_such_number:  # the digit began a typed answer ("9 of them"), not a choice
            self._saying_no_such_number = False
            self._show_help(*self._help)
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

    def on_long_answer_sent(self, event: LongAnswer.Sent) -> None:
        event.stop()
        if self._takes_number_enter(event.text):
            return  # its Enter is a priority key, so it is told apart here rather than in on_key
        self.post_message(self.Typed(without_controls(event.text)))
