"""In the chat, the questions about the public speak of this organisation's people: a hospital is asked
about its patients, never about "customers" (dialogue.served)."""

from __future__ import annotations

from pathlib import Path

from uihelp import (
    answers_file,
    async_test,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_draft,
)

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
