"""A long option wraps under its own words, never under its number or pointer, in the answer box's
lists and in the summary and start screens' lists; and the list's lines are drawn without Rich's
table grid (docs/decisions.md, "The choice list")."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content

from assistant.widgets.choices import ChoiceList
from assistant.widgets.hanging import HangingLabel
from assistant.widgets.pointer_list import PointerList
from tests.ui.uihelp import async_test, wait_for

LONG = "Professional services such as law firms, accounting offices, payroll bureaus and consultancy"


class Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceList(id="choices")
        yield PointerList(id="pointed")


def lines_of(widget: ChoiceList | PointerList) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.content_size.height)]


@async_test
async def test_a_long_choice_wraps_under_its_label_in_a_list_and_a_checklist() -> None:
    app = Lists()
    async with app.run_test(size=(44, 20)) as pilot:
        choices = app.query_one(ChoiceList)
        for multi, head in ((False, "› 1. "), (True, "› [ ] 1. ")):
            choices.offer([("long", LONG), ("short", "Other")], multi=multi)
            await wait_for(pilot, lambda: choices.content_size.height >= 4)
            shown = lines_of(choices)
            assert shown[0].startswith(head + "Professional")
            continued = [line for line in shown[1:] if line and "Other" not in line]
            assert continued, shown
            for line in continued:  # the label's further lines start under its first word
                assert line.startswith(" " * len(head)) and line[len(head)] != " ", shown
            assert " ".join(word for line in shown for word in line.split()).count("consultancy") == 1


@async_test
async def test_a_long_summary_entry_wraps_under_its_text_not_under_the_pointer() -> None:
    app = Lists()
    async with app.run_test(size=(44, 20)) as pilot:
        pointed = app.query_one(PointerList)
        pointed.show([(Content.assemble(LONG, "\n", "→ ", ("Yes", "italic")), "q", False)])
        pointed.highlighted = 0
        await wait_for(pilot, lambda: pointed.content_size.height >= 3)
        shown = [line for line in lines_of(pointed) if line]
        assert shown[0].startswith("› Professional")
        assert all(line.startswith("  ") and line[2] != " " for line in shown[1:]), shown
        assert shown[-1].strip() == "→ Yes"


def test_a_label_is_wrapped_once_per_width() -> None:
    """Asked again at the same width (every frame asks every option's height), the lines are kept."""
    label = HangingLabel(Content("› 1. "), Content(LONG * 4))
    first = label._lines(30)
    assert label._lines(30) is first
    assert label._lines(31) is not first


@settings(max_examples=200, deadline=None)
@given(
    head=st.sampled_from(["› ", "  ", "› [x] 12. ", "  [ ] 3. "]),
    words=st.lists(st.text(alphabet="abcdéfgh", min_size=1, max_size=14), min_size=1, max_size=30),
    width=st.integers(min_value=1, max_value=80),
)
def test_every_word_is_shown_once_within_the_width(head: str, words: list[str], width: int) -> None:
    label = HangingLabel(Content(head), Content(" ".join(words)))
    lines = label._lines(width).split("\n")
    shown = "".join(line.plain for line in lines)
    # Nothing is lost or added (a word longer than the room is folded over lines).
    assert "".join(shown.split()) == "".join(head.split()) + "".join(words)
    assert lines[0].plain.startswith(head.rstrip())
    if width >= len(head) + 14:  # room for the longest word beside the head: every line fits, indented
        assert all(line.cell_length <= width for line in lines)
        assert all(line.plain.startswith(" " * len(head)) for line in lines[1:])
        assert label.get_height({}, width) == len(lines)


def test_drawing_a_long_list_takes_no_more_than_a_millisecond_per_option() -> None:
    """What it replaced, Rich's table grid, took about a millisecond per option and per width."""
    labels = [HangingLabel(Content(f"  {n}. "), Content(LONG)) for n in range(1, 11)]
    start = time.perf_counter()
    for width in range(40, 60):
        for label in labels:
            label.get_height({}, width)
    per_option = (time.perf_counter() - start) * 1000 / (20 * len(labels))
    assert per_option < 1.0, f"{per_option:.2f} ms per option"
