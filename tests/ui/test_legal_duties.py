"""The law says so (issue 13 item 8): an answer that shows a legal duty unmet gets one line with the
rule at once, in the language we talk in, and the line stays when the conversation is told again."""

from __future__ import annotations

from pathlib import Path

from uihelp import (
    answers_file,
    async_test,
    chat_of,
    make_app,
    session_at,
    transcript_text,
    wait_for,
    write_draft,
)

COMPREHENSIVE = {**answers_file("comprehensive-brussels.yaml"), "headcount": 85}


@async_test
async def test_no_whistleblowing_channel_at_85_employees_is_said_at_once(home: Path) -> None:
    write_draft(home, session_at("whistleblowing_channel", COMPREHENSIVE), "channel")
    app = make_app(home, resume="channel")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.session.state == "whistleblowing_channel")
        chat.dock.choices.focus()
        await pilot.press("2")  # No
        await wait_for(pilot, lambda: chat.session.state == "whistleblowing_contact")
        said = transcript_text(app)
        line = (
            "⚠ The law: with 85 employees you must have an internal reporting channel (Act of 28 "
            "November 2022, from 50 employees in the private sector)."
        )
        assert line in said
        # Right after the answer, before the next question.
        assert said.index("You: No") < said.index(line) < said.rindex("Without a channel, to whom")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: app.screen is not chat)
        await pilot.press("2")  # Nederlands: the conversation is told again, the duty with it
        await wait_for(
            pilot,
            lambda: "De wet: met 85 werknemers moet u een intern meldingskanaal" in transcript_text(app),
        )


@async_test
async def test_a_yes_says_nothing_of_the_law(home: Path) -> None:
    write_draft(home, session_at("whistleblowing_channel", COMPREHENSIVE), "channel")
    app = make_app(home, resume="channel")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.session.state == "whistleblowing_channel")
        chat.dock.choices.focus()
        await pilot.press("1")  # Yes
        await wait_for(pilot, lambda: chat.session.state == "whistleblowing_how")
        assert "The law:" not in transcript_text(app)
