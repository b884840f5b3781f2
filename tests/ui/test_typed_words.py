"""The chat says back what it understood from words typed in one's own language."""

from __future__ import annotations

from pathlib import Path

from uihelp import async_test, chat_of, make_app, submit_text, transcript_text, wait_for


def said(app) -> str:
    return " ".join(transcript_text(app).split())


@async_test
async def test_a_town_for_the_regions_is_said_back_as_its_region(home: Path) -> None:
    app = make_app(home, new=True, language="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Welk soort socialemediabeleid" in said(app))
        await submit_text(pilot, "volledig beleid")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "org_name")
        await submit_text(pilot, "Bakkerij Peeters")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "regions")
        await submit_text(pilot, "alleen in Gent en Luik")
        await wait_for(pilot, lambda: "Luik, dus Wallonië" in said(app), what="the places said back")
        text = said(app)
        assert "U: Vlaanderen (Nederlands taalgebied); Wallonië (Frans taalgebied)" in text
        assert (
            "Assistent: Gent, dus Vlaanderen (Nederlands taalgebied); Luik, dus Wallonië (Frans taalgebied)."
            in text
        )
        # said under the answer, before the explanation of the policy's languages
        assert text.index("Gent, dus Vlaanderen") < text.index("Een woord over de taal van het beleid")


@async_test
async def test_brussels_staff_who_speak_english_are_told_why_dutch_or_french(home: Path) -> None:
    app = make_app(home, new=True, language="de")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Welche Art von Social-Media-Richtlinie" in said(app))
        await submit_text(pilot, "umfassend")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "org_name")
        await submit_text(pilot, "Acme")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "regions")
        await submit_text(pilot, "nur Brüssel")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "staff_languages")
        await submit_text(pilot, "Englisch")
        await wait_for(pilot, lambda: "Wie verteilt sich Ihr Brüsseler Personal" in said(app))
        assert chat_of(app).session.current.id == "staff_languages"
        await submit_text(pilot, "beide")
        await wait_for(pilot, lambda: chat_of(app).session.current.id == "headcount")
        assert chat_of(app).session.answers["staff_languages"] == ["nl", "fr"]
