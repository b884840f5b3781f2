"""The transcript draws its messages as lines, not widgets, and they look as the bubbles did: the
assistant's with a coloured bar on the left and room on the right, the user's indented, sections centred
after a blank line; every line as wide as the view, every word kept, in the theme's colours
(docs/decisions.md, "The transcript draws its own lines")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from assistant.widgets.transcript import Bubble, Transcript, heard, said, section
from tests.ui.uihelp import async_test, wait_for

CSS = """
Transcript { padding: 0 1; scrollbar-size-vertical: 1; }
Transcript > .transcript--assistant { background: $boost; }
Transcript > .transcript--bar-note { color: $panel; }
Transcript > .transcript--bar-question { color: $primary; }
Transcript > .transcript--bar-why { color: $accent; }
Transcript > .transcript--bar-problem { color: $error; }
Transcript > .transcript--user { background: $primary 15%; }
Transcript > .transcript--section { color: $text-muted; }
"""


class Chat(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        yield Transcript()


def shown(transcript: Transcript) -> list[str]:
    return [transcript.render_line(y).text for y in range(transcript.size.height)]


async def say(pilot: Pilot, *bubbles: Bubble) -> Transcript:
    """The app's transcript, once a frame has drawn `bubbles` added to it."""
    transcript = pilot.app.query_one(Transcript)
    transcript.add(list(bubbles))
    await wait_for(pilot, lambda: transcript.has_drawn(len(transcript.messages) - 1))
    return transcript


@async_test
async def test_messages_are_drawn_as_bubbles_of_their_speaker() -> None:
    app = Chat()
    async with app.run_test(size=(40, 20)) as pilot:
        transcript = await say(
            pilot,
            section("Your organisation"),
            said("Assistant:", "What is its name?", variant="question"),
            heard("You:", "Bakkerij Peeters"),
        )
        lines = shown(transcript)
        assert lines[0].strip() == ""  # a section stands apart ...
        assert lines[1].strip() == "Your organisation" and lines[1].index("Your") > 5  # ... centred
        assert lines[2].startswith("▎ Assistant: What is its name?") and lines[2].endswith("    ")
        assert lines[3].startswith(" " * 8 + " You: Bakkerij Peeters")
        assert all(len(line) == transcript.scrollable_content_region.width for line in lines)
        assert not transcript.children  # no widget per message


@async_test
async def test_the_bar_says_what_kind_of_message_it_is_and_follows_the_theme() -> None:
    app = Chat()
    async with app.run_test(size=(40, 20)) as pilot:
        transcript = await say(
            pilot, said("Assistant:", "Which sector?", variant="question"), said("Assistant:", "Noted.")
        )

        def bars() -> tuple[object, object]:
            return tuple(next(iter(transcript.render_line(y))).style.color for y in (0, 1))  # type: ignore[return-value]

        question, note = bars()
        assert question != note
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await wait_for(pilot, lambda: bars() != (question, note))
        assert bars()[0] != bars()[1]


@async_test
async def test_a_long_conversation_follows_the_newest_message_until_the_user_scrolls_up() -> None:
    app = Chat()
    async with app.run_test(size=(40, 10)) as pilot:
        transcript = app.query_one(Transcript)
        for turn in range(12):
            transcript.add([heard("You:", f"answer {turn}"), said("Assistant:", f"question {turn}")])
        await wait_for(pilot, lambda: transcript.has_drawn(23))
        assert transcript.scroll_y == transcript.max_scroll_y > 0
        assert "question 11" in shown(transcript)[-1]
        transcript.scroll_to(y=0, animate=False)
        await wait_for(pilot, lambda: transcript.scroll_y == 0)
        await say(pilot, heard("You:", "while reading"))
        assert transcript.scroll_y == 0  # left where the user reads
        transcript.scroll_end(animate=False)
        await wait_for(pilot, lambda: transcript.scroll_y == transcript.max_scroll_y)
        transcript.add([said("Assistant:", "and the next")])
        await wait_for(pilot, lambda: "and the next" in shown(transcript)[-1])


@async_test
async def test_the_scroll_bar_takes_a_column_only_while_the_messages_overflow_the_view() -> None:
    app = Chat()
    async with app.run_test(size=(40, 8)) as pilot:
        transcript = app.query_one(Transcript)
        for turn in range(6):  # a line each: over the view's 8 lines from the fifth turn, and further over
            await say(pilot, said("Assistant:", f"question {turn}"), heard("You:", f"answer {turn}"))
            overflowing = 2 * (turn + 1) > transcript.size.height
            assert transcript.virtual_size.width == transcript.size.width - overflowing  # the bar's column
        await pilot.resize_terminal(40, 30)  # now everything fits: the full width again
        await wait_for(pilot, lambda: transcript.virtual_size.width == transcript.size.width)
        assert transcript.virtual_size.height == 12 and "question 0" in shown(transcript)[0]
        assert all(len(line) == transcript.size.width for line in shown(transcript))


# Words of one to twelve letters: what a wrapped line keeps must be found again, word for word.
words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=12), min_size=1, max_size=40
)


@async_test
async def test_every_line_is_as_wide_as_the_view_and_every_word_is_kept() -> None:
    app = Chat()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        transcript = app.query_one(Transcript)

        @settings(max_examples=200, deadline=None)
        @given(
            words=words,
            width=st.integers(min_value=20, max_value=160),
            speaker=st.sampled_from(["you", "assistant", "section"]),
        )
        def check(words: list[str], width: int, speaker: str) -> None:
            text = " ".join(words)
            message = {
                "you": heard("You:", text),
                "assistant": said("Assistant:", text, hint="A hint.", variant="why"),
                "section": section(text),
            }[speaker]
            strips = transcript._draw(message, width)  # at any width, whatever the view's
            assert all(strip.cell_length == width for strip in strips)
            kept = "".join(strip.text.replace("▎", "").replace(" ", "") for strip in strips)
            assert kept == str(message.text).replace(" ", "").replace("\n", "")  # a long word folds

        check()
