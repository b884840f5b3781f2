"""In the chat, the questions about the public speak of this organisation's people: a hospital is asked
about its patients, never about "customers" (dialogue.served)."""

from __future__ import annotations

from pathlib import Path

from uihelp import (
    answers_file,
    async_test,
    chat_of,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.widgets.choices import ChoiceList

HOSPITAL = answers_file("hospital-liege.yaml")


@async_test
async def test_a_hospital_is_asked_about_its_patients(home: Path) -> None:
    write_draft(home, session_at("customer_service", HOSPITAL), "hospital")
    app = make_app(home, resume="hospital")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "questions or complaints from patients" in transcript_text(app))
        await submit_text(pilot, "yes")
        await wait_for(pilot, lambda: "Who answers patients on social media?" in transcript_text(app))
        await pilot.press("f1")
        await wait_for(
            pilot, lambda: "Only they answer patients on the official accounts" in transcript_text(app)
        )
        assert "customer" not in transcript_text(app).lower()


@async_test
async def test_a_care_home_typed_for_the_sector_is_offered_as_the_kind_of_care(home: Path) -> None:
    # Seen in tmux: "un hôpital" for the sector, then "Quel type de soins ?" with nothing offered.
    session = session_at("sector", HOSPITAL)
    session.set_language("fr")
    write_draft(home, session, "sector")
    app = make_app(home, resume="sector")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: "Dans quel secteur" in transcript_text(app))
        await submit_text(pilot, "une maison de repos")
        await wait_for(pilot, lambda: chat.session.current.id == "care_setting")
        choices = app.screen.query_one(ChoiceList)
        await wait_for(
            pilot, lambda: choices.display and choices.highlighted == 1, what="the care home offered"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat.session.answers.get("care_setting") == "care_home")
